"""The offline course pack: one zip with the built site, the notebooks, the data and a page to start.

``python -m book.pack`` (``./course pack``, after ``./course build``) writes
``_build/sahel-course-pack.zip``. Unzipped anywhere, ``sahel-course/START-HERE.html`` opens in a
browser with no server and no network; the site inside works from the folder (``file://``). The
pack holds the student editions of the exercises, never the teacher editions.

When ``course_pack`` is set in ``_config.yml``, the site build also writes the pack into the site, where
the pages' link to it points (:mod:`book.launch`); the pages inside the pack leave that link out.
"""

from __future__ import annotations

import html
import sys
import zipfile
from pathlib import Path

from book.launch import without_pack_link
from book.manifest import built_chapters
from book.paths import repo_root

ROOT_NAME = "sahel-course"
PACK = Path("_build") / "sahel-course-pack.zip"


def start_page() -> str:
    """The pack's first page: what is inside, and where to begin.

    >>> "site/index.html" in start_page() and "teacher" not in start_page().lower()
    True
    """
    chapters = "".join(
        f'<li><a href="site/{html.escape(c.docname)}.html">{c.number}. {html.escape(c.title)}</a></li>'
        for c in built_chapters() if c.docname)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>The Sahel crisis course: start here</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;
color:#1a1a1a}}a{{color:#0b57d0}}</style></head>
<body><main>
<h1>The Sahel crisis course: start here</h1>
<p>This folder holds the whole course, to read with no network: open
<a href="site/index.html">the course site</a> in your browser. Its figures and quizzes work from the folder.</p>
<h2>Chapters</h2><ol start="0">{chapters}</ol>
<h2>What else is here</h2>
<ul>
<li><code>notebooks/</code>: the chapters and the exercises as Jupyter notebooks, to run in JupyterLab with the
course's Python package (see the repository's README).</li>
<li><code>data/</code>: the sourced tables (CSV), their schema (<code>datapackage.json</code>) and
<code>README.md</code>, which says how each table was built and what it lacks.</li>
</ul>
<p>The course text and code are under open licences, stated in the repository's README; the data tables are
CC BY 4.0.</p>
</main></body></html>
"""


def members(root: Path, site: Path | None = None) -> list[tuple[Path, str]]:
    """Every file the pack holds, with its name inside the zip (the site: ``_build/html`` unless given)."""
    site = site or root / "_build" / "html"
    if not (site / "index.html").exists():
        raise SystemExit(f"No built site at {site}: run ./course build first.")
    found = [(p, f"{ROOT_NAME}/site/{p.relative_to(site).as_posix()}") for p in sorted(site.rglob("*"))
             if p.is_file() and p.suffix not in (".zip", ".partial")]  # never a pack, whole or half written
    notebooks = [root / c.notebook for c in built_chapters() if c.notebook]
    notebooks += [root / c.exercise.student for c in built_chapters() if c.exercise]
    found += [(p, f"{ROOT_NAME}/notebooks/{p.relative_to(root).as_posix()}") for p in notebooks]
    found += [(p, f"{ROOT_NAME}/{p.relative_to(root).as_posix()}") for p in sorted((root / "data").rglob("*"))
              if p.is_file() and not p.name.startswith(".")]
    return found


def write_pack(root: Path | None = None, site: Path | None = None, target: Path | None = None) -> Path:
    """Write the course pack and return its path (``_build/sahel-course-pack.zip`` unless given)."""
    base = root or repo_root()
    target = target or base / PACK
    temporary = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as pack:
        pack.writestr(f"{ROOT_NAME}/START-HERE.html", start_page())
        for path, name in members(base, site):
            if path.suffix == ".html":
                page = without_pack_link(path.read_text(encoding="utf-8"))
                pack.writestr(zipfile.ZipInfo.from_file(path, name), page, compress_type=zipfile.ZIP_DEFLATED,
                              compresslevel=9)
            else:
                pack.write(path, name)
    temporary.replace(target)
    return target


if __name__ == "__main__":
    path = write_pack()
    print(f"The course pack is {path} ({path.stat().st_size / 2**20:.1f} MB): unzip it and open "
          f"{ROOT_NAME}/START-HERE.html.")
    sys.exit(0)
