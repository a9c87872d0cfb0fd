"""Speaker resolution and hedge marking for attributed claims.

:func:`resolve_speaker` maps a speaker to a person's full name: a pronoun ("he", "she") to the most
recent compatible PERSON mention before it, a surname ("Clinton") to the longest earlier name
ending in it ("Hillary Clinton"). Gender comes from the pronoun, titles (Mr./Mrs./Ms.) and a short
first-name list; an unknown gender is compatible with both. :func:`is_hedged` says whether the
text hedges a claim. Not a general coreference resolver.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from dateline.enrich.claims_lexicon import FEMALE_NAMES, HEDGE_CUES, HEDGE_WORDS, MALE_NAMES, UNVERIFIED

_MALE_PRON = {"he", "him", "his", "himself"}
_FEMALE_PRON = {"she", "her", "hers", "herself"}
_MALE_TITLES = {"mr", "mr.", "sir", "gen.", "lord"}
_FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "dame"}


def _gender(ent: Span) -> str | None:
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    first = ent[0].lower_
    if before in _MALE_TITLES or first in _MALE_TITLES:
        return "m"
    if before in _FEMALE_TITLES or first in _FEMALE_TITLES:
        return "f"
    names = [t.lower_ for t in ent if t.is_alpha]
    if names and names[0] in MALE_NAMES:
        return "m"
    if names and names[0] in FEMALE_NAMES:
        return "f"
    return None


def _clean(ent: Span) -> str:
    toks = [t for t in ent if t.lower_ not in _MALE_TITLES | _FEMALE_TITLES and t.tag_ != "POS"]
    return " ".join(t.text for t in toks).strip() or ent.text


def _full_name(ent: Span, persons: Sequence[Span]) -> str:
    """The longest PERSON mention in the document sharing this mention's last word."""
    last = ent[-1].lower_ if ent[-1].tag_ != "POS" or len(ent) == 1 else ent[-2].lower_
    best = _clean(ent)
    for other in persons:
        words = _clean(other).split()
        if words and words[-1].lower() == last and len(words) > len(best.split()):
            best = " ".join(words)
    return best


_PERSONS_KEY = "dateline.claims.persons"


def _persons(doc: Doc) -> list[Span]:
    """The PERSON mentions of ``doc``, listed once per Doc (``doc.ents`` builds new spans on every
    access); set the entities before the first call."""
    found = doc.user_data.get(_PERSONS_KEY)
    if found is None:
        found = doc.user_data[_PERSONS_KEY] = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    return found


def resolve_speaker(doc: Doc, speaker_token: int) -> str | None:
    """The person a speaker refers to, or ``None`` (groups, organisations, unresolvable pronouns).

    A PERSON speaker gives its fullest name in the document; "he"/"she" the most recent PERSON
    mention before it whose gender does not contradict the pronoun (its fullest name).
    """
    tok: Token = doc[speaker_token]
    persons = _persons(doc)
    for ent in persons:
        if ent.start <= speaker_token < ent.end:
            return _full_name(ent, persons)
    lower = tok.lower_
    if lower not in _MALE_PRON | _FEMALE_PRON:
        return None
    want = "m" if lower in _MALE_PRON else "f"
    fallback: Span | None = None
    for seen, ent in enumerate(ent for ent in reversed(persons) if ent.end <= speaker_token):
        gender = _gender(ent)
        if gender is None:
            # An unknown name takes the gender of an earlier fuller mention of the same person.
            full = _full_name(ent, persons)
            match = next((p for p in persons if _clean(p) == full), None)
            gender = _gender(match) if match is not None else None
        if gender == want:
            return _full_name(ent, persons)
        if gender is None and fallback is None:
            fallback = ent
        if seen >= 3:
            break
    # No recent name of the pronoun's gender: the most recent name of unknown gender.
    return _full_name(fallback, persons) if fallback is not None else None


def is_hedged(doc: Doc, cue_token: int, content: Sequence[tuple[int, int]]) -> bool:
    """Whether the text hedges a claim: a hedging cue ("suggested", "claimed"), a hedge word in the
    content or on the cue ("may", "reportedly", "alleged"), or an "could not be independently
    verified" remark in the claim's sentence or the next one."""
    cue = doc[cue_token]
    if cue.lemma_.lower() in HEDGE_CUES:
        return True
    if any(c.lower_ in HEDGE_WORDS for c in cue.children if c.dep_ in ("advmod", "aux")):
        return True
    for start, end in content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(tok.lower_ in HEDGE_WORDS for tok in span):
            return True
    sent = cue.sent
    if UNVERIFIED.search(sent.text):
        return True
    if sent.end < len(doc):
        following = doc[sent.end].sent
        return UNVERIFIED.search(following.text) is not None
    return False
