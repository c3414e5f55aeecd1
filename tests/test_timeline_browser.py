"""The event timelines as a reader uses them, on every page that has one: the event card by click,
by tap and by keyboard, with everything the tables say of its event (dates to their precision,
actors, places, each death claimant, sources); previous and next in date order within a filter; the
theme, actor and date filters by keyboard, each control with a visible focus ring; a filter and a
card restored from the page address; a figure redrawn at a new window width; the lane names whole
in the margin measured before drawing on a wide screen; the key events' labels opening their cards;
no two labels of a timeline overlapping on a 375 px phone; in every figure of every page (maps and
charts too), at 320, 375 and 1280 px, no text over another or cut at the figure's edge; and, before
plotly.js arrives, the text readable and each figure's caption and placeholder in its place; at 320
and 400 px, the filters stacked and the open card inside the screen.

Every expectation comes from the data tables (``data/events.csv``, ``data/sources.csv``,
``data/actors.csv``, ``data/places.csv``), not from the page: the page only says which events its
figure draws."""

from __future__ import annotations

import html
import re
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIGURES_DRAWN, SITE

from book.data import load
from book.data.helpers import split_claims
from book.sphinx_figures import spec_from_script

pytestmark = pytest.mark.browser

EVENTS = load("events").set_index("event_id")
SOURCES = load("sources").set_index("source_id")
ACTORS = load("actors").set_index("actor_id")
PLACES = load("places").set_index("place_id")
FIGURE_SPEC = re.compile(r'<div class="course-figure" id="(?P<id>[^"]+)" data-spec="(?P<src>[^"]+)"'
                         r'[^>]*data-kind="event-timeline"')


def _timeline_spec(path: str) -> dict | None:
    """The Plotly JSON of the page's first event timeline, from the built site (the figure's data is
    a script of its own, which hands its JSON to SahelFigures.define)."""
    for match in FIGURE_SPEC.finditer((SITE / path).read_text(encoding="utf-8")):
        script = ((SITE / path).parent / html.unescape(match.group("src"))).read_text(encoding="utf-8")
        return spec_from_script(script, match.group("id"))
    return None


def _timeline_events(path: str) -> list[str] | None:
    """The ids of the events drawn by the page's first event timeline."""
    spec = _timeline_spec(path)
    return None if spec is None else [e["id"] for e in spec["layout"]["meta"]["course"]["events"]]


def timeline_pages() -> list[str]:
    """Every page of the built site whose figures include an event timeline."""
    pages = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("chapters/*.html")
                   if 'data-kind="event-timeline"' in p.read_text(encoding="utf-8"))
    return pages or ["(no built site with a timeline: run ./course build)"]


def figure_pages() -> list[str]:
    """Every page of the built site that has a figure (a timeline, a map or a chart)."""
    pages = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                   if not p.relative_to(SITE).parts[0].startswith("_") and 'class="course-figure"' in
                   p.read_text(encoding="utf-8"))
    return pages or ["(no built site with a figure: run ./course build)"]


def in_date_order(ids: list[str]) -> list[str]:
    return sorted(ids, key=lambda i: (EVENTS.at[i, "date"], i))


def _open(page, site_url: str, path: str, query: str = ""):
    page.goto(f"{site_url}/{path}{query}")
    page.wait_for_function(FIGURES_DRAWN)
    return page.locator(".course-figure--timeline").first


def _lines(card) -> dict[str, str]:
    """The card's labelled lines ("Actors: ...") as label to text."""
    texts = card.locator(".timeline-card__line").evaluate_all("els => els.map(p => p.textContent)")
    return dict(t.split(": ", 1) for t in texts if ": " in t)


def _names(ids, table: pd.DataFrame) -> str:
    return ", ".join(str(table.at[i, "name"]) if i in table.index else i for i in ids)


def card_dates(row: pd.Series) -> str:
    """The dates a card shows, written here from the table's columns (not by the course's code)."""
    start, end, precision = row["date"], row["end_date"], row["date_precision"]
    text = {"month": f"{start:%B %Y}", "year": f"{start:%Y}"}.get(precision, f"{start.day} {start:%B %Y}")
    if pd.notna(end) and end != start:
        text += f" – {end.day} {end:%B %Y}"
    notes = {"month": " (the month is known, not the day)", "year": " (only the year is known)"}
    return text + notes.get(precision, "")


