"""A weekday in a report full of historical years still names a day of the publication week."""

from __future__ import annotations

from dateline.timex import tag


def test_weekday_in_a_report_about_history_stays_near_the_publication_date() -> None:
    text = (
        "Turkey marked the anniversary of the events of 1915. Historians say that in 1915, 1916 "
        "and 1917 hundreds of thousands died. Armenians gathered in Yerevan on Friday, officials said."
    )
    values = {t.text: t.value for t in tag(text, dct="2011-04-25")}
    assert values["Friday"] == "2011-04-22"
    assert values["1916"] == "1916"


def test_weekday_after_a_full_date_in_a_narrative_is_read_against_that_date() -> None:
    text = (
        "The war began in 1939. In 1940 the offensive stalled. By 1941 the front had moved east. "
        "On June 22, 1941 the invasion started, and on Monday the first cities fell."
    )
    values = {t.text: t.value for t in tag(text)}
    assert values["Monday"].startswith("1941-06-")  # read against June 22, 1941, not the DCT


def test_a_weekday_in_a_perfect_clause_is_the_past_one() -> None:
    # "have been evacuated … on Monday" reports what already happened, even with a "could" later
    # in the sentence; a passive future keeps its future day.
    text = (
        "United Nations monitors say that only about 5,000 Palestinians have been evacuated from "
        "northern to southern Gaza on Monday, stating that families could only make the journey on foot."
    )
    assert {t.text: t.value for t in tag(text, dct="2023-11-07")}["Monday"] == "2023-11-06"
    assert {t.text: t.value for t in tag("The company has sold its stake on Friday.", dct="2023-11-07")}[
        "Friday"
    ] == "2023-11-03"
    assert {t.text: t.value for t in tag("The summit will be held on Friday.", dct="2023-11-07")}[
        "Friday"
    ] == "2023-11-10"
