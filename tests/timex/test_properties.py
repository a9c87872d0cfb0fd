"""Property tests: no input crashes or hangs the tagger; any DCT datetime allows works."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.timex import tag, timex_day

_WORDS = st.sampled_from(
    [
        "on",
        "in",
        "last",
        "next",
        "this",
        "the",
        "a",
        "an",
        "two",
        "24",
        "1990s",
        "Monday",
        "Friday",
        "March",
        "May",
        "Oct.",
        "7",
        ",",
        ".",
        "ago",
        "days",
        "weeks",
        "years",
        "hours",
        "decade",
        "each",
        "every",
        "season",
        "now",
        "past",
        "future",
        "will",
        "said",
        "was",
        "early",
        "late",
        "mid-",
        "more",
        "than",
        "about",
        "1998",
        "2023",
        "BC",
        "noon",
        "3:30",
        "p.m.",
        "quarter",
        "third",
        "fiscal",
        "yesterday",
        "tomorrow",
        "tonight",
        "week",
        "weekend",
        "of",
        "and",
        "since",
        "--",
        "'",
        "’",
        "1,200",
        "100M",
        "$",
        "2882015",
        "/",
        "Christmas",
        "spring",
        "fall",
    ]
)
_TEXT = st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=60).map(" ".join))
_DCT = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _check(text: str, found: list) -> None:
    last = -1
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= last
        last = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value
        timex_day(t.value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, dct=_DCT)
def test_never_crashes(text: str, dct: date | None) -> None:
    _check(text, tag(text, dct=dct))


@settings(max_examples=60, deadline=None)
@given(dct=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_extreme_dcts(dct: date) -> None:
    text = (
        "Last week, two days ago, on Monday and next Friday, in March and last December, the 1990s, "
        "next year, a decade ago, 3 p.m. tomorrow, the next day, this quarter and the weekend."
    )
    _check(text, tag(text, dct=dct))


@pytest.mark.parametrize(
    "dct", [date.min, date.max, date.min + timedelta(days=3), date.max - timedelta(days=3)]
)
def test_calendar_edges(dct: date) -> None:
    text = "Yesterday, tomorrow, last week, next week, last month, next month, last year and next year."
    _check(text, tag(text, dct=dct))


def test_pathological_inputs_are_fast() -> None:
    for text in ("1" * 20000, "the " * 5000, "- " * 10000, "May " * 5000, "2 1/2 " * 4000, "a" * 50000):
        t0 = time.process_time()
        tag(text, dct=date(2023, 11, 7))
        assert time.process_time() - t0 < 5


@pytest.mark.slow
def test_one_megabyte_in_under_five_seconds() -> None:
    text = (
        "On Monday the minister said he will travel to Paris on Friday, two days after the vote, "
        "and 1,200 people marched in March 2021 for 24 hours. "
    ) * 7000
    text = text[:1_000_000]
    t0 = time.process_time()
    found = tag(text, dct=date(2023, 11, 7))
    assert time.process_time() - t0 < 5
    assert len(found) > 10000
