"""The temporal tagger: find English temporal expressions and normalise them to TIMEX3.

:func:`tag` runs every pattern of :mod:`dateline.timex.patterns` over the text, keeps the longest
non-overlapping matches, widens them over modifiers ("more than", "early", "or so"), drops the
ordinary-word readings ("may", "a second", "1,200"), and gives each a TIMEX3 type and value.

Relative expressions are resolved against the document creation time (DCT). Direction for bare
weekdays, months and month-days comes from the tense of the clause (:mod:`dateline.timex.tense`).
Anaphoric ones ("the next day", "that year", "two days later") are resolved against the last date
the text mentioned. A document whose explicit years all lie far from its DCT (a history, such as a
Wikipedia article) is read as narrative: year-less dates take the year last mentioned.

Not for: event extraction or temporal relations between events.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime
from typing import Any, cast

from dateline.models import Timex, TimexType
from dateline.timex import normalise as nz
from dateline.timex.context import (
    _RIGHT_EXT_RE,
    _RIGHT_MODS,
    _Cand,
    _Ctx,
    _sentence_starts,
    _to_date,
)
from dateline.timex.patterns import (
    APOS_RULES,
    DIGIT_RULES,
    LEFT_MOD_RE,
    MOD_CODES,
    RULE_BY_NAME,
    RULES,
    START_RULES,
    TOKEN_START_RE,
)
from dateline.timex.rules_dates import (
    _h_deictic,
    _h_iso,
    _h_month,
    _h_month_day,
    _h_month_year,
    _h_numeric,
    _h_pod,
    _h_rel,
    _h_weekday,
    _h_weekend,
)
from dateline.timex.rules_periods import (
    _h_ago,
    _h_ago_vague,
    _h_century,
    _h_decade,
    _h_holiday,
    _h_period_of_year,
    _h_quarter,
    _h_quarter_rel,
    _h_season,
    _h_spoken_year,
    _h_the_year,
    _h_time,
    _h_year,
    _h_year_ago_adj,
    _h_year_era,
)
from dateline.timex.rules_spans import (
    _h_anaphor,
    _h_duration,
    _h_duration_vague,
    _h_ref,
    _h_set,
    _h_set_adv,
    _h_the_day_before,
    _h_the_unit,
)

__all__ = ["tag"]


_HANDLERS = {
    "iso": _h_iso,
    "numeric": _h_numeric,
    "month_day": _h_month_day,
    "month_year": _h_month_year,
    "month": _h_month,
    "rel": _h_rel,
    "deictic": _h_deictic,
    "pod": _h_pod,
    "weekday": _h_weekday,
    "ago": _h_ago,
    "ago_vague": _h_ago_vague,
    "decade": _h_decade,
    "century": _h_century,
    "quarter": _h_quarter,
    "quarter_rel": _h_quarter_rel,
    "year": _h_year,
    "year_era": _h_year_era,
    "season": _h_season,
    "holiday": _h_holiday,
    "time": _h_time,
    "duration": _h_duration,
    "duration_vague": _h_duration_vague,
    "set": _h_set,
    "set_adv": _h_set_adv,
    "ref": _h_ref,
    "anaphor": _h_anaphor,
    "year_ago_adj": _h_year_ago_adj,
    "period_of_year": _h_period_of_year,
    "spoken_year": _h_spoken_year,
    "the_year": _h_the_year,
    "the_unit": _h_the_unit,
    "the_day_before": _h_the_day_before,
    "weekend": _h_weekend,
}
_PRIO = {name: i for i, (name, _) in enumerate(RULES)}
# Rules whose match can be widened by a left modifier, and which modifiers they take.
_POINT_MODS = {"START", "MID", "END", "APPROX"}
_DURATION_MODS = {"EQUAL_OR_MORE", "MORE_THAN", "LESS_THAN", "EQUAL_OR_LESS", "APPROX"}
_TIME_JOIN_RE = re.compile(r"^\s*(?:,\s*|\s+on\s+|\s+)$")
_DAY_RULES = {"month_day", "weekday", "deictic", "iso", "numeric", "rel"}


_Matcher = tuple[str, Any, int]
_START: dict[str, tuple[_Matcher, ...]] = {
    w: tuple(sorted(((n, RULE_BY_NAME[n].match, _PRIO[n]) for n in names), key=lambda t: t[2]))
    for w, names in START_RULES.items()
}
_DIGIT: tuple[_Matcher, ...] = tuple((n, RULE_BY_NAME[n].match, _PRIO[n]) for n in DIGIT_RULES)
_APOS: tuple[_Matcher, ...] = tuple((n, RULE_BY_NAME[n].match, _PRIO[n]) for n in APOS_RULES)


def _match_at(text: str, pos: int, matchers: tuple[_Matcher, ...], out: list[_Cand]) -> None:
    for name, match, prio in matchers:
        m = match(text, pos)
        if m is not None and m.end() > pos:
            out.append(_Cand(pos, m.end(), name, m, prio))


def _candidates(text: str) -> list[_Cand]:
    """Every match of every rule that starts where that rule's first token can stand."""
    out: list[_Cand] = []
    start_get = _START.get
    for tok in TOKEN_START_RE.finditer(text):
        t = tok.group()
        c0 = t[0]
        if c0.isdigit():
            matchers: tuple[_Matcher, ...] = _DIGIT
        elif c0 == "'" or c0 == "’":
            _match_at(text, tok.start() + 1, _DIGIT, out)  # ''60 Minutes: the digit starts rules too
            matchers = _APOS
        else:
            found = start_get(t.lower())
            if found is None:
                continue
            matchers = found
        pos = tok.start()
        for name, match, prio in matchers:
            m = match(text, pos)
            if m is not None and m.end() > pos:
                out.append(_Cand(pos, m.end(), name, m, prio))
    return out


