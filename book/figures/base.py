"""Layout shared by every course figure: small, theme-neutral, with a title and labelled axes."""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from book.data.helpers import split_claims

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


PRECISION_NOTE = {"month": "the month is known, not the day", "year": "only the year is known"}


def long_date(value: Any, precision: Any = "day") -> str:
    """A date as the course writes it in prose, to the precision its source gives (``date_precision``
    of a table: day, month or year).

    >>> long_date(pd.Timestamp("2023-06-30")), long_date("2021-12-01", "month"), long_date("2021-01-01", "year")
    ('30 June 2023', 'December 2021', '2021')
    """
    ts = pd.Timestamp(value)
    return {"month": f"{ts:%B %Y}", "year": f"{ts:%Y}"}.get(str(precision), f"{ts.day} {ts:%B %Y}")


def dated(start: Any, end: Any = None, precision: Any = "day") -> str:
    """An event's dates as a reader sees them: the start to its precision, the end if there is one,
    and a note when the day is not known.

    >>> dated("2021-12-01", "2025-06-06", "month")
    'December 2021 – 6 June 2025 (the month is known, not the day)'
    >>> dated("2013-04-25", pd.NaT)
    '25 April 2013'
    """
    text = long_date(start, precision)
    if end is not None and pd.notna(end) and pd.Timestamp(end) != pd.Timestamp(start):
        text += f" – {long_date(end)}"
    note = PRECISION_NOTE.get(str(precision))
    return f"{text} ({note})" if note else text


SENSITIVE = re.compile(r"\b(?:execut(?:e|ed|es|ing|ion|ions)|rap(?:e|ed|es|ing)|sexual\w*|mass graves?|massacre\w*)\b",
                       re.IGNORECASE)
CONTENT_NOTE = "Content note: this item mentions killings of civilians, executions, sexual violence or mass graves."


def content_note(*texts: Any) -> str:
    """The content note a hover opens with when its text describes executions, sexual violence,
    massacres or mass graves; empty otherwise.

    >>> content_note("Villagers summarily executed.").startswith("Content note")
    True
    >>> content_note("A summit in Accra.")
    ''
    """
    return CONTENT_NOTE if any(isinstance(t, str) and SENSITIVE.search(t) for t in texts) else ""


def deaths_hover(low: Any, high: Any, claims: Any, wrap: Any) -> str:
    """Hover lines for a reported death toll: the range, then each count with who gives it and what it
    counts (from ``deaths_claims``), so that no number appears without its claimant.

    >>> deaths_hover(2, 131, "2 soldiers (army); 131 = 84 Wagner and 47 soldiers (CSP)", lambda t: t).split("<br>")
    ['', 'Reported deaths: 2 to 131, from different sources that count different people:', '• 2 soldiers (army)', \
'• 131 = 84 Wagner and 47 soldiers (CSP)']
    >>> deaths_hover(157, 157, "", lambda t: t)
    '<br>Reported deaths: 157'
    """
    if low is None or pd.isna(low):
        return ""
    known_high = high is not None and pd.notna(high)
    if not known_high or high == low:
        return f"<br>Reported deaths: {int(low):,}" + ("" if known_high else " or more")
    parts = split_claims(claims) if isinstance(claims, str) and claims.strip() else []
    if not parts:
        return f"<br>Reported deaths: {int(low):,} to {int(high):,}, by source (see the data table)"
    return (f"<br>Reported deaths: {int(low):,} to {int(high):,}, from different sources that count different people:"
            + "".join(f"<br>• {wrap(p)}" for p in parts))
