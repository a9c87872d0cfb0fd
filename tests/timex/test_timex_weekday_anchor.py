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
