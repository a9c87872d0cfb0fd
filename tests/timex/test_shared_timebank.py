"""A floor on the development data: a few TimeBank and WikiWars files (skipped without ../shared)."""

from __future__ import annotations

import pytest

from dateline.eval.timex import TimexCounts, score_document
from dateline.timex import read_timeml, tag
from tests.conftest import shared_path

pytestmark = pytest.mark.shared


def _score(paths: list) -> dict:
    total = TimexCounts()
    for p in paths:
        doc = read_timeml(p)
        total.add(score_document(doc.text, doc.gold, tag(doc.text, dct=doc.dct)))
    return total.scores()


def test_timebank_floor() -> None:
    d = shared_path("timex", "tbaq-cleaned", "TimeBank")
    s = _score(sorted(d.glob("*.tml"))[:40])
    assert s["relaxed-F1"] >= 88
    assert s["value-F1"] >= 70


def test_wikiwars_reads_and_scores() -> None:
    d = shared_path("timex", "wikiwars-timex3", "tml-xtime-updated")
    s = _score(sorted(d.glob("0[1-3]_*.tml")))
    assert s["relaxed-F1"] >= 85
