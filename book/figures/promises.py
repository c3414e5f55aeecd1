"""Promised dates against the dates they were made: how a timetable moved.

One row per promise, proposal or demand (``data/transition_timetable.csv``): a hollow circle on the
day it was made, a dotted line to the date it implied, and that date drawn as a mark, or as a bar
when the promise only gave a range. Who made it is told by colour *and* marker shape.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from book.figures.base import base_layout, cited, long_date, publishers, require_rows
from book.figures.palette import NEUTRAL, SERIES_COLOURS
from book.figures.timeline import _wrap

SIDES: dict[str, tuple[str, str, str]] = {
    # side: (legend label, colour, marker symbol)
    "mali": ("Dates set or proposed by Mali's rulers", SERIES_COLOURS[0], "diamond"),
    "ecowas": ("Dates demanded or accepted by ECOWAS", SERIES_COLOURS[1], "square"),
}
PROMISED = {"end_of_transition": "End of the transition", "presidential_election": "Presidential election"}
COLUMNS = ["step_id", "announced", "actor_ids", "label", "instrument", "promised", "target_low", "target_high",
           "target_from", "basis", "outcome", "source_ids"]


def side(actor_ids: list[str]) -> str:
    """Which side made a promise: ECOWAS, or Mali's rulers (everyone else in this table).

    >>> side(["ecowas"]), side(["assimi-goita"])
    ('ecowas', 'mali')
    """
    return "ecowas" if "ecowas" in actor_ids else "mali"


def target_text(low: Any, high: Any, computed: bool = False) -> str:
    """The promised date or range in words.

    >>> target_text(pd.Timestamp("2024-03-26"), pd.Timestamp("2024-03-26"))
    '26 March 2024'
    >>> target_text(pd.Timestamp("2022-06-30"), pd.Timestamp("2026-12-31"), computed=True)
    'between 30 June 2022 and 31 December 2026 (computed from a duration)'
    """
    text = long_date(low) if low == high else f"between {long_date(low)} and {long_date(high)}"
    return text + (" (computed from a duration)" if computed else "")


def _hover(row: pd.Series, by_id: dict[str, str]) -> str:
    target = target_text(row["target_low"], row["target_high"], row["target_from"] == "computed")
    return (f"<b>{long_date(row['announced'])}: {html.escape(str(row['label']))}</b><br>{_wrap(row['instrument'])}"
            f"<br><b>{PROMISED[str(row['promised'])]}:</b> {target}<br>{_wrap(row['basis'])}"
            f"<br><b>What happened:</b> {_wrap(row['outcome'])}<br><i>{cited(row['source_ids'], by_id)}</i>")


def html_label(row: pd.Series) -> str:
    """The row's label on the figure's axis, short enough for a phone: the month it was made, and
    what it promised (the exact day is in the hover and the data table).

    >>> html_label(pd.Series({"announced": pd.Timestamp("2022-06-06"), "label": "Decree: 24 months"}))
    'Jun 2022 · Decree: 24 months'
    """
    return f"{row['announced']:%b %Y} · {row['label']}"


def promised_dates(timetable: pd.DataFrame, sources: pd.DataFrame | None = None, *,
                   title: str = "Mali's transition: when it was promised to end",
                   as_of: str | None = None) -> go.Figure:
    """Each promise on its own line, oldest at the top: made on the day of the hollow circle, for
    the date of the filled mark or bar. ``as_of`` draws a dashed line on the day the data was
    last reviewed, so a reader can see which promised dates have passed.

    >>> t = pd.DataFrame({"step_id": ["a"], "announced": pd.to_datetime(["2020-09-12"]),
    ...     "actor_ids": [["cnsp"]], "label": ["Charter"], "instrument": ["Charter"],
    ...     "promised": ["end_of_transition"], "target_low": pd.to_datetime(["2022-03-15"]),
    ...     "target_high": pd.to_datetime(["2022-03-25"]), "target_from": ["computed"],
    ...     "basis": ["18 months"], "outcome": ["Not met"], "source_ids": [["s1"]]})
    >>> fig = promised_dates(t)
    >>> [trace.name for trace in fig.data]
    [None, 'Day the promise was made', "Dates set or proposed by Mali's rulers"]
    >>> fig.data[2].x
    ('2022-03-15', '2022-03-25', None)
    """
    require_rows(timetable, "transition timetable", COLUMNS)
    rows = timetable.sort_values(["announced", "step_id"]).reset_index(drop=True)
    by_id = publishers(sources)
    labels = [html_label(row) for _, row in rows.iterrows()]
    day = "%Y-%m-%d"

    link_x: list[str | None] = []
    link_y: list[str | None] = []
    for label, (_, row) in zip(labels, rows.iterrows(), strict=True):
        link_x += [row["announced"].strftime(day), row["target_low"].strftime(day), None]
        link_y += [label, label, None]
    traces: list[go.Scatter] = [
        go.Scatter(x=link_x, y=link_y, mode="lines", line={"color": NEUTRAL, "dash": "dot", "width": 1},
                   hoverinfo="skip", showlegend=False),  # from the day a promise was made to its date
        go.Scatter(x=rows["announced"].dt.strftime(day).tolist(), y=labels, mode="markers",
                   name="Day the promise was made",
                   marker={"symbol": "circle-open", "size": 10, "color": NEUTRAL, "line": {"width": 2}},
                   hovertemplate="<b>%{y}</b><extra></extra>"),
    ]
    sides = rows["actor_ids"].map(side)
    for key, (name, colour, symbol) in SIDES.items():
        chosen = rows[sides == key]
        if chosen.empty:
            continue
        xs: list[str | None] = []
        ys: list[str | None] = []
        hovers: list[str | None] = []
        for _, row in chosen.iterrows():
            hover = _hover(row, by_id)
            xs += [row["target_low"].strftime(day), row["target_high"].strftime(day), None]
            ys += [html_label(row)] * 2 + [None]
            hovers += [hover, hover, None]
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=name, customdata=hovers,
            line={"color": colour, "width": 9}, marker={"symbol": symbol, "size": 12, "color": colour},
            hovertemplate="%{customdata}<extra></extra>",
        ))
    fig = go.Figure(traces)
    layout = base_layout(
        title,
        xaxis={"title": {"text": "Date"}, "type": "date", "fixedrange": True,
               "range": [(rows["announced"].min() - pd.Timedelta(days=120)).strftime(day),
                         (rows["target_high"].max() + pd.Timedelta(days=180)).strftime(day)]},
        # The labels are written above their line rather than as tick labels, so that on a phone
        # the plot keeps the full width.
        yaxis={"categoryorder": "array", "categoryarray": labels, "fixedrange": True,
               "showticklabels": False, "title": {"text": ""}, "range": [len(rows) - 0.5, -0.9]},
        hovermode="closest", height=max(380, 54 * len(rows) + 170),
        annotations=[{"x": 0, "xref": "paper", "y": label, "yref": "y", "yshift": 15, "xanchor": "left",
                      "text": html.escape(label), "showarrow": False, "font": {"size": 12}} for label in labels],
    )
    if as_of:
        layout["shapes"] = [{"type": "line", "xref": "x", "yref": "paper", "x0": as_of, "x1": as_of, "y0": 0,
                             "y1": 1, "line": {"color": NEUTRAL, "dash": "dash", "width": 1.5}}]
        layout["annotations"].append({"x": as_of, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom",
                                      "xanchor": "right", "text": f"Reviewed {long_date(pd.Timestamp(as_of))}",
                                      "showarrow": False, "font": {"size": 11}})
    fig.update_layout(**layout)
    return fig
