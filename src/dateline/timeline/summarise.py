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
        self, day: date, candidates: Sequence[CorpusSentence], *, k: int, exclude: set[str]
    ) -> list[tuple[SentenceRef, CorpusSentence]]:
        """At most ``k`` summary sentences for ``day``, each with the candidate it cites.

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
    day explicitly (they say what happened *on* it). ``max_df`` and ``min_df`` control the
    vocabulary as in scikit-learn.
    """

    def __init__(
        self,
        *,
        redundancy: float = 0.5,
        dated_bonus: float = 2.0,
        max_df: float = 0.5,
        min_df: int = 1,
    ) -> None:
        self.redundancy = redundancy
        self.dated_bonus = dated_bonus
        self.max_df = max_df
        self.min_df = min_df

    def fit(self, corpus: Sequence[CorpusSentence]) -> CentroidSummariser:
        """Learn IDF weights over the corpus sentences."""
        vectorizer = TfidfVectorizer(
            lowercase=True,
            stop_words="english",
            max_df=self.max_df,
            min_df=self.min_df,
            sublinear_tf=True,
            token_pattern=r"(?u)\b[A-Za-z][A-Za-z0-9\-]+\b",
        )
        texts = [s.text for s in corpus] or ["empty"]
        try:
            vectorizer.fit(texts)
        except ValueError:  # every term pruned (tiny corpora): keep all terms instead
            vectorizer.set_params(max_df=1.0, min_df=1, stop_words=None)
            vectorizer.fit([*texts, "placeholder vocabulary"])
        self.vectorizer_ = vectorizer
        return self

    def summarise(
        self, day: date, candidates: Sequence[CorpusSentence], *, k: int, exclude: set[str]
    ) -> list[tuple[SentenceRef, CorpusSentence]]:
        """At most ``k`` sentences for ``day`` from ``candidates``, best first."""
        unique: list[CorpusSentence] = []
        seen = set(exclude)
        for sent in candidates:
            key = normalise(sent.text)
            if key not in seen:
                seen.add(key)
                unique.append(sent)
        if not unique or k <= 0:
            return []
        vectors = sparse.csr_matrix(self.vectorizer_.transform([s.text for s in unique]))
        # Only the terms these candidates use matter; keeping the rest would make dense rows huge.
        vectors = vectors[:, np.unique(vectors.indices)]
        dated = np.array([any(d == day and p == "day" for d, p in s.dates) for s in unique], dtype=float)
        weights = 1.0 + (self.dated_bonus - 1.0) * dated
        centroid = np.asarray(vectors.multiply(weights[:, None]).sum(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        if norm == 0:
            order = np.argsort(-weights, kind="stable")[:k]
            return [(_ref(unique[i]), unique[i]) for i in order]
        centroid /= norm
        dense = vectors.toarray()
        chosen: list[int] = []
        summary_vec = np.zeros_like(centroid)
        for _ in range(min(k, len(unique))):
            best, best_gain = -1, -np.inf
            for i in range(len(unique)):
                if i in chosen:
                    continue
                if chosen and max(float(dense[i] @ dense[j]) for j in chosen) > self.redundancy:
                    continue
                candidate = summary_vec + dense[i]
                cnorm = np.linalg.norm(candidate)
                gain = float(candidate @ centroid / cnorm) if cnorm else 0.0
                if gain > best_gain:
                    best, best_gain = i, gain
            if best < 0:
                break
            chosen.append(best)
            summary_vec = summary_vec + dense[best]
        return [(_ref(unique[i]), unique[i]) for i in chosen]


def _ref(sent: CorpusSentence) -> SentenceRef:
    return SentenceRef(text=sent.text, article_id=sent.article_id, sentence_index=sent.sentence_index)