def _assert_card_shows(timeline, event_id: str) -> None:
    """The open card shows everything the tables say of the event: its dates to their precision,
    title, summary, actors, places, the death range with each claimant, and its sources as links."""
    card = timeline.locator(".timeline-card")
    card.locator(f'xpath=self::*[@data-ready="{event_id}"]').wait_for()
    row = EVENTS.loc[event_id]
    assert card.locator(".timeline-card__title").inner_text() == row["title"]
    assert card.locator(".timeline-card__when").inner_text() == card_dates(row)
    assert card.locator(".timeline-card__summary").inner_text() == row["summary"]
    lines = _lines(card)
    assert lines.get("Actors") == (_names(row["actor_ids"], ACTORS) or None), event_id
    places = row["place_ids"] if isinstance(row["place_ids"], list) else []
    assert lines.get("Places") == (_names(places, PLACES) or None), event_id
    links = card.locator(".timeline-card__sources a").evaluate_all("els => els.map(a => a.href)")
    expected = [SOURCES.at[s, "url"] for s in row["source_ids"] if str(SOURCES.at[s, "url"]).startswith("http")]
    assert [link.rstrip("/") for link in links] == [u.rstrip("/") for u in expected]
    claims = card.locator(".timeline-card__claims li").all_inner_texts()
    if pd.isna(row["deaths_low"]):
        assert "Reported deaths" not in lines and not claims, event_id
        return
    low, high = int(row["deaths_low"]), row["deaths_high"]
    assert lines["Reported deaths"].startswith(f"{low:,}" if pd.isna(high) or int(high) == low
                                               else f"{low:,} to {int(high):,}"), lines["Reported deaths"]
    told = split_claims(str(row["deaths_claims"])) if pd.notna(row["deaths_claims"]) else []
    assert [" ".join(c.split()) for c in claims] == [" ".join(c.split()) for c in told], \
        f"{event_id}: each claimant an item of its own, in the table's words"


# An event point inside the plot area and the window with no other point within 14 px, so that a
# click or a tap can only mean it: where it is, and the index of its event.
LONE_POINT = """fig => {
    const plot = fig.querySelector('.js-plotly-plot');
    const area = fig.querySelector('.nsewdrag').getBoundingClientRect();
    const inside = p => p.x > area.left + 8 && p.x < area.right - 8 && p.y > area.top && p.y < area.bottom &&
      p.y > 0 && p.y < window.innerHeight;
    const points = [];
    fig.querySelectorAll('.scatterlayer .trace').forEach((trace, t) => {
      trace.querySelectorAll('.points path').forEach((p, k) => {
        const r = p.getBoundingClientRect();
        if (r.width) points.push({t, k, x: r.x + r.width / 2, y: r.y + r.height / 2});
      });
    });
    const lone = points.find(p => plot.data[p.t].mode === 'markers' && inside(p) &&
      points.every(q => q === p || Math.hypot(q.x - p.x, q.y - p.y) > 14));
    return lone ? {x: lone.x, y: lone.y, card: plot.data[lone.t].customdata[lone.k][0]} : null;
}"""


@pytest.mark.parametrize("path", timeline_pages())
def test_a_click_on_an_event_opens_its_card(page, watched, site_url, path):
    drawn = _timeline_events(path)
    assert drawn, f"{path}: no event timeline in the built page"
    timeline = _open(page, site_url, path)
    timeline.locator(".js-plotly-plot").scroll_into_view_if_needed()
    target = timeline.evaluate(LONE_POINT)
    assert target, f"{path}: no isolated event point to click"
    page.mouse.click(target["x"], target["y"])
    event_id = drawn[target["card"]]
    _assert_card_shows(timeline, event_id)
    assert timeline.get_attribute("data-open-event") == event_id
    assert f"event={event_id}" in page.url
    watched.assert_clean()


