"""Build the site so that a failed build never leaves a half-built site that looks complete.

``python -m book.build SOURCE`` (run by ``./course build``) builds the book into
``SOURCE/_build/next`` and only when the build succeeds replaces ``SOURCE/_build/html`` with it;
when it fails, the previous site stays as it was and the exit status says so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

FLAGS = ("--warningiserror", "--nitpick", "--keep-going", "--quiet")


def build(source: Path) -> int:
    """Build the book at ``source``; return the builder's exit status (0: the site was replaced)."""
    builder = Path(sys.executable).parent / "jupyter-book"
    staging = source / "_build" / "next"
    shutil.rmtree(staging, ignore_errors=True)
    run = subprocess.run([str(builder), "build", str(source), "--path-output", str(staging), *FLAGS], check=False)
    if run.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"The build failed; {source / '_build' / 'html'} was left as it was.", file=sys.stderr)
        return run.returncode
    target = source / "_build" / "html"
    shutil.rmtree(target, ignore_errors=True)
    (staging / "_build" / "html").rename(target)
    shutil.rmtree(staging, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(build(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
