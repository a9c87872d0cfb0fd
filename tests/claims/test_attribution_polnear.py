"""A smoke-sized run on real PolNeAR dev articles: the scores stay above a floor."""

from __future__ import annotations

import pytest

from dateline.enrich.claims import load_pipeline
from dateline.errors import ConfigError
from dateline.eval.attribution import evaluate_attribution
from tests.conftest import shared_path


@pytest.mark.shared
def test_dev_sample_scores_above_floor():
    dev = shared_path("attribution", "polnear", "dev")
    try:
        load_pipeline()
    except ConfigError as exc:
        pytest.skip(str(exc))
    result = evaluate_attribution(dev, limit=8)
    assert result["docs"] == 8
    # Measured 0.75+ on the whole dev split; the floor leaves room for small samples.
    assert result["F1"] >= 0.6
    assert result["speaker-F1"] >= 0.5
    assert result["precision"] >= 0.7
