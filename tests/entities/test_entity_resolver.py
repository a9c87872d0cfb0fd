"""EntityResolver on hand-built mentions (no spaCy model): the linking rules, keys and increments."""

from __future__ import annotations

import random
from datetime import date

import pytest

from dateline.enrich.entities import entities_to_json
from dateline.enrich.entities_match import initials, is_acronym, loose_acronym_match
from dateline.enrich.entities_resolve import EntityResolver
from dateline.enrich.entities_tables import ALIASES, DEMONYM_TO_PLACE, name_tokens, norm_key
from dateline.errors import InputError
from dateline.models import Entity, Mention


def article(article_id: str, text: str, *spans: tuple[str, str] | tuple[str, str, str]) -> list[Mention]:
    """Mentions of ``text`` at the first occurrence (after the previous one) of each surface."""
    out, pos = [], 0
    for span in spans:
        surface, label = span[0], span[1]
        role = span[2] if len(span) == 3 else None
        start = text.index(surface, pos)
        pos = start + len(surface)
        sentence = text.count("\n", 0, start)
        out.append(Mention(article_id, sentence, start, start + len(surface), surface, label, role=role))
    return out


NETANYAHU_A = article(
    "wire/1",
    "Israeli Prime Minister Benjamin Netanyahu said the Israel Defense Forces (IDF) would press on.\n"
    "Netanyahu's office said Defense Minister Yoav Gallant met U.S. envoys.\n"
    "Mr. Netanyahu told reporters the IDF had struck 50 targets. Gallant said Israeli troops were ready.\n",
    ("Israeli", "NORP"),
    ("Benjamin Netanyahu", "PERSON", "Prime Minister"),
    ("Israel Defense Forces", "ORG"),
    ("IDF", "ORG"),
    ("Netanyahu", "PERSON"),
    ("Yoav Gallant", "PERSON", "Defense Minister"),
    ("U.S.", "GPE"),
    ("Netanyahu", "PERSON", "Mr."),
    ("IDF", "ORG"),
    ("Gallant", "PERSON"),
    ("Israeli", "NORP"),
)
NETANYAHU_B = article(
    "wire/2",
    "Netanyahu met American envoys in Jerusalem. The United States backed the IDF operation, "
    "a State Department spokesman said.\n",
    ("Netanyahu", "PERSON"),
    ("American", "NORP"),
    ("Jerusalem", "GPE"),
    ("United States", "GPE"),
    ("IDF", "ORG"),
    ("State Department", "ORG"),
)


def entity_of(resolver: EntityResolver, mention: Mention) -> Entity:
    key = resolver.key_of_[(mention.article_id, mention.start)]
    return next(ent for ent in resolver.entities_ if ent.key == key)


def test_short_forms_join_the_full_person_name_within_an_article() -> None:
    resolver = EntityResolver().fit(NETANYAHU_A)
    keys = {resolver.key_of_[(m.article_id, m.start)] for m in NETANYAHU_A if "Netanyahu" in m.text}
    assert keys == {"PERSON:benjamin netanyahu"}
    bibi = entity_of(resolver, NETANYAHU_A[1])
    assert bibi.name == "Benjamin Netanyahu"
    assert bibi.type == "PERSON"
    assert bibi.mentions == 3
    assert set(bibi.aliases) == {"Benjamin Netanyahu", "Netanyahu", "Mr. Netanyahu"}
    assert bibi.roles == ("Prime Minister",)  # the honorific is an alias, not a role
    gallant = entity_of(resolver, NETANYAHU_A[9])
    assert gallant.key == "PERSON:yoav gallant"
    assert gallant.roles == ("Defense Minister",)


def test_acronym_joins_its_expansion_and_demonym_joins_its_country() -> None:
    resolver = EntityResolver().fit(NETANYAHU_A)
    idf = entity_of(resolver, NETANYAHU_A[3])
    assert idf.key == "ORG:israel defense forces"
    assert idf.name == "Israel Defense Forces"
    assert idf.mentions == 3
    israel = entity_of(resolver, NETANYAHU_A[0])
    assert (israel.key, israel.name, israel.type) == ("GPE:israel", "Israel", "GPE")
    assert israel.mentions == 2


def test_bare_surname_in_another_article_joins_the_corpus_person() -> None:
    resolver = EntityResolver().fit(NETANYAHU_A + NETANYAHU_B)
    assert resolver.key_of_[("wire/2", 0)] == "PERSON:benjamin netanyahu"
    us = entity_of(resolver, NETANYAHU_B[3])
    assert us.key == "GPE:united states"
    assert {"U.S.", "United States", "American"} <= set(us.aliases)
    assert entity_of(resolver, NETANYAHU_B[4]).key == "ORG:israel defense forces"


