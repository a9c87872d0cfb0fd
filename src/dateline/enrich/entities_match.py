"""Name matching used by entity canonicalisation: acronyms, short names and matching keys.

Pure functions over strings and :class:`~dateline.models.Mention` records of one article; the
decisions of which mentions form an entity are :mod:`dateline.enrich.entities_resolve`'s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from dateline.enrich.entities_tables import CORPORATE_SUFFIXES, NAME_VARIANTS, norm_key
from dateline.models import Mention

_ACRONYM = re.compile(r"(?:[A-Z]\.){2,6}|[A-Z][A-Z0-9&]{1,6}s?|[A-Z][a-z]?[A-Z][A-Z]+")
_INITIALS_SKIP = frozenset({"of", "the", "and", "for", "to", "de", "du", "la", "le", "in", "on", "&", "al"})
_SHORT_FORM_LABELS = frozenset({"ORG", "LOC", "FAC"})
# Candidate expansions of an acronym that stand within this many characters before it, such as
# "Free Syrian Army -LRB- FSA", are appositions and need only a loose letter match.
_APPOSITION_GAP = 8


def is_acronym(text: str) -> bool:
    """True for acronym-shaped strings: ``IDF``, ``U.S.``, ``NGOs``, ``FBI``, ``U. S.``.

    Several words make one only when each is short (``ASR REIM``): ``BARACK OBAMA`` in a
    capitalised headline is a name.
    """
    words = text.split()
    if len(words) > 1 and any(len(word.strip(".")) > 4 for word in words):
        return False
    return bool(_ACRONYM.fullmatch("".join(words)))


def initials(text: str, *, skip: Iterable[str] = _INITIALS_SKIP) -> str:
    """The initials of the words of ``text`` but ``skip`` (``"Israel Defense Forces"`` → ``"idf"``)."""
    skipped = frozenset(skip)
    words = [w for w in re.split(r"[\s-]+", text) if w and w.casefold() not in skipped]
    return "".join(w[0] for w in words if w[0].isalpha()).casefold()


def loose_acronym_match(short: str, long: str) -> bool:
    """Schwartz–Hearst style test: the letters of ``short`` occur in order in ``long``.

    The first letter must start a word of ``long``; used only for appositions.
    """
    letters = [ch for ch in short.casefold() if ch.isalnum()]
    words = long.casefold()
    if not letters or not words or letters[0] not in {w[0] for w in words.split() if w}:
        return False
    pos = 0
    for i, ch in enumerate(letters):
        found = words.find(ch, pos) if i else _word_start(words, ch)
        if found < 0:
            return False
        pos = found + 1
    return True


def _word_start(words: str, ch: str) -> int:
    for match in re.finditer(r"\b\w", words):
        if match.group() == ch:
            return match.start()
    return -1


@lru_cache(maxsize=1 << 16)
def string_key(text: str, *, label: str) -> str:
    """The matching form of a name for corpus-wide string identity.

    :func:`~dateline.enrich.entities_tables.norm_key` with known transliterations unified, a
    company's legal form dropped ("Suncor Energy Inc" → ``"suncor energy"``) and a NORP plural made
    singular ("Islamists" → ``"islamist"``).
    """
    toks = [NAME_VARIANTS.get(tok, tok) for tok in norm_key(text).split()]
    while len(toks) > 1 and toks[-1] in CORPORATE_SUFFIXES:
        toks.pop()
    if label == "NORP" and len(toks) == 1 and len(toks[0]) > 4 and toks[0].endswith("s"):
        toks[0] = toks[0][:-1]
    return " ".join(toks)


def longer_name(short: Mention, mentions: list[Mention]) -> Mention | None:
    """A longer ORG/LOC/FAC name in the same article that starts or ends with ``short``.

    "Suncor" → "Suncor Energy Inc", "Security Council" → "UN Security Council", "Gulf" → "Gulf
    of Mexico"; a prefix counts only when it is one word. Only the same label counts: a GPE inside an ORG name ("Washington
    Post") is another entity. The most frequent, then the first, candidate wins.
    """
    if short.label not in _SHORT_FORM_LABELS:
        return None
    part = string_key(short.text, label=short.label).split()
    found: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for other in mentions:
        if other.label != short.label or is_acronym(other.text):
            continue
        whole = string_key(other.text, label=other.label).split()
        if len(whole) <= len(part) or "and" in whole:
            continue
        # A one-word prefix is a short name ("Suncor"); a longer one often names a sister body
        # ("Fox News" / "Fox News Radio"), while a suffix keeps the head noun ("Security Council").
        if whole[-len(part) :] == part or (len(part) == 1 and whole[0] == part[0]):
            found[" ".join(whole)] += 1
            first.setdefault(" ".join(whole), other)
    if not found:
        return None
    return first[max(found, key=lambda name: (found[name], -first[name].start))]


def expansion_of(acronym: Mention, mentions: list[Mention]) -> Mention | None:
    """The mention in the same article that ``acronym`` abbreviates, nearest before it first."""
    letters = norm_key(acronym.text).replace(" ", "")
    if acronym.text.endswith("s") and acronym.text[-2:-1].isupper():
        letters = letters[:-1]  # "NGOs"
    best: Mention | None = None
    for other in sorted(mentions, key=lambda m: (m.start > acronym.start, abs(m.start - acronym.start))):
        if other is acronym or is_acronym(other.text) or other.label == "PERSON" or " " not in other.text:
            continue
        if letters in {initials(other.text), initials(other.text, skip=())}:
            return other
        gap = acronym.start - other.end
        if best is None and 0 <= gap <= _APPOSITION_GAP and loose_acronym_match(letters, other.text):
            best = other
    return best
