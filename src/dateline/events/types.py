"""PLOVER event types and casualty figures from the text of an event's sentences.

The type is chosen by rules: each PLOVER category has keyword patterns (inflected forms of the
verbs and nouns that name it in news English), the summary sentence counts twice, the evidence
once, and the best-scoring category wins when it scores enough; otherwise the type is ``None``.
The mapping from words to categories, and where it departs from the codebook, is documented in
``docs/events.md``. Casualty figures ("at least 12 people were killed", "the death toll rose to
230") are read with regular expressions, keeping the attribution the sentence gives ("according
to the health ministry", "officials said").

This module does not parse: it is deliberately a fast, transparent baseline that a classifier can
replace behind the same two functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dateline.timex.lexicon import TENS, UNITS_SMALL

__all__ = ["PLOVER_TYPES", "casualties_in", "event_type", "type_scores"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
    "FIGHT",
    "CRIME",
)

# (pattern, weight). Material categories weigh more than verbal ones because a sentence that
# reports a killing usually also quotes someone condemning it, and the killing is the happening.
_RULES: dict[str, tuple[tuple[str, float], ...]] = {
    "ASSAULT": (
        (r"kill(?:s|ed|ing)?", 2.0),
        (r"attack(?:s|ed|ing)?", 1.5),
        (r"bomb(?:s|ed|ing|ings)?|blasts?|explosions?|explod(?:e|ed|es)", 2.0),
        (r"shell(?:s|ed|ing)|airstrikes?|air strikes?|air raids?|missiles? strikes?", 2.0),
        (r"massacre[sd]?|assassinat(?:e|ed|ion)|suicide bomber", 2.5),
        (r"shot dead|gunned down|opened fire|fired on|sniper", 2.0),
        (r"abduct(?:ed|ion)|kidnapp(?:ed|ing)|hostages?|tortur(?:e|ed)", 1.5),
        (r"(?:were|was|been) (?:killed|wounded|injured)", 1.0),
    ),
    "FIGHT": (
        (r"clash(?:es|ed)?", 2.0),
        (r"fighting|fought|battles?|battled|combat", 2.0),
        (r"offensive|counter-?attack|insurgents? and (?:troops|forces)", 1.5),
        (r"exchange of fire|gun ?battle|firefights?", 2.5),
    ),
    "PROTEST": (
        (r"protest(?:s|ed|ers|ors|ing)?|demonstrat(?:ors|ions?|ed)", 2.0),
        (r"rall(?:y|ies|ied)|march(?:ed|ers)|sit-ins?|riot(?:s|ing|ers)?", 1.5),
        (r"hunger strike|general strike|strikers|boycott(?:s|ed)?", 2.0),
    ),
    "SANCTION": (
        (r"sanctions?|embargo(?:es)?|asset freeze|froze (?:the )?assets", 2.5),
        (
            r"expel(?:s|led)? (?:the )?(?:ambassador|diplomats?)|severed ties|suspended (?:aid|membership)",
            2.0,
        ),
        (r"broke off (?:talks|relations)|recall(?:ed|s) (?:its |their )?ambassadors?", 2.0),
        (r"(?:found|was) guilty|convicted", 1.5),
    ),
    "COERCE": (
        (r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|detention", 2.0),
        (r"raid(?:s|ed)?|crackdown|curfew|martial law|state of emergency", 1.5),
        (r"deport(?:ed|ation)|imprison(?:ed|ment)|jailed|sentenced", 1.5),
        (r"censor(?:ed|ship)?|blocked (?:the )?internet|shut down|ban(?:ned|s)?", 1.0),
        (r"seiz(?:ed|ure)|confiscat(?:ed|ion)", 1.0),
    ),
    "AGREE": (
        (r"ceasefire|cease-fire|truce", 1.5),
        (r"agree(?:d|s|ment)|deal|accord|pact", 1.5),
        (r"signed|sign(?:s|ing) (?:a|an|the)|ratif(?:y|ied)", 1.5),
        (r"promis(?:ed|es)|pledg(?:ed|es)|offer(?:ed|s)|vowed", 1.0),
    ),
    "CONSULT": (
        (r"talks|negotiat(?:e|ed|ions?|ing)|met with|meet(?:s|ing)? with|summit", 2.0),
        (
            r"visit(?:s|ed|ing)?|hosted|held (?:a )?(?:meeting|discussions)|phone call|spoke (?:by phone )?with",
            1.5,
        ),
        (r"discuss(?:ed|ions?)|consult(?:ed|ations?)", 1.0),
    ),
    "SUPPORT": (
        (r"back(?:ed|s) (?:the|a|an)|endors(?:e|ed|ement)|prais(?:ed|es)|welcomed", 1.5),
        (r"recogni[sz](?:ed|es) (?:the|a)|support(?:ed|s) (?:the|a|an)", 1.5),
    ),
    "COOPERATE": (
        (r"cooperat(?:e|ed|ion)|joint (?:military |naval )?(?:exercises?|operations?|patrols?)", 1.5),
        (r"extradit(?:e|ed|ion)|shar(?:e|ed|ing) intelligence|trade agreement", 1.5),
    ),
    "AID": (
        (r"aid|relief|humanitarian|donat(?:e|ed|ions?)|food supplies|supplies", 1.5),
        (r"rescue(?:d|rs)?|bailout|bail(?:ed)? out|loans?|grant(?:ed|s)? asylum|stimulus", 1.5),
        (r"\$\s?\d[\d.,]*\s?(?:bn|billion|million|m)\b", 0.5),
    ),
    "CONCEDE": (
        (
            r"apologi[sz](?:ed|es|e)|pardon(?:ed|s)?|amnesty|lift(?:ed|s)? (?:the )?(?:curfew|ban|restrictions)",
            2.0,
        ),
        (r"conced(?:e|ed|es)|concessions?|eas(?:ed|es) restrictions", 2.0),
        (
            r"declared (?:a )?ceasefire|step(?:ped)? down|will step down|not (?:seek|stand for) re-?election",
            1.5,
        ),
    ),
    "RETREAT": (
        (r"withdr(?:ew|awn|awal|aw)|retreat(?:ed|s)?|pull(?:ed)? out|pulled back", 2.0),
        (r"resign(?:ed|s|ation)|released|freed|handed over|surrender(?:ed)?|fled", 2.0),
    ),
    "INVESTIGATE": (
        (r"investigat(?:e|ed|es|ion|ions|ing|ors)|inquiry|inquest|probe|probing|inspectors?", 2.0),
        (r"autopsy|post-mortem|hearing|testif(?:y|ied)", 1.5),
    ),
    "DEMAND": ((r"demand(?:s|ed|ing)?|call(?:ed|s|ing)? (?:on|for)|urg(?:ed|es)|ultimatum", 1.5),),
    "DISAPPROVE": (
        (r"condemn(?:s|ed|ation)?|criticis(?:e|ed|m)|criticiz(?:e|ed)|denounc(?:e|ed)|deplor(?:e|ed)", 1.5),
        (r"accus(?:e|ed|es|ation)|blam(?:e|ed|es)|alleg(?:e|ed|ation|ations)|charged|sued|lawsuit", 1.5),
    ),
    "REJECT": (
        (r"reject(?:s|ed|ion)?|refus(?:e|ed|es|al)|veto(?:ed|es)?|dismiss(?:ed|es)|den(?:y|ied|ies)", 1.5),
    ),
    "THREATEN": ((r"threat(?:en|ened|ens|s)?|warn(?:s|ed|ing)?|ultimatum", 1.5),),
    "MOBILIZE": (
        (r"deploy(?:s|ed|ment)?|mobili[sz](?:e|ed|ation)|troops (?:were )?sent|dispatched", 2.0),
        (r"reinforcements|tanks (?:moved|rolled)|on high alert|no-fly zone", 1.5),
    ),
    "CRIME": ((r"murder(?:ed|s)?|manslaughter|homicide|robbery|fraud|smuggl(?:ed|ing)|corruption", 2.0),),
}

_COMPILED: dict[str, tuple[tuple[re.Pattern[str], float], ...]] = {
    kind: tuple((re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), weight) for pattern, weight in rules)
    for kind, rules in _RULES.items()
}

_SPEECH_ACTS = frozenset({"DEMAND", "THREATEN", "REJECT", "DISAPPROVE"})

# Ties go to the category earlier here: material acts before talk about them.
_PRIORITY = {
    kind: i
    for i, kind in enumerate(
        (
            "ASSAULT",
            "FIGHT",
            "COERCE",
            "PROTEST",
            "SANCTION",
            "MOBILIZE",
            "RETREAT",
            "AID",
            "AGREE",
            "CONCEDE",
            "CONSULT",
            "INVESTIGATE",
            "CRIME",
            "COOPERATE",
            "THREATEN",
            "DEMAND",
            "REJECT",
            "DISAPPROVE",
            "SUPPORT",
        )
    )
}


def type_scores(summary: str, evidence: Sequence[str] = ()) -> dict[str, float]:
    """Keyword scores per PLOVER type: the summary counts twice, each evidence sentence once.

    A category scores its best-matching pattern weight once per sentence, so one sentence that
    repeats a word does not outvote several sentences that agree.
    """
    scores: dict[str, float] = {}
    for text, factor in [(summary, 2.0), *((e, 1.0) for e in evidence)]:
        found: dict[str, tuple[float, int]] = {}
        for kind, rules in _COMPILED.items():
            for pattern, weight in rules:
                if m := pattern.search(text):
                    best, first = found.get(kind, (0.0, m.start()))
                    found[kind] = (max(best, weight), min(first, m.start()))
        # "demanded that Damascus withdraw its tanks": what follows a demand, threat, refusal or
        # condemnation is its content, not a second happening, so it counts for less.
        heads = [first for kind, (_, first) in found.items() if kind in _SPEECH_ACTS]
        head = min(heads, default=len(text))
        for kind, (weight, first) in found.items():
            if first > head and kind not in _SPEECH_ACTS:
                weight *= 0.4
            scores[kind] = scores.get(kind, 0.0) + factor * weight
    return scores


def event_type(summary: str, evidence: Sequence[str] = (), *, min_score: float = 3.0) -> str | None:
    """The PLOVER type of an event from its summary and evidence sentences, ``None`` when unsure.

    ``min_score`` is the least score the winner needs: the default asks for one strong word in
    the summary (weight 1.5 × 2) or agreement across evidence sentences.
    """
    scores = type_scores(summary, evidence)
    if not scores:
        return None
    kind = min(scores, key=lambda k: (-scores[k], _PRIORITY[k]))
    return kind if scores[kind] >= min_score else None


# -- casualties -----------------------------------------------------------------------------------

# Number words as casualty reports use them; "dozens" and "hundreds" stand for their least.
_WORD_NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    **{word: n for word, n in UNITS_SMALL.items() if n},
    **TENS,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_APPROX = r"(?P<approx>at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated)"
_NUM = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s(?:hundred|thousand|million))?"
    r"|(?:"
    + "|".join(sorted((w for w in _WORD_NUMBERS if w not in ("a", "an")), key=len, reverse=True))
    + r")"
    r"(?:\s(?:hundred|thousand|million))?)"
)
_WHO = (
    r"(?:(?:more |other |innocent |unarmed |foreign |british |american |iraqi |syrian |libyan )?"
    r"(?:people|persons|civilians|protesters|demonstrators|soldiers|troops|policemen|police officers|police"
    r"|officers|militants|rebels|insurgents|children|women|men|workers|passengers|pilgrims|students"
    r"|fighters|marines|members|others|residents|victims|americans|iraqis|syrians|libyans|egyptians)\s)?"
)
_KIND = (
    r"(?P<kind>killed|dead|died|deaths|injured|wounded|hurt|missing|arrested|detained|displaced"
    r"|homeless|infected|confirmed cases)"
)
_AUX = r"(?:(?:were|was|have been|had been|has been|are|are now|have|had|are feared|were feared)\s)?"

_CASUALTY_PATTERNS = (
    re.compile(rf"\b(?:{_APPROX}\s)?{_NUM}\s{_WHO}{_AUX}{_KIND}\b", re.IGNORECASE),
    re.compile(
        r"\b(?P<kind>death toll|toll|number of (?:dead|deaths|casualties))\s(?:has\s|had\s)?"
        r"(?:rose|risen|rises|climbed|reached|stands at|stood at|is|was|of|at|passed|topped|jumped)"
        rf"\s(?:to\s)?(?:{_APPROX}\s)?{_NUM}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<kind>killing|killed|wounding|injuring|arrested|detained)\s(?:{_APPROX}\s)?{_NUM}\b",
        re.IGNORECASE,
    ),
)
_KIND_NAMES = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "deaths": "killed",
    "killing": "killed",
    "death toll": "killed",
    "toll": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "wounding": "injured",
    "injuring": "injured",
    "missing": "missing",
    "arrested": "arrested",
    "detained": "arrested",
    "displaced": "displaced",
    "homeless": "displaced",
    "infected": "infected",
    "confirmed cases": "infected",
}

_ATTRIBUTION = (
    re.compile(
        r"\baccording to (?P<src>[^,.;:()]{3,80}?)(?=[,.;:()]|\s(?:who|which|on|in)\b|$)", re.IGNORECASE
    ),
    re.compile(
        r",\s*(?P<src>[^,.;:\"“”]{3,60}?)\s(?:said|says|reported|reports|told|announced|confirmed)"
        r"(?:\s(?:on\s)?\w+day)?\s*[.\"”]?\s*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:said|says|reported|announced|confirmed)\s(?P<src>(?:the\s)?[A-Z][^,.;:\"“”]{2,60}?)\s*[.\"”]?\s*$"
    ),
    re.compile(
        r"^(?P<src>(?:The\s)?[A-Z][\w'’.-]*(?:\s[\w'’.-]+){0,6}?)\s(?:said|say|says|reported|announced|confirmed)\b"
    ),
)


def _number(text: str) -> int | None:
    words = text.lower().replace(",", "").split()
    if not words:
        return None
    head, scale = words[0], 1
    if len(words) > 1 and words[1] in _SCALE:
        scale = _SCALE[words[1]]
    try:
        value = float(head)
    except ValueError:
        if head not in _WORD_NUMBERS:
            return None
        value = float(_WORD_NUMBERS[head])
    return int(value * scale)


def _attribution(sentence: str) -> str | None:
    for pattern in _ATTRIBUTION:
        if m := pattern.search(sentence.strip()):
            source = " ".join(m["src"].split()).strip(" \"'“”")
            if source and source.lower() not in {"he", "she", "it", "they", "we", "i", "this", "that"}:
                return source
    return None


def casualties_in(sentence: str, *, article_id: str | None = None) -> list[dict[str, Any]]:
    """Casualty figures a sentence states, each ``{"kind", "count", "approx", "attributed_to",
    "article_id", "text"}``.

    ``kind`` is killed, injured, missing, arrested, displaced or infected; ``approx`` the
    hedge the text puts on the figure ("at least", "more than", …) or ``None``; ``attributed_to``
    the source the sentence names for the figure or ``None``; ``text`` the words matched.
    """
    found: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    source = None
    for pattern in _CASUALTY_PATTERNS:
        for m in pattern.finditer(sentence):
            count = _number(m["num"])
            kind = _KIND_NAMES.get(m["kind"].lower())
            if count is None or kind is None or (kind, count) in seen:
                continue
            # "one of the wounded" or a year misread as a toll are not figures worth keeping.
            if count > 10_000_000 or (m["num"].isdigit() and len(m["num"]) == 4 and 1900 <= count <= 2100):
                continue
            seen.add((kind, count))
            if source is None:
                source = _attribution(sentence) or ""
            found.append(
                {
                    "kind": kind,
                    "count": count,
                    "approx": m["approx"].lower() if m["approx"] else None,
                    "attributed_to": source or None,
                    "article_id": article_id,
                    "text": m.group(0),
                }
            )
    return found
