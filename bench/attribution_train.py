"""Train the attribution cue classifier on PolNeAR train and write ``claims_cues.json.gz``.

    python bench/attribution_train.py [TRAIN_DIR] [--dev DIR] [--out FILE] [--cache DIR] [--c 0.3]

To retrain (after changing the features in ``src/dateline/enrich/claims_model.py``, the cue
lexicons or the parse): run this script from the repository root with the PolNeAR train and dev
splits beside the clone (the defaults); it overwrites ``src/dateline/enrich/claims_cues.json.gz``,
then re-run ``bench/attribution_polnear.py`` and commit the JSON. Training is deterministic (lbfgs,
no sampling): the same data and code give the same file.

Every candidate token of the claims parse (:func:`dateline.enrich.claims_model.candidate_tokens`
of :func:`dateline.enrich.claims.candidate_doc`, exactly what enrichment parses) is one example,
positive when it lies inside a gold cue span. A logistic regression is fitted on train only; the
two decision thresholds (for lexicon words and for words outside the lexicons) are then chosen on
dev, by speaker F1 of the whole pipeline with content F1 kept >= 0.75. Prints the token-level
figures on train and dev and the pipeline's scores on both splits with the chosen thresholds.
``--cache DIR`` keeps the parses (spaCy DocBin files) so that a second run skips parsing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin

from dateline.enrich.claims import _relations, candidate_doc, load_pipeline
from dateline.enrich.claims_model import (
    FORMAT,
    MODEL_PATH,
    CueModel,
    candidate_features,
    listed,
)
from dateline.enrich.sentences import make_sentences
from dateline.eval.attribution import AttributionScorer, Document, GoldRelation, _chars, read_split

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "attribution" / "polnear"
_ATTRS = ["ORTH", "TAG", "POS", "DEP", "HEAD", "LEMMA", "SENT_START"]


def parse_split(directory: Path, cache: Path | None) -> list[tuple[Document, Doc | None]]:
    """The split's documents with their claims parse (``None`` when no sentence passes the filter)."""
    docs = list(read_split(directory))
    nlp = load_pipeline()
    path = cache / f"{directory.name}.spacy" if cache is not None else None
    if path is not None and path.exists():
        parsed = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        return [(doc, p if len(p) else None) for doc, p in zip(docs, parsed, strict=True)]
    out: list[tuple[Document, Doc | None]] = []
    for doc in docs:
        out.append((doc, candidate_doc(nlp, doc.text, make_sentences(doc.id, doc.text))))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(attrs=_ATTRS)
        for _, p in out:
            bin_.add(p if p is not None else nlp.make_doc(""))
        bin_.to_disk(path)
    return out


def examples(split: Sequence[tuple[Document, Doc | None]]) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """Features, labels (token inside a gold cue) and lexicon membership of every candidate token."""
    feats: list[list[str]] = []
    labels: list[int] = []
    known: list[bool] = []
    for doc, parsed in split:
        if parsed is None:
            continue
        cue_chars = frozenset().union(*(_chars(doc.text, r.cue) for r in doc.relations))
        for tok, tok_feats in candidate_features(parsed):
            feats.append(tok_feats)
            labels.append(int(any(i in cue_chars for i in range(tok.idx, tok.idx + len(tok.text)))))
            known.append(listed(tok))
    return feats, np.array(labels), np.array(known)


def vectorise(feats: list[list[str]], vocab: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for c in {vocab[f] for f in fs if f in vocab}:
            rows.append(r)
            cols.append(c)
    data = np.ones(len(rows), dtype=np.float64)
    return csr_matrix((data, (rows, cols)), shape=(len(feats), len(vocab)))


def token_prf(pred: np.ndarray, gold: np.ndarray) -> str:
    tp = int((pred & (gold == 1)).sum())
    p = tp / max(1, int(pred.sum()))
    r = tp / max(1, int(gold.sum()))
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}"


def pipeline_scores(split: Sequence[tuple[Document, Doc | None]], model: CueModel) -> dict:
    scorer = AttributionScorer()
    for doc, parsed in split:
        rels = _relations(parsed, model) if parsed is not None else []
        preds = [GoldRelation(source=r.speaker, cue=r.cue, content=r.content) for r in rels]
        scorer.add(doc.text, preds, doc.relations)
    return scorer.scores()


