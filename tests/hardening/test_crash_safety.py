"""SIGKILL ``dateline ingest`` and ``dateline enrich`` at random points; the store must stay whole.

After each kill: the store opens and passes its integrity checks, every article in it is whole,
enrichment rows exist only where ``stage_runs`` says the stage ran; a re-run then finishes with
every article exactly once. The unmarked test kills ingest twice on a small corpus; the
``slow`` one kills each ten times (SQLite, and PostgreSQL when ``$DATELINE_TEST_PG`` is set).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.hardening.crash import Backend, kill_series, make_corpus, postgres_backend, sqlite_factory


def factory_for(backend: str) -> Any:
    if backend == "sqlite":
        return sqlite_factory
    url = os.environ.get("DATELINE_TEST_PG")
    if not url:
        pytest.skip('PostgreSQL crash tests need $DATELINE_TEST_PG (run: eval "$(.ci/postgres.sh)")')
    psycopg = pytest.importorskip("psycopg")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at $DATELINE_TEST_PG is unreachable: {exc}")
    from dateline.errors import ConfigError
    from dateline.store import open_store

    with postgres_backend(url) as probe:
        try:
            open_store(probe.location).close()
        except ConfigError as exc:
            pytest.skip(f"this version cannot open a PostgreSQL store: {exc}")

    @contextmanager
    def pg(folder: Path) -> Iterator[Backend]:
        with postgres_backend(url) as backend:
            yield backend

    return pg


def test_two_ingest_kills_leave_sqlite_whole(tmp_path: Path) -> None:
    expected = make_corpus(tmp_path / "corpus", copies=1, files=3, limit=150)
    report = kill_series(
        sqlite_factory, tmp_path, expected, tmp_path / "corpus", command="ingest", runs=2, span=(0.8, 2.0)
    )
    assert report.runs == 2
    assert report.problems == [] and report.articles_lost == 0


@pytest.mark.slow
def test_one_enrich_kill_leaves_sqlite_whole(tmp_path: Path) -> None:
    small = make_corpus(tmp_path / "small", copies=1, files=1, limit=4)
    report = kill_series(
        sqlite_factory, tmp_path / "e", small, tmp_path / "small", command="enrich", runs=1, span=(2.0, 6.0)
    )
    assert report.problems == [] and report.articles_lost == 0


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("command", ["ingest", "enrich"])
def test_ten_kills_leave_the_store_whole(tmp_path: Path, backend: str, command: str) -> None:
    factory = factory_for(backend)
    size = {"ingest": {"copies": 3}, "enrich": {"copies": 1, "limit": 24, "files": 2}}[command]
    expected = make_corpus(tmp_path / "corpus", **size)
    report = kill_series(factory, tmp_path, expected, tmp_path / "corpus", command=command, runs=10, seed=7)
    assert report.runs == 10
    assert report.problems == [], report.problems
    assert report.articles_lost == 0
