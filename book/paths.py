"""Where the course's files live, wherever a notebook or a test runs from."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"


def repo_root() -> Path:
    """Return the root of the course repository.

    ``SAHEL_COURSE_ROOT`` overrides it (useful for tests on a copy of the data).

    >>> (repo_root() / "_config.yml").exists()
    True
    """
    override = os.environ.get("SAHEL_COURSE_ROOT")
    if override:
        return Path(override).resolve()
    return PACKAGE_DIR.parent


def data_dir() -> Path:
    """Return the folder that holds the sourced tables.

    >>> data_dir().name
    'data'
    """
    return repo_root() / "data"
