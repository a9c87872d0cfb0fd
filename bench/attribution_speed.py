"""CPU cost of each enrichment stage per article on a fixed T17 sample, and claims as a share of the rest.

Runs the registered stages (:func:`dateline.enrich.pipeline.build_stages`) one article at a time
in this process, as a worker does, and times each stage with ``time.process_time``. The sample is
the first ``--per-topic`` articles with text of every T17 topic (8 → 71 articles). Prints
per-article CPU ms of every stage, the candidate share of sentences, and claims (optionally plus a
per-article events figure from ``bench/events_t17.py``) as a percentage of the other stages.

    python bench/attribution_speed.py [T17_DIR] [--per-topic 8] [--repeat 2] [--events-ms X]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from dateline.config import load_pipeline, model_name
from dateline.enrich.claims_lexicon import may_contain_claim
from dateline.enrich.pipeline import ArticleWork, build_stages
from dateline.models import Article

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def t17_sample(root: Path, per_topic: int) -> list[Article]:
    """The first ``per_topic`` articles with text of every topic, in topic order."""
    articles: list[Article] = []
    for path in sorted(root.glob("*/articles.jsonl.gz")):
        taken = 0
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if taken >= per_topic:
                    break
                row = json.loads(line)
                if not row["text"].strip():
                    continue
                articles.append(
                    Article(
                        id=f"{path.parent.name}/{row['id']}",
                        source=row["source"],
                        published=date.fromisoformat(row["published"][:10]),
                        text=row["text"],
                        title=row.get("title"),
                    )
                )
                taken += 1
    return articles


def measure(articles: list[Article]) -> tuple[dict[str, float], int, int]:
    """CPU seconds per stage over ``articles``, and the sentence and candidate counts."""
    name = model_name(None)
    nlp = load_pipeline(name)
    stages = build_stages(name)
    seconds: dict[str, float] = defaultdict(float)
    sentences = candidates = 0
    for article in articles:
        work = ArticleWork(article=article, nlp=nlp)
        for stage in stages:
            if stage.english_only and not work.english:
                continue
            started = time.process_time()
            stage.run(work)
            seconds[stage.name] += time.process_time() - started
        sentences += len(work.sentences or ())
        candidates += sum(1 for s in work.sentences or () if may_contain_claim(s.text))
    return seconds, sentences, candidates


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("t17", type=Path, nargs="?", default=DATA / "t17")
    parser.add_argument("--per-topic", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=2, help="runs; the fastest per stage is kept")
    parser.add_argument("--events-ms", type=float, default=None, help="events CPU ms per article to add")
    args = parser.parse_args()
    articles = t17_sample(args.t17, args.per_topic)
    measure(articles[:2])  # loads the model and warms caches outside the timing
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        seconds, sentences, candidates = measure(articles)
        for stage, value in seconds.items():
            best[stage] = min(best.get(stage, value), value)
    n = len(articles)
    print(
        f"T17 sample: {n} articles, {sentences} sentences, claim candidates {candidates / max(1, sentences):.1%}, "
        f"best of {args.repeat}"
    )
    for stage, value in best.items():
        print(f"  {stage:10} {value / n * 1000:7.1f} CPU ms/article")
    rest = sum(v for k, v in best.items() if k != "claims")
    claims = best.get("claims", 0.0)
    print(f"  claims / rest: {claims / rest:.1%}")
    if args.events_ms is not None:
        added = claims / n * 1000 + args.events_ms
        print(f"  claims + events ({args.events_ms:.1f} ms) / rest: {added / (rest / n * 1000):.1%}")


if __name__ == "__main__":
    main()
