"""The Store protocol's contract, checked against every backend (SQLite and PostgreSQL).

Each test runs once per backend on a fresh store; the PostgreSQL run skips with the reason when
no test server is configured (see ``conftest.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from dateline.models import Article, Claim, Entity, Event, Mention, Sentence, SentenceRef, StoredTimex, Timex
from dateline.store import ArticleEnrichment, StageResult, Store


def article(n: int, text: str | None = None, source: str = "Reuters", day: int = 7, **kw: object) -> Article:
    return Article(
        id=f"a{n}",
        source=source,
        published=date(2023, 11, day),
        text=text or f"Israeli troops entered Gaza City on Monday, officials said. Report {n}.",
        title=f"Report {n}",
        **kw,  # type: ignore[arg-type]
    )


def sentences_of(a: Article) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, part in enumerate(a.text.split(". ")):
        out.append(Sentence(a.id, i, start, start + len(part), part))
        start += len(part) + 2
    return tuple(out)


def enrich(store: Store, a: Article, *, version: str = "1", **kw: object) -> None:
    store.save_enrichments(
        [ArticleEnrichment(a.id, (StageResult("sentences", version, "ok"),), sentences=sentences_of(a), **kw)]  # type: ignore[arg-type]
    )


def test_put_is_idempotent_and_updates_changed_text(store: Store) -> None:
    assert store.put_articles([article(1), article(2)]) == ["stored", "stored"]
    assert store.put_articles([article(1), article(2)]) == ["unchanged", "unchanged"]
    edited = article(1, text="Israeli troops entered Gaza City on Monday. Correction appended.")
    assert store.put_articles([edited, article(3)]) == ["updated", "stored"]
    assert store.count_articles() == 3
    got = store.get_article("a1")
    assert got is not None and got.text.endswith("Correction appended.")
    assert [h.article_id for h in store.search("correction")] == ["a1"]
    assert store.get_article("nope") is None
    # The same id twice in one batch: the second copy sees the first.
    assert store.put_articles([article(9), article(9, text="Changed at once.")]) == ["stored", "updated"]
    assert store.get_article("a9").text == "Changed at once."  # type: ignore[union-attr]


def test_article_round_trips_every_field(store: Store) -> None:
    stamp = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    original = article(
        1,
        url="https://example.org/a1",
        published_precision="month",
        language="en",
        origin="feed.xml",
        ingested_at=stamp,
        extra={"cites": ["AP", "AFP"], "n": 2, "ünï": "cödé"},
    )
    store.put_articles([original])
    got = store.get_article("a1")
    assert got == original and got is not None and got.extra == original.extra
    assert got.ingested_at is not None and got.ingested_at == stamp


def test_update_drops_enrichment_so_it_runs_again(store: Store) -> None:
    a = article(1)
    store.put_articles([a])
    store.save_enrichments(
        [
            ArticleEnrichment(
                "a1",
                (StageResult("sentences", "1", "ok"), StageResult("signature", "1", "ok")),
                sentences=sentences_of(a),
                signature=(b"\x00\x01\xff", 66),
            )
        ]
    )
    assert store.pending_articles({"sentences": "1"}) == []
    assert store.pending_articles({"sentences": "2"}) == ["a1"]
    assert store.pending_articles({}) == []
    assert store.stats().enriched == 1
    store.set_dup_groups({"a1": "g1"})
    store.put_articles([article(1, text="A rewritten report.")])
    assert store.pending_articles({"sentences": "1"}) == ["a1"]
    assert store.sentences("a1") == []
    assert list(store.signatures()) == []
    assert store.dup_groups() == {"a1": "a1"}
    assert store.stats().enriched == 0


def test_search_ranks_and_snippets_and_survives_query_syntax(store: Store) -> None:
    store.put_articles(
        [
            article(1, "The health ministry said 10,000 people had been killed in Gaza."),
            article(2, "Hezbollah fired rockets at northern Israel.", source="AP"),
            article(3, "Rockets were fired again, the army said.", day=8),
        ]
    )
    hits = store.search("ministry killed")
    assert [h.article_id for h in hits] == ["a1"]
    assert "[ministry]" in hits[0].snippet and "[killed]" in hits[0].snippet
    assert hits[0].published == date(2023, 11, 7) and hits[0].source == "Reuters"
    # Stemming: "rocket" finds "rockets"; both rocket articles, best first, then by date.
    assert {h.article_id for h in store.search("rocket")} == {"a2", "a3"}
    assert len(store.search("rocket", limit=1)) == 1
    for raw in ['"unbalanced AND (', "!!! &&& |||", "'; DROP TABLE articles; --", "", "NEAR or"]:
        assert store.search(raw) == []  # user input never reaches query syntax raw
        assert store.matching_article_ids(raw) == set()
    assert [h.article_id for h in store.search("gaza:* & !(")] == ["a1"]
    assert store.matching_article_ids('-"gaza" | <-> hezbollah') == {"a1", "a2"}
    assert store.matching_article_ids("Hezbollah ministry") == {"a1", "a2"}  # any term


def test_stats_counts_sources_months_languages_and_range(store: Store) -> None:
    empty = store.stats()
    assert (empty.articles, empty.first, empty.last, empty.sources) == (0, None, None, {})
    store.put_articles(
        [
            article(1, language="en"),
            article(2, source="AP", day=20),
            article(3, day=1),
            replace(article(4), published=date(2023, 12, 2)),
        ]
    )
    stats = store.stats()
    assert stats.articles == 4
    assert stats.sources == {"Reuters": 3, "AP": 1}
    assert stats.months == {"2023-11": 3, "2023-12": 1}
    assert list(stats.months) == ["2023-11", "2023-12"]
    assert stats.languages == {"unknown": 3, "en": 1}
    assert (stats.first, stats.last) == (date(2023, 11, 1), date(2023, 12, 2))
    assert stats.enriched == 0
    assert store.article_dates()["a4"] == date(2023, 12, 2)


def test_iter_articles_orders_and_filters(store: Store) -> None:
    # More than one page of the PostgreSQL reader, published on few days so ties need the id order.
    batch = [article(n, day=1 + n % 5) for n in range(1, 1201)]
    store.put_articles(batch)
    got = [a.id for a in store.iter_articles()]
    assert got == [a.id for a in sorted(batch, key=lambda a: (a.published, a.id))]
    window = list(store.iter_articles(start=date(2023, 11, 2), end=date(2023, 11, 3)))
    assert len(window) == 480 and {a.published.day for a in window} == {2, 3}
    assert [a.id for a in store.iter_articles(ids=["a7", "missing", "a3"])] == ["a7", "a3"]


def test_migrations_are_safe_to_rerun(open_fresh: Callable[[], Store]) -> None:
    with open_fresh() as first:  # type: ignore[attr-defined]
        first.put_articles([article(1)])
    second = open_fresh()
    third = open_fresh()  # two open at once, both already migrated
    assert second.count_articles() == third.count_articles() == 1
    assert second.search("Gaza")[0].article_id == "a1"


def test_enrichment_records_round_trip(store: Store) -> None:
    a1, a2 = article(1), article(2, day=9)
    store.put_articles([a1, a2])
    claim = Claim(
        "a1", 0, "officials", "said", "Israeli troops entered Gaza City on Monday", False, False,
        (50, 59), (60, 64), (0, 48), "e:officials",
    )  # fmt: skip
    quote = Claim("a2", 1, None, "according to", "the 100% figure", True, True)
    timex = Timex(35, 44, "on Monday", "DATE", "2023-11-06", "2023-11-07")
    late = StoredTimex(
        "a1", 1, Timex(60, 66, "Friday", "DATE", "2023-11-10", None), date(2023, 11, 10), "day"
    )
    store.save_enrichments(
        [
            ArticleEnrichment(
                "a1",
                (StageResult("claims", "1", "ok"), StageResult("timex", "1", "ok", "a note")),
                language="en",
                mentions=(Mention("a1", 0, 0, 7, "Israeli", "NORP"), Mention("a1", 0, 24, 28, "Gaza", "GPE")),
                timexes=(late, StoredTimex("a1", 0, timex, date(2023, 11, 6), "day")),
                claims=(claim,),
            ),
            ArticleEnrichment("a2", (StageResult("claims", "1", "failed", "boom"),), claims=(quote,)),
            ArticleEnrichment("gone", (StageResult("claims", "1", "ok"),)),  # deleted meanwhile: ignored
        ]
    )
    assert store.timexes("a1") == [StoredTimex("a1", 0, timex, date(2023, 11, 6), "day"), late]
    got = store.claims(speaker="OFFICIAL")
    assert got == [replace(claim, published=date(2023, 11, 7))]
    assert store.claims(query="Hezbollah") == []
    assert [c.article_id for c in store.claims()] == ["a1", "a2"]
    assert [c.article_id for c in store.claims(query="100%")] == ["a2"]
    assert [c.article_id for c in store.claims(query="troops gaza")] == ["a1"]
    assert [c.article_id for c in store.claims(start=date(2023, 11, 8))] == ["a2"]
    assert [c.article_id for c in store.claims(end=date(2023, 11, 8))] == ["a1"]
    assert [c.article_id for c in store.claims(article_ids=["a2"])] == ["a2"]
    assert len(store.claims(limit=1)) == 1
    assert store.claims(article_ids=[]) == []
    assert store.claims(article_ids=["a2"])[0].hedged is True
    assert [m.text for m in store.mentions()] == ["Israeli", "Gaza"]
    assert [m.label for m in store.mentions(article_ids=["a2", "a1"])] == ["NORP", "GPE"]
    assert store.get_article("a1").language == "en"  # type: ignore[union-attr]
    assert store.failures() == [("a1", "timex", "a note"), ("a2", "claims", "boom")]
    # Saving a stage again replaces its rows, not adds to them.
    store.save_enrichments([ArticleEnrichment("a1", (StageResult("claims", "2", "ok"),), claims=())])
    assert [c.article_id for c in store.claims()] == ["a2"]
    assert store.pending_articles({"claims": "2"}) == ["a2"]


def test_corpus_sentences_carry_days_and_dup_groups(store: Store) -> None:
    a1, a2, a3 = article(1), article(2, day=8), article(3, day=20)
    store.put_articles([a3, a2, a1])
    tx = StoredTimex(
        "a1", 0, Timex(35, 44, "on Monday", "DATE", "2023-11-06", None), date(2023, 11, 6), "day"
    )
    for a in (a1, a2, a3):
        enrich(store, a, timexes=(tx,) if a is a1 else ())
    store.set_dup_groups({"a2": "a1", "a1": "a1"})
    rows = store.corpus_sentences()
    assert [(r.article_id, r.sentence_index) for r in rows] == [
        ("a1", 0), ("a1", 1), ("a2", 0), ("a2", 1), ("a3", 0), ("a3", 1),
    ]  # fmt: skip
    assert rows[0].dates == ((date(2023, 11, 6), "day"),) and rows[1].dates == ()
    assert rows[0].text == "Israeli troops entered Gaza City on Monday, officials said"
    assert [r.dup_group for r in rows[::2]] == ["a1", "a1", None]
    assert rows[0].title == "Report 1" and rows[0].published == date(2023, 11, 7)
    assert {r.article_id for r in store.corpus_sentences(start=date(2023, 11, 8))} == {"a2", "a3"}
    assert {r.article_id for r in store.corpus_sentences(end=date(2023, 11, 8))} == {"a1", "a2"}
    assert {r.article_id for r in store.corpus_sentences(article_ids=["a3", "a1"])} == {"a1", "a3"}
    assert store.corpus_sentences(article_ids=[]) == []
    assert store.dup_groups() == {"a1": "a1", "a2": "a1", "a3": "a3"}
    assert store.dup_groups(["a2", "zz"]) == {"a2": "a1"}


def test_entities_signatures_and_events_are_replaced_whole(store: Store) -> None:
    store.put_articles([article(2, day=9), article(1)])
    store.save_enrichments(
        [
            ArticleEnrichment(
                a, (StageResult("signature", "1", "ok"),), signature=(bytes([n, 0, 255]), 10 * n),
                mentions=(Mention(a, 0, 24, 28, "Gaza", "GPE"),),
            )
            for n, a in ((2, "a2"), (1, "a1"))
        ]
    )  # fmt: skip
    assert list(store.signatures()) == [("a1", b"\x01\x00\xff", 10), ("a2", b"\x02\x00\xff", 20)]
    gaza = Entity("gpe:gaza", "Gaza", "GPE", ("Gaza", "Gaza Strip"), 2, ("place",), date(2023, 11, 7), None)
    store.replace_entities([gaza, Entity("org:un", "UN", "ORG", mentions=5)], {("a1", 24): "gpe:gaza"})
    assert [e.key for e in store.entities()] == ["org:un", "gpe:gaza"]
    assert store.entities(type="gpe") == [gaza]
    assert [m.entity_key for m in store.mentions(article_ids=["a1", "a2"])] == ["gpe:gaza", None]
    store.replace_entities([], {})
    assert store.entities() == []
    ref = SentenceRef("Troops entered Gaza City.", "a1", 0)
    event = Event(
        "ev1", date(2023, 11, 6), "day", ref, (ref, SentenceRef("Elsewhere.", "a2")), "ASSAULT",
        ("Israel",), ("Gaza City",), ("a1", "a2"), 2, ({"killed": 3},),
    )  # fmt: skip
    later = replace(event, id="ev2", date=date(2023, 12, 1), type=None, casualties=())
    store.replace_events([later, event])
    assert store.events() == [event, later]
    assert store.events(start=date(2023, 11, 7)) == [later]
    assert store.events(end=date(2023, 11, 30)) == [event]
    store.replace_events([later])
    assert store.events() == [later]


def test_failed_write_rolls_back_whole_batch(store: Store) -> None:
    class Boom(Article):
        @property
        def content_hash(self) -> str:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.put_articles([article(1), Boom(id="b", source="x", published=date(2023, 1, 1), text="t")])
    assert store.count_articles() == 0
    store.put_articles([article(1)])  # the store is usable afterwards
    with pytest.raises(AttributeError):
        store.save_enrichments(
            [
                ArticleEnrichment(
                    "a1", (StageResult("sentences", "1", "ok"),), sentences=sentences_of(article(1))
                ),
                ArticleEnrichment("a1", (StageResult("x", "1", "ok"),), sentences=(None,)),  # type: ignore[arg-type]
            ]
        )
    assert store.sentences("a1") == [] and store.pending_articles({"sentences": "1"}) == ["a1"]


def test_meta_values_round_trip_and_overwrite(store: Store) -> None:
    assert store.get_meta("corpus_steps") is None
    store.set_meta("corpus_steps", "pending")
    store.set_meta("corpus_steps", "done")
    assert store.get_meta("corpus_steps") == "done"


def test_refresh_search_index_leaves_every_article_searchable(store: Store) -> None:
    store.put_articles([article(1, "Rafah crossing reopened for aid trucks."), article(2)])
    store.refresh_search_index()
    assert store.matching_article_ids("rafah") == {"a1"}
    assert store.refresh_search_index() == 0


def test_matching_article_ids_can_be_bounded_by_a_window(store: Store) -> None:
    store.put_articles([article(n, f"Rafah crossing report {n}.", day=n) for n in (1, 5, 9)])
    assert store.matching_article_ids("rafah") == {"a1", "a5", "a9"}
    window = store.matching_article_ids("rafah", start=date(2023, 11, 4), end=date(2023, 11, 9))
    assert window == {"a5", "a9"}
    assert store.matching_article_ids("rafah", end=date(2023, 11, 4)) == {"a1"}
