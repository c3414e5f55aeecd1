"""The theme's stylesheets are pruned after the build (``book/prune_css.py``), then bundled into one
(``book/page_head.py``): a page must look the same with the site's bundle as with a bundle made
afresh from the theme's full stylesheets and the site's other ones as they are at the end of the
build, in the light and the dark theme, with the mobile menu, the download menu and the search
dialog open. Every computed style of every element
(and its ``::before`` and ``::after``) is compared, outside the figures, which draw themselves.

And the icons that the theme drew with its icon font, which the site no longer serves, are drawn
by ``icons.css``: no element shows a glyph of that font."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydata_sphinx_theme
import pytest
import sphinx
import sphinx_book_theme
import sphinx_copybutton
import sphinx_design
import sphinx_togglebutton
from conftest import SITE
from myst_nb import __file__ as myst_nb_file

from book.page_head import BUNDLE_LIST, bundle_css

pytestmark = pytest.mark.browser

FULL = {
    "**/styles/pydata-sphinx-theme.css*": Path(pydata_sphinx_theme.__file__).parent
    / "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css",
    "**/styles/sphinx-book-theme.css*": Path(sphinx_book_theme.__file__).parent
    / "theme/sphinx_book_theme/static/styles/sphinx-book-theme.css",
    "**/sphinx-design.min.css*": Path(sphinx_design.__file__).parent / "static/sphinx-design.min.css",
    "**/mystnb.*.css*": Path(myst_nb_file).parent / "static/mystnb.css",
    "**/togglebutton.css*": Path(sphinx_togglebutton.__file__).parent / "_static/togglebutton.css",
    "**/copybutton.css*": Path(sphinx_copybutton.__file__).parent / "_static/copybutton.css",
}
BASIC = Path(sphinx.__file__).parent / "themes/basic/static/basic.css.jinja"
# Sphinx writes basic.css from this template, with its basic theme's sizes.
BASIC_SIZES = {"theme_sidebarwidth": "230px", "theme_body_min_width": "360px", "theme_body_max_width": "800px"}


def _full_basic_css(folder: Path) -> Path:
    text = BASIC.read_text(encoding="utf-8")
    for name, size in BASIC_SIZES.items():
        assert f"{{{{ {name}|todim }}}}" in text, f"{BASIC} changed: update BASIC_SIZES"
        text = text.replace(f"{{{{ {name}|todim }}}}", size)
    assert "{{" not in text, f"{BASIC} has new template values: update BASIC_SIZES"
    (folder / "basic.css").write_text(text, encoding="utf-8")
    return folder / "basic.css"

# One number per box (element, ::before, ::after): a hash of all its computed properties, sorted.
STYLES = """() => {
  const hash = s => { let x = 0; for (let i = 0; i < s.length; i++) x = (x * 31 + s.charCodeAt(i)) | 0; return x; };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.course-figure, .js-plotly-plot')) continue;
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      const names = [...style].filter(n => !/^(transition|animation)/.test(n)).sort();
      const name = el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join('') + (pseudo || '');
      out.push([name, hash(names.map(n => n + ':' + style.getPropertyValue(n)).join(';'))]);
    }
  }
  return out;
}"""

# Boxes that show text in the Font Awesome font (a glyph), which the site no longer serves.
FONT_GLYPHS = """() => [...document.querySelectorAll('body *')].flatMap(el => [null, '::before', '::after'].map(p => {
  const s = getComputedStyle(el, p);
  const text = p ? s.content : [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
  const shown = text && !['none', 'normal', '""'].includes(text) && s.display !== 'none';
  return shown && /Font Awesome/.test(s.fontFamily) ? el.className + (p || '') + ' ' + text : null;
})).filter(Boolean)"""


def _open(page, url: str, theme: str, width: int = 1280) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.evaluate(f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}')")
    page.reload()
    page.wait_for_load_state("networkidle")


def _state(page, url: str, state: str) -> None:
    if state == "mobile menu":
        _open(page, url, "dark", width=375)
        page.locator(".primary-toggle:visible").first.click()
    elif state == "download menu":
        _open(page, url, "light")
        page.locator(".dropdown-toggle:visible").first.click()
    elif state == "search dialog":
        _open(page, url, "light")
        page.keyboard.press("Control+k")
    else:
        _open(page, url, state)
    page.wait_for_timeout(300)


def _serve(path: Path):
    return lambda route: route.fulfill(path=str(path), content_type="text/css")


def _full_bundle(folder: Path) -> Path:
    """The site's stylesheet bundle made again from the built site's stylesheets, with the theme's
    full files in place of the pruned ones."""
    static = folder / "_static"
    shutil.copytree(SITE / "_static", static, ignore=shutil.ignore_patterns("*.js", "figures", "vendor"))
    for pattern, original in FULL.items():
        for pruned in static.glob(pattern.removeprefix("**/").removesuffix("*")):
            shutil.copy2(original, pruned)
    _full_basic_css(static)
    order = (static / BUNDLE_LIST).read_text(encoding="utf-8").split()
    assert order, "the site lists no stylesheet in its bundle"
    return bundle_css(static, [static / name for name in order])


@pytest.fixture(scope="module")
def pages(browser, tmp_path_factory):
    full = browser.new_context(reduced_motion="reduce")
    pruned = browser.new_context(reduced_motion="reduce")
    bundle = _full_bundle(tmp_path_factory.mktemp("css"))
    served = []
    full.route("**/_static/course-*.css", lambda route: (served.append(route.request.url), _serve(bundle)(route)))
    yield full.new_page(), pruned.new_page()
    assert served, "the full stylesheets were never served: the pages no longer load the site's bundle"
    full.close()
    pruned.close()


@pytest.mark.parametrize(("path", "state"), [
    ("exercises/mandate.html", "light"),
    ("exercises/mandate.html", "dark"),
    ("exercises/mandate.html", "download menu"),
    ("chapters/mandate.html", "dark"),
    ("search.html", "mobile menu"),
    ("search.html", "search dialog"),
])
def test_a_page_looks_the_same_with_the_pruned_theme_stylesheets(pages, site_url, path, state):
    full, pruned = pages
    for page in pages:
        _state(page, f"{site_url}/{path}", state)
    expected, found = full.evaluate(STYLES), pruned.evaluate(STYLES)
    assert [name for name, _ in found] == [name for name, _ in expected], "the two pages have different elements"
    differ = [name for (name, a), (_, b) in zip(expected, found, strict=True) if a != b]
    assert not differ, f"{len(differ)} boxes styled differently with the pruned stylesheets, e.g. {differ[:5]}"


def test_no_icon_is_a_glyph_of_the_missing_icon_font_and_admonitions_keep_theirs(page, site_url):
    page.goto(f"{site_url}/chapters/mandate.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(FONT_GLYPHS) == []
    note = page.locator(".admonition.note > .admonition-title").first
    icon = note.evaluate("t => { const s = getComputedStyle(t, '::after'); "
                         "return [s.maskImage || s.webkitMaskImage, s.width, s.height]; }")
    assert icon[0].startswith('url("data:image/svg+xml') and icon[1:] == ["16px", "16px"]
    button = page.locator(".dropdown-download-buttons .fa-download").first
    assert button.evaluate("i => getComputedStyle(i, '::before').maskImage").startswith('url("data:image/svg+xml')
