"""The chapter manifest (``_chapters.yml``): the one place that lists the course's chapters.

Each chapter declares its number, slug, title and status, and, once it exists, its notebook, quiz,
exercise (teacher and student editions and tasks module) and the data tables it draws on.
``_toc.yml`` and the README's chapter table are written from it; the tests, the site's draft banner
and the grader read it.

    python -m book.manifest --write     rewrite _toc.yml and the README table from the manifest
    python -m book.manifest --check     exit 1 if either disagrees with the manifest

>>> [c.slug for c in chapters()][:3]
['intro', 'mali-2012', 'mandate']
>>> chapter("mandate").exercise.tasks_module
'book.tasks.mandate'
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from book.paths import repo_root

MANIFEST = "_chapters.yml"
STATUSES = ("planned", "draft", "published")
SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
README_START = "<!-- chapters: written by python -m book.manifest --write; edit _chapters.yml instead -->"
README_END = "<!-- end of chapters -->"


class ManifestError(ValueError):
    """A mistake in ``_chapters.yml``, named with the chapter and the field."""


@dataclass(frozen=True)
class Exercise:
    """A chapter's exercise: the teacher edition (the source), the student edition and its checks."""

    teacher: str
    student: str
    tasks: str

    @property
    def tasks_module(self) -> str:
        """The import name of the tasks module.

        >>> Exercise("t", "s", "book/tasks/after_minusma.py").tasks_module
        'book.tasks.after_minusma'
        """
        return self.tasks.removesuffix(".py").replace("/", ".")

    @property
    def docname(self) -> str:
        """The page name Sphinx gives the student edition.

        >>> Exercise("t", "exercises/mandate.ipynb", "x").docname
        'exercises/mandate'
        """
        return self.student.removesuffix(".ipynb")

    @property
    def name(self) -> str:
        """The exercise's name, as the grader reports it: the student edition's file name.

        >>> Exercise("t", "exercises/mandate.ipynb", "x").name
        'mandate'
        """
        return Path(self.student).stem


@dataclass(frozen=True)
class Chapter:
    """One chapter as the manifest declares it."""

    number: int
    slug: str
    title: str
    status: str
    notebook: str | None = None
    quiz: str | None = None
    exercise: Exercise | None = None
    tables: tuple[str, ...] = ()
    blurb: str = ""

    @property
    def docname(self) -> str | None:
        """The page name Sphinx gives the chapter (its notebook path without the suffix)."""
        return self.notebook.removesuffix(".ipynb") if self.notebook else None

    @property
    def is_front_matter(self) -> bool:
        """The introduction (number 0) has no quiz or exercise of its own."""
        return self.number == 0

    def pages(self) -> list[str]:
        """The site pages of the chapter: its own and its exercise's (Sphinx page names)."""
        return [p for p in (self.docname, self.exercise and self.exercise.docname) if p]

    def files(self) -> list[str]:
        """Every file the chapter declares, relative to the repository root."""
        found = [self.notebook, self.quiz]
        if self.exercise:
            found += [self.exercise.teacher, self.exercise.student, self.exercise.tasks]
        return [f for f in found if f]


def _chapter(entry: dict[str, Any], where: str) -> Chapter:
    known = {"number", "slug", "title", "blurb", "status", "notebook", "quiz", "exercise", "tables"}
    unknown = set(entry) - known
    if unknown:
        raise ManifestError(f"{where}: unknown field(s) {sorted(unknown)}; the fields are {sorted(known)}")
    for key in ("number", "slug", "title", "status"):
        if key not in entry:
            raise ManifestError(f"{where}: the field {key!r} is missing")
    slug, status = entry["slug"], entry["status"]
    where = f"{where} ({slug!r})"
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise ManifestError(f"{where}: a slug is lower-case letters and digits joined by hyphens, like 'after-minusma'")
    if status not in STATUSES:
        raise ManifestError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    if not isinstance(entry["number"], int):
        raise ManifestError(f"{where}: number {entry['number']!r} is not a whole number")
    exercise = entry.get("exercise")
    if exercise is not None:
        missing = {"teacher", "student", "tasks"} - set(exercise)
        if missing:
            raise ManifestError(f"{where}: exercise needs {sorted(missing)} too")
        exercise = Exercise(exercise["teacher"], exercise["student"], exercise["tasks"])
    if status != "planned" and not entry.get("notebook"):
        raise ManifestError(f"{where}: a {status} chapter declares its notebook")
    if status != "planned" and entry["number"] > 0 and (not entry.get("quiz") or exercise is None):
        raise ManifestError(f"{where}: a {status} chapter declares its quiz and its exercise")
    return Chapter(entry["number"], slug, str(entry["title"]), status, entry.get("notebook"), entry.get("quiz"),
                   exercise, tuple(entry.get("tables") or ()), str(entry.get("blurb") or ""))


def load_manifest(root: Path | None = None) -> dict[str, Any]:
    """The manifest as written, checked: chapters (in number order) and reference pages."""
    path = (root or repo_root()) / MANIFEST
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = raw.get("chapters") or []
    found = [_chapter(e, f"{MANIFEST}, chapter {i + 1}") for i, e in enumerate(entries)]
    for key in ("number", "slug"):
        values = [getattr(c, key) for c in found]
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise ManifestError(f"{MANIFEST}: the {key} {repeated} is given to more than one chapter")
    return {"chapters": sorted(found, key=lambda c: c.number), "reference": raw.get("reference") or []}


