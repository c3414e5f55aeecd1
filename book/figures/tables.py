"""The data table under a figure: the rows the figure draws, as a reader can check them."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from book.figures.killings import deaths_text

RENAMED = {"actor_ids": "actors", "place_ids": "places", "alleged_perpetrator_ids": "alleged perpetrators"}


def _cell(value: object) -> object:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


def to_precision(iso: object, precision: object) -> object:
    """An ISO date cut to the precision its source gives (``date_precision``: day, month or year).

    >>> to_precision("2021-12-01", "month"), to_precision("2021-12-01", "year"), to_precision("2021-12-01", "day")
    ('2021-12', '2021', '2021-12-01')
    """
    if not isinstance(iso, str):
        return iso
    return {"month": iso[:7], "year": iso[:4]}.get(str(precision), iso)


def event_table(events: pd.DataFrame, columns: Sequence[str] = ("date", "title")) -> pd.DataFrame:
    """The chosen columns of an events table, with dates as ISO text and lists joined; when a row
    has a death toll, two more columns give its range and who reports what, so that no count is
    shown without its claimant.

    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2022-03-27", "2022-05-12"]), "title": ["Moura", "Report"],
    ...     "actor_ids": [["fama"], ["ohchr"]], "deaths_low": [203, None], "deaths_high": [500, None],
    ...     "deaths_claims": ["203 (army); at least 500 (OHCHR)", None]})
    >>> event_table(ev, ["date", "title", "actor_ids"]).iloc[0].to_dict()
    {'date': '2022-03-27', 'title': 'Moura', 'actors': 'fama', 'reported deaths': '203 to 500', \
'who reports what': '203 (army); at least 500 (OHCHR)'}
    """
    table = pd.DataFrame({RENAMED.get(c, c): events[c].map(_cell) for c in columns})
    if "date" in table and "date_precision" in events:  # a date known to the month is written as the month
        table["date"] = [to_precision(d, p) for d, p in zip(table["date"], events["date_precision"], strict=True)]
    if "deaths_low" in events and events["deaths_low"].notna().any():
        has = events["deaths_low"].notna()
        table["reported deaths"] = [deaths_text(lo, hi) if h else "—" for lo, hi, h in
                                    zip(events["deaths_low"], events["deaths_high"], has, strict=True)]
        claims = events["deaths_claims"] if "deaths_claims" in events else pd.Series("", index=events.index)
        table["who reports what"] = [c if h and isinstance(c, str) and c else "—" for c, h in
                                     zip(claims, has, strict=True)]
    return table.reset_index(drop=True)
