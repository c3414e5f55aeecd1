"""Check a table's cells against its schema and say exactly what is wrong, and where.

Every problem names the file, the line, the row's key, the column, the value and what was
expected, so that a teacher who mistyped a date in a spreadsheet can find and fix it.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from book.data.schema import FieldSpec, TableSpec

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or with the header)."""

    file: str
    line: int
    column: str
    value: str
    expected: str
    key: str = ""

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}"
        if self.line == 1:
            where += " (header)"
        elif self.key:
            where += f" (row {self.key!r})"
        cell = f'column "{self.column}"' if self.column else "row"
        return f"{where}, {cell}: {self.value!r} — {self.expected}"


class DataError(ValueError):
    """A table does not match its schema. ``problems`` lists every mistake found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} {noun} in the course data:\n{shown}{more}")


class _Bad(Exception):
    """A cell could not be read; the message says what was expected."""


def _parse_date(raw: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise _Bad("expected a date written YYYY-MM-DD, for example 2013-04-25")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise _Bad("expected a real calendar date written YYYY-MM-DD") from None


def _parse_scalar(field: FieldSpec, raw: str) -> Any:
    """Turn one non-empty cell into a Python value of the field's type, or raise ``_Bad``.

    >>> _parse_scalar(FieldSpec("n", "integer"), "12")
    12
    >>> _parse_scalar(FieldSpec("n", "integer"), "12.5")
    Traceback (most recent call last):
    ...
    book.data.validate._Bad: expected a whole number, for example 11200
    """
    if field.type == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            raise _Bad("expected a whole number, for example 11200")
        value: Any = int(raw)
    elif field.type == "number":
        try:
            value = float(raw)
        except ValueError:
            raise _Bad("expected a number, for example 16.2654") from None
    elif field.type == "date":
        value = _parse_date(raw)
    elif field.type == "boolean":
        if raw not in ("true", "false"):
            raise _Bad("expected true or false")
        value = raw == "true"
    else:
        value = raw
    _check_constraints(field, value)
    return value


def _check_constraints(field: FieldSpec, value: Any) -> None:
    if field.enum is not None and value not in field.enum:
        close = difflib.get_close_matches(str(value), field.enum, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise _Bad(f"expected one of: {', '.join(field.enum)}{hint}")
    if field.pattern is not None and not re.fullmatch(field.pattern, str(value)):
        raise _Bad(f"expected {field.pattern_hint}" if field.pattern_hint
                   else f"expected text matching the pattern {field.pattern}")
    if field.max_length is not None and len(str(value)) > field.max_length:
        raise _Bad(f"expected at most {field.max_length} characters, got {len(str(value))}")
    for bound, ok, word in ((field.minimum, lambda b: value >= b, "at least"),
                            (field.maximum, lambda b: value <= b, "at most")):
        if bound is None:
            continue
        b = _parse_date(bound) if field.type == "date" else bound
        if not ok(b):
            raise _Bad(f"expected a value {word} {bound}")


def parse_cell(field: FieldSpec, raw: str) -> Any:
    """Read one cell as its field says: a typed value, a list, or ``None`` when empty.

    >>> parse_cell(FieldSpec("ids", "string", is_list=True), "fama;wagner")
    ['fama', 'wagner']
    >>> parse_cell(FieldSpec("d", "date"), "") is None
    True
    """
    raw = raw.strip()
    if field.is_list:
        items = [item.strip() for item in raw.split(LIST_SEPARATOR)] if raw else []
        if any(not item for item in items):
            raise _Bad(f'expected items separated by "{LIST_SEPARATOR}", with none empty')
        if field.required and not items:
            raise _Bad("expected at least one item; this column may not be empty")
        return [_parse_scalar(field, item) for item in items]
    if not raw:
        if field.required:
            raise _Bad("expected a value; this column may not be empty")
        return None
    return _parse_scalar(field, raw)


def read_rows(spec: TableSpec, path: Path, label: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Read and check one CSV file: its header, every cell, unique keys and ordered dates.

    Returns the typed rows (with ``_line``, the file line of each row) and every problem found.
    """
    problems: list[Problem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        expected = spec.field_names
        for name in header:
            if name not in expected:
                close = difflib.get_close_matches(name, expected, n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                problems.append(Problem(label, 1, name, name, f"unknown column{hint}; "
                                        f"the columns are: {', '.join(expected)}"))
        for name in expected:
            if name not in header:
                problems.append(Problem(label, 1, name, "", "this column is missing from the header"))
        if problems:
            return [], problems
        rows: list[dict[str, Any]] = []
        for cells in reader:
            line = reader.line_num  # the file line where the record ends (a quoted cell may span lines)
            if not any(c.strip() for c in cells):
                continue
            key = cells[header.index(spec.primary_key)] if len(cells) == len(header) else ""
            if len(cells) != len(header):
                problems.append(Problem(label, line, "", ",".join(cells)[:60],
                                        f"expected {len(header)} cells, found {len(cells)} "
                                        "(a comma inside a value must be quoted)"))
                continue
            row: dict[str, Any] = {"_line": line}
            for name, raw in zip(header, cells, strict=True):
                try:
                    row[name] = parse_cell(spec.field(name), raw)
                except _Bad as bad:
                    problems.append(Problem(label, line, name, raw, str(bad), key))
                    row[name] = None
            rows.append(row)
    problems += _check_rows(spec, rows, label)
    return rows, problems


def _check_rows(spec: TableSpec, rows: list[dict[str, Any]], label: str) -> list[Problem]:
    problems: list[Problem] = []
    key = spec.primary_key
    for field in spec.fields:
        if field.unique:
            seen: dict[Any, int] = {}
            for row in rows:
                value = row.get(field.name)
                if value is None:
                    continue
                if value in seen:
                    problems.append(Problem(label, row["_line"], field.name, str(value),
                                            f"expected a unique value; line {seen[value]} has it too",
                                            str(row.get(key, ""))))
                else:
                    seen[value] = row["_line"]
        if field.after:
            for row in rows:
                start, end = row.get(field.after), row.get(field.name)
                if start is not None and end is not None and end < start:
                    relation = "not less than" if field.type in ("integer", "number") else "not earlier than"
                    problems.append(Problem(label, row["_line"], field.name, str(end),
                                            f'expected a value {relation} "{field.after}" ({start})',
                                            str(row.get(key, ""))))
    return problems


def check_references(spec: TableSpec, rows: list[dict[str, Any]], keys: dict[str, set[Any]],
                     label: str) -> list[Problem]:
    """Check that every id in a column that points at another table is a key of that table."""
    problems: list[Problem] = []
    for column, other in spec.foreign_keys:
        known = keys.get(other, set())
        for row in rows:
            value = row.get(column)
            values = value if isinstance(value, list) else ([] if value is None else [value])
            for item in values:
                if item not in known:
                    close = difflib.get_close_matches(str(item), [str(k) for k in known], n=1)
                    hint = f' (did you mean "{close[0]}"?)' if close else ""
                    problems.append(Problem(label, row["_line"], column, str(item),
                                            f"expected an id listed in {other}.csv{hint}",
                                            str(row.get(spec.primary_key, ""))))
    return problems
