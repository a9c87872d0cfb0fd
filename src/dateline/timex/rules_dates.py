"""Handlers for calendar dates: absolute dates, months, weekdays, relative and deictic days.

Each ``_h_<rule>`` turns a match of the rule of that name (:mod:`dateline.timex.patterns`) into a
:data:`~dateline.timex.context.Result` or ``None`` (not a timex after all). Internal.
"""

from __future__ import annotations

import re
from datetime import date

from dateline.timex import lexicon as lx
from dateline.timex import normalise as nz
from dateline.timex.context import (
    _DATE_PREP,
    _MAY_MARCH_PREV,
    Result,
    _Cand,
    _Ctx,
    _day,
    _era_year,
    _month,
    _next_word,
    _prev_word,
    _year_of,
)
from dateline.timex.tense import Tense


def _h_iso(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    d = nz.safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
    if d is None:
        return None
    if g["hh"]:
        return "TIME", f"{d.isoformat()}T{g['hh']}:{g['mm']}", None, None, None, False
    return "DATE", d.isoformat(), None, None, None, False


def _h_numeric(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    a, b = int(g["a"]), int(g["b"])
    y = _year_of(g["y"], ctx.dct)
    mo, d = (a, b) if a <= 12 else (b, a)
    dd = nz.safe_date(y, mo, d)
    if dd is None:
        return None
    return "DATE", dd.isoformat(), None, None, None, False


def _direction(c: _Cand, ctx: _Ctx) -> Tense | None:
    return ctx.tense(c.start, c.end)


_OF_PERIOD_RE = re.compile(
    r"\s+of\s+(?:the\s+(?:war|year|month|campaign|season)|[A-Z][a-z]+\.?(?:\s+\d{4})?\b|\d{4})"
)
# How a month-day without a year gets its year: "tense" (the clause's tense), "nearest" (closest
# to the anchor) or "hybrid" (tense, except that a date within two months of the anchor is not
# pushed most of a year away). Measured on TimeBank+AQUAINT value F1: hybrid 77.4/71.4 >
# nearest 77.1/71.0 > tense 76.3/70.4.
MD_MODE = "hybrid"
# In a narrative, a bare month this many months before the last one mentioned starts a new year.
NARRATIVE_BACKSTEP = 2
_AHEAD_YEAR_RE = re.compile(
    r"\s*(?:and|to|or|through|until|-|–)\s+(?:(?:early|mid|late)[\s-]+)?[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?(?P<y>1\d{3}|20\d{2})(?!\d)"
)
# Reject a bare 4-digit year followed by a lower-case word ("1990 invasion")? TimeBank marks
# those as years, so no: numbers followed by counted nouns ("2000 troops") are rejected anyway.
YEAR_STRICT = False


def _sentence_year(c: _Cand, ctx: _Ctx) -> int | None:
    """An explicit year written earlier in the same sentence ("In 1998, … on Aug. 2"), unless the
    clause speaks of the future ("invited in July 1997, will join on March 12")."""
    if ctx.last_explicit_year is None or ctx.last_explicit_year_pos >= c.start:
        return None
    if ctx.tense(c.start, c.end) == "future":
        return None
    if ctx.sentence_index(ctx.last_explicit_year_pos) != ctx.sentence_index(c.start):
        return None
    return ctx.last_explicit_year


def _md_direction(c: _Cand, ctx: _Ctx, anchor: date, mo: int, day: int) -> Tense | None:
    """Direction for a month-day without a year: the clause's tense, unless that would move the
    date most of a year away when it lies within a couple of months of the anchor (news writes
    "payable Dec. 7" and "the Feb. 23 accord" about days near its own)."""
    if MD_MODE == "nearest":
        return None
    t = _direction(c, ctx)
    if MD_MODE == "tense" or t is None:
        return t
    this = nz.safe_date(anchor.year, mo, min(day, 28))
    if this is None:
        return t
    delta = (this - anchor).days
    if t == "past" and 0 < delta <= 62:
        return None
    if t == "future" and -62 <= delta < 0:
        return None
    return t


def _h_month_day(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    mname = g["m"] or g["m2"]
    day = _day(g["d"] or g["d2"])
    if day is None or not 1 <= day <= 31:
        return None
    mo = _month(mname)
    if mname in ("May", "March", "MAY", "MARCH") and g["d2"] and not g["y"] and not g["wd"]:
        # "7 March" is fine, but "the 3 May" is odd; keep.
        pass
    if g["y"]:
        y = _era_year(_year_of(g["y"], ctx.dct), g["era"])
        d = nz.safe_date(y, mo, day) if y > 0 else None
        if y <= 0:
            return "DATE", f"{nz.fmt_year(y)}-{mo:02d}-{day:02d}", None, None, None, False
        if d is None:
            return None
        ctx.note(d.isoformat(), "DATE", True, c.start)
        return "DATE", d.isoformat(), None, None, None, False
    anchor = ctx.anchor()
    if anchor is None:
        return "DATE", f"XXXX-{mo:02d}-{day:02d}", None, None, None, False
    if g["wd"]:
        # The weekday tells the year: take the year (around the anchor) where it matches.
        wd = lx.WEEKDAYS[g["wd"].lower().rstrip(".")]
        for y in (anchor.year, anchor.year - 1, anchor.year + 1):
            d = nz.safe_date(y, mo, day)
            if d and d.weekday() == wd:
                return "DATE", d.isoformat(), None, None, None, True
    if ctx.narrative:
        y = anchor.year
    elif _sentence_year(c, ctx) is not None:
        y = _sentence_year(c, ctx)  # type: ignore[assignment]
    else:
        y = nz.month_day_year(anchor, mo, day, _md_direction(c, ctx, anchor, mo, day))
    d = nz.safe_date(y, mo, day)
    if d is None:
        return None
    return "DATE", d.isoformat(), None, None, None, True


def _h_month_year(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    if g["rel"]:
        if ctx.dct is None:
            return None
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
        return "DATE", nz.fmt_month(y, _month(g["m"])), None, None, None, True
    if g["ana"]:
        ry = ctx.ref_year()
        if ry is None:
            return None
        w = re.sub(r"\s+", " ", g["ana"].lower())
        y = ry + {"the following": 1, "the next": 1, "the previous": -1}.get(w, 0)
        return "DATE", nz.fmt_month(nz.clamp_year(y), _month(g["m"])), None, None, None, True
    y = int(g["y"])
    mo = _month(g["m"])
    v = nz.fmt_month(y, mo)
    ctx.note(v, "DATE", True, c.start)
    return "DATE", v, None, None, None, False


def _h_month(c: _Cand, ctx: _Ctx) -> Result | None:
    name = c.m.group("m")
    prev = _prev_word(ctx.text, c.start)
    nxt = _next_word(ctx.text, c.end)
    if name in ("May", "March", "MAY", "MARCH") and prev not in _MAY_MARCH_PREV:
        return None
    if nxt[:1].isupper() and nxt.lower() not in lx.MONTHS and not nxt.isdigit() and prev not in _DATE_PREP:
        return None  # "June Carter", "April Fools"
    mo = _month(name)
    ahead = _AHEAD_YEAR_RE.match(ctx.text, c.end)
    if ahead:
        return "DATE", nz.fmt_month(int(ahead.group("y")), mo), None, None, None, False
    anchor = ctx.anchor()
    if anchor is None:
        return "DATE", f"XXXX-{mo:02d}", None, None, None, False
    if ctx.narrative:
        y = anchor.year
        if (
            ctx.last_month is not None
            and ctx.last_month[0] == y
            and mo < ctx.last_month[1] - NARRATIVE_BACKSTEP
        ):
            y += 1  # a story runs forward: "December 1941 … In January" is 1942
    elif _sentence_year(c, ctx) is not None:
        y = _sentence_year(c, ctx)  # type: ignore[assignment]
    else:
        y = _month_year_news(c, ctx, anchor, mo)
    return "DATE", nz.fmt_month(y, mo), None, None, None, True


# A bare month with no tense in its clause is the last one (news reports the past); a "past"
# month that is next month is read as next month ("the accession planned for early March").
MONTH_DEFAULT: Tense | None = "past"
MONTH_WINDOW = 1


def _month_year_news(c: _Cand, ctx: _Ctx, anchor: date, mo: int) -> int:
    """The year of a bare month in news: by the clause's tense ("was held in March" is the last
    March, "will be held in March" the next); without one, the last (news reports the past)."""
    t = _direction(c, ctx) or MONTH_DEFAULT
    ahead = (mo - anchor.month) % 12
    if t == "past" and 0 < ahead <= MONTH_WINDOW:
        t = None
    if t is None:
        y = anchor.year
        if mo - anchor.month > 6:
            y -= 1
        elif anchor.month - mo > 6:
            y += 1
        return nz.clamp_year(y)
    return nz.month_year(anchor, mo, t)


def _rel_sign(rel: str) -> int | None:
    rel = re.sub(r"\s+", " ", rel.lower())
    if rel in ("last", "past", "previous", "this past", "latest"):
        return -1
    if rel in ("next", "coming", "following", "this coming"):
        return 1
    if rel in ("this", "current"):
        return 0
    return None


def _h_rel(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    what = re.sub(r"\s+", " ", g["what"]).lower()
    sign = _rel_sign(rel)
    if sign is None or _OF_PERIOD_RE.match(ctx.text, c.end):
        return None  # "the last week of August" is not last week
    anaphoric = rel in ("following", "previous") and g["the"]
    base = ctx.ref_day() if anaphoric else ctx.dct
    if (
        anaphoric
        and ctx.last_year is not None
        and (ctx.last_day is None or ctx.last_day.year != ctx.last_year)
    ):
        base = nz.safe_date(ctx.last_year, 7, 1)
    if base is None:
        return _underspecified(what)
    if what in lx.WEEKDAYS:
        wd = lx.WEEKDAYS[what]
        if sign == 0:
            d = nz.shift_days(base, wd - base.weekday())
        else:
            d = nz.weekday_date(base, wd, "past" if sign < 0 else "future", strict=True)
        if d is None:
            return None
        v = d.isoformat()
        if g["pod"]:
            return "TIME", v + "T" + lx.PARTS_OF_DAY[g["pod"].lower()], None, None, None, True
        return "DATE", v, None, None, None, True
    if what in lx.MONTHS:
        mo = lx.MONTHS[what]
        y = base.year if sign == 0 else nz.month_year(base, mo, "past" if sign < 0 else "future", strict=True)
        return "DATE", nz.fmt_month(y, mo), None, None, None, True
    if what in lx.SEASONS:
        code = lx.SEASONS[what]
        order = ["WI", "SP", "SU", "FA"]
        cur = order[(base.month % 12) // 3]
        y = base.year
        if sign == -1:
            if order.index(code) >= order.index(cur):
                y -= 1
        elif sign == 1 and order.index(code) <= order.index(cur):
            y += 1
        return "DATE", f"{nz.clamp_year(y):04d}-{code}", None, None, None, True
    if what == "week":
        d = nz.shift_days(base, 7 * sign)
        return ("DATE", nz.fmt_week(d), None, None, None, True) if d else None
    if what == "weekend":
        return _weekend(base, "past" if sign < 0 else "future" if sign > 0 else None, ctx, c)
    if what in ("month",):
        y, mo = nz.add_months(base.year, base.month, sign)
        return "DATE", nz.fmt_month(y, mo), None, None, None, True
    if what in ("year", "fiscal year", "calendar year", "school year"):
        if g["the"] and rel in ("past", "last") and what == "year" and not anaphoric:
            # "the past year": the twelve months before the DCT, written as the previous year
            return "DATE", nz.fmt_year(nz.clamp_year(base.year - 1)), None, None, None, True
        return "DATE", nz.fmt_year(nz.clamp_year(base.year + sign)), None, None, None, True
    if what == "quarter":
        y, q = nz.add_quarters(base.year, nz.quarter_of(base), sign)
        return "DATE", f"{y:04d}-Q{q}", None, None, None, True
    if what == "decade":
        return "DATE", f"{nz.clamp_year(base.year + 10 * sign) // 10:03d}", None, None, None, True
    if what == "century":
        return "DATE", f"{nz.clamp_year(base.year + 100 * sign) // 100:02d}", None, None, None, True
    return None


def _underspecified(what: str) -> Result | None:
    if what in lx.WEEKDAYS:
        return "DATE", f"XXXX-WXX-{lx.WEEKDAYS[what] + 1}", None, None, None, True
    if what in lx.MONTHS:
        return "DATE", f"XXXX-{lx.MONTHS[what]:02d}", None, None, None, True
    if what in lx.SEASONS:
        return "DATE", f"XXXX-{lx.SEASONS[what]}", None, None, None, True
    return (
        "DATE",
        {"week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(what, "XXXX"),
        None,
        None,
        None,
        True,
    )


def _weekend(base: date, direction: Tense | None, ctx: _Ctx, c: _Cand) -> Result | None:
    if direction is None:
        direction = ctx.tense(c.start, c.end) or ("past" if base.weekday() < 3 else "future")
    sat = nz.weekday_date(base, 5, direction)
    if direction == "past" and base.weekday() == 6:
        sat = nz.shift_days(base, -1)
    if sat is None:
        return None
    return "DATE", nz.fmt_week(sat) + "-WE", None, None, None, True


def _h_weekend(c: _Cand, ctx: _Ctx) -> Result | None:
    w = c.m.group("w").lower()
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None, None, None, True
    if w == "that":
        base = ctx.ref_day()
        return ("DATE", nz.fmt_week(base) + "-WE", None, None, None, True) if base else None
    direction: Tense | None = {"last": "past", "next": "future"}.get(w)  # type: ignore[assignment]
    return _weekend(ctx.dct, direction, ctx, c)


def _h_deictic(c: _Cand, ctx: _Ctx) -> Result | None:
    w = c.m.group("word").lower()
    pod = c.m.group("pod")
    off = {"today": 0, "tonight": 0, "tonite": 0, "yesterday": -1, "tomorrow": 1, "overnight": 0}[w]
    if ctx.dct is None:
        return (
            ("TIME", "XXXX-XX-XXTNI", None, None, None, True)
            if w in ("tonight", "tonite")
            else (
                "DATE",
                {"today": "PRESENT_REF", "yesterday": "PAST_REF", "tomorrow": "FUTURE_REF"}.get(
                    w, "XXXX-XX-XX"
                ),
                None,
                None,
                None,
                True,
            )
        )
    d = nz.shift_days(ctx.dct, off)
    if d is None:
        return None
    if w in ("tonight", "tonite"):
        return "TIME", d.isoformat() + "TNI", None, None, None, True
    if pod:
        return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[pod.lower()], None, None, None, True
    return "DATE", d.isoformat(), None, None, None, True


def _h_pod(c: _Cand, ctx: _Ctx) -> Result | None:
    rel = re.sub(r"\s+", " ", c.m.group("rel").lower())
    pod = c.m.group("pod").lower()
    if rel in ("the",) or pod == "overnight":
        return None
    base = ctx.ref_day() if rel == "that" else ctx.dct
    if base is None:
        return "TIME", "XXXX-XX-XXT" + lx.PARTS_OF_DAY[pod], None, None, None, True
    off = 0
    if rel == "last" or rel == "yesterday":
        off = -1 if not (False) else 0
    elif rel == "tomorrow":
        off = 1
    d = nz.shift_days(base, off)
    if d is None:
        return None
    mod = {"early this": "START", "late this": "END", "later this": "END", "earlier this": "START"}.get(rel)
    return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[pod], mod, None, None, True


def _h_weekday(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    wd = lx.WEEKDAYS[g["wd"].lower()]
    if g["plural"]:
        pod = "T" + lx.PARTS_OF_DAY[g["pod"].lower()] if g["pod"] else ""
        return "SET", f"XXXX-WXX-{wd + 1}{pod}", None, None, None, False
    if g["wd"][0].islower() and _prev_word(ctx.text, c.start) not in _DATE_PREP:
        return None
    # A weekday names a day near a known day: in a narrative the last day it mentioned, else the
    # publication date. A year alone cannot anchor it ("In 1915 … on Friday" is not in 1915's
    # first week), so a news report's weekday stays on the DCT.
    anchor = ctx.anchor() if ctx.narrative and ctx.last_day is not None else ctx.dct
    if anchor is None:
        v = f"XXXX-WXX-{wd + 1}"
    else:
        direction = _direction(c, ctx) or "past"
        d = nz.weekday_date(anchor, wd, direction)
        if d is None:
            return None
        v = d.isoformat()
    if g["pod"]:
        return "TIME", v + "T" + lx.PARTS_OF_DAY[g["pod"].lower()], None, None, None, True
    return "DATE", v, None, None, None, True
