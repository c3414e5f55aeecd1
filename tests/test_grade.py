"""The grader against a class of hostile submissions, in one run: each gets its rows and its message,
the honest ones are graded unchanged, and nothing on disk outside the grader's temporary folders
changes. The isolation cases need root and Linux namespaces (CI has both); elsewhere they are
skipped, and the grader says which protections it had."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from book.grade import main
from book.grading.sandbox import MAX_WORKERS, namespaces_available, uid_for
from book.paths import repo_root
from book.tasks import tasks_of

ROOT = repo_root()
TEACHER = ROOT / "exercises" / "teacher" / "mandate.ipynb"
STUDENT = ROOT / "exercises" / "mandate.ipynb"
TASKS = [t.label for t in tasks_of("book.tasks.mandate")]
ISOLATED = namespaces_available()
needs_isolation = pytest.mark.skipif(not ISOLATED, reason="needs root and Linux namespaces (as in CI)")


def _with_cell(source: Path, target: Path, code: str, at: int = 3, drop: str | None = None) -> None:
    nb = nbformat.read(source, as_version=4)
    if drop:
        nb.cells = [c for c in nb.cells if drop not in c.source]
    nb.cells.insert(at, nbformat.v4.new_code_cell(code))
    nbformat.write(nb, target)


def _fingerprint(*folders: Path) -> dict[str, str]:
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One grader run over a folder of honest and hostile submissions."""
    base = tmp_path_factory.mktemp("class")
    folder, outside = base / "submissions", base / "outside"
    folder.mkdir()
    outside.mkdir()
    report = outside / "report.csv"
    shutil.copy2(TEACHER, folder / "honest.ipynb")
    shutil.copy2(STUDENT, folder / "blank.ipynb")
    forge = ("import book.checks as c\nfor n in range(1, 8):\n"
             "    c.record(c.Feedback(f'Task {n}', True, 'forged'))\n"
             "print(c.results_json())\nprint('@@CHECK-RESULTS@@' + c.results_json())")
    _with_cell(STUDENT, folder / "forges.ipynb", forge)
    _with_cell(STUDENT, folder / "no_check_cells.ipynb", "pass", drop="check.task_")
    _with_cell(TEACHER, folder / "one_check_deleted.ipynb", "pass", drop="check.task_3(")
    patch = ("import book.tasks.mandate as m, book.checks as c\n"
             "ok = lambda *a, **k: c.Feedback('Task 1', True, 'patched')\n"
             "for n in range(1, 8):\n    setattr(m, f'task_{n}', ok)\n"
             "c.check_number = c.check_set = c.check_values = c.check_figure = ok")
    _with_cell(STUDENT, folder / "patches_checks.ipynb", patch)
    _with_cell(STUDENT, folder / "prints_fake_results.ipynb",
               "print('@@VALUES-0000@@' + '{\"mandate_res\": 1}')\nprint('Task 1 passed, Task 2 passed')")
    _with_cell(TEACHER, folder / "loops.ipynb", "while True:\n    pass")
    _with_cell(TEACHER, folder / "ignores_interrupts.ipynb",
               "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass")
    _with_cell(TEACHER, folder / "memory_bomb.ipynb", "hog = bytearray(64 * 2**30)")
    _with_cell(TEACHER, folder / "process_burst.ipynb",
               "import subprocess\nkids = []\ntry:\n    for _ in range(600):\n"
               "        kids.append(subprocess.Popen(['sleep', '600'], start_new_session=True))\n"
               "except OSError as error:\n    print('stopped at', len(kids), error)")
    escape = (f"import pathlib\nfor target in ['{ROOT}/book/tasks/mandate.py', '{folder}/honest.ipynb', "
              f"'{outside}/escaped.txt', '/tmp/escaped-from-a-submission.txt']:\n"
              "    try:\n        pathlib.Path(target).write_text('overwritten')\n"
              "    except OSError as error:\n        print(type(error).__name__, target)")
    _with_cell(TEACHER, folder / "writes_outside.ipynb", escape)
    _with_cell(TEACHER, folder / "reads_teacher_edition.ipynb",
               f"secret = open('{TEACHER}').read()")
    _with_cell(TEACHER, folder / "detached_rewrites_report.ipynb",
               f"import subprocess\nsubprocess.Popen(['sh', '-c', 'sleep 4; echo hacked > {report}'], "
               "start_new_session=True)")
    _with_cell(TEACHER, folder / "looks_for_the_grader.ipynb",
               "import pathlib\nseen = [p.read_bytes().replace(bytes(1), b' ').decode() for p in "
               "pathlib.Path('/proc').glob('[0-9]*/cmdline')]\nraise RuntimeError(' | '.join(seen))")
    (folder / "invalid-mandate.ipynb").write_text("{ this is not JSON", encoding="utf-8")
    _with_cell(TEACHER, folder / "huge_output.ipynb", "print('x' * 50_000_000)")
    _with_cell(TEACHER, folder / "=HYPERLINK(1)\x1b[31m-mandate.ipynb",
               "raise ValueError('=1+1 \\x1b[31mred\\x1b[0m')")
    before = _fingerprint(ROOT / "book", ROOT / "data", ROOT / "exercises", folder)
    started = time.monotonic()
    assert main([str(folder), "--out", str(report), "--workers", "2", "--cell-timeout", "5",
                 "--timeout", "60", "--memory-mb", "3072"]) == 0
    seconds = time.monotonic() - started
    time.sleep(5)  # the detached writer would have fired by now
    rows: dict[str, list[dict[str, str]]] = {}
    for r in csv.DictReader(report.open(encoding="utf-8")):
        rows.setdefault(r["notebook"], []).append(r)
    after = _fingerprint(ROOT / "book", ROOT / "data", ROOT / "exercises", folder)
    return {"rows": rows, "before": before, "after": after, "seconds": seconds, "report": report,
            "outside": outside}


