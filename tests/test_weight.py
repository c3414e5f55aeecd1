"""Page-weight budgets, in bytes (not time): a first visit to any page at most 600 KB gzip (with the
event card a reader of a timeline opens, and its neighbours' that come with it), to a page
with no figure (no plotly.js) at most 200 KB, and a second page at most 150 KB gzip of its own once
the shared files are cached. The same measurement as ``scripts/benchmark.py``, which reports the
numbers."""

from __future__ import annotations

import re

import pytest
from conftest import benchmark
from test_timeline_browser import timeline_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def weights(browser, site_url):
    found = benchmark.weigh_pages(browser)
    assert found and not any(w.offsite for w in found)
    return found


def test_every_page_is_within_the_weight_budgets(weights):
    cached = set(next(w for w in weights if w.path == "chapters/intro.html").files)
    for w in weights:
        assert w.gzip <= benchmark.FIRST_VISIT_BUDGET, f"{w.path}: {w.gzip} bytes gzip on a first visit"
        assert w.gzip_after(cached) <= benchmark.OWN_BYTES_BUDGET, f"{w.path}: {w.gzip_after(cached)} own bytes"
    with_cards = {w.path for w in weights if any(f.startswith("/_static/cards/") for f in w.files)}
    assert set(timeline_pages()) <= with_cards, "a timeline page's weight counts the event card a reader opens"
    plotly = [f for w in weights for f in w.files if "plotly" in f]
    assert set(plotly) == {"/_static/vendor/plotly-basic.min.js"}, "plotly.js must be one file for the whole site"


def test_a_page_with_no_figure_is_light(weights):
    plain = [w for w in weights if not any("plotly" in f for f in w.files)]
    assert {"search.html", "genindex.html", "exercises/mandate.html"} <= {w.path for w in plain}
    for w in plain:
        assert w.gzip <= benchmark.NO_FIGURE_BUDGET, f"{w.path}: {w.gzip} bytes gzip on a first visit"


def test_no_page_downloads_what_the_course_does_not_use(weights):
    for w in weights:
        fonts = [f for f in w.files if f.endswith((".woff2", ".woff", ".ttf"))]
        assert not fonts, f"{w.path} downloads the theme's icon font: {fonts}"
        if w.path != "search.html":
            search = [f for f in w.files if f.endswith(("searchindex.js", "searchtools.js"))]
            assert not search, f"{w.path} downloads the search index, which only the search page uses: {search}"
        assert not [f for f in w.files if "bootstrap" in f], f"{w.path} downloads Bootstrap's script"
    bundle = re.compile(r"/_static/course-[0-9a-f]{12}\.css")
    bundles = [g for w in weights for f, (_, g) in w.files.items() if bundle.search(f)]
    assert bundles, "no page downloads the site's stylesheet bundle"
    assert max(bundles) < 35_000, f"the site's stylesheet is {max(bundles)} bytes gzip: is the theme still pruned?"
