"""Quiz files as authors write them by hand, with every mistake the schema must name: file, line or
question, and the fix. YAML's own traps (a key given twice, aliases, ``.nan``) are refused too."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.quiz import QuizError, load_quiz

GOOD = """\
id: demo
title: "A demo quiz"
questions:
  - id: year
    kind: number
    prompt: "In which year was resolution 2100 adopted?"
    answer: 2013
    tolerance: 0
    explanation: "On 25 April 2013."
    source: {label: "UN press release SC/10987", url: "https://press.un.org/en/2013/sc10987.doc.htm"}
    objective: LO1
"""


def _write(tmp_path: Path, text: str, name: str = "demo.yaml", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_the_good_file_loads(tmp_path):
    assert load_quiz(_write(tmp_path, GOOD))["id"] == "demo"


@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("    tolerance: 0\n", "    tolerance: 0\n    answer: 2014\n"),
     "line 9: the key 'answer' is given twice (also on line 7)"),
    (lambda t: t.replace("answer: 2013", "answer: .nan"), "finite number (not .nan or .inf)"),
    (lambda t: t.replace("tolerance: 0", "tolerance: .inf"), "tolerance must be a finite number"),
    (lambda t: t.replace("tolerance: 0", "tolerance: true"), "tolerance must be a finite number"),
    (lambda t: t.replace('title: "A demo quiz"', "title: 2013"), "the title must be text"),
    (lambda t: t.replace('title: "A demo quiz"', "title: [a, b]"), "the title must be text"),
    (lambda t: t.replace("id: demo", "id: other-quiz"), "the quiz id 'other-quiz' differs from the file name"),
    (lambda t: "anchor: &a [1, 2]\n" + t.replace('prompt: "In which', 'prompt: *a\n    note: "In which'),
     "aliases (*name) are not allowed"),
    (lambda t: t.replace("kind: number", "kind: numbr"), "question 'year': unknown kind 'numbr'"),
    (lambda t: t.replace("    objective: LO1\n", ""), "question 'year': missing objective"),
    (lambda t: t.replace('url: "https://press.un.org/en/2013/sc10987.doc.htm"', 'url: "javascript:alert(1)"'),
     "question 'year': source must have a label and an http(s) url"),
])
def test_a_malformed_quiz_file_is_named_with_the_fix(tmp_path, edit, expected):
    with pytest.raises(QuizError) as caught:
        load_quiz(_write(tmp_path, edit(GOOD)))
    assert str(caught.value).startswith("demo.yaml") and expected in str(caught.value)


def test_a_billion_laughs_file_is_refused_before_it_expands(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)) + GOOD
    with pytest.raises(QuizError, match="aliases"):
        load_quiz(_write(tmp_path, bomb))


def test_a_file_that_is_not_utf8_names_its_line(tmp_path):
    text = GOOD.replace("On 25 April 2013.", "Le 25 avril 2013, à New York.")
    with pytest.raises(QuizError) as caught:
        load_quiz(_write(tmp_path, text, encoding="latin-1"))
    assert "demo.yaml, line 9: not UTF-8 (byte 0xE0)" in str(caught.value)