@pytest.mark.parametrize("path", timeline_pages())
def test_by_keyboard_a_theme_filter_then_next_and_previous_in_date_order(page, watched, site_url, path):
    drawn = _timeline_events(path)
    timeline = _open(page, site_url, path)
    theme = EVENTS.loc[drawn, "theme"].astype(str).value_counts().index[0]  # the theme with most events
    box = timeline.get_by_label("Theme", exact=True)
    box.focus()
    label = theme.capitalize()
    for _ in range(20):  # the keyboard's arrows walk the options
        if box.evaluate("s => s.options[s.selectedIndex].text") == label:
            break
        page.keyboard.press("ArrowDown")
    assert box.input_value() == theme
    expected = in_date_order([i for i in drawn if str(EVENTS.at[i, "theme"]) == theme])
    status = timeline.locator(".timeline-status")
    assert status.inner_text().startswith(f"Showing {len(expected)} of {len(drawn)} events")
    browse = timeline.get_by_role("button", name="Read the events one by one")
    browse.focus()
    page.keyboard.press("Enter")
    _assert_card_shows(timeline, expected[0])
    assert page.evaluate("document.activeElement.classList.contains('timeline-card__title')")
    # For a screen reader: a region named by the event's title, whose details are announced.
    assert timeline.get_by_role("region", name=EVENTS.at[expected[0], "title"]).is_visible()
    assert timeline.locator(".timeline-card__body").get_attribute("aria-live") == "polite"
    steps = min(4, len(expected) - 1)
    for k in range(1, steps + 1):
        timeline.get_by_role("button", name="Next event").focus()
        page.keyboard.press("Enter")
        _assert_card_shows(timeline, expected[k])
        assert f"Event {k + 1} of {len(expected)}" in timeline.locator(".timeline-card__position").inner_text()
    if steps:
        timeline.get_by_role("button", name="Previous event").focus()
        page.keyboard.press("Enter")
        _assert_card_shows(timeline, expected[steps - 1])
    page.keyboard.press("Escape")
    assert timeline.locator(".timeline-card").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Read the events one by one"
    watched.assert_clean()


def _overlapping(ids: list[str], start: str, end: str) -> list[str]:
    """The events among ``ids`` that happen in [start, end] (ISO days): a period counts if it overlaps."""
    def last(i: str) -> str:
        end_date = EVENTS.at[i, "end_date"]
        return str((EVENTS.at[i, "date"] if pd.isna(end_date) else end_date).date())
    return [i for i in ids if str(EVENTS.at[i, "date"].date()) <= end and last(i) >= start]


@pytest.mark.parametrize("path", timeline_pages())
def test_the_address_restores_a_filter_and_an_open_card(page, watched, site_url, path):
    drawn = _timeline_events(path)
    themes = EVENTS.loc[drawn, "theme"].astype(str).value_counts()
    theme = themes.index[0]
    year = int(EVENTS.loc[[i for i in drawn if EVENTS.at[i, "theme"] == theme], "date"].dt.year.mode().iloc[0])
    expected = in_date_order(_overlapping([i for i in drawn if EVENTS.at[i, "theme"] == theme],
                                          f"{year}-01-01", f"{year}-12-31"))
    timeline = _open(page, site_url, path, f"?theme={theme}&from={year}&to={year}&event={expected[-1]}")
    assert timeline.get_by_label("Theme", exact=True).input_value() == theme
    assert timeline.get_by_label("From", exact=True).input_value() == f"{year}-01-01"
    assert timeline.get_by_label("To", exact=True).input_value() == f"{year}-12-31"
    assert timeline.locator(".timeline-status").inner_text().startswith(
        f"Showing {len(expected)} of {len(drawn)} events")
    _assert_card_shows(timeline, expected[-1])
    shown = timeline.evaluate("f => f.querySelector('.js-plotly-plot').layout.xaxis.range.map(String)")
    assert shown[0].startswith(f"{year}-01-01") and shown[1].startswith(f"{year}-12-31")
    # Changing the filter changes the address, so that it can be shared.
    if len(themes) > 1:
        timeline.get_by_label("Theme", exact=True).select_option(themes.index[1])
        page.wait_for_function(f"() => location.search.includes('theme={themes.index[1]}')")
    # A filter the timeline does not have is said, not silently dropped.
    _open(page, site_url, path, "?theme=weather&from=2021-13")
    said = page.locator(".timeline-status").first.inner_text()
    assert "asked for theme “weather”, start “2021-13”" in said, said
    watched.assert_clean()


