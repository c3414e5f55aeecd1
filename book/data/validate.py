"""Check a table's cells against its schema and say exactly what is wrong, and where.

Every problem names the file, the line, the row's key, the column, the value and what was
expected, so that a teacher who mistyped a date in a spreadsheet can find and fix it.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from book.data.schema import FieldSpec, TableSpec

LIST_SEPARATOR = ";"
csv.field_size_limit(max(csv.field_size_limit(), 1_000_000))  # so that a long cell gets the message below


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


MAX_CELL = 20_000  # characters: longer than any note, shorter than a pasted document
INT64 = 2**63 - 1
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORMULA = re.compile(r"^[=+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|^[=@]")


def _parse_date(raw: str) -> dt.date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
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
    book.data.validate._Bad: expected a whole number written with the digits 0-9, for example 11200
    """
    if field.type == "integer":
        if not re.fullmatch(r"-?[0-9]+", raw):
            raise _Bad("expected a whole number written with the digits 0-9, for example 11200")
        value: Any = int(raw)
        if abs(value) > INT64:
            raise _Bad("expected a whole number small enough for the table (at most 19 digits)")
    elif field.type == "number":
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", raw):
            raise _Bad("expected a number written with the digits 0-9 and a decimal point, for example 16.2654")
        value = float(raw)
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
    if field.not_after_today and isinstance(value, dt.date) and value > dt.date.today():
        raise _Bad(f"expected a date not after today ({dt.date.today().isoformat()}): the record holds what has "
                   "happened; a promised or expected date belongs in a note")
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
    if len(raw) > MAX_CELL:
        raise _Bad(f"expected at most {MAX_CELL:,} characters in a cell, got {len(raw):,}")
    bad = CONTROL.search(raw)
    if bad:
        name = "a NUL byte" if bad.group() == "\x00" else f"the control character {bad.group()!r}"
        raise _Bad(f"expected text without control characters; this cell holds {name} (retype the cell)")
    if field.type == "string" and FORMULA.search(raw.strip()):
        raise _Bad("expected text, not a spreadsheet formula: a cell starting with =, +, - or @ and a "
                   "function would run in a spreadsheet; reword it, or start it with another character")
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


def read_text(path: Path, label: str) -> tuple[str, Problem | None]:
    """A CSV file's text: UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8"), with any
    line endings. A file in another encoding is refused with the line and column of the first byte
    that is not UTF-8, and how to re-save it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "t.csv"
    ...     _ = p.write_bytes("a,b\\r\\nCôte,1\\r\\n".encode("cp1252"))
    ...     problem = read_text(p, "t.csv")[1]
    >>> problem.line, problem.value, problem.expected[:29]
    (2, 'byte 0xF4', 'this file is not UTF-8 (a byt')
    """
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return "", Problem(label, line, "", f"byte 0x{data[error.start]:02X}",
                           "this file is not UTF-8 (a byte that Windows-1252 or Latin-1 writes for an accented "
                           f"letter, at character {column} of the line): re-save it as UTF-8 (Excel: File > Save "
                           'As > "CSV UTF-8 (Comma delimited)"; LibreOffice: character set "Unicode (UTF-8)")')


def read_rows(spec: TableSpec, path: Path, label: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Read and check one CSV file: its header, every cell, unique keys and ordered dates.

    Returns the typed rows (with ``_line``, the file line of each row) and every problem found.
    """
    problems: list[Problem] = []
    text, problem = read_text(path, label)
    if problem:
        return [], [problem]
    with io.StringIO(text, newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, [])
        except csv.Error as error:
            return [], [Problem(label, 1, "", "", f"the header could not be read as CSV ({error})")]
        for number, name in enumerate(header):
            if name in header[:number]:
                return [], [Problem(label, 1, name, name, f"this column appears twice in the header (columns "
                                    f"{header.index(name) + 1} and {number + 1}); keep one")]
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
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                why = ("a cell is longer than any table needs; shorten it" if "field larger" in str(error)
                       else "check its quotes")
                problems.append(Problem(label, reader.line_num, "", "", f"this line could not be read as CSV "
                                        f"({error}): {why}"))
                break
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
        if field.starts_with:
            for row in rows:
                value, other = row.get(field.name), row.get(field.starts_with)
                prefix = other.isoformat() if isinstance(other, dt.date) else str(other)
                if value is not None and other is not None and not str(value).startswith(prefix):
                    problems.append(Problem(label, row["_line"], field.name, str(value),
                                            f'expected a value that starts with the row\'s "{field.starts_with}" '
                                            f"({prefix}); rename the id, and every place that uses it",
                                            str(row.get(key, ""))))
        if field.only_when:
            other, wanted = field.only_when
            for row in rows:
                if row.get(field.name) is not None and str(row.get(other)) != wanted:
                    problems.append(Problem(label, row["_line"], field.name, str(row[field.name]),
                                            f'expected an empty cell unless "{other}" is {wanted} (it is '
                                            f"{row.get(other)})", str(row.get(key, ""))))
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
