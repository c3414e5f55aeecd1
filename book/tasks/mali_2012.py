"""Checks for the exercise of chapter 1, "Mali 2012: the crisis that brought the UN"
(``exercises/mali-2012.ipynb``). Expected values are computed from the course data."""

from __future__ import annotations

from typing import Any

import pandas as pd

from book.checks import Feedback, check_figure, check_frame, check_number, check_set, record
from book.data import load
from book.data.helpers import days_between
from book.tasks import task


def _events() -> pd.DataFrame:
    return load("events")


@task("LO1")
def task_1(events_2012: Any) -> Feedback:
    """Task 1: the events of 2012 in the course's table.

    >>> ev = load("events")
    >>> task_1(ev[ev["date"].dt.year == 2012]).passed
    True
    """
    events = _events()
    return check_frame("Task 1", events_2012, key="event_id",
                       expected_keys=events.loc[events["date"].dt.year == 2012, "event_id"].tolist(),
                       hint='Keep the rows whose year is 2012: events[events["date"].dt.year == 2012].')


@task("LO1", "LO3")
def task_2(days_to_agreement: Any) -> Feedback:
    """Task 2: days from the coup to the framework agreement with ECOWAS.

    >>> task_2(15).passed
    True
    """
    expected = days_between("2012-03-22-coup-sanogo", "2012-04-06-ecowas-framework-agreement")
    return check_number("Task 2", days_to_agreement, expected, unit="days",
                        hint="Subtract the two dates, then take .days of the result.")


@task("LO1", "LO4")
def task_3(days_kidal_to_timbuktu: Any) -> Feedback:
    """Task 3: days from the fall of Kidal to the fall of Timbuktu (testing TIME's 'in three days').

    >>> task_3(2).passed
    True
    """
    expected = days_between("2012-03-30-fall-of-kidal", "2012-04-01-fall-of-timbuktu")
    return check_number("Task 3", days_kidal_to_timbuktu, expected, unit="days",
                        hint='Find the rows 2012-03-30-fall-of-kidal and 2012-04-01-fall-of-timbuktu.')


@task("LO3")
def task_4(ecowas_2012_measures: Any) -> Feedback:
    """Task 4: the ids of ECOWAS's measures of 2012 in the sanctions table.

    >>> s = load("sanctions")
    >>> task_4(s.loc[(s["imposer_id"] == "ecowas") & (s["imposed"].dt.year == 2012), "sanction_id"]).passed
    True
    """
    s = load("sanctions")
    expected = s.loc[(s["imposer_id"] == "ecowas") & (s["imposed"].dt.year == 2012), "sanction_id"]
    return check_set("Task 4", ecowas_2012_measures, expected.tolist(), what="measures",
                     hint='Filter on imposer_id == "ecowas" and the year of "imposed", then take "sanction_id".')


@task("LO4")
def task_5(aguelhok_range: Any) -> Feedback:
    """Task 5: the lowest and highest death tolls the sources give for Aguelhok, January 2012.

    >>> task_5((60, 153)).passed
    True
    >>> task_5(110).passed
    False
    """
    row = _events().set_index("event_id").loc["2012-01-18-aguelhok-massacre"]
    expected = [int(row["deaths_low"]), int(row["deaths_high"])]
    if not isinstance(aguelhok_range, list | tuple) or len(aguelhok_range) != 2:
        return record(Feedback("Task 5", False, "Give two numbers, the lowest and the highest toll, like (low, high): "
                                                "a range, not a single figure.",
                               ["Read deaths_low and deaths_high from the Aguelhok row."]))
    return check_set("Task 5", list(aguelhok_range), expected, what="tolls",
                     hint="deaths_low and deaths_high are the lowest and highest counts, each from a named claimant.")


@task("LO1", "LO3")
def task_6(timeline: Any) -> Feedback:
    """Task 6: a timeline of 2012-2013 drawn with the course's event_timeline, with a title.

    >>> from book.data import events_between
    >>> from book.figures import event_timeline
    >>> task_6(event_timeline(events_between(load("events"), "2012-01-01", "2013-12-31"), title="T")).passed
    True
    """
    return check_figure("Task 6", timeline)
