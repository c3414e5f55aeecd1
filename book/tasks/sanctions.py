"""Checks for the exercise of chapter 4, "Sanctions" (``exercises/sanctions.ipynb``).
Expected values are computed from the course data, so that a corrected row corrects the check."""

from __future__ import annotations

from typing import Any

import pandas as pd

from book.checks import Feedback, check_figure, check_number, check_set, check_values
from book.data import load
from book.tasks import task

ARTICLE_DATE = "2022-06-09"  # the date the article gives for ECOWAS's economic sanctions (claim C17)
IN_FORCE_ON = "2023-06-01"


def january_2022_days() -> pd.Series:
    """Days each of ECOWAS's measures of 9 January 2022 stayed in force, by ``sanction_id``.

    >>> int(january_2022_days()["ecowas-2022-border-closure"])
    175
    """
    s = load("sanctions")
    jan = s[(s["imposer_id"] == "ecowas") & (s["imposed"] == pd.Timestamp("2022-01-09"))]
    return pd.Series((jan["lifted"] - jan["imposed"]).dt.days.to_numpy(), index=jan["sanction_id"].astype(str))


@task("LO1")
def task_1(days: Any) -> Feedback:
    """Task 1: for each measure ECOWAS imposed on 9 January 2022, the days it stayed in force.

    >>> task_1(january_2022_days()).passed
    True
    >>> task_1(175).passed
    False
    """
    return check_values("Task 1", days, january_2022_days().to_dict(), what="measures",
                        hint="Keep the ECOWAS rows imposed on 2022-01-09, compute (lifted - imposed).dt.days, then "
                             "index the result by sanction_id (set_axis or set_index).")


@task("LO1", "LO4")
def task_2(days_off: Any) -> Feedback:
    """Task 2 (a claim of the article, C17): how many days separate the date the article gives for
    ECOWAS's economic sanctions, 9 June 2022, from the day they were imposed.

    >>> task_2(151).passed
    True
    >>> task_2(-151).passed
    False
    """
    s = load("sanctions")
    imposed = s.loc[s["sanction_id"] == "ecowas-2022-border-closure", "imposed"].item()
    expected = (pd.Timestamp(ARTICLE_DATE) - imposed).days
    return check_number("Task 2", days_off, expected, unit="days",
                        hint="Subtract the imposed date of ecowas-2022-border-closure from pd.Timestamp('2022-06-09') "
                             "and take .days (later minus earlier, so the answer is positive).")


def in_force(on: str = IN_FORCE_ON, since: str = "2020-08-01") -> list[str]:
    """The measures imposed from ``since`` that were still in force on ``on``: imposed on or before
    that day, and not lifted by then (no lift date means none is recorded).

    >>> "us-2023-05-25-moura-visa-restrictions" in in_force("2023-06-01")
    True
    >>> "ecowas-2022-border-closure" in in_force("2023-06-01")
    False
    """
    s = load("sanctions")
    day = pd.Timestamp(on)
    mask = s["imposed"].between(pd.Timestamp(since), day) & (s["lifted"].isna() | (s["lifted"] > day))
    return s.loc[mask, "sanction_id"].astype(str).tolist()


@task("LO1", "LO2")
def task_3(still_in_force: Any) -> Feedback:
    """Task 3: the measures imposed from August 2020 on that were still in force on 1 June 2023.

    >>> task_3(in_force()).passed
    True
    """
    return check_set("Task 3", still_in_force, in_force(), what="measures",
                     hint="imposed between 2020-08-01 and 2023-06-01, and lifted either missing (.isna()) or later "
                          "than 2023-06-01.")


def targets_of(imposer: str, measure: str) -> list[str]:
    """The actors that ``imposer`` targeted with ``measure``, from ``target_actor_ids``.

    >>> sorted(targets_of("united-states", "visa_restriction"))[:2]
    ['fama', 'lassine-togola']
    """
    s = load("sanctions")
    rows = s[(s["imposer_id"] == imposer) & (s["measure"] == measure)]
    return sorted({a for ids in rows["target_actor_ids"] for a in (ids or [])})


@task("LO3")
def task_4(us_asset_freeze_targets: Any) -> Feedback:
    """Task 4: the actors on whom the United States imposed an asset freeze (not a visa restriction).

    >>> task_4(targets_of("united-states", "asset_freeze")).passed
    True
    >>> task_4(targets_of("united-states", "visa_restriction")).passed
    False
    """
    return check_set("Task 4", us_asset_freeze_targets, targets_of("united-states", "asset_freeze"),
                     what="actors",
                     hint='Keep imposer_id == "united-states" and measure == "asset_freeze"; target_actor_ids holds a '
                          "list per row: gather them (explode) and drop repeats.")


def spread_2022() -> float:
    """The gap between the highest and the lowest figure given for Mali's 2022 inflation.

    >>> spread_2022()
    0.5
    """
    ind = load("indicators")
    values = ind.loc[(ind["indicator"] == "consumer_price_inflation") & (ind["year"] == 2022), "value"]
    return round(float(values.max() - values.min()), 2)


@task("LO3")
def task_5(spread: Any) -> Feedback:
    """Task 5: how far apart, in percentage points, the institutions' figures for Mali's 2022
    inflation are (highest minus lowest).

    >>> task_5(0.5).passed
    True
    >>> task_5(10.1 - 9.6).passed
    True
    >>> task_5(0.4).passed
    False
    """
    return check_number("Task 5", spread, spread_2022(), tolerance=0.001, unit="percentage points",
                        hint="Keep the rows of the indicator consumer_price_inflation for 2022, then take "
                             "max() - min() of their value.")


@task("LO3")
def task_6(chart: Any) -> Feedback:
    """Task 6: a chart of the measures by kind and by who imposed them, with a title.

    >>> from book.figures import measures_by_kind
    >>> task_6(measures_by_kind(load("sanctions"), load("actors"), title="T")).passed
    True
    """
    return check_figure("Task 6", chart)
