"""Every table validates, links resolve, dates make sense, coverage is met, and a teacher's
mistaken edit is reported with the file, line, column, value and what was expected."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from book.data import DataError, by_actor, by_theme, citation, events_between, load, tables
from book.paths import data_dir

TABLES = sorted(tables())
TODAY = pd.Timestamp("2026-11-28")


@pytest.mark.parametrize("name", TABLES)
def test_every_table_validates_and_is_typed(name):
    frame = load(name)
    spec = tables()[name]
    assert list(frame.columns) == spec.field_names
    for field in spec.fields:
        dtype = str(frame[field.name].dtype)
        if field.type == "date":
            assert dtype.startswith("datetime64"), field.name
        elif field.type == "integer":
            assert dtype == "Int64", field.name
        elif field.is_list:
            assert frame[field.name].map(lambda v: isinstance(v, list)).all(), field.name
        elif field.enum:
            assert dtype == "category", field.name


def test_coverage():
    events = load("events")
    assert len(events) >= 150
    assert events["date"].min() <= pd.Timestamp("2012-01-31")
    assert events["date"].max() >= pd.Timestamp("2025-01-01")
    assert set(events["theme"].cat.categories) == set(events["theme"].unique())
    resolutions = load("resolutions")
    expected = {2100, 2164, 2227, 2295, 2364, 2423, 2480, 2531, 2584, 2640, 2690, 2374, 2649}
    assert expected <= set(resolutions["resolution"])
    assert sorted(load("minusma_yearly")["year"]) == list(range(2013, 2024))
    assert len(load("sanctions")) >= 20
    assert len(load("claims")) >= 25
    assert {"inaccurate", "imprecise"} <= set(load("claims")["verdict"])
    assert set(load("actors")["type"]) >= {"state", "intergovernmental", "un_mission", "jihadist_group",
                                           "private_military_company", "signatory_armed_group"}
    assert load("places")["is_minusma_base"].sum() >= 10


def test_dates_are_in_range_and_ordered():
    events = load("events")
    assert (events["date"] <= TODAY).all()
    spans = events.dropna(subset=["end_date"])
    assert (spans["end_date"] >= spans["date"]).all()
    assert (events.loc[events["kind"] == "event", "end_date"].isna()).all(), "a point event has an end date"
    res = load("resolutions")
    ends = res.dropna(subset=["mandate_end"])
    assert (ends["mandate_end"] > ends["adopted"]).all()
    sanctions = load("sanctions").dropna(subset=["imposed", "lifted"])
    assert (sanctions["lifted"] >= sanctions["imposed"]).all()


def test_every_transition_promise_points_ahead_and_says_how_its_date_was_found():
    timetable = load("transition_timetable")
    assert (timetable["announced"] <= TODAY).all()
    ahead = timetable["target_low"] > timetable["announced"]
    assert ahead.all(), f"a promise dated before it was made: {timetable.loc[~ahead, 'step_id'].tolist()}"
    computed = timetable[timetable["target_from"] == "computed"]
    assert computed["basis"].str.contains(r"\d", regex=True).all(), "a computed date must show its arithmetic"
    assert {"ecowas", "transitional-authorities"} <= {a for ids in timetable["actor_ids"] for a in ids}


def test_every_row_names_a_source_with_a_well_formed_url():
    sources = load("sources")
    with_url = sources.dropna(subset=["url"])
    assert with_url["url"].str.match(r"^https?://[^\s/]+\.[^\s]+$").all()
    assert sources.loc[sources["url"].isna(), "note"].notna().all(), "a source without URL must say where it is held"
    for name in TABLES:
        spec = tables()[name]
        source_columns = [f.name for f in spec.fields if f.references == "sources"]
        if name == "minusma_yearly" or not source_columns:
            continue
        if not next(f for f in spec.fields if f.name == "source_ids").required:
            continue  # the glossary: its method terms are the course's own (tests/test_glossary.py)
        frame = load(name)
        assert frame["source_ids"].map(len).gt(0).all(), f"{name}: a row without a source"


def test_every_yearly_figure_has_its_own_source():
    yearly = load("minusma_yearly")
    pairs = {"military_ceiling": "ceilings_source_ids", "deployed_uniformed": "deployed_source_ids",
             "budget_usd": "budget_source_ids", "fatalities_malicious": "fatalities_source_ids"}
    for value, source in pairs.items():
        filled = yearly[yearly[value].notna()]
        assert filled[source].map(len).gt(0).all(), f"{value} given without a source"


def test_helpers():
    events = load("events")
    june = events_between(events, "2023-06-01", "2023-06-30")
    assert any("2690" in t for t in june["title"])
    with pytest.raises(ValueError, match="before the start"):
        events_between(events, "2023-06-30", "2023-06-01")
    with pytest.raises(ValueError, match="Unknown theme 'sanction'"):
        by_theme(events, "sanction")
    with pytest.raises(ValueError, match="Unknown actor id"):
        by_actor(events, "minusmaa")
    assert citation("zuri-2023-end-of-minusma").startswith("Diplomacy Now")


# ---------- a teacher's mistaken edit ----------

@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def _edit(folder: Path, table: str, key: str, column: str, value: str) -> int:
    """Set one cell of a copied table; return the file line of the row changed."""
    path = folder / f"{table}.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    header = rows[0]
    keycol = tables(folder)[table].primary_key
    for line, row in enumerate(rows[1:], start=2):
        if row[header.index(keycol)] == key:
            row[header.index(column)] = value
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(rows)
            return line
    raise AssertionError(f"no row {key}")


RES_2100 = "2100"


def _message(folder: Path, table: str) -> str:
    with pytest.raises(DataError) as caught:
        load(table, root=folder)
    return str(caught.value)


def test_bad_date_is_named(data_copy):
    line = _edit(data_copy, "resolutions", RES_2100, "adopted", "2013-13-25")
    message = _message(data_copy, "resolutions")
    assert f"data/resolutions.csv, line {line} (row '2100'), column \"adopted\": '2013-13-25'" in message
    assert "expected a real calendar date" in message


def test_unknown_actor_id_is_named(data_copy):
    key = load("events").iloc[0]["event_id"]
    line = _edit(data_copy, "events", key, "actor_ids", "mnla;fammaa")
    message = _message(data_copy, "events")
    assert f"line {line} (row {key!r}), column \"actor_ids\": 'fammaa'" in message
    assert "expected an id listed in actors.csv" in message


def test_missing_source_is_named(data_copy):
    line = _edit(data_copy, "resolutions", RES_2100, "source_ids", "")
    message = _message(data_copy, "resolutions")
    assert f"line {line} (row '2100'), column \"source_ids\": ''" in message
    assert "expected at least one item" in message


def test_unknown_source_id_is_named(data_copy):
    _edit(data_copy, "resolutions", RES_2100, "source_ids", "reliefweb-2013-04-25-res-2100;no-such-source")
    assert "'no-such-source' — expected an id listed in sources.csv" in _message(data_copy, "resolutions")


def test_duplicate_key_is_named(data_copy):
    line = _edit(data_copy, "resolutions", "2164", "resolution", "2100")
    message = _message(data_copy, "resolutions")
    assert f"line {line}" in message and "column \"resolution\": '2100'" in message
    assert "expected a unique value; line" in message


def test_wrong_column_name_is_named(data_copy):
    path = data_copy / "resolutions.csv"
    text = path.read_text(encoding="utf-8").replace("adopted,", "adoption_date,", 1)
    path.write_text(text, encoding="utf-8")
    message = _message(data_copy, "resolutions")
    assert "data/resolutions.csv, line 1 (header), column \"adoption_date\"" in message
    assert 'unknown column (did you mean "adopted"?)' in message
    assert 'column "adopted": \'\' — this column is missing from the header' in message


def test_end_before_start_and_bad_vocabulary_are_named(data_copy):
    _edit(data_copy, "resolutions", RES_2100, "mandate_end", "2012-01-01")
    _edit(data_copy, "resolutions", "2164", "topic", "mandates")
    message = _message(data_copy, "resolutions")
    assert "expected a value not earlier than \"adopted\"" in message
    assert 'expected one of: authorisation, mandate, sanctions, withdrawal, other (did you mean "mandate"?)' in message


def test_a_comma_in_an_unquoted_cell_is_named(data_copy):
    path = data_copy / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("C99,Intro,,A claim, with a comma,accurate,fact,,evidence,mandate,mandate,zuri-2023-end-of-minusma")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _message(data_copy, "claims")
    assert re.search(r"line \d+, row: .* expected 11 cells, found 12 "
                     r"\(a comma inside a value must be quoted\)", message)


def test_nothing_is_silently_coerced(data_copy):
    _edit(data_copy, "resolutions", RES_2100, "military_ceiling", "11,200")
    assert "'11,200' — expected a whole number" in _message(data_copy, "resolutions")


def _near_border(lon: float, lat: float, iso3: str, within: float) -> bool:
    """Whether a point lies within ``within`` degrees of a vertex of the country's outline."""
    from book.figures.maps import _rings, country_shapes

    feature = next(f for f in country_shapes()["features"] if f["properties"]["iso3"] == iso3)
    return any(abs(x - lon) < within and abs(y - lat) < within for ring in _rings(feature["geometry"]) for x, y in ring)


