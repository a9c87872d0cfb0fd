"""SIGKILL ``dateline ingest`` and ``dateline enrich`` at random points and print what survived.

Usage: ``python bench/crash_kill.py [--runs 10] [--command ingest enrich] [--pg URL] [--seed 7]``.
Each run starts from a fresh store (SQLite, or a fresh schema on the PostgreSQL server at
``--pg``), kills the command, checks the store, re-runs it to the end and checks again; see
``tests/hardening/crash.py`` for the checks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hardening.crash import Backend, kill_series, make_corpus, postgres_backend, sqlite_factory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="kill points per command and backend")
    parser.add_argument("--command", nargs="+", default=["ingest", "enrich"], choices=["ingest", "enrich"])
    parser.add_argument("--pg", default=None, help="PostgreSQL server URL (default: SQLite only)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mid-write", action="store_true", help="kill ingest 0-2 s after its first write")
    parser.add_argument("--enrich-articles", type=int, default=24, help="corpus size for the enrich kills")
    args = parser.parse_args()

    backends = {"sqlite": sqlite_factory}
    if args.pg:
        url = args.pg

        @contextmanager
        def pg(folder: Path) -> Iterator[Backend]:
            with postgres_backend(url) as backend:
                yield backend

        backends["postgresql"] = pg
    print(
        f"{'backend':<11} {'command':<7} {'runs':>4} {'killed':>6} {'mid-write':>9} {'survived':>8} {'lost':>5}"
    )
    bad = 0
    for name, factory in backends.items():
        for command in args.command:
            with tempfile.TemporaryDirectory() as tmp:
                work = Path(tmp)
                size = {"copies": 3} if command == "ingest" else {"copies": 1, "limit": args.enrich_articles}
                expected = make_corpus(work / "corpus", **size)
                report = kill_series(
                    factory,
                    work,
                    expected,
                    work / "corpus",
                    command=command,
                    runs=args.runs,
                    seed=args.seed,
                    after_first_write=args.mid_write and command == "ingest",
                    on_run=lambda n, delay, problems: print(
                        f"  run {n + 1}: killed at {delay:.1f}s, {len(problems)} problems", flush=True
                    ),
                )
            print(
                f"{name:<11} {command:<7} {report.runs:>4} {report.killed:>6} {report.mid_write:>9} "
                f"{report.survived:>8} {report.articles_lost:>5}",
                flush=True,
            )
            for problem in report.problems:
                print(f"  problem: {problem}")
            bad += bool(report.problems) or report.articles_lost > 0
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