def test_bare_surname_stays_apart_when_two_people_share_it() -> None:
    mentions = (
        article("a", "Muammar Gaddafi spoke.", ("Muammar Gaddafi", "PERSON"))
        + article("b", "Saif al-Islam Gaddafi spoke.", ("Saif al-Islam Gaddafi", "PERSON"))
        + article("c", "Gaddafi spoke.", ("Gaddafi", "PERSON"))
    )
    resolver = EntityResolver(min_share=0.75).fit(mentions)
    assert resolver.key_of_[("c", 0)] == "PERSON:gaddafi"
    assert len({resolver.key_of_[(m.article_id, m.start)] for m in mentions}) == 3


def test_transliterations_and_al_prefixes_are_one_person() -> None:
    mentions = (
        article("cnn/1", "Moammar Gadhafi spoke.", ("Moammar Gadhafi", "PERSON"))
        + article("reuters/1", "Muammar Gaddafi spoke.", ("Muammar Gaddafi", "PERSON"))
        + article(
            "x/1",
            "Bashar al-Assad and Bashar Assad.",
            ("Bashar al-Assad", "PERSON"),
            ("Bashar Assad", "PERSON"),
        )
    )
    resolver = EntityResolver().fit(mentions)
    keys = [resolver.key_of_[(m.article_id, m.start)] for m in mentions]
    assert keys[0] == keys[1]
    assert keys[2] == keys[3] != keys[0]


def test_curated_aliases_without_an_expansion_in_the_article() -> None:
    mentions = article(
        "a",
        "The UN, the U.N. and the United Nations; the US, America and the U.S.; Britain and the UK.",
        ("UN", "ORG"),
        ("U.N.", "ORG"),
        ("United Nations", "ORG"),
        ("US", "GPE"),
        ("America", "GPE"),
        ("U.S.", "GPE"),
        ("Britain", "GPE"),
        ("UK", "GPE"),
    )
    resolver = EntityResolver().fit(mentions)
    keys = [resolver.key_of_[(m.article_id, m.start)] for m in mentions]
    assert keys[:3] == ["ORG:united nations"] * 3
    assert keys[3:6] == ["GPE:united states"] * 3
    assert keys[6:] == ["GPE:united kingdom"] * 2


def test_apposition_links_an_acronym_that_skips_letters() -> None:
    mentions = article(
        "a",
        "ASR Real Estate Investment Management -LRB- ASR REIM -RRB- plans a fund. ASR REIM said so.",
        ("ASR Real Estate Investment Management", "ORG"),
        ("ASR REIM", "ORG"),
        ("ASR REIM", "PERSON"),
    )
    resolver = EntityResolver().fit(mentions)
    assert len({resolver.key_of_[(m.article_id, m.start)] for m in mentions}) == 1
    assert resolver.entities_[0].name == "ASR Real Estate Investment Management"


def test_short_org_and_loc_names_join_the_longer_name_with_the_same_label() -> None:
    mentions = article(
        "a",
        "Suncor Energy Inc said Suncor would wait. The Gulf of Mexico spill; the Gulf cleanup. "
        "Fox News and Fox News Radio. The Washington Post in Washington.",
        ("Suncor Energy Inc", "ORG"),
        ("Suncor", "ORG"),
        ("Gulf of Mexico", "LOC"),
        ("Gulf", "LOC"),
        ("Fox News", "ORG"),
        ("Fox News Radio", "ORG"),
        ("Washington Post", "ORG"),
        ("Washington", "GPE"),
    )
    resolver = EntityResolver().fit(mentions)
    key = [resolver.key_of_[(m.article_id, m.start)] for m in mentions]
    assert key[0] == key[1] == "ORG:suncor energy"
    assert key[2] == key[3]
    assert key[4] != key[5]  # a sister outlet, not a short name
    assert key[6] != key[7]  # a place inside an ORG name is another entity


def test_type_is_the_majority_of_the_spacy_labels() -> None:
    mentions = [
        *article("a", "Fighting in Misrata.", ("Misrata", "PERSON")),
        *article("b", "Misrata was shelled.", ("Misrata", "GPE")),
        *article("c", "Rebels in Misrata.", ("Misrata", "GPE")),
        *article("d", "Misrata held.", ("Misrata", "ORG")),
    ]
    resolver = EntityResolver().fit(mentions)
    assert len(resolver.entities_) == 1
    assert resolver.entities_[0].type == "GPE"
    assert resolver.entities_[0].mentions == 4


