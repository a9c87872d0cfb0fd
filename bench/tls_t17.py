"""T17 timeline-summarisation benchmark: raw text to all gold-timeline tasks, scored as published.

Runs :func:`dateline.eval.tls.evaluate_tls` (tagging included) and prints the per-topic table,
the averages next to the published reference systems, wall time and peak memory. With
``--query-speed`` it also times one timeline query over every T17 article at once (a
~4,650-article corpus view, as the store would hand it over).

    python bench/tls_t17.py [DATA_DIR] [--topics a,b] [--workers 2] [--out DIR] [--all-articles] [--query-speed]
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import time
from pathlib import Path

from dateline.eval.tls import evaluate_tls, prepare_topic
from dateline.eval.tls_data import list_topics, load_topic
from dateline.timeline.build import TimelineBuilder

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "t17"

REFERENCE = {
    "news-tls Datewise (ACL 2020)": (0.120, 0.035, 0.544),
    "news-tls Clust (ACL 2020)": (0.082, 0.020, 0.407),
    "SDF-TLS (SIGIR 2021)": (0.113, 0.033, 0.510),
    "72B-LLM systems (best published)": (0.136, 0.044, 0.576),
}


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
    parser.add_argument("--query-speed", action="store_true", help="also time one query over all articles")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    topics = [t for t in args.topics.split(",") if t] or None
    started = time.perf_counter()
    result = evaluate_tls(
        args.data, topics=topics, out=args.out, use_subset=not args.all_articles, workers=args.workers
    )
    wall = time.perf_counter() - started

    print(f"{'topic':8} {'TLs':>3} {'articles':>8} {'subset':>6} {'AR1-F':>6} {'AR2-F':>6} {'date-F1':>7}")
    for name, row in result["topics"].items():
        print(
            f"{name:8} {len(row['timelines']):>3} {row['articles']:>8} {'yes' if row['subset'] else 'no':>6} "
            f"{row['AR1-F']:6.3f} {row['AR2-F']:6.3f} {row['date-F1']:7.3f}"
        )
    m = result["metrics"]
    print(f"\n{'system':34} {'AR1-F':>6} {'AR2-F':>6} {'date-F1':>7}")
    print(
        f"{'dateline (' + str(result['timelines']) + ' timelines)':34} {m['AR1-F']:6.3f} {m['AR2-F']:6.3f} {m['date-F1']:7.3f}"
    )
    for name, (r1, r2, df) in REFERENCE.items():
        print(f"{name:34} {r1:6.3f} {r2:6.3f} {df:7.3f}")
    failures = sum(row.get("tagger_failures", 0) for row in result["topics"].values())
    print(
        f"\nraw text -> all timelines: {wall:.1f} s (workers={args.workers}); peak memory {peak_mb():.0f} MB; "
        f"tagger failures {failures}"
    )

    if args.query_speed:
        corpus = []
        for name in topics or list_topics(args.data):
            corpus.extend(prepare_topic(load_topic(args.data, name, use_subset=False), tagger=_tagger(),
                                        workers=args.workers))  # fmt: skip
        articles = len({(s.article_id, s.published) for s in corpus})
        builder = TimelineBuilder()
        for query in ("libya", "michael jackson", None):
            t0 = time.perf_counter()
            timeline = builder.build(corpus, query=query, n_dates=20, per_date=2)
            took = time.perf_counter() - t0
            print(f"query {query!r} over {articles} articles / {len(corpus)} sentences: "
                  f"{len(timeline.entries)} entries in {took:.2f} s")  # fmt: skip
        print(f"peak memory {peak_mb():.0f} MB")
    return 0


def _tagger():  # type: ignore[no-untyped-def]
    from dateline.timex import tag

    return tag


if __name__ == "__main__":
    sys.exit(main())
