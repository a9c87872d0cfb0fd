"""Ingest throughput without enrichment: articles per second and peak memory.

    python bench/ingest_bench.py [T17_DIR] [--runs 3]

Reads every topic's ``articles.jsonl.gz`` into a fresh SQLite store on one core (ingest is
single-threaded), then builds the full-text index, which ingest leaves to a later batch
(``refresh_search_index``: the first search, or the end of ``dateline enrich``), and prints the
median of ``--runs`` runs for each step and for both together.
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
    seconds: dict[str, list[float]] = {"ingest": [], "index": [], "both": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "bench.db")
            started = time.perf_counter()
            report = ingest(store, [args.directory])
            ingested = time.perf_counter()
            indexed = store.refresh_search_index()
            finished = time.perf_counter()
            store.close()
        assert indexed == report.stored, (indexed, report.stored)
        seconds["ingest"].append(ingested - started)
        seconds["index"].append(finished - ingested)
        seconds["both"].append(finished - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles stored: {report.stored} (rejected {len(report.rejected)})")
    for step, label in (("ingest", "ingest"), ("index", "full-text index"), ("both", "ingest + index")):
        median = statistics.median(seconds[step])
        print(f"{label}: {median:.2f} s, {report.stored / median:.0f} articles/s (median of {args.runs})")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
