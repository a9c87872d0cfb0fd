"""The SQLite store's deferred full-text index: ingest marks articles, the index catches up later."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from dateline.models import Article
from dateline.store.migrations import MIGRATIONS
from dateline.store.sqlite import SQLiteStore


def article(n: int, text: str) -> Article:
    return Article(id=f"a{n}", source="Reuters", published=date(2023, 11, 7), text=text, title=f"Report {n}")


def indexed_rows(store: SQLiteStore) -> int:
    return int(store._db.execute("SELECT COUNT(*) FROM articles_fts_docsize").fetchone()[0])


def index_is_consistent(store: SQLiteStore) -> bool:
    try:
        store._db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def test_put_leaves_indexing_to_the_first_search() -> None:
    store = SQLiteStore(":memory:")
    store.put_articles([article(1, "Troops entered Khan Younis."), article(2, "Rafah crossing reopened.")])
    assert indexed_rows(store) == 0
    assert [h.article_id for h in store.search("khan younis")] == ["a1"]
    assert indexed_rows(store) == 2
    assert store.matching_article_ids("rafah") == {"a2"}
    assert store.refresh_search_index() == 0
    assert index_is_consistent(store)


def test_refresh_works_in_batches() -> None:
    store = SQLiteStore(":memory:")
    store.put_articles([article(n, f"Shelling reported in district {n}.") for n in range(23)])
    assert store.refresh_search_index(batch=5) == 23
    assert len(store.matching_article_ids("shelling")) == 23
    assert index_is_consistent(store)


def test_edits_replace_the_indexed_text_whether_or_not_it_was_indexed() -> None:
    store = SQLiteStore(":memory:")
    store.put_articles([article(1, "Ceasefire talks in Cairo."), article(2, "Aid convoy reached Gaza.")])
    store.refresh_search_index()
    # a1 was indexed before its edit; a2 is edited twice before anything is indexed again.
    store.put_articles([article(1, "Ceasefire talks moved to Doha.")])
    store.put_articles([article(2, "Aid convoy turned back.")])
    store.put_articles([article(2, "Aid convoy turned back at Kerem Shalom.")])
    assert store.matching_article_ids("cairo") == set()
    assert store.matching_article_ids("doha") == {"a1"}
    assert store.matching_article_ids("reached") == set()
    assert store.matching_article_ids("kerem") == {"a2"}
    assert indexed_rows(store) == 2
    assert index_is_consistent(store)


def test_store_from_before_deferred_indexing_keeps_its_index(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, sql in MIGRATIONS[:2]:
        db.executescript(sql)
        db.execute("INSERT INTO migrations VALUES (?, '2026-01-01')", (name,))
    db.execute(
        "INSERT INTO articles (id, source, published, text, ingested_at, content_hash)"
        " VALUES ('old', 'AP', '2023-10-09', 'Sirens sounded over Ashkelon.', '2023-10-09', 'x')"
    )
    db.commit()
    db.close()
    store = SQLiteStore(path)
    assert indexed_rows(store) == 1  # indexed by the old trigger, not pending
    assert store.refresh_search_index() == 0
    assert store.matching_article_ids("ashkelon") == {"old"}
    store.put_articles(
        [Article(id="old", source="AP", published=date(2023, 10, 9), text="Sirens over Sderot.")]
    )
    assert store.matching_article_ids("ashkelon") == set()
    assert store.matching_article_ids("sderot") == {"old"}
    assert index_is_consistent(store)
    store.close()
