"""The SQLite store: idempotent puts, updates, search, stats, migrations, enrichment records."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import StoreError
from dateline.models import Article, Claim, Mention, Sentence, StoredTimex, Timex
from dateline.store import ArticleEnrichment, StageResult, open_store
from dateline.store.sqlite import SQLiteStore, fts_query


def article(n: int, text: str | None = None, source: str = "Reuters", day: int = 7) -> Article:
    return Article(
        id=f"a{n}",
        source=source,
        published=date(2023, 11, day),
        text=text or f"Israeli troops entered Gaza City on Monday, officials said. Report {n}.",
        title=f"Report {n}",
    )


def test_put_is_idempotent_and_updates_changed_text() -> None:
    store = SQLiteStore(":memory:")
    assert store.put_articles([article(1), article(2)]) == ["stored", "stored"]
    assert store.put_articles([article(1), article(2)]) == ["unchanged", "unchanged"]
    edited = article(1, text="Israeli troops entered Gaza City on Monday. Correction appended.")
    assert store.put_articles([edited]) == ["updated"]
    assert store.count_articles() == 2
    got = store.get_article("a1")
    assert got is not None and got.text.endswith("Correction appended.")
    assert [h.article_id for h in store.search("correction")] == ["a1"]


def test_update_drops_enrichment_so_it_runs_again() -> None:
    store = SQLiteStore(":memory:")
    store.put_articles([article(1)])
    store.save_enrichments(
        [
            ArticleEnrichment(
                "a1",
                (StageResult("sentences", "1", "ok"),),
                sentences=(Sentence("a1", 0, 0, 10, "Israeli tr"),),
            )
        ]
    )
    assert store.pending_articles({"sentences": "1"}) == []
    assert store.pending_articles({"sentences": "2"}) == ["a1"]
    store.put_articles([article(1, text="A rewritten report.")])
    assert store.pending_articles({"sentences": "1"}) == ["a1"]
    assert store.sentences("a1") == []


def test_search_ranks_and_snippets_and_survives_fts_syntax() -> None:
    store = SQLiteStore(":memory:")
    store.put_articles(
        [
            article(1, "The health ministry said 10,000 people had been killed in Gaza."),
            article(2, "Hezbollah fired rockets at northern Israel.", source="AP"),
        ]
    )
    hits = store.search("ministry killed")
    assert [h.article_id for h in hits] == ["a1"]
    assert "[ministry]" in hits[0].snippet
    assert store.search('"unbalanced AND (') == []  # user input never reaches FTS syntax raw
    assert fts_query("NEAR or gaza") == '"gaza"'


def test_stats_counts_sources_months_and_range() -> None:
    store = SQLiteStore(":memory:")
    store.put_articles([article(1), article(2, source="AP", day=20), article(3, day=1)])
    stats = store.stats()
    assert stats.articles == 3
    assert stats.sources == {"Reuters": 2, "AP": 1}
    assert stats.months == {"2023-11": 3}
    assert (stats.first, stats.last) == (date(2023, 11, 1), date(2023, 11, 20))
    assert stats.enriched == 0


def test_migrations_are_safe_to_rerun(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with open_store(path) as store:
        store.put_articles([article(1)])
    with open_store(path) as store:
        assert store.count_articles() == 1
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM migrations ORDER BY name")]
    assert names == sorted(set(names)) and len(names) >= 2


def test_bad_locations_raise_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "x.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(junk)


def test_enrichment_records_round_trip() -> None:
    store = SQLiteStore(":memory:")
    store.put_articles([article(1)])
    claim = Claim(
        "a1",
        0,
        "officials",
        "said",
        "Israeli troops entered Gaza City on Monday",
        False,
        False,
        (50, 59),
        (60, 64),
        (0, 48),
    )
    timex = Timex(35, 44, "on Monday", "DATE", "2023-11-06", "2023-11-07")
    store.save_enrichments(
        [
            ArticleEnrichment(
                "a1",
                (StageResult("claims", "1", "ok"), StageResult("timex", "1", "ok")),
                mentions=(Mention("a1", 0, 0, 7, "Israeli", "NORP"),),
                timexes=(StoredTimex("a1", 0, timex),),
                claims=(claim,),
            )
        ]
    )
    assert store.timexes("a1") == [StoredTimex("a1", 0, timex)]
    got = store.claims(speaker="official")
    assert len(got) == 1 and got[0].content_span == (0, 48) and got[0].published == date(2023, 11, 7)
    assert store.claims(query="Hezbollah") == []
    assert store.mentions()[0].label == "NORP"


def test_failed_write_rolls_back_whole_batch() -> None:
    store = SQLiteStore(":memory:")

    class Boom(Article):
        @property
        def content_hash(self) -> str:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.put_articles([article(1), Boom(id="b", source="x", published=date(2023, 1, 1), text="t")])
    assert store.count_articles() == 0
