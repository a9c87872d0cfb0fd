"""Mention extraction with the pinned spaCy model, and the resolver over its output."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from dateline.enrich.entities import (
    DEFAULT_MODEL,
    NER_COMPONENTS,
    EntityResolver,
    load_ner,
    mentions_from_doc,
    ner_input,
)
from dateline.errors import ConfigError
from dateline.models import Mention

# Pre-tokenised the way T17 is: " 's", " ,", -LRB- / -RRB-, `` and '', one sentence per line.
NEWS = (
    "JERUSALEM -LRB- Reuters -RRB- - Israeli Prime Minister Benjamin Netanyahu said on Tuesday that the "
    "Israel Defense Forces -LRB- IDF -RRB- would keep up the pressure on Hamas in Gaza . \n"
    "Netanyahu 's office said Defense Minister Yoav Gallant had briefed U.S. Secretary of State Antony Blinken . \n"
    "`` We will not stop , '' Mr. Netanyahu told reporters , adding that the IDF had struck 450 targets . \n"
    "Gallant said Israeli troops were ready , while Egyptian officials called for a ceasefire . \n"
)


def line_starts(text: str) -> list[int]:
    return [0, *[i + 1 for i, ch in enumerate(text) if ch == "\n"][:-1]]


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield load_ner()


@pytest.fixture(scope="module")
def news_mentions(nlp: Language) -> list[Mention]:
    return mentions_from_doc(nlp(NEWS), article_id="reuters/1", sentence_starts=line_starts(NEWS))


def find(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    return [m for m in mentions if m.text == text][nth]


def test_offsets_are_exact_and_sentences_are_indexed(news_mentions: list[Mention]) -> None:
    for m in news_mentions:
        assert NEWS[m.start : m.end] == m.text
        assert NEWS.count("\n", 0, m.start) == m.sentence_index
    assert find(news_mentions, "Netanyahu", 1).sentence_index == 2


def test_titles_become_roles_and_honorifics_leave_the_name(news_mentions: list[Mention]) -> None:
    assert find(news_mentions, "Benjamin Netanyahu").role == "Prime Minister"
    assert find(news_mentions, "Yoav Gallant").role == "Defense Minister"
    assert find(news_mentions, "Antony Blinken").role == "Secretary of State"
    mr = find(news_mentions, "Netanyahu", 1)
    assert (mr.role, NEWS[mr.start - 4 : mr.start]) == ("Mr.", "Mr. ")


def test_possessive_brackets_and_the_are_cut_away(news_mentions: list[Mention]) -> None:
    texts = [m.text for m in news_mentions]
    assert "Netanyahu" in texts and not any("'s" in t for t in texts)
    assert "Israel Defense Forces" in texts
    assert not any("-LRB-" in t or "-RRB-" in t or "``" in t or t.startswith("the ") for t in texts)
    assert find(news_mentions, "Israeli").label == "NORP"


def test_the_news_example_resolves_to_entities_with_aliases_and_roles(news_mentions: list[Mention]) -> None:
    resolver = EntityResolver().fit(news_mentions)
    by_key = {ent.key: ent for ent in resolver.entities_}
    bibi = by_key["PERSON:benjamin netanyahu"]
    assert bibi.mentions == 3
    assert set(bibi.aliases) == {"Benjamin Netanyahu", "Netanyahu", "Mr. Netanyahu"}
    assert bibi.roles == ("Prime Minister",)
    assert by_key["PERSON:yoav gallant"].roles == ("Defense Minister",)
    idf = by_key["ORG:israel defense forces"]
    assert {"IDF", "Israel Defense Forces"} <= set(idf.aliases)
    assert by_key["GPE:israel"].aliases == ("Israeli",)
    assert by_key["GPE:israel"].mentions == 2
    assert by_key["GPE:egypt"].name == "Egypt"


def test_split_entity_and_role_that_ner_tagged_as_org(nlp: Language) -> None:
    text = "UN Secretary-General Ban Ki-moon and Lt. Gen. Charles Bouchard met in Naples . \n"
    mentions = mentions_from_doc(nlp(text), article_id="x", sentence_starts=[0])
    assert find(mentions, "Ban Ki-moon").role == "Secretary-General"
    assert find(mentions, "Charles Bouchard").role == "Lt. Gen."


def test_labels_filter_and_empty_doc(nlp: Language) -> None:
    mentions = mentions_from_doc(nlp(NEWS), article_id="x", sentence_starts=[0], labels={"PERSON"})
    assert mentions and {m.label for m in mentions} == {"PERSON"}
    assert mentions_from_doc(nlp(""), article_id="x", sentence_starts=[]) == []


def test_ner_only_pipeline_finds_the_same_entities_as_the_full_model(nlp: Language) -> None:
    import spacy

    assert nlp.pipe_names == list(NER_COMPONENTS)
    full = spacy.load(DEFAULT_MODEL)
    texts = [
        NEWS,
        "Libyan rebels said Muammar Gaddafi 's forces shelled Misrata on Friday , the WHO said . \n",
    ]
    for doc_ner, doc_full in zip(nlp.pipe(texts), full.pipe(texts), strict=True):
        assert [(e.start_char, e.end_char, e.label_) for e in doc_ner.ents] == [
            (e.start_char, e.end_char, e.label_) for e in doc_full.ents
        ]


def test_load_ner_rejects_unknown_models_and_components() -> None:
    with pytest.raises(ConfigError, match="not installed"):
        load_ner("no_such_model_xx")
    with pytest.raises(ConfigError, match="no component"):
        load_ner(components=("ner", "coref"))


def test_ner_input_is_a_prefix_cut_at_a_line_end() -> None:
    text = "First line . \nSecond line . \nThird line . \n"
    assert ner_input(text) == text
    assert ner_input(text, max_chars=20) == "First line . \n"
    assert ner_input(text, max_chars=None) == text
    assert ner_input("x" * 50, max_chars=10) == "x" * 10