def _telling_events(drawn: list[str]) -> dict[str, str]:
    """The drawn events whose cards have the most to show: the most death claimants, a date known
    only to the month, the most places, the most actors, a period with an end."""
    rows = EVENTS.loc[drawn]
    with_deaths = rows[rows["deaths_low"].notna()]
    claims = with_deaths["deaths_claims"].fillna("").astype(str).map(lambda c: len(split_claims(c)))
    picks = {
        "claimants": claims.idxmax() if len(claims) else None,
        "precision": next(iter(rows.index[rows["date_precision"] != "day"]), None),
        "places": rows["place_ids"].map(lambda p: len(p) if isinstance(p, list) else 0).idxmax(),
        "actors": rows["actor_ids"].map(len).idxmax(),
        "period": next(iter(rows.index[rows["end_date"].notna()]), None),
    }
    return {why: i for why, i in picks.items() if i is not None}


@pytest.mark.parametrize("path", timeline_pages())
def test_the_address_opens_any_card_with_its_dates_actors_places_and_each_death_claimant(page, watched, site_url,
                                                                                          path):
    drawn = _timeline_events(path)
    for why, event_id in _telling_events(drawn).items():
        timeline = _open(page, site_url, path, f"?event={event_id}")
        _assert_card_shows(timeline, event_id)
        assert "Not in the current filter" not in timeline.locator(".timeline-card__position").inner_text(), why
    watched.assert_clean()


def test_some_timeline_draws_an_event_dated_to_the_month_so_that_the_card_test_checks_its_dates():
    """The card test above opens an event dated to the month only where a timeline draws one: one must."""
    month_only = set(EVENTS.index[EVENTS["date_precision"] == "month"])
    drawn = {i for p in timeline_pages() for i in (_timeline_events(p) or [])}
    assert month_only & drawn, "no timeline draws an event dated to the month: the precision goes untested"


# Where the keyboard's focus is, and whether it shows: an outline of 2 px or more, not "none".
FOCUS_RING = """() => { const el = document.activeElement; const css = getComputedStyle(el);
    return {label: el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent,
            ring: css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) >= 2}; }"""

# The order of day, month and year in the page's locale, as a date field's segments take them.
DATE_ORDER = """() => new Intl.DateTimeFormat().formatToParts(new Date(2021, 0, 15))
    .map(p => p.type).filter(t => ['day', 'month', 'year'].includes(t))"""


def _type_date(page, iso: str) -> None:
    year, month, day = iso.split("-")
    for part in page.evaluate(DATE_ORDER):
        page.keyboard.type({"year": year, "month": month, "day": day}[part])


def _tab_out(page) -> None:
    """Tab until the focus leaves the field it is in (a date field's day, month and year, and its
    calendar button, are stops of their own)."""
    here = page.evaluate_handle("document.activeElement")
    for _ in range(5):
        page.keyboard.press("Tab")
        if not page.evaluate("el => document.activeElement === el", here):
            return
    raise AssertionError("the focus never left the field")


