"""Checks for the exercise of chapter 6, "Regional geopolitics" (``exercises/geopolitics.ipynb``).
Expected values are computed from the course data, so that a corrected row corrects the check."""

from __future__ import annotations

from typing import Any

from book.checks import Feedback, check_figure, check_number, check_set, check_values
from book.data import load
from book.tasks import task

JNIM_FOUNDING = "2017-03-02-jnim-founded"
BARKHANE = "2014-08-01-operation-barkhane"


def founding_groups() -> list[str]:
    """The armed groups (not the people) that merged into JNIM, from the founding event's actors.

    >>> sorted(founding_groups())
    ['al-mourabitoun', 'ansar-dine', 'aqim', 'katiba-macina']
    """
    ev = load("events").set_index("event_id")
    actors = load("actors").set_index("actor_id")
    ids = [a for a in ev.loc[JNIM_FOUNDING, "actor_ids"] if a != "jnim"]
    return [a for a in ids if str(actors.loc[a, "type"]) != "person"]


@task("LO3")
def task_1(groups: Any) -> Feedback:
    """Task 1: the ids of the armed groups that merged into JNIM in March 2017.

    >>> task_1(founding_groups()).passed
    True
    >>> task_1(["jnim"]).passed
    False
    """
    return check_set("Task 1", groups, founding_groups(), what="groups",
                     hint=f'Read the actor_ids of "{JNIM_FOUNDING}", drop "jnim" itself and the people '
                          "(actors whose type is person).")


def barkhane_days() -> int:
    """Days from the launch of Operation Barkhane to its formal end.

    >>> barkhane_days()
    3022
    """
    ev = load("events").set_index("event_id")
    return int((ev.loc[BARKHANE, "end_date"] - ev.loc[BARKHANE, "date"]).days)


@task("LO1")
def task_2(days: Any) -> Feedback:
    """Task 2: how many days Operation Barkhane lasted, from its launch to its formal end.

    >>> task_2(3022).passed
    True
    """
    return check_number("Task 2", days, barkhane_days(), unit="days",
                        hint=f'Subtract the date of "{BARKHANE}" from its end_date, then take .days.')


def presence_counts() -> dict[str, int]:
    """How many documented facts the presence table holds for each actor.

    >>> presence_counts()["jnim"] > 0
    True
    """
    counts = load("presence")["actor_id"].astype(str).value_counts()
    return {k: int(v) for k, v in counts.items()}


@task("LO3", "LO4")
def task_3(counts: Any) -> Feedback:
    """Task 3: the number of documented facts in the presence table for each actor, as a Series
    indexed by actor_id.

    >>> task_3(presence_counts()).passed
    True
    """
    return check_values("Task 3", counts, presence_counts(), what="actors",
                        hint='presence["actor_id"].value_counts() gives a Series indexed by actor_id.')


def kinds_of(actor: str) -> list[str]:
    """The kinds of fact the presence table documents for one actor.

    >>> "attack" in kinds_of("jnim")
    True
    """
    presence = load("presence")
    return sorted(set(presence.loc[presence["actor_id"] == actor, "kind"].astype(str)))


@task("LO3")
def task_4(jnim_kinds: Any) -> Feedback:
    """Task 4: the kinds of fact (attack, blockade, ...) the presence table documents for JNIM.

    >>> task_4(kinds_of("jnim")).passed
    True
    """
    return check_set("Task 4", jnim_kinds, kinds_of("jnim"), what="kinds",
                     hint='Keep the rows whose actor_id is "jnim", then take the unique values of kind.')


def years_of(actor: str) -> dict[int, int]:
    """Events per year in which ``actor`` is an actor.

    >>> sum(years_of("wagner").values()) > 0
    True
    """
    ev = load("events")
    rows = ev[ev["actor_ids"].map(lambda ids: actor in (ids or []))]
    counts = rows["date"].dt.year.value_counts()
    return {int(k): int(v) for k, v in counts.items()}


@task("LO2")
def task_5(wagner_by_year: Any) -> Feedback:
    """Task 5: the number of events per year in which the Wagner Group is an actor, as a Series
    indexed by year.

    >>> task_5(years_of("wagner")).passed
    True
    """
    return check_values("Task 5", wagner_by_year, years_of("wagner"), what="years",
                        hint='Keep the rows whose actor_ids contain "wagner", then .dt.year.value_counts().')


@task("LO3", "LO4")
def task_6(chart: Any) -> Feedback:
    """Task 6: a map of documented presence drawn with presence_map, with a title.

    >>> from book.figures import presence_map
    >>> task_6(presence_map(load("presence"), load("places"), load("actors"), title="T")).passed
    True
    """
    return check_figure("Task 6", chart)
