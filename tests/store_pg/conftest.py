"""Fixtures for the store contract tests: one store per backend, each test on a fresh one.

PostgreSQL tests connect to ``$DATELINE_TEST_PG`` (``.ci/postgres.sh`` starts a throwaway server and
prints it) and skip with the reason when it is unset or unreachable. Each test gets its own schema,
dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from dateline.store import Store

BACKENDS = ["sqlite", "postgres"]


def pg_server() -> str:
    """The test server's URL; skips the calling test when there is none to reach."""
    url = os.environ.get("DATELINE_TEST_PG")
    if not url:
        pytest.skip('PostgreSQL tests need $DATELINE_TEST_PG (run: eval "$(.ci/postgres.sh)")')
    psycopg = pytest.importorskip(
        "psycopg", reason="PostgreSQL tests need psycopg (pip install 'psycopg[binary]')"
    )
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at $DATELINE_TEST_PG is unreachable: {exc}")
    return url


def with_schema(url: str, schema: str) -> str:
    """``url`` with every connection's search path set to ``schema``."""
    return url + ("&" if "?" in url else "?") + "options=" + quote(f"-csearch_path={schema}")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL to a fresh, empty schema on the test server (dropped after the test)."""
    import psycopg

    url = pg_server()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh store of each backend lives: a file path, or a ``postgresql://`` URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def open_fresh(location: str) -> Iterator[Callable[[], Store]]:
    """Opens (and later closes) stores at the test's fresh location, of the test's backend."""
    from dateline.store import open_store

    opened: list[Store] = []

    def make() -> Store:
        store: Store = open_store(location)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(open_fresh: Callable[[], Store]) -> Store:
    """A fresh, empty store of the test's backend."""
    return open_fresh()


__all__ = ["BACKENDS", "pg_server", "with_schema"]
