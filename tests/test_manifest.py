"""Every chapter is a declared unit: the manifest (``_chapters.yml``) names its files, and these
tests follow it, so a new chapter is checked the day it is created.

- every declared file exists, and no notebook, quiz, exercise or tasks module exists undeclared;
- ``_toc.yml`` and the README's chapter table follow the manifest;
- every learning objective is checked by a quiz question or an exercise task, and every question
  and task checks a declared objective;
- a chapter loads only the tables it declares;
- a published chapter meets the chapter standard and holds no template text;
- no notebook stores a figure that the site would publish empty, or a figure's data twice.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from book import manifest
from book.data.loader import tables
from book.figures.display import COURSE_KEY, PLOTLY_MIME
from book.quiz import load_quiz
from book.scaffold import TEMPLATE_MARK
from book.sphinx_figures import is_plotly_html, silent_figure_message
from book.tasks import tasks_of

ROOT = manifest.repo_root()
BUILT = manifest.built_chapters()
TEACHING = [c for c in BUILT if not c.is_front_matter]
PUBLISHED = [c for c in BUILT if c.status == "published"]


def _ids(chapters: list[manifest.Chapter]) -> list[str]:
    return [c.slug for c in chapters]


def _markdown(notebook: str) -> str:
    nb = nbformat.read(ROOT / notebook, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def objectives(chapter: manifest.Chapter) -> list[str]:
    """The learning objectives a chapter's notebook declares (``**LO1**`` ...)."""
    return re.findall(r"\*\*(LO\d+)\*\*", _markdown(chapter.notebook))


# ---------- the manifest and the files ----------

def test_the_manifest_declares_the_course():
    slugs = [c.slug for c in manifest.chapters()]
    assert slugs[0] == "intro" and "mandate" in slugs
    assert [c.number for c in manifest.chapters()] == sorted(c.number for c in manifest.chapters())


@pytest.mark.parametrize("chapter", BUILT, ids=_ids(BUILT))
def test_every_declared_file_exists(chapter):
    missing = [f for f in chapter.files() if not (ROOT / f).is_file()]
    assert not missing, f"chapter {chapter.slug!r} declares files that do not exist: {missing}"


def test_no_chapter_file_exists_undeclared():
    reference = {r["file"] + ".md" for r in manifest.load_manifest()["reference"]}
    declared = {f for c in BUILT for f in c.files()} | reference
    found = {p.relative_to(ROOT).as_posix() for pattern in
             ("chapters/*.ipynb", "chapters/*.md", "chapters/quizzes/*.yaml", "exercises/*.ipynb",
              "exercises/teacher/*.ipynb", "book/tasks/*.py") for p in ROOT.glob(pattern)}
    found.discard("book/tasks/__init__.py")
    undeclared = sorted(found - declared)
    assert not undeclared, f"files that no chapter in _chapters.yml declares: {undeclared}"


def test_toc_and_readme_follow_the_manifest():
    assert manifest.disagreements() == [], "run python -m book.manifest --write"


@pytest.mark.parametrize("chapter", BUILT, ids=_ids(BUILT))
def test_a_chapter_loads_only_the_tables_it_declares(chapter):
    known = set(tables())
    assert set(chapter.tables) <= known, f"{chapter.slug}: unknown tables {set(chapter.tables) - known}"
    code = ""
    for path in (chapter.notebook, chapter.exercise and chapter.exercise.teacher):
        if path:
            code += "\n".join(c.source for c in nbformat.read(ROOT / path, as_version=4).cells
                              if c.cell_type == "code")
    used = set(re.findall(r"""\bload\(\s*["'](\w+)["']""", code))
    assert used <= set(chapter.tables), (
        f"{chapter.slug} loads {sorted(used - set(chapter.tables))} but _chapters.yml does not declare them")


@pytest.mark.parametrize("entry, message", [
    ({"number": 1, "slug": "Bad Name", "title": "T", "status": "draft"}, "a slug is lower-case"),
    ({"number": 1, "slug": "ok", "title": "T", "status": "done"}, "status 'done' is not one of"),
    ({"number": 1, "slug": "ok", "title": "T", "status": "draft"}, "declares its notebook"),
    ({"number": 1, "slug": "ok", "title": "T", "status": "draft", "notebook": "chapters/ok.ipynb"},
     "declares its quiz and its exercise"),
    ({"number": 1, "slug": "ok", "title": "T", "status": "planned", "colour": "red"}, "unknown field"),
    ({"slug": "ok", "title": "T", "status": "planned"}, "'number' is missing"),
])
def test_a_mistake_in_the_manifest_is_named(tmp_path, entry, message):
    import yaml

    (tmp_path / manifest.MANIFEST).write_text(yaml.safe_dump({"chapters": [entry]}), encoding="utf-8")
    with pytest.raises(manifest.ManifestError, match=message):
        manifest.chapters(tmp_path)


def test_two_chapters_cannot_share_a_number(tmp_path):
    import yaml

    entries = [{"number": 1, "slug": s, "title": "T", "status": "planned"} for s in ("a", "b")]
    (tmp_path / manifest.MANIFEST).write_text(yaml.safe_dump({"chapters": entries}), encoding="utf-8")
    with pytest.raises(manifest.ManifestError, match=r"number \[1\] is given to more than one chapter"):
        manifest.chapters(tmp_path)


