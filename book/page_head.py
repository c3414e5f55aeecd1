"""What a page needs before the reader sees its text: one stylesheet, and no script that waits.

On a slow connection (1.6 Mbit/s, 150 ms), each file that the browser must fetch before its first
paint costs a round trip or more. The theme's pages asked for about fourteen stylesheets (one of
them importing another, a second round trip) and eight scripts that stop the page's parsing. After
the build, :func:`speed_up_site` rewrites every page's head:

- its stylesheets (not the print one) become one file, ``_static/course-<digest>.css``, the same for
  every page so that it is fetched once for the whole site, and minified (:func:`bundle_css`);
- its scripts run after the page is parsed (``defer``, which keeps their order), except the theme's
  first line, which sets the light or dark mode before the first paint;
- the theme's early fetch of its deferred scripts (``<link rel="preload">``) goes: they no longer
  compete with the stylesheet and the text.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from book.minify import minified_css

STYLESHEET = re.compile(r'\s*<link\b(?=[^>]*\brel="stylesheet")(?![^>]*\bmedia="print")[^>]*>')
HREF = re.compile(r'\bhref="(?P<href>[^"]+)"')
NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.S)
SCRIPT_TAG = re.compile(r"<script\b(?P<attrs>[^>]*)\bsrc=")
SCRIPT_PRELOAD = re.compile(r'\s*<link rel="preload" as="script"[^>]*>')
IMPORT = re.compile(r'@import\s+(?:url\()?\s*["\']?(?P<path>[^"\')]+)["\']?\s*\)?\s*;')
CSS_URL = re.compile(r'url\(\s*(?P<q>["\']?)(?P<url>[^"\')]+)(?P=q)\s*\)')
CHARSET = re.compile(r'@charset\s+"[^"]*";\s*')
BUNDLE_GLOB = "course-*.css"
BUNDLE_HREF = re.compile(r'href="[^"]*_static/course-[0-9a-f]{12}\.css"')
BUNDLE_LIST = "course-css.txt"


class HeadError(ValueError):
    """A page's head cannot be rewritten as expected (the theme has changed)."""


def _head(text: str) -> tuple[int, int]:
    start, end = text.find("<head"), text.find("</head>")
    if start < 0 or end < 0:
        raise HeadError("no <head> element")
    return start, end


def stylesheets(text: str) -> list[str]:
    """The addresses of the stylesheets a page's head loads for the screen, in order (print and
    ``<noscript>`` ones excluded).

    >>> stylesheets('<head><link rel="stylesheet" href="a.css"><noscript><link rel="stylesheet" href="n.css">'
    ...             '</noscript><link media="print" rel="stylesheet" href="p.css"><link href="b.css?v=1" '
    ...             'rel="stylesheet" /></head>')
    ['a.css', 'b.css?v=1']
    """
    start, end = _head(text)
    head = NOSCRIPT.sub("", text[start:end])
    return [HREF.search(m.group(0)).group("href") for m in STYLESHEET.finditer(head)]  # type: ignore[union-attr]


def site_order(pages: list[list[str]]) -> list[str]:
    """One order for every file that the pages load, which keeps each page's own order (so that a
    rule still comes after the rules it overrides). Raises :class:`HeadError` if two pages disagree.

    >>> site_order([["theme", "course"], ["theme", "quiz", "course"], ["theme", "claims"]])
    ['theme', 'quiz', 'course', 'claims']
    >>> site_order([["a", "b"], ["b", "a"]])
    Traceback (most recent call last):
    ...
    book.page_head.HeadError: the pages load these stylesheets in different orders: a, b
    """
    first_seen: dict[str, int] = {}
    after: dict[str, set[str]] = {}
    for files in pages:
        for index, name in enumerate(files):
            first_seen.setdefault(name, len(first_seen))
            after.setdefault(name, set()).update(files[:index])
    order: list[str] = []
    while len(order) < len(first_seen):
        ready = [n for n in first_seen if n not in order and after[n] <= set(order)]
        if not ready:
            stuck = sorted(n for n in first_seen if n not in order)
            raise HeadError(f"the pages load these stylesheets in different orders: {', '.join(stuck)}")
        order.append(min(ready, key=first_seen.__getitem__))
    return order


def css_text(path: Path, into: Path, seen: tuple[Path, ...] = ()) -> str:
    """The stylesheet at ``path`` as it reads from the folder ``into``: its ``@import``s replaced by
    the files they name, its relative ``url()``s rewritten, its ``@charset`` dropped (the bundle is
    UTF-8 and says so once).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "styles").mkdir()
    >>> _ = (root / "basic.css").write_text("a{background:url(file.png)}")
    >>> _ = (root / "styles" / "theme.css").write_text('@charset "UTF-8";@import "../basic.css";b{c:url(x.svg)}')
    >>> css_text(root / "styles" / "theme.css", root)
    '/* styles/theme.css */\\n/* basic.css */\\na{background:url(file.png)}\\nb{c:url(styles/x.svg)}\\n'
    """
    if path in seen:
        raise HeadError(f"{path} imports itself")
    text = CHARSET.sub("", path.read_text(encoding="utf-8"))

    def relocated(match: re.Match[str]) -> str:
        url = match.group("url").strip()
        if re.match(r"^(?:[a-z]+:|/|#)", url):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(path.parent.relative_to(into).as_posix(), url))
        return f"url({target})"

    def imported(match: re.Match[str]) -> str:
        return css_text((path.parent / match.group("path")).resolve(), into, (*seen, path))

    body = IMPORT.sub(imported, CSS_URL.sub(relocated, text))
    return f"/* {path.relative_to(into).as_posix()} */\n{body.strip()}\n"


