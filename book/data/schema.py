"""Read the table schemas from ``data/datapackage.json`` (Frictionless Table Schema).

The descriptor is standard Frictionless, plus four properties of the course's own on a field:
``x-list`` (the cell holds a ``;``-separated list), ``x-references`` (each item of such a list is a
key of another table), ``x-after`` (the value may not be earlier than another field's),
``x-pattern-hint`` (what the field's pattern asks for, in words, for the error message),
``x-not-after-today`` (a date of the record, never in the future), ``x-starts-with`` (the value
begins with another field's value, as an event's id with its date) and ``x-only-when`` (the cell is
filled only when another field has a given value, as an end date only for a period). Standard
Frictionless validators ignore these ``x-`` rules; the course's loader applies them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FieldSpec:
    """One column of a table, as the descriptor defines it."""

    name: str
    type: str
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: Any = None
    maximum: Any = None
    max_length: int | None = None
    is_list: bool = False
    references: str | None = None
    after: str | None = None
    pattern_hint: str | None = None
    not_after_today: bool = False
    starts_with: str | None = None
    only_when: tuple[str, str] | None = None

    @classmethod
    def from_descriptor(cls, d: dict[str, Any]) -> FieldSpec:
        """Build a field from its descriptor entry.

        >>> FieldSpec.from_descriptor({"name": "year", "type": "integer",
        ...                            "constraints": {"required": True}}).required
        True
        """
        c = d.get("constraints", {})
        enum = c.get("enum")
        return cls(
            name=d["name"],
            type=d.get("type", "string"),
            description=d.get("description", ""),
            required=bool(c.get("required", False)),
            unique=bool(c.get("unique", False)),
            enum=tuple(enum) if enum else None,
            pattern=c.get("pattern"),
            minimum=c.get("minimum"),
            maximum=c.get("maximum"),
            max_length=c.get("maxLength"),
            is_list=bool(d.get("x-list", False)),
            references=d.get("x-references"),
            after=d.get("x-after"),
            pattern_hint=d.get("x-pattern-hint"),
            not_after_today=bool(d.get("x-not-after-today", False)),
            starts_with=d.get("x-starts-with"),
            only_when=next(iter(d["x-only-when"].items())) if d.get("x-only-when") else None,
        )


@dataclass(frozen=True)
class TableSpec:
    """One table: its file, its columns, its key and what its columns point at."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[FieldSpec, ...]
    primary_key: str
    foreign_keys: tuple[tuple[str, str], ...]  # (column, other table), scalar or list columns

    @property
    def field_names(self) -> list[str]:
        """The column names, in order."""
        return [f.name for f in self.fields]

    def field(self, name: str) -> FieldSpec:
        """The field called ``name``."""
        return next(f for f in self.fields if f.name == name)


def read_package(path: Path) -> dict[str, TableSpec]:
    """Return every table described in the data package at ``path``, by name.

    >>> from book.paths import data_dir
    >>> tables = read_package(data_dir() / "datapackage.json")
    >>> tables["events"].primary_key
    'event_id'
    """
    from book.data.validate import DataError, Problem  # validate imports this module

    text = path.read_text(encoding="utf-8")
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        line = text.splitlines()[error.lineno - 1] if error.lineno <= len(text.splitlines()) else ""
        hint = " (a comma before a closing } or ] is not allowed in JSON)" if re.search(r",\s*$", line) or \
            text[error.pos:error.pos + 1] in "}]" else ""
        raise DataError([Problem(path.name, error.lineno, "", line.strip()[:60],
                                 f"not valid JSON at column {error.colno}: {error.msg}{hint}")]) from None
    tables: dict[str, TableSpec] = {}
    for res in descriptor["resources"]:
        schema = res["schema"]
        fields = tuple(FieldSpec.from_descriptor(f) for f in schema["fields"])
        for f in fields:
            try:
                re.compile(f.pattern or "")
            except re.error as error:
                line = next((n for n, t in enumerate(text.splitlines(), start=1) if '"pattern"' in t and
                             json.dumps(f.pattern)[1:-1][:20] in t), 0)
                raise DataError([Problem(path.name, line, f.name, f.pattern or "",
                                         f'table "{res["name"]}": the pattern is not a valid regular expression '
                                         f"({error})")]) from None
        fks = [(fk["fields"][0], fk["reference"]["resource"]) for fk in schema.get("foreignKeys", [])]
        fks += [(f.name, f.references) for f in fields if f.references]
        pk = schema["primaryKey"]
        tables[res["name"]] = TableSpec(
            name=res["name"],
            path=res["path"],
            title=res.get("title", res["name"]),
            description=res.get("description", ""),
            fields=fields,
            primary_key=pk[0] if isinstance(pk, list) else pk,
            foreign_keys=tuple(fks),
        )
    return tables
