"""Near-duplicate grouping time at 10k, 30k and 100k articles.

Synthetic articles are drawn from the sentences of the real Timeline17 articles (15–40 random
sentences each), and a tenth of them get a near-duplicate copy with 5% of words changed, so the
grouper has real merging to do. Fingerprints are made once (in worker processes); grouping is then
timed from the fingerprints for each corpus size, as the store's corpus step runs it. Prints wall
and CPU seconds, articles per second, groups found and the recall of the planted copies.

    python bench/dedup_scale.py [--data DIR] [--sizes 10000,30000,100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dateline.enrich.dedup import Fingerprint, NearDuplicateGrouper, fingerprint

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def sentence_pool(data: Path) -> list[str]:
    pool: list[str] = []
    for path in sorted((data / "t17").glob("*/articles.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                pool.extend(s.strip() for s in json.loads(line)["text"].split("\n") if len(s.split()) >= 6)
    return pool


def synthetic_corpus(pool: list[str], size: int, seed: int) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """``size`` articles; about 10% are 5%-edited copies of an earlier one (copy id → original id)."""
    rng = random.Random(seed)
    corpus: list[tuple[str, str]] = []
    planted: dict[str, str] = {}
    vocab = sorted({w for s in pool[:5000] for w in s.split() if w.isalpha()})
    while len(corpus) < size:
        aid = f"a{len(corpus)}"
        text = " \n".join(rng.sample(pool, rng.randint(15, 40)))
        corpus.append((aid, text))
        if rng.random() < 0.1 and len(corpus) < size:
            words = text.split(" ")
            for i in rng.sample(range(len(words)), len(words) // 20):
                words[i] = rng.choice(vocab)
            copy_id = f"c{len(corpus)}"
            corpus.append((copy_id, " ".join(words)))
            planted[copy_id] = aid
    return corpus, planted


def _fingerprint_chunk(chunk: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    return [(aid, fingerprint(text).to_bytes()) for aid, text in chunk]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (t17/)")
    parser.add_argument("--sizes", default="10000,30000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--workers", type=int, default=2, help="processes for fingerprinting")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    pool = sentence_pool(args.data)
    corpus, planted = synthetic_corpus(pool, sizes[-1], args.seed)
    chars = sum(len(t) for _, t in corpus)
    print(f"{len(corpus)} synthetic articles ({chars / 1e6:.0f} MB) from {len(pool)} T17 sentences")

    t0 = time.perf_counter()
    chunks = [corpus[i : i + 500] for i in range(0, len(corpus), 500)]
    with ProcessPoolExecutor(max_workers=args.workers) as pool_exec:
        blobs = [item for part in pool_exec.map(_fingerprint_chunk, chunks) for item in part]
    t_print = time.perf_counter() - t0
    print(
        f"fingerprints: {t_print:.1f}s wall with {args.workers} processes "
        f"({len(corpus) / t_print:,.0f} articles/s); {len(blobs[0][1])} bytes per article"
    )
    prints = [(aid, Fingerprint.from_bytes(blob)) for aid, blob in blobs]

    print(
        f"\n{'articles':>9} {'wall s':>8} {'cpu s':>8} {'articles/s':>11} {'groups>1':>9} {'copy recall':>12}"
    )
    for size in sizes:
        subset = prints[:size]
        t0, c0 = time.perf_counter(), time.process_time()
        grouper = NearDuplicateGrouper().fit_fingerprints(subset)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        members: dict[str, int] = {}
        for group in grouper.groups_.values():
            members[group] = members.get(group, 0) + 1
        copies = [(c, o) for c, o in planted.items() if c in grouper.groups_]
        found = sum(1 for c, o in copies if grouper.groups_[c] == grouper.groups_[o])
        print(
            f"{size:>9,} {wall:>8.2f} {cpu:>8.2f} {size / wall:>11,.0f} "
            f"{sum(1 for n in members.values() if n > 1):>9,} {found / max(1, len(copies)):>12.3f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the grouping process: {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
