"""ROUGE-1/2 counts as ROUGE-1.5.5 computes them, in pure Python.

Reproduces ``ROUGE-1.5.5.pl -n 2 -m -s -t 2 -f A`` (Porter stemming with the WordNet exception
list, SMART stop words removed, raw counts), which is what tilse's "original" mode runs through
pyrouge, so timeline scores can be computed without Perl. It covers the SEE input path that
pyrouge writes (``<`` ends a sentence's text, ``^`` becomes ``&circ;``), lower-casing, ROUGE's
character filter (only ``[A-Za-z0-9-]`` survive, ``-`` is split off), stemming only tokens
longer than three characters, and clipped n-gram hits summed over references.

Not for ROUGE-L/W/SU or the jackknifing/bootstrap ROUGE-1.5.5 can also do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from dateline.eval._rouge_lexicon import EXCEPTIONS, STOPWORDS

__all__ = ["RougeCounts", "porter_stem", "rouge_counts", "rouge_tokens"]

# --- Porter stemmer, a line-by-line port of the Perl one inside ROUGE-1.5.5 (which has a
# --- 2004 change to step 4 that other Porter implementations do not have).
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = f"{_c}[^aeiouy]*"
_V = f"{_v}[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL_IN_STEM = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP2_RE = re.compile("(" + "|".join(_STEP2) + ")$")
_STEP3_RE = re.compile("(" + "|".join(_STEP3) + ")$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter_stem(word: str) -> str:
    """Stem a lower-case word exactly as ROUGE-1.5.5's Perl Porter stemmer does."""
    if len(word) < 3:
        return word
    w = word
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    # Step 1a
    if (m := re.search("(ss|i)es$", w)) or (m := re.search("([^s])s$", w)):
        w = w[: m.start()] + m.group(1)
    # Step 1b
    if m := re.search("eed$", w):
        if _MGR0.search(w[: m.start()]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[: m.start()]
        if _VOWEL_IN_STEM.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    # Step 1c
    if (m := re.search("y$", w)) and _VOWEL_IN_STEM.search(w[: m.start()]):
        w = w[: m.start()] + "i"
    # Step 2
    if (m := _STEP2_RE.search(w)) and _MGR0.search(w[: m.start()]):
        w = w[: m.start()] + _STEP2[m.group(1)]
    # Step 3
    if (m := _STEP3_RE.search(w)) and _MGR0.search(w[: m.start()]):
        w = w[: m.start()] + _STEP3[m.group(1)]
    # Step 4
    if (m := _STEP4_RE.search(w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if (m := re.search("ment$", w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if m := re.search("ent$", w):
        if _MGR1.search(w[: m.start()]):
            w = w[: m.start()]
    elif m := re.search("(s|t)(ion)$", w):
        stem = w[: m.start()] + m.group(1)
        if _MGR1.search(stem):
            w = stem
    # Step 5
    if m := re.search("e$", w):
        stem = w[: m.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if re.search("ll$", w) and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = "y" + w[1:]
    return w


@lru_cache(maxsize=200_000)
def _stem_token(token: str) -> str:
    if token in EXCEPTIONS:
        return EXCEPTIONS[token]
    return porter_stem(token)


_NOT_KEPT = re.compile(r"[^A-Za-z0-9\-]")
_STARTS_OK = re.compile(r"^[a-z0-9$]")


# Perl's ``tr/A-Z/a-z/``: str.lower() would also fold some non-ASCII letters into ASCII ones.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _see_text(sentence: str) -> str:
    """The text ROUGE reads back from the SEE file pyrouge writes for one sentence."""
    text = " ".join(sentence.split()).replace("^", "&circ;")
    # ROUGE's SEE regex captures ``[^<]+`` after the anchor tag: text stops at the first '<'.
    return text.split("<", 1)[0].translate(_ASCII_LOWER)


def rouge_tokens(sentences: Iterable[str], *, stem: bool = True, remove_stopwords: bool = True) -> list[str]:
    """The tokens ROUGE-1.5.5 counts n-grams over for a summary given as sentences."""
    text = " ".join(t for t in (_see_text(s) for s in sentences) if t)
    text = _NOT_KEPT.sub(" ", text.replace("-", " - "))
    tokens: list[str] = []
    for token in text.split():
        if remove_stopwords and token in STOPWORDS:
            continue
        if not _STARTS_OK.match(token):
            continue
        tokens.append(_stem_token(token) if stem and len(token) > 3 else token)
    return tokens


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class RougeCounts:
    """Raw ROUGE-N counts: ``hit`` (clipped matches), ``peer`` and ``model`` n-gram totals.

    Precision is ``hit / peer``, recall ``hit / model``; with several references ROUGE sums all
    three over the references (``-f A``).
    """

    hit: int
    peer: int
    model: int


def rouge_counts(
    summary: Sequence[str],
    references: Mapping[str, Sequence[str]] | Sequence[Sequence[str]],
    *,
    orders: Sequence[int] = (1, 2),
    stem: bool = True,
    remove_stopwords: bool = True,
) -> dict[int, RougeCounts]:
    """ROUGE-N counts of ``summary`` (sentences) against ``references`` (each a list of sentences).

    Returns ``{n: RougeCounts}`` for each n in ``orders``, equal to the ``M_count``/``P_count``/
    ``H_count`` that ``ROUGE-1.5.5.pl -m -s -t 2 -f A`` prints (when both flags are on).
    """
    refs = list(references.values()) if isinstance(references, Mapping) else list(references)
    peer_tokens = rouge_tokens(summary, stem=stem, remove_stopwords=remove_stopwords)
    ref_tokens = [rouge_tokens(ref, stem=stem, remove_stopwords=remove_stopwords) for ref in refs]
    result: dict[int, RougeCounts] = {}
    for n in orders:
        peer_grams = _ngrams(peer_tokens, n)
        peer_total = sum(peer_grams.values())
        hit = peer = model = 0
        for tokens in ref_tokens:
            model_grams = _ngrams(tokens, n)
            hit += sum(min(count, peer_grams[gram]) for gram, count in model_grams.items())
            peer += peer_total
            model += sum(model_grams.values())
        result[n] = RougeCounts(hit=hit, peer=peer, model=model)
    return result
