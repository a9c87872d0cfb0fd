"""Enrichment throughput on T17, side by side with the plain spaCy baseline, in one run.

    python bench/enrich_bench.py [T17_DIR] [--limit N] [--processes 2]

1. dateline: ``enrich_store`` (all stages: language, sentences, fingerprints, time expressions,
   entities, claims, then the corpus steps: duplicates, entities, events) over the articles in a
   fresh SQLite store, in ``--processes`` worker processes.
2. baseline: the full pipeline of the pinned model over the same texts with ``nlp.pipe``
   (``n_process`` = ``--processes``), doing nothing with the result.

Prints articles/s, wall and CPU seconds, and peak memory (RSS of this process and its children).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import tempfile
import time
from pathlib import Path

from dateline.config import load_pipeline, model_name
from dateline.enrich.pipeline import enrich_store
from dateline.ingest import ingest
from dateline.store import open_store

DEFAULT = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "t17").resolve()


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> tuple[float, float]:
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )


def sample_texts(directory: Path, limit: int | None) -> list[Path]:
    """Write a sample of the benchmark's articles (every topic, in turn) to a JSONL file."""
    rows = []
    for path in sorted(directory.glob("*/articles.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows.append([json.loads(line) for line in fh])
    picked: list[dict[str, object]] = []
    while any(rows) and (limit is None or len(picked) < limit):
        for topic in rows:
            if topic and (limit is None or len(picked) < limit):
                picked.append(topic.pop(0))
    out = Path(tempfile.mkdtemp()) / "sample.jsonl"
    out.write_text("\n".join(json.dumps(r) for r in picked if r.get("text")) + "\n", encoding="utf-8")
    return [out]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None, help="articles to use (default: all)")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    inputs = sample_texts(args.directory, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        ingest(store, inputs)
        texts = [a.text for a in store.iter_articles()]
        n = len(texts)
        cpu0, t0 = cpu_seconds(), time.perf_counter()
        result = enrich_store(store, processes=args.processes)
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
        sentences = sum(len(store.sentences(a.id)) for a in store.iter_articles())
        store.close()
    print(f"articles: {n}, sentences: {sentences}, processes: {args.processes}")
    print(
        f"dateline enrich: {n / wall:.1f} articles/s ({wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"{n / cpu:.2f} articles per CPU-second); problems: {result['problems']}"
    )
    nlp = load_pipeline(model_name())
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=32, n_process=args.processes):
        pass
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    print(
        f"baseline nlp.pipe (full {model_name()}): {n / wall:.1f} articles/s ({wall:.1f} s wall, "
        f"{cpu:.1f} s CPU, {n / cpu:.2f} articles per CPU-second)"
    )
    own, kids = peak_mb()
    print(f"peak memory: {own:.0f} MB (main process), {kids:.0f} MB (largest worker)")


if __name__ == "__main__":
    main()