def test_canonical_name_is_the_most_frequent_full_form_not_the_longest() -> None:
    text = "Barack Obama. Barack Obama. Barack Hussein Obama. Obama."
    mentions = article(
        "a",
        text,
        ("Barack Obama", "PERSON"),
        ("Barack Obama", "PERSON"),
        ("Barack Hussein Obama", "PERSON"),
        ("Obama", "PERSON"),
    )
    resolver = EntityResolver().fit(mentions)
    assert [ent.name for ent in resolver.entities_] == ["Barack Obama"]


def test_keys_do_not_depend_on_input_order() -> None:
    mentions = NETANYAHU_A + NETANYAHU_B
    first = EntityResolver().fit(mentions)
    shuffled = mentions[:]
    random.Random(3).shuffle(shuffled)
    second = EntityResolver().fit(shuffled)
    assert first.key_of_ == second.key_of_
    assert first.entities_ == second.entities_


def test_partial_fit_joins_new_mentions_to_existing_entities_and_keeps_keys() -> None:
    resolver = EntityResolver().partial_fit(NETANYAHU_A)
    before = dict(resolver.key_of_)
    resolver.partial_fit(NETANYAHU_B)
    assert {k: resolver.key_of_[k] for k in before} == before
    assert resolver.key_of_[("wire/2", 0)] == "PERSON:benjamin netanyahu"
    assert resolver.redirects_ == {}
    batch = EntityResolver().fit(NETANYAHU_A + NETANYAHU_B)
    assert resolver.key_of_ == batch.key_of_


def test_partial_fit_merging_two_entities_records_a_redirect() -> None:
    resolver = EntityResolver()
    resolver.partial_fit(article("a", "The ICC said.", ("ICC", "ORG")))
    resolver.partial_fit(
        article("b", "The International Criminal Court ruled.", ("International Criminal Court", "ORG"))
    )
    assert resolver.key_of_[("a", 4)] == "ORG:icc"
    assert resolver.key_of_[("b", 4)] == "ORG:international criminal court"
    resolver.partial_fit(
        article(
            "c",
            "The International Criminal Court (ICC) issued a warrant.",
            ("International Criminal Court", "ORG"),
            ("ICC", "ORG"),
        )
    )
    # The older entity's key survives; the store is told to rewrite the other one.
    assert resolver.key_of_[("a", 4)] == resolver.key_of_[("b", 4)] == resolver.key_of_[("c", 4)] == "ORG:icc"
    assert resolver.redirects_ == {"ORG:international criminal court": "ORG:icc"}
    assert entity_of(resolver, Mention("c", 0, 4, 32, "", "ORG")).name == "International Criminal Court"


def test_transform_sets_keys_and_rejects_unknown_or_repeated_mentions() -> None:
    resolver = EntityResolver()
    keyed = resolver.fit_transform(NETANYAHU_A)
    assert [m.entity_key for m in keyed][:2] == ["GPE:israel", "PERSON:benjamin netanyahu"]
    with pytest.raises(InputError, match="not fitted"):
        resolver.transform(NETANYAHU_B)
    with pytest.raises(InputError, match="already fitted"):
        resolver.partial_fit(NETANYAHU_A[:1])
    with pytest.raises(InputError, match="min_share"):
        EntityResolver(min_share=0).fit(NETANYAHU_A)


def test_dates_and_json_shape() -> None:
    published = {"wire/1": date(2023, 11, 7), "wire/2": date(2023, 11, 9)}
    resolver = EntityResolver().fit(NETANYAHU_A + NETANYAHU_B, published=published)
    rows = entities_to_json(resolver.entities_)
    assert rows[0]["name"] == "Benjamin Netanyahu"
    assert {"name", "type", "mentions", "aliases"} <= set(rows[0])
    assert rows[0]["mentions"] == 4
    assert (rows[0]["first_seen"], rows[0]["last_seen"]) == ("2023-11-07", "2023-11-09")
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)


def test_helpers() -> None:
    assert norm_key("U.S.") == "us"
    assert name_tokens(norm_key("Moammar al-Gadhafi")) == ("muammar", "gaddafi")
    assert is_acronym("IDF") and is_acronym("U.S.") and is_acronym("NGOs")
    assert not is_acronym("Israel") and not is_acronym("I")
    assert initials("Israel Defense Forces") == "idf"
    assert initials("Committee to Protect Journalists") == "cpj"
    assert loose_acronym_match("asrreim", "ASR Real Estate Investment Management")
    assert not loose_acronym_match("xyz", "Israel Defense Forces")
    assert DEMONYM_TO_PLACE["israeli"] == "Israel"
    assert DEMONYM_TO_PLACE["british"] == "United Kingdom"
    assert DEMONYM_TO_PLACE["middle eastern"] == "Middle East"
    assert ALIASES["idf"] == ("Israel Defense Forces", "ORG")
    assert ALIASES[norm_key("U.S.")] == ALIASES["america"] == ("United States", "GPE")


