"""Ingest throughput into PostgreSQL against SQLite, in one run.

Ingests the Timeline17 articles (``dateline.ingest.ingest(store, [t17_dir])``) into a fresh SQLite
file and into a fresh schema of a PostgreSQL database, then brings each full-text index up to date
(SQLite's ``refresh_search_index``, which ingest leaves for later; PostgreSQL indexes on insert),
and prints articles per second for each, without and with the index. Reading and parsing are the
same for both, so the difference is the store's write cost.

    python bench/store_pg_ingest.py [--t17 DIR] [--pg postgresql://...] [--repeat N]

The PostgreSQL URL defaults to ``$DATELINE_TEST_PG`` (``eval "$(.ci/postgres.sh)"`` starts one);
the benchmark schema is dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from dateline.ingest import ingest
from dateline.store import open_store

DEFAULT_T17 = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "t17"


def run(location: str, t17: Path) -> tuple[int, float, float]:
    """Ingest into the store at ``location``, then bring its full-text index up to date (SQLite
    defers it; PostgreSQL computes its ``tsvector`` on insert); (articles, ingest s, index s)."""
    with open_store(location) as store:
        began = time.perf_counter()
        report = ingest(store, [t17])
        seconds = time.perf_counter() - began
        refresh = getattr(store, "refresh_search_index", None)
        began = time.perf_counter()
        if refresh is not None:
            refresh()
        indexing = time.perf_counter() - began
        assert store.count_articles() == report.stored
    return report.stored, seconds, indexing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--t17", type=Path, default=DEFAULT_T17.resolve(), help="the Timeline17 directory")
    parser.add_argument("--pg", default=os.environ.get("DATELINE_TEST_PG"), help="a PostgreSQL URL")
    parser.add_argument("--repeat", type=int, default=1, help="runs per backend (the best is kept)")
    args = parser.parse_args(argv)
    if not args.t17.is_dir():
        parser.error(f"{args.t17}: no such directory")
    if not args.pg:
        parser.error("give --pg postgresql://... or set $DATELINE_TEST_PG")
    import psycopg

    results: dict[str, tuple[int, float, float]] = {}

    def keep(name: str, result: tuple[int, float, float]) -> None:
        if name not in results or sum(result[1:]) < sum(results[name][1:]):
            results[name] = result

    for attempt in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            keep("sqlite", run(str(Path(tmp) / "bench.db"), args.t17))
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in args.pg else "?"
            keep("postgres", run(f"{args.pg}{sep}options={quote(f'-csearch_path={schema}')}", args.t17))
        finally:
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
        print(f"run {attempt + 1}/{args.repeat} done", file=sys.stderr)
    print(f"{'backend':<10} {'articles':>8} {'ingest s':>9} {'index s':>8} {'art/s':>7} {'with index':>11}")
    for name, (n, secs, index) in results.items():
        print(f"{name:<10} {n:>8} {secs:>9.2f} {index:>8.2f} {n / secs:>7.0f} {n / (secs + index):>11.0f}")
    sqlite_total = sum(results["sqlite"][1:])
    ratio = sum(results["postgres"][1:]) / sqlite_total
    print(f"PostgreSQL takes {ratio:.2f}x the time SQLite takes, full-text index included")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
