"""Word lists and small converters the temporal tagger's patterns are built from.

Month and weekday names, number words, units and their TIMEX3 codes, holidays. Everything here is
data or a pure function of a string; the patterns live in :mod:`dateline.timex.patterns`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ],
    1,
):
    for _n in _names:
        MONTHS[_n] = _i

WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("monday", "mon"),
        ("tuesday", "tues", "tue"),
        ("wednesday", "wed"),
        ("thursday", "thurs", "thur", "thu"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    ]
):
    for _n in _names:
        WEEKDAYS[_n] = _i

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
    "midday": "MI",
    "noon": "MI",
}

UNITS_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "last": -1,
    "final": -1,
}

NUMBER_WORD_RE = (
    r"(?:(?:twenty|thirty|fou?rty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|one\s+hundred|hundred|"
    r"a\s+thousand|thousand|a\s+dozen|dozen)"
)


def word_number(s: str) -> float | None:
    """The number a numeral or number phrase names ('24', 'twenty-four', '2 1/2', 'a half'); None if none."""
    s = s.lower().strip().replace(",", "")
    s = re.sub(r"\s+", " ", s)
    if not s:
        return None
    m = re.fullmatch(r"(\d+)\s+(\d)/(\d)", s)
    if m:
        return int(m[1]) + int(m[2]) / int(m[3])
    m = re.fullmatch(r"(.+?)\s+and\s+(?:a\s+)?half", s)
    if m:
        base = word_number(m[1])
        return None if base is None else base + 0.5
    if s in ("a half", "half a", "half an", "half"):
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if s in ("a", "an", "one", "a single", "single"):
        return 1
    if s in ("a couple of", "a couple", "couple of", "a pair of"):
        return 2
    if s in ("dozen", "a dozen"):
        return 12
    if s in ("hundred", "a hundred", "one hundred"):
        return 100
    if s in ("thousand", "a thousand", "one thousand"):
        return 1000
    total = 0
    for part in re.split(r"[- ]", s):
        if part in UNITS_SMALL:
            total += UNITS_SMALL[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = (total or 1) * 100
        elif part == "thousand":
            total = (total or 1) * 1000
        elif part == "and":
            continue
        else:
            return None
    return total


# Unit word (singular, lower case) -> (TIMEX3 duration letter, multiplier, is time unit).
UNITS: dict[str, tuple[str, float, bool]] = {
    "second": ("S", 1, True),
    "sec": ("S", 1, True),
    "minute": ("M", 1, True),
    "min": ("M", 1, True),
    "hour": ("H", 1, True),
    "hr": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "quarter": ("Q", 1, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
    "millennium": ("Y", 1000, False),
    "weekend": ("D", 2, False),
}
VAGUE_UNIT_CODE = {
    "second": "PTXS",
    "minute": "PTXM",
    "hour": "PTXH",
    "day": "PXD",
    "night": "PXD",
    "week": "PXW",
    "weekend": "PXWE",
    "month": "PXM",
    "quarter": "PXQ",
    "year": "PXY",
    "decade": "PXDE",
    "century": "PXCE",
    "millennium": "PXML",
    "fortnight": "PXW",
}


_ABBREVIATED = {
    "sec": "second",
    "secs": "second",
    "min": "minute",
    "mins": "minute",
    "hr": "hour",
    "hrs": "hour",
}


def unit_key(word: str) -> str:
    """'Centuries' -> 'century', 'hrs' -> 'hour', 'days' -> 'day' (abbreviations to full units)."""
    w = word.lower().rstrip(".")
    if w in _ABBREVIATED:
        return _ABBREVIATED[w]
    if w in ("centuries",):
        return "century"
    if w in ("millennia", "millenniums"):
        return "millennium"
    if w.endswith("s") and w[:-1] in UNITS:
        return w[:-1]
    return w


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration value for ``n`` units (None: an unknown number, e.g. 'several days')."""
    code, mult, is_time = UNITS[unit]
    if n is None:
        return VAGUE_UNIT_CODE[unit]
    qty = n * mult
    if code == "Q":
        code, qty = "M", qty * 3
    if qty != int(qty):
        # 2 1/2 years -> P2Y6M, 5 1/2 hours -> PT5H30M; otherwise a decimal.
        whole = int(qty)
        frac = qty - whole
        sub = {"Y": ("M", 12), "H": ("M", 60), "D": ("H", 24), "W": ("D", 7), "M": (None, 0)}
        if is_time and code == "H":
            return f"PT{whole}H{round(frac * 60)}M" if whole else f"PT{round(frac * 60)}M"
        if not is_time and code in ("Y", "D") and sub[code][0]:
            _small, factor = sub[code]
            part = round(frac * factor)
            if code == "Y":
                return f"P{whole}Y{part}M" if whole else f"P{part}M"
            return f"P{whole}DT{part}H" if whole else f"PT{part}H"
        return f"P{'T' if is_time else ''}{qty:g}{code}"
    q = int(qty)
    return f"P{'T' if is_time else ''}{q}{code}"


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        d = date(year, month, 1)
        d += timedelta(days=(weekday - d.weekday()) % 7)
        return d + timedelta(weeks=n - 1)
    d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() - weekday) % 7)


def holiday(name: str, year: int) -> date | None:
    """The date of a (mostly US) holiday in ``year``; None for an unknown name."""
    n = re.sub(r"[’'`]s?\b|\s+|-", "", name.lower())
    try:
        if n in ("christmas", "christmasday", "xmas"):
            return date(year, 12, 25)
        if n == "christmaseve":
            return date(year, 12, 24)
        if n in ("newyearsday", "newyearday", "newyear", "newyears"):
            return date(year, 1, 1)
        if n in ("newyearseve", "newyeareve"):
            return date(year, 12, 31)
        if n in ("independenceday", "fourthofjuly", "july4th"):
            return date(year, 7, 4)
        if n in ("halloween",):
            return date(year, 10, 31)
        if n in ("valentinesday", "stvalentinesday"):
            return date(year, 2, 14)
        if n in ("veteransday", "armisticeday", "remembranceday"):
            return date(year, 11, 11)
        if n in ("thanksgiving", "thanksgivingday"):
            return _nth_weekday(year, 11, 3, 4)
        if n in ("memorialday",):
            return _nth_weekday(year, 5, 0, -1)
        if n in ("laborday", "labourday"):
            return _nth_weekday(year, 9, 0, 1)
        if n in ("electionday",):
            return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
        if n in ("easter", "eastersunday", "easterday"):
            return easter(year)
        if n in ("goodfriday",):
            return easter(year) - timedelta(days=2)
        if n in ("eastermonday",):
            return easter(year) + timedelta(days=1)
        if n in ("mayday",):
            return date(year, 5, 1)
        if n in ("boxingday",):
            return date(year, 12, 26)
    except ValueError:
        return None
    return None


HOLIDAY_RE = (
    r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year[’']?s(?:\s+(?:Day|Eve))|Independence\s+Day|"
    r"Fourth\s+of\s+July|Halloween|(?:St\.?\s+)?Valentine[’']?s\s+Day|Veterans\s+Day|Armistice\s+Day|"
    r"Remembrance\s+Day|Thanksgiving(?:\s+Day)?|Memorial\s+Day|Labou?r\s+Day|Election\s+Day|"
    r"Easter(?:\s+(?:Sunday|Monday|Day))?|Good\s+Friday|May\s+Day|Boxing\s+Day)"
)
