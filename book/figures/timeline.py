"""Interactive timelines: events in lanes, Security Council mandates, sanctions in force.

An event timeline carries, in ``layout.meta``, each event's id, dates, theme, actors and title, and the
chapter's key events. The course's timeline script (``book/static/timeline-explorer.js``) draws from
them the HTML controls (theme, actor, date range) and the labels of the key events, and opens each
event's card (:mod:`book.figures.cards`), in the static site and in JupyterLab alike. Each point's
``customdata`` is the index of its event in ``layout.meta``.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from book.data import load
from book.figures.base import (
    base_layout,
    cited,
    content_note,
    dated,
    deaths_hover,
    iso,
    long_date,
    publishers,
    require_rows,
)
from book.figures.cards import LIGHT_FIELDS, event_cards, names_of
from book.figures.palette import THEME_STYLE, theme_colour, theme_symbol

PERIOD_OFFSETS = (0.2, 0.3, 0.4)  # overlapping periods of one theme are staggered above its lane


def _wrap(text: str, width: int = 60) -> str:
    """Escape and wrap text for a hover label.

    >>> _wrap("a <b> c", 3)
    'a<br>&lt;b&gt;<br>c'
    """
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width)) if text else ""


def _hover(row: pd.Series, by_id: dict[str, str]) -> str:
    """A point's hover label: the content note where one is due, the date, the title, the death toll
    with its claimants and the sources' publishers. The summary and the sources' links are in the
    event's card, which a click or a tap opens (the figure's caption says so)."""
    when = dated(row["date"], row.get("end_date"), row.get("date_precision"))
    deaths = deaths_hover(row.get("deaths_low"), row.get("deaths_high"), row.get("deaths_claims"), _wrap)
    note = content_note(row["title"], row["summary"])
    note = f"<i>{html.escape(note)}</i><br>" if note else ""
    return f"{note}<b>{when}</b><br>{_wrap(row['title'])}{deaths}<br><i>{cited(row['source_ids'], by_id)}</i>"


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


def _key_events(key_events: Mapping[str, str] | None, placed: pd.DataFrame) -> list[dict[str, str]]:
    """The chapter's key events, to label on the figure; an id that is not drawn is refused."""
    key_events = key_events or {}
    missing = [k for k in key_events if k not in set(placed["event_id"])]
    if missing:
        raise ValueError(f"Key event(s) {', '.join(missing)} are not among the events drawn: check the id and the "
                         "themes shown")
    return [{"id": k, "label": label} for k, label in key_events.items()]


def _actor_choices(placed: pd.DataFrame, actors: list[tuple[str, str]] | None,
                   names: dict[str, str], most: int = 8) -> list[dict[str, str]]:
    """The actor filter's entries: the chapter's actors, or the ``most`` frequent among the events."""
    if actors:
        return [{"value": a, "label": label} for a, label in actors]
    counts = placed["actor_ids"].explode().dropna().value_counts()
    return [{"value": a, "label": names.get(a, a)} for a in counts.index[:most]]


