"""A light tense heuristic: does the clause around a span speak of the past or the future?

The temporal tagger needs a direction for bare weekdays and months ("on Friday", "in March"). A
parser would be too slow for the tagger's budget (>= 50 documents per second on one core), so this
module looks for the nearest tense marker in the sentence: future markers ("will", "is expected
to", "plans to", "next") and past ones ("said", "was", irregular past forms, "-ed" verbs).
Not for: anything beyond that choice.
"""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "future"]

_FUTURE_WORDS = {
    "will",
    "'ll",
    "’ll",
    "shall",
    "wo",
    "gonna",
    "upcoming",
    "tomorrow",
    "scheduled",
    "slated",
    "plans",
    "plan",
    "planning",
    "intends",
    "intend",
    "expects",
    "expect",
    "hopes",
    "aims",
    "due",
    "forthcoming",
    "await",
    "awaits",
    "awaiting",
    "soon",
}
# Words that are future markers only when "to" follows ("expected to", "set to", "is to").
_FUTURE_BEFORE_TO = {"expected", "set", "is", "are", "going", "likely", "poised", "ready", "about", "seeks"}
_PAST_IRREGULAR = {
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "took",
    "came",
    "went",
    "made",
    "got",
    "gave",
    "saw",
    "found",
    "left",
    "began",
    "fell",
    "rose",
    "won",
    "lost",
    "sold",
    "bought",
    "paid",
    "held",
    "ran",
    "spoke",
    "wrote",
    "became",
    "brought",
    "thought",
    "felt",
    "kept",
    "led",
    "sent",
    "struck",
    "shot",
    "fought",
    "broke",
    "chose",
    "drove",
    "flew",
    "grew",
    "knew",
    "meant",
    "stood",
    "taught",
    "threw",
    "understood",
    "woke",
    "wore",
    "ago",
    "yesterday",
    "last",
    "earlier",
    "previously",
    "already",
    "former",
    "sought",
    "caught",
    "built",
    "spent",
    "heard",
    "drew",
    "forgot",
    "hid",
    "lay",
    "overtook",
    "rang",
    "sang",
    "sank",
    "slid",
    "swore",
    "swept",
    "tore",
    "withdrew",
    "arose",
    "bore",
    "dealt",
    "fled",
    "hung",
    "lent",
    "lit",
    "sat",
    "slept",
    "stole",
    "stuck",
    "swam",
    "undertook",
    "reported",
    "announced",
    "died",
    "killed",
}
_PAST_FINITE = {
    "was",
    "were",
    "had",
    "did",
    "said",
    "ago",
    "yesterday",
    "last",
    "earlier",
    "previously",
    "already",
    "former",
}
_NOT_PAST_ED = {
    "need",
    "needed",
    "red",
    "bed",
    "hundred",
    "seed",
    "speed",
    "feed",
    "shed",
    "bred",
    "indeed",
    "united",
    "limited",
    "based",
    "related",
    "proceed",
    "exceed",
    "succeed",
    "weed",
    "breed",
    "creed",
    "greed",
    "deed",
    "steed",
    "reed",
    "sled",
    "wed",
    "fled",
    "led",
    "shred",
    "embed",
    "unlimited",
    "interested",
    "concerned",
    "supposed",
    "used",
    "advanced",
    "detailed",
    "experienced",
    "skilled",
    "talented",
    "armed",
    "alleged",
    "so-called",
    "expected",
    "scheduled",
    "planned",
    "proposed",
    "elected",
    "designated",
    "appointed",
    "undisclosed",
    "unidentified",
    "unnamed",
    "injured",
    "wounded",
    "infected",
    "affected",
    "wanted",
    "increased",
    "reduced",
    "combined",
    "mixed",
    "fixed",
    "listed",
    "registered",
    "qualified",
    "committed",
    "dedicated",
    "owned",
    "controlled",
    "backed",
}
_BE_BEFORE = {
    "is",
    "are",
    "be",
    "been",
    "being",
    "am",
    "will",
    "'s",
    "’s",
    "to",
    "has",
    "have",
    "the",
    "a",
    "an",
}

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|['’]ll|[.;:!?]")


def marker_positions(sentence: str) -> list[tuple[int, Tense]]:
    """(character offset, tense) of every tense marker in ``sentence``."""
    out: list[tuple[int, Tense]] = []
    toks = [(m.start(), m.group().lower()) for m in _TOKEN_RE.finditer(sentence)]
    for i, (pos, w) in enumerate(toks):
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
        prev = toks[i - 1][1] if i else ""
        if w in _FUTURE_WORDS:
            if w in ("due", "plan", "expect", "intend", "planning") and nxt not in (
                "to",
                "on",
                "in",
                "by",
                "for",
            ):
                continue
            if w == "soon" and prev not in ("as",):
                continue
            out.append((pos, "future"))
        elif (w in _FUTURE_BEFORE_TO and (nxt == "to" or (w == "set" and nxt == "for"))) or (
            w in ("would", "could") and nxt not in ("have", "not")
        ):
            out.append((pos, "future"))
        elif w in _PAST_IRREGULAR:
            if w in ("last",) and prev in ("the", "at"):
                continue
            if w not in _PAST_FINITE and prev in _BE_BEFORE and not _perfect(toks, i):
                continue  # "will be held", "is sold": a participle, not a past tense
            out.append((pos, "past"))
        elif (
            w.endswith("ed")
            and len(w) > 4
            and w not in _NOT_PAST_ED
            and (prev not in _BE_BEFORE or _perfect(toks, i))
        ):
            out.append((pos, "past"))
    return out


def _perfect(toks: list[tuple[int, str]], i: int) -> bool:
    """Whether token ``i`` is a participle of a perfect ("have sold", "has been evacuated"): the
    perfect reports what already happened."""
    prev = toks[i - 1][1] if i else ""
    if prev == "been" and i > 1:
        prev = toks[i - 2][1]
    return prev in ("has", "have") or prev.endswith(("'ve", "’ve"))


def tense_at(
    sentence: str, start: int, end: int, markers: list[tuple[int, Tense]] | None = None
) -> Tense | None:
    """The tense of the nearest marker to the span ``[start, end)`` of ``sentence`` (None: no marker).

    Markers inside the span itself ("last", "next") are ignored; a marker across a comma or
    semicolon counts as farther away than one in the same clause.
    """
    if markers is None:
        markers = marker_positions(sentence)
    best: tuple[float, Tense] | None = None
    for pos, tense in markers:
        if start <= pos < end:
            continue
        gap = sentence[pos:start] if pos < start else sentence[end:pos]
        dist = len(gap) + 40 * (gap.count(",") + gap.count(";") + gap.count(" that ") + gap.count(" but "))
        if best is None or dist < best[0]:
            best = (dist, tense)
    return best[1] if best else None
