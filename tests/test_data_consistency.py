"""The same fact in two tables has one value (book.data.consistency). Each check is shown to catch
the kind of disagreement it guards against, planted in a copy of the course data."""

from __future__ import annotations

import pandas as pd
import pytest

from book.data import load
from book.data.consistency import TABLES, disagreements


@pytest.fixture
def tables():
    return {name: load(name).copy() for name in TABLES}


def test_the_course_tables_agree_with_each_other():
    assert disagreements() == []


def _set(frame: pd.DataFrame, key: str, value: str, column: str, new) -> None:
    frame.loc[frame[key] == value, column] = new


def test_an_event_dated_away_from_its_resolution_is_caught(tables):
    ev = tables["events"]
    row = ev[ev["title"].str.contains("resolution 2690", case=False)].iloc[0]
    _set(ev, "event_id", row.event_id, "date", row.date + pd.Timedelta(days=1))
    assert any("resolution 2690" in m for m in disagreements(tables))


def test_a_yearly_ceiling_that_no_resolution_set_is_caught(tables):
    _set(tables["minusma_yearly"], "year", 2017, "military_ceiling", 15000)
    assert any(m.startswith("minusma_yearly.csv 2017 has military_ceiling 15000") for m in disagreements(tables))


def test_a_base_closing_date_that_disagrees_with_the_events_is_caught(tables):
    _set(tables["places"], "place_id", "gao", "closed", pd.Timestamp("2024-07-20"))
    assert any(m.startswith("places.csv row gao") for m in disagreements(tables))


def test_an_appointment_date_that_disagrees_with_the_events_is_caught(tables):
    _set(tables["actors"], "actor_id", "moctar-ouane", "description",
         "Diplomat; appointed transitional prime minister on 20 September 2020.")
    assert any(m.startswith("actors.csv row moctar-ouane") for m in disagreements(tables))


def test_an_attack_dated_apart_from_the_same_incident_is_caught(tables):
    pr = tables["presence"]
    row = pr[pr["kind"] == "attack"].iloc[0]
    before = disagreements(tables)
    _set(pr, "presence_id", row.presence_id, "date", row.date - pd.Timedelta(days=3))
    after = disagreements(tables)
    assert len(after) == len(before) + 1 and row.presence_id in after[-1]
