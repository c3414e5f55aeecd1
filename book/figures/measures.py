"""Counting measures and reading indicators: the sanctions by kind and by who imposed them, and an
economic indicator as each claimant reports it, around the time of the sanctions.

Colour is never the only signal: every kind of measure also has its own fill pattern, and every
claimant its own marker shape.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from book.figures.base import base_layout, cited, publishers, require_rows
from book.figures.palette import NEUTRAL, SERIES_COLOURS

PATTERNS = ("", "/", "x", ".", "\\", "-", "|")  # 7 patterns with 8 colours: 56 distinct pairs
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "hexagon")
KIND_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999", "#F0E442")


def measure_label(measure: str) -> str:
    """A measure kind as words.

    >>> measure_label("border_closure")
    'border closure'
    """
    return str(measure).replace("_", " ")


def measure_counts(sanctions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """How many measures of each kind each imposer took: one row per imposer, one column per kind,
    imposers with the most measures first.

    >>> s = pd.DataFrame({"imposer_id": ["ecowas", "ecowas", "united-states"],
    ...                   "measure": ["suspension", "border_closure", "visa_restriction"]})
    >>> a = pd.DataFrame({"actor_id": ["ecowas", "united-states"], "name": ["ECOWAS", "United States"]})
    >>> measure_counts(s, a).loc["ECOWAS"].to_dict()
    {'border_closure': 1, 'suspension': 1, 'visa_restriction': 0}
    """
    require_rows(sanctions, "sanctions", ["imposer_id", "measure"])
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    table = pd.crosstab(sanctions["imposer_id"].map(lambda i: names.get(i, i)), sanctions["measure"].astype(str))
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table.index.name, table.columns.name = "imposer", None
    return table


def measures_by_kind(sanctions: pd.DataFrame, actors: pd.DataFrame, *,
                     title: str = "Measures against Mali and Malian officials, by kind and by who imposed them"
                     ) -> go.Figure:
    """Horizontal stacked bars: one bar per imposer, one segment per kind of measure (colour and
    pattern), so that who relied on which tool shows at a glance.

    >>> s = pd.DataFrame({"imposer_id": ["ecowas", "ecowas", "european-union"],
    ...                   "measure": ["suspension", "border_closure", "asset_freeze"]})
    >>> a = pd.DataFrame({"actor_id": ["ecowas", "european-union"], "name": ["ECOWAS", "European Union"]})
    >>> fig = measures_by_kind(s, a)
    >>> [t.name for t in fig.data]
    ['asset freeze', 'border closure', 'suspension']
    >>> fig.data[1].x, fig.data[1].y
    ((1, 0), ('ECOWAS', 'European Union'))
    """
    counts = measure_counts(sanctions, actors)
    return stacked_bars(counts, title=title, axis="Number of measures (rows of the sanctions table)",
                        name=measure_label)


def stacked_bars(counts: pd.DataFrame, *, title: str, axis: str, name: Any = str) -> go.Figure:
    """Horizontal stacked bars from a table of counts: one bar per row (in the table's order, top
    first), one segment per column, told apart by colour and by fill pattern. ``name`` turns a
    column into its legend label.

    >>> fig = stacked_bars(pd.DataFrame({"yes": [2, 0], "no": [1, 3]}, index=["A", "B"]), title="T", axis="n")
    >>> [(t.name, t.x) for t in fig.data]
    [('yes', (2, 0)), ('no', (1, 3))]
    """
    traces = []
    for i, column in enumerate(counts.columns):
        label = name(column)
        traces.append(go.Bar(
            x=[int(v) for v in counts[column]], y=[str(r) for r in counts.index], orientation="h", name=label,
            marker={"color": KIND_COLOURS[i % len(KIND_COLOURS)],
                    "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "fgcolor": "#1a1a1a", "solidity": 0.3},
                    "line": {"color": "#1a1a1a", "width": 0.5}},
            hovertemplate=f"<b>%{{y}}</b><br>{html.escape(label)}: %{{x}}<extra></extra>",
        ))
    fig = go.Figure(traces)
    fig.update_layout(**base_layout(
        title, barmode="stack", height=max(320, 44 * len(counts) + 200),
        xaxis={"title": {"text": axis}, "dtick": 1, "fixedrange": True},
        yaxis={"autorange": "reversed", "fixedrange": True, "title": {"text": ""}},
        legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0, "traceorder": "normal"},
    ))
    return fig


def indicator_by_claimant(indicators: pd.DataFrame, indicator: str, sources: pd.DataFrame | None = None, *,
                          title: str, main: str, axis: str, shade: tuple[str, str, str] | None = None
                          ) -> go.Figure:
    """One indicator by year: the ``main`` claimant's series as a line, every other claimant's
    figures as markers of their own shape on the same years, so that disagreement is visible.
    ``shade`` (start, end, label) marks a period, such as the months a sanction was in force.

    >>> ind = pd.DataFrame({"indicator": ["cpi"] * 3, "year": [2021, 2022, 2022], "value": [3.9, 9.7, 10.0],
    ...     "unit": ["percent"] * 3, "claimant": ["BCEAO", "BCEAO", "IMF"], "source_ids": [["a"], ["b"], ["c"]],
    ...     "note": ["", "", ""]})
    >>> fig = indicator_by_claimant(ind, "cpi", title="T", main="BCEAO", axis="%")
    >>> [(t.name, t.x, t.y) for t in fig.data]
    [('BCEAO', (2021.0, 2022.0), (3.9, 9.7)), ('IMF', (2022.0,), (10.0,))]
    """
    require_rows(indicators, "indicators", ["indicator", "year", "value", "claimant", "source_ids"])
    rows = indicators[indicators["indicator"] == indicator].sort_values(["year", "claimant"])
    if rows.empty:
        raise ValueError(f"No rows for the indicator {indicator!r}; the indicators are: "
                         f"{', '.join(sorted(indicators['indicator'].unique()))}")
    claimants = [main, *sorted(c for c in rows["claimant"].unique() if c != main)]
    if main not in set(rows["claimant"]):
        raise ValueError(f"{main!r} reports no figure for {indicator!r}")
    by_id = publishers(sources)

    def hover(r: Any) -> str:
        note = f"<br>{html.escape(str(r['note']))}" if pd.notna(r.get("note")) and r.get("note") else ""
        where = cited(r["source_ids"], by_id)
        return f"<b>{r['claimant']}, {int(r['year'])}</b>: {r['value']:g}{note}<br><i>{where}</i>"

    traces = []
    others = len(claimants) - 1
    for i, claimant in enumerate(claimants):
        own = rows[rows["claimant"] == claimant]
        is_main = claimant == main
        # other claimants sit side by side around the year, so that equal figures do not hide each other
        offset = 0.0 if is_main else round(0.08 * (i - (others + 1) / 2), 3)
        traces.append(go.Scatter(
            x=[int(y) + offset for y in own["year"]], y=[float(v) for v in own["value"]], name=str(claimant),
            mode="lines+markers" if is_main else "markers",
            line={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "width": 2.5},
            marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 10 if is_main else 12,
                    "color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "line": {"width": 1, "color": "#1a1a1a"}},
            customdata=[hover(r) for _, r in own.iterrows()], hovertemplate="%{customdata}<extra></extra>",
        ))
    fig = go.Figure(traces)
    layout = base_layout(
        title, xaxis={"title": {"text": "Year"}, "dtick": 1, "fixedrange": True},
        yaxis={"title": {"text": axis}, "fixedrange": True, "zeroline": True, "zerolinecolor": NEUTRAL},
        hovermode="closest",
    )
    if shade:
        start, end, label = shade
        x0 = pd.Timestamp(start).year + (pd.Timestamp(start).day_of_year - 1) / 365 - 0.5
        x1 = pd.Timestamp(end).year + (pd.Timestamp(end).day_of_year - 1) / 365 - 0.5
        layout["shapes"] = [{"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
                             "fillcolor": "rgba(128,128,128,0.18)", "line": {"width": 0}, "layer": "below"}]
        layout["annotations"] = [{"x": (x0 + x1) / 2, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom",
                                  "text": html.escape(label), "showarrow": False, "font": {"size": 11}}]
    fig.update_layout(**layout)
    return fig
