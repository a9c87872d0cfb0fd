"""Cross-check of our metrics against the real tilse package (ROUGE-1.5.5 through Perl).

tilse is a test-only dependency: ``pip install tilse==0.2.1``; its ROUGE-1.5.5 script needs Perl
with XML::Parser (Debian: ``apt-get install libxml-parser-perl``) and DB_File. Skipped otherwise.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from datetime import date, datetime, timedelta

import pytest

from dateline.eval.tls_metrics import align_rouge_many_to_one, date_scores
from tests.conftest import shared_path


def _tilse_or_skip() -> tuple[object, object, object]:
    pytest.importorskip("pyrouge", reason="tilse (pip install tilse==0.2.1) is not installed")
    rouge = pytest.importorskip(
        "tilse.evaluation.rouge", reason="tilse (pip install tilse==0.2.1) is not installed"
    )
    dates = pytest.importorskip("tilse.evaluation.dates", reason="tilse is not installed")
    timelines = pytest.importorskip("tilse.data.timelines", reason="tilse is not installed")
    perl = shutil.which("perl")
    if perl is None:
        pytest.skip("perl is not installed; tilse's ROUGE-1.5.5 needs it")
    probe = subprocess.run([perl, "-MXML::Parser", "-MDB_File", "-e", "1"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("perl lacks XML::Parser or DB_File (Debian: apt-get install libxml-parser-perl)")
    return rouge, dates, timelines


def _gold(topic: str) -> dict[date, list[str]]:
    line = shared_path("t17", topic, "timelines.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return {datetime.fromisoformat(d).date(): list(s) for d, s in json.loads(line)}


def _system_like(gold: dict[date, list[str]], pool: list[str], rng: random.Random) -> dict[date, list[str]]:
    """A plausible system timeline: some gold days (some shifted), mixing gold and unrelated sentences."""
    out: dict[date, list[str]] = {}
    for day in rng.sample(sorted(gold), max(1, len(gold) // 2)):
        shifted = day + timedelta(days=rng.choice([0, 0, 0, 1, -2, 6]))
        sents = rng.sample(pool, 2)
        if rng.random() < 0.6:
            sents.append(rng.choice(gold[day]))
        out[shifted] = sents
    return out


@pytest.mark.parametrize(
    ("topic", "trials"),
    [
        ("haiti", 1),
        pytest.param("egypt", 2, marks=pytest.mark.slow),
        pytest.param("mj", 2, marks=pytest.mark.slow),
    ],
)
def test_matches_tilse_to_three_decimals(topic: str, trials: int) -> None:
    rouge, dates, timelines = _tilse_or_skip()
    gold = _gold(topic)
    other = _gold("mj" if topic != "mj" else "haiti")
    pool = [s for sents in other.values() for s in sents] + [
        "Can not play media .",
        "A -LRB- b -RRB- c ^ d < e",
    ]
    rng = random.Random(17)
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])  # type: ignore[attr-defined]
    for _ in range(trials):
        pred = _system_like(gold, pool, rng)
        truth = timelines.GroundTruth([timelines.Timeline(gold)])  # type: ignore[attr-defined]
        system = timelines.Timeline(pred)  # type: ignore[attr-defined]
        theirs = evaluator.evaluate_align_date_content_costs_many_to_one(system, truth)  # type: ignore[attr-defined]
        ours = align_rouge_many_to_one(pred, [gold])
        for n in (1, 2):
            for key, value in ours[n].as_dict().items():
                assert value == pytest.approx(theirs[f"rouge_{n}"][key], abs=5e-4), (topic, n, key)
        their_dates = dates.evaluate_dates(timelines.Timeline(pred), truth)  # type: ignore[attr-defined]
        assert date_scores(pred, [gold]).f1 == pytest.approx(their_dates["f_score"], abs=5e-4)
