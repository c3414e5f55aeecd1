"""The site's scripts and stylesheets served without their comments and spaces.

The repository keeps the course's scripts readable, with comments that explain them, for the
self-learner who opens them and for JupyterLab, which loads them from ``book/static``. A reader of
the site on a slow connection does not need the comments: after the build, :func:`minify_site`
rewrites the site's scripts and stylesheets without them (``rjsmin`` and ``rcssmin``, which only
remove comments and spaces; names and code are unchanged). On a first visit to a chapter this
saves about 12 KB gzip, some 60 ms at 1.6 Mbit/s.

Left alone: files already minified (``*.min.js``, ``*.min.css``), plotly.js (``vendor/``), the
figures' data (``figures/``), and the stylesheets that make up the site's one stylesheet bundle
(:mod:`book.page_head`), which is minified as it is made: pages never load them, and each build
makes the bundle again from them.

    python -m book.minify _build/html     # minify a built site, print the bytes saved
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Collection
from pathlib import Path

import rcssmin
import rjsmin

SKIPPED_FOLDERS = ("vendor", "figures", "cards")  # already compact: JSON written by the build


def minified_js(text: str) -> str:
    """A script without comments and needless spaces; ``/*! ... */`` comments (licences) stay.

    >>> minified_js("/*! MIT */\\n/* Draws. */\\nfunction add(a, b) {\\n  return a + b; // sum\\n}\\n")
    '/*! MIT */function add(a,b){return a+b;}'
    >>> minified_js("var s = 'a  // b'; var r = /a\\\\/b/g;")
    "var s='a  // b';var r=/a\\\\/b/g;"
    """
    return rjsmin.jsmin(text, keep_bang_comments=True)


def minified_css(text: str) -> str:
    """A stylesheet without comments and needless spaces; ``/*! ... */`` comments stay.

    >>> minified_css("/* Quiz. */\\n.quiz > p {\\n  width: calc(100% - 2rem);\\n  content: ' · ';\\n}\\n")
    ".quiz>p{width:calc(100% - 2rem);content:' · '}"
    """
    return rcssmin.cssmin(text, keep_bang_comments=True)


def is_minified_here(path: Path, static: Path, kept: Collection[str]) -> bool:
    """Whether :func:`minify_site` rewrites the file at ``path`` of the folder ``static``:
    a script or stylesheet, not already minified, not in a skipped folder, not in ``kept``
    (paths relative to ``static``).

    >>> static = Path("_static")
    >>> [is_minified_here(static / name, static, {"course.css"}) for name in
    ...  ("figures.js", "print.css", "course.css", "clipboard.min.js", "vendor/plotly-basic.min.js", "figures/f.js")]
    [True, True, False, False, False, False]
    """
    name = path.relative_to(static).as_posix()
    return (path.suffix in {".js", ".css"} and ".min." not in path.name and name not in kept
            and name.split("/", 1)[0] not in SKIPPED_FOLDERS)


def minify_site(static: Path, kept: Collection[str] = ()) -> list[tuple[str, int, int]]:
    """Minify in place the scripts and stylesheets of a built site's ``_static`` folder but those
    in ``kept`` (paths relative to it; see :func:`is_minified_here`). Returns each file's path and
    its gzip bytes before and after. Minifying a file twice changes nothing."""
    sizes = []
    for path in sorted(static.rglob("*")):
        if not path.is_file() or not is_minified_here(path, static, kept):
            continue
        text = path.read_text(encoding="utf-8")
        short = minified_js(text) if path.suffix == ".js" else minified_css(text)
        if short != text:
            path.write_text(short, encoding="utf-8")
        sizes.append((path.relative_to(static).as_posix(), gzip_size(text), gzip_size(short)))
    return sizes


def gzip_size(text: str) -> int:
    """Bytes of ``text`` gzipped as a web server would (level 6)."""
    return len(gzip.compress(text.encode("utf-8"), 6))


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    saved = minify_site(site / "_static")
    for name, before, after in saved:
        print(f"{name}: {before} -> {after} bytes gzip")
    print(f"saved {sum(b - a for _, b, a in saved)} bytes gzip in {len(saved)} files")
