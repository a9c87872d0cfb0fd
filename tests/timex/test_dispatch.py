"""The fast dispatcher (rules tried only where their first token stands) finds what a full scan finds.

Guards the START_RULES table in ``patterns.py``: a new rule or alternative whose first word is
missing from the table would silently never match.
"""

from __future__ import annotations

import pytest

from dateline.timex import tagger
from tests.conftest import shared_path

SAMPLES = [
    "On Monday, Nov. 7, 2023 at 3:30 p.m. EST the minister said he will travel on Friday.",
    "Two days ago, in the third quarter of 1998 and the year-earlier quarter, sales rose 5%.",
    "The 1990s, the '90s, the mid-1990s and the nineteenth century; fiscal 1989; 218 BC and AD 70.",
    "Each season, every other Tuesday, twice a week, daily, on Mondays and nightly.",
    "For more than four hours, the past three years, a few months, 24 hours and 6-year-old twins.",
    "Now, right now, currently, recently, the past, the near future, soon and these days.",
    "The next day, that year, later that month, the following week and the day before yesterday.",
    "Last week, next month, this weekend, the weekend, tonight, this morning and yesterday afternoon.",
    "In March, by May 5, 7 November 2023, the 7th of November, December 2023 and January this year.",
    "Nineteen ninety-six, the year two thousand, the year 2000, the end of the year and year-end.",
    "Spring, the summer of 1998, last fall, Christmas, Thanksgiving Day and Easter Sunday 2024.",
    "At noon, midnight, 10 o'clock, 14:30 GMT and ''60 Minutes'' on May 4 and 5 or 5-9 March 1918.",
]


def _same(text: str) -> None:
    full = {(c.start, c.end, c.rule) for c in tagger._candidates_full_scan(text)}
    fast = {(c.start, c.end, c.rule) for c in tagger._candidates(text)}
    assert full - fast == set()


@pytest.mark.parametrize("text", SAMPLES)
def test_dispatch_matches_full_scan(text: str) -> None:
    _same(text)


@pytest.mark.shared
def test_dispatch_matches_full_scan_on_timebank() -> None:
    from dateline.timex import read_timeml

    d = shared_path("timex", "tbaq-cleaned", "TimeBank")
    for p in sorted(d.glob("*.tml"))[:25]:
        _same(read_timeml(p).text)
