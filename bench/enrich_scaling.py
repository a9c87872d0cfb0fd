"""Enrichment throughput on T17: single process, a process pool, and Dask with 1 and 2 workers, in one run.

    python bench/enrich_scaling.py [T17_DIR] [--articles 400 | --articles 0 (all 4,650)] [--db-dir DIR]
                                   [--runs single,pool2,dask1,dask2] [--json]

The T17 articles are ingested once (``dateline.ingest.ingest``) into a base store; a sample of
``--articles`` (spread over all topics, the same every run) is copied into a fresh SQLite store for
each configuration, which is then enriched from scratch. For each it prints articles per second and
the speedup over the single process, for the per-article stages alone and end to end (with worker
start-up and the corpus steps), CPU seconds of this process and its children (the workers), and the
peak resident memory of this process and all its descendants together. Each configuration starts
its own workers, so every one pays its own spaCy load. The machine may be shared: compare CPU time
with wall time to see how much of the two cores a run actually got.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from dateline.enrich.distributed import enrich_store_dask
from dateline.enrich.pipeline import enrich_store
from dateline.ingest import ingest
from dateline.store.sqlite import SQLiteStore

DEFAULT_T17 = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "t17"

Runner = Callable[[SQLiteStore, Callable[[int, int | None, str], None]], dict[str, Any]]

RUNS: dict[str, tuple[str, Runner]] = {
    "single": ("single process", lambda s, p: enrich_store(s, processes=1, progress=p)),
    "pool2": ("process pool, 2 processes", lambda s, p: enrich_store(s, processes=2, progress=p)),
    "dask1": ("Dask, 1 worker", lambda s, p: enrich_store_dask(s, n_workers=1, progress=p)),
    "dask2": ("Dask, 2 workers", lambda s, p: enrich_store_dask(s, n_workers=2, progress=p)),
}


class PeakMemory:
    """Samples the resident memory of this process and all its descendants, keeping the peak."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a worker that just exited
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def sample_ids(base: SQLiteStore, n: int) -> list[str]:
    """``n`` article ids spread evenly over the base store in id order (all of them when n is 0)."""
    ids = sorted(a.id for a in base.iter_articles())
    if n <= 0 or n >= len(ids):
        return ids
    step = len(ids) / n
    return [ids[int(i * step)] for i in range(n)]


def measure(key: str, runner: Runner, base: SQLiteStore, ids: list[str], db_dir: Path) -> dict[str, Any]:
    store = SQLiteStore(str(db_dir / f"{key}.db"))
    store.put_articles(list(base.iter_articles(ids=ids)))
    marks: dict[str, float] = {}

    def progress(done: int, total: int | None, message: str) -> None:
        if message == "Enriching" and done == 1:
            marks.setdefault("first", time.perf_counter())
        if message.startswith("Linking"):
            marks.setdefault("stages_done", time.perf_counter())

    cpu0 = cpu_seconds()
    with PeakMemory() as memory:
        started = time.perf_counter()
        try:
            result = runner(store, progress)
            error = None
        except Exception as exc:  # a corpus-step bug elsewhere must not hide the per-article figures
            if "stages_done" not in marks:
                raise
            error = f"{type(exc).__name__}: {exc}"
            result = {"enriched": store.count_articles(), "problems": None}
        wall = time.perf_counter() - started
    cpu = cpu_seconds() - cpu0
    stages = marks.get("stages_done", started + wall) - started
    store.close()
    return {
        "run": key,
        "label": RUNS[key][0],
        "articles": result["enriched"],
        "problems": result["problems"],
        "corpus_error": error,
        "first_result_seconds": round(marks["first"] - started, 2) if "first" in marks else None,
        "stage_seconds": round(stages, 2),
        "wall_seconds": round(wall, 2),
        "stage_articles_per_s": round(result["enriched"] / stages, 2) if stages else None,
        "articles_per_s": round(result["enriched"] / wall, 2) if wall else None,
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb": round(memory.peak / 2**20),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("t17", nargs="?", type=Path, default=DEFAULT_T17)
    parser.add_argument("--articles", type=int, default=400, help="sample size; 0 for all articles")
    parser.add_argument("--runs", default=",".join(RUNS), help=f"which of {', '.join(RUNS)}, in order")
    parser.add_argument("--db-dir", type=Path, default=None, help="where the temporary stores go")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    keys = [k.strip() for k in args.runs.split(",") if k.strip()]
    unknown = [k for k in keys if k not in RUNS]
    if unknown:
        parser.error(f"unknown run(s): {', '.join(unknown)} (choose from {', '.join(RUNS)})")
    inputs = sorted(args.t17.resolve().glob("*/articles.jsonl.gz"))
    if not inputs:
        parser.error(f"no */articles.jsonl.gz under {args.t17}")

    with tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
        db_dir = Path(tmp)
        base = SQLiteStore(str(db_dir / "base.db"))
        t0 = time.perf_counter()
        ingest(base, inputs)
        ids = sample_ids(base, args.articles)
        chars = sum(len(a.text) for a in base.iter_articles(ids=ids))
        if not args.json:
            print(
                f"T17: {base.count_articles()} articles ingested in {time.perf_counter() - t0:.1f} s; "
                f"sample {len(ids)} articles, {chars / 1e6:.2f} M characters"
            )
        rows = []
        for key in keys:
            rows.append(measure(key, RUNS[key][1], base, ids, db_dir))
            if not args.json:
                print(f"  done: {rows[-1]['label']}", flush=True)
            if rows[-1]["corpus_error"]:
                print(f"  ! corpus steps failed after the stages: {rows[-1]['corpus_error']}", flush=True)
        base.close()

    reference = next((r for r in rows if r["run"] == "single"), None)
    for row in rows:
        if reference:
            row["speedup_stages"] = round(reference["stage_seconds"] / row["stage_seconds"], 2)
            row["speedup"] = round(reference["wall_seconds"] / row["wall_seconds"], 2)
    if args.json:
        print(json.dumps({"sample": len(ids), "characters": chars, "runs": rows}, indent=2))
        return
    print(
        f"\n{'engine':<28}{'stages s':>9}{'art/s':>8}{'speedup':>8}{'total s':>9}{'art/s':>8}"
        f"{'speedup':>8}{'CPU s':>8}{'peak MB':>9}"
    )
    for row in rows:
        print(
            f"{row['label']:<28}{row['stage_seconds']:>9.1f}{row['stage_articles_per_s']:>8.1f}"
            f"{row.get('speedup_stages', float('nan')):>8.2f}{row['wall_seconds']:>9.1f}"
            f"{row['articles_per_s']:>8.1f}{row.get('speedup', float('nan')):>8.2f}"
            f"{row['cpu_seconds']:>8.1f}{row['peak_rss_mb']:>9}"
        )
    print(
        "\nstages: per-article stages incl. worker start-up (to the corpus steps); total: whole call, "
        "incl. corpus steps; CPU: this process and its workers; peak: resident memory of all of them."
    )


if __name__ == "__main__":
    main()
