"""Figure functions on small fixtures: the traces, spans and hover text they should draw, clear
errors for bad input, stable ids, and output that needs nothing from another host."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from book.data import load
from book.figures import (
    FigureOutput,
    base_closures_map,
    event_timeline,
    indicator_by_claimant,
    mandate_timeline,
    measures_by_kind,
    place_map,
    presence_map,
    promised_dates,
    reported_killings_map,
    sanctions_timeline,
    yearly_bars,
    yearly_lines,
)
from book.figures.cards import card_scripts, course_cards
from book.figures.palette import THEME_STYLE


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id": ["2013-01-11-serval", "2013-04-25-res-2100", "2022-01-09-ecowas"],
        "date": pd.to_datetime(["2013-01-11", "2013-04-25", "2022-01-09"]),
        "end_date": [pd.Timestamp("2014-07-13"), pd.NaT, pd.NaT],
        "kind": ["period", "event", "event"],
        "title": ["Operation Serval", "Resolution 2100 <adopted>", "ECOWAS sanctions"],
        "summary": ["France intervenes.", "MINUSMA created.", "Borders closed."],
        "theme": ["security", "mandate", "sanctions"],
        "actor_ids": [["france"], ["minusma", "un-security-council"], ["ecowas"]],
        "source_ids": [["a"], ["b"], ["c"]],
        "deaths_low": pd.array([None, None, 203], dtype="Int64"),
        "deaths_high": pd.array([None, None, 500], dtype="Int64"),
    })


def test_event_timeline_lanes_spans_hover_and_cards(events):
    fig = event_timeline(events, pd.DataFrame({"source_id": ["b"], "publisher": ["UN"]}),
                         actors=[("minusma", "MINUSMA")], key_events={"2013-04-25-res-2100": "Resolution 2100"})
    names = [t.name for t in fig.data]
    assert names == ["mandate", "security (periods)", "sanctions"]
    span = fig.data[1]
    assert span.x == ("2013-01-11", "2014-07-13", None)
    mandate = fig.data[0]
    assert "25 April 2013" in mandate.hovertext[0] and "&lt;adopted&gt;" in mandate.hovertext[0]
    assert "Source: UN" in mandate.hovertext[0] and "Reported deaths" not in mandate.hovertext[0]
    assert "Reported deaths: 203 to 500, by source" in fig.data[2].hovertext[0]
    course = fig.layout.meta["course"]
    assert [e["id"] for e in course["events"]] == sorted(events["event_id"], key=lambda i: i[:10])
    # each point's customdata is the index of its event, the two ends of a span included
    for trace in fig.data:
        for x, cd in zip(trace.x, trace.customdata, strict=True):
            if x is not None:
                assert x in (course["events"][cd[0]]["date"], course["events"][cd[0]].get("end"))
    assert course["themes"][0] == {"value": "mandate", "label": "Mandate"}
    assert course["actors"] == [{"value": "minusma", "label": "MINUSMA"}]
    assert course["keyEvents"] == [{"id": "2013-04-25-res-2100", "label": "Resolution 2100"}]
    assert not fig.layout.updatemenus, "the filters are HTML controls, not Plotly menus"
    assert not fig.layout.xaxis.rangeslider.visible, "the dates are set by the HTML From and To fields"
    assert fig.layout.title.text
    with pytest.raises(ValueError, match="not among the events drawn"):
        event_timeline(events, key_events={"no-such-event": "X"})


def test_every_event_has_a_card_script_citing_its_own_sources_and_nothing_else():
    events = load("events")
    cards = course_cards()
    scripts = card_scripts(cards)
    assert sorted(scripts) == sorted(f"{i}.js" for i in events["event_id"])
    prefix, suffix = "globalThis.SahelTimeline.defineCards(", ");\n"
    for _, row in events.iterrows():
        script = scripts[f"{row['event_id']}.js"]
        assert script.startswith(prefix) and script.endswith(suffix) and "</" not in script
        part = json.loads(script[len(prefix):-len(suffix)])
        assert list(part["events"]) == [row["event_id"]]
        assert sorted(part["sources"]) == sorted(set(row["source_ids"]))
        heavy = part["events"][row["event_id"]]
        assert heavy["title"] == row["title"] and "actorIds" not in heavy and "theme" not in heavy


def test_a_date_known_to_the_month_is_written_as_the_month_in_the_hover_and_the_light_card():
    events = load("events")
    month = events[events["date_precision"] == "month"].head(1)
    assert len(month), "the course has an event dated to the month: this test needs one"
    fig = event_timeline(month, key_events={})
    light = fig.layout.meta["course"]["events"][0]
    expected = f"{month.iloc[0]['date']:%B %Y}"
    assert light["when"].startswith(expected + " – ") and light["when"].endswith("(the month is known, not the day)")
    assert f"<b>{light['when']}</b>" in "".join(t for trace in fig.data for t in (trace.hovertext or []) if t)
    day = event_timeline(events[events["date_precision"] == "day"].head(3), key_events={})
    assert not [e for e in day.layout.meta["course"]["events"] if "when" in e], "a day needs no text of its own"


def test_each_theme_has_its_own_colour_and_symbol():
    assert len({c for c, _ in THEME_STYLE.values()}) == len(THEME_STYLE)
    assert len({s for _, s in THEME_STYLE.values()}) == len(THEME_STYLE)


def test_timeline_rejects_bad_input(events):
    with pytest.raises(ValueError, match="The events table is empty"):
        event_timeline(events.iloc[0:0])
    with pytest.raises(ValueError, match="Unknown theme"):
        event_timeline(events, themes=["weather"])
    with pytest.raises(ValueError, match="lacks the column"):
        event_timeline(events.drop(columns=["theme"]))


def test_mandate_timeline_draws_one_span_per_mandate_resolution():
    res = load("resolutions")
    fig = mandate_timeline(res)
    mandates = res[res["topic"].isin(["mandate", "withdrawal"]) & res["mandate_end"].notna()]
    assert len(fig.data[0].x) == 3 * len(mandates)
    assert "13,289 military" in " ".join(h for h in fig.data[0].hovertext if h)
    with pytest.raises(ValueError, match="empty"):
        mandate_timeline(res[res["topic"] == "sanctions"].assign(topic="other"))


def test_sanctions_timeline_runs_open_measures_to_the_date_given():
    sanctions = load("sanctions")
    fig = sanctions_timeline(sanctions, load("actors"), until="2026-11-28")
    assert {t.name for t in fig.data} >= {"border closure", "asset freeze", "visa restriction"}
    hover = " ".join(h for t in fig.data for h in t.hovertext if h)
    assert "no lifting recorded" in hover


def test_yearly_lines_leave_gaps_as_gaps():
    yearly = load("minusma_yearly")
    fig = yearly_lines(yearly, ["authorised_uniformed", "deployed_uniformed"], title="T")
    deployed = fig.data[1].y
    assert None in deployed and fig.data[1].connectgaps is False
    assert fig.data[0].y[0] == 12640.0
    assert fig.data[0].line.dash != fig.data[1].line.dash
    with pytest.raises(ValueError, match="Unknown measure"):
        yearly_lines(yearly, ["troops"], title="T")
    with pytest.raises(ValueError, match="Every figure needs a title"):
        yearly_bars(yearly, "budget_usd", title="")


def test_place_map_draws_the_eight_countries_and_markers():
    fig = place_map(load("places"), title="T", groups={"Camps": ["gao", "kidal"]}, events=load("events"),
                    tri_border=True)
    countries = [t for t in fig.data if t.fill == "toself"]
    assert len(countries) == 8
    assert fig.data[-1].name == "Camps" and len(fig.data[-1].x) == 2
    assert fig.layout.yaxis.scaleanchor == "x"
    names = [t.name for t in fig.data]
    assert "Events (by place)" in names and "Tri-border point (Liptako-Gourma)" in names
    ring = fig.data[names.index("Events (by place)")]
    assert len(ring.x) >= 10 and "event(s)" in ring.hovertext[0]


def test_figure_output_is_stable_needs_no_cdn_and_requires_alt_text():
    fig = mandate_timeline(load("resolutions"))
    a, b = FigureOutput(fig, "Alt text."), FigureOutput(fig, "Alt text.")
    assert a.id == b.id and a.html() == b.html()
    html = a.html()
    assert "<script src" not in html and "cdn" not in html.lower() and "mathjax" not in html.lower()
    assert 'role="figure" aria-label="Alt text."' in html
    data, meta = a._repr_mimebundle_()
    assert set(data) == {"application/vnd.plotly.v1+json", "text/plain"}, "the figure's data is stored once"
    assert meta["application/vnd.plotly.v1+json"]["sahel_course"] == {"id": a.id, "alt": "Alt text."}
    with pytest.raises(ValueError, match="alt text"):
        FigureOutput(go.Figure(), " ")


def test_event_timeline_by_actor_puts_an_event_in_each_actor_lane(events):
    fig = event_timeline(events, by="actor", actors=[("minusma", "MINUSMA"), ("un-security-council", "Council")])
    mandate = next(t for t in fig.data if t.name == "mandate")
    assert list(mandate.y) == [0, 1] and fig.layout.yaxis.ticktext == ("MINUSMA", "Council")
    assert fig.layout.showlegend
    with pytest.raises(ValueError, match="need the actors"):
        event_timeline(events, by="actor")
    with pytest.raises(ValueError, match="by 'theme' or by 'actor'"):
        event_timeline(events, by="place")


def test_event_timeline_with_a_subset_of_themes_from_the_real_table():
    events = load("events")
    fig = event_timeline(events[events["date"].dt.year == 2023], themes=["mandate", "security"])
    assert {t.name.split(" (")[0] for t in fig.data} <= {"mandate", "security"}


def test_promised_dates_draws_each_promise_from_its_day_to_its_date_with_shape_and_colour_by_side():
    timetable = load("transition_timetable")
    fig = promised_dates(timetable, load("sources"), as_of="2026-12-02")
    made = next(t for t in fig.data if t.name == "Day the promise was made")
    assert len(made.x) == len(timetable)
    sides = [t for t in fig.data if t.name and t.name.startswith("Dates")]
    assert len(sides) == 2
    assert len({t.marker.symbol for t in sides}) == 2 and len({t.marker.color for t in sides}) == 2
    drawn = sum(len(t.x) for t in sides) // 3  # two points and a gap per promise
    assert drawn == len(timetable)
    decree = next(t for t in sides if "Mali" in t.name)
    i = decree.x.index("2024-03-26")
    assert "24 mois" in decree.customdata[i] and "What happened" in decree.customdata[i]
    ranges = [(a, b) for a, b in zip(decree.x[0::3], decree.x[1::3], strict=True) if a != b]
    assert ("2022-06-30", "2026-12-31") in ranges  # the conference's range is drawn as a bar, not a point
    assert fig.layout.shapes[0].x0 == "2026-12-02"
    labels = [a.text for a in fig.layout.annotations]
    assert "Jun 2022 · Decree: 24 months" in labels


def test_promised_dates_refuses_a_table_without_its_columns():
    with pytest.raises(ValueError, match="transition timetable table lacks the column"):
        promised_dates(load("transition_timetable").drop(columns=["target_high"]))


def test_measures_by_kind_counts_every_row_once_and_tells_kinds_apart_without_colour():
    sanctions, actors = load("sanctions"), load("actors")
    fig = measures_by_kind(sanctions, actors)
    assert sum(sum(t.x) for t in fig.data) == len(sanctions)
    pairs = {(t.marker.color, t.marker.pattern.shape) for t in fig.data}
    assert len(pairs) == len(fig.data) == sanctions["measure"].nunique()
    ecowas = fig.data[0].y.index("Economic Community of West African States")
    assert sum(t.x[ecowas] for t in fig.data) == (sanctions["imposer_id"] == "ecowas").sum()


def test_indicator_by_claimant_keeps_every_claimants_figure_and_refuses_unknown_indicators():
    indicators = load("indicators")
    fig = indicator_by_claimant(indicators, "consumer_price_inflation", load("sources"), title="T", main="BCEAO",
                                axis="%", shade=("2022-01-09", "2022-07-03", "Sanctions"))
    assert fig.data[0].name == "BCEAO" and fig.data[0].mode == "lines+markers"
    assert sum(len(t.y) for t in fig.data) == len(indicators)
    values_2022 = {v for t in fig.data for x, v in zip(t.x, t.y, strict=True) if round(x) == 2022}
    assert {9.6, 9.7, 10.0} <= values_2022  # the disagreement stays visible
    assert len({t.marker.symbol for t in fig.data}) == len(fig.data)
    assert fig.layout.shapes[0].x0 < 2022 < fig.layout.shapes[0].x1 + 0.5
    with pytest.raises(ValueError, match="No rows for the indicator"):
        indicator_by_claimant(indicators, "gdp", title="T", main="BCEAO", axis="%")


def test_reported_killings_map_places_each_event_by_who_is_alleged_responsible():
    events = pd.DataFrame({
        "event_id": ["a", "b", "c", "d"],
        "date": pd.to_datetime(["2019-03-23", "2019-06-09", "2022-03-27", "2020-01-01"]),
        "title": ["A", "B", "C", "D"], "alleged_perpetrator_ids": [["dozo"], [], ["fama", "wagner"], ["fama"]],
        "place_ids": [["ogossagou"], ["sobane-da"], ["moura"], ["nowhere"]], "deaths_low": [157, 35, 500, None],
        "deaths_high": [160, 39, 500, None], "source_ids": [["s"], ["s"], ["s"], ["s"]]})
    places = pd.DataFrame({"place_id": ["ogossagou", "sobane-da", "moura", "nowhere"],
                           "name": ["Ogossagou", "Sobane Da", "Moura", "Nowhere"],
                           "lat": [14.18, 14.45, 14.33, None], "lon": [-3.59, -3.31, -4.59, None]})
    actors = pd.DataFrame({"actor_id": ["dozo", "fama", "wagner"],
                           "type": ["militia", "armed_forces", "private_military_company"]})
    fig = reported_killings_map(events, places, actors, title="T")
    drawn = {t.name: t.text for t in fig.data if t.mode == "markers+text"}
    assert drawn == {"Malian army or foreign forces": ("Moura 2022",), "Militias": ("Ogossagou 2019",),
                     "Not attributed in the course data": ("Sobane Da 2019",)}  # no coordinates, no marker
    hover = next(t for t in fig.data if t.name == "Militias").hovertext[0]
    assert "157 to 160" in hover


def test_base_closures_map_labels_each_camp_with_its_date_and_keeps_undated_camps_apart():
    places = load("places")
    fig = base_closures_map(places, load("sources"))
    drawn = [t for t in fig.data if t.mode == "markers+text"]
    camps = places[places["is_minusma_base"].fillna(False).astype(bool)].dropna(subset=["lat", "lon"])
    assert sum(len(t.x) for t in drawn) == len(camps)
    ber = next(t for t in drawn if any(str(x).startswith("Ber,") for x in t.text))
    assert ber.name == "Closed July to September 2023"
    assert "13 August 2023" in ber.hovertext[list(ber.text).index("Ber, 13 Aug")]
    assert len({(t.marker.symbol, t.marker.color) for t in drawn}) == len(drawn)


def test_presence_map_draws_only_documented_places_and_names_the_source():
    presence = pd.DataFrame({"actor_id": ["jnim", "jnim", "isgs"], "place_id": ["timbuktu", "nowhere", "menaka"],
                             "kind": ["blockade", "attack", "attack"],
                             "date": pd.to_datetime(["2023-08-08", "2024-01-01", "2022-03-08"]),
                             "summary": ["Blockade.", "Attack.", "Attacks."], "source_ids": [["a"], ["a"], ["b"]]})
    places = pd.DataFrame({"place_id": ["timbuktu", "menaka", "nowhere"], "name": ["Timbuktu", "Ménaka", "Nowhere"],
                           "lat": [16.77, 16.58, None], "lon": [-3.0, 2.83, None]})
    actors = pd.DataFrame({"actor_id": ["jnim", "isgs"], "name": ["JNIM", "IS Sahel"]})
    sources = pd.DataFrame({"source_id": ["a", "b"], "publisher": ["UN Panel", "HRW"]})
    fig = presence_map(presence, places, actors, sources, title="T")
    markers = {t.name: t for t in fig.data if t.mode == "markers"}
    assert set(markers) == {"JNIM", "IS Sahel"} and len(markers["JNIM"].x) == 1
    assert "UN Panel" in markers["JNIM"].hovertext[0] and "8 August 2023" in markers["JNIM"].hovertext[0]
