"""Checks for the exercise "The mandate in numbers" (``exercises/mandate.ipynb``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from book.checks import Feedback, check_figure, check_frame, check_number, record
from book.data import load
from book.tasks import task


def _mandate_resolutions() -> pd.DataFrame:
    res = load("resolutions")
    return res[res["topic"] == "mandate"]


@task("LO1")
def task_1(mandate_res: Any) -> Feedback:
    """Task 1: the resolutions whose topic is "mandate".

    >>> task_1(_mandate_resolutions()).passed
    True
    """
    return check_frame("Task 1", mandate_res, key="resolution",
                       expected_keys=_mandate_resolutions()["resolution"].tolist(),
                       hint='Filter with res[res["topic"] == "mandate"].')


@task("LO3")
def task_2(largest_ceiling: Any) -> Feedback:
    """Task 2: the largest authorised uniformed ceiling (military + police) of any mandate resolution.

    >>> task_2(15209).passed
    True
    """
    m = _mandate_resolutions()
    expected = int((m["military_ceiling"] + m["police_ceiling"]).max())
    return check_number("Task 2", largest_ceiling, expected, unit="uniformed personnel",
                        hint="Add the military and police ceilings row by row, then take the maximum.")


@task("LO1", "LO3")
def task_3(first_raise: Any) -> Feedback:
    """Task 3: the first resolution whose military ceiling is above 11,240.

    >>> task_3(2295).passed
    True
    """
    m = _mandate_resolutions()
    expected = int(m.loc[m["military_ceiling"] > 11240, "resolution"].min())
    return check_number("Task 3", first_raise, expected, thousands=False,
                        hint="Filter on the military ceiling, then take the smallest resolution number.")


@task("LO3")
def task_4(share_2019: Any) -> Feedback:
    """Task 4: the deployed share of the authorised ceiling in 2019 (a fraction, not a percentage).

    >>> task_4(0.971).passed
    True
    """
    y = load("minusma_yearly").set_index("year").loc[2019]
    expected = float(y["deployed_uniformed"] / (y["military_ceiling"] + y["police_ceiling"]))
    if isinstance(share_2019, int | float) and 1 < share_2019 <= 100:
        return record(Feedback("Task 4", False,
                               f"{share_2019} looks like a percentage; give the share as a fraction from 0 to 1."))
    return check_number("Task 4", share_2019, expected, tolerance=0.005,
                        hint="Divide deployed_uniformed by the sum of the two ceilings, for the 2019 row.")


@task("LO1")
def task_5(not_unanimous: Any) -> Feedback:
    """Task 5: how many mandate resolutions were not adopted with all 15 votes in favour.

    >>> task_5(1).passed
    True
    """
    expected = int((_mandate_resolutions()["votes_for"] < 15).sum())
    return check_number("Task 5", not_unanimous, expected, hint="Count the rows where votes_for is below 15.")


@task("LO3")
def task_6(fig: Any) -> Feedback:
    """Task 6: a figure with a title and at least one trace.

    >>> import plotly.express as px
    >>> task_6(px.line(x=[1, 2], y=[3, 4], title="T")).passed
    True
    """
    return check_figure("Task 6", fig)


@task("LO1")
def task_7(timeline: Any, events_2023: Any) -> Feedback:
    """Task 7: the events of 2023 drawn with the course's event timeline.

    >>> from book.data import events_between
    >>> from book.figures import event_timeline
    >>> ev = events_between(load("events"), "2023-01-01", "2023-12-31")
    >>> task_7(event_timeline(ev, title="2023"), ev).passed
    True
    """
    window = check_frame("Task 7", events_2023, key="event_id", expected_keys=_events_of(2023),
                         hint='Use events_between(events, "2023-01-01", "2023-12-31").', keep=False)
    if not window.passed:
        return record(window)
    drawn = check_figure("Task 7", timeline, keep=False)
    if not drawn.passed:
        return record(drawn)
    points = sum(sum(x is not None for x in (getattr(t, "x", None) if getattr(t, "x", None) is not None else []))
                 for t in timeline.data)
    if points == 0:
        return record(Feedback("Task 7", False, "The figure has no events: pass events_2023 to event_timeline."))
    return record(Feedback("Task 7", True, f"A timeline of the {len(events_2023)} events of 2023, with a title."))


def _events_of(year: int) -> list[str]:
    events = load("events")
    return events.loc[events["date"].dt.year == year, "event_id"].tolist()
