"""Sphinx extension that makes the built site self-contained and light.

- Serves the course's own scripts and styles (``book/static``) and the site's one copy of
  plotly.js (the ``plotly.js-basic-dist-min`` npm package, installed by ``npm ci``).
- Adds the figure scripts (which fetch plotly.js behind the text and run it when a figure nears
  the screen) only to pages that have a figure, the quiz engine only
  to pages that have a quiz and the claims explorer only to its page, so a page pays only for
  what it shows. Browsers cache each file once for the whole site.
- Fixes accessibility faults that axe-core found in the markup of the theme and of other
  extensions where that markup is made: the theme's header buttons in ``_templates/``,
  myst-nb's hidden-input ``<summary>`` (:func:`visit_hidden_input`) and docutils' bibliography
  entries (:func:`_citations_as_list_items`).
- Drops Bootstrap's script (24 KB gzip), which only opened the header's menu: ``menus.js`` does
  (:func:`without_bootstrap`).
- Drops Thebe's files, which Jupyter Book adds to every page and which point at a CDN, and the
  theme's icon-font script (1.5 MB, 0.54 MB gzip; ``_templates/layout.html`` and
  :func:`without_icon_font`), replaced by ``icons.css`` (5 KB, 1 KB gzip).
- Prunes the theme's stylesheets to the rules the site can use (:mod:`book.prune_css`), drops the
  icon font's files, loads Sphinx's search index only on the search page
  (:func:`without_search_scripts`) and the scripts of copy buttons, toggles and tabs only on pages
  that have them (:data:`ON_DEMAND_ASSETS`).
- Moves each figure's JSON out of its page into a script of its own (:mod:`book.sphinx_figures`).
- Turns links to notebooks in cell outputs into links to their pages.
- Lists the ways in under a notebook page's title: download, JupyterHub, Binder (:mod:`book.launch`).
- Marks every page of a draft chapter (``_chapters.yml``) "In preparation".
- Fails the build, with the fix in the message, if the vendored plotly.js is missing.
- Names the notebook cell and line of a warning, instead of myst-nb's line numbers
  (:class:`NotebookLines`).
- Gives every page one stylesheet and no script that delays its first paint (:mod:`book.page_head`).
- Serves the scripts and stylesheets without their comments and spaces (:mod:`book.minify`).
- Gives every page a Content-Security-Policy that only the site's own files satisfy
  (:mod:`book.csp`).

Enabled from ``_config.yml`` with ``sphinx: extra_extensions: [book.sphinx_ext]``.
"""

from __future__ import annotations

import html
import logging as pylogging
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from book import launch
from book.csp import secure_site
from book.figures.cards import card_scripts, course_cards
from book.manifest import built_chapters
from book.minify import minify_site
from book.page_head import bundled_stylesheets, speed_up_site
from book.paths import STATIC_DIR, repo_root
from book.prune_css import prune_site
from book.sphinx_figures import FIGURE_FOLDER, specs_to_files
from book.static_sources import SHARED_SCRIPT

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


def _asset_text(asset: Any) -> str:
    return f"{getattr(asset, 'filename', '') or ''} {getattr(asset, 'attributes', {}).get('body', '')}".lower()


def _without_assets(context: dict[str, Any], names: list[str] | tuple[str, ...]) -> None:
    """Take from the page's scripts and styles those whose file or inline body names any of ``names``."""
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [a for a in context[key] if not any(n.lower() in _asset_text(a) for n in names)]


SITE_DESCRIPTION = ("An open course on the crisis in Mali since 2012: the UN mission MINUSMA and its end, the "
                    "coups, the sanctions, the Moura report, Wagner, the jihadist groups and the regional "
                    "geopolitics, with sourced data, interactive timelines, quizzes and exercises.")


