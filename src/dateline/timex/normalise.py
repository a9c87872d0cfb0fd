"""Calendar arithmetic and TIMEX3 value formatting for the temporal tagger.

Pure functions over :class:`datetime.date`: ISO weeks, month and quarter shifts, choosing the
year of a bare month or month-day by direction, and :func:`timex_day`, which maps a DATE value back
to the calendar day it points at. Not for: finding expressions in text (see ``tagger``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

Direction = Literal["past", "future"] | None

MIN_YEAR, MAX_YEAR = 1, 9999


def clamp_year(y: int) -> int:
    return min(max(y, MIN_YEAR), MAX_YEAR)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def shift_days(d: date, n: int) -> date | None:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None


def fmt_year(y: int) -> str:
    return f"{y:04d}" if y > 0 else f"BC{-y + 1:04d}"


def fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return clamp_year(idx // 12), idx % 12 + 1


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_quarters(y: int, q: int, k: int) -> tuple[int, int]:
    idx = y * 4 + (q - 1) + k
    return clamp_year(idx // 4), idx % 4 + 1


def month_year(anchor: date, month: int, direction: Direction, *, strict: bool = False) -> int:
    """The year of a bare month seen from ``anchor``: the last one (past), the next one (future),
    or the anchor's own year (no direction). ``strict`` excludes the anchor's own month."""
    y = anchor.year
    if direction == "past":
        if month > anchor.month or (strict and month == anchor.month):
            y -= 1
    elif direction == "future" and (month < anchor.month or (strict and month == anchor.month)):
        y += 1
    return clamp_year(y)


def month_day_year(anchor: date, month: int, day: int, direction: Direction) -> int:
    """The year of a month-day without a year seen from ``anchor``.

    Past: the latest such day on or before the anchor; future: the first on or after it; no
    direction: the nearest one (within half a year either way).
    """
    y = anchor.year
    this = safe_date(y, month, day) or safe_date(y, month, 28)
    if this is None:
        return y
    if direction == "past":
        return clamp_year(y - 1 if this > anchor else y)
    if direction == "future":
        return clamp_year(y + 1 if this < anchor else y)
    delta = (this - anchor).days
    if delta > 183:
        return clamp_year(y - 1)
    if delta < -183:
        return clamp_year(y + 1)
    return y


def weekday_date(anchor: date, weekday: int, direction: Direction, *, strict: bool = False) -> date | None:
    """The date of a weekday seen from ``anchor`` (past: on or before; future: on or after)."""
    diff = weekday - anchor.weekday()
    if direction == "future":
        n = diff % 7
        if strict and n == 0:
            n = 7
    else:
        n = -((-diff) % 7)
        if strict and n == 0:
            n = -7
    return shift_days(anchor, n)


_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{1,2})")


def timex_day(value: str) -> tuple[date, str] | None:
    """The calendar date a TIMEX3 DATE/TIME value points at, with its precision.

    ``2023-11-07`` and ``2023-11-07T14:30`` -> (that day, "day"); ``2023-11`` -> (the 1st, "month");
    ``2023`` -> (1 January, "year"); a week ``2023-W45`` (or its weekend ``-WE``) -> its Monday (or
    Saturday) with precision "day", because a timeline counts "last week" on a day it can show.
    Durations, sets, ``*_REF`` values, seasons, quarters, decades and anything with ``X`` give None.
    """
    if not value or "X" in value or value.startswith("P"):
        return None
    m = _DAY_RE.match(value)
    if m:
        d = safe_date(int(m[1]), int(m[2]), int(m[3]))
        return (d, "day") if d else None
    m = _MONTH_RE.match(value)
    if m:
        d = safe_date(int(m[1]), int(m[2]), 1)
        return (d, "month") if d else None
    m = _YEAR_RE.match(value)
    if m and int(m[1]) > 0:
        return date(int(m[1]), 1, 1), "year"
    m = _WEEK_RE.match(value)
    if m:
        try:
            d = date.fromisocalendar(int(m[1]), int(m[2]), 6 if value.endswith("-WE") else 1)
        except ValueError:
            return None
        return d, "day"
    return None
