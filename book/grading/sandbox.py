"""The sandbox one submission runs in, and the protections it gets on this machine.

With root and Linux namespaces (as in CI), each submission runs under ``unshare`` in its own PID,
mount, network, IPC and UTS namespaces, as its own unprivileged user, with resource limits:

- **nothing outlives it**: this module is PID 1 of the submission's namespace; when it exits, the
  kernel ends every process the submission started, detached or not;
- **it sees nothing it should not**: the course checkout, the submissions folder, the report's
  folder, ``/tmp`` and home folders are covered by empty file systems; only the course package,
  the data, the chapter list and the Python installation are mounted back, read-only, and the
  submission's own copy of its notebook, read-write, in its own folder; its ``/proc`` shows only
  its own processes, so it cannot read the grader's arguments;
- **limits**: address space, processes (per user), file size, open files, CPU time; a wall-clock
  limit per cell and per notebook is enforced from outside.

Without root or namespaces, a submission gets the limits and its own session only; the grader says
so when it starts (:func:`protections`).
"""

from __future__ import annotations

import ctypes
import fcntl
import json
import os
import resource
import shutil
import socket
import struct
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from book.paths import repo_root

TOKEN = "SAHEL_GRADE_TOKEN"  # marks every process of a submission, to end them without namespaces
FIRST_UID = 61000
MAX_WORKERS = 64


def uid_for(slot: int, grader: int | None = None) -> int:
    """The unprivileged user of worker ``slot``: its own for each slot, and for each grader running
    at once on the machine (by its process id), so that two graders never share a user.

    >>> uid_for(0, grader=1000) == FIRST_UID, uid_for(3, grader=1001) - uid_for(0, grader=1001)
    (True, 3)
    """
    return FIRST_UID + ((os.getpid() if grader is None else grader) % 1000) * MAX_WORKERS + slot % MAX_WORKERS
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18


@dataclass(frozen=True)
class Limits:
    """What one submission may use."""

    cell_timeout: int = 60      # seconds per cell (interrupted, then the notebook goes on)
    timeout: int = 300          # seconds per notebook, wall clock (then everything is ended)
    memory_mb: int = 4096       # address space of each process
    processes: int = 256        # processes and threads of the submission's user
    file_size_mb: int = 64      # largest file it may write
    open_files: int = 512


