"""Run one submission's notebook and hand back the values its tasks name (inside the sandbox).

``python -m book.grading.runner`` reads its settings as one JSON line on standard input (so that
nothing about the grader shows in its arguments), runs the notebook in a fresh kernel, cell by cell
with a time limit, then reads the named variables from the kernel (:func:`book.grading.values.dump`)
and prints one JSON line: ``{"values": ..., "errors": [...]}``. The student's kernel cannot write
to that line: before the kernel starts, standard output is pointed at ``/dev/null`` and the line is
written to a private copy of it.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from typing import Any

import nbformat

MAX_ERRORS = 20


def _errors(nb: nbformat.NotebookNode, skip_last: bool) -> list[str]:
    found = []
    cells = nb.cells[:-1] if skip_last else nb.cells
    for number, cell in enumerate(cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}"[:300])
    return found[:MAX_ERRORS]


def run(notebook: str, names: list[str], cell_timeout: int) -> dict[str, Any]:
    """Execute ``notebook`` and return the encoded values of ``names`` and the errors seen."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as error:  # (any unreadable file is reported as such)
        return {"values": None, "errors": [f"not a readable notebook: {type(error).__name__}: {error}"[:300]]}
    mark = f"@@VALUES-{secrets.token_hex(8)}@@"
    nb.cells = [c for c in nb.cells if c.get("cell_type") in ("code", "markdown", "raw")]
    nb.cells.append(nbformat.v4.new_code_cell(
        f"from book.grading.values import dump as _dump\n_dump(globals(), {names!r}, {mark!r})"))
    folder = os.path.dirname(os.path.abspath(notebook))
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            interrupt_on_timeout=True, resources={"metadata": {"path": folder}})
    problems: list[str] = []
    try:
        client.execute()
    except DeadKernelError:
        problems.append("the kernel died (out of memory, too many processes, or the code exited Python)")
    except CellTimeoutError:
        problems.append(f"a cell ran longer than {cell_timeout} s and did not stop when interrupted")
    except Exception as error:  # the kernel's messages broke down: report it against this submission
        problems.append(f"the kernel stopped answering ({type(error).__name__}); the notebook may have started "
                        "more processes or threads than its limit allows")
    finally:
        if client.km is not None and client.km.has_kernel:
            client.km.shutdown_kernel(now=True)
    problems = _errors(nb, skip_last=True) + problems
    values = None
    for output in nb.cells[-1].get("outputs", []):
        text = output.get("text", "") if output.get("output_type") == "stream" else ""
        if mark in text:
            values = json.loads(text.split(mark, 1)[1].splitlines()[0])
    if values is None and not problems:
        problems.append("the notebook's values could not be read")
    return {"values": values, "errors": problems}


def main() -> int:
    """Read the settings from standard input, run, print the result as one JSON line."""
    settings = json.loads(sys.stdin.readline())
    result_fd = os.dup(1)  # not inherited by the kernel (PEP 446)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        result = run(settings["notebook"], list(settings["names"]), int(settings["cell_timeout"]))
    except Exception as error:  # (the grader reports it against this submission)
        result = {"values": None, "errors": [f"the runner failed: {type(error).__name__}: {error}"[:300]]}
    with os.fdopen(result_fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
