"""The trained cue classifier: which words of a claims parse are attribution cues.

A logistic-regression model over sparse binary features of a token and its neighbourhood in the
dependency parse (word, stem, tag, relation, head, children, subject, complements, nearby quotes,
lexicon membership). It is trained on the PolNeAR train split by ``bench/attribution_train.py`` and
shipped as ``claims_cues.json.gz`` beside this module (gzipped JSON): a feature → weight table, a bias and two
decision thresholds (one for words in the cue lexicons, one for words outside them), applied here
with plain dictionary look-ups — no scikit-learn at run time, no pickle.

:mod:`dateline.enrich.claims_rules` asks :func:`cue_scores` for the probability of every
candidate token of a parse; listed cues below the listed threshold are dropped (non-attributive
uses: "the poll showed …" vs "a report that showed"), and verbs outside the lexicons above the new
threshold become cues ("Officials continue to insist …"). Speaker and content still come from the
rules. Not for: speaker or content spans, or any other language than English.
"""

from __future__ import annotations

import gzip
import json
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import ORTH, SENT_START, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from dateline.enrich.claims_lexicon import (
    ADJ_CUES,
    INTENT_VERBS,
    LEARNED_VERBS,
    NOUN_CUES,
    OBJECT_VERBS,
    PREP_CUES,
    SPEECH_VERBS,
)
from dateline.errors import ConfigError

__all__ = [
    "MODEL_PATH",
    "CueModel",
    "candidate_features",
    "candidate_tokens",
    "cue_scores",
    "load_cue_model",
    "token_features",
]

MODEL_PATH = Path(__file__).with_name("claims_cues.json.gz")
FORMAT = 1

_PREP_VERBS = frozenset(v for v, _ in PREP_CUES)
_LISTS = (
    ("speech", SPEECH_VERBS),
    ("intent", INTENT_VERBS),
    ("object", OBJECT_VERBS),
    ("learned", LEARNED_VERBS),
    ("prepverb", _PREP_VERBS),
    ("noun", NOUN_CUES),
    ("adj", ADJ_CUES),
)
_LEMMAS = frozenset().union(*(words for _, words in _LISTS), {"be", "according"})
_QUOTES = frozenset({'"', "“", "”", "``", "''"})
_AUX_DEPS = frozenset({"aux", "auxpass"})
# Penn Treebank tags of verbs, nouns and adjectives (what en_core_web_* taggers emit).
_PTB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS")
_SUFFIXES = ("ing", "ed", "es", "s", "e", "d")


