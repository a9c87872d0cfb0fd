"""What only the PostgreSQL store has: its migrations table, concurrent first opens, errors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from dateline.errors import StoreError
from dateline.models import Article
from dateline.store import open_store
from dateline.store.pg_migrations import MIGRATIONS

psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL store needs psycopg")

from dateline.store.postgres import PostgresStore, redact, search_terms  # noqa: E402


def test_open_store_picks_postgres_for_urls(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore) and store.location == pg_url


def test_migrations_recorded_once_even_when_opened_concurrently(pg_url: str) -> None:
    # Several processes starting on an empty database must not race each other creating tables.
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: PostgresStore(pg_url), range(4)))
    for store in stores:
        store.close()
    with PostgresStore(pg_url) as store:
        store.put_articles([Article(id="x", source="AP", published=date(2024, 1, 1), text="Rain in Oslo.")])
        names = [r["name"] for r in store._rows("SELECT name FROM migrations ORDER BY name")]
        assert names == [name for name, _ in MIGRATIONS]
        # The search column is a real tsvector behind a GIN index, not a scan.
        index = store._rows("SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_fts'")
        assert "gin (fts)" in index[0]["indexdef"].lower()


def test_unreachable_server_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot open the store") as caught:
        PostgresStore("postgresql://dateline:s3cret@127.0.0.1:1/nowhere?connect_timeout=2")
    assert "s3cret" not in str(caught.value)
    assert redact("postgresql://u:pw@db.example:5432/d") == "postgresql://db.example:5432/d"


def test_search_terms_drop_operator_words() -> None:
    assert search_terms("Gaza AND not (al-Shifa's) NEAR | hospital") == ["Gaza", "al-Shifa's", "hospital"]


def test_two_writers_with_overlapping_batches_neither_deadlock_nor_duplicate(pg_url: str) -> None:
    def batch(version: int) -> list[Article]:
        return [
            Article(
                id=f"w{n:03d}", source="AP", published=date(2024, 1, 1 + n % 28), text=f"Text {n} v{version}."
            )
            for n in range(300)
        ]

    def write(order: int) -> list[str]:
        statuses: list[str] = []
        with PostgresStore(pg_url) as store:
            for version in range(3):
                articles = batch(version)
                statuses += store.put_articles(articles if order > 0 else articles[::-1])
        return statuses

    PostgresStore(pg_url).close()
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(write, (1, -1)))
    with PostgresStore(pg_url) as store:
        assert store.count_articles() == 300
        assert {a.text.split()[-1] for a in store.iter_articles()} == {"v2."}
    # Each article is reported stored once, by one writer; the other found it already there.
    assert sum(r.count("stored") for r in results) == 300
    assert all(s in ("stored", "unchanged", "updated") for r in results for s in r)
