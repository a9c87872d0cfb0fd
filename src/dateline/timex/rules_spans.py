"""Handlers for durations, sets, vague references (now, the past) and anaphora (the next day).

Internal; see :mod:`dateline.timex.rules_dates` for the handler contract.
"""

from __future__ import annotations

import re

from dateline.timex import lexicon as lx
from dateline.timex import normalise as nz
from dateline.timex.context import (
    _CURRENT_BAD_NEXT,
    Result,
    _Cand,
    _Ctx,
    _next_word,
    _prev_word,
)


def _h_duration(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    unit = lx.unit_key(g["unit"])
    if unit not in lx.UNITS:
        return None
    num_s = re.sub(r"\s+", " ", g["num"].lower())
    prev = _prev_word(ctx.text, c.start)
    nxt = _next_word(ctx.text, c.end).lower()
    dw = (g["dw"] or "").lower()
    if (
        unit == "second"
        and num_s in ("a", "an", "one")
        and not g["the"]
        and prev
        not in ("for", "within", "in", "about", "than", "only", "just", "split", "half", "every", "per")
    ):
        return None  # "a second term"
    if num_s in ("a", "an") and not g["the"] and not dw:
        before = ctx.text[max(0, c.start - 40) : c.start].lower()
        if re.search(
            r"(\d|times|percent|cents?|dollars?|\$|a share|a head|a barrel|a gallon)\W*\w*\W*$", before
        ):
            code, _, is_time = lx.UNITS[unit]
            return "SET", f"P{'T' if is_time else ''}1{code}", None, "EACH", None, False
    if num_s in ("some", "many") and not dw:
        return None
    n = lx.word_number(num_s)
    if n is not None and g["half"]:
        n += 0.5
    if num_s in ("a few", "few", "several", "many", "some", "a number of", "numerous"):
        n = None
    elif n is None:
        return None
    if num_s.replace(",", "").isdigit() and unit in ("second", "minute", "hour", "day") and n and n > 100000:
        return None
    if dw in ("same",) or g["old"]:
        return None  # "the same day"; ages ("6-year-old") are not timexes
    if unit == "quarter" and nxt == "of":
        return None  # "three-quarters of its food"
    v = lx.duration_value(n, unit)
    mod = "APPROX" if num_s in ("a couple of", "a couple", "couple of") else None
    # "the last three years" is a duration; "the last year" (no number) is handled by "rel".
    if dw == "recent" and unit == "year" and n is None:
        return "DATE", "PAST_REF", None, None, None, True
    return "DURATION", v, mod, None, None, False


def _h_duration_vague(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    unit = lx.unit_key(g["unit"])
    dw = (g["dw"] or "").lower()
    if c.start > 0 and ctx.text[c.start - 1] == "-":
        return None
    if dw == "recent" and unit == "year":
        return "DATE", "PAST_REF", None, None, None, True
    if dw in ("first", "final", "early") and not g["the"]:
        return None
    prev = _prev_word(ctx.text, c.start)
    nxt = _next_word(ctx.text, c.end).lower()
    if (
        not dw
        and not g["few"]
        and prev == "the"
        and nxt in ("before", "after", "following", "that", "leading", "since")
    ):
        return "DURATION", lx.VAGUE_UNIT_CODE[unit], None, None, None, False
    if not dw and not g["few"]:
        if prev in (
            "the",
            "those",
            "these",
            "his",
            "her",
            "their",
            "its",
            "our",
            "my",
            "your",
            "school",
            "happy",
            "glory",
            "dog",
            "salad",
            "early",
            "later",
            "final",
            "closing",
            "opening",
            "golden",
            "war",
            "working",
            "man",
            "business",
            "trading",
            "office",
            "visiting",
            "peak",
            "off",
            "opening",
        ):
            return None
        if nxt in ("of", "old", "earlier", "later", "ago") and unit in (
            "day",
            "week",
            "hour",
            "minute",
            "second",
        ):
            return None
    return "DURATION", lx.VAGUE_UNIT_CODE[unit], None, None, None, False


def _h_set(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    what = re.sub(r"\s+", " ", g["what"]).lower()
    quant = None
    freq = None
    if g["q"]:
        quant = g["q"].upper()
    if g["freq"]:
        f = g["freq"].lower()
        k = {"once": 1, "twice": 2, "thrice": 3}.get(f)
        if k is None:
            k = int(lx.word_number(f.split()[0]) or 0)
        freq = f"{k}X"
    if what in lx.WEEKDAYS:
        return "SET", f"XXXX-WXX-{lx.WEEKDAYS[what] + 1}", None, quant, freq, False
    if what in lx.MONTHS:
        return "SET", f"XXXX-{lx.MONTHS[what]:02d}", None, quant, freq, False
    if what in lx.SEASONS:
        return "SET", f"XXXX-{lx.SEASONS[what]}", None, quant, freq, False
    if what in ("morning", "afternoon", "evening", "night"):
        return "SET", f"XXXX-XX-XXT{lx.PARTS_OF_DAY[what]}", None, quant, freq, False
    if what == "season":
        return "SET", "P1Y", None, quant, freq, False
    if what == "weekday":
        return "SET", "XXXX-WXX-XX", None, quant, freq, False
    unit = lx.unit_key(what)
    if unit not in lx.UNITS:
        return None
    n = 1.0
    if g["num"]:
        num = lx.word_number(g["num"])
        if num is None:
            return None
        n = num
    if g["other"]:
        n *= 2
    return "SET", lx.duration_value(n, unit), None, quant, freq, False


_SET_ADV = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "hourly": "PT1H",
    "nightly": "P1D",
    "biweekly": "P2W",
    "bimonthly": "P2M",
    "semiannually": "P6M",
    "semi-annually": "P6M",
    "fortnightly": "P2W",
}


def _h_set_adv(c: _Cand, ctx: _Ctx) -> Result | None:
    w = c.m.group("w").lower()
    v = _SET_ADV.get(w)
    if v is None:
        return None
    return "SET", v, None, None, None, False


_REF = {
    "right now": "PRESENT_REF",
    "just now": "PRESENT_REF",
    "now": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the time being": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "lately": "PAST_REF",
    "recent": "PAST_REF",
    "the past": "PAST_REF",
    "the distant past": "PAST_REF",
    "the recent past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "the medium term": "FUTURE_REF",
    "the long run": "FUTURE_REF",
    "the short run": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "someday": "FUTURE_REF",
    "the present day": "PRESENT_REF",
    "present day": "PRESENT_REF",
    "present-day": "PRESENT_REF",
    "modern times": "PRESENT_REF",
}


def _h_ref(c: _Cand, ctx: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", c.m.group("w").lower())
    v = _REF.get(w)
    if v is None:
        return None
    nxt = _next_word(ctx.text, c.end).lower()
    prev = _prev_word(ctx.text, c.start)
    if w == "current" and (nxt in _CURRENT_BAD_NEXT or nxt in ("quarter", "year", "month", "week")):
        return None
    if w == "now" and nxt in ("that",) and prev in ("",):
        return None
    if w == "soon" and nxt == "as":
        return None
    if w == "now" and nxt == "that":
        return None
    if w == "recent" and nxt in ("years", "months", "weeks", "days", "decades"):
        return None
    return "DATE", v, None, None, None, True


def _h_anaphor(c: _Cand, ctx: _Ctx) -> Result | None:
    g = c.m.groupdict()
    w = re.sub(r"\s+", " ", g["w"].lower())
    unit = g["unit"].lower()
    post = (g["post"] or "").lower()
    pre = (g["pre"] or "").lower()
    mod = {"later": "END", "late": "END", "earlier": "START", "early": "START"}.get(pre)
    if unit in ("time", "season"):
        return None
    if w == "that" and unit in ("morning", "afternoon", "evening", "night", "day"):
        pass
    if w == "the very":
        return None
    off = 0
    if w in ("the next", "the following", "the very next"):
        off = 1
    elif w in ("the previous", "the preceding", "the prior"):
        off = -1
    if post == "before":
        off = -1 if w in ("that", "the same") else off
    elif post == "after":
        off = 1 if w in ("that", "the same") else off
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        base = ctx.ref_day()
        if base is None:
            return "DATE", "XXXX-XX-XX", mod, None, None, True
        d = nz.shift_days(base, off)
        if d is None:
            return None
        if unit != "day":
            return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[unit], mod, None, None, True
        return "DATE", d.isoformat(), mod, None, None, True
    if unit in ("week", "weekend"):
        base = ctx.ref_day()
        if base is None:
            return "DATE", "XXXX-WXX", mod, None, None, True
        d = nz.shift_days(base, 7 * off)
        return (
            ("DATE", nz.fmt_week(d) + ("-WE" if unit == "weekend" else ""), mod, None, None, True)
            if d
            else None
        )
    if unit == "month":
        if ctx.last_month is None:
            base = ctx.ref_day()
            if base is None:
                return "DATE", "XXXX-XX", mod, None, None, True
            ym = (base.year, base.month)
        else:
            ym = ctx.last_month
        y, mo = nz.add_months(ym[0], ym[1], off)
        return "DATE", nz.fmt_month(y, mo), mod, None, None, True
    if unit in ("summer", "winter", "spring", "fall", "autumn"):
        ry = ctx.ref_year()
        if ry is None:
            return None
        return "DATE", f"{nz.clamp_year(ry + off):04d}-{lx.SEASONS[unit]}", mod, None, None, True
    ry = ctx.ref_year()
    if ry is None:
        return "DATE", "XXXX", mod, None, None, True
    if unit == "decade":
        return "DATE", f"{nz.clamp_year(ry + 10 * off) // 10:03d}", mod, None, None, True
    return "DATE", nz.fmt_year(nz.clamp_year(ry + off)), mod, None, None, True


def _h_the_unit(c: _Cand, ctx: _Ctx) -> Result | None:
    pre = re.sub(r"\s+", " ", c.m.group("pre").lower())
    unit = c.m.group("unit").lower()
    mod = {
        "the end of": "END",
        "the beginning of": "START",
        "the start of": "START",
        "the middle of": "MID",
        "later in": "END",
        "late in": "END",
        "earlier in": "START",
        "early in": "START",
    }.get(pre)
    if pre.startswith(("later", "earlier", "early", "late")):
        # keep "in" out of the extent: "later in the year" -> "later in the year" is how TimeBank marks it
        pass
    base = ctx.anchor() if ctx.narrative else ctx.dct
    if base is None:
        return None
    if unit == "day":
        return "DATE", base.isoformat(), mod, None, None, True
    if unit == "week":
        return "DATE", nz.fmt_week(base), mod, None, None, True
    if unit == "month":
        return "DATE", nz.fmt_month(base.year, base.month), mod, None, None, True
    if unit == "quarter":
        return "DATE", f"{base.year:04d}-Q{nz.quarter_of(base)}", mod, None, None, True
    if unit == "decade":
        return "DATE", f"{base.year // 10:03d}", mod, None, None, True
    if unit == "century":
        return "DATE", f"{base.year // 100:02d}", mod, None, None, True
    if unit == "season":
        return None
    y = ctx.ref_year() if ctx.narrative else base.year
    return "DATE", nz.fmt_year(y or base.year), mod, None, None, True


def _h_the_day_before(c: _Cand, ctx: _Ctx) -> Result | None:
    d = c.m.group("dir").lower()
    w = c.m.group("w").lower()
    off = (-1 if w == "yesterday" else 1) + (-1 if d == "before" else 1)
    if ctx.dct is None:
        return None
    dd = nz.shift_days(ctx.dct, off)
    return ("DATE", dd.isoformat(), None, None, None, True) if dd else None