def _candidates_full_scan(text: str) -> list[_Cand]:
    """Reference implementation of :func:`_candidates` (every pattern over the whole text); slow."""
    out: list[_Cand] = []
    for name, rx in RULES:
        for m in rx.finditer(text):
            if m.end() > m.start():
                out.append(_Cand(m.start(), m.end(), name, m, _PRIO[name]))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then rule order; keep candidates that overlap nothing already kept."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
    taken: list[tuple[int, int]] = []
    keep: list[_Cand] = []
    for c in cands:
        i = bisect.bisect_left(taken, (c.start, c.end))
        if i > 0 and taken[i - 1][1] > c.start:
            continue
        if i < len(taken) and taken[i][0] < c.end:
            continue
        taken.insert(i, (c.start, c.end))
        keep.append(c)
    keep.sort(key=lambda c: c.start)
    return keep


_QUARTER_VALUE_RE = re.compile(r"^\d{4}-Q\d$")


def _is_narrative(text: str, kept: list[_Cand], dct: date | None) -> bool:
    years = []
    for c in kept:
        y = c.m.groupdict().get("y") if c.rule in ("year", "month_year", "month_day") else None
        if y and len(y) == 4 and y.isdigit() and (dct is None or int(y) <= dct.year + 5):
            years.append(int(y))
    if dct is None:
        return bool(years)
    if len(years) < 3:
        return False
    near = sum(1 for y in years if abs(y - dct.year) <= 2)
    return near / len(years) < 0.1


