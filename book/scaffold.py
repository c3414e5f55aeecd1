"""Add a chapter to the course: ``./course new-chapter SLUG "Title"`` (``python -m book.scaffold``).

From the templates in ``templates/`` it writes the chapter notebook (every section of the chapter
standard, one figure shown with ``book.figures.show``, the quiz), its quiz with one question of each
kind, the teacher edition of its exercise with one task and its solution, the tasks module with
that task's check, and the student edition; it declares the chapter in ``_chapters.yml`` as a draft,
rewrites ``_toc.yml`` and the README table, and runs the new notebooks so that their outputs are
stored. The new chapter then builds and passes every test, marked "In preparation" on its pages.

Text to replace is marked ✎ TEMPLATE; a test refuses to publish a chapter that still has any.
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
from pathlib import Path
from typing import Any

from book import manifest
from book.paths import repo_root

TEMPLATE_MARK = "✎ TEMPLATE"
TEMPLATES = "templates"


class ScaffoldError(ValueError):
    """Why a chapter cannot be added, in a sentence."""


def module_name(slug: str) -> str:
    """The tasks module's name for a slug.

    >>> module_name("after-minusma")
    'after_minusma'
    """
    return slug.replace("-", "_")


def planned_paths(slug: str) -> dict[str, str]:
    """Where a chapter called ``slug`` keeps its files, relative to the repository root.

    >>> planned_paths("moura")["tasks"]
    'book/tasks/moura.py'
    """
    return {"notebook": f"chapters/{slug}.ipynb", "quiz": f"chapters/quizzes/{slug}.yaml",
            "teacher": f"exercises/teacher/{slug}.ipynb", "student": f"exercises/{slug}.ipynb",
            "tasks": f"book/tasks/{module_name(slug)}.py"}


def check_slug(slug: str, root: Path) -> None:
    """Refuse a slug that is not a valid name or that a chapter already uses.

    >>> check_slug("Mali 2012", repo_root())
    Traceback (most recent call last):
    ...
    book.scaffold.ScaffoldError: 'Mali 2012' is not a valid chapter name: use lower-case letters and digits ...
    >>> check_slug("mandate", repo_root())
    Traceback (most recent call last):
    ...
    book.scaffold.ScaffoldError: a chapter called 'mandate' exists already (chapter 2, published): choose another name
    """
    if not manifest.SLUG.match(slug) or keyword.iskeyword(module_name(slug)):
        raise ScaffoldError(f"{slug!r} is not a valid chapter name: use lower-case letters and digits joined by "
                            "hyphens, starting with a letter, like 'after-minusma'")
    for c in manifest.chapters(root):
        if c.slug == slug and c.status != "planned":
            raise ScaffoldError(f"a chapter called {slug!r} exists already (chapter {c.number}, {c.status}): "
                                "choose another name")
    taken = [p for p in planned_paths(slug).values() if (root / p).exists()]
    if taken:
        raise ScaffoldError(f"files for {slug!r} exist already ({', '.join(taken)}): choose another name, "
                            "or declare those files in _chapters.yml")


def chapter_number(slug: str, number: int | None, root: Path) -> int:
    """The new chapter's number: the one the plan gives the slug, the one asked for, or the next."""
    chapters = manifest.chapters(root)
    planned = next((c for c in chapters if c.slug == slug), None)
    if planned is not None:
        if number is not None and number != planned.number:
            raise ScaffoldError(f"{slug!r} is planned as chapter {planned.number}, not {number}")
        return planned.number
    if number is None:
        return max((c.number for c in chapters), default=0) + 1
    if any(c.number == number for c in chapters):
        raise ScaffoldError(f"chapter {number} exists already in _chapters.yml: choose another number")
    return number


def fill(text: str, values: dict[str, str]) -> str:
    """Replace ``{{name}}`` placeholders.

    >>> fill("# {{title}} ({{slug}})", {"title": "Moura", "slug": "moura"})
    '# Moura (moura)'
    """
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    leftover = re.findall(r"\{\{\w+\}\}", text)
    if leftover:
        raise ScaffoldError(f"the templates use placeholders this command does not fill: {sorted(set(leftover))}")
    return text


def fill_template(name: str, text: str, values: dict[str, str]) -> str:
    """Fill a template, escaping each value as its file type needs: notebooks are filled string by
    string inside their JSON, YAML and Python get values that cannot end their strings.

    >>> fill_template("q.yaml", 'title: "{{title}}"', {"title": 'Say "no"'})
    'title: "Say \\\\"no\\\\""'
    >>> json.loads(fill_template("c.ipynb", '{"s": "# {{title}}"}', {"title": 'A "B"'}))["s"]
    '# A "B"'
    """
    name = name.removesuffix(".tmpl")
    if name.endswith(".ipynb"):
        return json.dumps(_fill_strings(json.loads(text), values), indent=1, ensure_ascii=False) + "\n"
    if name.endswith((".yaml", ".yml")):
        return fill(text, {k: _yaml_text(v)[1:-1] for k, v in values.items()})
    if name.endswith(".py"):
        return fill(text, {k: v.replace("\\", "\\\\").replace('"', "'") for k, v in values.items()})
    return fill(text, values)


