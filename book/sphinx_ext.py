"""Sphinx extension that makes the built site self-contained and light.

- Serves the course's own scripts and styles (``book/static``) and the site's one copy of
  plotly.js (the ``plotly.js-basic-dist-min`` npm package, installed by ``npm ci``).
- Adds plotly.js and the figure script only to pages that have a figure, and the quiz engine only
  to pages that have a quiz, so a page pays only for what it shows. Browsers cache each file
  once for the whole site.
- Repairs two accessibility faults in the theme's markup (see :data:`MARKUP_REPAIRS`).
- Drops Thebe's files, which Jupyter Book adds to every page and which point at a CDN.
- Fails the build, with the fix in the message, if the vendored plotly.js is missing.

Enabled from ``_config.yml`` with ``sphinx: extra_extensions: [book.sphinx_ext]``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from book.paths import STATIC_DIR, repo_root

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


def _is_thebe(asset: Any) -> bool:
    text = f"{getattr(asset, 'filename', '')} {getattr(asset, 'attributes', {}).get('body', '')}"
    return "thebe" in text.lower()


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    # Jupyter Book always adds Thebe (live code through a remote Binder), whose start-up script
    # names a CDN. The course runs code in JupyterLab instead, so Thebe's files are dropped.
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [a for a in context[key] if not _is_thebe(a)]
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


def repair_markup(html: str) -> str:
    """Apply :data:`MARKUP_REPAIRS` to one page.

    >>> repair_markup('<div class="citation" role="doc-biblioentry">')
    '<div class="citation" role="listitem">'
    """
    for old, new in MARKUP_REPAIRS:
        html = html.replace(old, new)
    return html


def _finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        repaired = repair_markup(text)
        if repaired != text:
            page.write_text(repaired, encoding="utf-8")
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
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
