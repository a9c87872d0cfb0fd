"""Entity benchmark: merge precision/recall on hand-labelled T17 articles, and NER throughput.

    python bench/entities_bench.py                      # merge scores + a quick throughput sweep
    python bench/entities_bench.py --no-throughput
    python bench/entities_bench.py --throughput-articles 400 --configs ner:64:1,ner:64:2,all:64:1,ner:64:1:20000

Merge scores: the labelled articles of each labels file (20 tuned on, 5 held out) are run through the NER (tokenizer + ner), cleaned by
``mentions_from_doc`` and resolved together by ``EntityResolver``; pairs of gold mentions are
scored within articles and across articles (see ``dateline.enrich.entities_eval``). A baseline that
merges mentions with the same lower-cased surface string is printed beside it.

Throughput: ``nlp.pipe`` over the texts of T17 articles (taken evenly from every topic) with the
given components (``ner`` = tokenizer + ner, ``t2v`` = tok2vec + ner, ``all`` = the full model),
batch size and process count. Sentences are T17's lines (one sentence per line). CPU seconds are
this process's own (meaningful for one process only); the machine's load average is printed
because other jobs on the same cores slow every figure down.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import time
from pathlib import Path

from dateline.enrich.entities import DEFAULT_MODEL, EntityResolver, load_ner, mentions_from_doc, ner_input
from dateline.enrich.entities_eval import evaluate, load_labels

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "data"
LABELS = [
    REPO / "tests" / "data" / "entities" / "t17_labels.json",
    REPO / "tests" / "data" / "entities" / "t17_heldout_labels.json",
]
COMPONENTS = {"ner": ("ner",), "t2v": ("tok2vec", "ner"), "all": None}


def read_topic(t17: Path, topic: str) -> list[dict[str, str]]:
    with gzip.open(t17 / topic / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def merge_scores(t17: Path, labels_path: Path) -> None:
    labels = load_labels(labels_path)
    texts: dict[str, str] = {}
    for topic in sorted({art.topic for art in labels}):
        wanted = {art.id for art in labels if art.topic == topic}
        texts.update({a["id"]: a["text"] for a in read_topic(t17, topic) if a["id"] in wanted})
    nlp = load_ner()
    ids = [art.id for art in labels]
    system = {
        aid: mentions_from_doc(doc, article_id=aid, sentence_starts=line_starts(texts[aid]))
        for aid, doc in zip(ids, nlp.pipe(texts[aid] for aid in ids), strict=True)
    }
    resolver = EntityResolver().fit(m for ms in system.values() for m in ms)
    n_gold = sum(len(art.mentions) for art in labels)
    n_gold_entities = len({m.entity for art in labels for m in art.mentions})
    n_sys = sum(len(ms) for ms in system.values())
    print(
        f"labels {labels_path.name}: {len(labels)} articles, {n_gold} gold mentions, "
        f"{n_gold_entities} gold entities"
    )
    print(f"system: {n_sys} mentions, {len(resolver.entities_)} entities")
    runs = {
        "EntityResolver": lambda m: resolver.key_of_[(m.article_id, m.start)],
        "same-string baseline": lambda m: m.text.casefold(),
    }
    print(
        f"{'method':22} {'pairs':8} {'gold':>6} {'pred':>6} {'ok':>6} {'P':>6} {'R':>6} {'R|found':>8} {'F1':>6}"
    )
    for name, key_of in runs.items():
        scores = evaluate(labels, system, key_of)
        for kind, sc in scores.items():
            print(
                f"{name:22} {kind:8} {sc.gold_pairs:6d} {sc.predicted_pairs:6d} {sc.correct_pairs:6d} "
                f"{sc.precision:6.3f} {sc.recall:6.3f} {sc.found_recall:8.3f} {sc.f1:6.3f}"
            )


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def throughput(t17: Path, n_articles: int, configs: list[str], model: str, *, seed: int = 17) -> None:
    import spacy

    topics = sorted(p.name for p in t17.iterdir() if (p / "articles.jsonl.gz").exists())
    pool = [a["text"] for topic in topics for a in read_topic(t17, topic) if a["text"]]
    # A seeded random sample keeps the mix of short wire copy and long pages that T17 has.
    texts = random.Random(seed).sample(pool, min(n_articles, len(pool)))
    n_sents = sum(1 for text in texts for line in text.split("\n") if line.strip())
    n_chars = sum(len(t) for t in texts)
    print(
        f"throughput corpus: {len(texts)} random T17 articles (seed {seed}), {n_sents} sentences (lines), "
        f"{n_chars} chars ({n_chars / len(texts):.0f} per article; all of T17: 6695)"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
    for config in configs:
        name, batch, procs, *cap = config.split(":")
        comps = COMPONENTS[name]
        nlp = spacy.load(model) if comps is None else load_ner(model, components=comps)
        inputs = [ner_input(text, max_chars=int(cap[0]) if cap else None) for text in texts]
        t0, c0 = time.perf_counter(), _cpu()
        docs = list(nlp.pipe(inputs, batch_size=int(batch), n_process=int(procs)))
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        c2 = _cpu()
        mentions = [
            mentions_from_doc(doc, article_id=str(i), sentence_starts=line_starts(doc.text))
            for i, doc in enumerate(docs)
        ]
        c3 = _cpu()
        EntityResolver().fit(m for ms in mentions for m in ms)
        t_mentions, t_resolve = c3 - c2, _cpu() - c3
        cpu_note = (
            f"{n_sents / cpu:5.0f} sent/CPU-s {len(texts) / cpu:5.1f} art/CPU-s"
            if int(procs) == 1
            else "(multi-process: CPU n/a)"
        )
        print(
            f"{config:12} pipes={'+'.join(nlp.pipe_names):45} wall {wall:7.1f}s "
            f"{len(texts) / wall:6.1f} art/s {n_sents / wall:7.0f} sent/s {cpu_note} | "
            f"CPU: mentions {t_mentions:.2f}s resolve {t_resolve:.2f}s | load {os.getloadavg()[0]:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA / "t17", help="T17 directory")
    parser.add_argument("--labels", type=Path, nargs="+", default=LABELS, help="hand labels JSON file(s)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--no-merge", action="store_true", help="skip the merge scores")
    parser.add_argument("--no-throughput", action="store_true", help="skip the throughput runs")
    parser.add_argument("--throughput-articles", type=int, default=60)
    parser.add_argument(
        "--configs",
        default="ner:64:1,ner:64:1:20000,ner:16:1,ner:256:1,ner:64:2,t2v:64:1,all:64:1",
        help="comma-separated components:batch_size:n_process[:max_chars] (components: ner, t2v, all); "
        "max_chars cuts each text with ner_input (the sentences/s figures still count every line)",
    )
    args = parser.parse_args()
    if not args.no_merge:
        for labels_path in args.labels:
            merge_scores(args.data, labels_path)
    if not args.no_throughput:
        throughput(args.data, args.throughput_articles, args.configs.split(","), args.model)


if __name__ == "__main__":
    main()
