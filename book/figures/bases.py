"""Maps of who was where: MINUSMA's camps with the day each was closed or handed over, and the places
where named sources document an armed group, a force or a base. Every marker is a row of the data
with its sources; nothing is drawn as a zone, because no source the course read draws one.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from book.figures.base import cited, long_date, publishers, require_rows
from book.figures.maps import country_shapes, map_layout, outline_traces
from book.figures.palette import SERIES_COLOURS

WHOLE_REGION = (-13.0, 5.0, 9.5, 25.5)  # lon min, lon max, lat min, lat max: Mali and its borders
PHASES: tuple[tuple[str, str, str, str, str], ...] = (
    # (label, first day, last day, colour, symbol)
    ("Closed July to September 2023", "2023-07-01", "2023-09-30", SERIES_COLOURS[0], "circle"),
    ("Closed October to November 2023", "2023-10-01", "2023-11-30", SERIES_COLOURS[1], "square"),
    ("Closed in December 2023 or later", "2023-12-01", "2030-12-31", SERIES_COLOURS[2], "diamond"),
)
KIND_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "hexagon", "x", "triangle-down")


def closure_phase(closed: object) -> int | None:
    """Which phase of the withdrawal a closing date falls in (0, 1, 2), or None without a date.

    >>> closure_phase(pd.Timestamp("2023-08-13")), closure_phase(pd.Timestamp("2023-12-11")), closure_phase(pd.NaT)
    (0, 2, None)
    """
    if closed is None or pd.isna(closed):
        return None
    day = pd.Timestamp(closed)
    for i, (_, start, end, _, _) in enumerate(PHASES):
        if pd.Timestamp(start) <= day <= pd.Timestamp(end):
            return i
    return None


def base_closures_map(places: pd.DataFrame, sources: pd.DataFrame | None = None, *,
                      title: str = "MINUSMA's camps and the day each was closed or handed over",
                      bounds: tuple[float, float, float, float] = WHOLE_REGION) -> go.Figure:
    """Every MINUSMA camp with coordinates, labelled with its closing date; colour and shape tell the
    phase of the withdrawal. A camp with no sourced closing date is drawn apart and says so.

    >>> p = pd.DataFrame({"place_id": ["ber", "gao"], "name": ["Ber", "Gao"], "is_minusma_base": [True, True],
    ...     "lat": [16.76, 16.27], "lon": [-2.64, -0.05], "closed": pd.to_datetime(["2023-08-13", None]),
    ...     "source_ids": [["s"], ["s"]]})
    >>> fig = base_closures_map(p)
    >>> [(t.name, t.text) for t in fig.data if t.mode == "markers+text"]
    [('Closed July to September 2023', ('Ber, 13 Aug',)), ('No closing date in the course data', ('Gao',))]
    """
    require_rows(places, "places", ["place_id", "name", "is_minusma_base", "lat", "lon", "closed", "source_ids"])
    camps = places[places["is_minusma_base"].fillna(False).astype(bool)].dropna(subset=["lat", "lon"])
    by_id = publishers(sources)
    phase = camps["closed"].map(closure_phase)
    traces: list[go.Scatter] = outline_traces(country_shapes())
    groups = [(label, colour, symbol, camps[phase == i]) for i, (label, _, _, colour, symbol) in enumerate(PHASES)]
    groups.append(("No closing date in the course data", "#808080", "circle-open", camps[phase.isna()]))
    for label, colour, symbol, rows in groups:
        if rows.empty:
            continue
        texts = [name if pd.isna(day) else f"{name}, {day.day} {day:%b}"
                 for name, day in zip(rows["name"], rows["closed"], strict=True)]
        when = ["No closing date in the course data" if pd.isna(day) else f"Closed or handed over: {long_date(day)}"
                for day in rows["closed"]]
        hovers = [f"<b>{html.escape(str(name))}</b><br>{w}<br><i>{cited(ids, by_id)}</i>"
                  for name, w, ids in zip(rows["name"], when, rows["source_ids"], strict=True)]
        edge = colour if symbol.endswith("open") else "#1a1a1a"
        traces.append(go.Scatter(
            x=[float(v) for v in rows["lon"]], y=[float(v) for v in rows["lat"]], mode="markers+text", name=label,
            text=[html.escape(t) for t in texts], textposition="top center", textfont={"size": 10},
            hovertext=hovers, hoverinfo="text",
            marker={"symbol": symbol, "size": 12, "color": colour, "line": {"width": 1.5, "color": edge}},
        ))
    fig = go.Figure(traces)
    fig.update_layout(**map_layout(title, bounds, 600))
    return fig


def presence_map(presence: pd.DataFrame, places: pd.DataFrame, actors: pd.DataFrame,
                 sources: pd.DataFrame | None = None, *, title: str,
                 bounds: tuple[float, float, float, float] = WHOLE_REGION) -> go.Figure:
    """One marker per row of documented presence (an attack, a base, a blockade, control of a
    town), at its place, coloured and shaped by the actor; the hover says what was documented,
    when, and by whom. Rows whose place has no coordinates stay in the table only.

    >>> pr = pd.DataFrame({"actor_id": ["jnim", "isgs"], "place_id": ["timbuktu", "menaka"],
    ...     "kind": ["blockade", "attack"], "date": pd.to_datetime(["2023-08-08", "2022-03-08"]),
    ...     "summary": ["Blockade announced.", "Attacks around Ménaka."], "source_ids": [["s"], ["s"]]})
    >>> pl = pd.DataFrame({"place_id": ["timbuktu", "menaka"], "name": ["Timbuktu", "Ménaka"],
    ...                    "lat": [16.77, 16.58], "lon": [-3.0, 2.83]})
    >>> ac = pd.DataFrame({"actor_id": ["jnim", "isgs"], "name": ["JNIM", "IS Sahel"]})
    >>> [t.name for t in presence_map(pr, pl, ac, title="T").data if t.mode == "markers"]
    ['JNIM', 'IS Sahel']
    """
    require_rows(presence, "presence", ["actor_id", "place_id", "kind", "date", "summary", "source_ids"])
    located = places.dropna(subset=["lat", "lon"]).set_index("place_id")
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    by_id = publishers(sources)
    rows = presence[presence["place_id"].isin(located.index)]
    traces: list[go.Scatter] = outline_traces(country_shapes())
    for i, actor in enumerate(dict.fromkeys(rows["actor_id"])):
        own = rows[rows["actor_id"] == actor]
        hovers = [f"<b>{html.escape(str(names.get(actor, actor)))}: {html.escape(str(kind))}</b>"
                  f"<br>{html.escape(str(located.loc[place, 'name']))}"
                  f"{'' if pd.isna(day) else ', ' + long_date(day)}<br>{html.escape(str(summary))}"
                  f"<br><i>{cited(ids, by_id)}</i>"
                  for place, kind, day, summary, ids in zip(own["place_id"], own["kind"], own["date"], own["summary"],
                                                            own["source_ids"], strict=True)]
        traces.append(go.Scatter(
            x=[float(located.loc[p, "lon"]) for p in own["place_id"]],
            y=[float(located.loc[p, "lat"]) for p in own["place_id"]],
            mode="markers", name=str(names.get(actor, actor)), hovertext=hovers, hoverinfo="text",
            marker={"symbol": KIND_SYMBOLS[i % len(KIND_SYMBOLS)], "size": 11,
                    "color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "line": {"width": 1, "color": "#1a1a1a"}},
        ))
    labelled = located.loc[sorted(set(rows["place_id"]))]
    traces.append(go.Scatter(
        x=[float(v) for v in labelled["lon"]], y=[float(v) for v in labelled["lat"]], mode="text",
        text=[html.escape(str(n)) for n in labelled["name"]], textposition="bottom center", textfont={"size": 10},
        hoverinfo="skip", showlegend=False))
    fig = go.Figure(traces)
    fig.update_layout(**map_layout(title, bounds, 600))
    return fig