@pytest.mark.parametrize("path", timeline_pages())
def test_by_keyboard_an_actor_and_a_date_range_filter_the_events_and_every_control_shows_its_focus(
        page, watched, site_url, path):
    drawn = _timeline_events(path)
    timeline = _open(page, site_url, path)
    offered = [a["value"] for a in _timeline_spec(path)["layout"]["meta"]["course"]["actors"]]
    actors = EVENTS.loc[drawn, "actor_ids"].explode().value_counts().reindex(offered).dropna()
    actor = actors.sort_values(ascending=False, kind="stable").index[0]  # offered, with the most events
    theme = timeline.get_by_label("Theme", exact=True)
    theme.focus()
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS_RING)
    assert focus["label"] == "Actor" and focus["ring"], f"{path}: the actor field after the theme, with a ring"
    box = timeline.get_by_label("Actor", exact=True)
    for _ in range(len(offered) + 2):
        if box.input_value() == actor:
            break
        page.keyboard.press("ArrowDown")
    assert box.input_value() == actor
    with_actor = [i for i in drawn if actor in EVENTS.at[i, "actor_ids"]]
    status = timeline.locator(".timeline-status")
    assert status.inner_text().startswith(f"Showing {len(with_actor)} of {len(drawn)} events"), status.inner_text()
    dates = sorted({str(EVENTS.at[i, "date"].date()) for i in with_actor})
    assert len(dates) >= 2, f"{path}: the actor filter needs events on two days to test the dates"
    start, end = dates[len(dates) // 4], dates[max(len(dates) // 4 + 1, (3 * len(dates)) // 4)]
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_RING) == {"label": "From", "ring": True}
    _type_date(page, start)
    _tab_out(page)
    assert page.evaluate(FOCUS_RING) == {"label": "To", "ring": True}
    _type_date(page, end)
    expected = in_date_order(_overlapping(with_actor, start, end))
    page.wait_for_function(f"() => location.search.includes('to={end}')")
    assert status.inner_text().startswith(f"Showing {len(expected)} of {len(drawn)} events"), status.inner_text()
    _tab_out(page)
    assert page.evaluate(FOCUS_RING) == {"label": "Read the events one by one", "ring": True}
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_RING) == {"label": "Show all", "ring": True}
    timeline.get_by_role("button", name="Read the events one by one").press("Enter")
    _assert_card_shows(timeline, expected[0])
    reached = []
    for _ in range(40):  # every stop in the card: the sources' links, then its buttons
        page.keyboard.press("Tab")
        if not page.evaluate("() => Boolean(document.activeElement.closest('.timeline-card'))"):
            break
        focus = page.evaluate(FOCUS_RING)
        assert focus["ring"], f"{path}: {focus['label']!r} has no visible focus"
        reached.append(focus["label"])
    wanted = ["Next event", "Close"] if len(expected) > 1 else ["Close"]
    assert reached[-len(wanted):] == wanted, f"{path}: the card's stops were {reached}"
    # A start after the end is said, and the axis is not turned round.
    timeline.get_by_label("From", exact=True).focus()
    _type_date(page, end)
    timeline.get_by_label("To", exact=True).focus()
    _type_date(page, start)
    page.wait_for_function(f"() => location.search.includes('to={start}')")
    assert status.inner_text().startswith("The start date is after the end date")
    axis = timeline.evaluate("f => f.querySelector('.js-plotly-plot').layout.xaxis.range.map(String)")
    assert axis[0] < axis[1], "the axis is turned round"
    browse = timeline.get_by_role("button", name="Read the events one by one")
    browse.click()
    assert timeline.locator(".timeline-card").is_hidden(), "a card opens with nothing to show"
    watched.assert_clean()


