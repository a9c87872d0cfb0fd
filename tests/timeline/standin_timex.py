"""A tiny regex temporal tagger standing in for ``dateline.timex.tag`` in these tests only.

It knows absolute dates ("January 25 , 2011", "25 January"), weekdays ("on Tuesday", the most
recent one on or before the publication date), yesterday/today/tomorrow and ISO dates: enough
for the hand-made corpora here, not a tagger to use.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.models import Timex

_MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in ms
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PATTERN = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_RE})\b\.? ?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?: ?,? ?(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH_RE})\b(?: ,? ?(?P<y2>\d{{4}}))?"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<wd>{'|'.join(_WEEKDAYS)})"
    r"|(?P<rel>yesterday|today|tomorrow))\b",
    re.IGNORECASE,
)


def tag(text: str, *, dct: date) -> list[Timex]:
    """Tag the dates in ``text`` against the document creation time ``dct``."""
    out: list[Timex] = []
    for m in _PATTERN.finditer(text):
        day: date | None = None
        try:
            if m["m1"] or m["m2"]:
                month = _MONTHS[(m["m1"] or m["m2"]).lower()]
                dnum = int(m["d1"] or m["d2"])
                year = int(m["y1"] or m["y2"] or dct.year)
                day = date(year, month, dnum)
                if not (m["y1"] or m["y2"]) and day > dct + timedelta(days=90):
                    day = date(year - 1, month, dnum)
            elif m["iso"]:
                day = date.fromisoformat(m["iso"])
            elif m["wd"]:
                back = (dct.weekday() - _WEEKDAYS.index(m["wd"].lower())) % 7
                day = dct - timedelta(days=back)
            elif m["rel"]:
                day = dct + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[m["rel"].lower()])
        except ValueError:
            continue
        if day is not None:
            out.append(Timex(m.start(), m.end(), m[0], "DATE", day.isoformat(), anchor=dct.isoformat()))
    return out
