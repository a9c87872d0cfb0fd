from __future__ import annotations

from datetime import date

import pytest

from dateline.timex import timex_day


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-11-07", (date(2023, 11, 7), "day")),
        ("2023-11-07T14:30", (date(2023, 11, 7), "day")),
        ("2023-11-07TMO", (date(2023, 11, 7), "day")),
        ("2023-11", (date(2023, 11, 1), "month")),
        ("2023", (date(2023, 1, 1), "year")),
        ("2023-W45", (date(2023, 11, 6), "day")),
        ("2023-W44-WE", (date(2023, 11, 4), "day")),
        ("P3D", None),
        ("PRESENT_REF", None),
        ("XXXX-03", None),
        ("2023-Q3", None),
        ("199", None),
        ("2023-02-30", None),
        ("", None),
    ],
)
def test_timex_day(value: str, expected: tuple[date, str] | None) -> None:
    assert timex_day(value) == expected