def tag(text: str, *, dct: date | datetime | str | None = None) -> list[Timex]:
    """Find and normalise the temporal expressions of ``text`` against the creation time ``dct``.

    Returns :class:`~dateline.models.Timex` records in text order, with offsets into ``text``,
    a TIMEX3 type (DATE, TIME, DURATION, SET) and value, ``anchor`` set to the DCT (ISO string)
    for expressions resolved relative to it and ``None`` for absolute ones. Without a DCT,
    relative expressions get underspecified values (``XXXX-WXX-2``, ``PAST_REF`` …).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    dct_date = _to_date(dct)
    kept = _select(_candidates(text))
    ctx = _Ctx(
        text=text,
        dct=dct_date,
        narrative=_is_narrative(text, kept, dct_date),
        sent_starts=_sentence_starts(text),
    )
    _join_times(text, kept)
    _extend(text, kept)
    anchor = dct_date.isoformat() if dct_date else None
    out: list[Timex] = []
    for c in kept:
        ctx.used_ref = None
        day_cand = c.extra.pop("day_cand", None)
        if day_cand is not None:
            res_d = _HANDLERS[day_cand.rule](day_cand, ctx)
            if res_d is not None and re.match(r"^\d{4}-\d{2}-\d{2}", res_d[1]):
                c.extra["day"] = res_d[1][:10]
        res = _HANDLERS[c.rule](c, ctx)
        if res is None:
            continue
        typ, value, mod, quant, freq, anchored = res
        mod = c.mod if c.mod is not None and c.mod != "" else mod
        if mod and typ == "DURATION" and mod not in _DURATION_MODS:
            mod = None
        if c.rule != "year_ago_adj" and not (c.rule != "quarter" and _QUARTER_VALUE_RE.match(value)):
            # "a year earlier", "the year-ago quarter" compare; they do not move the reference date
            ctx.note(value, typ, False, c.start)
        out.append(
            Timex(
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                type=cast(TimexType, typ),
                value=value,
                anchor=(ctx.used_ref or anchor) if anchored else None,
                mod=mod or None,
                quant=quant,
                freq=freq,
            )
        )
    return _day_ranges(text, out)


_RANGE_AFTER_RE = re.compile(
    r"\s*(?:-|–|and|to|or|through)\s*(?P<d>[0-3]?\d)(?![\d.:/%])(?P<y>,?\s+(?:1\d{3}|20\d{2})(?!\d))?"
)
_RANGE_BEFORE_RE = re.compile(r"(?<![\w$.,/])(?P<d>[0-3]?\d)\s*(?:-|–|and|to|or|through)\s*$")
_DAY_VALUE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _day_ranges(text: str, found: list[Timex]) -> list[Timex]:
    """'May 4 and 5', '5-9 March 1918': the bare day of a range is a date of the same month."""
    extra: list[Timex] = []
    for i, t in enumerate(found):
        m = _DAY_VALUE_RE.match(t.value)
        if m is None or t.type != "DATE" or (not t.text[:1].isalpha() and not t.text[:1].isdigit()):
            continue
        y, mo = int(m[1]), int(m[2])
        nxt_start = found[i + 1].start if i + 1 < len(found) else len(text)
        if t.text[:1].isalpha():
            r = _RANGE_AFTER_RE.match(text, t.end, nxt_start)
            if r:
                if r.group("y"):
                    y = int(r.group("y").strip(", "))
                d = nz.safe_date(y, mo, int(r.group("d")))
                if d is not None and d.day > int(m[3]):
                    extra.append(
                        Timex(
                            r.start("d"),
                            r.end(),
                            text[r.start("d") : r.end()],
                            "DATE",
                            d.isoformat(),
                            anchor=t.anchor if not r.group("y") else None,
                        )
                    )
        else:
            prev_end = found[i - 1].end if i else 0
            r = _RANGE_BEFORE_RE.search(text, max(prev_end, t.start - 12), t.start)
            if r:
                d = nz.safe_date(y, mo, int(r.group("d")))
                if d is not None and d.day < int(m[3]):
                    extra.append(
                        Timex(r.start("d"), r.end("d"), r.group("d"), "DATE", d.isoformat(), anchor=t.anchor)
                    )
    if not extra:
        return found
    return sorted(found + extra, key=lambda t: t.start)


def _join_times(text: str, kept: list[_Cand]) -> None:
    """'10 p.m. Wednesday' / '5 p.m. EST, Nov. 9': a clock time followed by its day is one TIME."""
    i = 0
    while i + 1 < len(kept):
        a, b = kept[i], kept[i + 1]
        if a.rule == "time" and b.rule in _DAY_RULES and _TIME_JOIN_RE.match(text[a.end : b.start]):
            a.extra["day_cand"] = b
            a.end = b.end
            del kept[i + 1]
        i += 1


def _extend(text: str, kept: list[_Cand]) -> None:
    """Widen candidates over a left modifier ('more than', 'early') or a right one ('or so')."""
    prev_end = 0
    for c in kept:
        lo = max(prev_end, c.start - 40)
        m = LEFT_MOD_RE.search(text, lo, c.start) if c.start > lo else None
        if (m is not None and m.end() == c.start) or (m is not None and not text[m.end() : c.start].strip()):
            word = re.sub(r"\s+", " ", m.group("m").lower())
            code = MOD_CODES.get(word)
            if word == "about" or (word == "over" and text.startswith(("the", "The"), c.start)):
                code = None
            if word in ("earlier", "later") and c.rule == "weekday":
                code = None
            if code is not None and _mod_fits(c, code, word):
                c.start = m.start("m")
                c.mod = code
        r = _RIGHT_EXT_RE.match(text, c.end)
        if r and c.rule in ("duration", "year", "month_year", "month_day", "ago", "rel"):
            c.end = r.end()
            c.mod = _RIGHT_MODS[re.sub(r"\s+", " ", r.group("w").lower())]
        prev_end = c.end


_DUR_RULES = {"duration", "duration_vague", "ago"}


def _mod_fits(c: _Cand, code: str, word: str) -> bool:
    if c.rule in _DUR_RULES:
        if c.rule == "ago":
            return (
                code in ("APPROX", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS")
                and word != "within"
            )
        return code in _DURATION_MODS
    if c.rule in ("set", "set_adv", "ref", "anaphor", "the_unit", "decade", "century", "pod"):
        return False
    if code in ("START", "MID", "END"):
        return not (word in ("earlier", "later") and c.rule not in ("rel", "deictic", "weekday", "month"))
    return (
        code == "APPROX"
        and word in ("around", "about", "approximately", "roughly", "approx.")
        and c.rule in ("time", "month_day", "year", "month", "month_year")
    )
