"""The grader's report: one row per submission and task, safe to open in a spreadsheet, written so
that a grader that is stopped halfway leaves the rows it had.

>>> clean("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> clean("\\x1b[31mred\\x1b[0m\\x07 and\\nmore")
'red and more'
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
MAX_TEXT = 500

PASSED, FAILED, NOT_ATTEMPTED, UNCHECKED = "passed", "failed", "not attempted", "could not be checked"


def clean(text: object, limit: int = MAX_TEXT) -> str:
    """Text from a submission made safe for a report: no terminal escapes or control characters,
    at most ``limit`` characters, and never read by a spreadsheet as a formula."""
    value = CONTROL.sub(" ", ANSI.sub("", str(text))).strip()
    value = re.sub(r" {2,}", " ", value)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return "'" + value if value.startswith(FORMULA_START) else value


@dataclass(frozen=True)
class Row:
    """One task of one submission."""

    notebook: str
    exercise: str
    task: str
    status: str
    message: str
    problems: str

    @property
    def passed(self) -> bool:
        """Whether the task passed."""
        return self.status == PASSED


COLUMNS = [f.name for f in fields(Row)] + ["passed"]


def row(notebook: str, exercise: str, task: str, status: str, message: str, problems: str = "") -> Row:
    """A report row with every text field cleaned.

    >>> row("=cmd|' /C calc'!A0.ipynb", "mandate", "Task 1", PASSED, "ok").notebook
    "'=cmd|' /C calc'!A0.ipynb"
    """
    return Row(clean(notebook, 200), clean(exercise, 80), clean(task, 80), status, clean(message), clean(problems))


def csv_text(rows: Iterable[Row]) -> str:
    """The report as CSV text, rows sorted by notebook and task."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in sorted(rows, key=lambda r: (r.notebook, _task_number(r.task))):
        writer.writerow({**asdict(r), "passed": r.passed})
    return out.getvalue()


def _task_number(task: str) -> tuple[int, str]:
    digits = re.findall(r"\d+", task)
    return (int(digits[0]) if digits else 0, task)


def write_atomically(path: Path, rows: Iterable[Row]) -> None:
    """Write the report to a temporary file beside ``path``, then rename it into place: a reader
    (or a grader stopped at any moment) sees the previous report or the new one, never half of one."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        handle.write(csv_text(rows))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def summary(rows: list[Row]) -> str:
    """What a teacher reads at the end: how many passed each task, and which notebooks failed to
    run and why.

    >>> print(summary([row("a.ipynb", "m", "Task 1", PASSED, "ok"), row("b.ipynb", "m", "Task 1", UNCHECKED, "x",
    ...                                                                  "stopped after 5 s")]))
    2 notebooks, 1 of 2 tasks passed.
      Task 1: 1 of 2 passed
    Notebooks that did not run to the end:
      b.ipynb: stopped after 5 s
    """
    notebooks = sorted({r.notebook for r in rows})
    lines = [f"{len(notebooks)} notebooks, {sum(r.passed for r in rows)} of {len(rows)} tasks passed."]
    totals, passed = Counter(r.task for r in rows), Counter(r.task for r in rows if r.passed)
    for task in sorted(totals, key=_task_number):
        lines.append(f"  {task}: {passed[task]} of {totals[task]} passed")
    troubled = {r.notebook: r.problems for r in rows if r.status == UNCHECKED and r.problems}
    if troubled:
        lines.append("Notebooks that did not run to the end:")
        lines += [f"  {name}: {why}" for name, why in sorted(troubled.items())]
    return "\n".join(lines)
