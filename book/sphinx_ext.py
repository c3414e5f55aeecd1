"""Sphinx extension that makes the built site self-contained and light.

- Serves the course's own scripts and styles (``book/static``) and the site's one copy of
  plotly.js (the ``plotly.js-basic-dist-min`` npm package, installed by ``npm ci``).
- Adds plotly.js and the figure script only to pages that have a figure, and the quiz engine only
  to pages that have a quiz, so a page pays only for what it shows. Browsers cache each file
  once for the whole site.
- Repairs two accessibility faults in the theme's markup (see :data:`MARKUP_REPAIRS`).
- Drops Thebe's files, which Jupyter Book adds to every page and which point at a CDN, and the
  theme's icon-font script (1.5 MB, 0.54 MB gzip), replaced by ``icons.css`` (5 KB, 1 KB gzip).
- Fails the build, with the fix in the message, if the vendored plotly.js is missing.

Enabled from ``_config.yml`` with ``sphinx: extra_extensions: [book.sphinx_ext]``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from book.paths import STATIC_DIR, repo_root

logger = logging.getLogger(__name__)

PLOTLY_PACKAGE = Path("node_modules") / "plotly.js-basic-dist-min"
PLOTLY_FILE = "plotly-basic.min.js"
VENDOR_DIR = "vendor"


def plotly_source() -> Path:
    """Where ``npm ci`` puts the partial plotly.js bundle the site serves."""
    return repo_root() / PLOTLY_PACKAGE / PLOTLY_FILE


def _check_vendor(app: Sphinx) -> None:
    if not plotly_source().exists():
        raise ExtensionError(
            f"{plotly_source()} is missing. The site serves its own plotly.js (no CDN): "
            "run `npm ci` in the repository root, or use ./course build, which does it."
        )
    app.config.html_static_path.append(str(STATIC_DIR))


DROPPED_ASSETS = ("thebe", "fontawesome")


def _is_dropped(asset: Any) -> bool:
    text = f"{getattr(asset, 'filename', '')} {getattr(asset, 'attributes', {}).get('body', '')}".lower()
    return any(name in text for name in DROPPED_ASSETS)


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    # Jupyter Book always adds Thebe (live code through a remote Binder), whose start-up script
    # names a CDN; the course runs code in JupyterLab instead. The theme's icon-font script costs
    # 0.54 MB gzip on every first visit for about fifteen icons, which icons.css draws instead.
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [a for a in context[key] if not _is_dropped(a)]
    body = context.get("body", "")
    if "course-figure" in body:
        app.add_js_file(f"{VENDOR_DIR}/{PLOTLY_FILE}", priority=600, defer="defer")
        app.add_js_file("figures.js", priority=610, defer="defer")
    if "quiz-mount" in body:
        app.add_js_file("quiz-engine.js", priority=620, defer="defer")
        app.add_js_file("quiz-site.js", priority=630, defer="defer")
        app.add_css_file("quiz.css", priority=620)


# Accessibility repairs to markup that the theme and other extensions write, found by axe-core
# (WCAG 2.1 AA, rule label-content-name-mismatch and list roles): an aria-label that hides a
# control's visible text from its accessible name, and bibliography entries with a deprecated role
# inside a list.
MARKUP_REPAIRS: tuple[tuple[str, str], ...] = (
    ('search-button__button pst-js-only" title="Search" aria-label="Search"',
     'search-button__button pst-js-only" title="Search"'),
    ('data-mode="light" title="Light"', 'data-mode="light"'),
    ('data-mode="dark"  title="Dark"', 'data-mode="dark"'),
    ('data-mode="auto"  title="System Settings"', 'data-mode="auto"'),
    ('<summary aria-label="Toggle hidden content">', "<summary>"),
    ('role="doc-biblioentry"', 'role="listitem"'),
)


# The theme's template loads its icon-font script directly (not through Sphinx's list of scripts).
ICON_FONT_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def repair_markup(html: str) -> str:
    """Apply :data:`MARKUP_REPAIRS` to one page and drop the icon-font script.

    >>> repair_markup('<div class="citation" role="doc-biblioentry">')
    '<div class="citation" role="listitem">'
    >>> repair_markup('<head>\\n<script defer src="../_static/scripts/fontawesome.js?digest=1"></script></head>')
    '<head></head>'
    """
    for old, new in MARKUP_REPAIRS:
        html = html.replace(old, new)
    return ICON_FONT_SCRIPT.sub("", html)


def _finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    matched: set[str] = set()
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        matched.update(old for old, _ in MARKUP_REPAIRS if old in text)
        repaired = repair_markup(text)
        if repaired != text:
            page.write_text(repaired, encoding="utf-8")
    unused = [old for old, _ in MARKUP_REPAIRS if old not in matched]
    if unused:  # with -W this stops the build: the theme's markup changed and needs a new look
        logger.warning("accessibility repairs matched no page (did the theme change?): %s", unused)
    for leftover in Path(app.outdir, "_static", "scripts").glob("fontawesome.js*"):
        leftover.unlink()
    target = Path(app.outdir) / "_static" / VENDOR_DIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(plotly_source(), target / PLOTLY_FILE)
    shutil.copy2(plotly_source().parent / "LICENSE", target / "plotly.js-LICENSE.txt")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension's hooks."""
    app.connect("builder-inited", _check_vendor)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _finish)
    app.add_css_file("course.css")
    app.add_css_file("icons.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
