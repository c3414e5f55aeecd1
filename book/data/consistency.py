"""The same fact in two tables must have one value. Each check compares two tables where they
state the same thing (a resolution's date, a base's closing date, an appointment, an attack) and
returns a sentence for every disagreement, naming both rows.

``python -m book.data.consistency`` prints them; ``tests/test_data_consistency.py`` requires none.

>>> disagreements()
[]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pandas as pd

from book.data.loader import load

Tables = dict[str, pd.DataFrame]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
NEAR = pd.Timedelta(days=60)  # an event this close to a date stated elsewhere is about the same fact


def _covers(events: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """Which events fall on ``day``: a one-day event on it, or a period that contains it."""
    spans = events["end_date"].notna() & (events["date"] <= day) & (events["end_date"] >= day)
    return (events["date"] == day) | spans


def _with(column: pd.Series, key: str) -> pd.Series:
    return column.map(lambda ids: isinstance(ids, list) and key in ids)


def resolution_dates(t: Tables) -> list[str]:
    """An event named after a resolution happens on the day the resolution was adopted.

    >>> ev = pd.DataFrame({"event_id": ["e"], "title": ["Resolution 2100 creates MINUSMA"],
    ...                    "date": [pd.Timestamp("2013-04-26")]})
    >>> res = pd.DataFrame({"resolution": [2100], "adopted": [pd.Timestamp("2013-04-25")]})
    >>> resolution_dates({"events": ev, "resolutions": res})
    ['events.csv row e says resolution 2100 was on 2013-04-26; resolutions.csv says it was adopted on 2013-04-25']
    """
    adopted = {int(r.resolution): r.adopted for r in t["resolutions"].itertuples()}
    found = []
    for e in t["events"].itertuples():
        for number in {int(n) for n in re.findall(r"\b[Rr]esolution (\d{4})\b", e.title)}:
            if number in adopted and e.date != adopted[number]:
                found.append(f"events.csv row {e.event_id} says resolution {number} was on {e.date.date()}; "
                             f"resolutions.csv says it was adopted on {adopted[number].date()}")
    return found


def yearly_ceilings(t: Tables) -> list[str]:
    """A year's authorised ceilings in ``minusma_yearly`` are those of the last mandate resolution
    adopted by 30 June of that year."""
    res = t["resolutions"].dropna(subset=["military_ceiling"]).sort_values("adopted")
    found = []
    for y in t["minusma_yearly"].itertuples():
        before = res[res["adopted"] <= pd.Timestamp(int(y.year), 6, 30)]
        if before.empty:
            continue
        last = before.iloc[-1]
        for field in ("military_ceiling", "police_ceiling"):
            yearly, resolved = getattr(y, field), last[field]
            if pd.notna(yearly) and pd.notna(resolved) and int(yearly) != int(resolved):
                found.append(f"minusma_yearly.csv {y.year} has {field} {int(yearly)}; resolution "
                             f"{int(last['resolution'])} (resolutions.csv) set {int(resolved)}")
    return found


def base_closures(t: Tables) -> list[str]:
    """A base's ``closed`` date in ``places`` is the date of a MINUSMA event at that place, when
    the events table records its departure."""
    events = t["events"][_with(t["events"]["actor_ids"], "minusma")]
    found = []
    for p in t["places"].dropna(subset=["closed"]).itertuples():
        here = events[_with(events["place_ids"], p.place_id)]
        near = here[(here["date"] - p.closed).abs() <= NEAR]
        if len(near) and not _covers(near, p.closed).any():
            found.append(f"places.csv row {p.place_id} says the base closed on {p.closed.date()}; the MINUSMA "
                         f"events there are dated {', '.join(str(d.date()) for d in near['date'])}")
    return found


ACTION = re.compile(r"\b(appointed|named|sworn in|founded|created|dissolved|detained|arrested|killed|designated|"
                    r"resigned|elected)\b[^.;]{0,60}?\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})", re.IGNORECASE)


def actor_dates(t: Tables) -> list[str]:
    """A date written in an actor's description or note beside what happened (appointed, founded,
    detained...) matches the events table, where an event naming the actor is near that date.

    >>> ac = pd.DataFrame({"actor_id": ["ouane"], "description": ["Appointed on 25 September 2020."],
    ...                    "note": [None]})
    >>> ev = pd.DataFrame({"event_id": ["e"], "actor_ids": [["ouane"]], "date": [pd.Timestamp("2020-09-27")],
    ...                    "end_date": [pd.NaT]})
    >>> actor_dates({"actors": ac, "events": ev})[0].startswith("actors.csv row ouane says 'Appointed on 25 Sep")
    True
    """
    events = t["events"]
    found = []
    for a in t["actors"].itertuples():
        text = " ".join(x for x in (a.description, a.note) if isinstance(x, str))
        mine = events[_with(events["actor_ids"], a.actor_id)]
        for m in ACTION.finditer(text):
            day = pd.Timestamp(int(m.group(4)), MONTHS.index(m.group(3).capitalize()) + 1, int(m.group(2)))
            near = mine[(mine["date"] - day).abs() <= NEAR]
            if len(near) and not _covers(near, day).any():
                found.append(f"actors.csv row {a.actor_id} says {m.group(0)!r}; the events naming it nearby are "
                             f"dated {', '.join(f'{e.date.date()} ({e.event_id})' for e in near.itertuples())}")
    return found


def presence_dates(t: Tables) -> list[str]:
    """An attack or operation in ``presence`` that cites the same source as an event at the same
    place with the same actor, within a few days, is that event: the dates must agree."""
    events, found = t["events"], []
    for p in t["presence"][t["presence"]["kind"].isin(["attack", "operation"])].itertuples():
        cited = set(p.source_ids)
        same = events[_with(events["place_ids"], p.place_id)
                      & (_with(events["actor_ids"], p.actor_id) | _with(events["alleged_perpetrator_ids"], p.actor_id))
                      & events["source_ids"].map(lambda ids, cited=cited: bool(set(ids) & cited))
                      & ((events["date"] - p.date).abs() <= pd.Timedelta(days=7))]
        if len(same) and not _covers(same, p.date).any():
            found.append(f"presence.csv row {p.presence_id} is dated {p.date.date()}; events.csv dates the same "
                         f"incident {', '.join(f'{e.date.date()} ({e.event_id})' for e in same.itertuples())}")
    return found


CHECKS: tuple[Callable[[Tables], list[str]], ...] = (
    resolution_dates, yearly_ceilings, base_closures, actor_dates, presence_dates)
TABLES = ("events", "resolutions", "minusma_yearly", "places", "actors", "presence")


def disagreements(tables: Tables | None = None) -> list[str]:
    """Every disagreement between two tables that the checks find, as sentences."""
    t = tables or {name: load(name) for name in TABLES}
    return [message for check in CHECKS for message in check(t)]


def main() -> int:
    """Print the disagreements; exit 1 if there are any."""
    found = disagreements()
    for message in found:
        print(f"- {message}")
    print(f"{len(found)} disagreement(s) between tables.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