def namespaces_available() -> bool:
    """True when this machine lets the grader give each submission its own namespaces and user."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--pid", "--fork", "--mount", "--net", "true"], capture_output=True, timeout=20)
    return probe.returncode == 0


def protections(full: bool) -> list[str]:
    """The protections each submission gets, in words, for the grader's first lines and the README.

    >>> protections(False)[0]
    'limits per submission: cell time, notebook time, memory, processes, file size, open files'
    """
    found = ["limits per submission: cell time, notebook time, memory, processes, file size, open files"]
    if full:
        found += ["its own PID, mount, network, IPC and UTS namespaces: every process it starts ends with it",
                  "an unprivileged user of its own; no network",
                  "the course checkout, other submissions, the report and /tmp hidden; the course package and data "
                  "read-only"]
    else:
        found += ["its own session (process group), ended with it; detached processes that leave the group are "
                  "not tracked",
                  "NOT isolated: it runs as the grader's user and can read and write what the grader can "
                  "(run the grader as root on Linux for namespaces, or use a container)"]
    return found


# ---------- inside the namespace (as root, before dropping privileges) ----------

_libc = ctypes.CDLL(None, use_errno=True)


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    if _libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(), flags,
                   data and data.encode()) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {source} on {target}: {os.strerror(error)}")


def _bind(source: str, target: str, *, read_only: bool) -> None:
    _mount(source, target, None, MS_BIND | MS_REC)
    if read_only:
        _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _placeholder(path: Path, like: Path) -> None:
    if like.is_dir():
        path.mkdir(parents=True, exist_ok=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)


def _loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, request)[:18])[1]  # SIOCGIFFLAGS
        fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 1))  # SIOCSIFFLAGS, IFF_UP


def _outermost(paths: list[Path]) -> list[Path]:
    """The paths that are not inside another one of them."""
    return [p for p in paths if not any(o != p and o in p.parents for o in paths)]


def build_view(work: Path, hide: list[Path], expose: list[Path]) -> None:
    """Make the namespace's file system: ``hide`` covered by empty file systems, then ``expose``
    mounted back read-only at their own paths, and ``work`` read-write."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV)
    _mount("tmpfs", "/mnt", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0700")
    held = []
    for number, path in enumerate([*expose, work]):
        spot = Path("/mnt") / str(number)
        _placeholder(spot, path)
        _bind(str(path), str(spot), read_only=False)
        held.append((spot, path))
    for path in _outermost([p for p in hide if p.exists()]):
        _mount("tmpfs", str(path), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
    for spot, path in held:
        _placeholder(path, spot)
        _bind(str(spot), str(path), read_only=path != work)


def _drop(uid: int, limits: Limits) -> None:
    per_user = [(resource.RLIMIT_NPROC, limits.processes)] if uid else []  # counts every process of the user
    for what, value in (*per_user, (resource.RLIMIT_AS, limits.memory_mb * 2**20),
                        (resource.RLIMIT_FSIZE, limits.file_size_mb * 2**20),
                        (resource.RLIMIT_NOFILE, limits.open_files),
                        (resource.RLIMIT_CPU, limits.timeout + 5),
                        (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(what, (value, value))
    if uid and os.geteuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    os.umask(0o077)


def main() -> int:
    """PID 1 of a submission: read the plan from standard input, build the view, run the runner as
    the submission's user, and exit with it (which ends everything the submission started)."""
    plan: dict[str, Any] = json.loads(sys.stdin.readline())
    limits = Limits(**plan["limits"])
    work = Path(plan["work"])
    uid = int(plan.get("uid") or 0)
    if plan["isolated"]:
        build_view(work, [Path(p) for p in plan["hide"]], [Path(p) for p in plan["expose"]])
        _loopback_up()
    env = {"PATH": os.path.dirname(sys.executable) + ":/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8",
           "JUPYTER_RUNTIME_DIR": str(work / ".jupyter"), "IPYTHONDIR": str(work / ".ipython"),
           "MPLCONFIGDIR": str(work / ".matplotlib"), "PYTHONDONTWRITEBYTECODE": "1",
           "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1", TOKEN: str(plan["token"])}
    child = subprocess.Popen([sys.executable, "-m", "book.grading.runner"], stdin=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, cwd=work, env=env,
                             preexec_fn=lambda: _drop(uid, limits))  # (no threads here)
    assert child.stdin is not None
    child.stdin.write(json.dumps(plan["runner"]).encode() + b"\n")
    child.stdin.close()
    return child.wait()


def plan_for(notebook: Path, work: Path, names: list[str], limits: Limits, *, slot: int, isolated: bool,
             hide: list[Path]) -> dict[str, Any]:
    """What :func:`main` needs to run one submission, as JSON data (sent on standard input)."""
    root = repo_root()
    expose = [root / "book", root / "data", root / "_chapters.yml", Path(sys.prefix), Path(sys.base_prefix)]
    return {"isolated": isolated, "uid": uid_for(slot) if isolated else 0, "work": str(work),
            "token": f"{os.getpid()}-{slot}-{work.name}",
            "hide": [str(p) for p in [root, *hide, Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), Path("/root"),
                                      Path("/home")]],
            "expose": [str(p) for p in dict.fromkeys(expose)], "limits": asdict(limits),
            "runner": {"notebook": str(notebook), "names": names, "cell_timeout": limits.cell_timeout}}


def end_tagged(token: str) -> int:
    """End every process whose environment carries ``token`` (the fallback without namespaces, for
    processes that left the submission's process group, such as its kernel); return how many."""
    ended = 0
    marker = f"{TOKEN}={token}".encode() + b"\0"
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if marker in (proc / "environ").read_bytes() + b"\0":
                os.kill(int(proc.name), 9)
                ended += 1
        except (OSError, ValueError):
            continue
    return ended


def command(isolated: bool) -> list[str]:
    """How the grader starts one submission's sandbox."""
    inner = [sys.executable, "-m", "book.grading.sandbox"]
    if not isolated:
        return inner
    return ["unshare", "--pid", "--fork", "--kill-child", "--mount", "--net", "--ipc", "--uts", *inner]


if __name__ == "__main__":
    sys.exit(main())
