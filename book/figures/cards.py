"""Event cards: what the timeline shows when a reader opens an event.

A card holds the event's date and its precision, title, content note, summary, actors, places,
reported deaths with each claimant, and its sources (title, publisher, address). The timeline
figure itself carries only the light part of each card (:data:`LIGHT_FIELDS`), so that a chapter
stays light; the rest comes, in the static site, from a small script for each event
(:func:`card_scripts`, written by the site builder as ``_static/cards/<event id>.js`` and fetched
when a reader opens that card, about 1 KB), and in JupyterLab from the kernel
(:mod:`book.figures.live`).

>>> cards = course_cards(["2013-04-25-res-2100-minusma"])
>>> card = cards["events"][0]
>>> card["date"], card["title"][:15], all(s in cards["sources"] for s in card["sources"])
('2013-04-25', 'Resolution 2100', True)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from book.data import load
from book.data.helpers import split_claims
from book.figures.base import content_note, dated, iso

#: The fields of a card that the figure carries: enough to filter, order and label it.
#: (``when``, the dates as a reader sees them, only where the day is not known: the figure's script
#: writes the others itself.)
LIGHT_FIELDS = ("id", "date", "end", "when", "theme", "actorIds")

SAFE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def names_of(table: pd.DataFrame | None, key: str, name: str = "name") -> dict[str, str]:
    """Id to name, from a table (empty without one).

    >>> names_of(pd.DataFrame({"actor_id": ["fama"], "name": ["Malian Armed Forces"]}), "actor_id")
    {'fama': 'Malian Armed Forces'}
    """
    return {} if table is None else dict(zip(table[key], table[name], strict=True))


def _count(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _source(known: pd.DataFrame | None, source_id: str) -> dict[str, str]:
    if known is None or source_id not in known.index:
        return {"title": source_id, "publisher": "", "url": ""}
    row = known.loc[source_id]
    url = row.get("url")
    return {"title": str(row["title"]), "publisher": str(row["publisher"]), "url": url if isinstance(url, str) else ""}


def event_cards(events: pd.DataFrame, sources: pd.DataFrame | None = None, actors: pd.DataFrame | None = None,
                places: pd.DataFrame | None = None) -> dict[str, Any]:
    """The cards of the events, in date order, and the sources they cite (once each), as plain JSON
    data. Without the sources, actors or places table, ids stand for titles and names.

    >>> ev = pd.DataFrame({"event_id": ["e1"], "date": pd.to_datetime(["2013-04-25"]), "end_date": [pd.NaT],
    ...     "date_precision": ["day"], "kind": ["event"], "title": ["Resolution 2100"], "summary": ["s"],
    ...     "theme": ["mandate"], "actor_ids": [["minusma"]], "place_ids": [[]], "source_ids": [["a"]]})
    >>> cards = event_cards(ev, pd.DataFrame({"source_id": ["a"], "publisher": ["UN"], "title": ["S/RES/2100"],
    ...     "url": ["https://undocs.org/S/RES/2100(2013)"]}))
    >>> cards["events"][0]["actors"], cards["events"][0]["deaths"], cards["sources"]["a"]["publisher"]
    (['minusma'], None, 'UN')
    """
    actor_names, place_names = names_of(actors, "actor_id"), names_of(places, "place_id")
    known = None if sources is None else sources.set_index("source_id")
    cards: list[dict[str, Any]] = []
    cited: dict[str, dict[str, str]] = {}
    for _, row in events.sort_values(["date", "event_id"], kind="stable").iterrows():
        low, high = _count(row.get("deaths_low")), _count(row.get("deaths_high"))
        claims = row.get("deaths_claims")
        place_ids = row.get("place_ids")
        cards.append({
            "id": row["event_id"], "date": iso(row["date"]), "end": iso(row.get("end_date")),
            "when": None if str(row.get("date_precision") or "day") == "day" else
            dated(row["date"], row.get("end_date"), row.get("date_precision")),
            "theme": str(row["theme"]), "actorIds": list(row["actor_ids"]), "title": row["title"],
            "summary": row["summary"], "actors": [actor_names.get(a, a) for a in row["actor_ids"]],
            "places": [place_names.get(p, p) for p in (place_ids if isinstance(place_ids, list) else [])],
            "deaths": None if low is None else {
                "low": low, "high": high,
                "claims": split_claims(claims) if isinstance(claims, str) and claims.strip() else []},
            "note": content_note(row["title"], row["summary"]), "sources": list(row["source_ids"]),
        })
        for source_id in row["source_ids"]:
            cited.setdefault(source_id, _source(known, source_id))
    return {"events": cards, "sources": cited}


def course_cards(ids: Iterable[str] | None = None) -> dict[str, Any]:
    """The cards of the course's events (``data/events.csv``), all of them or those with the given ids."""
    events = load("events")
    if ids is not None:
        events = events[events["event_id"].isin(set(ids))]
    return event_cards(events, load("sources"), load("actors"), load("places"))


def card_scripts(cards: dict[str, Any]) -> dict[str, str]:
    """Each card as the script the site serves for it, by file name (``<event id>.js``): one call
    to the timeline script's ``SahelTimeline.defineCards`` with the card and the sources it cites,
    no inline code in the pages (CSP), and loadable from ``file://`` (a script, not a fetch).

    >>> scripts = card_scripts(course_cards(["2013-04-25-res-2100-minusma"]))
    >>> list(scripts)
    ['2013-04-25-res-2100-minusma.js']
    >>> scripts["2013-04-25-res-2100-minusma.js"].startswith('globalThis.SahelTimeline.defineCards({"events"')
    True
    >>> card_scripts({"events": [{"id": "../x", "sources": []}], "sources": {}})
    Traceback (most recent call last):
    ValueError: the event id '../x' cannot name a file: use lower-case letters, digits and hyphens
    """
    scripts = {}
    for card in cards["events"]:
        if not SAFE_ID.fullmatch(card["id"]):
            raise ValueError(f"the event id {card['id']!r} cannot name a file: use lower-case letters, digits "
                             "and hyphens")
        heavy = {k: v for k, v in card.items() if k not in LIGHT_FIELDS or k == "date"}
        cited = {s: cards["sources"][s] for s in card["sources"] if s in cards["sources"]}
        payload = json.dumps({"events": {card["id"]: heavy}, "sources": cited}, ensure_ascii=False, sort_keys=True)
        scripts[card["id"] + ".js"] = "globalThis.SahelTimeline.defineCards(" + payload.replace("</", "<\\/") + ");\n"
    return scripts
