"""Run the course's notebooks and store their outputs, as the site and strict nbval expect them.

``python -m book.notebooks`` (or ``./course execute``) re-runs every notebook of ``chapters/`` and
``exercises/`` in its own folder, then removes what changes from run to run without meaning
anything (execution timings, widget state), so that a re-run of unchanged code gives the same file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from book.paths import repo_root

NOTEBOOK_FOLDERS = ("chapters", "exercises")


def course_notebooks(root: Path | None = None) -> list[Path]:
    """Every notebook of the course, in a stable order.

    >>> any(p.name == "mandate.ipynb" for p in course_notebooks())
    True
    """
    base = root or repo_root()
    found: list[Path] = []
    for folder in NOTEBOOK_FOLDERS:
        found += [p for p in sorted((base / folder).rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts]
    return found


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop run-to-run noise: execution timings and stored widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    return nb


def execute(path: Path, timeout: int = 300) -> None:
    """Run one notebook in its folder and write it back with its new outputs."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nbformat.write(clean(nb), path)


def main(argv: list[str]) -> int:
    """Execute the notebooks named in ``argv``, or all of them."""
    paths = [Path(a).resolve() for a in argv] or course_notebooks()
    for path in paths:
        print(f"executing {path.relative_to(repo_root())}", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
