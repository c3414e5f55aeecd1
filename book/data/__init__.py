"""The course's sourced tables: load them, query them, cite them.

>>> events = load("events")
>>> bool((events["date"] >= "2012-01-01").all())
True
"""

from book.data.helpers import by_actor, by_theme, citation, events_between, sources_for
from book.data.loader import load, tables, validate_rows
from book.data.validate import DataError

__all__ = [
    "DataError",
    "by_actor",
    "by_theme",
    "citation",
    "events_between",
    "load",
    "sources_for",
    "tables",
    "validate_rows",
]
