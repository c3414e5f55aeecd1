"""Checks for the exercise of chapter 8, "Reading the article critically" (``exercises/reading-the-article.ipynb``).

✎ TEMPLATE: replace task 1 with the chapter's own tasks (a published chapter has at least five,
one of which tests a claim of the article or of an actor against the data). Declare each check
with ``@task("LO…")``, naming the learning objectives it checks, and compute the expected value
from the course data, so that a corrected row corrects the check too.
"""

from __future__ import annotations

from typing import Any

from book.checks import Feedback, check_number
from book.data import load
from book.tasks import task


@task("LO1")
def task_1(events_2013: Any) -> Feedback:
    """Task 1 (✎ TEMPLATE): how many events the course records for 2013.

    >>> events = load("events")
    >>> task_1(int((events["date"].dt.year == 2013).sum())).passed
    True
    >>> task_1("twelve").passed
    False
    """
    events = load("events")
    expected = int((events["date"].dt.year == 2013).sum())
    return check_number("Task 1", events_2013, expected, unit="events",
                        hint='Keep the rows whose date is in 2013 (events["date"].dt.year == 2013), then count them.')
