"""The enrichment runner over a small hand-written corpus, with the real pinned pipeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dateline.enrich import pipeline
from dateline.enrich.pipeline import Stage, build_stages, enrich_store, stage_versions
from dateline.models import Article
from dateline.store.sqlite import SQLiteStore

WIRE = (
    "JERUSALEM (Reuters) - Israeli Prime Minister Benjamin Netanyahu said on Monday that Israel would "
    "take overall security responsibility for Gaza for an indefinite period after the war. "
    "Netanyahu made the remarks in an interview with ABC News. Military analysts suggest the operation "
    "has entered a new phase, though the exact details remain undisclosed. The Israel Defense Forces (IDF) "
    "said troops had reached the outskirts of Gaza City, and the IDF would press on. Officials said at "
    "least 10,000 people had been killed in the enclave since the war began on Oct. 7, according to the "
    "Gaza health ministry."
)

CORPUS = [
    Article(id="wire-1", source="Reuters", published=date(2023, 11, 7), text=WIRE, title="Netanyahu on Gaza"),
    # A reprint with a byline added: a near-duplicate of wire-1.
    Article(
        id="reprint-1", source="Yahoo News", published=date(2023, 11, 7), text="By Reuters staff. " + WIRE
    ),
    Article(
        id="ap-1",
        source="AP",
        published=date(2023, 11, 8),
        text=(
            "Mr. Netanyahu told reporters on Tuesday that there would be no ceasefire without the release "
            'of hostages. "We will not stop," he said. Defense Minister Yoav Gallant said the army was '
            "operating in the heart of Gaza City."
        ),
    ),
    Article(
        id="fr-1",
        source="Le Monde",
        published=date(2023, 11, 8),
        text=(
            "Le Premier ministre israélien a déclaré mardi que l'armée poursuivrait son offensive dans la "
            "bande de Gaza. Les négociations sur la libération des otages se poursuivent au Qatar."
        ),
    ),
    Article(id="short-1", source="AP", published=date(2023, 11, 8), text="Gaza"),
]


@pytest.fixture(scope="module")
def store() -> SQLiteStore:
    store = SQLiteStore(":memory:")
    store.put_articles(CORPUS)
    result = enrich_store(store, processes=1)
    assert result["enriched"] == 5
    assert result["skipped_language"] == 1
    return store


def test_sentences_have_offsets_into_the_text(store: SQLiteStore) -> None:
    sents = store.sentences("wire-1")
    assert len(sents) == 5
    for sent in sents:
        assert WIRE[sent.start : sent.end] == sent.text
    assert sents[0].text.startswith("JERUSALEM (Reuters) - Israeli Prime Minister")


def test_time_expressions_resolved_against_publication_day(store: SQLiteStore) -> None:
    by_text = {t.timex.text: t for t in store.timexes("wire-1")}
    monday = next(t for text, t in by_text.items() if "Monday" in text)
    assert (monday.timex.value, monday.day, monday.day_precision) == ("2023-11-06", date(2023, 11, 6), "day")
    oct7 = next(t for text, t in by_text.items() if "Oct. 7" in text)
    assert oct7.timex.value == "2023-10-07" and oct7.day == date(2023, 10, 7)
    assert oct7.sentence_index == 4


def test_entities_are_merged_across_articles(store: SQLiteStore) -> None:
    entities = {e.name: e for e in store.entities()}
    netanyahu = entities["Benjamin Netanyahu"]
    assert netanyahu.type == "PERSON"
    assert {"Netanyahu", "Mr. Netanyahu"} & set(netanyahu.aliases)
    assert netanyahu.mentions >= 4
    idf = next(e for e in entities.values() if "IDF" in e.aliases or e.name == "IDF")
    assert "Israel Defense Forces" in (idf.name, *idf.aliases)


def test_claims_direct_and_reported(store: SQLiteStore) -> None:
    claims = store.claims(article_ids=["ap-1"])
    direct = [c for c in claims if c.direct]
    assert direct and direct[0].content.strip('"') == "We will not stop,"
    assert direct[0].speaker_entity and "Netanyahu" in direct[0].speaker_entity
    gallant = [c for c in claims if c.speaker and "Gallant" in c.speaker]
    assert gallant and "heart of Gaza City" in gallant[0].content and not gallant[0].direct
    analysts = [c for c in store.claims(article_ids=["wire-1"]) if c.speaker == "Military analysts"]
    assert analysts and analysts[0].cue == "suggest"


def test_reprint_shares_a_duplicate_group(store: SQLiteStore) -> None:
    groups = store.dup_groups()
    assert groups["reprint-1"] == groups["wire-1"]
    assert groups["ap-1"] != groups["wire-1"]


def test_non_english_article_is_marked_and_skipped(store: SQLiteStore) -> None:
    stats = store.stats()
    assert stats.languages.get("fr") == 1
    assert store.sentences("fr-1")  # language-independent stages still ran
    assert store.claims(article_ids=["fr-1"]) == []
    assert store.pending_articles(stage_versions()) == []


def test_incremental_runs_only_changed_stage(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = build_stages

    def bumped(model: str) -> tuple[Stage, ...]:
        stages = original(model)
        out = []
        for stage in stages:
            if stage.name == "signature":
                run = stage.run

                def counting(work: pipeline.ArticleWork, run=run) -> None:  # type: ignore[no-untyped-def]
                    calls.append(work.article.id)
                    run(work)

                stage = replace(stage, version=stage.version + "-bumped", run=counting)
            out.append(stage)
        return tuple(out)

    monkeypatch.setattr(pipeline, "build_stages", bumped)
    assert sorted(store.pending_articles(pipeline.stage_versions())) == sorted(a.id for a in CORPUS)
    result = enrich_store(store, processes=1)
    assert result["enriched"] == 5 and sorted(calls) == sorted(a.id for a in CORPUS)
    calls.clear()
    assert enrich_store(store, processes=1)["enriched"] == 0 and calls == []


def test_failing_stage_is_recorded_and_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    store = SQLiteStore(":memory:")
    store.put_articles(CORPUS[:3])

    def broken(work: pipeline.ArticleWork) -> None:
        if work.article.id == "ap-1":
            raise ValueError("tagger exploded")
        work.timexes = []

    original = build_stages
    monkeypatch.setattr(
        pipeline,
        "build_stages",
        lambda model: tuple(replace(s, run=broken) if s.name == "timex" else s for s in original(model)),
    )
    result = enrich_store(store, processes=1)
    assert result["enriched"] == 3 and result["problems"] == 1
    assert result["failures"] == [("ap-1", "timex", "ValueError: tagger exploded")]
    assert store.sentences("ap-1") and store.claims(article_ids=["ap-1"])


def test_hostile_articles_each_get_a_reason_and_never_stop_the_batch() -> None:
    store = SQLiteStore(":memory:")
    para = "Officials said the talks in Cairo would resume on Monday. " * 20 + "\n\n"
    hostile = [
        Article(id="huge", source="x", published=date(2023, 11, 7), text=para * (2_000_000 // len(para))),
        Article(id="nosentence", source="x", published=date(2023, 11, 7), text="— — — … ---"),
        Article(
            id="control",
            source="x",
            published=date(2023, 11, 7),
            text="Troops\x00 entered\x07 the city\x1b[31m on Tuesday. שלום мир 你好 مرحبا.",
        ),
        Article(id="title-only", source="x", published=date(2023, 11, 7), text="Gaza", title="Gaza"),
        CORPUS[0],
    ]
    store.put_articles(hostile)
    result = enrich_store(store, processes=1)
    assert result["enriched"] == 5
    reasons = {(a, s): r for a, s, r in result["failures"]}
    assert reasons[("nosentence", "sentences")] == "no sentence in the text"
    assert reasons[("huge", "entities")].startswith("entities read from the first 19")
    assert "first 50000 characters" in reasons[("huge", "claims")]
    assert store.sentences("huge") and store.timexes("huge")
    assert store.sentences("control") and store.sentences("wire-1")
    assert store.pending_articles(stage_versions()) == []