def event_timeline(events: pd.DataFrame, sources: pd.DataFrame | None = None, *,
                   title: str = "Events of the Sahel crisis", themes: list[str] | None = None,
                   actors: list[tuple[str, str]] | None = None, by: str = "theme",
                   window: tuple[str, str] | None = None, key_events: Mapping[str, str] | None = None,
                   actor_table: pd.DataFrame | None = None) -> go.Figure:
    """Events in lanes by theme (or by actor, ``by="actor"``), periods as spans just above their
    lane. Colour and marker shape always tell the theme. Each event has a card
    (:func:`event_cards`) that the course's timeline script shows on a click, a tap or the keyboard,
    with HTML filters by theme, actor and date. There is no Plotly range slider: the HTML "From" and
    "To" fields set the dates by keyboard as well as by mouse, and the slider's second copy of every
    trace cost a third of the figure's drawing time.

    ``actors`` is a list of (actor id, label): the actor filter's entries, or the lanes by actor.
    ``window`` (start, end) is the date range shown at first; the reader widens it with the "From"
    and "To" fields. ``key_events`` maps event ids to the short
    labels the figure writes beside them. ``actor_table`` names the actor filter's entries when
    ``actors`` is not given (the course's actors table by default). ``sources`` names the publishers
    in the hover labels.

    >>> ev = pd.DataFrame({"event_id": ["r2100", "minusma"], "date": pd.to_datetime(["2013-04-25", "2013-07-01"]),
    ...     "end_date": [pd.NaT, pd.Timestamp("2023-12-31")], "kind": ["event", "period"],
    ...     "title": ["Resolution 2100", "MINUSMA deployed"], "summary": ["s", "s"],
    ...     "theme": ["mandate", "mandate"], "actor_ids": [["minusma"], ["minusma"]],
    ...     "source_ids": [["a"], ["b"]]})
    >>> fig = event_timeline(ev, key_events={"r2100": "Resolution 2100"})
    >>> [t.name for t in fig.data], fig.data[0].customdata
    (['mandate', 'mandate (periods)'], ([0],))
    >>> fig.layout.meta["course"]["keyEvents"]
    [{'id': 'r2100', 'label': 'Resolution 2100'}]
    >>> event_timeline(ev, by="actor", actors=[("minusma", "MINUSMA")]).layout.yaxis.ticktext
    ('MINUSMA',)
    >>> event_timeline(ev, window=("2013-01-01", "2013-12-31")).layout.xaxis.range
    ('2013-01-01', '2013-12-31')
    """
    require_rows(events, "events", ["event_id", "date", "end_date", "kind", "title", "summary", "theme",
                                    "actor_ids", "source_ids"])
    present = [t for t in THEME_STYLE if (events["theme"] == t).any()]
    themes = themes or present
    unknown = [t for t in themes if t not in THEME_STYLE]
    if unknown:
        raise ValueError(f"Unknown theme(s) {', '.join(unknown)}; the themes are: {', '.join(THEME_STYLE)}")
    placed, lane_labels = _place_in_lanes(events, by, themes, actors)
    require_rows(placed, "events in the chosen lanes", [])
    by_id = publishers(sources)
    cards = event_cards(events[events["event_id"].isin(set(placed["event_id"]))])
    index = {card["id"]: i for i, card in enumerate(cards["events"])}
    light = [{k: card[k] for k in LIGHT_FIELDS if card[k] is not None} for card in cards["events"]]  # no "end": null
    traces: list[go.Scatter] = []
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
                customdata=[[index[e]] for e in points["event_id"]],
                unselected={"marker": {"opacity": 0.12}},
            ))
        if len(spans):
            xs: list[Any] = []
            ys: list[Any] = []
            hover: list[Any] = []
            custom: list[Any] = []
            for k, (_, r) in enumerate(spans.iterrows()):
                end = r["end_date"] if pd.notna(r["end_date"]) else r["date"]
                level = r["lane"] + PERIOD_OFFSETS[k % len(PERIOD_OFFSETS)]
                xs += [iso(r["date"]), iso(end), None]
                ys += [level, level, None]
                hover += [_hover(r, by_id)] * 2 + [None]
                custom += [[index[r["event_id"]]]] * 2 + [None]
            traces.append(go.Scatter(
                x=xs, y=ys, mode="lines+markers",
                name=f"{theme} (periods)", legendgroup=theme, showlegend=False,
                line={"color": colour, "width": 5}, marker={"color": colour, "symbol": "line-ns", "size": 10,
                                                            "line": {"width": 2, "color": colour}},
                hovertext=hover, hoverinfo="text", connectgaps=False, customdata=custom,
                unselected={"marker": {"opacity": 0.12}},
            ))
    names = names_of(load("actors") if actor_table is None else actor_table, "actor_id")
    meta = {"course": {
        "kind": "event-timeline", "by": by,
        "themes": [{"value": t, "label": t.capitalize()} for t in themes],
        "actors": _actor_choices(placed, actors, names),
        "keyEvents": _key_events(key_events, placed), "events": light,
    }}
    fig = go.Figure(traces)
    fig.update_layout(**base_layout(
        title,
        height=160 + 48 * len(lane_labels),
        xaxis={"title": {"text": "Date"}, "type": "date"},
        yaxis={"title": {"text": by.capitalize()}, "tickmode": "array", "tickvals": list(range(len(lane_labels))),
               "ticktext": lane_labels, "range": [-0.6, len(lane_labels) - 0.3], "fixedrange": True},
        margin={"l": 10, "r": 10, "t": 90 if key_events else 60, "b": 40},
        showlegend=by == "actor", meta=meta,
    ))
    if by == "actor":  # the theme legend at the foot of the figure: Plotly keeps it clear of the axis below the plot
        fig.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom"}, margin={"b": 130},
                          height=fig.layout.height + 70)
    if window:
        fig.update_xaxes(range=list(window))
    return fig


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