def page_description(pagename: str) -> str:
    """The page's description for search engines and link previews: the chapter's line in
    ``_chapters.yml``, or what the page is.

    >>> page_description("chapters/mandate")
    'Chapter 2, The mandate, real and imagined: what MINUSMA was asked to do, and what it was not.'
    >>> page_description("exercises/mandate").startswith("Exercise for chapter 2")
    True
    """
    for chapter in built_chapters():
        if chapter.docname == pagename and chapter.number:
            return f"Chapter {chapter.number}, {chapter.title}: {chapter.blurb}"
        if chapter.exercise and chapter.exercise.docname == pagename:
            return (f"Exercise for chapter {chapter.number}, {chapter.title}: checked tasks in pandas and Plotly "
                    "on the course's sourced data.")
    return SITE_DESCRIPTION


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    context["metatags"] = (context.get("metatags", "") + '\n<meta name="description" content="'
                           + html.escape(page_description(pagename), quote=True) + '">')
    # Jupyter Book always adds Thebe (live code through a remote Binder), whose start-up script
    # names a CDN; the course runs code in JupyterLab instead. The theme's icon-font script costs
    # 0.54 MB gzip on every first visit for about fifteen icons, which icons.css draws instead.
    _without_assets(context, DROPPED_ASSETS)
    body = context.get("body", "")
    if "course-figure__spec" in body:
        # Each figure's JSON goes to a script of its own, which figures.js fetches behind the text.
        context["body"] = body = specs_to_files(body, Path(app.outdir, FIGURE_FOLDER),
                                                lambda name: context["pathto"](f"{FIGURE_FOLDER}/{name}", 1))
    if any(marker in body for marker in ("course-figure", "quiz-mount", "claims-mount")):
        # make() and safeUrl() of the timeline explorer, the quiz engine and the claims explorer
        app.add_js_file(SHARED_SCRIPT, priority=590, defer="defer")
    if "course-figure" in body:
        # figures.js fetches plotly.js itself, behind the text, and runs it when a figure nears the screen.
        app.add_js_file("timeline-explorer.js", priority=600, defer="defer")
        # async, first of the page's scripts: it starts fetching plotly.js as soon as the text is
        # painted, not after the page's deferred scripts; it draws only after them (the timeline
        # explorer is one).
        app.add_js_file("figures.js", priority=100, **{"async": "async"})
        app.add_css_file("timeline.css", priority=600)
    if "quiz-mount" in body:
        app.add_js_file("quiz-engine.js", priority=620, defer="defer")
        app.add_js_file("quiz-site.js", priority=630, defer="defer")
        app.add_css_file("quiz.css", priority=620)
    if "claims-mount" in body:
        app.add_js_file("claims-explorer.js", priority=640, defer="defer")
        app.add_js_file("claims-site.js", priority=650, defer="defer")
        app.add_css_file("claims.css", priority=640)


# Scripts and styles of Sphinx extensions that act only on some elements of a page (copy buttons on
# code, toggles, sphinx-design's tabs), with what in the page body they act on: a page without it
# does not load them. Their inline settings (togglebutton's) go with them.
ON_DEMAND_ASSETS = {
    ("copybutton", "clipboard.min"): re.compile(r'class="highlight'),
    ("togglebutton", "toggleHint", "toggleOpenOnPrint"): re.compile(r'class="[^"]*\b(?:toggle|dropdown)\b'),
    ("design-tabs",): re.compile(r"sd-tab-set"),
}


def _on_demand_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body", "")
    _without_assets(context, [name for names, used in ON_DEMAND_ASSETS.items() if not used.search(body)
                              for name in names])


def _strip_exactly(pattern: re.Pattern[str], text: str, expected: int, what: str) -> str:
    """``text`` without the ``expected`` matches of ``pattern``. Stops the build if there are not
    exactly that many: the theme has changed what it writes, and the page should be looked at.

    >>> _strip_exactly(re.compile(r"<x>"), "a<x>b", 1, "x")
    'ab'
    """
    stripped, count = pattern.subn("", text)
    if count != expected:
        raise ExtensionError(f"the theme no longer writes {what} as expected (did sphinx-book-theme or "
                             "pydata-sphinx-theme change?): look at _templates/layout.html and book/sphinx_ext.py")
    return stripped


# The theme's icon-font script, as its template writes it in the page head.
ICON_FONT_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def without_icon_font(head: str) -> str:
    """The page head without the theme's icon-font script (a Jinja filter, used by
    ``_templates/layout.html``). Stops the build if the script is not there to drop: the theme has
    changed, and the page should be looked at.

    >>> without_icon_font('<link/>\\n<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>')
    '<link/>'
    """
    return _strip_exactly(ICON_FONT_SCRIPT, head, 1, "scripts/fontawesome.js once in the page head")


