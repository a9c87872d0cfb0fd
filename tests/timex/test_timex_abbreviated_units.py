"""Abbreviated units ("hr", "hrs", "min", "sec") resolve like their full words (a T17 crash once)."""

from datetime import date

from dateline.timex import tag

DCT = date(2010, 1, 12)


def test_hours_abbreviated_as_duration_and_relative_date() -> None:
    found = {t.text: t for t in tag("The flight lasted 3 hrs and the quake hit 2 hrs ago.", dct=DCT)}
    assert found["3 hrs"].value == "PT3H" and found["3 hrs"].type == "DURATION"
    assert found["2 hrs ago"].value == "2010-01-12"


def test_every_abbreviation_tags_without_error() -> None:
    for unit in ("hr", "hrs", "min", "mins", "sec", "secs"):
        tag(f"Rescuers arrived 2 {unit} later and worked for 5 {unit} before {unit} ago.", dct=DCT)
