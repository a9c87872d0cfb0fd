"""EventClusterer over a hand-made multi-outlet corpus (no spaCy: sentences and mentions by hand)."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.errors import InputError
from dateline.events import EventClusterer, event_id
from dateline.models import Entity, Mention
from dateline.timeline.corpus import CorpusSentence

DAY = date(2024, 3, 5)
NEXT = date(2024, 3, 6)

REUTERS_LEAD = (
    "A Russian missile strike on an apartment block in Kharkiv killed at least 12 people on Tuesday, "
    "regional governor Oleh Synehubov said."
)
BBC_LEAD = (
    "At least 12 people were killed when a Russian missile hit an apartment block in Kharkiv on Tuesday, "
    "according to the regional governor."
)
BUDGET = "Ukraine's parliament approved the 2024 defence budget on Tuesday after a lengthy debate in Kyiv."


def sent(
    article_id: str,
    source: str,
    index: int,
    text: str,
    *,
    dates: tuple[tuple[date, str], ...] = ((DAY, "day"),),
    group: str | None = None,
    published: date = NEXT,
) -> CorpusSentence:
    return CorpusSentence(
        article_id=article_id,
        source=source,
        published=published,
        sentence_index=index,
        text=text,
        dates=dates,  # type: ignore[arg-type]
        dup_group=group,
    )


CORPUS = [
    sent("reuters-1", "Reuters", 0, REUTERS_LEAD, group="reuters-1"),
    sent(
        "reuters-1",
        "Reuters",
        1,
        "Rescue workers searched the rubble of the building in Kharkiv for survivors through the night.",
        dates=(),
    ),
    # A wire reprint: same text, same near-duplicate group as the Reuters original.
    sent("yahoo-1", "Yahoo News", 0, REUTERS_LEAD, group="reuters-1"),
    sent("bbc-1", "BBC", 0, BBC_LEAD, group="bbc-1"),
    sent("bbc-1", "BBC", 3, BUDGET, group="bbc-1"),
    sent(
        "kyiv-1",
        "Kyiv Independent",
        2,
        "Lawmakers in Kyiv approved the defence budget for 2024 on Tuesday after a long debate.",
        group="kyiv-1",
    ),
]

ENTITIES = [
    Entity("russia-mil", "Russian Armed Forces", "ORG", ("Russian", "Russian military")),
    Entity("kharkiv", "Kharkiv", "GPE", ("Kharkiv", "Kharkov")),
    Entity("synehubov", "Oleh Synehubov", "PERSON", ("Oleh Synehubov", "Synehubov")),
    Entity("rada", "Verkhovna Rada", "ORG", ("Ukraine's parliament", "parliament")),
    Entity("kyiv", "Kyiv", "GPE", ("Kyiv",)),
]


def mention(article_id: str, index: int, text: str, label: str, key: str) -> Mention:
    return Mention(article_id, index, 0, len(text), text, label, key)


MENTIONS = [
    mention("reuters-1", 0, "Russian", "NORP", "russia-mil"),
    mention("reuters-1", 0, "Kharkiv", "GPE", "kharkiv"),
    mention("reuters-1", 0, "Oleh Synehubov", "PERSON", "synehubov"),
    mention("yahoo-1", 0, "Russian", "NORP", "russia-mil"),
    mention("yahoo-1", 0, "Kharkiv", "GPE", "kharkiv"),
    mention("bbc-1", 0, "Russian", "NORP", "russia-mil"),
    mention("bbc-1", 0, "Kharkov", "GPE", "kharkiv"),
    mention("bbc-1", 3, "Ukraine's parliament", "ORG", "rada"),
    mention("bbc-1", 3, "Kyiv", "GPE", "kyiv"),
    mention("kyiv-1", 2, "Kyiv", "GPE", "kyiv"),
]


@pytest.fixture(scope="module")
def events():
    return EventClusterer().fit(CORPUS, mentions=MENTIONS, entities=ENTITIES).events_


def strike(events):
    found = [e for e in events if "reuters-1" in e.article_ids]
    assert len(found) == 1, [e.summary.text for e in events]
    return found[0]


def test_the_strike_is_one_event_with_the_reprint_counted_once(events) -> None:
    event = strike(events)
    assert event.date == DAY and event.precision == "day"
    assert set(event.article_ids) == {"reuters-1", "yahoo-1", "bbc-1"}
    assert event.independent_sources == 2
    assert event.type == "ASSAULT"


def test_outlets_and_surname_repeats_are_not_extra_actors() -> None:
    # As if the BBC sentence also named "Reuters" and a surname the resolver left unmerged.
    mentions = [
        *MENTIONS,
        mention("bbc-1", 0, "Reuters", "ORG", "reuters"),
        mention("bbc-1", 0, "Synehubov", "PERSON", "synehubov-short"),
    ]
    entities = [
        *ENTITIES,
        Entity("reuters", "Reuters", "ORG"),
        Entity("synehubov-short", "Synehubov", "PERSON"),
    ]
    event = strike(EventClusterer().fit(CORPUS, mentions=mentions, entities=entities).events_)
    assert "Reuters" not in event.actors
    assert "Synehubov" not in event.actors and "Oleh Synehubov" in event.actors


def test_a_different_happening_the_same_day_stays_separate(events) -> None:
    budget = [e for e in events if "kyiv-1" in e.article_ids]
    assert len(budget) == 1
    assert "reuters-1" not in budget[0].article_ids
    assert set(budget[0].article_ids) == {"bbc-1", "kyiv-1"}
    assert budget[0].independent_sources == 2
    assert strike(events).id != budget[0].id


def test_undated_sentence_past_the_lead_is_not_evidence(events) -> None:
    texts = [e.summary.text for e in events] + [r.text for e in events for r in e.evidence]
    assert not any("Rescue workers" in t for t in texts)


def test_actors_and_locations_are_canonical_names(events) -> None:
    event = strike(events)
    assert event.actors[0] == "Russian Armed Forces"
    assert "Oleh Synehubov" in event.actors
    assert event.locations == ("Kharkiv",)  # "Kharkov" in the BBC copy resolves to the same entity
    budget = next(e for e in events if "kyiv-1" in e.article_ids)
    assert budget.actors == ("Verkhovna Rada",)
    assert budget.locations == ("Kyiv",)


def test_summary_and_evidence_cite_their_articles(events) -> None:
    event = strike(events)
    refs = [event.summary, *event.evidence]
    by_id = {(s.article_id, s.sentence_index): s.text for s in CORPUS}
    for ref in refs:
        assert by_id[(ref.article_id, ref.sentence_index)] == ref.text
    # The reprint's sentence is the same text as the original's: it is not repeated as evidence.
    assert len({r.text for r in refs}) == len(refs) == 2


def test_casualties_keep_count_hedge_and_attribution(events) -> None:
    figures = strike(events).casualties
    assert figures, "the strike reports a death toll"
    killed = [f for f in figures if f["kind"] == "killed"]
    assert {f["count"] for f in killed} == {12}
    assert all(f["approx"] == "at least" for f in killed)
    sources = {f["attributed_to"] for f in killed}
    assert "regional governor Oleh Synehubov" in sources or "the regional governor" in sources


def test_ids_are_stable_across_refits_and_input_order() -> None:
    first = EventClusterer().fit(CORPUS, mentions=MENTIONS, entities=ENTITIES).events_
    second = EventClusterer().fit(list(reversed(CORPUS)), mentions=MENTIONS, entities=ENTITIES).events_
    assert [e.id for e in first] == [e.id for e in second]
    event = strike(first)
    assert event.id == event_id(DAY, event.summary.article_id, event.summary.sentence_index)


def test_same_text_on_different_days_is_not_one_event() -> None:
    corpus = [
        sent("a-1", "A", 0, REUTERS_LEAD, group="a-1"),
        sent("b-1", "B", 0, BBC_LEAD, group="b-1", dates=((NEXT, "day"),)),
    ]
    found = EventClusterer(keep_single="all").fit(corpus).events_
    assert sorted(e.date for e in found) == [DAY, NEXT]
    assert all(e.independent_sources == 1 for e in found)


def test_single_article_events_follow_keep_single() -> None:
    corpus = [
        sent("a-1", "A", 0, REUTERS_LEAD, group="a-1"),
        sent(
            "a-1",
            "A",
            1,
            "The weather in the region was mild and sunny for most of the afternoon.",
            group="a-1",
        ),
    ]
    assert len(EventClusterer(keep_single="all").fit(corpus).events_) == 2
    typed = EventClusterer(keep_single="typed").fit(corpus).events_
    assert [e.summary.sentence_index for e in typed] == [0]
    assert EventClusterer(keep_single="none").fit(corpus).events_ == []


def test_page_furniture_repeated_across_days_is_dropped() -> None:
    furniture = "Sign up for our newsletter to get the top stories delivered every single morning."
    corpus = [
        sent(f"x-{i}", "X", 0, furniture, group=f"x-{i}", published=date(2024, 3, 1 + i), dates=())
        for i in range(4)
    ]
    assert EventClusterer(keep_single="all").fit(corpus).events_ == []
    assert len(EventClusterer(keep_single="all", boilerplate_days=0).fit(corpus).events_) == 4


def test_reader_comments_are_no_events_and_stamps_are_cut_from_summaries() -> None:
    corpus = [
        sent("cnn-1", "CNN", 3, f"March 5 , 2024 at 2:03 pm | {REUTERS_LEAD}", group="cnn-1"),
        sent("g-1", "Guardian", 9, f"At 4:13 pm on 05 Mar 2024 , reader12 wrote : {BBC_LEAD}", group="g-1"),
        sent("r-1", "Reuters", 0, f"KHARKIV , Ukraine -LRB- Reuters -RRB- - {REUTERS_LEAD}", group="r-1"),
    ]
    (event,) = EventClusterer(keep_single="all").fit(corpus).events_
    assert event.article_ids == ("r-1",)
    assert event.summary.text == REUTERS_LEAD  # still a verbatim part of what Reuters wrote


def test_lead_sentences_count_for_the_publication_day() -> None:
    lead = "Thousands of protesters marched through central Paris against the pension reform."
    corpus = [
        sent("le-monde-1", "Le Monde", 0, lead, dates=(), published=DAY),
        sent(
            "afp-1",
            "AFP",
            0,
            "Thousands of protesters marched in central Paris against the pension reform plans.",
            dates=(),
            published=DAY,
        ),
    ]
    (event,) = EventClusterer().fit(corpus).events_
    assert event.date == DAY and event.independent_sources == 2 and event.type == "PROTEST"


@pytest.mark.parametrize(
    "options", [{"threshold": 0.0}, {"keep_single": "some"}, {"max_evidence": -1}, {"max_per_day": 0}]
)
def test_bad_options_say_what_was_expected(options) -> None:
    with pytest.raises(InputError, match="must be"):
        EventClusterer(**options).fit(CORPUS)


def test_empty_corpus_gives_no_events() -> None:
    assert EventClusterer().fit([]).events_ == []
