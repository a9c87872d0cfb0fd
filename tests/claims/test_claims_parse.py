"""The fast claims parse (tagger+parser, fixed sentence boundaries) and the rules added for PolNeAR."""

from __future__ import annotations

from dateline.enrich.claims import (
    _relations,
    candidate_doc,
    extract_claims,
    extract_relations,
    parse_candidates,
)
from dateline.enrich.sentences import make_sentences
from dateline.eval.attribution import AttributionScorer, GoldRelation
from dateline.models import Claim

ARTICLE = (
    "Israeli Prime Minister Benjamin Netanyahu said on Tuesday that the offensive would continue.\n\n"
    "The army reported heavy fighting in the north. Rain fell over the city.\n\n"
    "“We will not stop until the job is done,” he told reporters. According to officials, "
    "20 people were killed. She is concerned about the plan. He hopes to win the state."
)


def claims_of(nlp, text: str) -> list[Claim]:
    doc = candidate_doc(nlp, text, make_sentences("a", text))
    return extract_claims(doc, article_id="a") if doc is not None else []


def test_fast_parse_gives_the_full_pipelines_relations(nlp):
    # The attribute ruler and lemmatizer are replaced by _annotate: same relations as spaCy's full run
    # (except "hopes", whose lemma the full pipeline gets wrong as "hop").
    full = [(r.speaker, r.cue, r.content) for r in _relations(nlp(ARTICLE))]
    fast = [(r.speaker, r.cue, r.content) for r in _relations(parse_candidates(nlp, ARTICLE))]
    assert set(full) <= set(fast)
    cues = {ARTICLE[r[1][0][0] : r[1][-1][1]] for r in fast}
    assert {"said", "told", "According to", "hopes"} <= cues


def test_candidate_doc_blanks_other_sentences_but_keeps_offsets_and_line_breaks(nlp):
    sents = make_sentences("a", ARTICLE)
    doc = candidate_doc(nlp, ARTICLE, sents)
    assert doc is not None
    rain = ARTICLE.index("Rain fell")
    assert doc.text[rain : rain + 9].strip() == ""  # no cue: not parsed
    assert doc.text.count("\n") == ARTICLE[: len(doc.text)].count("\n")
    said = ARTICLE.index("said")
    assert doc.text[said : said + 4] == "said"
    assert (
        candidate_doc(nlp, "Rain fell over the city.", make_sentences("a", "Rain fell over the city."))
        is None
    )


def test_fixed_sentence_boundaries_keep_a_report_out_of_the_previous_one(nlp):
    # Parsed as one stretch, the second "said" hangs under the first and its claim is lost as nested.
    text = (
        "The union sued the city over the rules, saying they violate free-speech rights. "
        "Some protest leaders said they would ignore the restrictions."
    )
    speakers = {c.speaker for c in claims_of(nlp, text)}
    assert "Some protest leaders" in speakers


def test_doubled_apostrophe_quotes_are_quotes(nlp):
    text = "''Mr. Khan made the ultimate sacrifice in his family, didn't he?'' Mrs. Clinton said."
    (claim,) = claims_of(nlp, text)
    assert claim.speaker == "Mrs. Clinton"
    assert claim.direct is True
    assert claim.content.startswith("''Mr. Khan made")


def test_as_clause_attributes_the_main_clause(nlp):
    text = "As Crane said, the two standard-bearers have become the least ideological candidates."
    (claim,) = claims_of(nlp, text)
    assert claim.speaker == "Crane"
    assert claim.content.startswith("the two standard-bearers")


def test_speech_verb_with_a_direct_object(nlp):
    text = "Another superdelegate, Michael Brown, explained the reason for his late support."
    (claim,) = claims_of(nlp, text)
    assert claim.cue == "explained"
    assert claim.content == "the reason for his late support"
    assert claim.speaker is not None and "Michael Brown" in claim.speaker


def test_possessive_noun_cue_with_a_preposition_or_infinitive(nlp):
    text = "Obama won applause with his claim of Clinton's super-qualifications to be president."
    found = [c for c in claims_of(nlp, text) if c.cue == "claim"]
    assert len(found) == 1
    assert found[0].speaker == "his"
    assert found[0].content.startswith("Clinton's super-qualifications")
    text = "Bush's promise to cut taxes for families angered the Democrats."
    found = [c for c in claims_of(nlp, text) if c.cue == "promise"]
    assert [(c.speaker, c.content) for c in found] == [("Bush's", "to cut taxes for families")]
    # Without a possessor a bare noun is no cue: "the claim of the century".
    assert not claims_of(nlp, "It was the claim of the century for the museum.")


def test_appear_has_no_speaker(nlp):
    text = "After the vote, Washington appears weak to its allies in the region."
    claims = claims_of(nlp, text)
    assert [c.cue for c in claims] == ["appears"]
    assert claims[0].speaker is None


def test_extract_relations_follows_the_enrichment_path(nlp):
    rels = extract_relations(nlp, ARTICLE)
    doc = candidate_doc(nlp, ARTICLE, make_sentences("", ARTICLE))
    assert doc is not None
    assert rels == _relations(doc)


def test_scorer_matches_a_punctuation_only_cue():
    text = "Graham: Trump's rhetoric destroys the party's chance."
    gold = GoldRelation(source=((0, 6),), cue=((6, 7),), content=((8, 52),))
    scorer = AttributionScorer()
    scorer.add(text, [gold], [gold])
    scores = scorer.scores()
    assert scores["speaker"]["F1"] == 1.0
    assert scores["cue"]["F1"] == 1.0
    wrong = GoldRelation(source=((8, 15),), cue=((6, 7),), content=((8, 52),))
    scorer = AttributionScorer()
    scorer.add(text, [wrong], [gold])
    assert scorer.scores()["speaker"]["F1"] == 0.0


def test_inverted_speaker_after_a_quote(nlp):
    text = "“Hillary needed to split the first two primaries,” added a South Carolina Democrat."
    (claim,) = claims_of(nlp, text)
    assert claim.cue == "added"
    assert claim.speaker == "a South Carolina Democrat"
    assert claim.direct is True


def test_mined_verbs_fire(nlp):
    # "portray" and "rail" come from the train-mined list (LEARNED_VERBS).
    text = "Republicans portrayed the deal as a surrender to Iran."
    (claim,) = claims_of(nlp, text)
    assert (claim.speaker, claim.cue) == ("Republicans", "portrayed")
    assert claim.content.startswith("the deal")
