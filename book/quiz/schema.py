"""Quiz files: questions written once, as YAML, checked with messages that name the file and
the question.

A quiz file has an ``id``, a ``title`` and a list of ``questions``. Each question has an ``id``,
a ``kind`` (single, multiple, number, order, match), a ``prompt``, an ``explanation``, a
``source`` (``label`` and ``url``) and the learning ``objective`` it checks, plus what its kind
needs: ``options`` and ``answer`` (single, multiple), ``answer`` and ``tolerance`` (number),
``items`` in the right order (order), ``pairs`` (match).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from pathlib import Path
from typing import Any

import yaml

KINDS = ("single", "multiple", "number", "order", "match")
COMMON_KEYS = {"id", "kind", "prompt", "explanation", "source", "objective"}
KIND_KEYS = {
    "single": {"options", "answer"},
    "multiple": {"options", "answer"},
    "number": {"answer", "tolerance", "unit"},
    "order": {"items"},
    "match": {"pairs"},
}
REQUIRED_KIND_KEYS = {
    "single": {"options", "answer"},
    "multiple": {"options", "answer"},
    "number": {"answer"},
    "order": {"items"},
    "match": {"pairs"},
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class QuizError(ValueError):
    """A quiz file is wrong; the message names the file, the question and the fix."""


class StrictLoader(yaml.SafeLoader):
    """YAML as quiz authors write it, with what YAML allows but a quiz must not: a key given twice
    (YAML keeps the last, silently) and aliases (``*name``, which can make a small file expand to
    a huge one) are refused, with the line."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.YAMLError(f"line {mark.line + 1}: aliases (*name) are not allowed in a quiz file; "
                                 "write the text out")
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise yaml.YAMLError(f"line {line}: the key {key!r} is given twice (also on line {seen[key]}); "
                                     "YAML would keep only the last")
            seen[key] = line
        return super().construct_mapping(node, deep)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _strings(value: Any, minimum: int) -> bool:
    return (isinstance(value, list) and len(value) >= minimum
            and all(isinstance(v, str) and v.strip() for v in value))


def check_question(q: Any, where: str) -> None:
    """Raise :class:`QuizError` if question ``q`` is malformed; ``where`` prefixes the message.

    >>> check_question({"id": "a", "kind": "single", "prompt": "?", "options": ["x", "y"],
    ...                 "answer": 2, "explanation": "e", "objective": "LO1",
    ...                 "source": {"label": "s", "url": "https://un.org"}}, "quiz.yaml")
    Traceback (most recent call last):
    ...
    book.quiz.schema.QuizError: quiz.yaml, question 'a': the answer 2 is not among the options (give an index ...)
    """
    if not isinstance(q, dict):
        raise QuizError(f"{where}: each question must be a mapping of keys to values")
    qid = q.get("id")
    if not isinstance(qid, str) or not SLUG.match(qid):
        raise QuizError(f"{where}: a question has no valid id (lowercase letters, digits, hyphens): {qid!r}")
    at = f"{where}, question {qid!r}"
    kind = q.get("kind")
    if kind not in KINDS:
        raise QuizError(f"{at}: unknown kind {kind!r}; the kinds are: {', '.join(KINDS)}")
    missing = (COMMON_KEYS | REQUIRED_KIND_KEYS[kind]) - q.keys()
    if missing:
        raise QuizError(f"{at}: missing {', '.join(sorted(missing))}")
    unknown = q.keys() - COMMON_KEYS - KIND_KEYS[kind]
    if unknown:
        raise QuizError(f"{at}: keys not used by a {kind} question: {', '.join(sorted(unknown))}")
    for key in ("prompt", "explanation", "objective"):
        if not isinstance(q[key], str) or not q[key].strip():
            raise QuizError(f"{at}: {key} must be non-empty text")
    src = q["source"]
    if not (isinstance(src, dict) and isinstance(src.get("label"), str)
            and isinstance(src.get("url"), str) and re.match(r"^https?://\S+$", src["url"])):
        raise QuizError(f"{at}: source must have a label and an http(s) url")
    _check_kind(q, kind, at)


