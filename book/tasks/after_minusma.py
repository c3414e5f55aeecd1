"""Checks for the exercise of chapter 7, "After MINUSMA" (``exercises/after-minusma.ipynb``).
Expected values are computed from the course data, so that a corrected row corrects the check."""

from __future__ import annotations

from typing import Any

import pandas as pd

from book.checks import Feedback, check_figure, check_number, check_values
from book.data import load
from book.data.helpers import days_between
from book.tasks import task

RESOLUTION_2690 = "2023-06-30-resolution-2690"


def days_to_closure() -> dict[str, int]:
    """For each MINUSMA camp with a closing date, the days from resolution 2690 to its closure.

    >>> days_to_closure()["ber"]
    44
    """
    places = load("places")
    ev = load("events").set_index("event_id")
    start = ev.loc[RESOLUTION_2690, "date"]
    camps = places[places["is_minusma_base"].fillna(False).astype(bool) & places["closed"].notna()]
    return {str(p): int((c - start).days) for p, c in zip(camps["place_id"], camps["closed"], strict=True)}


@task("LO1")
def task_1(days: Any) -> Feedback:
    """Task 1: for each MINUSMA camp with a closing date, the days from resolution 2690 (30 June
    2023) to its closure, as a Series indexed by place_id.

    >>> task_1(days_to_closure()).passed
    True
    """
    return check_values("Task 1", days, days_to_closure(), what="camps",
                        hint="Keep the places with is_minusma_base true and a closed date; subtract 2023-06-30 and "
                             "take .dt.days; index by place_id.")


@task("LO2")
def task_2(days_to_kidal: Any) -> Feedback:
    """Task 2: days from MINUSMA's departure from Kidal to the army's entry into the town.

    >>> task_2(14).passed
    True
    """
    expected = days_between("2023-10-31-minusma-leaves-kidal", "2023-11-14-kidal-retaken")
    return check_number("Task 2", days_to_kidal, expected, unit="days",
                        hint="Subtract the dates of 2023-10-31-minusma-leaves-kidal and 2023-11-14-kidal-retaken.")


@task("LO2")
def task_3(days_to_exit: Any) -> Feedback:
    """Task 3: days from the three states' announcement that they would leave ECOWAS to the day
    the exit took effect.

    >>> task_3(367).passed
    True
    """
    expected = days_between("2024-01-28-aes-announce-ecowas-exit", "2025-01-29-ecowas-exit-effective")
    return check_number("Task 3", days_to_exit, expected, unit="days",
                        hint="Subtract the dates of 2024-01-28-aes-announce-ecowas-exit and "
                             "2025-01-29-ecowas-exit-effective.")


def security_by_year(since: str = "2023-07-01") -> dict[int, int]:
    """Events with the theme "security" per year from ``since``.

    >>> sum(security_by_year().values()) > 0
    True
    """
    ev = load("events")
    rows = ev[(ev["date"] >= pd.Timestamp(since)) & (ev["theme"] == "security")]
    return {int(k): int(v) for k, v in rows["date"].dt.year.value_counts().items()}


@task("LO3")
def task_4(by_year: Any) -> Feedback:
    """Task 4: the number of events with the theme "security" per year since July 2023, as a Series
    indexed by year.

    >>> task_4(security_by_year()).passed
    True
    """
    return check_values("Task 4", by_year, security_by_year(), what="years",
                        hint='Keep date >= 2023-07-01 and theme == "security", then .dt.year.value_counts().')


@task("LO4")
def task_5(days_before_vote: Any) -> Feedback:
    """Task 5 (the article's forecast, C35): how many days before the first round planned for
    4 February 2024 the government postponed the presidential election.

    >>> task_5(132).passed
    True
    """
    ev = load("events").set_index("event_id")
    expected = (pd.Timestamp("2024-02-04") - ev.loc["2023-09-25-election-postponed", "date"]).days
    return check_number("Task 5", days_before_vote, expected, unit="days",
                        hint="Subtract the date of 2023-09-25-election-postponed from pd.Timestamp('2024-02-04').")


@task("LO1")
def task_6(chart: Any) -> Feedback:
    """Task 6: the map of MINUSMA's camps and their closing dates, with a title.

    >>> from book.figures import base_closures_map
    >>> task_6(base_closures_map(load("places"), title="T")).passed
    True
    """
    return check_figure("Task 6", chart)
