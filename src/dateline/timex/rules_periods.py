"""Handlers for years, decades, centuries, quarters, seasons, holidays, clock times and "N ago".

Internal; see :mod:`dateline.timex.rules_dates` for the handler contract.
"""

from __future__ import annotations

import re
from datetime import date

from dateline.timex import lexicon as lx
from dateline.timex import normalise as nz
from dateline.timex.context import (
    _DATE_PREP,
    _NOUNISH_AFTER_NUMBER,
    _YEAR_NEXT_OK,
    Result,
    _Cand,
    _Ctx,
    _day,
    _era_year,
    _next_word,
    _prev_word,
)
from dateline.timex.rules_dates import YEAR_STRICT, _direction

_UNIT_GRAN = {
    "second": "day",
    "minute": "day",
    "hour": "day",
    "day": "day",
    "night": "day",
    "week": "week",
    "fortnight": "day",
    "weekend": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "year",
    "century": "year",
    "millennium": "year",
}


def _shift(base: date, n: float, unit: str) -> str | None:
    """The value ``n`` units after ``base`` (negative: before), at the unit's granularity."""
    _code, mult, _ = lx.UNITS[unit]
    k = n * mult
    gran = _UNIT_GRAN[unit]
    if unit in ("second", "minute", "hour"):
        return base.isoformat()
    if unit in ("day", "night", "fortnight", "week", "weekend"):
        days = k * (7 if unit in ("week", "fortnight") else 1) * (2 if unit == "fortnight" else 1)
        if unit == "fortnight":
            days = 14 * n
        d = nz.shift_days(base, round(days))
        if d is None:
            return None
        if gran == "week" and abs(n) > 2:
            return nz.fmt_week(d)
        return d.isoformat()
    if unit == "month":
        y, mo = nz.add_months(base.year, base.month, round(k))
        return nz.fmt_month(y, mo)
    if unit == "quarter":
        y, q = nz.add_quarters(base.year, nz.quarter_of(base), round(k))
        return f"{y:04d}-Q{q}"
    return nz.fmt_year(nz.clamp_year(base.year + round(k)))


