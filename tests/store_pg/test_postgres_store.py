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
