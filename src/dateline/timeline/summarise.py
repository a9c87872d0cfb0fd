"""Cited sentence selection: what happened on one day, in sentences sources wrote.

:class:`CentroidSummariser` (the default, extractive) picks, among the candidate sentences for a
day, the K that together come closest to the day's TF-IDF centroid (news-tls's "centroid-opt"
idea), skipping near-copies of sentences already picked (MMR-style redundancy removal) and
preferring sentences that name the day over sentences that merely appeared that day. Every
returned :class:`~dateline.models.SentenceRef` cites its article and sentence index.

The :class:`Summariser` protocol is the seam for an abstractive summariser: it receives the same
candidates and must return sentences that cite the articles they came from. Choosing candidate
sentences for a day is :mod:`.build`'s job; ranking days is :mod:`.dates`'.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from dateline.models import SentenceRef
from dateline.timeline.corpus import CorpusSentence

__all__ = ["CentroidSummariser", "Summariser"]


class Summariser(Protocol):
    """Turns a day's candidate sentences into at most ``k`` cited summary sentences."""

    def fit(self, corpus: Sequence[CorpusSentence]) -> Summariser:
        """Learn corpus statistics (e.g. IDF); returns self."""
        ...

    def summarise(
        self,
        day: date,
        candidates: Sequence[CorpusSentence],
        *,
        k: int,
        exclude: set[str],
        context: Sequence[CorpusSentence] = (),
    ) -> list[tuple[SentenceRef, CorpusSentence]]:
        """At most ``k`` summary sentences for ``day``, each with the candidate it cites.

        ``context`` holds further sentences about the day that may inform but not be chosen.

        ``exclude`` holds normalised texts already used elsewhere in the timeline.
        """
        ...


def normalise(text: str) -> str:
    """Lower-cased, whitespace-collapsed text: the key under which copies count as one sentence."""
    return " ".join(text.lower().split())