def _h_ago(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    unit = lx.unit_key(g["unit"])
    if unit not in lx.UNITS:
        return None
    n = lx.word_number(g["num"])
    d = re.sub(r"\s+", " ", g["dir"].lower())
    sign = -1 if d in ("ago", "earlier", "before", "back") else 1
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, None, None, True
    anaphoric = d in ("earlier", "later", "before", "after")
    if (
        anaphoric
        and unit == "year"
        and n == 1
        and ctx.last_quarter is not None
        and re.search(r"(?i)quarter|period", ctx.text[max(0, c.start - 300) : c.start])
    ):
        y, q = ctx.last_quarter
        return "DATE", f"{y - 1:04d}-Q{q}", None, None, None, True
    if (
        unit == "year"
        and n == 1
        and d == "ago"
        and ctx.last_quarter is not None
        and re.search(r"(?i)quarter", ctx.text[max(0, c.start - 300) : c.start])
    ):
        y, q = ctx.last_quarter
        return "DATE", f"{y - 1:04d}-Q{q}", None, None, None, True
    if anaphoric:
        base = ctx.ref_day() if unit not in ("year", "decade", "century") else None
        if base is None:
            ry = ctx.ref_year()
            if ry is None:
                return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, None, None, True
            base = nz.safe_date(ry, 7, 1)
    else:
        base = ctx.dct
    if base is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, None, None, True
    v = _shift(base, sign * n, unit)
    if v is None:
        return None
    return "DATE", v, None, None, None, True


def _h_ago_vague(c: _Cand, ctx: _Ctx) -> Result | None:
    d = c.m.group("dir").lower()
    return "DATE", "PAST_REF" if d in ("ago", "earlier", "before") else "FUTURE_REF", None, None, None, True


def _h_decade(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((g["mod"] or "").lower())
    if g["dec"]:
        dec = g["dec"]
        if dec.endswith("00"):
            return "DATE", dec[:2], mod, None, None, False
        return "DATE", dec[:3], mod, None, None, False
    if g["dec2"]:
        tens = int(g["dec2"])
        base = ctx.dct.year if ctx.dct else 2000
        century = base // 100
        if century * 100 + tens > base:
            century -= 1
        return "DATE", f"{century:02d}{tens // 10}", mod, None, None, False
    words = {
        "twenties": 2,
        "thirties": 3,
        "forties": 4,
        "fifties": 5,
        "sixties": 6,
        "seventies": 7,
        "eighties": 8,
        "nineties": 9,
    }
    if not g["the"] and not g["mod"]:
        return None  # "in his forties" is an age
    tens = words[g["decw"].lower()]
    base = ctx.dct.year if ctx.dct else 2000
    century = base // 100
    if century * 100 + tens * 10 > base:
        century -= 1
    return "DATE", f"{century:02d}{tens}", mod, None, None, False


def _h_century(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    o = g["ord"].lower()
    m = re.match(r"\d+", o)
    n = int(m.group()) if m else _day(o)
    if not n:
        return None
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((g["mod"] or "").lower())
    return "DATE", f"{n - 1:02d}", mod, None, None, False


def _h_quarter(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    o = g["ord"].lower()
    unit = g["unit"].lower()
    n = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "final": 4,
        "last": 4,
    }[o]
    if unit == "half":
        half = {1: 1, 2: 2, 4: 2}.get(n)
        if half is None:
            return None
        n = half
    year = g["y"] or g["fy"]
    text = c.m.group().lower()
    if year:
        y = int(year)
    elif ctx.dct is None:
        return "DATE", f"XXXX-{'Q' if unit == 'quarter' else 'H'}{n}", None, None, None, True
    else:
        y = ctx.dct.year
        if "last year" in text:
            y -= 1
        elif "next year" in text:
            y += 1
        elif unit == "quarter" and not ctx.narrative:
            # A quarter later than the DCT's, spoken of in the past, is last year's.
            if n > nz.quarter_of(ctx.dct) and ctx.tense(c.start, c.end) == "past":
                y -= 1
        elif ctx.narrative and ctx.last_year:
            y = ctx.last_year
    if g["ago"]:
        y -= 1
    hy = re.search(
        r"(?i)(first|second|third|fourth|1st|2nd|3rd|4th|final|last)-(?:fiscal-)?(quarter|half)$", c.m.group()
    )
    if hy and not g["y"] and not g["fy"]:
        c.start = c.m.start() + hy.start()  # TimeBank marks the adjective alone
    v = f"{y:04d}-{'Q' if unit == 'quarter' else 'H'}{n}"
    if unit == "quarter":
        ctx.last_quarter = (y, n)
    return "DATE", v, None, None, None, not year


def _h_quarter_rel(c: _Cand, ctx: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", c.m.group("w").lower())
    unit = c.m.group("unit").lower()
    if unit == "period" and w in ("the", "this", "that", "the same"):
        return None
    if ctx.dct is None:
        return "DATE", "XXXX-QX", None, None, None, True
    if w in ("this", "the current"):
        return "DATE", f"{ctx.dct.year:04d}-Q{nz.quarter_of(ctx.dct)}", None, None, None, True
    if ctx.last_quarter is not None:
        y, q = ctx.last_quarter
    else:
        y, q = nz.add_quarters(ctx.dct.year, nz.quarter_of(ctx.dct), -1)
    if "year" in w:
        y -= 1
    elif w in ("the previous", "the prior"):
        y, q = nz.add_quarters(y, q, -1)
    return "DATE", f"{y:04d}-Q{q}", None, None, None, True


def _h_year(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    y = int(g["y"])
    prev = _prev_word(ctx.text, c.start)
    nxt = _next_word(ctx.text, c.end)
    if not g["pre"] and not g["era"]:
        if prev in (
            "no",
            "number",
            "nos",
            "route",
            "flight",
            "room",
            "page",
            "pages",
            "section",
            "article",
            "rule",
            "resolution",
            "chapter",
            "highway",
            "interstate",
            "model",
            "boeing",
            "airbus",
            "size",
            "about",
            "some",
            "nearly",
            "almost",
            "than",
            "approximately",
            "roughly",
            "over",
            "under",
            "least",
            "only",
            "just",
            "total",
            "all",
            "his",
            "her",
            "their",
            "its",
            "were",
            "of",
        ) and prev not in ("of",):
            return None
        if nxt.lower() in _NOUNISH_AFTER_NUMBER:
            return None
        if (
            YEAR_STRICT
            and nxt
            and nxt[0].islower()
            and nxt.lower() not in _YEAR_NEXT_OK
            and prev not in _DATE_PREP
        ):
            return None
        # Far from any plausible date in news: a count, not a year.
        if ctx.dct is not None and not ctx.narrative and (y > ctx.dct.year + 50 or y < 1000):
            return None
    y = _era_year(y, g["era"])
    v = nz.fmt_year(y)
    ctx.note(v, "DATE", True, c.start)
    return "DATE", v, None, None, None, False


def _h_year_era(c: _Cand, ctx: _Ctx) -> Result | None:
    era = c.m.group().strip()
    y = _era_year(int(c.m.group("y")), era[len(c.m.group("y")) :])
    if y == 0:
        return None
    v = nz.fmt_year(y)
    ctx.last_year = y
    return "DATE", v, None, None, None, False


def _h_year_ago_adj(c: _Cand, ctx: _Ctx) -> Result | None:
    if ctx.dct is None:
        return None
    if ctx.last_quarter is not None:
        y, q = ctx.last_quarter
        return "DATE", f"{y - 1:04d}-Q{q}", None, None, None, True
    return "DATE", nz.fmt_year(nz.clamp_year(ctx.dct.year - 1)), None, None, None, True


def _h_period_of_year(c: _Cand, ctx: _Ctx) -> Result | None:
    y = int(c.m.group("y"))
    if ctx.last_quarter is not None:
        return "DATE", f"{y:04d}-Q{ctx.last_quarter[1]}", None, None, None, False
    return "DATE", nz.fmt_year(y), None, None, None, False


def _h_spoken_year(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    if g["k"]:
        n = lx.word_number(re.sub(r"(?i)\band\b", " ", g["k"]).replace("  ", " "))
        if n is None:
            n = 2000 + (lx.word_number(g["k"].lower().split()[-1]) or 0)
        y = int(n)
    else:
        century = {"nineteen": 1900, "eighteen": 1800, "seventeen": 1700, "sixteen": 1600}[g["c"].lower()]
        yy = g["yy"].lower().replace("oh", "").strip(" -")
        n = lx.word_number(yy)
        if n is None:
            return None
        y = century + int(n)
    v = nz.fmt_year(y)
    ctx.note(v, "DATE", True, c.start)
    return "DATE", v, None, None, None, False


def _h_the_year(c: _Cand, ctx: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", c.m.group("w").lower())
    prev = _prev_word(ctx.text, c.start)
    nxt = _next_word(ctx.text, c.end).lower()
    if w.startswith("the"):
        if prev not in ("for", "in", "of", "through", "during", "throughout", "over"):
            return None
        if nxt in ("ended", "ending", "ends", "end", "to", "through"):
            return "DURATION", "P1Y", None, None, None, False
        if nxt in ("before", "after", "earlier", "later", "ago", "in", "that", "when", "of", "following"):
            return None
    y = ctx.ref_year() if ctx.narrative else (ctx.dct.year if ctx.dct else None)
    if y is None:
        return "DATE", "XXXX", None, None, None, True
    return "DATE", nz.fmt_year(y), None, None, None, True


def _h_season(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    code = lx.SEASONS[g["s"].lower()]
    prev = _prev_word(ctx.text, c.start)
    nxt = _next_word(ctx.text, c.end)
    if g["y"]:
        return "DATE", f"{int(g['y']):04d}-{code}", None, None, None, False
    if (prev not in _DATE_PREP and not g["the"]) or nxt.lower() == "of":
        return None
    if g["s"].lower() == "fall" and prev not in (
        "the",
        "this",
        "last",
        "next",
        "early",
        "late",
        "in",
        "by",
        "until",
        "mid",
        "that",
        "since",
    ):
        return None
    anchor = ctx.anchor()
    if anchor is None:
        return "DATE", f"XXXX-{code}", None, None, None, True
    y = anchor.year
    if not ctx.narrative:
        order = ["WI", "SP", "SU", "FA"]
        cur = order[(anchor.month % 12) // 3]
        t = ctx.tense(c.start, c.end)
        if t == "past" and order.index(code) > order.index(cur):
            y -= 1
        elif t == "future" and order.index(code) < order.index(cur):
            y += 1
    return "DATE", f"{y:04d}-{code}", None, None, None, True


def _h_holiday(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    name = g["h"]
    if name.lower().startswith("may day") and _prev_word(ctx.text, c.start) not in _DATE_PREP:
        return None
    if g["y"]:
        d = lx.holiday(name, int(g["y"]))
        return ("DATE", d.isoformat(), None, None, None, False) if d else None
    anchor = ctx.anchor()
    if anchor is None:
        return None
    direction = _direction(c, ctx)
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = lx.holiday(name, y)
        if d is None:
            continue
        if direction == "past" and d > anchor:
            continue
        if direction == "future" and d < anchor:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return ("DATE", best.isoformat(), None, None, None, True) if best else None


def _h_time(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    if g["word"]:
        w = g["word"].lower()
        hhmm = "24:00" if w == "midnight" else "12:00"
    elif g["hw"]:
        h = lx.word_number(g["hw"])
        if h is None or not 1 <= h <= 12:
            return None
        hhmm = f"{int(h):02d}:00"
    elif g["h24"]:
        hhmm = f"{int(g['h24']):02d}:{g['mi24']}"
    else:
        h = int(g["h"])
        if h > 12 or h == 0:
            return None
        pm = g["ap"].lower().startswith("p")
        if pm and h != 12:
            h += 12
        if not pm and h == 12:
            h = 0
        hhmm = f"{h:02d}:{g['mi'] or '00'}"
    day = c.extra.get("day")
    if day is None:
        base = ctx.ref_day()
        if base is None:
            return "TIME", f"XXXX-XX-XXT{hhmm}", None, None, None, True
        day = base.isoformat()
    return "TIME", f"{day}T{hhmm}", None, None, None, True
