"""T17 timeline-summarisation benchmark: raw text to all gold-timeline tasks, scored as published.

Runs :func:`dateline.eval.tls.evaluate_tls` (tagging included) and prints the per-topic table,
the averages (4 decimals) next to the published reference systems, wall time and peak memory.

With ``--query-speed STORE`` it times what a user waits for: :func:`dateline.api.build_timeline`
(the call behind ``dateline timeline``) over a store holding every T17 article, for "libya",
"michael jackson" and no query (20 dates x 2 sentences), each ``--repeat`` times. When STORE does
not exist it is built first: all T17 articles ingested, then enriched with ``--stages`` (default
``timeline``: the stages the timeline reads, i.e. language, sentences, signature and timex, then
the near-duplicate groups; ``all`` runs the whole enrichment, NER and claims included, about
30 CPU-minutes).

    python bench/tls_t17.py [DATA_DIR] [--topics a,b] [--workers 2] [--out DIR] [--all-articles]
    python bench/tls_t17.py --skip-eval --query-speed STORE [--stages timeline|all] [--repeat 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import sys
import time
from pathlib import Path

from dateline.eval.tls import evaluate_tls

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "t17"

REFERENCE = {
    "news-tls Datewise (ACL 2020)": (0.120, 0.035, 0.544),
    "news-tls Clust (ACL 2020)": (0.082, 0.020, 0.407),
    "SDF-TLS (SIGIR 2021)": (0.113, 0.033, 0.510),
    "72B-LLM systems (best published)": (0.136, 0.044, 0.576),
}
TIMELINE_STAGES = ("language", "sentences", "signature", "timex")


def peak_mb() -> float:
    """Peak resident memory of this process and of its (finished) worker processes, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--topics", default="", help="comma-separated topics (default: all)")
    parser.add_argument("--workers", type=int, default=2, help="processes for temporal tagging")
    parser.add_argument("--out", type=Path, default=None, help="write system timelines (tilse format) here")
    parser.add_argument("--all-articles", action="store_true", help="ignore newstls_subset.json")
    parser.add_argument(
        "--query-speed", type=Path, default=None, metavar="STORE", help="time timeline queries over STORE"
    )
    parser.add_argument(
        "--stages", choices=("timeline", "all"), default="timeline", help="how to enrich a new STORE"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timings per query")
    parser.add_argument("--skip-eval", action="store_true", help="only the query timing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    if not args.skip_eval:
        evaluate(args)
    if args.query_speed is not None:
        query_speed(args.data, args.query_speed, stages=args.stages, repeat=args.repeat)
    return 0


def evaluate(args: argparse.Namespace) -> None:
    """The protocol over the benchmark directory, printed."""
    topics = [t for t in args.topics.split(",") if t] or None
    started, cpu = time.perf_counter(), time.process_time()
    result = evaluate_tls(
        args.data, topics=topics, out=args.out, use_subset=not args.all_articles, workers=args.workers
    )
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)

    print(f"{'topic':8} {'TLs':>3} {'articles':>8} {'subset':>6} {'AR1-F':>6} {'AR2-F':>6} {'date-F1':>7}")
    for name, row in result["topics"].items():
        print(
            f"{name:8} {len(row['timelines']):>3} {row['articles']:>8} {'yes' if row['subset'] else 'no':>6} "
            f"{row['AR1-F']:6.4f} {row['AR2-F']:6.4f} {row['date-F1']:7.4f}"
        )
    m = result["metrics"]
    print(f"\n{'system':34} {'AR1-F':>6} {'AR2-F':>6} {'date-F1':>7}")
    label = f"dateline ({result['timelines']} timelines)"
    print(f"{label:34} {m['AR1-F']:6.4f} {m['AR2-F']:6.4f} {m['date-F1']:7.4f}")
    for name, (r1, r2, df) in REFERENCE.items():
        print(f"{name:34} {r1:6.3f}  {r2:6.3f}  {df:7.3f}")
    failures = sum(row.get("tagger_failures", 0) for row in result["topics"].values())
    print(
        f"\nraw text -> all timelines: {wall:.1f} s wall, {cpu + children.ru_utime + children.ru_stime:.1f} CPU-s "
        f"(workers={args.workers}); peak memory {peak_mb():.0f} MB; tagger failures {failures}; "
        f"load average {_load()}"
    )


def build_store(data: Path, path: Path, *, stages: str) -> None:
    """Ingest every T17 article into a new store at ``path`` and enrich it (see the module doc)."""
    from dateline.enrich.corpus import update_duplicates
    from dateline.enrich.pipeline import enrich_articles, enrich_store
    from dateline.ingest import ingest
    from dateline.store import open_store

    t0, c0 = time.perf_counter(), time.process_time()
    with open_store(path) as store:
        report = ingest(store, [data])
        print(f"built {path}: {report.summary()} ({time.perf_counter() - t0:.1f} s)")
        if stages == "all":
            result = enrich_store(store)
            print(f"enriched (all stages and corpus steps): {result['enriched']} articles")
        else:
            buffer = []
            for item in enrich_articles(store.iter_articles(), stages=TIMELINE_STAGES):
                buffer.append(item)
                if len(buffer) >= 256:
                    store.save_enrichments(buffer)
                    buffer.clear()
            store.save_enrichments(buffer)
            groups = update_duplicates(store)
            print(f"enriched ({', '.join(TIMELINE_STAGES)}); near-duplicate groups: {groups}")
    print(f"store ready: {time.perf_counter() - t0:.1f} s wall, {time.process_time() - c0:.1f} CPU-s (main)")


def query_speed(data: Path, path: Path, *, stages: str, repeat: int) -> None:
    """Time :func:`dateline.api.build_timeline` over the store at ``path`` (built when absent)."""
    from dateline.api import build_timeline
    from dateline.store import open_store

    if not path.exists():
        build_store(data, path, stages=stages)
    with open_store(path) as store:
        stats = store.stats()
        print(f"store {path}: {stats.articles} articles; enrichment {stats.enriched}")
        build_timeline(store, query="warm up", dates=2, per_date=1)  # search index and page cache
        for query in ("libya", "michael jackson", None):
            walls, cpus = [], []
            for _ in range(repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                timeline = build_timeline(store, query=query, dates=20, per_date=2)
                walls.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
            print(
                f"query {query!r}: {len(timeline.entries)} entries; wall {min(walls):.2f} s best, "
                f"{sorted(walls)[len(walls) // 2]:.2f} s median of {repeat}; CPU {min(cpus):.2f} s best"
            )
    print(f"peak memory {peak_mb():.0f} MB; load average {_load()}")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
