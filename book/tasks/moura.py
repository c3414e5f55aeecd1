"""Checks for the exercise of chapter 5, "The Moura report" (``exercises/moura.ipynb``).
Expected values are computed from the course data, so that a corrected row corrects the check."""

from __future__ import annotations

from typing import Any

import pandas as pd

from book.checks import Feedback, check_figure, check_number, check_set, check_values
from book.data import load
from book.data.helpers import days_between
from book.tasks import task

MOURA = "2022-03-27-moura-killings"
CENTRAL_REGIONS = {"mopti-region", "segou-region"}


@task("LO2")
def task_1(moura_counts: Any) -> Feedback:
    """Task 1: the lowest and the highest reported count of the dead at Moura, as a Series (or
    dict) with the keys "low" and "high".

    >>> task_1({"low": 203, "high": 500}).passed
    True
    >>> task_1({"low": 300, "high": 500}).passed
    False
    """
    ev = load("events").set_index("event_id")
    expected = {"low": int(ev.loc[MOURA, "deaths_low"]), "high": int(ev.loc[MOURA, "deaths_high"])}
    return check_values("Task 1", moura_counts, expected, what="counts",
                        hint=f'Read deaths_low and deaths_high of the row "{MOURA}", then read deaths_claims: who '
                             "gives each figure, and what does each count?")


@task("LO1", "LO4")
def task_2(days_to_report: Any) -> Feedback:
    """Task 2 (a claim of the article, C10): how many days passed between the start of the Moura
    operation and the publication of the UN human rights office's report.

    >>> task_2(411).passed
    True
    """
    expected = days_between(MOURA, "2023-05-12-ohchr-moura-report")
    return check_number("Task 2", days_to_report, expected, unit="days",
                        hint="Subtract the date of the row 2022-03-27-moura-killings from that of "
                             "2023-05-12-ohchr-moura-report, then take .days.")


@task("LO3")
def task_3(days_to_measures: Any) -> Feedback:
    """Task 3: how many days after the report the United States announced its measures over Moura.

    >>> task_3(13).passed
    True
    """
    expected = days_between("2023-05-12-ohchr-moura-report", "2023-05-25-us-sanctions-maslov-moura-visas")
    return check_number("Task 3", days_to_measures, expected, unit="days",
                        hint="Subtract the report's date from the date of the row "
                             "2023-05-25-us-sanctions-maslov-moura-visas.")


def central_killings() -> pd.DataFrame:
    """The events of central Mali (Mopti and Ségou regions) with a reported death toll and at least
    one alleged perpetrator: the rows the chapter's map draws.

    >>> MOURA in set(central_killings()["event_id"])
    True
    """
    ev = load("events")
    central = ev["place_ids"].map(lambda ids: bool(set(ids or []) & CENTRAL_REGIONS))
    attributed = ev["alleged_perpetrator_ids"].map(lambda ids: bool(ids))
    return ev[central & attributed & ev["deaths_low"].notna()]


def state_forces() -> set[str]:
    """Actor ids of state forces, Malian or foreign, and of the private military company.

    >>> {"fama", "wagner"} <= state_forces()
    True
    """
    actors = load("actors")
    kinds = {"armed_forces", "military_operation", "private_military_company"}
    return set(actors.loc[actors["type"].astype(str).isin(kinds), "actor_id"].astype(str))


@task("LO4")
def task_4(by_state_forces: Any) -> Feedback:
    """Task 4: the central-Mali killings that the sources attribute, at least in part, to state
    forces (Malian or foreign) or to the Wagner Group.

    >>> rows = central_killings()
    >>> forces = state_forces()
    >>> task_4(rows.loc[rows["alleged_perpetrator_ids"].map(lambda ids: bool(set(ids) & forces)), "event_id"]).passed
    True
    """
    rows = central_killings()
    forces = state_forces()
    expected = rows.loc[rows["alleged_perpetrator_ids"].map(lambda ids: bool(set(ids) & forces)), "event_id"]
    return check_set("Task 4", by_state_forces, expected.tolist(), what="events",
                     hint="Keep the rows whose alleged_perpetrator_ids share an id with the state forces "
                          "(actors of type armed_forces, military_operation or private_military_company).")


def widest_ranges() -> dict[str, int]:
    """For each central-Mali killing, the gap between its highest and lowest reported count.

    >>> widest_ranges()[MOURA]
    297
    """
    rows = central_killings()
    gaps = (rows["deaths_high"].fillna(rows["deaths_low"]) - rows["deaths_low"]).astype(int)
    return dict(zip(rows["event_id"].astype(str), gaps.tolist(), strict=True))


@task("LO2")
def task_5(gaps: Any) -> Feedback:
    """Task 5: for each central-Mali killing, the gap between the highest and the lowest reported
    count (0 where only one figure is given), as a Series indexed by event_id.

    >>> task_5(widest_ranges()).passed
    True
    """
    return check_values("Task 5", gaps, widest_ranges(), what="events",
                        hint="deaths_high minus deaths_low; where deaths_high is empty, use deaths_low "
                             "(fillna), so the gap is 0. Index the result by event_id.")


@task("LO2", "LO4")
def task_6(killings_map: Any) -> Feedback:
    """Task 6: a map of the central-Mali killings drawn with reported_killings_map, with a title.

    >>> from book.figures import reported_killings_map
    >>> task_6(reported_killings_map(central_killings(), load("places"), load("actors"), title="T")).passed
    True
    """
    return check_figure("Task 6", killings_map)
