"""Speed of the claims stage (prefilter + parse of candidate sentences + rules) against NER alone.

Mirrors how the enrichment runner calls :func:`dateline.enrich.claims.extract_claims`: sentences
that :func:`may_contain_claim` rejects are blanked to spaces (offsets stay article offsets), the rest
is parsed once per article with the full pipeline. The baseline is tok2vec+NER over the whole
article, which the runner does anyway. Prints sentences, candidate share, sentences per second and
the claims time as a share of the NER time.

    python bench/attribution_speed.py [--t17 DIR] [--polnear DIR] [--articles N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from dateline.enrich.claims import extract_claims, load_pipeline, may_contain_claim
from dateline.enrich.sentences import make_sentences

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def t17_texts(root: Path, limit: int) -> list[str]:
    texts: list[str] = []
    topics = sorted(root.glob("*/articles.jsonl.gz"))
    per_topic = max(1, limit // max(1, len(topics)))
    for path in topics:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for n, line in enumerate(handle):
                if n >= per_topic:
                    break
                text = json.loads(line)["text"]
                if text.strip():
                    texts.append(text)
    return texts[:limit]


def polnear_texts(root: Path, limit: int) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((root / "text").glob("*.txt"))[:limit]]


def measure(
    name: str, texts: list[str], *, claims_pipes: list[str] | None = None, core: bool = False
) -> None:
    nlp = load_pipeline()
    sentences = [make_sentences("a", text) for text in texts]
    total = sum(len(s) for s in sentences)
    started = time.process_time()
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for text in texts:
            nlp(text)
    ner_seconds = time.process_time() - started

    started = time.process_time()
    candidates = claims = 0
    for text, sents in zip(texts, sentences, strict=True):
        keep = [s for s in sents if may_contain_claim(s.text, core=core)]
        candidates += len(keep)
        if not keep:
            continue
        masked = list(" " * keep[-1].end)
        for sent in keep:
            masked[sent.start : sent.end] = text[sent.start : sent.end]
        if claims_pipes is None:
            doc = nlp("".join(masked))
        else:
            with nlp.select_pipes(enable=claims_pipes):
                doc = nlp("".join(masked))
        claims += len(extract_claims(doc, article_id="a", sentence_starts=[s.start for s in sents]))
    claims_seconds = time.process_time() - started
    label = ("full pipeline" if claims_pipes is None else "+".join(claims_pipes)) + (
        ", core cues" if core else ""
    )
    print(
        f"{name} [{label}]: {len(texts)} articles, {total} sentences, candidates {candidates / total:.1%}, "
        f"{claims} claims\n"
        f"  NER alone  {ner_seconds:7.1f} CPU-s  {total / ner_seconds:7.0f} sentences/CPU-s\n"
        f"  claims     {claims_seconds:7.1f} CPU-s  {total / claims_seconds:7.0f} sentences/CPU-s "
        f"(all sentences; {candidates / claims_seconds:.0f} candidates/CPU-s)\n"
        f"  claims / NER time: {claims_seconds / ner_seconds:.0%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--t17", type=Path, default=DATA / "t17")
    parser.add_argument("--polnear", type=Path, default=DATA / "attribution" / "polnear" / "dev")
    parser.add_argument("--articles", type=int, default=90)
    parser.add_argument("--core", action="store_true", help="the narrower prefilter (core=True)")
    parser.add_argument(
        "--no-ner", action="store_true", help="parse candidates without NER (no speaker_entity)"
    )
    args = parser.parse_args()
    nlp = load_pipeline()
    pipes = [p for p in nlp.pipe_names if p != "ner"] if args.no_ner else None
    if args.t17.is_dir():
        measure("T17", t17_texts(args.t17, args.articles), claims_pipes=pipes, core=args.core)
    if args.polnear.is_dir():
        measure("PolNeAR", polnear_texts(args.polnear, args.articles), claims_pipes=pipes, core=args.core)


if __name__ == "__main__":
    main()
