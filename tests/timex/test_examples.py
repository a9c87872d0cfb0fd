"""Every example of issue 4, with DCT 2023-11-07 (a Tuesday) in news prose."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dateline.models import Timex
from dateline.timex import tag

DCT = date(2023, 11, 7)


def only(text: str, dct: date | datetime | str | None = DCT) -> Timex:
    found = tag(text, dct=dct)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "typ", "value"),
    [
        ("The minister arrived on Monday.", "Monday", "DATE", "2023-11-06"),
        ("The minister will arrive on Friday.", "Friday", "DATE", "2023-11-10"),
        ("Prices fell last week.", "last week", "DATE", "2023-W44"),
        ("He was wounded two days ago.", "two days ago", "DATE", "2023-11-05"),
        ("The vote was held in March.", "March", "DATE", "2023-03"),
        ("The vote will be held in March.", "March", "DATE", "2024-03"),
        ("The music of the 1990s returned.", "the 1990s", "DATE", "199"),
        ("The war lasted two decades.", "two decades", "DURATION", "P20Y"),
        ("The strike lasted 24 hours.", "24 hours", "DURATION", "PT24H"),
        ("Now the talks resume.", "Now", "DATE", "PRESENT_REF"),
        ("In the past, such talks failed.", "the past", "DATE", "PAST_REF"),
        ("The attack on Oct. 7 killed hundreds.", "Oct. 7", "DATE", "2023-10-07"),
    ],
)
def test_issue_examples(text: str, surface: str, typ: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.type, t.value) == (surface, typ, value)
    assert text[t.start : t.end] == surface


def test_each_season_is_a_set() -> None:
    t = only("The festival takes place each season.")
    assert t.type == "SET"
    assert t.text == "each season"


def test_since_the_war_began_in_october() -> None:
    t = only("Thousands have fled since the war began in October.")
    assert (t.text, t.value) == ("October", "2023-10")


def test_relative_values_carry_the_dct_as_anchor_and_absolute_ones_none() -> None:
    rel, absolute = tag("He left yesterday, not on Nov. 1, 2019.", dct=DCT)
    assert rel.value == "2023-11-06" and rel.anchor == "2023-11-07"
    assert absolute.value == "2019-11-01" and absolute.anchor is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He said he will visit on Friday.", "2023-11-10"),
        ("Talks were held on Tuesday.", "2023-11-07"),
        ("Tomorrow the court rules.", "2023-11-08"),
        ("She returns next month.", "2023-12"),
        ("The company was founded last year.", "2022"),
        ("It happened in early 1998.", "1998"),
        ("The third quarter of 1998 was weak.", "1998-Q3"),
        ("They met on Dec. 1, 2009.", "2009-12-01"),
        ("They will meet next Friday.", "2023-11-10"),
        ("It ended last Friday.", "2023-11-03"),
        ("It will close this weekend.", "2023-W45-WE"),
        ("Protests began in the mid-1990s.", "199"),
        ("In the 20th century it grew.", "19"),
        ("It was built in 218 BC.", "BC0218"),
        ("The launch is set for 3:30 p.m. Wednesday.", "2023-11-08T15:30"),
        ("Sales rose this morning.", "2023-11-07TMO"),
    ],
)
def test_more_values(text: str, value: str) -> None:
    assert [t.value for t in tag(text, dct=DCT)] == [value]


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("It took more than four hours.", "PT4H", "MORE_THAN"),
        ("It lasted at least 72 hours.", "PT72H", "EQUAL_OR_MORE"),
        ("It lasted nearly two years.", "P2Y", "APPROX"),
        ("It lasted roughly two years.", "P2Y", "APPROX"),
    ],
)
def test_duration_modifiers_join_the_extent(text: str, value: str, mod: str) -> None:
    t = only(text)
    assert (t.type, t.value, t.mod) == ("DURATION", value, mod)


def test_vague_expressions() -> None:
    got = {t.text: t.value for t in tag("For days, in recent years and in the coming weeks.", dct=DCT)}
    assert got == {"days": "PXD", "recent years": "PAST_REF", "the coming weeks": "PXW"}


def test_sets() -> None:
    got = [(t.text, t.type, t.value) for t in tag("He works every day and meets twice a week.", dct=DCT)]
    assert got == [("every day", "SET", "P1D"), ("twice a week", "SET", "P1W")]
    assert only("It is published daily.").value == "P1D"


def test_anaphora_follow_the_last_date() -> None:
    found = tag("The fighting began on March 3, 2021. The next day the city fell.", dct=DCT)
    assert [t.value for t in found] == ["2021-03-03", "2021-03-04"]
    assert found[1].anchor == "2021-03-03"  # resolved against the date the text gave, not the DCT


def test_without_a_dct_relative_values_are_underspecified() -> None:
    assert only("It happened on Tuesday.", dct=None).value == "XXXX-WXX-2"
    assert only("It happened in March.", dct=None).value == "XXXX-03"
    assert only("He said so on Nov. 1, 2019.", dct=None).value == "2019-11-01"


def test_dct_may_be_a_datetime_or_an_iso_string() -> None:
    assert only("He left yesterday.", dct=datetime(2023, 11, 7, 18, 30)).value == "2023-11-06"
    assert only("He left yesterday.", dct="2023-11-07").value == "2023-11-06"


def test_text_must_be_a_string() -> None:
    with pytest.raises(TypeError):
        tag(b"on Monday", dct=DCT)  # type: ignore[arg-type]
