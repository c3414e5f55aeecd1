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


def test_a_planned_chapter_is_written_declared_and_listed(course_copy):
    slug = "reading-the-article"
    written = {p.relative_to(course_copy).as_posix()
               for p in new_chapter(slug, "Reading the article critically", root=course_copy, execute=False)}
    assert {f"chapters/{slug}.ipynb", f"chapters/quizzes/{slug}.yaml", f"exercises/teacher/{slug}.ipynb",
            f"exercises/{slug}.ipynb", "book/tasks/reading_the_article.py", "_chapters.yml", "_toc.yml",
            "README.md"} <= written
    chapter = manifest.chapter("reading-the-article", course_copy)
    assert (chapter.number, chapter.status, chapter.title) == (8, "draft", "Reading the article critically")
    assert chapter.blurb.startswith("each claim of the article"), "the planned blurb is kept"
    assert "chapters/reading-the-article" in (course_copy / "_toc.yml").read_text()
    assert manifest.disagreements(course_copy) == []
    quiz = load_quiz(course_copy / "chapters/quizzes/reading-the-article.yaml")
    assert quiz["id"] == "reading-the-article" and {q["kind"] for q in quiz["questions"]} == {
        "single", "multiple", "number", "order", "match"}
    notebook = nbformat.read(course_copy / "chapters/reading-the-article.ipynb", as_version=4)
    text = "\n".join(c.source for c in notebook.cells)
    assert notebook.cells[0].source.startswith("# Reading the article critically")
    assert 'show_quiz("reading-the-article")' in text and "show(" in text and TEMPLATE_MARK in text
    for section in ("Learning objectives", "Time to read", "Prerequisites", "Key terms", "## Summary",
                    "## What's next", "## References", "Current as of"):
        assert section in text, section
    student = nbformat.read(course_copy / "exercises/reading-the-article.ipynb", as_version=4)
    assert student.metadata["sahel_course"] == {"exercise": "reading-the-article"}
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
