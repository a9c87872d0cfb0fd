"""Runs on real PolNeAR dev articles: a smoke-sized sample and (bench) the whole split stay above a floor."""

from __future__ import annotations

import pytest

from dateline.eval.attribution import evaluate_attribution
from tests.conftest import shared_path


@pytest.mark.shared
def test_dev_sample_scores_above_floor(nlp):
    dev = shared_path("attribution", "polnear", "dev")
    # 20 articles (about 470 gold relations): 8 held only 56, too few for a precision floor.
    result = evaluate_attribution(dev, limit=20)
    assert result["docs"] == 20
    # Measured 0.79 (content) and 0.77 (speaker) on the whole dev split; the floors leave room for
    # a sample.
    assert result["F1"] >= 0.7
    assert result["speaker-F1"] >= 0.65
    assert result["precision"] >= 0.8


@pytest.mark.bench
def test_whole_dev_split_with_the_cue_classifier(nlp):
    dev = shared_path("attribution", "polnear", "dev")
    result = evaluate_attribution(dev)
    # Measured 0.770 speaker F1 (P 0.854, R 0.701) and 0.789 content F1, up from 0.748 and 0.785
    # with the word lists alone. The goal of 0.80 speaker F1 is not reached: the same
    # rules with the gold cues in place of the classifier give 0.85, and two PolNeAR annotators
    # of the same train articles agree at 0.815.
    assert result["speaker-F1"] >= 0.765
    assert result["F1"] >= 0.78