# ---------- learning objectives ----------

@pytest.mark.parametrize("chapter", TEACHING, ids=_ids(TEACHING))
def test_every_learning_objective_is_checked_by_a_question_or_a_task(chapter):
    declared = objectives(chapter)
    assert 3 <= len(declared) <= 5 or chapter.status == "draft", f"{chapter.slug}: {len(declared)} objectives"
    assert declared == [f"LO{i}" for i in range(1, len(declared) + 1)], f"{chapter.slug}: objectives {declared}"
    by_quiz = {q["objective"] for q in load_quiz(ROOT / chapter.quiz)["questions"]}
    by_tasks = {o for t in tasks_of(chapter.exercise.tasks_module) for o in t.objectives}
    unchecked = [lo for lo in declared if lo not in by_quiz | by_tasks]
    assert not unchecked, f"{chapter.slug}: no quiz question or exercise task checks {unchecked}"
    stray = sorted((by_quiz | by_tasks) - set(declared))
    assert not stray, f"{chapter.slug}: questions or tasks check objectives the chapter does not declare: {stray}"


# ---------- the chapter standard, for published chapters ----------

STANDARD = {"learning objectives": r"learning objectives", "time to read": r"\*\*time to read",
            "prerequisites": r"\*\*prerequisites", "key terms": r"key terms",
            "summary": r"^#+\s*summary", "what's next": r"^#+\s*what.s next", "references": r"^#+\s*references",
            "current as of": r"current as of"}


@pytest.mark.parametrize("chapter", PUBLISHED, ids=_ids(PUBLISHED))
def test_a_published_chapter_has_every_part_of_the_chapter_standard(chapter):
    text = _markdown(chapter.notebook).lower()
    missing = [name for name, rx in STANDARD.items() if not re.search(rx, text, re.M)]
    if re.search(r"massacre|killings|executed|sexual violence|rape", text) and "content note" not in text:
        missing.append("content note")
    assert not missing, f"{chapter.notebook} lacks: {', '.join(missing)}"
    cells = nbformat.read(ROOT / chapter.notebook, as_version=4).cells
    assert any("show(" in c.source for c in cells if c.cell_type == "code"), "no figure shown with book.figures.show"
    if chapter.is_front_matter:
        return
    questions = load_quiz(ROOT / chapter.quiz)["questions"]
    assert len(questions) >= 6 and len({q["kind"] for q in questions}) >= 3, (
        f"{chapter.quiz}: a published chapter's quiz has at least six questions of at least three kinds")
    assert len(tasks_of(chapter.exercise.tasks_module)) >= 5, (
        f"{chapter.exercise.tasks}: a published chapter's exercise has at least five checked tasks")


@pytest.mark.parametrize("chapter", PUBLISHED, ids=_ids(PUBLISHED))
def test_a_published_chapter_holds_no_template_text(chapter):
    left = [f for f in chapter.files() if TEMPLATE_MARK in (ROOT / f).read_text(encoding="utf-8")]
    assert not left, (f"chapter {chapter.slug!r} is published but still has template text ({TEMPLATE_MARK}) in "
                      f"{left}: replace it, or set status: draft in _chapters.yml")


# ---------- figures: shown the course's way, stored once ----------

def _published_notebooks() -> list[str]:
    found = []
    for c in BUILT:
        found.append(c.notebook)
        if c.exercise:
            found.append(c.exercise.student)
    return found


def silent_figures(path: Path) -> list[str]:
    """Messages for each stored output of ``path`` that holds a Plotly figure the site would not draw."""
    problems = []
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        for output in cell.get("outputs", []):
            data, meta = output.get("data", {}), output.get("metadata", {})
            plotly = PLOTLY_MIME in data and COURSE_KEY not in meta.get(PLOTLY_MIME, {})
            if plotly or is_plotly_html(str(data.get("text/html", ""))):
                problems.append(silent_figure_message(path.relative_to(ROOT).as_posix(), index))
    return problems


@pytest.mark.parametrize("notebook", _published_notebooks())
def test_no_published_notebook_holds_a_silent_figure(notebook):
    assert silent_figures(ROOT / notebook) == []


def test_a_figure_shown_the_plain_plotly_way_is_caught(tmp_path):
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=[1], y=[2]))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("fig", outputs=[
        nbformat.v4.new_output("execute_result", data=json.loads(json.dumps({PLOTLY_MIME: fig.to_plotly_json()},
                                                                              default=str)), execution_count=1)])])
    path = ROOT / "chapters" / "_silent_figure_test.ipynb"
    try:
        nbformat.write(nb, path)
        assert silent_figures(path) == [silent_figure_message("chapters/_silent_figure_test.ipynb", 0)]
    finally:
        path.unlink()


@pytest.mark.parametrize("notebook", _published_notebooks())
def test_each_figure_is_stored_once(notebook):
    for index, cell in enumerate(nbformat.read(ROOT / notebook, as_version=4).cells):
        for output in cell.get("outputs", []):
            html = str(output.get("data", {}).get("text/html", ""))
            assert "course-figure__spec" not in html, (
                f"{notebook}, cell {index + 1}: the figure's data is stored in its HTML too; re-run ./course execute")