def line(name: str, scores: dict) -> str:
    c, s, q = scores, scores["speaker"], scores["cue"]
    return (
        f"{name:6} content P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['F1']:.3f} | speaker P "
        f"{s['precision']:.3f} R {s['recall']:.3f} F1 {s['F1']:.3f} | cue P {q['precision']:.3f} "
        f"R {q['recall']:.3f} F1 {q['F1']:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("train", type=Path, nargs="?", default=DATA / "train")
    parser.add_argument("--dev", type=Path, default=DATA / "dev")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cache", type=Path, default=None, help="keep parses here (DocBin)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 regularisation strength")
    parser.add_argument("--prune", type=float, default=0.05, help="drop weights smaller than this")
    parser.add_argument("--min-count", type=int, default=2, help="drop features seen fewer times in train")
    args = parser.parse_args()

    started = time.process_time()
    train, dev = parse_split(args.train, args.cache), parse_split(args.dev, args.cache)
    print(
        f"parsed {len(train)} train and {len(dev)} dev articles in {time.process_time() - started:.0f} CPU s"
    )
    train_x, train_y, train_known = examples(train)
    dev_x, dev_y, dev_known = examples(dev)
    counts = Counter(f for fs in train_x for f in set(fs))
    names = sorted(f for f, n in counts.items() if n >= args.min_count)
    vocab = {f: i for i, f in enumerate(names)}
    clf = LogisticRegression(C=args.c, max_iter=2000, solver="lbfgs")
    clf.fit(vectorise(train_x, vocab), train_y)
    print(
        f"{len(train_y)} train tokens ({train_y.mean():.1%} cues), {len(dev_y)} dev tokens, "
        f"{len(vocab)} features"
    )
    # Weights under --prune barely change a decision (0.05 cost dev speaker F1 0.001); dropping
    # them keeps the file small.
    weights = {
        f: round(float(w), 3) for f, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= args.prune
    }
    bias = round(float(clf.intercept_[0]), 3)

    def model(listed_t: float, new_t: float) -> CueModel:
        return CueModel(weights=weights, bias=bias, threshold_listed=listed_t, threshold_new=new_t)

    for name, xs, ys, known in (("train", train_x, train_y, train_known), ("dev", dev_x, dev_y, dev_known)):
        probs = np.array([model(0.5, 0.5).probability(fs) for fs in xs])
        print(
            f"tokens {name:5} at 0.5: {token_prf(probs >= 0.5, ys)}; lexicon words only: "
            f"{token_prf(known & (probs >= 0.5), ys)}; lexicon as is: {token_prf(known, ys)}"
        )

    best: tuple[float, float, float] | None = None
    for listed_t in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3):
        for new_t in (0.3, 0.35, 0.4, 0.5, 0.6, 1.01):
            scores = pipeline_scores(dev, model(listed_t, new_t))
            print(f"  listed >= {listed_t:.2f}, new >= {new_t:.2f}: {line('dev', scores)}")
            if scores["F1"] >= 0.75 and (best is None or scores["speaker-F1"] > best[0]):
                best = (scores["speaker-F1"], listed_t, new_t)
    if best is None:
        raise SystemExit("no threshold pair keeps dev content F1 >= 0.75")
    chosen = model(best[1], best[2])
    print(f"chosen: listed >= {best[1]}, new >= {best[2]}")
    train_scores, dev_scores = pipeline_scores(train, chosen), pipeline_scores(dev, chosen)
    print(line("train", train_scores))
    print(line("dev", dev_scores))
    payload = {
        "format": FORMAT,
        "about": "dateline attribution cue classifier (logistic regression), trained on PolNeAR train; "
        "retrain with bench/attribution_train.py",
        "trained_on": {"split": args.train.name, "articles": len(train), "tokens": len(train_y)},
        "options": {"C": args.c, "min_count": args.min_count, "prune": args.prune},
        "thresholds": {"listed": best[1], "new": best[2]},
        "bias": bias,
        "weights": dict(sorted(weights.items())),
    }
    # No time stamp or file name in the header: the same weights give the same bytes.
    args.out.write_bytes(gzip.compress((json.dumps(payload, indent=0) + "\n").encode("utf-8"), mtime=0))
    print(
        f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB) in {time.process_time() - started:.0f} CPU s"
    )


if __name__ == "__main__":
    main()
