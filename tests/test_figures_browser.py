"""Every kind of figure in the library, drawn by the site's own plotly.js and figure loader, with
the network cut: event timeline, mandate timeline, sanctions timeline, yearly lines and bars, map."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from conftest import FIGURES_DRAWN, SITE, serve

from book.data import load
from book.figures import (
    FigureOutput,
    ceilings_vs_deployed,
    event_timeline,
    mandate_timeline,
    place_map,
    sanctions_timeline,
    yearly_bars,
)

pytestmark = pytest.mark.browser


def _figures() -> dict[str, FigureOutput]:
    events, places = load("events"), load("places")
    figures = {
        "events": event_timeline(events, load("sources"), actors=[("minusma", "MINUSMA"), ("wagner", "Wagner")]),
        "mandate": mandate_timeline(load("resolutions")),
        "sanctions": sanctions_timeline(load("sanctions"), load("actors"), until="2026-11-28"),
        "lines": ceilings_vs_deployed(load("minusma_yearly")),
        "bars": yearly_bars(load("minusma_yearly"), "budget_usd", title="MINUSMA approved budgets"),
        "map": place_map(places, title="Places", groups={"Camps": places.loc[
            places["is_minusma_base"].fillna(False), "place_id"].tolist()}),
    }
    return {name: FigureOutput(fig, f"Test figure: {name}.") for name, fig in figures.items()}


@pytest.fixture(scope="module")
def gallery(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("gallery")
    (folder / "vendor").mkdir()
    for name in ("vendor/plotly-basic.min.js", "dom-helpers.js", "figures.js", "timeline-explorer.js", "cards"):
        source = SITE / "_static" / name
        if not source.exists():
            pytest.fail(f"{source} is missing: build the site first (./course build)")
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / name)
    body = "".join(f'<section id="{name}">{out.html()}</section>' for name, out in _figures().items())
    (folder / "gallery.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Figures</title>"
        "<script defer src='dom-helpers.js'></script><script defer src='timeline-explorer.js'></script>"
        "<script defer src='figures.js'></script>"
        f"</head><body>{body}</body></html>", encoding="utf-8")
    server, url = serve(folder)
    yield url
    server.shutdown()


def _data(page, section: str) -> list[dict]:
    return page.locator(f"#{section} .js-plotly-plot").evaluate(
        "el => el.data.map(t => ({name: t.name, type: t.type, n: (t.x || []).length, visible: t.visible}))")


def test_every_figure_kind_draws(page, watched, gallery):
    page.goto(f"{gallery}/gallery.html")
    page.wait_for_function(FIGURES_DRAWN)
    for section in ("events", "mandate", "sanctions", "lines", "bars", "map"):
        traces = _data(page, section)
        assert traces and sum(t["n"] for t in traces) > 0, section
        assert page.locator(f"#{section} .main-svg").count() >= 1, section
    assert {t["type"] for t in _data(page, "bars")} == {"bar"}
    assert page.locator("#bars .barlayer .point").count() >= 4
    watched.assert_clean()


def test_actor_filter_highlights_one_actor(page, gallery):
    page.goto(f"{gallery}/gallery.html")
    page.wait_for_function(FIGURES_DRAWN)
    plot = page.locator("#events .js-plotly-plot")
    assert plot.evaluate("el => el.data.every(t => !t.selectedpoints)")
    page.locator("#events").get_by_label("Actor", exact=True).select_option(label="Wagner")
    page.wait_for_function("() => document.querySelector('#events .js-plotly-plot').data"
                           ".some(t => Array.isArray(t.selectedpoints) && t.selectedpoints.length > 0)")
    events = load("events")
    wagner = int(events["actor_ids"].map(lambda ids: "wagner" in ids).sum())
    chosen = plot.evaluate("el => el.data.filter(t => t.mode === 'markers')"
                           ".reduce((n, t) => n + (t.selectedpoints || []).length, 0)")
    assert 0 < chosen <= wagner
    opacities = plot.evaluate("el => [...el.querySelectorAll('.scatterlayer .point')]"
                              ".map(p => parseFloat(getComputedStyle(p).opacity))")
    assert min(opacities) < 0.5 and max(opacities) == 1, "the other points should be dimmed, Wagner's not"


def test_figures_follow_the_dark_theme(page, gallery):
    page.goto(f"{gallery}/gallery.html")
    page.wait_for_function(FIGURES_DRAWN)
    colour = "() => document.querySelector('#mandate .js-plotly-plot')._fullLayout.font.color"
    assert page.evaluate(colour) == "#1f1f1f"
    page.evaluate("document.documentElement.setAttribute('data-theme', 'dark')")
    page.wait_for_function(f"() => ({colour})() === '#e6e6e6'")
