"""What a reader sees when hovering over a death toll or a killing: every count with its claimant and
what it counts, and a content note before any item that mentions executions, sexual violence,
massacres or mass graves."""

from __future__ import annotations

import pytest

from book.data import load
from book.data.helpers import split_claims
from book.figures import event_table, event_timeline, reported_killings_map
from book.figures.base import CONTENT_NOTE, SENSITIVE

EVENTS = load("events")
SOURCES = load("sources")
RANGES = EVENTS[EVENTS["deaths_low"].notna() & EVENTS["deaths_high"].notna()
                & (EVENTS["deaths_low"] != EVENTS["deaths_high"])]


def _hovers(fig) -> list[str]:
    found = []
    for trace in fig.data:
        for attr in ("customdata", "hovertext"):
            values = getattr(trace, attr, None)
            if values is not None:
                found += [str(v[0] if isinstance(v, list | tuple) else v) for v in values]
    return found


@pytest.mark.parametrize("event_id", ["2022-03-27-moura-killings", "2024-07-25-tinzaouaten-battle"])
def test_a_range_of_deaths_names_each_claimant_in_the_timeline_hover(event_id):
    row = EVENTS[EVENTS["event_id"] == event_id]
    hovers = [h for h in _hovers(event_timeline(row, SOURCES, title="T")) if "Reported deaths" in h]
    assert hovers, f"no hover with the death toll of {event_id}"
    text = hovers[0].replace("<br>", " ")
    for claim in split_claims(row.iloc[0]["deaths_claims"]):
        claimant = claim[claim.rfind("(") + 1:].split(",")[0].split(";")[0].rstrip(")")
        assert claimant.split()[0] in text, f"{event_id}: the hover does not name {claimant!r}"


def test_every_range_in_the_data_names_its_claimants_in_the_table_under_the_figure():
    table = event_table(RANGES, ["date", "title"])
    assert (table["who reports what"] != "—").all()
    assert list(table["who reports what"]) == list(RANGES["deaths_claims"])


def test_the_killings_map_hover_gives_each_count_with_its_claimant():
    moura = EVENTS[EVENTS["event_id"] == "2022-03-27-moura-killings"]
    fig = reported_killings_map(moura, load("places"), load("actors"), SOURCES, title="T")
    hover = next(h for h in _hovers(fig) if "Reported deaths" in h)
    assert "OHCHR" in hover and "army" in hover and "203" in hover and "500" in hover


@pytest.mark.parametrize("event_id", list(EVENTS.loc[
    EVENTS["title"].str.contains(SENSITIVE) | EVENTS["summary"].str.contains(SENSITIVE), "event_id"]))
def test_a_content_note_opens_the_hover_of_every_item_that_mentions_atrocities(event_id):
    row = EVENTS[EVENTS["event_id"] == event_id]
    hover = next(h for h in _hovers(event_timeline(row, SOURCES, title="T")) if "<b>" in h)
    assert hover.startswith(f"<i>{CONTENT_NOTE}</i>"), f"{event_id}: no content note before its description"


def test_no_content_note_where_nothing_calls_for_one():
    quiet = EVENTS[~EVENTS["title"].str.contains(SENSITIVE) & ~EVENTS["summary"].str.contains(SENSITIVE)].head(5)
    assert len(quiet) == 5
    assert not any(CONTENT_NOTE in h for h in _hovers(event_timeline(quiet, SOURCES, title="T")))


@pytest.mark.parametrize("text, noted", [
    ("were summarily executed", True), ("the execution of prisoners", True), ("reports of rape", True),
    ("sexual violence", True), ("a mass grave near the camp", True), ("the Ogossagou massacre", True),
    ("Executive Order 13882", False), ("the executive of the transition", False), ("a drape and grapes", False),
])
def test_the_sensitive_words_are_matched_as_whole_words(text, noted):
    assert bool(SENSITIVE.search(text)) is noted