def test_place_coordinates_fall_in_their_country():
    """A mistyped sign or swapped latitude puts a place in the wrong country. A town on a border
    may fall a few kilometres outside the simplified 1:50m outline; that is allowed."""
    from book.figures.maps import country_at, country_shapes

    mapped = {f["properties"]["iso3"] for f in country_shapes()["features"]}
    places = load("places").dropna(subset=["lat", "lon"])
    checked = 0
    for _, row in places.iterrows():
        countries = row["country"]
        if len(countries) == 1 and countries[0] in mapped:
            lon, lat = float(row["lon"]), float(row["lat"])
            found = country_at(lon, lat)
            assert found == countries[0] or _near_border(lon, lat, countries[0], 0.1), (
                f"{row['place_id']} ({lat}, {lon}) falls in {found}, not {countries[0]}")
            checked += 1
    assert checked >= 20


def test_the_package_is_valid_for_the_standard_frictionless_tool():
    """An independent check: the Frictionless validator reads the same descriptor and tables."""
    from frictionless import Package

    report = Package(str(data_dir() / "datapackage.json")).validate()
    errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors


def test_changing_a_loaded_list_does_not_change_the_next_load():
    first = load("events")
    first.loc[0, "actor_ids"].append("someone-else")
    assert "someone-else" not in load("events").loc[0, "actor_ids"]


