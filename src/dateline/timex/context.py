"""Shared state of one tagging run: the candidate matches and the document context.

:class:`_Cand` is a pattern match on its way to becoming a timex; :class:`_Ctx` is what the
handlers may consult about the document: the DCT, sentence boundaries and tense, and the last
date the text mentioned (the reference for "the next day", "that year"). Internal to
:mod:`dateline.timex`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dateline.timex import lexicon as lx
from dateline.timex import normalise as nz
from dateline.timex.tense import Tense, marker_positions, tense_at

Result = tuple[str, str, str | None, str | None, str | None, bool]

_RIGHT_EXT_RE = re.compile(
    r"^\s+(?P<w>(?i:or\s+so|or\s+more|or\s+later|or\s+earlier|and\s+beyond|or\s+longer))(?![\w])"
)
_RIGHT_MODS = {
    "or so": "APPROX",
    "or more": "EQUAL_OR_MORE",
    "or later": "ON_OR_AFTER",
    "or earlier": "ON_OR_BEFORE",
    "and beyond": "ON_OR_AFTER",
    "or longer": "EQUAL_OR_MORE",
}
_SENT_END_RE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z])")
_DATE_PREP = {
    "in",
    "on",
    "since",
    "until",
    "till",
    "by",
    "during",
    "through",
    "throughout",
    "before",
    "after",
    "from",
    "to",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "that",
    "every",
    "each",
    "between",
    "and",
    "or",
    "at",
    "as",
    "for",
    "around",
    "about",
    "into",
    "the",
    "mid-",
    "end",
    "beginning",
}
_YEAR_NEXT_OK = {
    "and",
    "to",
    "through",
    "or",
    "when",
    "the",
    "a",
    "an",
    "as",
    "after",
    "before",
    "until",
    "with",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "of",
    "that",
    "which",
    "who",
    "but",
    "while",
    "was",
    "were",
    "had",
    "is",
    "are",
    "has",
    "have",
    "saw",
    "brought",
    "his",
    "her",
    "their",
    "its",
    "this",
    "these",
    "those",
    "there",
    "then",
    "thru",
    "elections",
    "election",
    "season",
    "census",
    "budget",
    "levels",
    "level",
    "figures",
    "results",
    "earnings",
    "campaign",
    "war",
    "olympics",
    "games",
    "crisis",
    "edition",
    "model",
    "models",
    "vintage",
    "law",
    "act",
    "agreement",
    "accord",
    "accords",
    "treaty",
    "plan",
    "report",
    "survey",
    "study",
    "period",
    "quarter",
    "summer",
    "winter",
    "spring",
    "fall",
    "autumn",
    "alone",
    "onward",
    "onwards",
    "forward",
    "ago",
    "show",
}
_NOUNISH_AFTER_NUMBER = {
    "people",
    "persons",
    "men",
    "women",
    "children",
    "troops",
    "soldiers",
    "employees",
    "workers",
    "jobs",
    "shares",
    "dollars",
    "yen",
    "pounds",
    "euros",
    "barrels",
    "tons",
    "tonnes",
    "miles",
    "kilometers",
    "kilometres",
    "feet",
    "meters",
    "metres",
    "votes",
    "seats",
    "points",
    "cases",
    "deaths",
    "refugees",
    "civilians",
    "police",
    "officers",
    "members",
    "students",
    "units",
    "homes",
    "houses",
    "cars",
    "vehicles",
    "aircraft",
    "planes",
    "ships",
    "tanks",
    "guns",
    "rounds",
    "acres",
    "hectares",
    "copies",
    "words",
    "pages",
    "calories",
    "degrees",
    "percent",
    "per",
    "rpm",
    "mph",
    "km",
    "kg",
    "lbs",
    "sq",
    "square",
    "hours",
    "minutes",
    "seconds",
    "days",
    "weeks",
    "months",
    "years",
    "times",
    "others",
    "prisoners",
    "patients",
    "residents",
    "protesters",
    "demonstrators",
}
_CURRENT_BAD_NEXT = {
    "account",
    "accounts",
    "affairs",
    "events",
    "flows",
    "flow",
    "density",
    "source",
    "sources",
    "assets",
    "liabilities",
    "ratio",
    "carrying",
    "leakage",
}
_MAY_MARCH_PREV = _DATE_PREP | {
    "until",
    "since",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "in",
    "of",
    "that",
}


@dataclass
class _Cand:
    start: int
    end: int
    rule: str
    m: re.Match[str]
    prio: int
    mod: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Ctx:
    text: str
    dct: date | None
    narrative: bool
    sent_starts: list[int]
    sent_cache: dict[int, list[tuple[int, Tense]]] = field(default_factory=dict)
    last_day: date | None = None
    last_month: tuple[int, int] | None = None
    last_year: int | None = None
    last_quarter: tuple[int, int] | None = None
    last_explicit_year: int | None = None
    last_explicit_year_pos: int = -(10**9)
    # The reference (other than the DCT) the current handler resolved against, for Timex.anchor.
    used_ref: str | None = None

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)

    def tense(self, start: int, end: int) -> Tense | None:
        i = self.sentence_index(start)
        s0 = self.sent_starts[i]
        s1 = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        if s1 - s0 > 2000:  # a run-on "sentence": look at a window around the span only
            s0 = max(s0, start - 300)
            s1 = min(s1, end + 300)
            return tense_at(self.text[s0:s1], start - s0, end - s0)
        markers = self.sent_cache.get(i)
        if markers is None:
            markers = marker_positions(self.text[s0:s1])
            self.sent_cache[i] = markers
        return tense_at(self.text[s0:s1], start - s0, end - s0, markers)

    def anchor(self) -> date | None:
        """The date relative expressions of the narrative are read against."""
        if self.narrative and self.last_day is not None:
            self.used_ref = self.last_day.isoformat()
            return self.last_day
        if self.narrative and self.last_year is not None:
            mo = self.last_month[1] if self.last_month and self.last_month[0] == self.last_year else 1
            self.used_ref = nz.fmt_month(self.last_year, mo) if mo != 1 else nz.fmt_year(self.last_year)
            return nz.safe_date(self.last_year, mo, 1)
        return self.dct

    def ref_day(self) -> date | None:
        """The last day the text mentioned (else the DCT): the anchor of "the next day"."""
        if self.last_day is not None:
            self.used_ref = self.last_day.isoformat()
            return self.last_day
        return self.dct

    def ref_year(self) -> int | None:
        """The last year the text mentioned (else the DCT's): the anchor of "that year"."""
        if self.last_year is not None:
            self.used_ref = nz.fmt_year(self.last_year)
            return self.last_year
        return self.dct.year if self.dct else None

    def note(self, value: str, typ: str, explicit_year: bool = False, pos: int = 0) -> None:
        """Remember a resolved date as the reference for anaphora.

        In a narrative, only dates with a written year move the reference year; relative ones
        ("two decades earlier") only refine the day or month within it, so a flashback does not
        drag the story's timeline back.
        """
        if typ not in ("DATE", "TIME"):
            return
        m = re.match(r"^(\d{4})(?:-(Q)(\d))?", value)
        if m is None:
            return
        year = int(m[1])
        if self.narrative and not explicit_year and self.last_year is not None and year != self.last_year:
            return
        if m[2]:
            self.last_quarter = (year, int(m[3]))
        d = nz.timex_day(value)
        if d is not None and d[1] == "day" and "W" not in value:
            self.last_day = d[0]
            self.last_month = (d[0].year, d[0].month)
        elif d is not None and d[1] == "month":
            if self.last_month != (d[0].year, d[0].month):
                self.last_day = None
            self.last_month = (d[0].year, d[0].month)
        elif year != self.last_year:
            self.last_day = None
            self.last_month = None
        self.last_year = year
        if explicit_year:
            self.last_explicit_year = year
            self.last_explicit_year_pos = pos


def _to_date(dct: date | datetime | str | None) -> date | None:
    if dct is None:
        return None
    if isinstance(dct, datetime):
        return dct.date()
    if isinstance(dct, date):
        return dct
    if isinstance(dct, str):
        from dateline.timex.timeml import parse_dct_value

        d = parse_dct_value(dct)
        if isinstance(d, datetime):
            return d.date()
        return d
    raise TypeError(f"dct must be a date, a datetime, an ISO string or None, not {type(dct).__name__}")


_ABBREV_END_RE = re.compile(
    r"(?:\b(?:[ap]\.m|[AP]\.M|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tues?|Wed|Thu|Thurs|Fri|Sat|Sun|U\.S|U\.N|[A-Z])\.)[\"'”’)]*\s+$"
)


def _sentence_starts(text: str) -> list[int]:
    """Where sentences start (a light splitter: enough to find a timex's clause for its tense)."""
    starts = [0]
    for m in _SENT_END_RE.finditer(text):
        if text[m.start() - 1 : m.start()] == "." and _ABBREV_END_RE.search(
            text, max(0, m.start() - 12), m.end()
        ):
            continue
        starts.append(m.end())
    return starts


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z][\w'’-]*)\W*$", text[max(0, pos - 30) : pos])
    return m.group(1).lower() if m else ""


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*([\w'’-]+)", text[pos : pos + 30])
    return m.group(1) if m else ""


def _year_of(s: str, dct: date | None) -> int:
    s = s.strip().lstrip("'’")
    y = int(s)
    if len(s) == 2:
        base = dct.year if dct else 2000
        century = base - base % 100
        y = century + y
        if y > base + 20:
            y -= 100
    return y


def _month(s: str) -> int:
    return lx.MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int | None:
    s = s.lower()
    m = re.match(r"\d+", s)
    if m:
        return int(m.group())
    s = s.replace(" ", "-")
    if "-" in s:
        a, b = s.split("-", 1)
        tens = {"twenty": 20, "thirty": 30}.get(a, 0)
        return tens + lx.ORDINALS.get(b, 0)
    return lx.ORDINALS.get(s)


def _era_year(y: int, era: str | None) -> int:
    if era and era.strip().upper().startswith("B"):
        return -y + 1  # 1 BC is year 0 in astronomical numbering
    return y
