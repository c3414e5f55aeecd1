"""The checks of each exercise notebook, one module per chapter. Expected values are computed
from the course data, so a corrected data row corrects the check too.

Each check is declared with :func:`task`, which records the task's number and the learning
objectives it checks. The registry is how the tests know that every objective of a chapter is
checked, and how the grader knows which tasks an exercise has, even when a student deletes a cell.

>>> from book.tasks import tasks_of
>>> [t.number for t in tasks_of("book.tasks.mandate")]
[1, 2, 3, 4, 5, 6, 7]
>>> tasks_of("book.tasks.mandate")[0].objectives
('LO1',)
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

Check = TypeVar("Check", bound=Callable[..., Any])

_REGISTRY: dict[str, dict[int, Task]] = {}
_NAME = re.compile(r"^task_(\d+)$")
_OBJECTIVE = re.compile(r"^LO\d+$")


@dataclass(frozen=True)
class Task:
    """One checked task of an exercise: its number, the objectives it checks and its check."""

    module: str
    number: int
    objectives: tuple[str, ...]
    check: Callable[..., Any]

    @property
    def label(self) -> str:
        """How feedback and reports name the task: ``Task 3``."""
        return f"Task {self.number}"


def task(*objectives: str) -> Callable[[Check], Check]:
    """Declare a check ``task_N`` and the learning objectives (``"LO1"``...) it checks.

    >>> @task("LO2")
    ... def task_9(answer):
    ...     return answer == 42
    >>> task_9(42), [t.objectives for t in tasks_of(__name__) if t.number == 9]
    (True, [('LO2',)])
    """
    if not objectives or not all(_OBJECTIVE.match(o) for o in objectives):
        raise ValueError(f"@task needs the learning objectives it checks, like @task('LO1'); got {objectives!r}")

    def register(check: Check) -> Check:
        match = _NAME.match(check.__name__)
        if not match:
            raise ValueError(f"a task's check is called task_N, like task_1; not {check.__name__!r}")
        number = int(match.group(1))
        _REGISTRY.setdefault(check.__module__, {})[number] = Task(check.__module__, number, objectives, check)
        return check

    return register


def tasks_of(module: str) -> list[Task]:
    """The tasks that the module ``module`` (for example ``"book.tasks.mandate"``) declares, in order."""
    importlib.import_module(module)
    return [t for _, t in sorted(_REGISTRY.get(module, {}).items())]