@dataclass(frozen=True)
class CueModel:
    """Weights of the cue classifier and its two thresholds (probabilities)."""

    weights: dict[str, float]
    bias: float
    threshold_listed: float
    threshold_new: float

    def threshold(self, listed: bool) -> float:
        """The probability a token needs to be a cue: lexicon words and other words differ."""
        return self.threshold_listed if listed else self.threshold_new

    def probability(self, features: list[str]) -> float:
        get = self.weights.get
        z = self.bias + sum(get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@lru_cache(maxsize=2)
def load_cue_model(path: Path = MODEL_PATH) -> CueModel:
    """The shipped cue model (read once and cached)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError, EOFError) as exc:
        raise ConfigError(f"cue model {path} cannot be read: {exc}") from exc
    if data.get("format") != FORMAT:
        raise ConfigError(f"cue model {path}: format {data.get('format')!r}, expected {FORMAT}")
    return CueModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold_listed=float(data["thresholds"]["listed"]),
        threshold_new=float(data["thresholds"]["new"]),
    )


def stem(tok: Token) -> str:
    """The lemma of a lexicon word, else a crude suffix stem: the claims parse lemmatises only the
    lexicon's words, and a full pipeline's lemmas must give the same features."""
    lemma = tok.lemma_.lower()
    if lemma in _LEMMAS:
        return lemma
    word = tok.lower_
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def listed(tok: Token) -> bool:
    """Whether the rules know ``tok`` as a cue of its part of speech (verb, noun or adjective)."""
    if tok.lower_ == "according":
        return True
    lemma = tok.lemma_.lower()
    if not lemma:
        return False
    if tok.tag_.startswith("VB"):
        return any(lemma in words for name, words in _LISTS if name not in ("noun", "adj"))
    if tok.tag_.startswith("NN"):
        return lemma in NOUN_CUES
    return tok.tag_.startswith("JJ") and lemma in ADJ_CUES


@lru_cache(maxsize=8)
def _tag_ids(tags: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """String ids of the verb tags and of the noun and adjective tags, and of quotation marks."""
    verbs = [get_string_id(t) for t in tags if t.startswith("VB")]
    others = [get_string_id(t) for t in tags if t.startswith(("NN", "JJ"))]
    quotes = [get_string_id(q) for q in _QUOTES]
    return (
        np.array(verbs, dtype="uint64"),
        np.array(others, dtype="uint64"),
        np.array(quotes, dtype="uint64"),
    )


def candidate_tokens(doc: Doc) -> list[Token]:
    """The tokens the classifier decides on: every verb but "be" and auxiliaries (the copula of an
    adjective cue and the "has" of "has said" belong to another word's relation), and the
    lexicon's nouns and adjectives."""
    verbs, others, _ = _tag_ids(_PTB_TAGS)
    if not len(doc):
        return []
    tags = doc.to_array([TAG])
    is_verb = np.isin(tags, verbs)
    out = []
    for i in np.flatnonzero(is_verb | np.isin(tags, others)).tolist():
        tok = doc[i]
        if (tok.lemma_ != "be" and tok.dep_ not in _AUX_DEPS) if is_verb[i] else listed(tok):
            out.append(tok)
    return out


def _subject_features(tok: Token) -> tuple[str, list[str]]:
    """The subject's kind ("pron:he", "name", "noun", "none"…) and its features."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None)
    if subj is None:
        kind = "inherit" if tok.dep_ in ("conj", "xcomp", "advcl", "relcl", "acl") else "none"
        return kind, [f"subj={kind}"]
    feats = [f"subj={subj.dep_}/{subj.tag_}"]
    if subj.tag_ in ("PRP", "WP", "WDT", "DT", "EX"):
        kind = f"w:{subj.lower_}"
        feats.append(f"subjw={subj.lower_}")
    else:
        feats.append(f"subjs={stem(subj)}")
        kind = "noun"
        if any(c.dep_ == "poss" for c in subj.children):
            feats.append("subj_poss")
        if any(c.dep_ == "compound" and c.tag_ == "NNP" for c in subj.children) or subj.tag_ == "NNP":
            feats.append("subj_name")
            kind = "name"
    if subj.dep_ == "nsubjpass":
        kind = "pass:" + kind
    return kind, feats


_COMP_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "prep", "advcl", "parataxis", "dative", "attr", "acomp", "oprd", "agent"}
)


def token_features(tok: Token, sent_start: int, sent_end: int, quotes: list[int]) -> list[str]:
    """The sparse binary features of one candidate token (strings; weights are looked up by name).
    ``sent_start``/``sent_end`` bound its sentence (token indices), ``quotes`` are the indices of
    quotation-mark tokens in that sentence."""
    s, tag, dep = stem(tok), tok.tag_, tok.dep_
    head = tok.head
    hs = stem(head) if head.i != tok.i else "<root>"
    feats = [
        f"s={s}",
        f"w={tok.lower_}",
        f"t={tag}",
        f"d={dep}",
        f"s|t={s}|{tag}",
        f"s|d={s}|{dep}",
        f"t|d={tag}|{dep}",
        f"h={hs}",
        f"d|h={dep}|{hs}",
        f"ht|d={head.tag_}|{dep}",
    ]
    lemma = tok.lemma_.lower()
    lists = [name for name, words in _LISTS if lemma and lemma in words]
    feats += [f"list={name}" for name in lists] or ["list=none"]
    comps = set()
    for child in tok.children:
        cdep = child.dep_
        if cdep in ("punct", "det", "cc"):
            continue
        feats.append(f"c={cdep}")
        if cdep in _COMP_DEPS:
            comps.add(cdep)
            feats.append(f"s|c={s}|{cdep}")
        if cdep == "prep":
            feats.append(f"p={child.lower_}")
            feats.append(f"s|p={s}|{child.lower_}")
        elif cdep in ("aux", "auxpass", "neg"):
            feats.append(f"a={child.lower_}")
        elif cdep == "ccomp":
            mark = next((g.lower_ for g in child.children if g.dep_ == "mark"), "-")
            feats.append(f"mark={mark}")
            feats.append(f"s|mark={s}|{mark}")
        elif cdep == "xcomp":
            xs = stem(child)
            feats.append(f"x={xs}")
            feats.append(f"s|x={s}|{xs}")
        elif cdep == "dobj":
            feats.append(f"o={stem(child)}")
            feats.append(f"ot={child.tag_}")
    signature = ",".join(sorted(comps))
    feats.append(f"comps={signature}")
    feats.append(f"s|comps={s}|{signature}")
    kind, subj_feats = _subject_features(tok)
    feats += subj_feats
    feats.append(f"s|subj={s}|{kind}")
    feats.append(f"kind|comps={kind}|{signature}")
    before = sum(1 for q in quotes if q < tok.i)
    after = len(quotes) - before
    quote = f"{min(before, 2)}{min(after, 2)}"
    feats.append(f"q={quote}")
    feats.append(f"s|q={s}|{quote}")
    feats.append(f"inq={before % 2}")
    prev = tok.doc[tok.i - 1] if tok.i > sent_start else None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < sent_end else None
    feats.append(f"prev={prev.lower_ if prev is not None else '<s>'}")
    feats.append(f"next={nxt.lower_ if nxt is not None else '</s>'}")
    feats.append(f"s|next={s}|{nxt.lower_ if nxt is not None else '</s>'}")
    feats.append(f"s|prev={s}|{prev.tag_ if prev is not None else '<s>'}")
    position = tok.i - sent_start
    feats.append(f"pos={min(position, 5)}|{min(sent_end - tok.i - 1, 5)}")
    return feats


def candidate_features(doc: Doc) -> list[tuple[Token, list[str]]]:
    """Every candidate token of ``doc`` (:func:`candidate_tokens`) with its features."""
    cands = candidate_tokens(doc)
    if not cands:
        return []
    starts = np.flatnonzero(doc.to_array([SENT_START]) == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    starts.append(len(doc))
    quotes = np.flatnonzero(np.isin(doc.to_array([ORTH]), _tag_ids(_PTB_TAGS)[2])).tolist()
    out: list[tuple[Token, list[str]]] = []
    for tok in cands:
        k = bisect_right(starts, tok.i) - 1
        start, end = starts[k], starts[k + 1]
        in_sent = quotes[bisect_left(quotes, start) : bisect_left(quotes, end)]
        out.append((tok, token_features(tok, start, end, in_sent)))
    return out


def cue_scores(doc: Doc, model: CueModel | None = None) -> dict[int, float]:
    """Cue probability of every candidate token of ``doc``, by token index."""
    model = model or load_cue_model()
    return {tok.i: model.probability(feats) for tok, feats in candidate_features(doc)}
