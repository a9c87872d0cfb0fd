"""The hand-labelled T17 fixture: its shape, its offsets against T17, and the merge scores on it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dateline.enrich.entities import EntityResolver, load_ner, mentions_from_doc
from dateline.enrich.entities_eval import GoldMention, align, evaluate, load_labels, score_pairs
from dateline.errors import EvalError
from dateline.models import Mention
from tests.conftest import shared_path

LABELS = Path(__file__).resolve().parents[1] / "data" / "entities" / "t17_labels.json"


def t17_texts(topics: set[str], ids: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for topic in sorted(topics):
        with gzip.open(shared_path("t17", topic, "articles.jsonl.gz"), "rt", encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                if art["id"] in ids:
                    texts[art["id"]] = art["text"]
    return texts


def test_labels_fixture_is_well_formed() -> None:
    labels = load_labels(LABELS)
    assert len(labels) == 20
    assert len({art.id for art in labels}) == 20
    assert len({art.topic for art in labels}) >= 6
    for art in labels:
        assert art.mentions
        ends = -1
        for m in art.mentions:
            assert 0 <= m.start < m.end and m.end - m.start == len(m.text) and m.entity
            assert m.start >= ends, f"overlapping gold mentions in {art.id} at {m.start}"
            ends = m.end
    entities_in = {}
    for art in labels:
        for m in art.mentions:
            entities_in.setdefault(m.entity, set()).add(art.id)
    assert sum(len(arts) > 1 for arts in entities_in.values()) >= 10, "too few cross-article entities"


def test_load_labels_rejects_a_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "labels.json"
    bad.write_text('{"articles": [{"id": "x"}]}')
    with pytest.raises(EvalError, match="not an entity labels file"):
        load_labels(bad)


def test_pair_scoring_on_a_hand_made_case() -> None:
    gold = [
        GoldMention("a", 0, 5, "Obama", "obama"),
        GoldMention("a", 10, 15, "Obama", "obama"),
        GoldMention("a", 20, 24, "Iraq", "iraq"),
        GoldMention("b", 0, 5, "Obama", "obama"),
    ]
    # The system merged the first two, missed the fourth and wrongly merged Iraq with Obama.
    scores = score_pairs(gold, {0: "k1", 1: "k1", 2: "k1"}, keep=lambda a, b: True)
    assert (scores.gold_pairs, scores.predicted_pairs, scores.correct_pairs) == (3, 3, 1)
    assert scores.found_gold_pairs == 1
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.found_recall == 1.0
    system = [Mention("a", 0, 0, 9, "Mr. Obama", "PERSON"), Mention("a", 0, 9, 16, "x Obama", "PERSON")]
    assert align(gold[:2], system) == {0: 0, 1: 1}


@pytest.mark.slow
def test_label_offsets_match_the_t17_text() -> None:
    labels = load_labels(LABELS)
    texts = t17_texts({art.topic for art in labels}, {art.id for art in labels})
    for art in labels:
        for m in art.mentions:
            assert texts[art.id][m.start : m.end] == m.text


@pytest.mark.bench
def test_merge_scores_on_the_labelled_articles() -> None:
    labels = load_labels(LABELS)
    texts = t17_texts({art.topic for art in labels}, {art.id for art in labels})
    nlp = load_ner()
    system = {}
    for art in labels:
        text = texts[art.id]
        starts = [0, *[i + 1 for i, ch in enumerate(text) if ch == "\n"]]
        system[art.id] = mentions_from_doc(nlp(text), article_id=art.id, sentence_starts=starts)
    resolver = EntityResolver().fit(m for ms in system.values() for m in ms)
    ours = evaluate(labels, system, lambda m: resolver.key_of_[(m.article_id, m.start)])
    baseline = evaluate(labels, system, lambda m: m.text.casefold())
    assert ours["all"].precision >= 0.93
    assert ours["all"].recall >= 0.80
    assert ours["across"].found_recall >= 0.9
    assert ours["all"].f1 > baseline["all"].f1 + 0.1
