"""The article's claims counted: how many of each verdict, section by section."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from book.figures.base import require_rows
from book.figures.measures import stacked_bars

VERDICT_ORDER = ("accurate", "imprecise", "inaccurate", "disputed", "unverifiable")
VERDICT_SYMBOLS = {"accurate": "✓", "imprecise": "≈", "inaccurate": "✗", "disputed": "⇄", "unverifiable": "?"}


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """How many claims of each verdict each section of the article makes: one row per section in
    the article's order (the order of the claims' first appearance), one column per verdict found.

    >>> c = pd.DataFrame({"section": ["Intro", "Intro", "Road"], "verdict": ["accurate", "inaccurate", "accurate"]})
    >>> verdict_counts(c).to_dict("index")
    {'Intro': {'accurate': 1, 'inaccurate': 1}, 'Road': {'accurate': 1, 'inaccurate': 0}}
    """
    require_rows(claims, "claims", ["section", "verdict"])
    table = pd.crosstab(claims["section"], claims["verdict"])
    table = table.reindex(index=list(dict.fromkeys(claims["section"])),
                          columns=[v for v in VERDICT_ORDER if v in table.columns])
    table.index.name, table.columns.name = "section", None
    return table


def verdict_label(verdict: str) -> str:
    """A verdict with its symbol, as the legend and the claims explorer show it.

    >>> verdict_label("inaccurate")
    '✗ inaccurate'
    """
    return f"{VERDICT_SYMBOLS[verdict]} {verdict}"


def verdicts_by_section(claims: pd.DataFrame, *,
                        title: str = "The article's claims, by section and verdict") -> go.Figure:
    """Stacked bars: one per section of the article, one segment per verdict (colour, pattern and
    symbol), so that where the errors sit shows at a glance.

    >>> c = pd.DataFrame({"section": ["Intro", "Road"], "verdict": ["accurate", "imprecise"]})
    >>> [t.name for t in verdicts_by_section(c).data]
    ['✓ accurate', '≈ imprecise']
    """
    return stacked_bars(verdict_counts(claims), title=title, axis="Number of claims", name=verdict_label)