def _check_kind(q: dict[str, Any], kind: str, at: str) -> None:
    if kind in ("single", "multiple"):
        options = q["options"]
        if not _strings(options, 2):
            raise QuizError(f"{at}: options must be a list of at least two texts")
        if len(set(options)) != len(options):
            raise QuizError(f"{at}: two options have the same text")
        answers = [q["answer"]] if kind == "single" else q["answer"]
        if kind == "multiple" and (not isinstance(answers, list) or not answers):
            raise QuizError(f"{at}: the answer of a multiple question is a non-empty list of indices")
        for a in answers:
            if not _is_int(a) or not 0 <= a < len(options):
                raise QuizError(f"{at}: the answer {a!r} is not among the options "
                                f"(give an index from 0 to {len(options) - 1})")
        if len(set(answers)) != len(answers):
            raise QuizError(f"{at}: the answer lists an option twice")
    elif kind == "number":
        if not isinstance(q["answer"], int | float) or isinstance(q["answer"], bool) or not math.isfinite(q["answer"]):
            raise QuizError(f"{at}: the answer of a number question must be a finite number (not .nan or .inf)")
        tol = q.get("tolerance", 0)
        if not isinstance(tol, int | float) or isinstance(tol, bool) or not math.isfinite(tol) or tol < 0:
            raise QuizError(f"{at}: tolerance must be a finite number of zero or more (not .nan or .inf)")
    elif kind == "order":
        if not _strings(q["items"], 3) or len(set(q["items"])) != len(q["items"]):
            raise QuizError(f"{at}: items must be at least three different texts, in the right order")
    elif kind == "match":
        pairs = q["pairs"]
        if not (isinstance(pairs, list) and len(pairs) >= 2
                and all(_strings(p, 2) and len(p) == 2 for p in pairs)):
            raise QuizError(f"{at}: pairs must be a list of at least two [item, match] pairs")
        for side, name in ((0, "items"), (1, "matches")):
            values = [p[side] for p in pairs]
            if len(set(values)) != len(values):
                raise QuizError(f"{at}: two {name} have the same text")


def check_quiz(data: Any, where: str) -> dict[str, Any]:
    """Check a whole quiz and return it with a content ``version`` (a short hash).

    >>> q = check_quiz({"id": "demo", "title": "Demo", "questions": [{"id": "y", "kind": "number",
    ...     "prompt": "Year?", "answer": 2013, "explanation": "e", "objective": "LO1",
    ...     "source": {"label": "s", "url": "https://un.org"}}]}, "demo.yaml")
    >>> q["version"]
    '719ac975ec'
    """
    if not isinstance(data, dict):
        raise QuizError(f"{where}: a quiz file must be a mapping with id, title and questions")
    for key in ("id", "title", "questions"):
        if key not in data:
            raise QuizError(f"{where}: missing {key}")
    if not isinstance(data["id"], str) or not SLUG.match(data["id"]):
        raise QuizError(f"{where}: the quiz id must be lowercase letters, digits and hyphens")
    if not isinstance(data["title"], str) or not data["title"].strip():
        raise QuizError(f"{where}: the title must be text, in quotes if it could be read as a number or a date")
    questions = data["questions"]
    if not isinstance(questions, list) or not questions:
        raise QuizError(f"{where}: questions must be a non-empty list")
    seen: set[str] = set()
    for number, q in enumerate(questions, start=1):
        check_question(q, f"{where} (question {number})" if not isinstance(q, dict) else where)
        if q["id"] in seen:
            raise QuizError(f"{where}, question {q['id']!r}: duplicate id; each question needs its own")
        seen.add(q["id"])
    spec = {"id": data["id"], "title": data["title"], "questions": questions}
    canonical = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    spec["version"] = hashlib.sha256(canonical.encode()).hexdigest()[:10]
    return spec


def load_quiz(path: Path) -> dict[str, Any]:
    """Read and check the quiz file at ``path``: UTF-8 YAML, no key twice, no aliases, and an
    ``id`` equal to the file's name (``mandate.yaml`` holds the quiz ``mandate``)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise QuizError(f"{path.name}, line {line}: not UTF-8 (byte 0x{raw[err.start]:02X}); save the file as "
                        "UTF-8 in your editor") from None
    try:
        data = yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as err:
        raise QuizError(f"{path.name}: not valid YAML for a quiz file: {err}") from None
    spec = check_quiz(data, path.name)
    if spec["id"] != path.stem:
        raise QuizError(f"{path.name}: the quiz id {spec['id']!r} differs from the file name; make it {path.stem!r}")
    return spec