def bundle_text(static: Path, files: list[Path]) -> str:
    """``files`` (stylesheets under the folder ``static``), in order, as one minified stylesheet."""
    return minified_css('@charset "UTF-8";\n' + "".join(css_text(path.resolve(), static.resolve()) for path in files))


def bundle_css(static: Path, files: list[Path]) -> Path:
    """Write ``files`` (stylesheets under the folder ``static``), in order, as one minified stylesheet
    named by a digest of its content; earlier bundles go. Returns the bundle's path."""
    text = bundle_text(static, files)
    for old in static.glob(BUNDLE_GLOB):
        old.unlink()
    bundle = static / f"course-{hashlib.sha256(text.encode()).hexdigest()[:12]}.css"
    bundle.write_text(text, encoding="utf-8")
    return bundle


def bundled_stylesheets(static: Path) -> list[str]:
    """The stylesheets the last build bundled, in order, relative to the folder ``static``
    (``_static/course-css.txt``); none before a first build."""
    listed = static / BUNDLE_LIST
    return listed.read_text(encoding="utf-8").split() if listed.exists() else []


def _site_path(page: Path, href: str) -> Path:
    return (page.parent / href.split("?", 1)[0]).resolve()


def fast_head(text: str, bundle_href: str) -> str:
    """A page with its screen stylesheets replaced by the bundle at ``bundle_href`` (where the first
    of them was), its head scripts deferred (but the one that sets the colour mode, which the theme
    marks ``data-cfasync="false"``) and its script preloads dropped.

    >>> print(fast_head('<head>\\n<script data-cfasync="false" src="mode.js"></script>\\n'
    ...     '<link href="a.css" rel="stylesheet" />\\n<link rel="preload" as="script" href="b.js" />\\n'
    ...     '<link rel="stylesheet" href="c.css">\\n<link media="print" rel="stylesheet" href="p.css">\\n'
    ...     '<script src="d.js"></script>\\n<script defer src="e.js"></script>\\n</head><body></body>', "all.css"))
    <head>
    <script data-cfasync="false" src="mode.js"></script>
    <link rel="stylesheet" href="all.css">
    <link media="print" rel="stylesheet" href="p.css">
    <script defer src="d.js"></script>
    <script defer src="e.js"></script>
    </head><body></body>
    """
    start, end = _head(text)
    head = text[start:end]
    kept = NOSCRIPT.findall(head)
    head = NOSCRIPT.sub("\0", head)
    first = STYLESHEET.search(head)
    if first is None:
        raise HeadError("no stylesheet in the head")
    head = head[: first.start()] + "\1" + STYLESHEET.sub("", head[first.end():])
    head = head.replace("\1", f'\n<link rel="stylesheet" href="{bundle_href}">')
    head = SCRIPT_PRELOAD.sub("", head)
    head = SCRIPT_TAG.sub(lambda m: m.group(0) if re.search(r"\b(?:defer|async)\b|data-cfasync", m.group("attrs"))
                          else f"<script{m.group('attrs')}defer src=", head)
    for block in kept:
        head = head.replace("\0", block, 1)
    return text[:start] + head + text[end:]


def site_pages(out: Path) -> list[Path]:
    """The built site's pages (not the files under ``_static``)."""
    return sorted(p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts)


def speed_up_site(out: Path) -> Path:
    """Rewrite the head of every page of the built site at ``out`` (see the module's docstring);
    returns the stylesheet bundle's path.

    A page that an earlier build rewrote, and that Sphinx did not need to write again, already names
    a bundle: it gets the new one's address. The bundle's list of files (``_static/course-css.txt``)
    is kept from build to build, so that it still holds what such a page needs.
    """
    static = out / "_static"
    listed = static / BUNDLE_LIST
    pages = site_pages(out)
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    bundled = {page for page, text in texts.items() if BUNDLE_HREF.search(text)}
    lists = [[_site_path(page, href).relative_to(static.resolve()).as_posix() for href in stylesheets(text)]
             for page, text in texts.items() if page not in bundled and "<head" in text]
    earlier = bundled_stylesheets(static)
    order = [name for name in site_order([earlier, *[files for files in lists if files]])
             if (static / name).exists()]
    bundle = bundle_css(static, [static / name for name in order])
    listed.write_text("".join(f"{name}\n" for name in order), encoding="utf-8")
    for page, text in texts.items():
        href = posixpath.relpath(bundle.as_posix(), page.parent.as_posix())
        if page in bundled:
            page.write_text(BUNDLE_HREF.sub(f'href="{href}"', text), encoding="utf-8")
        elif "<head" in text and stylesheets(text):
            page.write_text(fast_head(text, href), encoding="utf-8")
    return bundle
