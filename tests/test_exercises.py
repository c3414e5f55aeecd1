"""Teacher and student editions stay in step; the student edition holds no solution; the teacher
edition's stored results show every check passing; the bibliography matches the sources table."""

from __future__ import annotations

import re

import nbformat

from book.bibliography import bibtex
from book.exercises import STUB_MARK, student_path, student_version, teacher_notebooks
from book.paths import repo_root


def _sources(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


def test_student_editions_are_made_from_the_teacher_editions():
    teachers = teacher_notebooks()
    assert teachers, "no teacher edition found"
    for path in teachers:
        teacher = nbformat.read(path, as_version=4)
        student = nbformat.read(student_path(path), as_version=4)
        assert _sources(student) == _sources(student_version(teacher)), (
            f"{student_path(path).name} is out of date: run python -m book.exercises")


def test_student_editions_hold_no_solution():
    for path in teacher_notebooks():
        teacher = nbformat.read(path, as_version=4)
        student = nbformat.read(student_path(path), as_version=4)
        student_lines = {line for c in student.cells if c.cell_type == "code" for line in c.source.splitlines()}
        student_text = "\n".join(c.source for c in student.cells)
        for cell in teacher.cells:
            if "solution" in cell.metadata.get("tags", []):
                for line in cell.source.splitlines():
                    if not line.startswith(STUB_MARK) and line.strip():
                        assert line not in student_lines, f"solution line in the student edition: {line}"
            if "teacher" in cell.metadata.get("tags", []):
                assert cell.source not in student_text


def test_teacher_editions_pass_every_check():
    for path in teacher_notebooks():
        text = "".join(
            out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
            for out in cell.outputs
        )
        results = re.findall(r"([✓✗]) Task \d", text)
        assert results and set(results) == {"✓"}, f"{path.name}: a solution fails its check"


def test_every_chapter_citation_is_a_source():
    keys = set(re.findall(r"^@misc\{([^,]+),", bibtex(), flags=re.M))
    for path in sorted((repo_root() / "chapters").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        for group in re.findall(r"\{(?:foot)?cite\}`([^`]+)`", text):
            for key in group.split(","):
                assert key.strip() in keys, f"{path.name} cites {key!r}, which is not in data/sources.csv"


def test_references_bib_is_up_to_date():
    committed = (repo_root() / "references.bib").read_text(encoding="utf-8")
    assert committed == bibtex(), "references.bib is out of date: run python -m book.bibliography"