def test_state_round_trip_continues_with_the_same_keys() -> None:
    import json

    resolver = EntityResolver().partial_fit(
        article("a", "Netanyahu spoke. The ICC said.", ("Netanyahu", "PERSON"), ("ICC", "ORG"))
    )
    state = json.loads(json.dumps(resolver.to_state()))
    restored = EntityResolver.from_state(state)
    assert restored.key_of_ == resolver.key_of_
    assert restored.entities_ == resolver.entities_
    newer = article("b", "Benjamin Netanyahu said.", ("Benjamin Netanyahu", "PERSON"))
    resolver.partial_fit(newer)
    restored.partial_fit(newer)
    assert restored.key_of_ == resolver.key_of_
    # The bare surname came first, so its key names the entity from then on.
    assert restored.key_of_[("b", 0)] == "PERSON:netanyahu"
    assert entity_of(restored, newer[0]).name == "Benjamin Netanyahu"
    with pytest.raises(InputError, match="state"):
        EntityResolver.from_state({"version": 99})
    with pytest.raises(InputError, match="malformed"):
        EntityResolver.from_state({**state, "mentions": [["a", 0]]})


def test_a_place_is_not_taken_for_a_surname() -> None:
    mentions = (
        article(
            "a",
            "George Washington University said Washington would help.",
            ("George Washington", "PERSON"),
            ("Washington", "GPE"),
        )
        + article("b", "Officials in Washington said.", ("Washington", "GPE"))
        + article("c", "Washington warned Cairo.", ("Washington", "GPE"))
    )
    resolver = EntityResolver().fit(mentions)
    assert resolver.key_of_[("a", 34)] == resolver.key_of_[("b", 13)] == "GPE:washington"
    assert resolver.key_of_[("a", 0)] == "PERSON:george washington"


def test_a_bare_name_mostly_seen_alone_does_not_join_a_one_off_person() -> None:
    # spaCy once tagged "Twitter Egypt" PERSON; "Twitter" alone is an ORG in every other article.
    mentions = article(
        "a", "Twitter Egypt posted; Twitter said.", ("Twitter Egypt", "PERSON"), ("Twitter", "ORG")
    )
    for i in range(4):
        mentions += article(f"b{i}", "Protesters used Twitter.", ("Twitter", "ORG"))
    resolver = EntityResolver().fit(mentions)
    assert {resolver.key_of_[(f"b{i}", 16)] for i in range(4)} == {"ORG:twitter"}


def test_middle_initials_tell_people_apart_and_honorifics_never_name_an_entity() -> None:
    mentions = (
        article("a", "George W. Bush spoke.", ("George W. Bush", "PERSON"))
        + article("b", "George H.W. Bush spoke.", ("George H.W. Bush", "PERSON"))
        + article(
            "c",
            "Mr. Baradei said. Mr. Baradei left.",
            ("Baradei", "PERSON", "Mr."),
            ("Baradei", "PERSON", "Mr."),
        )
        + article("d", "Mohamed ElBaradei spoke.", ("Mohamed ElBaradei", "PERSON"))
    )
    resolver = EntityResolver().fit(mentions)
    assert resolver.key_of_[("a", 0)] != resolver.key_of_[("b", 0)]
    baradei = entity_of(resolver, mentions[2])
    assert baradei.name == "Mohamed ElBaradei"
    assert "Mr. Baradei" in baradei.aliases


def test_a_first_name_links_within_its_article_but_not_across_the_corpus() -> None:
    mentions = article(
        "a",
        "Mohamed ElBaradei spoke. Mohamed said more.",
        ("Mohamed ElBaradei", "PERSON"),
        ("Mohamed", "PERSON"),
    ) + article("b", "Mohamed said nothing.", ("Mohamed", "PERSON"))
    resolver = EntityResolver().fit(mentions)
    assert resolver.key_of_[("a", 25)] == resolver.key_of_[("a", 0)]
    assert resolver.key_of_[("b", 0)] != resolver.key_of_[("a", 0)]


def test_a_name_in_capitals_is_the_same_person_not_an_acronym() -> None:
    assert not is_acronym("BARACK OBAMA") and not is_acronym("AL QAEDA") and is_acronym("U. S.")
    mentions = article(
        "cnn/7", "BARACK OBAMA SPEAKS ON LIBYA\nBarack Obama said on Monday.", ("BARACK OBAMA", "PERSON")
    ) + article("ap/7", "President Barack Obama said.", ("Barack Obama", "PERSON", "President"))
    resolver = EntityResolver().fit(mentions)
    keys = {resolver.key_of_[(m.article_id, m.start)] for m in mentions}
    assert len(keys) == 1
    assert entity_of(resolver, mentions[1]).name == "Barack Obama"
