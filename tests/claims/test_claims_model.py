"""The trained cue classifier: the shipped model loads and decides sensibly on news sentences."""

from __future__ import annotations

import gzip

import pytest

from dateline.enrich.claims import extract_claims, parse_candidates
from dateline.enrich.claims_model import MODEL_PATH, cue_scores, listed, load_cue_model
from dateline.errors import ConfigError


def fast_claims(nlp, text: str):
    """Claims of one sentence parsed as enrichment parses each candidate sentence (tagger and parser)."""
    return extract_claims(parse_candidates(nlp, text), article_id="a")


def test_shipped_model_loads_once_with_thresholds_between_zero_and_one():
    model = load_cue_model()
    assert load_cue_model() is model
    assert MODEL_PATH.name.endswith(".json.gz") and MODEL_PATH.exists()
    assert len(model.weights) > 1000
    assert 0.0 < model.threshold_listed < 1.0
    assert 0.0 < model.threshold_new < 1.0


def test_unreadable_model_is_a_config_error(tmp_path):
    bad = tmp_path / "cues.json.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(ConfigError, match="cannot be read"):
        load_cue_model(bad)
    old = tmp_path / "old.json.gz"
    with gzip.open(old, "wt", encoding="utf-8") as handle:
        handle.write('{"format": 0}')
    with pytest.raises(ConfigError, match="format"):
        load_cue_model(old)


def test_decided_to_is_not_a_cue(nlp):
    # PolNeAR annotators mark "decided" in about a quarter of its uses (an intention is an
    # attribution there); the classifier keeps it near its threshold by context: a dated plain
    # decision stays below it ("The minister then decided to resign." is just above it).
    assert fast_claims(nlp, "In March the minister decided to close the border.") == []


def test_continue_to_insist_gives_the_officials_claim(nlp):
    claims = fast_claims(nlp, "Officials continue to insist that the vaccine is safe.")
    assert len(claims) == 1, [(c.speaker, c.cue, c.content) for c in claims]
    assert claims[0].speaker == "Officials"
    assert claims[0].content == "that the vaccine is safe"
    assert claims[0].cue == "to insist"


def test_unlisted_verb_with_a_that_clause_becomes_a_cue(nlp):
    text = "Trump has made clear that he will not back down."
    doc = parse_candidates(nlp, text)
    made = next(tok for tok in doc if tok.text == "made")
    assert not listed(made)
    claims = extract_claims(doc, article_id="a")
    assert [(c.speaker, c.content) for c in claims] == [("Trump", "that he will not back down")]


def test_listed_word_in_a_plain_use_is_rejected(nlp):
    text = "Voters who hear the news are turning to other candidates."
    doc = parse_candidates(nlp, text)
    hear = next(tok for tok in doc if tok.text == "hear")
    assert listed(hear)
    assert cue_scores(doc)[hear.i] < load_cue_model().threshold_listed
    assert extract_claims(doc, article_id="a") == []


def test_features_agree_between_the_claims_parse_and_the_full_pipeline(nlp):
    # The full pipeline lemmatises every word, the claims parse only the lexicon's: the features
    # must not depend on that, or tests on nlp(text) would not show what enrichment does.
    text = "Officials continue to insist that the vaccine is safe, and the minister decided to wait."
    fast, full = cue_scores(parse_candidates(nlp, text)), cue_scores(nlp(text))
    assert fast.keys() == full.keys()
    assert all(abs(fast[i] - full[i]) < 1e-9 for i in fast)
