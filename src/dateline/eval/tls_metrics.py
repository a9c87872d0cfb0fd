"""Timeline summarisation metrics as tilse computes them: align+ m:1 ROUGE and date F1.

A timeline here is a plain mapping ``{date: [sentence, …]}`` (sentences as whitespace-tokenised
strings). :func:`align_rouge_many_to_one` reproduces tilse's
``TimelineRougeEvaluator.evaluate_align_date_content_costs_many_to_one`` (Martschat & Markert,
EACL 2017, "align+ m:1") in its default "original" mode: every predicted date is aligned with the
reference date of least cost (date distance times content distance) for precision, every
reference date with a predicted date for recall, and ROUGE-1.5.5 counts of the aligned daily
summaries are weighted by ``1 / (days apart + 1)``. :func:`date_scores` is exact-match date P/R/F1.
:func:`average_scores` averages P and R over tasks before taking F, as the published T17 numbers do.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dateline.eval.rouge import RougeCounts, rouge_counts

__all__ = ["PRF", "TimelineScores", "align_rouge_many_to_one", "average_scores", "date_scores", "f_score"]

DatedSummaries = Mapping[date, Sequence[str]]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        """The three values under the keys tilse uses."""
        return {"precision": self.precision, "recall": self.recall, "f_score": self.f1}


def f_score(precision: float, recall: float) -> float:
    """F1 from precision and recall (0 when both are 0)."""
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _approx_counter(sentences: Sequence[str]) -> Counter[str]:
    # tilse tests ``k not in string.punctuation``, a substring test: "" and "--" count as punctuation.
    return Counter(tok for sent in sentences for tok in sent.split() if tok not in string.punctuation)


def _approx_rouge1(pred: Counter[str], refs: Sequence[Counter[str]]) -> float:
    """tilse's ``compute_rouge_approximation``: unstemmed ROUGE-1 F1, used only to align dates."""
    match = sum(min(count, ref[tok]) for tok, count in pred.items() for ref in refs)
    prec_denom = len(refs) * sum(pred.values())
    precision = match / prec_denom if prec_denom else 0.0
    rec_denom = sum(sum(ref.values()) for ref in refs)
    recall = match / rec_denom if rec_denom else 0.0
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _argmin(values: Sequence[float]) -> int:
    best = 0
    for i, value in enumerate(values):
        if value < values[best]:
            best = i
    return best


def align_rouge_many_to_one(
    predicted: DatedSummaries,
    references: Sequence[DatedSummaries],
    *,
    orders: Sequence[int] = (1, 2),
) -> dict[int, PRF]:
    """Alignment-based many-to-one ROUGE-N of ``predicted`` against ``references``.

    ``references`` is the ground truth (tilse's ``GroundTruth``): one or more timelines, scored
    together. Returns ``{n: PRF}``; equal to tilse's ``rouge_n`` precision/recall/f_score for
    ``evaluate_align_date_content_costs_many_to_one`` with ``rouge_computation="original"``.
    An empty prediction scores 0.
    """
    pred_dates = sorted(predicted)
    ref_dates = sorted({d for ref in references for d in ref})
    pred_text = {d: [s.strip() for s in predicted[d]] for d in pred_dates}
    ref_text = {d: [[s.strip() for s in ref.get(d, ())] for ref in references] for d in ref_dates}
    pred_approx = {d: _approx_counter(pred_text[d]) for d in pred_dates}
    ref_approx = {d: [_approx_counter(r) for r in ref_text[d]] for d in ref_dates}

    content: dict[tuple[date, date], float] = {}

    def cost(pred_day: date, ref_day: date) -> float:
        key = (pred_day, ref_day)
        if key not in content:
            content[key] = 1 - _approx_rouge1(pred_approx[pred_day], ref_approx[ref_day])
        date_factor = 1 - 1 / (abs(pred_day.toordinal() - ref_day.toordinal()) + 1)
        return date_factor * content[key]

    counts: dict[tuple[date, date], dict[int, RougeCounts]] = {}

    def pair_counts(pred_day: date, ref_day: date) -> dict[int, RougeCounts]:
        key = (pred_day, ref_day)
        if key not in counts:
            refs = {str(i): r for i, r in enumerate(ref_text[ref_day])}
            counts[key] = rouge_counts(pred_text[pred_day], refs, orders=orders)
        return counts[key]

    prec_num = dict.fromkeys(orders, 0.0)
    prec_den = dict.fromkeys(orders, 0)
    rec_num = dict.fromkeys(orders, 0.0)
    rec_den = dict.fromkeys(orders, 0)
    if ref_dates:
        for pred_day in pred_dates:
            ref_day = ref_dates[_argmin([cost(pred_day, r) for r in ref_dates])]
            weight = 1 / (abs(pred_day.toordinal() - ref_day.toordinal()) + 1)
            for n, c in pair_counts(pred_day, ref_day).items():
                prec_num[n] += weight * c.hit
                prec_den[n] += c.peer
    if pred_dates:
        for ref_day in ref_dates:
            pred_day = pred_dates[_argmin([cost(p, ref_day) for p in pred_dates])]
            weight = 1 / (abs(pred_day.toordinal() - ref_day.toordinal()) + 1)
            for n, c in pair_counts(pred_day, ref_day).items():
                rec_num[n] += weight * c.hit
                rec_den[n] += c.model
    result: dict[int, PRF] = {}
    for n in orders:
        precision = prec_num[n] / prec_den[n] if prec_den[n] else 0.0
        recall = rec_num[n] / rec_den[n] if rec_den[n] else 0.0
        result[n] = PRF(precision, recall, f_score(precision, recall))
    return result


def date_scores(predicted: DatedSummaries, references: Sequence[DatedSummaries]) -> PRF:
    """Exact-match date precision, recall and F1 (tilse's ``evaluate_dates``; 0 when a side is empty)."""
    pred = set(predicted)
    gold = {d for ref in references for d in ref}
    shared = len(pred & gold)
    precision = shared / len(pred) if pred else 0.0
    recall = shared / len(gold) if gold else 0.0
    return PRF(precision, recall, f_score(precision, recall))


@dataclass(frozen=True, slots=True)
class TimelineScores:
    """The scores of one predicted timeline: AR1, AR2 and date P/R/F1."""

    ar1: PRF
    ar2: PRF
    dates: PRF

    @classmethod
    def compute(cls, predicted: DatedSummaries, references: Sequence[DatedSummaries]) -> TimelineScores:
        """Score ``predicted`` against the ground truth ``references``."""
        rouge = align_rouge_many_to_one(predicted, references, orders=(1, 2))
        return cls(ar1=rouge[1], ar2=rouge[2], dates=date_scores(predicted, references))


def average_scores(scores: Sequence[TimelineScores]) -> dict[str, PRF]:
    """Average P and R over tasks, then take F (the news-tls convention), per metric.

    Keys are ``"AR1"``, ``"AR2"`` and ``"date"``; an empty input gives zeros.
    """
    out: dict[str, PRF] = {}
    for key, attr in (("AR1", "ar1"), ("AR2", "ar2"), ("date", "dates")):
        values = [getattr(s, attr) for s in scores]
        if not values:
            out[key] = PRF(0.0, 0.0, 0.0)
            continue
        precision = sum(v.precision for v in values) / len(values)
        recall = sum(v.recall for v in values) / len(values)
        out[key] = PRF(precision, recall, f_score(precision, recall))
    return out
