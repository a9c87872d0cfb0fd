"""The near-duplicate quality target on real articles (benchmark-scale: ``pytest -m bench``)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

from dateline.enrich.dedup import NearDuplicateGrouper, fingerprint
from tests.conftest import shared_path


def _bench_module() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "dedup_bench.py"
    spec = importlib.util.spec_from_file_location("dedup_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.bench
@pytest.mark.timeout(1800)
def test_lightly_edited_copies_are_found_with_high_precision() -> None:
    data = shared_path("t17")
    bench = _bench_module()
    articles = bench.load_articles(data.parent)
    prints = {aid: fingerprint(text) for aid, text in articles}
    clean, _ = bench.clean_base(articles, prints, min_tokens=40)
    corpus, planted = bench.build_corpus(articles, clean, 100, random.Random(1))
    result = bench.score(NearDuplicateGrouper().fit(corpus).groups_, planted)
    for kind in ("exact", "byline", "words5", "truncated", "reordered"):
        assert result[kind]["recall"] >= 0.95, (kind, result[kind])
    assert result["all"]["precision"] >= 0.98
