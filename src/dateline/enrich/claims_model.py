"""The trained cue classifier: which words of a claims parse are attribution cues.

A logistic-regression model over sparse binary features of a token and its neighbourhood in the
dependency parse (word, stem, tag, relation, head, children, subject, complements, nearby quotes,
lexicon membership). It is trained on the PolNeAR train split by ``bench/attribution_train.py`` and
shipped as ``claims_cues.json`` beside this module: a feature → weight table, a bias and two
decision thresholds (one for words in the cue lexicons, one for words outside them), applied here
with plain dictionary look-ups — no scikit-learn at run time, no pickle.

:mod:`dateline.enrich.claims_rules` asks :func:`cue_scores` for the probability of every
candidate token of a parse; listed cues below the listed threshold are dropped (non-attributive
uses: "the poll showed …" vs "a report that showed"), and verbs outside the lexicons above the new
threshold become cues ("Officials continue to insist …"). Speaker and content still come from the
rules. Not for: speaker or content spans, or any other language than English.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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

__all__ = ["MODEL_PATH", "CueModel", "candidate_tokens", "cue_scores", "load_cue_model", "token_features"]

MODEL_PATH = Path(__file__).with_name("claims_cues.json")
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
_SUFFIXES = ("ing", "ed", "es", "s", "e", "d")


@dataclass(frozen=True)
class CueModel:
    """Weights of the cue classifier and its two thresholds (probabilities)."""

    weights: dict[str, float]
    bias: float
    threshold_listed: float
    threshold_new: float

    def probability(self, features: list[str]) -> float:
        get = self.weights.get
        z = self.bias + sum(get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@lru_cache(maxsize=2)
def load_cue_model(path: Path = MODEL_PATH) -> CueModel:
    """The shipped cue model (read once and cached)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
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


def candidate_tokens(doc: Doc) -> list[Token]:
    """The tokens the classifier decides on: every verb, and the lexicon's nouns and adjectives."""
    out = []
    for tok in doc:
        tag = tok.tag_
        if tag.startswith("VB") or ((tag.startswith("NN") or tag.startswith("JJ")) and listed(tok)):
            out.append(tok)
    return out


def _subject_features(tok: Token) -> list[str]:
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None)
    if subj is None:
        return ["subj=none"]
    feats = [f"subj={subj.dep_}/{subj.tag_}"]
    if subj.tag_ in ("PRP", "WP", "WDT", "DT", "EX"):
        feats.append(f"subjw={subj.lower_}")
    else:
        feats.append(f"subjs={stem(subj)}")
        if any(c.dep_ == "poss" for c in subj.children):
            feats.append("subj_poss")
        if any(c.dep_ == "compound" and c.tag_ == "NNP" for c in subj.children) or subj.tag_ == "NNP":
            feats.append("subj_name")
    return feats


def token_features(tok: Token) -> list[str]:
    """The sparse binary features of one candidate token (strings; weights are looked up by name)."""
    s, tag, dep = stem(tok), tok.tag_, tok.dep_
    head = tok.head
    feats = [
        f"s={s}",
        f"w={tok.lower_}",
        f"t={tag}",
        f"d={dep}",
        f"s|t={s}|{tag}",
        f"s|d={s}|{dep}",
        f"t|d={tag}|{dep}",
        f"h={stem(head)}" if head.i != tok.i else "h=root",
        f"ht|d={head.tag_}|{dep}",
    ]
    for name, words in _LISTS:
        if tok.lemma_ and tok.lemma_.lower() in words:
            feats.append(f"list={name}")
    if not any(f.startswith("list=") for f in feats):
        feats.append("list=none")
    comps = set()
    for child in tok.children:
        cdep = child.dep_
        if cdep in ("punct", "det", "cc"):
            continue
        feats.append(f"c={cdep}")
        if cdep in (
            "ccomp",
            "xcomp",
            "dobj",
            "prep",
            "advcl",
            "parataxis",
            "dative",
            "attr",
            "acomp",
            "oprd",
        ):
            comps.add(cdep)
            feats.append(f"s|c={s}|{cdep}")
        if cdep == "prep":
            feats.append(f"p={child.lower_}")
            feats.append(f"s|p={s}|{child.lower_}")
        elif cdep in ("aux", "auxpass", "neg"):
            feats.append(f"a={child.lower_}")
        elif cdep == "ccomp" and any(g.dep_ == "mark" for g in child.children):
            mark = next(g.lower_ for g in child.children if g.dep_ == "mark")
            feats.append(f"mark={mark}")
        elif cdep == "xcomp":
            feats.append(f"x={stem(child)}")
        elif cdep == "dobj":
            feats.append(f"o={stem(child)}")
            feats.append(f"ot={child.tag_}")
    feats.append("comps=" + ",".join(sorted(comps)))
    feats += _subject_features(tok)
    sent = tok.sent
    before = any(t.text in _QUOTES for t in sent if t.i < tok.i)
    after = any(t.text in _QUOTES for t in sent if t.i > tok.i)
    feats.append(f"q={int(before)}{int(after)}")
    prev = tok.nbor(-1) if tok.i > sent.start else None
    nxt = tok.nbor(1) if tok.i + 1 < sent.end else None
    feats.append(f"prev={prev.lower_ if prev is not None else '<s>'}")
    feats.append(f"next={nxt.lower_ if nxt is not None else '</s>'}")
    feats.append(f"s|next={s}|{nxt.lower_ if nxt is not None else '</s>'}")
    if prev is not None and prev.text in _QUOTES | {","}:
        feats.append(f"s|prevp={s}")
    return feats


def cue_scores(doc: Doc, model: CueModel | None = None) -> dict[int, float]:
    """Cue probability of every candidate token of ``doc``, by token index."""
    model = model or load_cue_model()
    return {tok.i: model.probability(token_features(tok)) for tok in candidate_tokens(doc)}
