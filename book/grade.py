"""Check a class's exercise notebooks and write one report.

    python -m book.grade SUBMISSIONS_FOLDER [--out report.csv] [--workers N]
                         [--cell-timeout 60] [--timeout 300] [--memory-mb 4096]

How a report can be trusted:

- **It knows what to expect.** Which exercise a notebook is comes from its ``sahel_course.exercise``
  metadata, or else its file name, matched against the chapter list (``_chapters.yml``). Every task
  that exercise's tasks module declares (``@task`` in ``book/tasks/``) gets a row for every
  submission: passed, failed (with the feedback the student would see), not attempted, or could
  not be checked (with why). Deleting a check cell hides nothing.
- **The grader runs the checks, not the student's kernel.** Each notebook runs in a sandbox
  (:mod:`book.grading.sandbox`); the grader then reads, by name, the variables each task's check
  takes (``check.task_3(first_raise)`` reads ``first_raise``) as plain data, and runs the check in
  its own process. Nothing a student prints, records or patches can mark a task passed.
- **Limits, and isolation where the machine allows it**: see :func:`book.grading.sandbox.protections`;
  the grader prints which protections are active when it starts.
- **A class at once**: submissions run in parallel (``--workers``, one per core by default) with a
  progress bar; one that loops, crashes or floods is stopped and reported, and the others are
  graded unchanged. The report is rewritten after each submission, atomically (write, then
  rename), so a grader stopped halfway leaves every row it had.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from queue import Queue
from typing import Any

import nbformat

from book.grading.report import FAILED, NOT_ATTEMPTED, PASSED, UNCHECKED, Row, row, summary, write_atomically
from book.grading.sandbox import MAX_WORKERS, Limits, command, end_tagged, namespaces_available, plan_for, protections
from book.grading.values import decode
from book.manifest import Chapter, built_chapters, exercise_for
from book.tasks import Task, tasks_of

MAX_RESULT_BYTES = 8 * 2**20


@dataclass
class Outcome:
    """What the sandbox handed back for one submission."""

    values: dict[str, Any] | None
    errors: list[str]


def exercise_of(path: Path) -> Chapter | None:
    """The chapter whose exercise the notebook at ``path`` is: from its metadata, or else from the
    longest exercise name that its file name contains.

    >>> exercise_of(Path("exercises/mandate.ipynb")).slug
    'mandate'
    """
    try:
        named = nbformat.read(path, as_version=4).metadata.get("sahel_course", {}).get("exercise")
    except Exception:  # (an unreadable notebook is reported when it is run)
        named = None
    if isinstance(named, str) and exercise_for(named):
        return exercise_for(named)
    candidates = [c for c in built_chapters() if c.exercise and c.exercise.name in path.stem]
    return max(candidates, key=lambda c: len(c.exercise.name), default=None)


def answer_names(task: Task) -> list[str]:
    """The variables a task's check reads: the names of its parameters.

    >>> [answer_names(t) for t in tasks_of("book.tasks.mandate")][-1]
    ['timeline', 'events_2023']
    """
    return list(inspect.signature(task.check).parameters)


def run_submission(path: Path, names: list[str], limits: Limits, *, slot: int, isolated: bool, scratch: Path,
                   hide: list[Path]) -> Outcome:
    """Run one notebook in its sandbox, on a private copy, and return the values it produced."""
    work = Path(tempfile.mkdtemp(prefix="submission-", dir=scratch))
    notebook = work / "submission.ipynb"
    shutil.copyfile(path, notebook)
    if isolated:
        uid = plan_for(notebook, work, names, limits, slot=slot, isolated=True, hide=hide)["uid"]
        os.chown(work, uid, uid)
        os.chown(notebook, uid, uid)
        work.chmod(0o700)
    plan = plan_for(notebook, work, names, limits, slot=slot, isolated=isolated, hide=hide)
    child = subprocess.Popen(command(isolated), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        stdout, _ = child.communicate(json.dumps(plan).encode() + b"\n", timeout=limits.timeout)
    except subprocess.TimeoutExpired:
        _end(child)
        return Outcome(None, [f"stopped after {limits.timeout} s (an endless loop, or a cell that ignores interrupts)"])
    finally:
        _end(child)
        if not isolated:
            end_tagged(plan["token"])
        shutil.rmtree(work, ignore_errors=True)
    if len(stdout) > MAX_RESULT_BYTES:
        return Outcome(None, [f"its answers are too large to check ({len(stdout) // 2**20} MB)"])
    try:
        result = json.loads(stdout.decode("utf-8", "replace").strip().splitlines()[-1])
        return Outcome(result.get("values"), [str(e) for e in result.get("errors", [])])
    except (IndexError, ValueError, AttributeError):
        return Outcome(None, [f"the sandbox ended without a result (exit status {child.returncode})"])


def _end(child: subprocess.Popen[bytes]) -> None:
    """End a sandbox and everything in it: the process group, and with namespaces the whole PID
    namespace (``unshare --kill-child``)."""
    if child.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def check_submission(name: str, chapter: Chapter | None, outcome: Outcome) -> list[Row]:
    """Run every expected task's check on the submission's values: one row per task."""
    problems = "; ".join(outcome.errors)
    if chapter is None or chapter.exercise is None:
        return [row(name, "", "", UNCHECKED, "Not a notebook of a course exercise (see _chapters.yml).", problems)]
    rows = []
    for task in tasks_of(chapter.exercise.tasks_module):
        names = answer_names(task)
        if outcome.values is None:
            rows.append(row(name, chapter.exercise.name, task.label, UNCHECKED,
                            "The notebook did not run far enough to be checked.", problems))
            continue
        try:
            args = [decode(outcome.values.get(n, {"__missing__": True})) for n in names]
        except (ValueError, TypeError, KeyError, RecursionError) as error:
            rows.append(row(name, chapter.exercise.name, task.label, UNCHECKED,
                            f"Its answer could not be read ({error}).", problems))
            continue
        missing = [n for n, a in zip(names, args, strict=True) if a is Ellipsis]
        if missing:
            rows.append(row(name, chapter.exercise.name, task.label, NOT_ATTEMPTED,
                            f"Not attempted: {', '.join(missing)} is not set (still ... or missing).", problems))
            continue
        try:
            feedback = task.check(*args)
            status = PASSED if feedback.passed is True else FAILED
            message = str(feedback.message)
        except Exception as error:  # (a check that cannot read an answer says so)
            status, message = UNCHECKED, f"The check could not read the answer: {type(error).__name__}: {error}"
        rows.append(row(name, chapter.exercise.name, task.label, status, message, problems))
    return rows


class Progress:
    """A one-line progress bar on standard error."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()

    def step(self, name: str, rows: list[Row]) -> None:
        self.done += 1
        width = 24
        filled = round(width * self.done / max(self.total, 1))
        passed = sum(r.passed for r in rows)
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
              f"{time.monotonic() - self.started:5.0f} s  {name[:40]}: {passed}/{len(rows)} passed\033[K",
              end="" if self.done < self.total else "\n", file=sys.stderr, flush=True)


