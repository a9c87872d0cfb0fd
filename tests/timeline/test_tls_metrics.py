"""The timeline metrics: hand-computed ROUGE and alignment on tiny timelines, ROUGE-1.5.5 details."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.eval.rouge import porter_stem, rouge_counts, rouge_tokens
from dateline.eval.tls_metrics import (
    PRF,
    TimelineScores,
    align_rouge_many_to_one,
    average_scores,
    date_scores,
)

SENT = "Police fired tear gas at protesters in Cairo ."
GOLD = "Police fire tear gas on protesters in Cairo on Friday ."


def test_tokens_follow_rouge_155() -> None:
    # stop words ("at", "in", "on") go, Porter stems, WordNet exceptions ("fled" -> "flee"),
    # hyphens split off, non-alphanumerics become spaces, words of <= 3 letters are not stemmed.
    assert rouge_tokens([SENT]) == ["polic", "fire", "tear", "gas", "protest", "cairo"]
    assert rouge_tokens(["Children fled into al-Bayda 's streets ."]) == [
        "child",
        "flee",
        "al",
        "bayda",
        "street",
    ]
    assert rouge_tokens(["U.S. officials"]) == ["offici"]  # "u", "s" are stop words
    assert rouge_tokens(["x <b> y"]) == []  # text stops at '<' as ROUGE reads pyrouge's SEE files
    assert rouge_tokens(["Running dogs"], stem=False, remove_stopwords=False) == ["running", "dogs"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("caresses", "caress"), ("ponies", "poni"), ("agreed", "agre"), ("hopping", "hop"),
        ("happy", "happi"), ("relational", "relat"), ("hopeful", "hope"), ("adjustment", "adjust"),
        ("replacement", "replac"), ("controlling", "control"), ("yelling", "yell"), ("rate", "rate"),
        ("dependent", "depend"), ("adoption", "adopt"), ("generalizations", "gener"),
    ],
)  # fmt: skip
def test_porter_stemmer(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_rouge_counts_by_hand() -> None:
    counts = rouge_counts([SENT], {"0": [GOLD]})
    # peer: polic fire tear gas protest cairo (6); model adds fridai (7); all 6 peer unigrams hit.
    assert (counts[1].hit, counts[1].peer, counts[1].model) == (6, 6, 7)
    # bigrams: 5 in the peer, 6 in the model, the 5 peer ones all hit.
    assert (counts[2].hit, counts[2].peer, counts[2].model) == (5, 5, 6)
    # several references: hits, peer and model counts are summed over them (ROUGE -f A)
    two = rouge_counts([SENT], [[GOLD], ["Protesters in Cairo ."]])
    assert (two[1].hit, two[1].peer, two[1].model) == (6 + 2, 12, 7 + 2)
    empty = rouge_counts([], [[GOLD]])
    assert (empty[1].hit, empty[1].peer, empty[1].model) == (0, 0, 7)


def test_alignment_many_to_one_by_hand() -> None:
    pred = {date(2011, 1, 2): [SENT]}
    gold = {date(2011, 1, 1): [SENT], date(2011, 1, 5): ["Army takes control of Cairo ."]}
    scores = align_rouge_many_to_one(pred, [gold])
    # Precision: Jan 2 aligns with Jan 1 (same text), one day apart -> weight 1/2.
    assert scores[1].precision == pytest.approx(0.5 * 6 / 6)
    # Recall: Jan 1 -> Jan 2 (1/2 x 6 hits), Jan 5 -> Jan 2 (1/4 x 1 hit: "cairo"); model 6 + 4.
    assert scores[1].recall == pytest.approx((0.5 * 6 + 0.25 * 1) / 10)
    assert scores[1].f1 == pytest.approx(2 * 0.5 * 0.325 / 0.825)
    assert scores[2].precision == pytest.approx(0.5)
    assert scores[2].recall == pytest.approx(0.5 * 5 / (5 + 3))
    assert date_scores(pred, [gold]) == PRF(0.0, 0.0, 0.0)
    perfect = TimelineScores.compute(gold, [gold])
    assert (perfect.ar1.f1, perfect.ar2.f1, perfect.dates.f1) == (1.0, 1.0, 1.0)
    assert align_rouge_many_to_one({}, [gold])[1] == PRF(0.0, 0.0, 0.0)


def test_dates_and_averaging() -> None:
    gold = {date(2011, 1, d): ["x"] for d in (1, 2, 3, 4)}
    pred = {date(2011, 1, d): ["x"] for d in (1, 2, 9)}
    assert date_scores(pred, [gold]) == PRF(2 / 3, 0.5, pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5)))
    a = TimelineScores(PRF(1.0, 0.0, 0.0), PRF(0, 0, 0), PRF(0, 0, 0))
    b = TimelineScores(PRF(0.0, 1.0, 0.0), PRF(0, 0, 0), PRF(0, 0, 0))
    # P and R are averaged first (0.5, 0.5), then F: 0.5, not the mean of the two F1 (0).
    assert average_scores([a, b])["AR1"].f1 == pytest.approx(0.5)
