"""Teacher and student editions of the exercise notebooks, from one source.

The teacher edition (``exercises/teacher/<name>.ipynb``) is the source. In it:

- a code cell tagged ``solution`` holds the worked answer; its lines that start with ``#> `` are
  the student's starting point (the student edition keeps only those, without the marker);
- a markdown cell tagged ``teacher`` is a note for teachers, left out of the student edition.

``python -m book.exercises`` writes every student edition (``exercises/<name>.ipynb``) anew.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat

from book.paths import repo_root

STUB_MARK = "#> "


def student_source(solution: str) -> str:
    """The student's starting code for a solution cell: its ``#> `` lines, unmarked.

    >>> student_source("#> n = ...  # your code\\nn = len(res)")
    'n = ...  # your code'
    """
    lines = [line[len(STUB_MARK):] for line in solution.splitlines() if line.startswith(STUB_MARK)]
    return "\n".join(lines)


def student_version(teacher: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student edition of a teacher notebook: no solutions, no teacher notes, no outputs."""
    nb = copy.deepcopy(teacher)
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "teacher" in tags:
            continue
        if cell.cell_type == "code":
            if "solution" in tags:
                cell.source = student_source(cell.source)
                cell.metadata["tags"] = [t for t in tags if t != "solution"]
                if not cell.metadata["tags"]:
                    del cell.metadata["tags"]
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    nb.cells = cells
    return nb


def teacher_notebooks(root: Path | None = None) -> list[Path]:
    """The teacher editions, each the source of a student edition."""
    return sorted(((root or repo_root()) / "exercises" / "teacher").glob("*.ipynb"))


def student_path(teacher_path: Path) -> Path:
    """Where a teacher edition's student edition lives.

    >>> student_path(Path("exercises/teacher/mandate.ipynb")).as_posix()
    'exercises/mandate.ipynb'
    """
    return teacher_path.parent.parent / teacher_path.name


def main() -> int:
    """Write the student editions from the teacher editions."""
    for path in teacher_notebooks():
        nb = student_version(nbformat.read(path, as_version=4))
        nbformat.write(nb, student_path(path))
        print(f"wrote {student_path(path).relative_to(repo_root())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
