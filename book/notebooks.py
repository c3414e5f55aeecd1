"""Run the course's notebooks and store their outputs, as the site and strict nbval expect them.

``python -m book.notebooks`` (or ``./course execute``) re-runs every notebook of ``chapters/`` and
``exercises/`` in its own folder, then removes what changes from run to run without meaning
anything (execution timings, widget state), so that a re-run of unchanged code gives the same file.
Each run records a fingerprint of what the outputs depend on (the notebook's code, the course code
that notebooks import, the data and the quizzes).

``python -m book.notebooks --check`` (run by ``./course build`` before Sphinx) refuses to publish a
notebook whose stored outputs hold an error, that has a code cell never run, or whose outputs are
stale (the fingerprint differs: run ``./course execute``), naming the notebook and the cell.
"""

from __future__ import annotations

import hashlib
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


# The course code whose behaviour shows in stored outputs; the rest (the grader, the site builder,
# the scaffold, the front-end scripts) does not.
OUTPUT_CODE = ("book/__init__.py", "book/checks.py", "book/explorer.py", "book/manifest.py", "book/markup.py",
               "book/paths.py", "book/data", "book/figures", "book/quiz", "book/tasks", "_chapters.yml")
INPUTS = ("data", "chapters/quizzes")


def fingerprint(nb: nbformat.NotebookNode, root: Path | None = None) -> str:
    """A hash of what a notebook's outputs depend on: its code cells, the course code it imports, the
    data and the quizzes. Equal fingerprints mean the stored outputs are current.

    >>> len(fingerprint(nbformat.v4.new_notebook()))
    16
    """
    base = root or repo_root()
    digest = hashlib.sha256()
    for cell in nb.cells:
        if cell.cell_type == "code":
            digest.update(cell.source.encode() + b"\0")
    for entry in (*OUTPUT_CODE, *INPUTS):
        target = base / entry
        if not target.exists():
            continue
        files = sorted(p for p in target.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix in (".py", ".csv", ".json", ".geojson", ".yaml", ".yml")) \
            if target.is_dir() else [target]
        for file in files:
            digest.update(file.relative_to(base).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def execute(path: Path, timeout: int = 300) -> None:
    """Run one notebook in its folder and write it back with its new outputs and fingerprint."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata.setdefault("sahel_course", {})["outputs_of"] = fingerprint(nb)
    nbformat.write(clean(nb), path)


def problems(path: Path, root: Path | None = None) -> list[str]:
    """Why the stored outputs of the notebook at ``path`` must not be published, one sentence each
    (empty when they may be).

    >>> problems(repo_root() / "chapters" / "mandate.ipynb")
    []
    """
    base = root or repo_root()
    name = path.relative_to(base).as_posix()
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # an unreadable notebook is named, not a traceback
        return [f"{name}: not a readable notebook ({type(error).__name__}: {error})"]
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is None and cell.source.strip():
            found.append(f"{name}, cell {number}: this code cell has never been run, so it has no stored "
                         "output; run ./course execute")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"{name}, cell {number}: a stored output holds an error "
                             f"({output.get('ename')}: {str(output.get('evalue'))[:120]}); a traceback must "
                             "never be published: fix the cell, then run ./course execute")
    stored = nb.metadata.get("sahel_course", {}).get("outputs_of")
    if stored != fingerprint(nb, base):
        found.append(f"{name}: its stored outputs are older than the code, data or quizzes they depend on; "
                     "run ./course execute (and commit the notebooks it rewrites)")
    return found


def main(argv: list[str]) -> int:
    """Execute the notebooks named in ``argv``, or all of them; with ``--check``, only check them."""
    if "--check" in argv:
        found = [p for path in course_notebooks() for p in problems(path)]
        for problem in found:
            print(problem, file=sys.stderr)
        if found:
            print(f"{len(found)} problem(s): the site would publish stale or broken outputs.", file=sys.stderr)
        return 1 if found else 0
    paths = [Path(a).resolve() for a in argv] or course_notebooks()
    for path in paths:
        print(f"executing {path.relative_to(repo_root())}", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
