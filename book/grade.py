"""Check a folder of students' exercise notebooks and write one report.

    python -m book.grade SUBMISSIONS_FOLDER [--out report.csv] [--cell-timeout 60] [--timeout 300]

Each notebook is copied to a temporary folder and run there, in its own process and kernel. A
cell that loops is interrupted after ``--cell-timeout`` seconds; a notebook that runs longer than
``--timeout`` seconds, or whose kernel dies, is stopped and reported. One bad submission never
stops the others or changes their files. The report has a row per notebook and task: passed or
not, and the message the student saw; a notebook that could not be run gets a row that says why.

Which exercise a submission is, and so which tasks it must report, comes from the chapter manifest
(``_chapters.yml``): the notebook's ``sahel_course.exercise`` metadata, which every edition carries,
or else the exercise name in its file name. Every task that the exercise's tasks module declares
(:func:`book.tasks.tasks_of`) gets a row, "not attempted" when no check of it ran, so deleting a
check cell cannot hide a task.

Limits, by design: students' code runs with the grader's permissions, and the checks run in the
student's own kernel, so a determined student could forge a result or harm the machine. Use it for
feedback and formative assessment; for marks that count, run it in a container or as an
unprivileged user, and read the notebooks.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat

from book.manifest import Chapter, built_chapters, exercise_for
from book.tasks import tasks_of

RESULT_MARK = "@@CHECK-RESULTS@@"
COLLECT_CELL = f"import book.checks as _c\nprint({RESULT_MARK!r} + _c.results_json())"


def run_one(path: Path, cell_timeout: int) -> dict[str, Any]:
    """Run one notebook (in this process) and return its check results and errors."""
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(COLLECT_CELL))
    errors: list[str] = []
    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, stop)  # so that the kernel is shut down when the grader gives up
    with tempfile.TemporaryDirectory() as tmp:
        client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                                interrupt_on_timeout=True, resources={"metadata": {"path": tmp}})
        try:
            client.execute()
        except DeadKernelError:
            return {"results": [], "errors": ["the kernel died (out of memory, or the code exited Python)"]}
        finally:
            if client.km is not None and client.km.has_kernel:
                client.km.shutdown_kernel(now=True)
    results: list[dict[str, Any]] = []
    for number, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                errors.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}"[:300])
            text = output.get("text", "")
            if output.get("output_type") == "stream" and RESULT_MARK in text:
                results = json.loads(text.split(RESULT_MARK, 1)[1])
    return {"results": results, "errors": errors}


NOT_ATTEMPTED = "Not attempted: no check of this task ran (its check cell is missing, or did not run)."


def exercise_of(path: Path) -> Chapter | None:
    """The chapter whose exercise the notebook at ``path`` is: from its metadata, or else from the
    longest exercise name that its file name contains.

    >>> exercise_of(Path("exercises/mandate.ipynb")).slug
    'mandate'
    """
    try:
        named = nbformat.read(path, as_version=4).metadata.get("sahel_course", {}).get("exercise")
    except Exception:  # an unreadable notebook is reported when it is run
        named = None
    if named and exercise_for(named):
        return exercise_for(named)
    candidates = [c for c in built_chapters() if c.exercise and c.exercise.name in path.stem]
    return max(candidates, key=lambda c: len(c.exercise.name), default=None)


def report_rows(name: str, chapter: Chapter | None, outcome: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per expected task of the submission's exercise (or per result, if the exercise is
    unknown), from the results the notebook produced."""
    problems = "; ".join(outcome["errors"])
    results = {str(r.get("task", "")): r for r in outcome["results"]}
    if chapter is None:
        problems = "; ".join(filter(None, [problems, "not a notebook of a course exercise (_chapters.yml)"]))
        labels = list(results) or [""]
    else:
        labels = [t.label for t in tasks_of(chapter.exercise.tasks_module)]
    rows = []
    for label in labels:
        result = results.get(label)
        rows.append({"notebook": name, "task": label, "passed": bool(result) and result.get("passed") is True,
                     "message": str(result.get("message", "")) if result else NOT_ATTEMPTED, "errors": problems})
    return rows


def grade_folder(folder: Path, cell_timeout: int = 60, timeout: int = 300) -> list[dict[str, Any]]:
    """Check every notebook in ``folder``; return one row per notebook and task."""
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.ipynb")):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / path.name
            shutil.copy2(path, copy)
            child = subprocess.Popen(
                [sys.executable, "-m", "book.grade", "--one", str(copy), "--cell-timeout", str(cell_timeout)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                stdout, stderr = child.communicate(timeout=timeout)
                last_error = (stderr.strip().splitlines() or ["no message"])[-1]
                outcome = json.loads(stdout.strip().splitlines()[-1]) if child.returncode == 0 else {
                    "results": [], "errors": [f"could not be run: {last_error}"]}
            except subprocess.TimeoutExpired:
                child.terminate()  # the child shuts its kernel down on SIGTERM (see run_one)
                try:
                    child.communicate(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.communicate()
                outcome = {"results": [], "errors": [f"stopped after {timeout} s (an endless loop?)"]}
            except (json.JSONDecodeError, IndexError):
                outcome = {"results": [], "errors": ["produced no readable results"]}
        rows += report_rows(path.name, exercise_of(path), outcome)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m book.grade", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="folder of submitted .ipynb files")
    parser.add_argument("--out", type=Path, default=Path("report.csv"), help="CSV report to write")
    parser.add_argument("--cell-timeout", type=int, default=60, help="seconds one cell may run")
    parser.add_argument("--timeout", type=int, default=300, help="seconds one notebook may run")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.cell_timeout)))
        return 0
    if args.folder is None or not args.folder.is_dir():
        parser.error("give the folder that holds the submitted notebooks")
    rows = grade_folder(args.folder, args.cell_timeout, args.timeout)
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["notebook", "task", "passed", "message", "errors"])
        writer.writeheader()
        writer.writerows(rows)
    notebooks = {r["notebook"] for r in rows}
    passed = sum(1 for r in rows if r["passed"])
    print(f"{len(notebooks)} notebooks checked, {passed} of {len(rows)} tasks passed; report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
