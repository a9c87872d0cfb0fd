"""Event records on Timeline17: event recall against the gold timelines, and source counts.

For each topic, events are built either from an enriched store of that topic (``--db-dir DIR``
holding ``<topic>.db`` files made by ``dateline --db DIR/<topic>.db ingest T17/<topic>``: the full
pipeline, with entities and near-duplicate groups) or, without ``--db-dir``, from the raw articles
(sentences one per line, dates from ``dateline.timex.tag``, near-duplicate groups from
``NearDuplicateGrouper``; no entities).

Figures per topic:

- event recall: the share of gold timeline entries (each date of each gold timeline) for which an
  event exists on the same date whose text (summary + evidence) reaches ROUGE-1 recall >= 0.3
  against the entry's sentences;
- the share of events whose ``independent_sources`` > 1;
- events, events/s (CPU time), and the time events add relative to enrichment: with
  ``--enrich-times FILE`` (lines ``topic seconds``) against measured enrichment times; with
  ``--enrich-sample N`` against the CPU time of the per-article enrichment stages on N of the
  topic's articles (one process, model loading excluded) extrapolated to the whole topic.

Usage: ``python bench/events_t17.py [T17_DIR] [--db-dir DIR] [--topics a,b] [--enrich-times FILE]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from dateline.eval.rouge import rouge_counts
from dateline.eval.tls_data import list_topics, load_topic
from dateline.events import EventClusterer
from dateline.models import Event

DEFAULT_T17 = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "t17"


def event_recall(events: list[Event], timelines: list[dict], *, min_recall: float = 0.3) -> tuple[int, int]:
    """(hits, entries): gold entries with a same-date event whose ROUGE-1 recall reaches ``min_recall``."""
    by_day: dict = defaultdict(list)
    for event in events:
        by_day[event.date].append([event.summary.text, *(e.text for e in event.evidence)])
    hits = total = 0
    for entries in timelines:
        for day, sentences in entries.items():
            total += 1
            for texts in by_day.get(day, ()):
                counts = rouge_counts(texts, [list(sentences)], orders=(1,))[1]
                if counts.model and counts.hit / counts.model >= min_recall:
                    hits += 1
                    break
    return hits, total


def _raw_corpus(articles):  # type: ignore[no-untyped-def]
    from dateline.enrich.dedup import NearDuplicateGrouper
    from dateline.timeline.corpus import corpus_from_articles
    from dateline.timex import tag

    failures = []

    def safe_tag(text, *, dct):  # type: ignore[no-untyped-def]
        # A tagger crash on one article should cost that article's dates, not the benchmark.
        try:
            return tag(text, dct=dct)
        except (KeyError, ValueError, IndexError) as exc:
            failures.append(repr(exc))
            return []

    groups = NearDuplicateGrouper().fit((a.id, a.text) for a in articles).groups_
    corpus = list(corpus_from_articles(articles, tagger=safe_tag, dup_groups=groups))
    if failures:
        print(f"  timex tagger failed on {len(failures)} articles (e.g. {failures[0]})", file=sys.stderr)
    return corpus, [], []


def _store_corpus(path: Path):  # type: ignore[no-untyped-def]
    from dateline.store.sqlite import SQLiteStore

    store = SQLiteStore(path)
    try:
        return store.corpus_sentences(), store.mentions(), store.entities()
    finally:
        store.close()


def _enrich_cpu(articles, sample: int) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds of the per-article enrichment stages for all ``articles``, extrapolated from an
    evenly spread sample (one process; model loading excluded, corpus steps not counted)."""
    from dateline.enrich.pipeline import enrich_articles

    step = max(1, len(articles) // sample)
    chosen = [a for a in articles[::step] if a.text.strip()][:sample]
    list(enrich_articles(chosen[:1], processes=1))  # loads the model outside the timing
    started = time.process_time()
    list(enrich_articles(chosen, processes=1))
    return (time.process_time() - started) / max(1, len(chosen)) * len(articles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("t17", nargs="?", type=Path, default=DEFAULT_T17)
    parser.add_argument("--db-dir", type=Path, default=None)
    parser.add_argument("--topics", default=None)
    parser.add_argument("--enrich-times", type=Path, default=None)
    parser.add_argument("--enrich-sample", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--keep-single", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    topics = args.topics.split(",") if args.topics else list_topics(args.t17)
    enrich: dict[str, float] = {}
    if args.enrich_times:
        for line in args.enrich_times.read_text().splitlines():
            if line.strip():
                name, seconds = line.split()
                enrich[name] = float(seconds)
    options: dict = {}
    if args.threshold is not None:
        options["threshold"] = args.threshold
    if args.keep_single is not None:
        options["keep_single"] = args.keep_single
    rows = {}
    for topic in topics:
        data = load_topic(args.t17, topic, use_subset=False)
        gold = [dict(t.entries) for t in data.timelines]
        load_started = time.perf_counter()
        if args.db_dir:
            db = args.db_dir / f"{topic}.db"
            if not db.exists():
                print(f"{topic}: no store at {db}; skipped", file=sys.stderr)
                continue
            sentences, mentions, entities = _store_corpus(db)
        else:
            sentences, mentions, entities = _raw_corpus(data.articles)
        load_s = time.perf_counter() - load_started
        started = time.process_time()
        clusterer = EventClusterer(**options).fit(sentences, mentions=mentions, entities=entities)
        seconds = time.process_time() - started
        if args.enrich_sample and topic not in enrich:
            enrich[topic] = _enrich_cpu(data.articles, args.enrich_sample)
        events = clusterer.events_
        hits, total = event_recall(events, gold)
        multi = sum(1 for e in events if e.independent_sources > 1)
        row = {
            "articles": len(data.articles),
            "events": len(events),
            "event_recall": round(hits / total, 3) if total else 0.0,
            "gold_entries": total,
            "multi_source_share": round(multi / len(events), 3) if events else 0.0,
            "typed_share": round(sum(1 for e in events if e.type) / len(events), 3) if events else 0.0,
            "seconds": round(seconds, 2),
            "load_seconds": round(load_s, 2),
            "events_per_s": round(len(events) / seconds, 1) if seconds else 0.0,
        }
        if topic in enrich:
            row["enrich_seconds"] = enrich[topic]
            row["added_share"] = round(seconds / enrich[topic], 3)
        rows[topic] = row
        if not args.json:
            print(
                f"{topic:7s} articles={row['articles']:5d} events={row['events']:5d}"
                f" recall={row['event_recall']:.3f} ({hits}/{total}) multi>1={row['multi_source_share']:.3f}"
                f" typed={row['typed_share']:.3f} events_s={row['seconds']:.2f}"
                + (
                    f" added={row['added_share']:.1%} of {row['enrich_seconds']:.0f}s"
                    if "added_share" in row
                    else ""
                ),
                flush=True,
            )
    if rows:
        all_hits = sum(r["event_recall"] * r["gold_entries"] for r in rows.values())
        all_total = sum(r["gold_entries"] for r in rows.values())
        summary = {
            "event_recall_micro": round(all_hits / all_total, 3) if all_total else 0.0,
            "event_recall_macro": round(sum(r["event_recall"] for r in rows.values()) / len(rows), 3),
            "multi_source_share_macro": round(
                sum(r["multi_source_share"] for r in rows.values()) / len(rows), 3
            ),
            "events_seconds": round(sum(r["seconds"] for r in rows.values()), 2),
        }
        if args.json:
            print(json.dumps({"topics": rows, **summary}, indent=2))
        else:
            print(" ".join(f"{k}={v}" for k, v in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