def _fill_strings(node: Any, values: dict[str, str]) -> Any:
    if isinstance(node, str):
        return fill(node, values)
    if isinstance(node, list):
        return [_fill_strings(item, values) for item in node]
    if isinstance(node, dict):
        return {key: _fill_strings(item, values) for key, item in node.items()}
    return node


def _yaml_text(text: str) -> str:
    """``text`` as a double-quoted YAML string.

    >>> _yaml_text('Say "no"')
    '"Say \\\\"no\\\\""'
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def manifest_entry(number: int, slug: str, title: str, paths: dict[str, str], blurb: str = "") -> str:
    """The chapter's entry in ``_chapters.yml``, as YAML text."""
    quoted, blurb = _yaml_text(title), _yaml_text(blurb or f"{TEMPLATE_MARK}: one line for the roadmap.")
    return (f"  - number: {number}\n    slug: {slug}\n    title: {quoted}\n    blurb: {blurb}\n    status: draft\n"
            f"    notebook: {paths['notebook']}\n    quiz: {paths['quiz']}\n    exercise:\n"
            f"      teacher: {paths['teacher']}\n      student: {paths['student']}\n"
            f"      tasks: {paths['tasks']}\n    tables: [events, sources]\n")


def declare(text: str, slug: str, number: int, entry: str) -> str:
    """``_chapters.yml`` with the chapter declared: its planned entry replaced, or the entry added
    in number order."""
    block = re.compile(r"^  - number: (\d+)\n(?:    .*\n|\n(?=    ))*", re.M)
    blocks = list(block.finditer(text))
    for m in blocks:
        if re.search(rf"^    slug: {re.escape(slug)}$", m.group(0), re.M):
            return text[:m.start()] + entry + text[m.end():]
    later = [m for m in blocks if int(m.group(1)) > number]
    if later:
        at = later[0].start()
        return text[:at] + entry + "\n" + text[at:]
    if not blocks:
        raise ScaffoldError("_chapters.yml has no chapter entries to add to")
    at = blocks[-1].end()
    return text[:at] + "\n" + entry + text[at:]


def new_chapter(slug: str, title: str, number: int | None = None, root: Path | None = None,
                execute: bool = True) -> list[Path]:
    """Create chapter ``slug`` and return the files written."""
    base = root or repo_root()
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("give the chapter a title, for example: ./course new-chapter moura \"The Moura report\"")
    check_slug(slug, base)
    number = chapter_number(slug, number, base)
    planned = next((c for c in manifest.chapters(base) if c.slug == slug), None)
    paths = planned_paths(slug)
    values = {"slug": slug, "title": title, "number": str(number), "module": module_name(slug),
              "student": paths["student"]}
    templates = base / TEMPLATES
    # The notebook templates end in .tmpl so that no tool takes them for course notebooks.
    sources = {"notebook": "chapter.ipynb.tmpl", "quiz": "quiz.yaml", "teacher": "exercise.ipynb.tmpl",
               "tasks": "tasks.py"}
    written = []
    for key, template in sources.items():
        target = base / paths[key]
        target.parent.mkdir(parents=True, exist_ok=True)
        text = (templates / template).read_text(encoding="utf-8")
        target.write_text(fill_template(template, text, values), encoding="utf-8")
        written.append(target)
    manifest_path = base / manifest.MANIFEST
    manifest_path.write_text(declare(manifest_path.read_text(encoding="utf-8"), slug, number,
                                     manifest_entry(number, slug, title, paths,
                                                    planned.blurb if planned else "")), encoding="utf-8")
    written += [manifest_path, *manifest.write(base)]
    written.append(_student_edition(base / paths["teacher"]))
    if execute:
        from book.notebooks import course_notebooks
        from book.notebooks import execute as run_notebook

        # The new notebooks, and those that show the manifest (the introduction's roadmap).
        shows_manifest = [p for p in course_notebooks(base) if "book.manifest" in p.read_text(encoding="utf-8")]
        for path in [*(base / paths[k] for k in ("notebook", "teacher", "student")), *shows_manifest]:
            run_notebook(path)
            written.append(path)
    return list(dict.fromkeys(written))


def _student_edition(teacher: Path) -> Path:
    import nbformat

    from book.exercises import student_path, student_version

    target = student_path(teacher)
    nbformat.write(student_version(nbformat.read(teacher, as_version=4)), target)
    return target


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="./course new-chapter", description=__doc__.splitlines()[0])
    parser.add_argument("slug", help="the chapter's short name: lower-case words joined by hyphens, like after-minusma")
    parser.add_argument("title", help='the chapter\'s title, in quotes: "After MINUSMA"')
    parser.add_argument("--number", type=int, help="its number in the course (default: the plan's, or the next)")
    args = parser.parse_args(argv)
    try:
        written = new_chapter(args.slug, args.title, args.number)
    except ScaffoldError as err:
        print(f"new-chapter: {err}", file=sys.stderr)
        return 2
    base = repo_root()
    print(f"Chapter {args.slug!r} added as a draft. Files written:")
    for path in written:
        print(f"  {path.relative_to(base)}")
    print(f"Next: replace every '{TEMPLATE_MARK}' (grep -rn '{TEMPLATE_MARK}' chapters exercises book), run "
          "./course execute, then ./course test. Set status: published in _chapters.yml when it meets the "
          "chapter standard (CONTRIBUTING.md).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
