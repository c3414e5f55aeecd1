"""Browser tests of the built site, as a reader uses it: Debian's Chromium, network cut to 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIGURES_DRAWN, SITE, benchmark

pytestmark = pytest.mark.browser


def site_pages() -> list[str]:
    """Every HTML page of the built site, or a placeholder that fails when there is none."""
    return benchmark.site_pages() or ["(no built site: run ./course build)"]


@pytest.mark.parametrize("path", site_pages())
def test_every_page_loads_with_no_failed_or_offsite_request_and_no_console_error(page, watched, site_url, path):
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    assert page.title(), "the page has no title"
    watched.assert_clean()


def _wait_figures(page) -> int:
    count = page.locator(".course-figure").count()
    assert count > 0, "no figure on the page"
    page.wait_for_function(FIGURES_DRAWN)
    return count


def test_mandate_timeline_and_chart_draw(page, watched, site_url):
    page.goto(f"{site_url}/chapters/mandate.html")
    assert _wait_figures(page) == 2
    first = page.locator(".course-figure").first
    # ten mandate periods: each a line segment in one scatter trace, with markers at both ends
    assert first.locator(".scatterlayer .trace").count() == 1
    assert first.locator(".scatterlayer .trace .point").count() >= 20
    assert "S/RES/2100 (2013)" in first.locator(".yaxislayer-above").text_content()
    watched.assert_clean()


def test_timeline_theme_filter_shows_one_theme_and_back(page, watched, site_url):
    page.goto(f"{site_url}/chapters/intro.html")
    _wait_figures(page)
    timeline = page.locator(".course-figure").first
    visible = "el => el.querySelector('.js-plotly-plot').data.filter(t => t.visible !== false).length"
    before = timeline.evaluate(visible)
    assert before >= 8
    timeline.get_by_label("Theme", exact=True).select_option(label="Sanctions")
    page.wait_for_function(f"() => ({visible})(document.querySelector('.course-figure')) < {before}")
    names = timeline.evaluate("el => el.querySelector('.js-plotly-plot').data"
                              ".filter(t => t.visible !== false).map(t => t.name)")
    assert set(names) <= {"sanctions", "sanctions (periods)"} and "sanctions" in names
    timeline.get_by_role("button", name="Show all").click()
    page.wait_for_function(f"() => ({visible})(document.querySelector('.course-figure')) === {before}")
    watched.assert_clean()


def test_map_draws_countries_and_markers_offline(page, watched, site_url):
    page.goto(f"{site_url}/chapters/intro.html")
    _wait_figures(page)
    the_map = page.locator(".course-figure").nth(1)
    data = the_map.evaluate("el => el.querySelector('.js-plotly-plot').data"
                            ".map(t => ({name: t.name, fill: t.fill, n: (t.x || []).length}))")
    countries = [t for t in data if t["fill"] == "toself"]
    assert len(countries) == 8 and {"Mali", "Algeria", "Niger"} <= {t["name"] for t in countries}
    assert any(t["name"] == "MINUSMA camps" and t["n"] >= 5 for t in data)
    assert the_map.locator(".scatterlayer .trace").count() >= 10
    watched.assert_clean()


def test_plotly_is_served_once_for_the_site_and_only_where_needed(page, site_url):
    # The text comes first: no page names plotly.js in its HTML; figures.js fetches it, once.
    assert "plotly-basic.min.js" not in (Path(SITE) / "chapters" / "mandate.html").read_text(encoding="utf-8")
    page.goto(f"{site_url}/chapters/mandate.html")
    page.wait_for_function(FIGURES_DRAWN)
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.getAttribute('src'))")
    assert sum("plotly-basic.min.js" in s for s in scripts) == 1
    page.goto(f"{site_url}/chapters/bibliography.html")
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.getAttribute('src'))")
    assert not any("plotly" in s or "quiz" in s for s in scripts), "a page with no figure loads plotly.js"
    assert (Path(SITE) / "_static" / "vendor" / "plotly-basic.min.js").exists()
