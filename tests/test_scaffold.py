"""``./course new-chapter``: what it writes, how it declares the chapter, and what it refuses.
(That the new chapter then builds and passes the whole suite is checked on a fresh clone; see
CONTRIBUTING.md.)"""

from __future__ import annotations

import shutil

import nbformat
import pytest
import yaml

from book import manifest
from book.quiz import load_quiz
from book.scaffold import TEMPLATE_MARK, ScaffoldError, main, new_chapter

ROOT = manifest.repo_root()


@pytest.fixture
def course_copy(tmp_path):
    """The files new-chapter reads and writes, copied to a temporary folder."""
    for name in ("_chapters.yml", "_toc.yml", "README.md"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    for folder in ("chapters/quizzes", "exercises/teacher", "book/tasks"):
        (tmp_path / folder).mkdir(parents=True)
    return tmp_path


def plan_chapter(root, number: int, slug: str, title: str, blurb: str) -> None:
    """Declare a planned chapter in the copy's manifest, as the course plan would."""
    path = root / "_chapters.yml"
    head, marker, tail = path.read_text().partition("\nreference:")
    assert marker, "_chapters.yml has no reference: section"
    entry = (f'\n  - number: {number}\n    slug: {slug}\n    title: "{title}"\n'
             f'    blurb: "{blurb}"\n    status: planned\n')
    path.write_text(head.rstrip("\n") + "\n" + entry + "\n" + marker + tail)


def test_a_planned_chapter_is_written_declared_and_listed(course_copy):
    slug = "sources-and-methods"
    plan_chapter(course_copy, 9, slug, "Sources and methods", "how the course's tables were built.")
    written = {p.relative_to(course_copy).as_posix()
               for p in new_chapter(slug, "Sources and methods", root=course_copy, execute=False)}
    assert {f"chapters/{slug}.ipynb", f"chapters/quizzes/{slug}.yaml", f"exercises/teacher/{slug}.ipynb",
            f"exercises/{slug}.ipynb", "book/tasks/sources_and_methods.py", "_chapters.yml", "_toc.yml",
            "README.md"} <= written
    chapter = manifest.chapter(slug, course_copy)
    assert (chapter.number, chapter.status, chapter.title) == (9, "draft", "Sources and methods")
    assert chapter.blurb.startswith("how the course"), "the planned blurb is kept"
    assert f"chapters/{slug}" in (course_copy / "_toc.yml").read_text()
    assert manifest.disagreements(course_copy) == []
    quiz = load_quiz(course_copy / f"chapters/quizzes/{slug}.yaml")
    assert quiz["id"] == slug and {q["kind"] for q in quiz["questions"]} == {
        "single", "multiple", "number", "order", "match"}
    notebook = nbformat.read(course_copy / f"chapters/{slug}.ipynb", as_version=4)
    text = "\n".join(c.source for c in notebook.cells)
    assert notebook.cells[0].source.startswith("# Sources and methods")
    assert f'show_quiz("{slug}")' in text and "show(" in text and TEMPLATE_MARK in text
    for section in ("Learning objectives", "Time to read", "Prerequisites", "Key terms", "## Summary",
                    "## What's next", "## References", "Current as of"):
        assert section in text, section
    student = nbformat.read(course_copy / f"exercises/{slug}.ipynb", as_version=4)
    assert student.metadata["sahel_course"] == {"exercise": slug}
    assert "events_2013 = int(" not in "\n".join(c.source for c in student.cells), "no solution for students"


def test_a_new_slug_takes_the_next_number_and_keeps_the_file_in_order(course_copy):
    new_chapter("timbuktu-manuscripts", 'The "manuscripts" of Timbuktu', root=course_copy, execute=False)
    chapter = manifest.chapter("timbuktu-manuscripts", course_copy)
    assert chapter.number == 9 and chapter.title == 'The "manuscripts" of Timbuktu'
    numbers = [c["number"] for c in yaml.safe_load((course_copy / "_chapters.yml").read_text())["chapters"]]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("slug, title, message", [
    ("mandate", "Again", r"exists already \(chapter 2, published\)"),
    ("Mali 2012", "T", "not a valid chapter name"),
    ("moura_report", "T", "not a valid chapter name"),
    ("-moura", "T", "not a valid chapter name"),
    ("class", "T", "not a valid chapter name"),
    ("moura", "   ", "give the chapter a title"),
])
def test_a_bad_or_taken_slug_is_refused_with_a_clear_message(course_copy, slug, title, message):
    before = (course_copy / "_chapters.yml").read_text()
    with pytest.raises(ScaffoldError, match=message):
        new_chapter(slug, title, root=course_copy, execute=False)
    assert (course_copy / "_chapters.yml").read_text() == before, "nothing is written when refused"


def test_the_command_says_why_and_exits_2(capsys):
    assert main(["mandate", "The mandate again"]) == 2
    assert "a chapter called 'mandate' exists already" in capsys.readouterr().err
