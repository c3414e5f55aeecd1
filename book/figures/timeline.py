"""Interactive timelines: events in lanes, Security Council mandates, sanctions in force.

Every control here (theme menu, actor menu, range slider) is Plotly's own, so it works in the
static site without a kernel.
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from book.figures.base import base_layout, cited, content_note, deaths_hover, iso, long_date, publishers, require_rows
from book.figures.palette import THEME_STYLE, theme_colour, theme_symbol

PERIOD_OFFSETS = (0.2, 0.3, 0.4)  # overlapping periods of one theme are staggered above its lane


def _wrap(text: str, width: int = 60) -> str:
    """Escape and wrap text for a hover label.

    >>> _wrap("a <b> c", 3)
    'a<br>&lt;b&gt;<br>c'
    """
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width)) if text else ""


def _hover(row: pd.Series, by_id: dict[str, str]) -> str:
    when = long_date(row["date"])
    if pd.notna(row.get("end_date")):
        when += f" – {long_date(row['end_date'])}"
    deaths = deaths_hover(row.get("deaths_low"), row.get("deaths_high"), row.get("deaths_claims"), _wrap)
    note = content_note(row["title"], row["summary"])
    note = f"<i>{html.escape(note)}</i><br>" if note else ""
    return (f"{note}<b>{when}</b><br>{_wrap(row['title'])}<br>{_wrap(row['summary'])}{deaths}"
            f"<br><i>{cited(row['source_ids'], by_id)}</i>")


def _place_in_lanes(events: pd.DataFrame, by: str, themes: list[str],
                    actors: list[tuple[str, str]] | None) -> tuple[pd.DataFrame, list[str]]:
    """Give each event the lane(s) it is drawn in; return the placed rows and the lane labels.

    By theme, an event has one lane. By actor, it has a lane for each chosen actor involved.
    """
    if by == "theme":
        placed = events[events["theme"].isin(themes)]
        placed = placed.assign(lane=[themes.index(str(t)) for t in placed["theme"]])
        return placed, [t.capitalize() for t in themes]
    if by != "actor":
        raise ValueError(f"Lanes are by 'theme' or by 'actor', not {by!r}")
    if not actors:
        raise ValueError("Lanes by actor need the actors to show: actors=[(id, label), ...]")
    order = [a for a, _ in actors]
    placed = events[events["theme"].isin(themes)].assign(lane_actor=events["actor_ids"]).explode("lane_actor")
    placed = placed[placed["lane_actor"].isin(order)]
    placed = placed.assign(lane=[order.index(a) for a in placed["lane_actor"]])
    return placed, [label for _, label in actors]


def event_timeline(events: pd.DataFrame, sources: pd.DataFrame | None = None, *,
                   title: str = "Events of the Sahel crisis", themes: list[str] | None = None,
                   actors: list[tuple[str, str]] | None = None, by: str = "theme",
                   window: tuple[str, str] | None = None) -> go.Figure:
    """Events in lanes by theme (or by actor, ``by="actor"``), periods as spans just above their
    lane, with a theme menu, an actor menu (Plotly's own controls, which work without a kernel) and
    a range slider. Colour and marker shape always tell the theme.

    ``actors`` is a list of (actor id, label): the actor menu's entries, or the lanes by actor.
    ``window`` (start, end) is the date range shown at first; periods that run beyond it stay in the
    range slider, where the reader can widen the view.

    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2013-04-25", "2013-07-01"]),
    ...     "end_date": [pd.NaT, pd.Timestamp("2023-12-31")], "kind": ["event", "period"],
    ...     "title": ["Resolution 2100", "MINUSMA deployed"], "summary": ["s", "s"],
    ...     "theme": ["mandate", "mandate"], "actor_ids": [["minusma"], ["minusma"]],
    ...     "source_ids": [["a"], ["b"]]})
    >>> fig = event_timeline(ev)
    >>> [t.name for t in fig.data]
    ['mandate', 'mandate (periods)']
    >>> event_timeline(ev, by="actor", actors=[("minusma", "MINUSMA")]).layout.yaxis.ticktext
    ('MINUSMA',)
    >>> event_timeline(ev, window=("2013-01-01", "2013-12-31")).layout.xaxis.range
    ('2013-01-01', '2013-12-31')
    """
    require_rows(events, "events", ["date", "end_date", "kind", "title", "summary", "theme",
                                    "actor_ids", "source_ids"])
    present = [t for t in THEME_STYLE if (events["theme"] == t).any()]
    themes = themes or present
    unknown = [t for t in themes if t not in THEME_STYLE]
    if unknown:
        raise ValueError(f"Unknown theme(s) {', '.join(unknown)}; the themes are: {', '.join(THEME_STYLE)}")
    placed, lane_labels = _place_in_lanes(events, by, themes, actors)
    require_rows(placed, "events in the chosen lanes", [])
    by_id = publishers(sources)
    traces: list[go.Scatter] = []
    trace_rows: list[pd.DataFrame] = []
    for theme in themes:
        rows = placed[placed["theme"] == theme]
        points = rows[rows["kind"] == "event"].sort_values("date")
        spans = rows[rows["kind"] == "period"].sort_values("date")
        colour, symbol = theme_colour(theme), theme_symbol(theme)
        if len(points):
            traces.append(go.Scatter(
                x=[iso(d) for d in points["date"]], y=points["lane"].tolist(), mode="markers",
                name=theme, legendgroup=theme, showlegend=by == "actor",
                marker={"color": colour, "symbol": symbol, "size": 11, "line": {"width": 1, "color": "#333"}},
                hovertext=[_hover(r, by_id) for _, r in points.iterrows()], hoverinfo="text",
                unselected={"marker": {"opacity": 0.12}},
            ))
            trace_rows.append(points)
        if len(spans):
            xs: list[Any] = []
            ys: list[Any] = []
            hover: list[Any] = []
            for k, (_, r) in enumerate(spans.iterrows()):
                end = r["end_date"] if pd.notna(r["end_date"]) else r["date"]
                level = r["lane"] + PERIOD_OFFSETS[k % len(PERIOD_OFFSETS)]
                xs += [iso(r["date"]), iso(end), None]
                ys += [level, level, None]
                hover += [_hover(r, by_id)] * 2 + [None]
            traces.append(go.Scatter(
                x=xs, y=ys, mode="lines+markers",
                name=f"{theme} (periods)", legendgroup=theme, showlegend=False,
                line={"color": colour, "width": 5}, marker={"color": colour, "symbol": "line-ns", "size": 10,
                                                            "line": {"width": 2, "color": colour}},
                hovertext=hover, hoverinfo="text", connectgaps=False,
                unselected={"marker": {"opacity": 0.12}},
            ))
            trace_rows.append(spans)
    fig = go.Figure(traces)
    fig.update_layout(**base_layout(
        title,
        height=160 + 48 * len(lane_labels),
        xaxis={"title": {"text": "Date"}, "type": "date", "rangeslider": {"visible": True, "thickness": 0.08}},
        yaxis={"title": {"text": by.capitalize()}, "tickmode": "array", "tickvals": list(range(len(lane_labels))),
               "ticktext": lane_labels, "range": [-0.6, len(lane_labels) - 0.3], "fixedrange": True},
        updatemenus=_menus(traces, trace_rows, themes, actors),
        margin={"l": 10, "r": 10, "t": 100, "b": 40},
        showlegend=by == "actor",
    ))
    if by == "actor":  # the theme legend goes below the range slider and the axis title, not over them
        fig.update_layout(legend={"y": -0.3}, margin={"b": 110}, height=fig.layout.height + 70)
    if window:
        fig.update_xaxes(range=list(window))
    return fig


def _menus(traces: list[go.Scatter], trace_rows: list[pd.DataFrame], themes: list[str],
           actors: list[tuple[str, str]] | None) -> list[dict[str, Any]]:
    """A theme menu (shows one theme's traces) and, given actors, an actor menu (highlights the
    points of one actor, dimming the rest)."""
    names = [t.name for t in traces]
    buttons = [{"label": "All themes", "method": "restyle", "args": [{"visible": [True] * len(traces)}]}]
    for theme in themes:
        visible = [n in (theme, f"{theme} (periods)") for n in names]
        buttons.append({"label": theme.capitalize(), "method": "restyle", "args": [{"visible": visible}]})
    menus: list[dict[str, Any]] = [{
        "type": "dropdown", "direction": "down", "showactive": True, "buttons": buttons,
        "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom", "font": {"size": 12},
    }]
    if actors:
        options = [{"label": "All actors", "method": "restyle",
                    "args": [{"selectedpoints": [None] * len(traces)}]}]
        for actor_id, label in actors:
            selected = []
            for t, rows in zip(traces, trace_rows, strict=True):
                flags = [actor_id in ids for ids in rows["actor_ids"]]
                if t.mode == "markers":
                    selected.append([i for i, f in enumerate(flags) if f])
                else:  # a span trace has three points per period
                    selected.append([3 * i + k for i, f in enumerate(flags) if f for k in (0, 1)])
            options.append({"label": label, "method": "restyle", "args": [{"selectedpoints": selected}]})
        menus.append({"type": "dropdown", "direction": "down", "buttons": options, "x": 0.32, "xanchor": "left",
                      "y": 1.02, "yanchor": "bottom", "showactive": True, "font": {"size": 12}})
    return menus


def mandate_timeline(resolutions: pd.DataFrame, *, title: str = "MINUSMA's mandate, resolution by resolution"
                     ) -> go.Figure:
    """Each resolution that set MINUSMA's mandate, as a span from adoption to the mandate's end,
    with its ceilings and what it decided in the hover.

    >>> res = pd.DataFrame({"resolution": [2100], "symbol": ["S/RES/2100 (2013)"],
    ...     "adopted": pd.to_datetime(["2013-04-25"]), "mandate_end": pd.to_datetime(["2014-06-30"]),
    ...     "topic": ["mandate"], "summary": ["Creates MINUSMA."],
    ...     "military_ceiling": pd.array([11200], dtype="Int64"),
    ...     "police_ceiling": pd.array([1440], dtype="Int64")})
    >>> mandate_timeline(res).data[0].y
    ('S/RES/2100 (2013)', 'S/RES/2100 (2013)', None)
    """
    require_rows(resolutions, "resolutions", ["resolution", "symbol", "adopted", "mandate_end", "topic",
                                              "summary", "military_ceiling", "police_ceiling"])
    rows = resolutions[resolutions["topic"].isin(["mandate", "withdrawal"]) & resolutions["mandate_end"].notna()]
    require_rows(rows, "mandate resolutions", [])
    rows = rows.sort_values("adopted")
    xs: list[Any] = []
    ys: list[Any] = []
    hover: list[Any] = []
    for _, r in rows.iterrows():
        ceilings = []
        if pd.notna(r["military_ceiling"]):
            ceilings.append(f"{int(r['military_ceiling']):,} military")
        if pd.notna(r["police_ceiling"]):
            ceilings.append(f"{int(r['police_ceiling']):,} police")
        text = (f"<b>{html.escape(r['symbol'])}</b>, adopted {long_date(r['adopted'])}"
                f"<br>Mandate to {long_date(r['mandate_end'])}"
                f"<br>Authorised ceiling: {', '.join(ceilings) if ceilings else 'not set in this resolution'}"
                f"<br>{_wrap(r['summary'])}")
        xs += [iso(r["adopted"]), iso(r["mandate_end"]), None]
        ys += [r["symbol"], r["symbol"], None]
        hover += [text, text, None]
    fig = go.Figure(go.Scatter(
        x=xs, y=ys, mode="lines+markers", name="Mandate period", connectgaps=False,
        line={"color": theme_colour("mandate"), "width": 9},
        marker={"symbol": "line-ns", "size": 14, "line": {"width": 2, "color": theme_colour("mandate")}},
        hovertext=hover, hoverinfo="text",
    ))
    fig.update_layout(**base_layout(
        title, height=140 + 30 * len(rows), showlegend=False,
        xaxis={"title": {"text": "Date"}, "type": "date"},
        yaxis={"title": {"text": "Resolution"}, "autorange": "reversed", "type": "category",
               "fixedrange": True},
    ))
    return fig


def sanctions_timeline(sanctions: pd.DataFrame, actors: pd.DataFrame, *, until: str,
                       title: str = "Sanctions on Mali and Malian officials") -> go.Figure:
    """Who sanctioned whom, from when to when: one lane per imposer, one span per measure; a measure
    still in force (no lift date) runs to ``until`` and says so; one with no sourced start date is
    left out (it stays in the table).

    >>> s = pd.DataFrame({"sanction_id": ["x"], "imposer_id": ["ecowas"], "target": ["Mali"],
    ...     "measure": ["border_closure"], "imposed": pd.to_datetime(["2022-01-09"]),
    ...     "lifted": pd.to_datetime(["2022-07-03"]), "summary": ["Borders closed."], "legal_basis": [None]})
    >>> a = pd.DataFrame({"actor_id": ["ecowas"], "name": ["ECOWAS"]})
    >>> sanctions_timeline(s, a, until="2026-11-28").data[0].name
    'border closure'
    """
    require_rows(sanctions, "sanctions", ["imposer_id", "target", "measure", "imposed", "lifted", "summary"])
    sanctions = sanctions.dropna(subset=["imposed"])  # a measure with no sourced start cannot be drawn
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    measures = list(dict.fromkeys(sanctions.sort_values("measure")["measure"]))
    palette = list(THEME_STYLE.values())
    traces = []
    for i, measure in enumerate(measures):
        rows = sanctions[sanctions["measure"] == measure].sort_values("imposed")
        xs: list[Any] = []
        ys: list[Any] = []
        hover: list[Any] = []
        for _, r in rows.iterrows():
            in_force = pd.isna(r["lifted"])
            end = pd.Timestamp(until) if in_force else r["lifted"]
            imposer = names.get(r["imposer_id"], r["imposer_id"])
            text = (f"<b>{html.escape(imposer)}: {html.escape(str(measure).replace('_', ' '))}</b>"
                    f"<br>On: {_wrap(r['target'])}<br>From {long_date(r['imposed'])} to "
                    f"{'no lifting recorded' if in_force else long_date(r['lifted'])}<br>{_wrap(r['summary'])}")
            xs += [iso(r["imposed"]), iso(end), None]
            ys += [imposer, imposer, None]
            hover += [text, text, None]
        colour, symbol = palette[i % len(palette)]
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=str(measure).replace("_", " "), connectgaps=False,
            line={"color": colour, "width": 7}, marker={"symbol": symbol, "size": 10, "color": colour},
            hovertext=hover, hoverinfo="text",
        ))
    fig = go.Figure(traces)
    lanes = sorted({names.get(i, i) for i in sanctions["imposer_id"]})
    fig.update_layout(**base_layout(
        title, height=200 + 40 * len(lanes),
        xaxis={"title": {"text": "Date"}, "type": "date"},
        yaxis={"title": {"text": "Imposed by"}, "type": "category", "fixedrange": True},
    ))
    return fig
