"""Checks for the exercise of chapter 3, "Two coups and a new partner" (``exercises/coups.ipynb``).
Expected values are computed from the course data."""

from __future__ import annotations

from typing import Any

import pandas as pd

from book.checks import Feedback, check_figure, check_number, check_set, check_values
from book.data import load
from book.data.helpers import days_between
from book.tasks import task


@task("LO1", "LO4")
def task_1(days_between_coups: Any) -> Feedback:
    """Task 1: days from the coup of August 2020 to that of May 2021 (testing 'two coups in as many years').

    >>> task_1(279).passed
    True
    >>> task_1("nine months").passed
    False
    """
    expected = days_between("2020-08-18-coup-keita-ousted", "2021-05-24-second-coup")
    return check_number("Task 1", days_between_coups, expected, unit="days",
                        hint="Subtract the two dates (a Timestamp minus a Timestamp), then take .days.")


@task("LO3")
def task_2(ecowas_measures: Any) -> Feedback:
    """Task 2: the ids of the measures ECOWAS imposed on Mali from August 2020 to the end of 2022.

    >>> s = load("sanctions")
    >>> task_2(s.loc[(s["imposer_id"] == "ecowas") & s["imposed"].between("2020-08-01", "2022-12-31"),
    ...              "sanction_id"]).passed
    True
    """
    s = load("sanctions")
    expected = s.loc[(s["imposer_id"] == "ecowas") & s["imposed"].between("2020-08-01", "2022-12-31"), "sanction_id"]
    return check_set("Task 2", ecowas_measures, expected.tolist(), what="measures",
                     hint='Filter on imposer_id == "ecowas" and imposed.between("2020-08-01", "2022-12-31").')


@task("LO3")
def task_3(longest_days: Any) -> Feedback:
    """Task 3: how many days the longest of ECOWAS's January 2022 measures stayed in force.

    >>> task_3(175).passed
    True
    """
    s = load("sanctions")
    jan = s[(s["imposer_id"] == "ecowas") & (s["imposed"] == pd.Timestamp("2022-01-09"))]
    expected = int((jan["lifted"] - jan["imposed"]).dt.days.max())
    return check_number("Task 3", longest_days, expected, unit="days",
                        hint='Keep the ECOWAS rows imposed on 2022-01-09, then compute (lifted - imposed).dt.days.')


@task("LO2")
def task_4(withdrawal_days: Any) -> Feedback:
    """Task 4: days from France's withdrawal announcement to the last French troops leaving Mali.

    >>> task_4(179).passed
    True
    """
    expected = days_between("2022-02-17-france-announces-withdrawal", "2022-08-15-last-french-troops-leave")
    return check_number("Task 4", withdrawal_days, expected, unit="days",
                        hint="Subtract the dates of the rows 2022-02-17-france-announces-withdrawal and "
                             "2022-08-15-last-french-troops-leave.")


@task("LO2")
def task_5(wagner_events: Any) -> Feedback:
    """Task 5: the ids of the events of 2021 and 2022 in which the Wagner Group is an actor.

    >>> ev = load("events")
    >>> w = ev[ev["date"].dt.year.isin([2021, 2022]) & ev["actor_ids"].map(lambda ids: "wagner" in (ids or []))]
    >>> task_5(w["event_id"]).passed
    True
    """
    ev = load("events")
    mask = ev["date"].dt.year.isin([2021, 2022]) & ev["actor_ids"].map(lambda ids: "wagner" in (ids or []))
    return check_set("Task 5", wagner_events, ev.loc[mask, "event_id"].tolist(), what="events",
                     hint='actor_ids holds a list for each row: test "wagner" in it with .map(lambda ids: ...).')


@task("LO1", "LO2")
def task_6(timeline: Any) -> Feedback:
    """Task 6: a timeline of 2020-2022 by actor, drawn with the course's event_timeline, with a title.

    >>> from book.data import events_between
    >>> from book.figures import event_timeline
    >>> ev = events_between(load("events"), "2020-06-01", "2022-12-31")
    >>> task_6(event_timeline(ev, by="actor", actors=[("france", "France")], title="T")).passed
    True
    """
    return check_figure("Task 6", timeline)


def months_ahead(timetable: pd.DataFrame) -> pd.Series:
    """Calendar months from the month each promise was made to the month of the latest date it
    implied (``target_high``), indexed by ``step_id``.

    >>> int(months_ahead(load("transition_timetable"))["2022-06-06-decree-24-months"])
    21
    """
    announced, target = timetable["announced"], timetable["target_high"]
    months = (target.dt.year - announced.dt.year) * 12 + (target.dt.month - announced.dt.month)
    return pd.Series(months.astype(int).to_numpy(), index=timetable["step_id"].astype(str), name="months_ahead")


@task("LO1", "LO3")
def task_7(months: Any) -> Feedback:
    """Task 7: for each promise of the transition timetable, the calendar months from the month it
    was made to the month of the latest date it implied, as a Series indexed by step_id.

    >>> task_7(months_ahead(load("transition_timetable"))).passed
    True
    >>> task_7([18, 18]).passed
    False
    """
    expected = months_ahead(load("transition_timetable")).to_dict()
    return check_values("Task 7", months, expected, what="promises",
                        hint="12 × (difference in years) + (difference in months), using .dt.year and .dt.month; "
                             "then .set_axis(timetable['step_id']) or set_index('step_id') to index it by step_id.")
