"""What Binder (repo2docker) builds the course's environment from: ``.binder/`` must install the course's
own requirements.txt, with its ``-e .`` line, on a Python that pyproject.toml accepts."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.specifiers import SpecifierSet

from book.paths import repo_root

ROOT = repo_root()
BINDER = ROOT / ".binder"

# Python versions repo2docker can install (repo2docker/buildpacks/conda/supported_python_version.py).
REPO2DOCKER_PYTHONS = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14")


def _lines(path: Path) -> list[str]:
    """A requirements file's lines, without comments and blank lines."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def test_binder_reads_only_the_dot_binder_folder_and_nothing_overrides_requirements():
    assert BINDER.is_dir()
    assert not (ROOT / "binder").exists(), "repo2docker refuses a repository with both binder/ and .binder/"
    for overriding in ("Dockerfile", "environment.yml", "default.nix", "Pipfile", "Pipfile.lock"):
        assert not (BINDER / overriding).exists(), f".binder/{overriding} would replace requirements.txt"


def test_binder_installs_exactly_the_course_requirements_with_the_course_package_editable():
    lines = _lines(BINDER / "requirements.txt")
    assert len(lines) == 1 and lines[0].startswith("-r "), f"expected one line, -r ../requirements.txt: {lines}"
    # pip reads a nested -r relative to the file that names it, and `-e .` from where it runs: the root.
    assert (BINDER / lines[0].removeprefix("-r ").strip()).resolve() == ROOT / "requirements.txt"
    assert "-e ." in _lines(ROOT / "requirements.txt"), "requirements.txt no longer installs the course's package"


def test_binder_python_is_one_the_course_accepts_and_repo2docker_installs():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert match, f".binder/runtime.txt must read python-X.Y, not {runtime!r}"
    version = match.group(1)
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert version in SpecifierSet(requires), f"Python {version} does not satisfy requires-python {requires}"
    assert version in REPO2DOCKER_PYTHONS