# The theme's Bootstrap bundle (24 KB gzip), as its template writes it at the end of the page: it
# opens the header's download menu and draws tooltips, which menus.js and the buttons' titles do.
BOOTSTRAP_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/bootstrap\.js[^"]*"></script>')


def without_bootstrap(scripts: str) -> str:
    """The theme's end-of-page scripts without Bootstrap's (a Jinja filter, used by
    ``_templates/layout.html``). Stops the build if the theme no longer writes it as expected.

    >>> without_bootstrap('<script defer src="_static/scripts/bootstrap.js?digest=1"></script>'
    ...                   '\\n<script defer src="x.js"></script>')
    '\\n<script defer src="x.js"></script>'
    """
    return _strip_exactly(BOOTSTRAP_SCRIPT, scripts, 1, "scripts/bootstrap.js once at the end of the page")


# Sphinx's search scripts and the whole site's search index (65 KB gzip), which the theme loads on
# every page for a search-as-you-type option that the course leaves off: the search dialog sends
# the reader to the search page, which loads them itself.
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools|_static/language_data|searchindex)\.js"></script>')


def without_search_scripts(head: str, pagename: str) -> str:
    """The page head without the search scripts, except on the search page (a Jinja filter, used by
    ``_templates/layout.html``). Stops the build if the theme no longer writes them as expected.

    >>> without_search_scripts('<meta/>\\n<script src="../_static/searchtools.js"></script>'
    ...     '\\n<script src="../_static/language_data.js"></script>\\n<script src="../searchindex.js"></script>',
    ...     "chapters/mandate")
    '<meta/>'
    """
    return _strip_exactly(SEARCH_SCRIPTS, head, 0 if pagename == "search" else 3,
                          "Sphinx's three search scripts in the page head")


def visit_hidden_input(self: Any, node: Any) -> None:
    """Open a cell whose input is hidden as a ``<details>`` whose ``<summary>`` is named by its
    visible text. myst-nb's own visitor adds ``aria-label="Toggle hidden content"``, which hides
    that text from the accessible name (axe-core: label-content-name-mismatch)."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{html.escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{html.escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def _citations_as_list_items(app: Sphinx) -> None:
    """Bibliography entries sit in a ``role="list"``: give each ``role="listitem"`` instead of
    docutils' ``doc-biblioentry``, which axe-core reports as a list child it does not allow."""
    if app.builder.format != "html":
        return
    base = app.registry.get_translator_class(app.builder) or app.builder.default_translator_class

    class CourseTranslator(base):  # type: ignore[misc, valid-type]
        def visit_citation(self, node: Any) -> None:
            super().visit_citation(node)
            self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')

    app.set_translator(app.builder.name, CourseTranslator, override=True)


DRAFT_NOTE = ("This chapter is a draft. Its text, figures, quiz and exercise are being written and checked, "
              "and may change; do not rely on it yet.")


def _mark_drafts(app: Sphinx, doctree: nodes.document) -> None:
    """Put an "In preparation" note at the top of every page of a draft chapter (from _chapters.yml)."""
    if app.env.docname not in _draft_pages():
        return
    note = nodes.admonition("", nodes.title("", "In preparation"), nodes.paragraph("", DRAFT_NOTE),
                            classes=["warning", "course-draft"])
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, note)
    else:
        section.insert(1, note)  # after the title


def _draft_pages() -> set[str]:
    return {page for c in built_chapters() if c.status == "draft" for page in c.pages()}


