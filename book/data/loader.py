"""Load a course table as a typed pandas DataFrame, validated against its schema on load."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from book.data.schema import TableSpec, read_package
from book.data.validate import DataError, Problem, check_references, read_rows
from book.paths import data_dir


def tables(root: Path | None = None) -> dict[str, TableSpec]:
    """The table schemas of the data package, by name.

    >>> sorted(tables())[:3]
    ['actors', 'claims', 'events']
    """
    folder = root or data_dir()
    return read_package(folder / "datapackage.json")


def _label(folder: Path, spec: TableSpec) -> str:
    return f"{folder.name}/{spec.path}"


def _read(folder: Path, spec: TableSpec) -> tuple[list[dict[str, Any]], list[Problem]]:
    path = folder / spec.path
    if not path.exists():
        return [], [Problem(_label(folder, spec), 0, "", str(path), "the file does not exist")]
    return read_rows(spec, path, _label(folder, spec))


def validate_rows(name: str, root: Path | None = None) -> list[dict[str, Any]]:
    """Read table ``name`` and check it and the ids it points at; raise :class:`DataError` if wrong.

    >>> rows = validate_rows("resolutions")
    >>> rows[0]["symbol"]
    'S/RES/2056 (2012)'
    """
    folder = root or data_dir()
    specs = tables(folder)
    if name not in specs:
        raise KeyError(f"No table called {name!r}; the tables are: {', '.join(sorted(specs))}")
    spec = specs[name]
    rows, problems = _read(folder, spec)
    keys: dict[str, set[Any]] = {}
    for _, other in spec.foreign_keys:
        if other not in keys:
            other_spec = specs[other]
            other_rows, other_problems = _read(folder, other_spec)
            problems += [p for p in other_problems if other != name]
            keys[other] = {r[other_spec.primary_key] for r in other_rows}
    problems += check_references(spec, rows, keys, _label(folder, spec))
    if problems:
        raise DataError(problems)
    return rows


def _typed_frame(spec: TableSpec, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    for field in spec.fields:
        values = [row[field.name] for row in rows]
        if field.is_list:
            columns[field.name] = pd.Series(values, dtype=object)
        elif field.type == "date":
            columns[field.name] = pd.to_datetime(pd.Series(values, dtype=object))
        elif field.type == "integer":
            columns[field.name] = pd.array(values, dtype="Int64")
        elif field.type == "number":
            columns[field.name] = pd.array(values, dtype="Float64")
        elif field.type == "boolean":
            columns[field.name] = pd.array(values, dtype="boolean")
        elif field.enum is not None:
            columns[field.name] = pd.Categorical(values, categories=list(field.enum))
        else:
            columns[field.name] = pd.array(values, dtype="string")
    return pd.DataFrame(columns)


@cache
def _load_cached(name: str, folder: Path, stamp: tuple[float, ...]) -> pd.DataFrame:
    spec = tables(folder)[name]
    return _typed_frame(spec, validate_rows(name, folder))


def load(name: str, root: Path | None = None) -> pd.DataFrame:
    """Return table ``name`` as a typed DataFrame: dates as datetimes, integers as ``Int64``,
    vocabularies as categoricals, ``;`` lists as Python lists. Raises :class:`DataError` with
    the file, line, column and value of every mistake.

    >>> res = load("resolutions")
    >>> str(res["adopted"].dtype).startswith("datetime64"), str(res["military_ceiling"].dtype)
    (True, 'Int64')
    >>> res.loc[res["resolution"] == 2100, "symbol"].item()
    'S/RES/2100 (2013)'
    """
    folder = (root or data_dir()).resolve()
    stamp = tuple(p.stat().st_mtime for p in sorted(folder.glob("*.csv")))
    stamp += ((folder / "datapackage.json").stat().st_mtime,)
    frame = _load_cached(name, folder, stamp).copy()
    for field in tables(folder)[name].fields:
        if field.is_list:  # fresh lists, so that a caller's change never reaches the cache
            frame[field.name] = frame[field.name].map(list)
    return frame


__all__ = ["DataError", "load", "tables", "validate_rows"]
