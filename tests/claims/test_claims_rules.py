"""The attribution rules on hand-written news sentences, one construction per test."""

from __future__ import annotations

import pytest

from dateline.enrich.claims import extract_claims, may_contain_claim
from dateline.errors import ConfigError
from dateline.models import Claim


def claims_of(nlp, text: str) -> list[Claim]:
    return extract_claims(nlp(text), article_id="a1")


def only(nlp, text: str) -> Claim:
    found = claims_of(nlp, text)
    assert len(found) == 1, [(c.speaker, c.cue, c.content) for c in found]
    return found[0]


def span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_direct_quote_speaker_after(nlp):
    text = "“We will not stop until the job is done,” Netanyahu said."
    claim = only(nlp, text)
    assert claim.speaker == "Netanyahu"
    assert claim.cue == "said"
    assert claim.direct is True
    assert span_text(text, claim.content_span).startswith("“We will not stop")
    assert span_text(text, claim.speaker_span) == "Netanyahu"
    assert claim.article_id == "a1"


def test_direct_quote_speaker_before(nlp):
    text = "Defence minister Yoav Gallant said, “The operation will continue for months.”"
    claim = only(nlp, text)
    assert claim.speaker == "Defence minister Yoav Gallant"
    assert "The operation will continue for months" in claim.content
    assert claim.direct is True
    assert claim.speaker_entity == "Yoav Gallant"


def test_quote_spanning_sentences_is_one_content(nlp):
    text = (
        "“The hospital is a command centre. We have the evidence. It is only a matter of time,” "
        "said Daniel Hagari, a military spokesman."
    )
    claim = only(nlp, text)
    assert claim.content.startswith("“The hospital is a command centre.")
    assert claim.content.rstrip("”,").endswith("a matter of time")
    assert claim.speaker.startswith("Daniel Hagari")
    assert claim.direct


def test_follow_on_quote_joins_the_relation(nlp):
    text = "“We are ready,” he said. “Nobody should doubt our resolve on this front.”"
    claim = only(nlp, text)
    assert "We are ready" in claim.content and "doubt our resolve" in claim.content
    assert claim.content_span == (0, len(text))


def test_that_clause(nlp):
    claim = only(nlp, "The health ministry said that 30 people were killed in the strike.")
    assert claim.speaker == "The health ministry"
    assert claim.content == "that 30 people were killed in the strike"
    assert claim.direct is False and claim.hedged is False


def test_reported_speech_without_that(nlp):
    claim = only(nlp, "The army says it destroyed the tunnel.")
    assert (claim.speaker, claim.cue, claim.content) == ("The army", "says", "it destroyed the tunnel")


def test_speaker_after_content(nlp):
    claim = only(nlp, "Hamas may have moved the hostages, officials said.")
    assert claim.speaker == "officials"
    assert claim.content == "Hamas may have moved the hostages"
    assert claim.hedged is True


def test_according_to(nlp):
    claim = only(nlp, "According to the United Nations, 1.5 million people have fled their homes.")
    assert claim.cue == "According to"
    assert claim.speaker == "the United Nations"
    assert claim.content == "1.5 million people have fled their homes"


def test_spokesman_for_in_a_statement(nlp):
    claim = only(nlp, "A spokesman for Hamas said in a statement that the talks had collapsed.")
    assert claim.speaker == "A spokesman for Hamas"
    assert claim.cue == "said in a statement"
    assert claim.content == "that the talks had collapsed"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Israeli officials have described their strategy as gradualism.",
            "Israeli officials",
            "their strategy as gradualism",
        ),
        (
            "Military analysts suggest the campaign could last into next year.",
            "Military analysts",
            "the campaign could last into next year",
        ),
        (
            "A senior US official warned that the window for a deal was closing.",
            "A senior US official",
            "that the window for a deal was closing",
        ),
        ("Experts anticipate a long war.", "Experts", "a long war"),
    ],
)
def test_group_and_role_speakers(nlp, text, speaker, content):
    claim = only(nlp, text)
    assert claim.speaker == speaker
    assert claim.content == content
    assert claim.speaker_entity is None


def test_pronoun_resolves_to_previous_person(nlp):
    text = "Benjamin Netanyahu met the families on Monday. He said the hostages would come home."
    claim = only(nlp, text)
    assert claim.speaker == "He"
    assert claim.speaker_entity == "Benjamin Netanyahu"
    assert claim.sentence_index == 1


def test_pronoun_skips_person_of_other_gender(nlp):
    text = "Golda Meir visited the front. Moshe Dayan stayed behind. She told reporters the war was won."
    claim = only(nlp, text)
    assert claim.speaker_entity == "Golda Meir"


def test_surname_pronoun_gets_full_name(nlp):
    text = (
        "Hillary Clinton campaigned in Ohio on Tuesday. Later, Mrs. Clinton met donors in Cleveland. "
        "She said the economy was her priority."
    )
    claim = only(nlp, text)
    assert claim.speaker_entity == "Hillary Clinton"


@pytest.mark.parametrize(
    "text",
    [
        "The strike reportedly killed 12 people, residents said.",
        "The group claimed it had downed a drone. The claim could not be independently verified.",
        "Officials said the death toll might rise.",
    ],
)
def test_hedged(nlp, text):
    claims = claims_of(nlp, text)
    assert claims and claims[0].hedged is True


def test_confirmed_fact_is_not_hedged(nlp):
    assert only(nlp, "The ministry said the crossing opened on Sunday.").hedged is False


def test_no_claim_in_plain_narration(nlp):
    assert claims_of(nlp, "The sun rose over Gaza City on Tuesday and the streets were quiet.") == []


def test_report_inside_a_quote_is_not_a_second_claim(nlp):
    text = "“Some people think the war will end soon,” she said."
    claim = only(nlp, text)
    assert claim.cue == "said"


def test_sentence_starts_and_published(nlp):
    from datetime import date

    text = "Troops entered the camp. The army said it found weapons."
    doc = nlp(text)
    claims = extract_claims(doc, article_id="x", sentence_starts=[0, 25], published=date(2023, 11, 7))
    assert [c.sentence_index for c in claims] == [1]
    assert claims[0].published == date(2023, 11, 7)


def test_needs_a_parsed_doc():
    import spacy

    with pytest.raises(ConfigError):
        extract_claims(spacy.blank("en")("He said so."), article_id="x")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The army said it found weapons .", True),
        ("According to residents , the shelling continued .", True),
        ("`` We are ready , '' he added .", True),
        ("Officials believe the talks will resume .", True),
        ("The sun rose over the city and the streets were quiet .", False),
        ("Prices rose 3 percent in March .", False),
    ],
)
def test_prefilter(sentence, expected):
    assert may_contain_claim(sentence) is expected


def test_core_prefilter_is_narrower():
    assert may_contain_claim("The army said it found weapons .", core=True)
    assert may_contain_claim("Officials believe the talks will resume .", core=True)
    # A long-tail cue passes the full filter only.
    sentence = "The senator praised the deal ."
    assert may_contain_claim(sentence) and not may_contain_claim(sentence, core=True)


def test_full_prefilter_accepts_every_sentence_with_a_claim(nlp):
    text = (
        "The senator praised the deal. Rubio: the plan is dead. Residents are concerned about the water. "
        "The court named a monitor. It is unclear whether talks resume. She called for a ceasefire."
    )
    doc = nlp(text)
    claims = extract_claims(doc, article_id="a")
    assert len(claims) >= 4
    sents = list(doc.sents)
    for claim in claims:
        assert may_contain_claim(sents[claim.sentence_index].text)
