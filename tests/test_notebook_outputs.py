"""The build refuses to publish outputs that are broken or stale (``python -m book.notebooks
--check``, run by ``./course build``), naming the notebook and the cell."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from book.notebooks import course_notebooks, fingerprint, problems
from book.paths import repo_root

ROOT = repo_root()
CHAPTER = ROOT / "chapters" / "mandate.ipynb"


def _copy(tmp_path: Path) -> Path:
    """A course root with the code, data and quizzes the fingerprint reads, and one chapter."""
    for entry in ("book", "data", "chapters/quizzes", "_chapters.yml"):
        source, target = ROOT / entry, tmp_path / entry
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    shutil.copy2(CHAPTER, tmp_path / "chapters" / "mandate.ipynb")
    return tmp_path / "chapters" / "mandate.ipynb"


def test_every_notebook_of_the_course_may_be_published():
    assert [p for path in course_notebooks() for p in problems(path)] == []


def test_a_stored_error_is_refused_naming_notebook_and_cell(tmp_path):
    path = _copy(tmp_path)
    nb = nbformat.read(path, as_version=4)
    code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells[code].outputs.append(nbformat.v4.new_output("error", ename="KeyError", evalue="'ceiling'",
                                                         traceback=["..."]))
    nbformat.write(nb, path)
    found = problems(path, tmp_path)
    assert f"chapters/mandate.ipynb, cell {code + 1}: a stored output holds an error (KeyError: 'ceiling')" in found[0]


def test_a_cell_never_run_is_refused(tmp_path):
    path = _copy(tmp_path)
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("print('new')"))
    nbformat.write(nb, path)
    found = problems(path, tmp_path)
    assert any(f"cell {len(nb.cells)}: this code cell has never been run" in p for p in found)
    assert any("older than the code" in p for p in found), "a new cell also makes the outputs stale"


def test_outputs_are_stale_when_the_data_the_code_or_the_quiz_changes(tmp_path):
    path = _copy(tmp_path)
    assert problems(path, tmp_path) == []
    before = fingerprint(nbformat.read(path, as_version=4), tmp_path)
    for changed in ("data/resolutions.csv", "book/figures/timeline.py", "chapters/quizzes/mandate.yaml"):
        target = tmp_path / changed
        original = target.read_bytes()
        target.write_bytes(original + b"\n")
        assert fingerprint(nbformat.read(path, as_version=4), tmp_path) != before, changed
        assert any("run ./course execute" in p for p in problems(path, tmp_path)), changed
        target.write_bytes(original)
    (tmp_path / "data" / "README.md").write_text("notes change nothing the outputs show", encoding="utf-8")
    assert problems(path, tmp_path) == []
