"""Small queries that chapters and exercises share: events in a window, by theme or actor,
a citation a reader can follow for any row, and the named claims behind a death toll."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from book.data.loader import load


def events_between(events: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Events that start between ``start`` and ``end`` (inclusive, ISO dates), in date order.

    >>> ev = load("events")
    >>> window = events_between(ev, "2023-06-01", "2023-06-30")
    >>> bool(window["date"].between("2023-06-01", "2023-06-30").all())
    True
    """
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if hi < lo:
        raise ValueError(f"The end {end} is before the start {start}.")
    mask = events["date"].between(lo, hi)
    return events.loc[mask].sort_values("date").reset_index(drop=True)


def by_theme(events: pd.DataFrame, theme: str) -> pd.DataFrame:
    """Events of one theme; an unknown theme is an error that lists the themes.

    >>> by_theme(load("events"), "mandate")["theme"].unique().tolist()
    ['mandate']
    """
    themes = list(events["theme"].cat.categories)
    if theme not in themes:
        raise ValueError(f"Unknown theme {theme!r}; the themes are: {', '.join(themes)}")
    return events.loc[events["theme"] == theme].reset_index(drop=True)


def by_actor(events: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """Events that involve one actor (an id of ``actors.csv``).

    >>> len(by_actor(load("events"), "minusma")) > 5
    True
    """
    known = set(load("actors")["actor_id"])
    if actor_id not in known:
        raise ValueError(f"Unknown actor id {actor_id!r}; see data/actors.csv for the ids.")
    mask = events["actor_ids"].map(lambda ids: actor_id in ids)
    return events.loc[mask].reset_index(drop=True)


def sources_for(source_ids: Iterable[str]) -> pd.DataFrame:
    """The rows of ``sources.csv`` for the given ids, in the order given.

    >>> sources_for(["s-res-2100-2013"])["url"].str.startswith("http").all()
    np.True_
    """
    ids = list(source_ids)
    sources = load("sources").set_index("source_id")
    missing = [i for i in ids if i not in sources.index]
    if missing:
        raise KeyError(f"Unknown source ids: {', '.join(missing)}")
    return sources.loc[ids].reset_index()


def citation(source_id: str) -> str:
    """A one-line citation a reader can follow.

    >>> citation("un-press-sc15341")
    'UN Meetings Coverage and Press Releases, “SC/15341: ...”, 2023-06-30. https://... (accessed 2026-11-28).'
    """
    row = sources_for([source_id]).iloc[0]
    date = f", {row['published']}" if isinstance(row["published"], str) and row["published"] else ""
    where = f" {row['url']}" if isinstance(row["url"], str) and row["url"] else f" ({row['note']})"
    return f"{row['publisher']}, “{row['title']}”{date}.{where} (accessed {row['accessed']:%Y-%m-%d})."


def split_claims(text: str) -> list[str]:
    """The claims of a ``deaths_claims`` cell: split on ``;`` outside brackets.

    >>> split_claims("15 (army, 1 Nov; provisional); 54 (government, 2 Nov)")
    ['15 (army, 1 Nov; provisional)', '54 (government, 2 Nov)']
    """
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch in "(["
        depth -= ch in ")]" and depth > 0
        if ch == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def claim_for(count: int, text: str) -> str | None:
    """The claim in ``text`` that gives ``count`` and names who gave it (in brackets), if any.

    >>> claim_for(54, "15 (army, 1 Nov 2019); 54 = 53 soldiers and 1 civilian (government, 2 Nov 2019)")
    '54 = 53 soldiers and 1 civilian (government, 2 Nov 2019)'
    >>> claim_for(540, "54 (government)") is None
    True
    """
    number = re.compile(rf"(?<![\d,.]){count}(?![\d,.]?\d)")
    for claim in split_claims(text):
        if number.search(claim) and re.search(r"\([^)]*[A-Za-z]", claim):
            return claim
    return None


def days_between(first_event_id: str, then_event_id: str, events: pd.DataFrame | None = None) -> int:
    """Days from one event of the events table to another (negative if ``then`` comes first).

    >>> days_between("2012-03-22-coup-sanogo", "2012-04-06-ecowas-framework-agreement")
    15
    """
    table = load("events") if events is None else events
    dates = table.set_index("event_id")["date"]
    return int((dates.loc[then_event_id] - dates.loc[first_event_id]).days)
