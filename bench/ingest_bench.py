"""Ingest throughput without enrichment: articles per second and peak memory.

    python bench/ingest_bench.py [T17_DIR] [--runs 3]

Reads every topic's ``articles.jsonl.gz`` into a fresh SQLite store (FTS5 index included), on one
core (ingest is single-threaded), and prints the median of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from dateline.ingest import ingest
from dateline.store import open_store

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "t17"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT.resolve())
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rates, seconds = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "bench.db")
            started = time.perf_counter()
            report = ingest(store, [args.directory])
            elapsed = time.perf_counter() - started
            store.close()
        seconds.append(elapsed)
        rates.append(report.stored / elapsed)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles stored: {report.stored} (rejected {len(report.rejected)})")
    print(f"seconds (median of {args.runs}): {statistics.median(seconds):.2f}")
    print(f"articles/s (median): {statistics.median(rates):.0f}")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
