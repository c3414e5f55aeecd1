"""Checks for the exercise of chapter 8, "Reading the article critically"
(``exercises/reading-the-article.ipynb``). Expected values are computed from the course data, so
that a corrected row corrects the check."""

from __future__ import annotations

from typing import Any

import pandas as pd

from book.checks import Feedback, check_figure, check_number, check_set, check_values
from book.data import load
from book.tasks import task

WRONG = ("imprecise", "inaccurate")
UN_KINDS = ("un_document", "un_press_release")
ECOWAS_SANCTIONS = "2022-01-09-ecowas-sanctions"
ARTICLE_SANCTIONS_DATE = pd.Timestamp("2022-06-09")  # what the article says (claim C17)
ARTICLE_BUDGET = 1.2e9  # "around $1.2 billion" (claim C13)


def errors_by_section() -> dict[str, int]:
    """For each section of the article, how many of its claims are rated imprecise or inaccurate.

    >>> errors_by_section()["The road ahead"]
    0
    """
    claims = load("claims")
    wrong = claims["verdict"].isin(WRONG).groupby(claims["section"]).sum()
    return {str(k): int(v) for k, v in wrong.items()}


def un_backed_claims() -> list[str]:
    """The claims that cite at least one UN document or UN press release.

    >>> "C02" in un_backed_claims()
    True
    """
    kind = load("sources").set_index("source_id")["kind"]
    claims = load("claims")
    return sorted(c for c, ids in zip(claims["claim_id"], claims["source_ids"], strict=True)
                  if any(kind.get(s) in UN_KINDS for s in ids))


def full_year_budgets() -> pd.DataFrame:
    """The yearly table's budgets for a full twelve-month period, with their gap from USD 1.2 billion
    in per cent.

    >>> float(full_year_budgets().loc[2020, "diff_pct"])
    5.84
    """
    yearly = load("minusma_yearly").dropna(subset=["budget_usd"]).set_index("year")
    period = yearly["budget_period"].str.split("/", expand=True)
    days = (pd.to_datetime(period[1]) - pd.to_datetime(period[0])).dt.days
    full = yearly[days > 360].copy()
    full["diff_pct"] = ((full["budget_usd"] - ARTICLE_BUDGET) / ARTICLE_BUDGET * 100).round(2)
    return full[["budget_usd", "budget_period", "diff_pct"]]


@task("LO3")
def task_1(verdict_counts: Any) -> Feedback:
    """Task 1: how many claims the course gives each verdict.

    >>> task_1(load("claims")["verdict"].value_counts()).passed
    True
    >>> task_1({"accurate": 33}).passed
    False
    """
    expected = {str(k): int(v) for k, v in load("claims")["verdict"].value_counts().items()}
    return check_values("Task 1", verdict_counts, expected, what="verdicts",
                        hint='Count the values of the "verdict" column with value_counts(), before any filter.')


@task("LO1", "LO3")
def task_2(wrong_by_section: Any) -> Feedback:
    """Task 2: for each section of the article, the number of claims rated imprecise or inaccurate.

    >>> task_2(errors_by_section()).passed
    True
    """
    return check_values("Task 2", wrong_by_section, errors_by_section(), what="sections",
                        hint='Mark the rows whose verdict is "imprecise" or "inaccurate" with isin(), then group that '
                             'column by "section" and sum it, so that a section with no error shows 0.')


@task("LO2")
def task_3(un_backed: Any) -> Feedback:
    """Task 3: the claims that cite at least one UN document or UN press release.

    >>> task_3(un_backed_claims()).passed
    True
    >>> task_3("C02").message
    'Expected a list or a column of claims, got a str.'
    """
    return check_set("Task 3", un_backed, un_backed_claims(), what="claims",
                     hint='Explode the source_ids list, map each id to its "kind" in sources.csv, and keep the claims '
                          'with a kind of "un_document" or "un_press_release".')


@task("LO3")
def task_4(days_off: Any) -> Feedback:
    """Task 4 (claim C17): the days between the day ECOWAS imposed its sanctions, in the events
    table, and the date the article gives, 9 June 2022.

    >>> task_4(151).passed
    True
    """
    start = load("events").set_index("event_id").loc[ECOWAS_SANCTIONS, "date"]
    return check_number("Task 4", days_off, int((ARTICLE_SANCTIONS_DATE - start).days), unit="days",
                        hint=f'Take the "date" of {ECOWAS_SANCTIONS} and subtract it from pd.Timestamp("2022-06-09"); '
                             "a negative number means the subtraction is the wrong way round.")


@task("LO3", "LO4")
def task_5(deployed_share: Any) -> Feedback:
    """Task 5 (claim C12): the uniformed personnel deployed in 2023 as a percentage of that year's
    authorised ceiling (military plus police), to one decimal.

    >>> task_5(85.1).passed
    True
    >>> task_5(0.851).message
    '0.851 is too low.'
    """
    y = load("minusma_yearly").set_index("year").loc[2023]
    expected = round(float(y["deployed_uniformed"]) / float(y["military_ceiling"] + y["police_ceiling"]) * 100, 1)
    return check_number("Task 5", deployed_share, expected, tolerance=0.05,
                        hint="Add military_ceiling and police_ceiling for 2023, divide deployed_uniformed by it and "
                             "multiply by 100: a percentage, not a fraction.")


@task("LO4")
def task_6(within_ten_percent: Any) -> Feedback:
    """Task 6 (claim C13): how many full-year budgets in the yearly table are within 10 per cent of
    USD 1.2 billion.

    >>> task_6(1).passed
    True
    """
    expected = int((full_year_budgets()["diff_pct"].abs() <= 10).sum())
    return check_number("Task 6", within_ten_percent, expected, unit="budgets",
                        hint="Keep the rows with a budget whose budget_period runs a full year (more than 360 days), "
                             "then count those whose gap from 1.2e9 is at most 10 per cent either way.")


@task("LO3")
def task_7(fig: Any) -> Feedback:
    """Task 7: a bar chart of the claims by verdict, with a title.

    >>> import plotly.express as px
    >>> task_7(px.bar(x=["accurate"], y=[33], title="Verdicts")).passed
    True
    """
    return check_figure("Task 7", fig)