def test_a_multi_line_cell_does_not_shift_the_line_numbers(data_copy):
    path = data_copy / "claims.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("evidence")] += "\nsecond line"
    rows[3][rows[0].index("verdict")] = "wrongish"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    message = _message(data_copy, "claims")
    assert f"line 5 (row {rows[3][0]!r}), column \"verdict\": 'wrongish'" in message


def test_every_death_toll_names_who_gave_its_lowest_and_its_highest_count():
    """A range is the span of named claims: the low and the high each come from a claimant."""
    from book.data.helpers import claim_for

    events = load("events")
    with_deaths = events.dropna(subset=["deaths_low"])
    assert len(with_deaths) >= 35
    for _, row in with_deaths.iterrows():
        assert isinstance(row["deaths_claims"], str) and row["deaths_source_ids"], row["event_id"]
        for count in {row["deaths_low"], row["deaths_high"]} - {pd.NA}:
            if pd.isna(count):
                continue
            assert claim_for(int(count), row["deaths_claims"]), (
                f"{row['event_id']}: no claim in deaths_claims gives {count} with its claimant in brackets")


def test_every_address_is_registered_once():
    sources = load("sources")
    urls = sources["url"].dropna()
    assert urls.is_unique, urls[urls.duplicated()].tolist()


def test_a_second_id_for_the_same_address_is_refused(data_copy):
    path = data_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    copy = ",".join(["second-id-for-the-same-page", *first[1:]])
    path.write_text("\n".join([*lines, copy]) + "\n", encoding="utf-8")
    message = _message(data_copy, "sources")
    assert "column \"url\"" in message and "expected a unique value; line 2 has it too" in message


@pytest.mark.parametrize("url, what", [
    ("https://nam03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.un.org%2Fx", "mail safe-link"),
    ("https://www.google.com/url?q=https://www.un.org/x", "search-engine redirect"),
    ("https://www.longwarjournal.org/?s=Islamic+State", "search results"),
    ("https://www.aljazeera.com/search/mali", "search results"),
    ("https://sahelblog.wordpress.com/tag/iyad-ag-ghali/", "tag page"),
    ("https://www.jeuneafrique.com/pays/mali/category/politique/", "category page"),
])
def test_a_redirect_wrapper_or_a_search_page_is_refused(data_copy, url, what):
    path = data_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = f"new-source-for-a-test,{url},Publisher,Title,2020,2026-12-02,news,"
    path.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    message = _message(data_copy, "sources")
    assert "not a redirect wrapper" in message and "new-source-for-a-test" in message, what
