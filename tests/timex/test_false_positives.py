"""Ordinary words and numbers that other taggers take for temporal expressions."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.timex import tag

DCT = date(2023, 11, 7)


@pytest.mark.parametrize(
    "text",
    [
        "You may go if you wish.",
        "Protesters march through the capital.",
        "March through the capital, they said.",
        "Do you think so?",
        "He was elected to a second term.",
        "They wanted a second opinion.",
        "The 100M sprint was won easily.",
        "Call 2882015 for details.",
        "About 1,200 people were evacuated.",
        "Some 2,000 troops were deployed.",
        "The price rose to $1999.",
        "He sat on the wall.",
        "Prices fall when supply rises.",
        "He has a current account deficit.",
        "She met June Carter at the show.",
    ],
)
def test_no_timex(text: str) -> None:
    assert tag(text, dct=DCT) == []


def test_may_and_march_as_months_still_work() -> None:
    assert [t.value for t in tag("The deal was signed in May.", dct=DCT)] == ["2023-05"]
    assert [t.value for t in tag("It was done by March 5.", dct=DCT)] == ["2023-03-05"]


def test_ages_are_not_durations() -> None:
    assert tag("A 6-year-old boy was rescued.", dct=DCT) == []
