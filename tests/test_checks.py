"""Exercise checks: a wrong type, shape or value gets a sentence, never a traceback."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import pytest

from book.checks import Feedback, check_figure, check_frame, check_number, check_set, summary
from book.tasks import mandate


@pytest.mark.parametrize("answer", [None, ..., "15209", [15209], {"a": 1}, pd.DataFrame(), np.nan, object()])
def test_number_check_never_raises(answer):
    result = check_number("t", answer, 15209)
    assert isinstance(result, Feedback) and not result.passed and result.message


def test_number_check_accepts_numpy_and_one_cell_results():
    assert check_number("t", np.int64(15209), 15209).passed
    assert check_number("t", pd.Series([15209]), 15209).passed
    assert "too low" in check_number("t", 100, 15209).message


@pytest.mark.parametrize("answer", [None, 3, "2100", pd.Series([2100]), [2100, 2164]])
def test_frame_check_explains_what_is_wrong(answer):
    result = check_frame("t", answer, key="resolution", expected_keys=[2100])
    assert not result.passed
    assert "DataFrame" in result.message or "no answer" in result.message


def test_frame_check_names_missing_columns_and_rows():
    frame = pd.DataFrame({"resolution": [2100, 2374]})
    assert "lacks the column(s) adopted" in check_frame("t", frame, key="resolution", expected_keys=[2100],
                                                           columns=["adopted"]).message
    message = check_frame("t", frame, key="resolution", expected_keys=[2100, 2164]).message
    assert message.startswith("1 of 2 rows found; 1 missing; 1 that should not be there")


def test_set_and_figure_checks():
    assert check_set("t", pd.Series([2100.0, 2164.0]), [2100, 2164]).passed
    assert "Expected a list" in check_set("t", 2100, [2100]).message
    assert not check_figure("t", "a chart").passed
    assert check_figure("t", px.bar(x=[1], y=[2], title="T")).passed


def test_mandate_tasks_against_the_data():
    from book.data import load
    res = load("resolutions")
    assert mandate.task_1(res[res["topic"] == "mandate"]).passed
    assert not mandate.task_1(res).passed
    assert mandate.task_2(15209).passed
    assert mandate.task_3(2295).passed
    assert "percentage" in mandate.task_4(97.1).message
    assert mandate.task_5(1).passed


def test_summary_keeps_the_last_try_per_task():
    check_number("summary-task", 1, 2)
    check_number("summary-task", 2, 2)
    row = summary().set_index("task").loc["summary-task"]
    assert bool(row["passed"]) is True


def test_feedback_html_says_it_in_words():
    html = Feedback("Task 1", False, "Not <yet>.", ["Look again."])._repr_html_()
    assert "Not yet: Task 1" in html and "&lt;yet&gt;" in html and "Look again." in html


def test_a_frame_with_repeated_rows_does_not_pass():
    frame = pd.DataFrame({"resolution": [2100, 2100, 2164]})
    result = check_frame("t", frame, key="resolution", expected_keys=[2100, 2164])
    assert not result.passed and "twice" in result.message


def test_task_7_never_raises_on_other_kinds_of_figure():
    from book.data import events_between, load

    events_2023 = events_between(load("events"), "2023-01-01", "2023-12-31")
    for fig in (px.scatter(x=[1, 2], y=[3, 4], title="T"), px.pie(values=[1, 2], names=["a", "b"], title="T")):
        result = mandate.task_7(fig, events_2023)
        assert isinstance(result, Feedback)


def test_task_4_percentage_is_recorded():
    mandate.task_4(97.1)
    assert "percentage" in summary().set_index("task").loc["Task 4", "message"]