def chapters(root: Path | None = None) -> list[Chapter]:
    """Every chapter of the manifest, planned ones included, in number order."""
    return load_manifest(root)["chapters"]


def built_chapters(root: Path | None = None) -> list[Chapter]:
    """The chapters that exist: drafts and published ones."""
    return [c for c in chapters(root) if c.status != "planned"]


def chapter(slug: str, root: Path | None = None) -> Chapter:
    """The chapter called ``slug``."""
    for c in chapters(root):
        if c.slug == slug:
            return c
    raise KeyError(f"no chapter {slug!r} in {MANIFEST}")


def exercise_for(name: str, root: Path | None = None) -> Chapter | None:
    """The chapter whose exercise is called ``name`` (the student edition's file name), if any.

    >>> exercise_for("mandate").slug
    'mandate'
    >>> exercise_for("nothing") is None
    True
    """
    for c in built_chapters(root):
        if c.exercise and c.exercise.name == name:
            return c
    return None


def toc_text(root: Path | None = None) -> str:
    """``_toc.yml`` as the manifest implies it: the introduction as root, then chapters, exercises
    and the reference shelf."""
    manifest = load_manifest(root)
    built = [c for c in manifest["chapters"] if c.status != "planned"]
    front = [c for c in built if c.is_front_matter]
    body = [c for c in built if not c.is_front_matter]
    lines = ["# Written from _chapters.yml by `python -m book.manifest --write`: edit the manifest, not this file.",
             "format: jb-book", f"root: {front[0].docname if front else body[0].docname}", "parts:"]
    parts = [("Chapters", [c.docname for c in body]),
             ("Exercises", [c.exercise.docname for c in body if c.exercise]),
             ("Reference", [r["file"] for r in manifest["reference"]])]
    for caption, files in parts:
        if files:
            lines += [f"  - caption: {caption}", "    chapters:"] + [f"      - file: {f}" for f in files]
    return "\n".join(lines) + "\n"


def readme_table(root: Path | None = None) -> str:
    """The README's table of chapters and their status."""
    words = {"planned": "planned", "draft": "in preparation (draft)", "published": "published"}
    rows = ["| # | chapter | status | exercise |", "|---|---|---|---|"]
    for c in chapters(root):
        exercise = f"`{c.exercise.student}`" if c.exercise else "—"
        rows.append(f"| {c.number} | {c.title} | {words[c.status]} | {exercise} |")
    return "\n".join(rows)


class Roadmap:
    """The course's chapters as a numbered list of links, for the introduction: it follows the
    manifest, so a new chapter appears in it the day it is created. Shown as Markdown, whose links
    to the notebooks work in JupyterLab and become page links in the site.

    >>> print(Roadmap(chapters()[:3]).markdown().splitlines()[2])
    2. [**The mandate, real and imagined**](mandate.ipynb): what MINUSMA was asked to do, and what it was not.
    """

    def __init__(self, entries: list[Chapter] | None = None) -> None:
        self.entries = entries if entries is not None else chapters()

    def markdown(self) -> str:
        """One numbered line per chapter: its title (a link once it exists), blurb and status."""
        lines = []
        for c in self.entries:
            title = f"**{c.title}**"
            if c.status != "planned" and c.notebook and not c.is_front_matter:
                title = f"[{title}]({Path(c.notebook).name})"
            status = {"planned": " (planned)", "draft": " (in preparation)"}.get(c.status, "")
            lines.append(f"{c.number}. {title}: {c.blurb}{status}".rstrip(": "))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.markdown()

    def _repr_markdown_(self) -> str:
        return self.markdown()


def readme_with_table(readme: str, table: str) -> str:
    """``readme`` with the text between the chapter markers replaced by ``table``.

    >>> readme_with_table(f"a\\n{README_START}\\nold\\n{README_END}\\nb", "new").splitlines()[2]
    'new'
    """
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(readme):
        raise ManifestError(f"README.md has no chapter markers ({README_START!r} ... {README_END!r})")
    return pattern.sub(lambda _: f"{README_START}\n{table}\n{README_END}", readme)


def write(root: Path | None = None) -> list[Path]:
    """Rewrite ``_toc.yml`` and the README table from the manifest; return the files changed."""
    base = root or repo_root()
    changed = []
    for path, text in ((base / "_toc.yml", toc_text(base)),
                       (base / "README.md", readme_with_table((base / "README.md").read_text(encoding="utf-8"),
                                                              readme_table(base)))):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def disagreements(root: Path | None = None) -> list[str]:
    """What in ``_toc.yml`` or the README disagrees with the manifest (empty when all agree)."""
    base = root or repo_root()
    problems = []
    if (base / "_toc.yml").read_text(encoding="utf-8") != toc_text(base):
        problems.append("_toc.yml does not follow _chapters.yml")
    readme = (base / "README.md").read_text(encoding="utf-8")
    if readme_with_table(readme, readme_table(base)) != readme:
        problems.append("the README's chapter table does not follow _chapters.yml")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--write`` or ``--check``."""
    parser = argparse.ArgumentParser(prog="python -m book.manifest", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="rewrite _toc.yml and the README table")
    group.add_argument("--check", action="store_true", help="fail if they disagree with the manifest")
    args = parser.parse_args(argv)
    if args.write:
        for path in write():
            print(f"wrote {path.relative_to(repo_root())}")
        return 0
    problems = disagreements()
    for p in problems:
        print(f"{p}: run python -m book.manifest --write", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
