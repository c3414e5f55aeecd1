"""Every kind of mistake a teacher makes editing a table in a spreadsheet, on every table: each is
refused with a message that names the file, the line and the column and says what to do, and a
spreadsheet's own export format (UTF-8 with a byte-order mark, Windows line endings) loads.

The standard Frictionless validator refuses the same files for the rules it knows (types,
required cells, vocabularies, patterns, unique keys); the course's own rules (``x-`` properties in
``datapackage.json``) are checked by the course's loader alone."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from book.data import DataError, load, tables
from book.paths import data_dir

TABLES = sorted(tables())


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def _rows(folder: Path, table: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / f"{table}.csv").read_text(encoding="utf-8"), newline="")))


def _write(folder: Path, table: str, rows: list[list[str]]) -> None:
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _message(folder: Path, table: str) -> str:
    with pytest.raises(DataError) as caught:
        load(table, root=folder)
    return str(caught.value)


def _text_column(table: str) -> str:
    spec = tables()[table]
    return next(f.name for f in spec.fields if f.type == "string" and not f.is_list and not f.enum
                and not f.pattern and f.name != spec.primary_key)


def _set(folder: Path, table: str, column: str, value: str, row: int = 1) -> int:
    rows = _rows(folder, table)
    rows[row][rows[0].index(column)] = value
    _write(folder, table, rows)
    return row + 1  # the file line (the header is line 1; no cell of the first rows spans lines)


# ---------- the spreadsheet's own formats ----------

@pytest.mark.parametrize("table", TABLES)
def test_a_utf8_file_with_a_byte_order_mark_and_windows_line_endings_loads(data_copy, table):
    path = data_copy / f"{table}.csv"
    original = load(table)
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load(table, root=data_copy).equals(original)


@pytest.mark.parametrize("table", TABLES)
def test_a_file_saved_in_windows_1252_is_refused_with_how_to_re_save_it(data_copy, table):
    line = _set(data_copy, table, _text_column(table), "Ségou, Côte d'Ivoire")
    path = data_copy / f"{table}.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", "replace"))
    message = _message(data_copy, table)
    assert f"{table}.csv, line {line}" in message and "not UTF-8" in message and "CSV UTF-8" in message


def test_a_single_latin_1_byte_names_its_line_and_place(data_copy):
    path = data_copy / "resolutions.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"S/RES", b"S/R\xe9S", 1)
    path.write_bytes(b"\n".join(lines))
    message = _message(data_copy, "resolutions")
    assert "resolutions.csv, line 4" in message and "byte 0xE9" in message


# ---------- the header ----------

@pytest.mark.parametrize("table", TABLES)
def test_a_column_twice_in_the_header_is_refused_naming_both(data_copy, table):
    rows = _rows(data_copy, table)
    column = rows[0][-1]
    rows = [[*r, r[-1]] for r in rows]
    _write(data_copy, table, rows)
    message = _message(data_copy, table)
    width = len(rows[0])
    assert f'{table}.csv, line 1 (header), column "{column}"' in message
    assert f"appears twice in the header (columns {width - 1} and {width})" in message


# ---------- cells that Python would coerce ----------

@pytest.mark.parametrize("value, expected", [
    ("١٢", "digits 0-9"),               # Arabic-Indic digits: int() would read 12
    ("1_000", "digits 0-9"),            # underscores: int() would read 1000
    ("99999999999999999999999", "at most 19 digits"),
    ("12.0", "whole number"),
    (" 12e3", "whole number"),
])
def test_an_integer_that_python_would_coerce_is_refused(data_copy, value, expected):
    line = _set(data_copy, "resolutions", "military_ceiling", value, row=4)
    message = _message(data_copy, "resolutions")
    assert f'resolutions.csv, line {line} (row \'2100\'), column "military_ceiling"' in message and expected in message


@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "1_5.2", "١٦.٢", "16,2"])
def test_a_number_that_python_would_coerce_is_refused(data_copy, value):
    line = _set(data_copy, "places", "lat", value)
    message = _message(data_copy, "places")
    assert f"places.csv, line {line}" in message and 'column "lat"' in message and "digits 0-9" in message


@pytest.mark.parametrize("table", TABLES)
def test_a_nul_byte_is_refused(data_copy, table):
    column = _text_column(table)
    line = _set(data_copy, table, column, "text\x00more")
    message = _message(data_copy, table)
    assert f"{table}.csv, line {line}" in message and f'column "{column}"' in message and "NUL byte" in message


@pytest.mark.parametrize("table", TABLES)
def test_an_oversized_cell_is_refused(data_copy, table):
    column = _text_column(table)
    _set(data_copy, table, column, "x" * 200_000)
    message = _message(data_copy, table)
    assert f"{table}.csv, line 2" in message and ("at most 20,000 characters" in message or "field larger" in message)


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("formula", ['=HYPERLINK("http://example.org","x")', "+SUM(A1:A9)", "@cmd()", "=1+1"])
def test_a_spreadsheet_formula_in_a_text_column_is_refused(data_copy, table, formula):
    column = _text_column(table)
    line = _set(data_copy, table, column, formula)
    message = _message(data_copy, table)
    assert f"{table}.csv, line {line}" in message and "spreadsheet formula" in message


def test_text_that_only_starts_with_a_minus_is_text():
    from book.data.validate import FORMULA

    assert not FORMULA.search("-3 °C at night") and not FORMULA.search("+ more")
    assert FORMULA.search("=SUM(1)") and FORMULA.search("- cmd(1)")


# ---------- the course's own rules, in the schema ----------

def test_a_date_in_the_future_is_refused_where_the_record_is_past(data_copy):
    line = _set(data_copy, "events", "date", "2099-01-01")
    message = _message(data_copy, "events")
    assert f"events.csv, line {line}" in message and "not after today" in message


def test_an_event_whose_id_does_not_start_with_its_date_is_refused(data_copy):
    rows = _rows(data_copy, "events")
    date = rows[1][rows[0].index("date")]
    rows[1][rows[0].index("event_id")] = "1999-01-01" + rows[1][0][10:]
    _write(data_copy, "events", rows)
    message = _message(data_copy, "events")
    assert 'column "event_id"' in message and f"starts with the row's \"date\" ({date})" in message


def test_a_one_day_event_with_an_end_date_is_refused(data_copy):
    rows = _rows(data_copy, "events")
    row = next(i for i, r in enumerate(rows) if r[rows[0].index("kind")] == "event")
    rows[row][rows[0].index("end_date")] = rows[row][rows[0].index("date")]
    _write(data_copy, "events", rows)
    message = _message(data_copy, "events")
    assert 'column "end_date"' in message and 'empty cell unless "kind" is period' in message


# ---------- the data package itself ----------

def test_a_trailing_comma_in_the_data_package_names_the_line(data_copy):
    path = data_copy / "datapackage.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip() == '"claim_id"')
    lines[number] += ","  # the key list of the claims table now ends with a comma
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _message(data_copy, "claims")
    assert f"datapackage.json, line {number + 2}" in message and "not valid JSON" in message and "comma" in message


def test_an_invalid_pattern_in_the_data_package_is_named(data_copy):
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")
    claims["schema"]["fields"][0]["constraints"]["pattern"] = "^C(\\d{2}$"
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    message = _message(data_copy, "claims")
    assert 'column "claim_id"' in message and "not a valid regular expression" in message


# ---------- the standard validator agrees ----------

STANDARD = [  # (table, column, value): each breaks a rule that Frictionless knows too
    ("resolutions", "adopted", "2013-13-25"),
    ("resolutions", "military_ceiling", "eleven thousand"),
    ("claims", "verdict", "mostly true"),
    ("claims", "claim_id", "X99"),
    ("claims", "paraphrase", ""),
    ("events", "event_id", "2012-01-18-aguelhok-massacre"),  # a duplicate key on row 2
]


@pytest.mark.parametrize("table, column, value", STANDARD)
def test_frictionless_and_the_course_loader_refuse_the_same_files(data_copy, table, column, value):
    from frictionless import validate

    assert validate(str(data_copy / "datapackage.json")).valid, "the clean copy must be valid for both"
    _set(data_copy, table, column, value, row=2 if column == "event_id" else 1)
    message = _message(data_copy, table)
    assert re.search(rf"{table}\.csv, line \d+", message)
    report = validate(str(data_copy / "datapackage.json"))
    assert not report.valid, f"Frictionless accepts {table}.{column} = {value!r}, which the loader refuses"
