"""The splitter on the Timeline17 development articles (skipped when the shared data is absent)."""

from __future__ import annotations

import gzip
import json

import pytest

from dateline.enrich.language import detect_language
from dateline.enrich.sentences import is_pretokenised, split_sentences
from tests.conftest import shared_path


def haiti_texts() -> list[str]:
    path = shared_path("t17", "haiti", "articles.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


@pytest.mark.shared
def test_t17_lines_are_the_sentences() -> None:
    texts = [t for t in haiti_texts() if t.strip()]
    assert all(is_pretokenised(t) for t in texts if t.count(" . ") >= 3)
    agree = total = 0
    for text in texts:
        lines = [line.strip() for line in text.split("\n") if any(c.isalnum() for c in line)]
        got = [text[s:e] for s, e in split_sentences(text)]
        agree += got == lines
        total += 1
    # A few lines hold two sentences ("... Then …", "!!! Posted by") and are split.
    assert agree / total > 0.9


@pytest.mark.shared
def test_t17_flattened_boundaries_agree_with_lines() -> None:
    tp = n_pred = n_gold = 0
    for text in haiti_texts():
        lines = [line.strip() for line in text.split("\n") if any(c.isalnum() for c in line)]
        flat = " ".join(lines)
        gold, pos = set(), 0
        for line in lines:
            gold.add(pos)
            pos += len(line) + 1
        gold.discard(0)
        pred = {s for s, _ in split_sentences(flat)[1:]}
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    precision, recall = tp / n_pred, tp / n_gold
    assert precision > 0.97 and recall > 0.97, (precision, recall)


@pytest.mark.shared
def test_t17_haiti_is_english() -> None:
    texts = [t for t in haiti_texts() if len(t) > 200][:80]
    langs = [detect_language(t)[0] for t in texts]
    assert langs.count("en") / len(langs) > 0.99
