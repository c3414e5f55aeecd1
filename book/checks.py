"""Checks for exercise tasks: each one looks at a student's answer and says, in a sentence, what
is right or what to look at next. A check never raises for a student's mistake: a wrong type,
shape or value gets feedback, not a traceback.

Every check returns a :class:`Feedback` and records it (unless ``keep=False``, for a check that is
one step of a larger one), so that ``book.grade`` can collect the results of a whole notebook.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

RESULTS: list[Feedback] = []
NO_ANSWER = "There is no answer yet: replace the ... with your code, then run the cell again."


def _unanswered(answer: Any) -> bool:
    """True for the placeholders a student starts from: ``...`` and ``None``.

    >>> _unanswered(...), _unanswered(0)
    (True, False)
    """
    return answer is None or answer is Ellipsis


@dataclass
class Feedback:
    """The outcome of one check: passed or not, and a message for the student.

    >>> Feedback("t1", True, "Well done.")
    ✓ t1: Well done.
    """

    task: str
    passed: bool
    message: str
    hints: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        mark = "✓" if self.passed else "✗"
        lines = [f"{mark} {self.task}: {self.message}"] + [f"  Hint: {h}" for h in self.hints]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        word = "Passed" if self.passed else "Not yet"
        mark = "✓" if self.passed else "✗"
        hints = "".join(f"<li>{html.escape(h)}</li>" for h in self.hints)
        return (f'<div class="check-feedback" data-passed="{str(self.passed).lower()}" role="status">'
                f"<p><strong>{mark} {word}: {html.escape(self.task)}.</strong> {html.escape(self.message)}</p>"
                + (f"<ul>{hints}</ul>" if hints else "") + "</div>")


def record(result: Feedback) -> Feedback:
    """Keep a result for :func:`summary` and ``book.grade``, and return it."""
    RESULTS.append(result)
    return result


def _safely(task: str, check: Callable[[], Feedback], keep: bool = True) -> Feedback:
    try:
        result = check()
    except Exception as err:  # a check must not crash on a strange answer
        result = Feedback(task, False, f"Your answer could not be checked ({type(err).__name__}: {err}). "
                                       "Look at its type and contents with print().")
    return record(result) if keep else result


def _type_name(value: Any) -> str:
    return type(value).__name__


def check_number(task: str, answer: Any, expected: float, *, tolerance: float = 0.0, unit: str = "",
                 hint: str = "", thousands: bool = True, keep: bool = True) -> Feedback:
    """Check a number, within ``tolerance``. Whole numbers are shown with thousands separators,
    except with ``thousands=False``, for numbers that are names (a resolution, a year).

    >>> check_number("share", "0.97", 0.9711, tolerance=0.005)
    ✗ share: Your answer is text ('0.97'), not a number. Remove the quotes, or convert it with float().
    >>> check_number("share", 0.97, 0.9711, tolerance=0.005)
    ✓ share: 0.97 is right.
    >>> check_number("total", 15209, 15209)
    ✓ total: 15,209 is right.
    >>> check_number("gap", 10.0 - 9.6, 0.4, tolerance=0.001)
    ✓ gap: 0.4 is right.
    >>> check_number("resolution", 2295, 2295, thousands=False)
    ✓ resolution: 2295 is right.
    """
    def run() -> Feedback:
        if _unanswered(answer):
            return Feedback(task, False, NO_ANSWER)
        if isinstance(answer, str):
            return Feedback(task, False, f"Your answer is text ({answer!r}), not a number. "
                                         "Remove the quotes, or convert it with float().")
        if isinstance(answer, pd.Series | pd.DataFrame) and answer.size == 1:
            value = float(answer.squeeze())
        elif isinstance(answer, bool) or (not isinstance(answer, int | float) and not hasattr(answer, "__float__")):
            return Feedback(task, False, f"Expected a number, got a {_type_name(answer)}.")
        else:
            value = float(answer)
        if math.isnan(value):
            return Feedback(task, False, "Your answer is NaN (not a number): a missing value crept in.")
        whole = f"{value:,.0f}" if thousands else f"{value:.0f}"
        shown = whole if value.is_integer() else f"{round(value, 6):,}"  # 0.4, not 0.40000000000000036
        if abs(value - expected) <= tolerance:
            return Feedback(task, True, f"{shown} is right." if unit == "" else f"{shown} {unit} is right.")
        direction = "too high" if value > expected else "too low"
        return Feedback(task, False, f"{shown} is {direction}.", [hint] if hint else [])
    return _safely(task, run, keep)


def check_set(task: str, answer: Any, expected: Iterable[Any], *, what: str = "items", hint: str = "",
              keep: bool = True) -> Feedback:
    """Check a collection of values, ignoring order (a list, a Series or a DataFrame column).

    >>> check_set("ids", [2100, 2164], [2100, 2164, 2227], what="resolutions")
    ✗ ids: 2 of 3 resolutions found; 1 missing.
    """
    def run() -> Feedback:
        if _unanswered(answer):
            return Feedback(task, False, NO_ANSWER)
        if isinstance(answer, str | bytes) or not hasattr(answer, "__iter__"):
            return Feedback(task, False, f"Expected a list or a column of {what}, got a {_type_name(answer)}.")
        given = {_plain(v) for v in answer}
        want = {_plain(v) for v in expected}
        if given == want:
            return Feedback(task, True, f"All {len(want)} {what}, and nothing else.")
        missing, extra = want - given, given - want
        parts = [f"{len(want & given)} of {len(want)} {what} found"]
        if missing:
            parts.append(f"{len(missing)} missing")
        if extra:
            parts.append(f"{len(extra)} that should not be there, e.g. {sorted(map(str, extra))[0]}")
        return Feedback(task, False, "; ".join(parts) + ".", [hint] if hint else [])
    return _safely(task, run, keep)


def check_values(task: str, answer: Any, expected: dict[Any, float], *, what: str = "values", hint: str = "",
                 keep: bool = True) -> Feedback:
    """Check a value for each key: a pandas Series indexed by the keys, or a dict. Every key must be
    there, and each value must equal the expected one; the feedback names the first wrong key.

    >>> check_values("months", {"a": 18, "b": 21}, {"a": 18, "b": 21}, what="promises")
    ✓ months: All 2 promises have the right value.
    >>> check_values("months", {"a": 18, "b": 20}, {"a": 18, "b": 21}, what="promises")
    ✗ months: 1 of 2 promises right; for b you have 20, which is too low.
    >>> check_values("months", 18, {"a": 18}).message
    'Expected a Series indexed by key (or a dict), got a int.'
    """
    def run() -> Feedback:
        if _unanswered(answer):
            return Feedback(task, False, NO_ANSWER)
        if isinstance(answer, pd.DataFrame):
            return Feedback(task, False, "Expected one column (a Series), got a whole DataFrame: "
                                         "set the key as its index and keep the column of values.")
        if not isinstance(answer, pd.Series | dict):
            return Feedback(task, False, f"Expected a Series indexed by key (or a dict), got a {_type_name(answer)}.")
        given = {_plain(k): _plain(v) for k, v in answer.items()}
        missing = [k for k in expected if k not in given]
        if missing:
            return Feedback(task, False, f"{len(missing)} of {len(expected)} {what} missing, e.g. {missing[0]}. "
                                         "Is the key the index of your Series?", [hint] if hint else [])
        wrong = [k for k in expected if given[k] != _plain(expected[k])]
        if not wrong:
            return Feedback(task, True, f"All {len(expected)} {what} have the right value.")
        first = wrong[0]
        value = given[first]
        how = (f"which is too {'high' if value > expected[first] else 'low'}"
               if isinstance(value, int | float) and not isinstance(value, bool) else "which is not a number")
        return Feedback(task, False, f"{len(expected) - len(wrong)} of {len(expected)} {what} right; "
                                     f"for {first} you have {value}, {how}.", [hint] if hint else [])
    return _safely(task, run, keep)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def check_frame(task: str, answer: Any, *, key: str, expected_keys: Iterable[Any],
                columns: Iterable[str] = (), hint: str = "", keep: bool = True) -> Feedback:
    """Check a DataFrame: its type, the columns it needs and which rows (by ``key``) it holds.

    >>> check_frame("t", [1, 2], key="resolution", expected_keys=[2100])
    ✗ t: Expected a pandas DataFrame, got a list. Did you select a single column by mistake?
    """
    def run() -> Feedback:
        if _unanswered(answer):
            return Feedback(task, False, NO_ANSWER)
        if not isinstance(answer, pd.DataFrame):
            return Feedback(task, False, f"Expected a pandas DataFrame, got a {_type_name(answer)}. "
                                         "Did you select a single column by mistake?")
        needed = [key, *columns]
        missing = [c for c in needed if c not in answer.columns]
        if missing:
            return Feedback(task, False, f"The DataFrame lacks the column(s) {', '.join(missing)}.")
        result = check_set(task, answer[key], expected_keys, what="rows", hint=hint, keep=False)
        duplicated = int(answer[key].duplicated().sum())
        if result.passed and duplicated:
            return Feedback(task, False, f"The right rows, but {duplicated} of them twice: drop the repeats.")
        if result.passed:
            result.message = f"The right {len(answer)} rows, with the columns needed."
        return result
    return _safely(task, run, keep)


def check_figure(task: str, fig: Any, *, min_traces: int = 1, needs_title: bool = True, keep: bool = True) -> Feedback:
    """Check that a Plotly figure exists, has data and has a title (every figure needs one).

    >>> import plotly.graph_objects as go
    >>> check_figure("plot", go.Figure(go.Scatter(x=[1], y=[1])))
    ✗ plot: The figure has no title: give it one with title="...".
    """
    def run() -> Feedback:
        if _unanswered(fig):
            return Feedback(task, False, "There is no figure yet: assign your figure to the variable.")
        if not hasattr(fig, "data") or not hasattr(fig, "layout"):
            return Feedback(task, False, f"Expected a Plotly figure, got a {_type_name(fig)}.")
        if len(fig.data) < min_traces:
            return Feedback(task, False, f"The figure has {len(fig.data)} trace(s); expected at least {min_traces}.")
        if needs_title and not (fig.layout.title and fig.layout.title.text):
            return Feedback(task, False, 'The figure has no title: give it one with title="...".')
        return Feedback(task, True, "A figure with data and a title.")
    return _safely(task, run, keep)


def summary() -> pd.DataFrame:
    """The results of every check run so far in this session, one row per task (the last try).

    >>> isinstance(summary(), pd.DataFrame)
    True
    """
    latest: dict[str, Feedback] = {r.task: r for r in RESULTS}
    return pd.DataFrame([{"task": r.task, "passed": r.passed, "message": r.message} for r in latest.values()],
                        columns=["task", "passed", "message"])


def results_json() -> str:
    """The summary as JSON, for ``book.grade``."""
    return json.dumps(summary().to_dict(orient="records"), ensure_ascii=False)