def grade_folder(folder: Path, out: Path, limits: Limits, workers: int, *, isolated: bool | None = None) -> list[Row]:
    """Check every notebook in ``folder`` in parallel, rewriting the report at ``out`` after each."""
    isolated = namespaces_available() if isolated is None else isolated
    paths = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
    hide = [folder.resolve(), out.resolve().parent]
    rows: list[Row] = []
    slots: Queue[int] = Queue()
    for slot in range(workers):
        slots.put(slot)
    progress = Progress(len(paths))
    with tempfile.TemporaryDirectory(prefix="sahel-grade-") as scratch:
        Path(scratch).chmod(0o711)

        def one(path: Path) -> tuple[Path, Outcome]:
            slot = slots.get()
            try:
                chapter = exercise_of(path)
                names = sorted({n for t in tasks_of(chapter.exercise.tasks_module) for n in answer_names(t)}) \
                    if chapter and chapter.exercise else []
                return path, run_submission(path, names, limits, slot=slot, isolated=isolated,
                                            scratch=Path(scratch), hide=hide)
            finally:
                slots.put(slot)

        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in as_completed([pool.submit(one, p) for p in paths]):
                path, outcome = future.result()
                found = check_submission(path.name, exercise_of(path), outcome)
                rows += found
                write_atomically(out, rows)
                progress.step(path.name, found)
    write_atomically(out, rows)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m book.grade", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="folder of submitted .ipynb files")
    parser.add_argument("--out", type=Path, default=Path("report.csv"), help="CSV report to write")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="submissions run at once")
    parser.add_argument("--cell-timeout", type=int, default=60, help="seconds one cell may run")
    parser.add_argument("--timeout", type=int, default=300, help="seconds one notebook may run")
    parser.add_argument("--memory-mb", type=int, default=4096, help="memory (address space) per process")
    parser.add_argument("--no-isolation", action="store_true", help="do not use namespaces even where possible")
    args = parser.parse_args(argv)
    if args.folder is None or not args.folder.is_dir():
        parser.error("give the folder that holds the submitted notebooks")
    if args.out.resolve().parent == args.folder.resolve():
        parser.error("write the report outside the submissions folder (--out)")
    isolated = False if args.no_isolation else namespaces_available()
    print("Protections for each submission:\n  - " + "\n  - ".join(protections(isolated)), file=sys.stderr)
    limits = Limits(cell_timeout=args.cell_timeout, timeout=args.timeout, memory_mb=args.memory_mb)
    rows = grade_folder(args.folder, args.out, limits, min(max(1, args.workers), MAX_WORKERS), isolated=isolated)
    print(summary(rows))
    print(f"Report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
