"""Layout shared by every course figure: small, theme-neutral, with a title and labelled axes."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def base_layout(title: str, **extra: Any) -> dict[str, Any]:
    """A layout with the course's look. Colours of text and grid are set by figures.js from the
    reader's light or dark theme, so none are fixed here.

    >>> base_layout("T")["title"]["text"]
    'T'
    """
    if not title:
        raise ValueError("Every figure needs a title.")
    layout: dict[str, Any] = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": {"family": FONT, "size": 13},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        "template": go.layout.Template(),
    }
    layout.update(extra)
    for key in ("xaxis", "yaxis"):
        layout.setdefault(key, {}).setdefault("automargin", True)
    return layout


def require_rows(frame: pd.DataFrame, what: str, columns: list[str]) -> None:
    """Refuse an empty table or one without the columns a figure needs, with a clear message.

    >>> require_rows(pd.DataFrame(), "events", ["date"])
    Traceback (most recent call last):
    ...
    ValueError: The events table is empty: there is nothing to draw.
    """
    if frame is None or len(frame) == 0:
        raise ValueError(f"The {what} table is empty: there is nothing to draw.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"The {what} table lacks the column(s) {', '.join(missing)}.")


def publishers(sources: pd.DataFrame | None) -> dict[str, str]:
    """Source id to publisher, from the sources table (empty without one).

    >>> publishers(pd.DataFrame({"source_id": ["a"], "publisher": ["UN"]}))
    {'a': 'UN'}
    """
    if sources is None:
        return {}
    return dict(zip(sources["source_id"], sources["publisher"], strict=True))


def cited(source_ids: list[str], by_id: dict[str, str]) -> str:
    """A hover line naming the publishers of the given sources, escaped for Plotly's hover text.

    >>> cited(["a", "b", "a"], {"a": "UN", "b": "AT&T"})
    'Source: UN; AT&amp;T'
    >>> cited([], {})
    ''
    """
    if not source_ids:
        return ""
    names = dict.fromkeys(by_id.get(s, s) for s in source_ids)
    return "Source: " + html.escape("; ".join(names))


def iso(value: Any) -> str | None:
    """A date as ISO text, or None for a missing date.

    >>> iso(pd.Timestamp("2013-04-25")), iso(pd.NaT)
    ('2013-04-25', None)
    """
    return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def long_date(value: Any) -> str:
    """A date as the course writes it in prose.

    >>> long_date(pd.Timestamp("2023-06-30"))
    '30 June 2023'
    """
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts:%B %Y}"
