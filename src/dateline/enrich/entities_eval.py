"""Scoring entity canonicalisation against hand labels: pairwise precision and recall of merges.

A labels file (``tests/data/entities/t17_labels.json``) lists, per article, gold mentions as
offsets into the article text with a gold entity id shared across articles. System mentions are
aligned one-to-one to gold mentions by character overlap; then every pair of gold mentions is a
"same entity" decision. Precision is over the pairs the system merged (both mentions found),
recall over the pairs gold merges; ``found_recall`` counts only pairs whose two mentions the NER
found, so that it measures canonicalisation alone. Within-article and cross-article pairs are
scored apart. This module is for benchmarks and tests; it does not run spaCy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from dateline.errors import EvalError
from dateline.models import Mention


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A hand-labelled mention: offsets into the article text, its surface and gold entity id."""

    article_id: str
    start: int
    end: int
    text: str
    entity: str


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """One labelled article: its topic directory, id and gold mentions."""

    topic: str
    id: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pairwise merge scores over one set of pairs."""

    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    found_gold_pairs: int

    @property
    def precision(self) -> float:
        """Correct merges over all merges the system made among found mentions."""
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        """Correct merges over all gold merges (a mention the NER missed loses all its pairs)."""
        return self.correct_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def found_recall(self) -> float:
        """Correct merges over the gold merges whose two mentions the NER found."""
        return self.correct_pairs / self.found_gold_pairs if self.found_gold_pairs else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of :attr:`precision` and :attr:`recall`."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_labels(path: Path) -> list[LabelledArticle]:
    """Read a labels file; raises :class:`~dateline.errors.EvalError` when it is malformed."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        return [
            LabelledArticle(
                topic=art["topic"],
                id=art["id"],
                mentions=tuple(
                    GoldMention(art["id"], int(m["start"]), int(m["end"]), m["text"], m["entity"])
                    for m in art["mentions"]
                ),
            )
            for art in raw["articles"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvalError(f"{path}: not an entity labels file ({exc})") from exc


def align(gold: Sequence[GoldMention], system: Sequence[Mention]) -> dict[int, int]:
    """One-to-one alignment of gold to system mentions of one article by character overlap.

    Returns ``{gold index: system index}``; the largest overlaps are paired first.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                candidates.append((-overlap, gi, si))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, si in sorted(candidates):
        if gi not in pairs and si not in used:
            pairs[gi] = si
            used.add(si)
    return pairs


def score_pairs(
    gold: Sequence[GoldMention],
    predicted: Mapping[int, str],
    *,
    keep: Callable[[GoldMention, GoldMention], bool],
) -> PairScores:
    """Pairwise scores over the gold mention pairs that ``keep`` selects.

    ``predicted`` maps a gold mention's index to the entity key the system gave the aligned
    system mention (absent when the NER missed it).
    """
    gold_pairs = predicted_pairs = correct = found_gold = 0
    for (i, a), (j, b) in combinations(enumerate(gold), 2):
        if not keep(a, b):
            continue
        same_gold = a.entity == b.entity
        found = i in predicted and j in predicted
        same_pred = found and predicted[i] == predicted[j]
        gold_pairs += same_gold
        found_gold += same_gold and found
        predicted_pairs += same_pred
        correct += same_gold and same_pred
    return PairScores(gold_pairs, predicted_pairs, correct, found_gold)


def evaluate(
    labels: Iterable[LabelledArticle],
    system: Mapping[str, Sequence[Mention]],
    key_of: Callable[[Mention], str],
) -> dict[str, PairScores]:
    """Within-article, cross-article and all-pairs scores of ``system`` mentions keyed by ``key_of``.

    ``system`` maps article ids to that article's system mentions.
    """
    gold: list[GoldMention] = []
    predicted: dict[int, str] = {}
    for art in labels:
        mentions = list(system.get(art.id, ()))
        for gi, si in align(art.mentions, mentions).items():
            predicted[len(gold) + gi] = key_of(mentions[si])
        gold.extend(art.mentions)
    return {
        "within": score_pairs(gold, predicted, keep=lambda a, b: a.article_id == b.article_id),
        "across": score_pairs(gold, predicted, keep=lambda a, b: a.article_id != b.article_id),
        "all": score_pairs(gold, predicted, keep=lambda a, b: True),
    }
