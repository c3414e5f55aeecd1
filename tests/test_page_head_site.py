"""Every page of the built site as the browser first reads it: one stylesheet (the site's bundle,
made of the stylesheets as they were at the end of the build), no script that stops the parsing but
the one that sets the colour mode, no theme preload, no Bootstrap, and no figure data inside the
page: each figure names its own script, which exists and hands over that figure's data."""

from __future__ import annotations

import html
import re

import pytest
from conftest import SITE

from book.minify import minified_js
from book.page_head import bundle_text, bundled_stylesheets, site_pages, stylesheets
from book.paths import STATIC_DIR
from book.sphinx_figures import spec_from_script

pytestmark = pytest.mark.browser

PAGES = [p for p in site_pages(SITE) if "<head" in p.read_text(encoding="utf-8")] if SITE.exists() else []
HEAD_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[^>]*>")
FIGURE = re.compile(r'<div class="course-figure" id="(?P<id>[^"]+)"(?P<attrs>[^>]*)>')


def _head(path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[: text.index("</head>")]


def test_the_site_has_pages_to_check():
    assert len(PAGES) >= 20, "run ./course build first"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(SITE).as_posix())
def test_a_page_loads_one_stylesheet_and_no_script_that_waits(path):
    head = _head(path)
    sheets = stylesheets(path.read_text(encoding="utf-8"))
    assert len(sheets) == 1 and re.search(r"_static/course-[0-9a-f]{12}\.css$", sheets[0]), sheets
    assert (path.parent / sheets[0]).exists()
    blocking = [tag for tag in HEAD_SCRIPT.findall(head) if not re.search(r"\b(defer|async)\b|data-cfasync", tag)]
    assert blocking == [], f"scripts that stop the page's parsing: {blocking}"
    assert 'rel="preload"' not in head
    assert "bootstrap.js" not in path.read_text(encoding="utf-8")


def test_the_bundle_is_made_of_the_stylesheets_as_they_are_at_the_end_of_the_build():
    static = SITE / "_static"
    [bundle] = static.glob("course-*.css")
    names = bundled_stylesheets(static)
    for name in ("styles/pydata-sphinx-theme.css", "pygments.css", "course.css", "quiz.css", "timeline.css"):
        assert name in names, f"{name} is not in the bundle"
    assert bundle.read_text(encoding="utf-8") == bundle_text(static, [static / name for name in names]), (
        "a stylesheet changed after it was bundled (another extension wrote it later in the build?)")
    assert not list((static / "scripts").glob("bootstrap.js*")), "Bootstrap's script is not served"


def test_the_site_serves_the_course_scripts_minified_and_the_repository_keeps_them_readable():
    static = SITE / "_static"
    for name in ("dom-helpers.js", "figures.js", "timeline-explorer.js", "quiz-engine.js", "menus.js"):
        source = (STATIC_DIR / name).read_text(encoding="utf-8")
        served = (static / name).read_text(encoding="utf-8")
        assert "\n  " in source and served == minified_js(source), f"{name} is not served minified"
        assert len(served) < 0.8 * len(source), f"{name}: minifying saved little ({len(source)} -> {len(served)})"
    bundle = next(static.glob("course-*.css")).read_text(encoding="utf-8")
    assert "/*" not in bundle and "\n" not in bundle, "the stylesheet bundle is not minified"
    assert (static / "course.css").read_bytes() == (STATIC_DIR / "course.css").read_bytes(), (
        "the bundle's sources stay as built: each build makes the bundle again from them")


@pytest.mark.parametrize("path", [p for p in PAGES if 'class="course-figure"' in p.read_text(encoding="utf-8")],
                         ids=lambda p: p.relative_to(SITE).as_posix())
def test_each_figure_names_its_own_data_script(path):
    text = path.read_text(encoding="utf-8")
    assert "course-figure__spec" not in text, "a figure's data is still inside the page"
    figures = FIGURE.findall(text)
    assert figures
    for figure_id, attrs in figures:
        src = re.search(r'data-spec="([^"]+)"', attrs)
        assert src, f"{figure_id} names no data script"
        script = (path.parent / html.unescape(src.group(1))).read_text(encoding="utf-8")
        spec = spec_from_script(script, figure_id)
        assert spec["data"] and spec["layout"], figure_id
        height = re.search(r'data-height="(\d+)"', attrs)
        assert height is None or int(height.group(1)) == spec["layout"]["height"]