class CentroidSummariser:
    """Greedy centroid-optimal extractive selection with redundancy removal.

    ``redundancy`` is the cosine similarity above which a sentence counts as a repeat of one
    already chosen. ``dated_bonus`` multiplies the centroid weight of candidates that name the
    day explicitly (they say what happened *on* it). ``lead_bonus`` multiplies the score of a
    report's first three sentences (where news writing puts what happened). ``hindsight`` raises
    the score of sentences written after the day by ``1 + hindsight * log1p(days later)``: looking
    back, reports state plainly what happened, where same-day copy is full of expectation and
    reaction. With ``only_improving`` (the default) ``k`` is a cap, as in news-tls: a day gets
    fewer sentences when the next best one would move its summary away from the day's centroid.
    ``max_df`` and ``min_df`` control the vocabulary as in scikit-learn.
    """

    def __init__(
        self,
        *,
        redundancy: float = 0.5,
        dated_bonus: float = 1.0,
        max_df: float = 0.5,
        min_df: int = 1,
        lead_bonus: float = 1.0,
        context_weight: float = 0.5,
        ngram_range: tuple[int, int] = (1, 1),
        hindsight: float = 0.1,
        max_fit_sentences: int = 10_000,
        only_improving: bool = True,
    ) -> None:
        self.redundancy = redundancy
        self.dated_bonus = dated_bonus
        self.max_df = max_df
        self.min_df = min_df
        self.lead_bonus = lead_bonus
        self.context_weight = context_weight
        self.ngram_range = ngram_range
        self.hindsight = hindsight
        self.max_fit_sentences = max_fit_sentences
        self.only_improving = only_improving

    def fit(self, corpus: Sequence[CorpusSentence]) -> CentroidSummariser:
        """Learn IDF weights over the corpus sentences."""
        texts = [s.text for s in corpus] or ["empty"]
        if len(texts) > self.max_fit_sentences:  # IDF from an even sample is as good and bounded in time
            step = len(texts) / self.max_fit_sentences
            texts = [texts[int(i * step)] for i in range(self.max_fit_sentences)]
        try:
            self.vectorizer_ = self._vectorizer("english", self.max_df, self.min_df).fit(texts)
        except ValueError:  # every term pruned (tiny corpora): keep all terms instead
            self.vectorizer_ = self._vectorizer(None, 1.0, 1)
            self.vectorizer_.fit([*texts, "placeholder vocabulary"])
        return self

    def _vectorizer(self, stop_words: str | None, max_df: float, min_df: int) -> TfidfVectorizer:
        """A TF-IDF vectoriser that tokenises each distinct text once: a day's candidates were
        mostly tokenised already when the IDF was fitted."""
        analyze = TfidfVectorizer(
            lowercase=True,
            stop_words=stop_words,
            ngram_range=self.ngram_range,
            token_pattern=r"(?u)\b[A-Za-z][A-Za-z0-9\-]+\b",
        ).build_analyzer()
        tokens: dict[str, list[str]] = {}

        def cached(text: str) -> list[str]:
            found = tokens.get(text)
            if found is None:
                found = tokens[text] = analyze(text)
            return found

        return TfidfVectorizer(
            analyzer=cached,
            max_df=max_df,
            min_df=min_df,
            sublinear_tf=True,
        )

    def summarise(
        self,
        day: date,
        candidates: Sequence[CorpusSentence],
        *,
        k: int,
        exclude: set[str],
        context: Sequence[CorpusSentence] = (),
    ) -> list[tuple[SentenceRef, CorpusSentence]]:
        """At most ``k`` sentences for ``day`` from ``candidates``, best first.

        ``context`` sentences shape the day's centroid (weighted by ``context_weight``) but are
        never chosen: e.g. sentences about the day that do not match the query.
        """
        unique: list[CorpusSentence] = []
        seen = set(exclude)
        for sent in candidates:
            key = normalise(sent.text)
            if key not in seen:
                seen.add(key)
                unique.append(sent)
        if not unique or k <= 0:
            return []
        context = [s for s in (context or ()) if normalise(s.text) not in seen]
        texts = [s.text for s in unique] + [s.text for s in context]
        vectors = sparse.csr_matrix(self.vectorizer_.transform(texts))
        # Only the terms these sentences use matter; keeping the rest would make dense rows huge.
        vectors = vectors[:, np.unique(vectors.indices)]
        pool = [*unique, *context]
        dated = np.array([any(d == day and p == "day" for d, p in s.dates) for s in pool], dtype=float)
        weights = 1.0 + (self.dated_bonus - 1.0) * dated
        weights[len(unique) :] *= self.context_weight
        centroid = np.asarray(vectors.multiply(weights[:, None]).sum(axis=0)).ravel()
        dense = vectors[: len(unique)].toarray()
        prior = (
            np.array([self.lead_bonus if s.sentence_index < 3 else 1.0 for s in unique])
            * weights[: len(unique)]
        )
        if self.hindsight:
            later = np.array([max(0, (s.published - day).days) for s in unique], dtype=float)
            prior = prior * (1.0 + self.hindsight * np.log1p(later))
        norm = np.linalg.norm(centroid)
        if norm == 0:
            order = np.argsort(-prior, kind="stable")[:k]
            return [(_ref(unique[i]), unique[i]) for i in order]
        centroid /= norm
        available = np.ones(len(unique), dtype=bool)
        chosen: list[int] = []
        summary_vec = np.zeros_like(centroid)
        for _ in range(min(k, len(unique))):
            combined = dense + summary_vec
            norms = np.linalg.norm(combined, axis=1)
            norms[norms == 0] = 1.0
            gains = (combined @ centroid) / norms * prior
            gains[~available] = -np.inf
            best = int(np.argmax(gains))
            if not np.isfinite(gains[best]):
                break
            if chosen and self.only_improving:
                # The objective is closeness to the day's centroid: a sentence that moves the
                # summary away from it only pads the day.
                before = float(summary_vec @ centroid) / (np.linalg.norm(summary_vec) or 1.0)
                if float(combined[best] @ centroid) / norms[best] <= before:
                    break
            chosen.append(best)
            available[best] = False
            summary_vec = summary_vec + dense[best]
            # MMR-style: a sentence too close to one already chosen says the same thing again.
            available &= (dense @ dense[best]) <= self.redundancy
        return [(_ref(unique[i]), unique[i]) for i in chosen]


def _ref(sent: CorpusSentence) -> SentenceRef:
    return SentenceRef(text=sent.text, article_id=sent.article_id, sentence_index=sent.sentence_index)