@pytest.mark.parametrize("path", figure_pages())
def test_a_resized_window_redraws_each_figure_at_its_new_width(page, watched, site_url, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/{path}")
    page.wait_for_function(FIGURES_DRAWN)
    width = "fig => Math.round(fig.querySelector('.main-svg').getBoundingClientRect().width)"
    box = "fig => Math.round(fig.querySelector('.course-figure__plot').getBoundingClientRect().width)"
    figures = page.locator(".course-figure")
    before = [figures.nth(i).evaluate(width) for i in range(figures.count())]
    page.set_viewport_size({"width": 420, "height": 900})
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        page.wait_for_function(f"f => Math.abs(({width})(f) - ({box})(f)) <= 2", arg=figure.element_handle())
        assert figure.evaluate(width) < before[i], f"figure {i + 1} kept its width of {before[i]} px"
        assert figure.evaluate(width) <= 420
    watched.assert_clean()


TEXTS = ".timeline-label, .xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .legendtext, .gtitle"

# Where the plot area of a timeline starts, and the boxes of its lane names and axis title (x in px
# from the figure's left edge).
LEFT_SIDE = """fig => {
    const svg = fig.querySelector('.main-svg').getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect();
      return {text: el.textContent, x: r.x - svg.left, y: r.y, w: r.width, h: r.height}; };
    return {area: fig.querySelector('.nsewdrag').getBoundingClientRect().left - svg.left,
            lanes: [...fig.querySelectorAll('.ytick text')].map(box).filter(b => b.w > 0),
            title: [...fig.querySelectorAll('.g-ytitle text')].map(box).filter(b => b.w > 0)};
}"""


def _overlap(a: dict, b: dict) -> bool:
    """Whether two boxes ({x, y, w, h}) overlap by more than a pixel."""
    return a["x"] + 1 < b["x"] + b["w"] and b["x"] + 1 < a["x"] + a["w"] \
        and a["y"] + 1 < b["y"] + b["h"] and b["y"] + 1 < a["y"] + a["h"]


@pytest.mark.parametrize("path", timeline_pages())
def test_on_a_wide_screen_the_lane_names_fit_the_margin_measured_before_drawing(page, watched, site_url, path):
    """figures.js measures the lane names and sets the left margin before the first draw (Plotly's
    automargin measured them after, then drew the figure again): every lane name and the axis title
    are whole, inside the figure, left of the plot area, and not over one another."""
    page.set_viewport_size({"width": 1280, "height": 900})
    timeline = _open(page, site_url, path)
    side = timeline.evaluate(LEFT_SIDE)
    lanes = list(_timeline_spec(path)["layout"]["yaxis"]["ticktext"])
    assert sorted(b["text"] for b in side["lanes"]) == sorted(lanes), f"{path}: lane names missing"
    assert len(side["title"]) == 1, f"{path}: the lane axis has no title"
    for label in side["lanes"] + side["title"]:
        assert label["x"] >= 0, f"{path}: {label['text']!r} is cut at the figure's edge"
        assert label["x"] + label["w"] <= side["area"], f"{path}: {label['text']!r} runs over the plot"
    crossing = [(a["text"], b["text"]) for a, b in combinations(side["lanes"] + side["title"], 2) if _overlap(a, b)]
    assert not crossing, f"{path}: lane names over one another or the title: {crossing}"
    assert side["area"] < max(b["w"] for b in side["lanes"]) + 60, f"{path}: the margin is too wide"
    watched.assert_clean()


@pytest.mark.parametrize("path", figure_pages())
def test_on_a_wide_screen_every_y_axis_label_of_every_figure_is_whole_and_left_of_its_plot(page, watched, site_url,
                                                                                            path):
    """Where figures.js measured the labels before drawing (lanes, categories) as where Plotly's
    automargin did (numbers), no label is cut or runs over the plot."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/{path}")
    page.wait_for_function(FIGURES_DRAWN)
    figures = page.locator(".course-figure")
    for i in range(figures.count()):
        side = figures.nth(i).evaluate(LEFT_SIDE)
        for label in side["lanes"] + side["title"]:
            where = f"{path}, figure {i + 1}: {label['text']!r}"
            assert label["x"] >= 0, f"{where} is cut at the figure's edge"
            assert label["x"] + label["w"] <= side["area"], f"{where} runs over the plot"
    watched.assert_clean()


@pytest.mark.parametrize("path", timeline_pages())
def test_on_a_375px_phone_no_two_labels_of_a_timeline_overlap(page, watched, site_url, path):
    page.set_viewport_size({"width": 375, "height": 800})
    timeline = _open(page, site_url, path)
    boxes = timeline.evaluate(f"""fig => [...fig.querySelectorAll({TEXTS!r})]
        .map(el => {{ const r = el.getBoundingClientRect();
                      return {{text: el.textContent, x: r.x, y: r.y, w: r.width, h: r.height}}; }})
        .filter(b => b.w > 0 && b.h > 0 && b.text.trim())""")
    assert len(boxes) >= 5, f"{path}: too few labels found to check"
    overlapping = [(a["text"], b["text"]) for a, b in combinations(boxes, 2) if _overlap(a, b)]
    Path("test-results").mkdir(exist_ok=True)
    timeline.screenshot(path=f"test-results/timeline-375-{Path(path).stem}.png")
    assert not overlapping, f"{path}: labels overlap at 375 px: {overlapping[:5]}"
    assert int(timeline.get_attribute("data-labels") or 0) >= 1, f"{path}: no key event labelled at 375 px"
    figure_box = timeline.bounding_box()
    assert figure_box and figure_box["width"] <= 375, "the figure is wider than the screen"
    side = timeline.evaluate(LEFT_SIDE)
    assert not side["lanes"], "on a phone the lane names go inside the plot"
    assert side["area"] <= 12, f"on a phone the plot starts at the figure's edge, not {side['area']:.0f} px in"
    watched.assert_clean()


# The boxes of a timeline's HTML controls and of its open card, and whether the page scrolls sideways.
CONTROL_BOXES = """fig => {
    const box = el => { const r = el.getBoundingClientRect();
      return {name: (el.innerText || el.getAttribute('aria-label') || el.className).trim().split('\\n')[0],
              x: r.x, y: r.y, w: r.width, h: r.height}; };
    const all = sel => [...fig.querySelectorAll(sel)].filter(el => el.checkVisibility()).map(box);
    return {fields: all('.timeline-controls__field'),
            buttons: all('.timeline-controls button, .timeline-card__nav button'),
            card: all('.timeline-card'), sideways: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.mark.parametrize("width", [320, 400])
@pytest.mark.parametrize("path", timeline_pages())
def test_on_a_phone_the_filters_stack_and_the_open_card_fits_the_screen(page, watched, site_url, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    timeline = _open(page, site_url, path)
    timeline.get_by_role("button", name="Read the events one by one").click()
    timeline.locator(".timeline-card__title").wait_for()
    seen = timeline.evaluate(CONTROL_BOXES)
    where = f"{path} at {width} px"
    assert len(seen["fields"]) >= 3 and len(seen["buttons"]) >= 3 and len(seen["card"]) == 1, f"{where}: {seen}"
    assert seen["sideways"] <= 0, f"{where}: the page scrolls sideways by {seen['sideways']} px"
    for item in seen["fields"] + seen["buttons"] + seen["card"]:
        assert item["x"] >= -1 and item["x"] + item["w"] <= width + 1, f"{where}: {item['name']!r} leaves the screen"
    side_by_side = [(a["name"], b["name"]) for a, b in combinations(seen["fields"], 2)
                    if a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]
    assert not side_by_side, f"{where}: filters share a row instead of stacking: {side_by_side}"
    controls = seen["fields"] + seen["buttons"]
    overlapping = [(a["name"], b["name"]) for a, b in combinations(controls, 2) if _overlap(a, b)]
    assert not overlapping, f"{where}: controls overlap: {overlapping}"
    small = [b["name"] for b in seen["buttons"] if b["h"] < 24 or b["w"] < 24]
    assert not small, f"{where}: buttons below the 24 px touch target: {small}"
    watched.assert_clean()


# Every text a reader sees in a figure (SVG text but the hover and the toolbar, the HTML labels of a
# timeline), with its box in px; and the figure's and its plot area's boxes.
FIGURE_TEXTS = """fig => {
    const plot = fig.querySelector('.course-figure__plot');
    const box = el => { const r = el.getBoundingClientRect();
      return {text: el.textContent, x: r.x, y: r.y, w: r.width, h: r.height}; };
    const shown = el => { const css = getComputedStyle(el);
      return css.visibility !== 'hidden' && css.display !== 'none' && Number(css.opacity) > 0; };
    const texts = [...plot.querySelectorAll('svg text, .timeline-label')]
      .filter(el => !el.closest('.hoverlayer, .modebar') && el.textContent.trim() && shown(el)).map(box)
      .filter(b => b.w > 0 && b.h > 0);
    return {texts, figure: box(plot), area: box(plot.querySelector('.nsewdrag'))};
}"""


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("path", figure_pages())
def test_no_text_of_a_figure_overlaps_another_or_leaves_the_figure_and_the_plot_keeps_its_room(
        page, watched, site_url, path, width):
    """On a phone (320 and 375 px) as on a wide screen, in every figure (timelines, maps, charts):
    long labels wrap, place names that would collide are hidden (the hover and the table keep them),
    a legend clears the axis, and the plot keeps at least half of the figure's width."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}/{path}")
    page.wait_for_function(FIGURES_DRAWN)
    Path("test-results").mkdir(exist_ok=True)
    for i, figure in enumerate(page.locator(".course-figure").all()):
        seen = figure.evaluate(FIGURE_TEXTS)
        where = f"{path} at {width} px, figure {i + 1}"
        texts, outer, area = seen["texts"], seen["figure"], seen["area"]
        assert len(texts) >= 3, f"{where}: too few texts found to check"
        figure.screenshot(path=f"test-results/figure-{width}-{Path(path).stem}-{i + 1}.png")
        overlapping = [(a["text"], b["text"]) for a, b in combinations(texts, 2) if _overlap(a, b)]
        assert not overlapping, f"{where}: texts overlap: {overlapping[:5]}"
        outside = [t["text"] for t in texts if t["x"] < outer["x"] - 1 or t["x"] + t["w"] > outer["x"] + outer["w"] + 1
                   or t["y"] < outer["y"] - 1 or t["y"] + t["h"] > outer["y"] + outer["h"] + 1]
        assert not outside, f"{where}: texts cut at the figure's edge: {outside[:5]}"
        assert area["w"] >= 0.45 * outer["w"], f"{where}: the plot has {area['w']:.0f} of {outer['w']:.0f} px"
    watched.assert_clean()


@pytest.mark.parametrize("path", timeline_pages())
def test_a_click_on_a_key_event_label_opens_its_card_and_the_labels_match_the_chapter(page, watched, site_url, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    timeline = _open(page, site_url, path)
    meta = _timeline_spec(path)["layout"]["meta"]["course"]
    wanted = {k["label"]: k["id"] for k in meta["keyEvents"]}
    labels = timeline.locator(".timeline-label--key")
    assert labels.count() == int(timeline.get_attribute("data-labels")) >= 1, f"{path}: no key event labelled"
    assert timeline.locator(".timeline-labels").get_attribute("aria-hidden") == "true", "the cards say it all"
    for i in range(labels.count()):
        text = labels.nth(i).inner_text()
        assert text in wanted, f"{path}: a label {text!r} that the chapter did not choose"
        box = labels.nth(i).bounding_box()
        assert box and box["width"] >= labels.nth(i).evaluate("e => e.scrollWidth") - 1, f"{text!r} is cut"
    last = labels.nth(labels.count() - 1)
    last.click()
    _assert_card_shows(timeline, wanted[last.inner_text()])
    assert timeline.locator(".timeline-card__title").evaluate("e => e === document.activeElement")
    watched.assert_clean()


@pytest.mark.parametrize("path", timeline_pages())
def test_a_tap_on_a_phone_opens_the_card(browser, site_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        drawn = _timeline_events(path)
        timeline = _open(page, site_url, path)
        timeline.locator(".js-plotly-plot").scroll_into_view_if_needed()
        target = timeline.evaluate(LONE_POINT)
        assert target, f"{path}: no isolated event point to tap"
        page.touchscreen.tap(target["x"], target["y"])
        _assert_card_shows(timeline, drawn[target["card"]])
    finally:
        context.close()


@pytest.mark.parametrize("path", figure_pages())
def test_before_plotly_arrives_the_text_reads_and_each_figure_shows_its_caption_and_placeholder(
        page, watched, site_url, path):
    """On a slow connection plotly.js (396 KB gzip) comes last: the chapter is readable without it,
    every figure keeps its room and says what it will be, and once plotly.js arrives each is drawn
    and its placeholder goes."""
    held = []
    page.route("**/vendor/plotly-basic.min.js", lambda route: held.append(route))  # answered when the test says
    page.goto(f"{site_url}/{path}", wait_until="domcontentloaded")
    assert page.locator("article h1").first.is_visible()
    assert len(page.locator("article p").all_inner_texts()) >= 3, f"{path}: no text to read before the figures"
    figures = page.locator(".course-figure")
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        where = f"{path}, figure {i + 1}"
        assert figure.get_attribute("data-drawn") != "true", f"{where}: drawn without plotly.js?"
        assert figure.get_attribute("role") == "figure" and figure.get_attribute("aria-label"), where
        assert figure.locator(".course-figure__pending").is_visible(), f"{where}: no placeholder"
        caption = page.locator(f"#{figure.get_attribute('id')}-caption")
        assert caption.is_visible() and caption.inner_text().strip(), f"{where}: no caption under the placeholder"
        room = figure.locator(".course-figure__plot").bounding_box()
        assert room and room["height"] >= 300, f"{where}: the placeholder keeps no room for the figure"
    for _ in range(50):  # the request is seen when Playwright next hears from the browser
        if held:
            break
        page.wait_for_timeout(100)
    assert held, f"{path}: plotly.js was never asked for"
    page.unroute("**/vendor/plotly-basic.min.js")
    for request in held:
        request.continue_()
    page.wait_for_function(FIGURES_DRAWN)
    for i in range(figures.count()):
        assert figures.nth(i).locator(".course-figure__pending").is_hidden(), f"{path}, figure {i + 1}"
    watched.assert_clean()
