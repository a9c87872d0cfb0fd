"""SIGKILL ``dateline ingest`` and ``dateline enrich`` at random points and print what survived.

Usage: ``python bench/crash_kill.py [--runs 10] [--command ingest enrich] [--pg URL [--no-sqlite]] [--seed 7]``.
Each run starts from a fresh store (SQLite, or a fresh schema on the PostgreSQL server at
``--pg``), kills the command, checks the store, re-runs it to the end and checks again; see
``tests/hardening/crash.py`` for the checks. "orphans" counts child processes (enrichment
workers) still alive five seconds after their parent was killed; they are then killed too.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hardening.crash import Backend, kill_series, make_corpus, postgres_backend, sqlite_factory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="kill points per command and backend")
    parser.add_argument("--command", nargs="+", default=["ingest", "enrich"], choices=["ingest", "enrich"])
    parser.add_argument("--pg", default=None, help="PostgreSQL server URL (default: SQLite only)")
    parser.add_argument("--no-sqlite", action="store_true", help="with --pg: PostgreSQL only")
    parser.add_argument(
        "--at",
        default=None,
        metavar="REV",
        help="run the CLI from this git revision's src/ (e.g. HEAD), not the working tree",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mid-write", action="store_true", help="kill ingest 0-2 s after its first write")
    parser.add_argument("--enrich-articles", type=int, default=24, help="corpus size for the enrich kills")
    parser.add_argument(
        "--span",
        type=float,
        nargs=2,
        default=None,
        metavar=("FROM", "TO"),
        help="kill between these many seconds (default: from start-up to a full run's duration, timed)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as frozen:
        if args.at:
            freeze(args.at, Path(frozen))
        return series(args)


def freeze(rev: str, folder: Path) -> None:
    """Extract ``rev``'s ``src/`` into ``folder`` and make it the code every run imports.

    Edits to the working tree during a long series would otherwise change the code between the
    uninterrupted reference run and the killed ones.
    """
    repo = Path(__file__).resolve().parents[1]
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", rev], capture_output=True, text=True, check=True
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", commit, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    src = str(folder / "src")
    os.environ["PYTHONPATH"] = src + os.pathsep + os.environ.get("PYTHONPATH", "")
    sys.path.insert(0, src)
    print(f"code: {rev} = {commit}", flush=True)


def series(args: argparse.Namespace) -> int:
    """Every requested series; prints a line per run and a table row per backend and command."""

    backends: dict[str, Any] = {} if args.no_sqlite and args.pg else {"sqlite": sqlite_factory}
    if args.pg:
        url = args.pg

        @contextmanager
        def pg(folder: Path) -> Iterator[Backend]:
            with postgres_backend(url) as backend:
                yield backend

        backends["postgresql"] = pg
    print(
        f"{'backend':<11} {'command':<7} {'runs':>4} {'killed':>6} {'mid-write':>9} {'survived':>8} {'lost':>5} {'orphans':>7}"
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
                    span=tuple(args.span) if args.span else None,
                    after_first_write=args.mid_write and command == "ingest",
                    on_run=lambda n, delay, killed, problems: print(
                        f"  run {n + 1}: kill at {delay:.1f}s, {'killed' if killed else 'had finished'}, "
                        f"{len(problems)} problems" + "".join(f"\n    {p}" for p in problems),
                        flush=True,
                    ),
                )
            print(
                f"{name:<11} {command:<7} {report.runs:>4} {report.killed:>6} {report.mid_write:>9} "
                f"{report.survived:>8} {report.articles_lost:>5} {report.orphans:>7}",
                flush=True,
            )
            bad += bool(report.problems) or report.articles_lost > 0
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