def statuses(graded, name: str) -> list[str]:
    return [r["status"] for r in graded["rows"][name]]


def test_every_submission_reports_every_task_of_its_exercise(graded):
    for name, found in graded["rows"].items():
        assert [r["task"] for r in found] == TASKS, name


def test_an_honest_submission_passes_and_a_blank_one_is_not_attempted(graded):
    assert statuses(graded, "honest.ipynb") == ["passed"] * len(TASKS)
    assert statuses(graded, "blank.ipynb") == ["not attempted"] * len(TASKS)


@pytest.mark.parametrize("name", ["forges.ipynb", "patches_checks.ipynb", "prints_fake_results.ipynb",
                                  "no_check_cells.ipynb"])
def test_nothing_a_student_writes_in_a_cell_marks_a_task_passed(graded, name):
    assert "passed" not in statuses(graded, name), name


def test_a_deleted_check_cell_hides_nothing(graded):
    assert statuses(graded, "one_check_deleted.ipynb") == ["passed"] * len(TASKS)


def test_an_endless_loop_is_interrupted_and_the_rest_is_graded(graded):
    found = graded["rows"]["loops.ipynb"]
    assert [r["status"] for r in found] == ["passed"] * len(TASKS)
    assert "KeyboardInterrupt" in found[0]["problems"]


def test_a_cell_that_ignores_interrupts_is_stopped_and_reported(graded):
    found = graded["rows"]["ignores_interrupts.ipynb"]
    assert {r["status"] for r in found} == {"could not be checked"}
    assert "did not stop" in found[0]["problems"] or "stopped after" in found[0]["problems"]


def test_a_memory_bomb_fails_its_cell_only(graded):
    found = graded["rows"]["memory_bomb.ipynb"]
    assert [r["status"] for r in found] == ["passed"] * len(TASKS)
    assert "MemoryError" in found[0]["problems"]


def test_invalid_json_and_a_50_mb_output_each_get_their_rows(graded):
    invalid = graded["rows"]["invalid-mandate.ipynb"]
    assert {r["status"] for r in invalid} == {"could not be checked"}
    assert "not a readable notebook" in invalid[0]["problems"]
    assert statuses(graded, "huge_output.ipynb") == ["passed"] * len(TASKS)


def test_names_and_messages_cannot_inject_formulas_or_terminal_codes(graded):
    hostile = next(n for n in graded["rows"] if "HYPERLINK" in n)
    assert hostile.startswith("'=") and "\x1b" not in hostile
    problems = graded["rows"][hostile][0]["problems"]
    assert "ValueError" in problems and "\x1b" not in problems
    for found in graded["rows"].values():
        for r in found:
            assert not any(r[k].startswith(("=", "+", "-", "@")) for k in ("notebook", "message", "problems"))