def _notebook_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn links to notebooks in cell outputs (``[Title](mandate.ipynb)``, which work in
    JupyterLab) into links to their pages. Markdown outputs are not resolved by Sphinx itself."""
    if app.builder.format != "html":
        return
    folder = posixpath.dirname(docname)
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        path, _, anchor = uri.partition("#")
        if "://" in path or not path.endswith(".ipynb"):
            continue
        target = posixpath.normpath(posixpath.join(folder, path.removesuffix(".ipynb")))
        if target in app.env.found_docs:
            ref["refuri"] = app.builder.get_relative_uri(docname, target) + (f"#{anchor}" if anchor else "")


NOTEBOOK_LINE = re.compile(r"^(?P<path>.*\.ipynb):(?P<line>\d{5,})$")


class NotebookLines(pylogging.Filter):
    """Say where a warning is in a notebook: myst-nb numbers the lines of cell N (counted from 1)
    from N * 10000 + 2, so ``mandate.ipynb:40004`` is line 3 of cell 4. The warning then names
    ``mandate.ipynb, cell 4, line 3``, which an author can find.

    >>> record = pylogging.LogRecord("sphinx", 30, "", 0, "unknown term", None, None)
    >>> record.location = "chapters/mandate.ipynb:40004"
    >>> NotebookLines().filter(record), record.location
    (True, 'chapters/mandate.ipynb, cell 4, line 3')
    """

    def filter(self, record: pylogging.LogRecord) -> bool:
        match = NOTEBOOK_LINE.match(str(getattr(record, "location", "") or ""))
        if match:
            line = int(match.group("line"))
            record.location = f"{match.group('path')}, cell {line // 10000}, line {max(1, line % 10000 - 1)}"
        return True


def _notebook_lines(app: Sphinx) -> None:
    for handler in pylogging.getLogger("sphinx").handlers:
        if not any(isinstance(f, NotebookLines) for f in handler.filters):
            handler.addFilter(NotebookLines())


def _templates(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.builder.templates.environment.filters["without_icon_font"] = without_icon_font
        app.builder.templates.environment.filters["without_search_scripts"] = without_search_scripts
        app.builder.templates.environment.filters["without_bootstrap"] = without_bootstrap


JB_REDIRECT = re.compile(r'^<meta http-equiv="Refresh" content="0; url=(?P<url>[^"]+)" />\s*$')


def redirect_page(text: str, title: str) -> str:
    """Jupyter Book's ``index.html``, a bare redirect to the first chapter, as a complete page: with
    a language, a title, a description, an empty icon and a link for a reader whose browser does
    not follow it. Without an icon the browser asks for ``/favicon.ico`` and logs a 404; the
    site's icon would be fetched and cancelled by the redirect; an empty one is never fetched.
    Any other page is returned as it is.

    >>> print(redirect_page('<meta http-equiv="Refresh" content="0; url=chapters/intro.html" />', "A & B"))
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Refresh" content="0; url=chapters/intro.html">
    <title>A &amp; B</title>
    ...
    <link rel="icon" href="data:,">
    </head>
    <body><p><a href="chapters/intro.html">A &amp; B: start reading</a></p></body>
    </html>
    """
    match = JB_REDIRECT.match(text)
    if not match:
        return text
    url, name = html.escape(match.group("url")), html.escape(title)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Refresh" content="0; url={url}">\n<title>{name}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="description" content="{html.escape(SITE_DESCRIPTION)}">\n'
            f'<link rel="icon" href="data:,">\n</head>\n'
            f'<body><p><a href="{url}">{name}: start reading</a></p></body>\n</html>\n')


def _finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for name in ("fontawesome.js*", "bootstrap.js*"):
        for leftover in Path(app.outdir, "_static", "scripts").glob(name):
            leftover.unlink()
    shutil.rmtree(Path(app.outdir, "_static", "vendor", "fontawesome"), ignore_errors=True)  # its font files
    target = Path(app.outdir) / "_static" / VENDOR_DIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(plotly_source(), target / PLOTLY_FILE)
    shutil.copy2(plotly_source().parent / "LICENSE", target / "plotly.js-LICENSE.txt")
    index = Path(app.outdir, "index.html")
    if index.exists():
        index.write_text(redirect_page(index.read_text(encoding="utf-8"), app.config.html_title), encoding="utf-8")
    # The timelines' event cards: a small script for each event, fetched when a reader opens its card.
    cards = Path(app.outdir, "_static", "cards")
    shutil.rmtree(cards, ignore_errors=True)
    cards.mkdir()
    for name, script in card_scripts(course_cards()).items():
        (cards / name).write_text(script, encoding="utf-8")
    secure_site(Path(app.outdir))
    prune_site(Path(app.outdir))
    speed_up_site(Path(app.outdir))  # after the pruning: the bundle is made of the pruned stylesheets
    static = Path(app.outdir, "_static")
    minify_site(static, kept=set(bundled_stylesheets(static)))  # pages load the bundle, not its sources


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension's hooks."""
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.connect("builder-inited", _check_vendor)
    app.connect("builder-inited", _templates)
    app.connect("builder-inited", _notebook_lines)
    app.connect("builder-inited", _citations_as_list_items, priority=900)  # after the theme's translator
    app.connect("doctree-read", _mark_drafts)
    app.connect("doctree-resolved", _notebook_links)
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_input, depart_HideCellInput))
    app.connect("html-page-context", _page_assets)
    app.connect("html-page-context", _on_demand_assets)
    # After the theme has written its pygments.css (at build-finished too): the stylesheets are bundled here.
    app.connect("build-finished", _finish, priority=900)
    app.add_css_file("course.css")
    app.add_css_file("icons.css")
    app.add_js_file("menus.js", priority=700, defer="defer")  # the header menu, instead of Bootstrap's script
    app.setup_extension("book.printing")  # the print stylesheet
    launch.setup(app)  # download, JupyterHub and Binder links on notebook pages, the course pack
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
