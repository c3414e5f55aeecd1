"""Charts of numbers: MINUSMA's authorised ceilings against its deployed strength, its budget and
its fatalities. A year with no sourced figure is drawn as a gap, never filled in."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from book.figures.base import base_layout, cited, long_date, publishers, require_rows
from book.figures.palette import SERIES_COLOURS

MEASURES: dict[str, tuple[str, str]] = {
    # column: (label, axis title)
    "authorised_uniformed": ("Authorised ceiling (military + police)", "Uniformed personnel"),
    "military_ceiling": ("Authorised military ceiling", "Personnel"),
    "police_ceiling": ("Authorised police ceiling", "Personnel"),
    "deployed_uniformed": ("Deployed uniformed personnel", "Uniformed personnel"),
    "budget_usd": ("Approved budget (US dollars)", "US dollars"),
    "fatalities_total": ("Fatalities, all causes", "Deaths"),
    "fatalities_malicious": ("Fatalities from malicious acts", "Deaths"),
}
SYMBOLS = ("circle", "square", "diamond", "triangle-up")
DASHES = ("solid", "dash", "dot", "dashdot")


def _values(series: pd.Series) -> list[Any]:
    return [None if pd.isna(v) else float(v) for v in series]


def yearly_lines(yearly: pd.DataFrame, columns: list[str], *, title: str,
                 hover_notes: dict[str, list[str]] | None = None) -> go.Figure:
    """Lines of yearly figures, one per column, each with its own marker and dash so that colour is
    not the only way to tell them apart; missing years are gaps.

    ``authorised_uniformed`` is computed as military + police ceilings where both are known.

    >>> y = pd.DataFrame({"year": [2013, 2014], "military_ceiling": pd.array([11200, None], dtype="Int64"),
    ...                   "police_ceiling": pd.array([1440, 1440], dtype="Int64")})
    >>> yearly_lines(y, ["authorised_uniformed"], title="T").data[0].y
    (12640.0, None)
    """
    require_rows(yearly, "yearly figures", ["year"])
    frame = yearly.sort_values("year").copy()
    if "authorised_uniformed" in columns:
        require_rows(frame, "yearly figures", ["military_ceiling", "police_ceiling"])
        frame["authorised_uniformed"] = frame["military_ceiling"] + frame["police_ceiling"]
    unknown = [c for c in columns if c not in MEASURES]
    if unknown:
        raise ValueError(f"Unknown measure(s) {', '.join(unknown)}; the measures are: {', '.join(MEASURES)}")
    require_rows(frame, "yearly figures", columns)
    traces = []
    for i, column in enumerate(columns):
        label = MEASURES[column][0]
        notes = (hover_notes or {}).get(column, [""] * len(frame))
        traces.append(go.Scatter(
            x=frame["year"].astype(int).tolist(), y=_values(frame[column]), name=label, mode="lines+markers",
            connectgaps=False,
            line={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "dash": DASHES[i % len(DASHES)], "width": 2.5},
            marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 9},
            customdata=notes,
            hovertemplate=f"<b>{label}</b><br>%{{x}}: %{{y:,}}<br>%{{customdata}}<extra></extra>",
        ))
    fig = go.Figure(traces)
    fig.update_layout(**base_layout(
        title,
        xaxis={"title": {"text": "Year"}, "dtick": 1, "fixedrange": True},
        yaxis={"title": {"text": MEASURES[columns[0]][1]}, "rangemode": "tozero", "separatethousands": True,
               "fixedrange": True},
        hovermode="closest",
    ))
    return fig


def ceilings_vs_deployed(yearly: pd.DataFrame, sources: pd.DataFrame | None = None, *,
                         title: str = "MINUSMA: authorised ceiling and deployed uniformed personnel") -> go.Figure:
    """The authorised uniformed ceiling against the sourced deployment counts, with each figure's
    date and sources in the hover; a year with no sourced count is a gap.

    >>> y = pd.DataFrame({"year": [2019], "military_ceiling": pd.array([13289], dtype="Int64"),
    ...     "police_ceiling": pd.array([1920], dtype="Int64"), "deployed_uniformed": pd.array([14769], dtype="Int64"),
    ...     "deployed_as_of": pd.to_datetime(["2019-02-28"]), "deployed_source_ids": [["s1"]],
    ...     "ceilings_source_ids": [["s2"]]})
    >>> ceilings_vs_deployed(y).data[1].customdata
    ('Count of 28 February 2019<br>Source: s1',)
    """
    require_rows(yearly, "yearly figures", ["deployed_uniformed", "deployed_as_of", "deployed_source_ids",
                                            "ceilings_source_ids"])
    yearly = yearly.sort_values("year")  # the notes must follow the order yearly_lines draws in
    by_id = publishers(sources)

    def note(count: Any, when: Any, ids: list[str]) -> str:
        if pd.isna(count):
            return "No sourced count for this year"
        dated = "Count of " + long_date(when) if pd.notna(when) else "Count dated to the month or year only"
        return f"{dated}<br>{cited(ids, by_id)}"

    deployed = [note(c, w, ids) for c, w, ids in
                zip(yearly["deployed_uniformed"], yearly["deployed_as_of"], yearly["deployed_source_ids"], strict=True)]
    authorised = [f"Military + police ceilings in force<br>{cited(ids, by_id)}"
                  for ids in yearly["ceilings_source_ids"]]
    return yearly_lines(yearly, ["authorised_uniformed", "deployed_uniformed"], title=title,
                        hover_notes={"authorised_uniformed": authorised, "deployed_uniformed": deployed})


def yearly_bars(yearly: pd.DataFrame, column: str, *, title: str,
                hover_notes: list[str] | None = None) -> go.Figure:
    """One yearly measure as bars (budget, fatalities); a missing year is an empty slot.

    >>> y = pd.DataFrame({"year": [2013, 2014], "budget_usd": pd.array([None, 830], dtype="Int64")})
    >>> yearly_bars(y, "budget_usd", title="T").data[0].y
    (None, 830.0)
    """
    if column not in MEASURES:
        raise ValueError(f"Unknown measure {column!r}; the measures are: {', '.join(MEASURES)}")
    require_rows(yearly, "yearly figures", ["year", column])
    frame = yearly.sort_values("year")
    label, axis = MEASURES[column]
    fig = go.Figure(go.Bar(
        x=frame["year"].astype(int).tolist(), y=_values(frame[column]), name=label,
        marker={"color": SERIES_COLOURS[0]},
        customdata=hover_notes or [""] * len(frame),
        hovertemplate=f"<b>{label}</b><br>%{{x}}: %{{y:,}}<br>%{{customdata}}<extra></extra>",
    ))
    fig.update_layout(**base_layout(
        title, xaxis={"title": {"text": "Year"}, "dtick": 1, "fixedrange": True},
        yaxis={"title": {"text": axis}, "separatethousands": True, "fixedrange": True}, showlegend=False,
    ))
    return fig