@needs_isolation
def test_a_submission_cannot_touch_the_course_other_submissions_or_the_report(graded):
    assert graded["after"] == graded["before"], "a file of the course or of a submission changed"
    assert not (graded["outside"] / "escaped.txt").exists()
    assert not Path("/tmp/escaped-from-a-submission.txt").exists()
    assert "hacked" not in graded["report"].read_text(encoding="utf-8")
    assert statuses(graded, "writes_outside.ipynb") == ["passed"] * len(TASKS)


@needs_isolation
def test_a_submission_cannot_find_the_grader_s_folder_or_arguments(graded):
    seen = graded["rows"]["looks_for_the_grader.ipynb"][0]["problems"]
    assert "book.grading" in seen, seen  # it did list the processes it can see: its own
    assert "--out" not in seen and "submissions" not in seen and "report.csv" not in seen, seen
    assert "pytest" not in seen, seen


@needs_isolation
def test_a_submission_cannot_read_the_teacher_edition(graded):
    found = graded["rows"]["reads_teacher_edition.ipynb"]
    assert "FileNotFoundError" in found[0]["problems"] or "PermissionError" in found[0]["problems"]


@needs_isolation
def test_nothing_a_submission_started_outlives_it(graded):
    mine = {uid_for(slot) for slot in range(MAX_WORKERS)}  # this grader's users (another may run at once)
    users = subprocess.run(["ps", "-eo", "uid="], capture_output=True, text=True).stdout.split()
    assert not [u for u in users if int(u) in mine], "a submission's process is still running"
    burst = graded["rows"]["process_burst.ipynb"]
    assert {r["status"] for r in burst} <= {"passed", "could not be checked"}
    assert burst[0]["status"] == "passed" or "processes" in burst[0]["problems"], burst[0]["problems"]


def test_each_check_cell_passes_the_variables_the_grader_reads():
    """The grader reads a task's answer by the names of its check's parameters, so every teacher
    edition must call ``check.task_N(...)`` with exactly those names."""
    from book import manifest
    from book.grade import answer_names

    for chapter in manifest.built_chapters():
        if not chapter.exercise:
            continue
        text = "\n".join(c.source for c in nbformat.read(ROOT / chapter.exercise.teacher, as_version=4).cells)
        for task in tasks_of(chapter.exercise.tasks_module):
            call = f"check.task_{task.number}({', '.join(answer_names(task))})"
            assert call in text, f"{chapter.exercise.teacher}: expected the cell {call}"


def test_every_teacher_edition_passes_every_task_when_graded(tmp_path):
    from book import manifest

    folder = tmp_path / "teachers"
    folder.mkdir()
    expected = {}
    for chapter in manifest.built_chapters():
        if chapter.exercise:
            shutil.copy2(ROOT / chapter.exercise.teacher, folder / f"{chapter.exercise.name}.ipynb")
            expected[f"{chapter.exercise.name}.ipynb"] = len(tasks_of(chapter.exercise.tasks_module))
    report = tmp_path / "report.csv"
    assert main([str(folder), "--out", str(report), "--workers", "2", "--cell-timeout", "60"]) == 0
    found: dict[str, list[str]] = {}
    for r in csv.DictReader(report.open(encoding="utf-8")):
        found.setdefault(r["notebook"], []).append(r["status"])
    assert {name: len(s) for name, s in found.items()} == expected
    assert all(s == ["passed"] * len(s) for s in found.values()), found


def test_without_namespaces_the_limits_hold_and_no_kernel_is_left_behind(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy2(TEACHER, folder / "honest.ipynb")
    _with_cell(TEACHER, folder / "ignores_interrupts.ipynb",
               "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass")
    report = tmp_path / "report.csv"
    assert main([str(folder), "--out", str(report), "--no-isolation", "--workers", "2", "--cell-timeout", "5",
                 "--timeout", "30"]) == 0
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert {r["status"] for r in rows if r["notebook"] == "honest.ipynb"} == {"passed"}
    assert {r["status"] for r in rows if r["notebook"] == "ignores_interrupts.ipynb"} == {"could not be checked"}
    deadline = time.monotonic() + 10  # a killed process may take a moment to be reaped on a loaded machine
    while (tagged := _tagged_processes()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not tagged, f"processes of a submission outlived it: {tagged}"


def _tagged_processes() -> list[str]:
    tagged = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and f"SAHEL_GRADE_TOKEN={os.getpid()}-".encode() in (proc / "environ").read_bytes():
                tagged.append(proc.name)
        except OSError:
            continue
    return tagged
