"""The T17 protocol end to end on one small topic (haiti: 1 gold timeline, 278 articles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import EvalError
from dateline.eval.tls import evaluate_tls
from dateline.eval.tls_data import load_topic
from tests.conftest import shared_path
from tests.timeline import standin_timex


def test_haiti_with_stand_in_tagger_scores_and_writes_tilse_files(tmp_path: Path) -> None:
    t17 = shared_path("t17")
    result = evaluate_tls(t17, topics=["haiti"], out=tmp_path, tagger=standin_timex.tag)
    haiti = result["topics"]["haiti"]
    assert result["dataset"] == "t17"
    assert haiti["subset"] is True and haiti["articles"] == 278
    # Floors well under what the method reaches (about 0.18 / 0.05 / 0.9), far above chance.
    assert result["metrics"]["AR1-F"] > 0.12
    assert result["metrics"]["AR2-F"] > 0.03
    assert result["metrics"]["date-F1"] > 0.7
    system = (tmp_path / "haiti" / "system_0.txt").read_text(encoding="utf-8")
    blocks = [b for b in system.split("-" * 32 + "\n") if b.strip()]
    gold = load_topic(t17, "haiti").timelines[0]
    assert len(blocks) == gold.n_dates == 11
    assert all(2 <= len(b.strip().split("\n")) <= 1 + gold.per_date for b in blocks)
    cited = json.loads((tmp_path / "haiti" / "system_0.json").read_text(encoding="utf-8"))
    assert all(s["article_id"].startswith("bbc/") for e in cited for s in e["summary"])
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert scores["metrics"] == result["metrics"]
    assert (tmp_path / "config.json").exists() and (tmp_path / "haiti" / "gold_0.txt").exists()


def test_unknown_topic_is_an_eval_error() -> None:
    with pytest.raises(EvalError, match="unknown topic"):
        evaluate_tls(shared_path("t17"), topics=["atlantis"], tagger=standin_timex.tag)


@pytest.mark.slow
def test_haiti_with_the_real_tagger() -> None:
    timex = pytest.importorskip("dateline.timex")
    if not hasattr(timex, "tag"):
        pytest.skip("dateline.timex.tag is not available in this checkout")
    result = evaluate_tls(shared_path("t17"), topics=["haiti"])
    assert result["metrics"]["AR1-F"] > 0.12
    assert result["metrics"]["AR2-F"] > 0.03
    assert result["metrics"]["date-F1"] > 0.7
