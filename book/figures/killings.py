"""A map of reported killings of civilians: one marker per event at its place. Its shape and colour
tell to whom the sources attribute it (the events table's ``alleged_perpetrator_ids``); its hover
gives the date, the range of reported deaths and the sources. Counts are ranges, never a single
figure, and an event whose place has no sourced coordinates is left off the map (it stays in the
table).
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from book.figures.base import cited, content_note, deaths_hover, long_date, publishers, require_rows
from book.figures.maps import country_shapes, map_layout, outline_traces
from book.figures.timeline import _wrap

ATTRIBUTIONS: dict[str, tuple[str, str, str]] = {
    # group: (legend label, colour, marker symbol)
    "state": ("Malian army or foreign forces", "#0072B2", "square"),
    "militia": ("Militias", "#D55E00", "diamond"),
    "jihadist": ("Jihadist groups", "#009E73", "triangle-up"),
    "several": ("Several parties", "#CC79A7", "star"),
    "unattributed": ("Not attributed in the course data", "#808080", "circle"),
}
STATE_TYPES = {"armed_forces", "military_operation", "private_military_company", "state", "government"}
CENTRAL_MALI = (-7.5, -0.5, 12.5, 16.5)  # lon min, lon max, lat min, lat max: Ségou and Mopti regions


def attribution(actor_ids: list[str], types: dict[str, str]) -> str:
    """To whom the sources attribute an event, from the types of its alleged perpetrators.

    >>> types = {"fama": "armed_forces", "wagner": "private_military_company", "dozo": "militia",
    ...          "jnim": "jihadist_group"}
    >>> attribution(["fama", "wagner"], types), attribution(["dozo"], types), attribution([], types)
    ('state', 'militia', 'unattributed')
    >>> attribution(["fama", "dozo"], types)
    'several'
    """
    groups = set()
    for actor in actor_ids or []:
        kind = types.get(actor, "")
        if kind in STATE_TYPES:
            groups.add("state")
        elif kind == "militia":
            groups.add("militia")
        elif kind == "jihadist_group":
            groups.add("jihadist")
    if not groups:
        return "unattributed"
    return groups.pop() if len(groups) == 1 else "several"


def deaths_text(low: Any, high: Any) -> str:
    """A reported death toll as the course states it: a range, or "at least" a number.

    >>> deaths_text(35, 39), deaths_text(157, 157), deaths_text(58, None), deaths_text(None, None)
    ('35 to 39', '157', 'at least 58', 'not given in the course data')
    """
    if low is None or pd.isna(low):
        return "not given in the course data"
    if high is None or pd.isna(high):
        return f"at least {int(low):,}"
    return f"{int(low):,}" if int(low) == int(high) else f"{int(low):,} to {int(high):,}"


def reported_killings_map(events: pd.DataFrame, places: pd.DataFrame, actors: pd.DataFrame,
                          sources: pd.DataFrame | None = None, *, title: str,
                          bounds: tuple[float, float, float, float] = CENTRAL_MALI) -> go.Figure:
    """Each event at its first place with coordinates; a label gives the place and year.

    >>> ev = pd.DataFrame({"event_id": ["e"], "date": pd.to_datetime(["2019-03-23"]), "title": ["Attack"],
    ...     "summary": ["Villagers killed."], "alleged_perpetrator_ids": [["dozo"]], "place_ids": [["ogossagou"]],
    ...     "deaths_low": [157], "deaths_high": [160], "deaths_claims": ["UN: 157"], "source_ids": [["s"]]})
    >>> pl = pd.DataFrame({"place_id": ["ogossagou"], "name": ["Ogossagou"], "lat": [14.18], "lon": [-3.59]})
    >>> ac = pd.DataFrame({"actor_id": ["dozo"], "type": ["militia"]})
    >>> fig = reported_killings_map(ev, pl, ac, title="T")
    >>> trace = fig.data[-1]
    >>> trace.name, trace.text
    ('Militias', ('Ogossagou 2019',))
    """
    require_rows(events, "events", ["event_id", "date", "title", "alleged_perpetrator_ids", "place_ids",
                                    "deaths_low", "deaths_high", "source_ids"])
    located = places.dropna(subset=["lat", "lon"]).set_index("place_id")
    types = dict(zip(actors["actor_id"], actors["type"].astype(str), strict=True))
    by_id = publishers(sources)
    rows = []
    for _, event in events.sort_values("date").iterrows():
        place = next((p for p in (event["place_ids"] or []) if p in located.index), None)
        if place is None:
            continue
        group = attribution(event["alleged_perpetrator_ids"], types)
        deaths = deaths_hover(event["deaths_low"], event["deaths_high"], event.get("deaths_claims"), _wrap)
        note = content_note(event["title"], event.get("summary"))
        hover = ((f"<i>{html.escape(note)}</i><br>" if note else "")
                 + f"<b>{long_date(event['date'])}: {html.escape(str(located.loc[place, 'name']))}</b>"
                 f"<br>{_wrap(event['title'])}{deaths or '<br>Reported deaths: not given in the course data'}"
                 f"<br>Attributed to: {ATTRIBUTIONS[group][0].lower()}"
                 f"<br><i>{cited(event['source_ids'], by_id)}</i>")
        rows.append({"group": group, "lon": float(located.loc[place, "lon"]), "lat": float(located.loc[place, "lat"]),
                     "label": f"{located.loc[place, 'name']} {event['date'].year}", "hover": hover})
    frame = pd.DataFrame(rows, columns=["group", "lon", "lat", "label", "hover"])
    traces: list[go.Scatter] = outline_traces(country_shapes())
    for group, (label, colour, symbol) in ATTRIBUTIONS.items():
        own = frame[frame["group"] == group]
        if own.empty:
            continue
        traces.append(go.Scatter(
            x=own["lon"].tolist(), y=own["lat"].tolist(), mode="markers+text", name=label,
            text=[html.escape(t) for t in own["label"]], textposition="top center", textfont={"size": 10},
            hovertext=own["hover"].tolist(), hoverinfo="text",
            marker={"symbol": symbol, "size": 12, "color": colour, "line": {"width": 1, "color": "#1a1a1a"}},
        ))
    fig = go.Figure(traces)
    fig.update_layout(**map_layout(title, bounds, 560))
    return fig

