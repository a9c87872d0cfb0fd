"""Date ranking: which days of a window mattered most for a story.

:func:`date_features` turns the corpus view into one feature row per candidate day: how many
sentences, articles and independent sources point at the day through a resolved temporal
expression (and how many of those look back at it from a later day), how many articles were
published on it or the day after, and how many of the pointing sentences match the query.
:class:`DateRanker` scores the rows, either with fixed weights that need no training (the default)
or with a logistic regression fitted on gold timelines (:meth:`DateRanker.fit`), which the
benchmark trains leave-one-topic-out. It does not pick sentences; see :mod:`.summarise`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from dateline.timeline.corpus import CorpusSentence

__all__ = ["FEATURE_NAMES", "LEAD_SENTENCES", "DateFeatures", "DateRanker", "date_features"]

FEATURE_NAMES: tuple[str, ...] = (
    "mention_sentences",
    "mention_articles",
    "mention_sources",
    "mention_later_articles",
    "mention_query_sentences",
    "published_articles",
    "published_next_day_articles",
    "published_lead_query",
)

# Weights (on log1p counts) used without training. The idea: a day matters when many independent
# reports point back at it after the fact (retrospective mentions weigh most). The values were
# picked by hand among a handful of variants of that idea, checked on T17; no fitting.
DEFAULT_WEIGHTS: tuple[float, ...] = (0.25, 0.5, 0.5, 1.5, 0.5, 0.25, 0.0, 0.25)
# How many opening sentences of a report count as its lead (``published_lead_query``).
LEAD_SENTENCES = 5


@dataclass(frozen=True, slots=True)
class DateFeatures:
    """Feature rows for candidate days: ``days[i]`` has the row ``matrix[i]`` (log1p counts)."""

    days: tuple[date, ...]
    matrix: np.ndarray


def date_features(
    corpus: Iterable[CorpusSentence],
    *,
    start: date | None = None,
    end: date | None = None,
    relevant: Callable[[CorpusSentence], bool] | None = None,
    lead_sentences: int = LEAD_SENTENCES,
) -> DateFeatures:
    """Count, for every day in ``[start, end]`` that anything points at, the signals in FEATURE_NAMES.

    Only day-precision dates count. ``relevant`` marks query-matching sentences (all match when
    ``None``). Publication counts use every article given; the corpus should already be the
    articles of the story (the store's query, or a benchmark topic).
    """
    mention_sents: dict[date, int] = defaultdict(int)
    mention_query: dict[date, int] = defaultdict(int)
    mention_articles: dict[date, set[str]] = defaultdict(set)
    mention_later: dict[date, set[str]] = defaultdict(set)
    mention_sources: dict[date, set[str]] = defaultdict(set)
    published: dict[date, set[str]] = defaultdict(set)
    published_lead_query: dict[date, int] = defaultdict(int)

    def inside(day: date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    for sent in corpus:
        published[sent.published].add(sent.article_id)
        lead = sent.sentence_index < lead_sentences
        if not (lead or sent.dates):  # most sentences: nothing more to count, skip the query test
            continue
        is_relevant = relevant is None or relevant(sent)
        if is_relevant and lead:
            published_lead_query[sent.published] += 1
        for day, precision in sent.dates:
            if precision != "day" or not inside(day):
                continue
            mention_sents[day] += 1
            mention_articles[day].add(sent.article_id)
            mention_sources[day].add(sent.dup_group or sent.article_id)
            if day < sent.published:
                mention_later[day].add(sent.article_id)
            if is_relevant:
                mention_query[day] += 1

    candidates = {d for d in mention_sents} | {d for d in published if inside(d)}
    days = tuple(sorted(candidates))
    rows = [
        (
            mention_sents.get(d, 0),
            len(mention_articles.get(d, ())),
            len(mention_sources.get(d, ())),
            len(mention_later.get(d, ())),
            mention_query.get(d, 0),
            len(published.get(d, ())),
            len(published.get(d + timedelta(days=1), ())),
            published_lead_query.get(d, 0),
        )
        for d in days
    ]
    matrix = np.log1p(np.asarray(rows, dtype=float)).reshape(len(days), len(FEATURE_NAMES))
    return DateFeatures(days=days, matrix=matrix)


class DateRanker:
    """Scores candidate days; higher means more important.

    Without :meth:`fit` it uses ``weights`` (default :data:`DEFAULT_WEIGHTS`) on the log1p counts
    of :func:`date_features`. :meth:`fit` learns a logistic regression of "is a gold date" on the
    same features (standardised per corpus, so that corpora of different sizes are comparable).
    """

    def __init__(self, *, weights: Sequence[float] | None = None, regularisation: float = 1.0) -> None:
        self.weights = weights
        self.regularisation = regularisation

    def fit(self, examples: Sequence[tuple[DateFeatures, set[date]]]) -> DateRanker:
        """Learn weights from ``(features, gold days)`` pairs, one per training timeline."""
        from sklearn.linear_model import LogisticRegression

        xs, ys = [], []
        for features, gold in examples:
            if not features.days:
                continue
            xs.append(_standardise(features.matrix))
            ys.append(np.array([d in gold for d in features.days], dtype=int))
        x, y = np.vstack(xs), np.concatenate(ys)
        model = LogisticRegression(C=self.regularisation, max_iter=1000, class_weight="balanced")
        model.fit(x, y)
        self.model_ = model
        return self

    def score(self, features: DateFeatures) -> np.ndarray:
        """One score per row of ``features``."""
        if not features.days:
            return np.zeros(0)
        if hasattr(self, "model_"):
            return np.asarray(self.model_.decision_function(_standardise(features.matrix)))
        weights = np.asarray(self.weights if self.weights is not None else DEFAULT_WEIGHTS, dtype=float)
        return np.asarray(features.matrix @ weights)

    def rank(self, features: DateFeatures) -> list[tuple[date, float]]:
        """Days with their scores, best first (ties: earlier day first)."""
        scores = self.score(features)
        order = sorted(range(len(features.days)), key=lambda i: (-scores[i], features.days[i]))
        return [(features.days[i], float(scores[i])) for i in order]


def _standardise(matrix: np.ndarray) -> np.ndarray:
    mean = matrix.mean(axis=0)
    std = matrix.std(axis=0)
    std[std == 0] = 1.0
    return (matrix - mean) / std
