"""Checking a folder of submissions: each notebook is run on its own; one that loops, crashes or
kills its kernel is stopped and reported, and the others are graded all the same."""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import nbformat

from book.grade import main
from book.paths import repo_root

TEACHER = repo_root() / "exercises" / "teacher" / "mandate.ipynb"
STUDENT = repo_root() / "exercises" / "mandate.ipynb"


def _variant(source: Path, target: Path, extra: str, at: int = 3) -> None:
    nb = nbformat.read(source, as_version=4)
    nb.cells.insert(at, nbformat.v4.new_code_cell(extra))
    nbformat.write(nb, target)


def test_a_folder_with_good_blank_looping_and_crashing_submissions(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy2(TEACHER, folder / "a_complete.ipynb")
    shutil.copy2(STUDENT, folder / "b_blank.ipynb")
    _variant(TEACHER, folder / "c_loops.ipynb", "while True:\n    pass")
    _variant(TEACHER, folder / "d_raises.ipynb", "mandate_res = res.no_such_column")
    _variant(TEACHER, folder / "e_kills_kernel.ipynb", "import os\nos._exit(1)")
    report = tmp_path / "report.csv"
    started = time.monotonic()
    assert main([str(folder), "--out", str(report), "--cell-timeout", "5", "--timeout", "120"]) == 0
    assert time.monotonic() - started < 240
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    by_nb: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_nb.setdefault(row["notebook"], []).append(row)
    assert set(by_nb) == {"a_complete.ipynb", "b_blank.ipynb", "c_loops.ipynb", "d_raises.ipynb",
                          "e_kills_kernel.ipynb"}
    assert [r["passed"] for r in by_nb["a_complete.ipynb"]] == ["True"] * 7
    assert all(r["passed"] == "False" for r in by_nb["b_blank.ipynb"])
    assert "no answer yet" in by_nb["b_blank.ipynb"][0]["message"]
    loops = by_nb["c_loops.ipynb"]
    assert sum(r["passed"] == "True" for r in loops) == 7, "the cells after the loop still run"
    assert "timed out" in loops[0]["errors"].lower() or "interrupt" in loops[0]["errors"].lower()
    assert "AttributeError" in by_nb["d_raises.ipynb"][0]["errors"]
    assert "kernel died" in by_nb["e_kills_kernel.ipynb"][0]["errors"]
    assert (folder / "a_complete.ipynb").read_bytes() == TEACHER.read_bytes(), "a submission was changed"


def test_every_task_of_the_exercise_is_reported_even_when_its_check_cell_is_deleted(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    nb = nbformat.read(TEACHER, as_version=4)
    nb.cells = [c for c in nb.cells if "check.task_3(" not in c.source]
    nb.metadata.pop("sahel_course")  # the file name alone says which exercise it is
    nbformat.write(nb, folder / "alice-mandate.ipynb")
    report = tmp_path / "report.csv"
    assert main([str(folder), "--out", str(report), "--cell-timeout", "30"]) == 0
    rows = {r["task"]: r for r in csv.DictReader(report.open(encoding="utf-8"))}
    assert list(rows) == [f"Task {n}" for n in range(1, 8)], "every task of the exercise has a row"
    assert rows["Task 3"]["passed"] == "False" and rows["Task 3"]["message"].startswith("Not attempted")
    assert all(rows[f"Task {n}"]["passed"] == "True" for n in (1, 2, 4, 5, 6, 7))
