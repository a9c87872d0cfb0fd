"""Attribution evaluation on PolNeAR-style brat data: the reader, the scorer and ``evaluate_attribution``.

A PolNeAR split folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``
(brat standoff). The reader turns one ``.ann`` file into :class:`GoldRelation` records (source, cue
and content spans, each a tuple of ``(start, end)`` fragments so that discontinuous spans survive);
the scorer compares them with the relations that :func:`dateline.enrich.claims.extract_relations`
finds in the raw text.

Matching (all counts are micro-summed over documents):

* **overlap** — a predicted span and a gold span match when they share at least one non-space
  character. Matching is one-to-one and greedy: all overlapping (prediction, gold) pairs are sorted
  by the number of shared characters, largest first, and taken while neither side is used yet.
  Precision = matches / predicted spans, recall = matches / gold spans.
* **exact** — the two spans cover the same characters once whitespace and punctuation (quotation
  marks, commas, full stops …) are ignored, so ``“Yes,”`` equals ``Yes``; matched one-to-one.
* **speaker-F1** — Citron-style source scoring: a predicted relation with a speaker is correct
  when it is matched one-to-one to a gold relation with a source whose cue overlaps its cue and
  whose source overlaps its speaker. Precision is over predicted relations that have a speaker,
  recall over gold relations that have a source (``Attribution-no-source`` relations have none).
* **relation-F1** — a predicted relation matches a gold one when content and cue overlap and the
  speakers overlap or are both absent (one-to-one).
* **proportional** — Citron's overlap metric: shared content characters / predicted content
  characters (precision) and / gold content characters (recall).

All relations are scored (direct quotes and indirect attributions alike). One annotator's file
is used per article: the first of the metadata ``annotators`` column that has a file, else the
first file by name.
"""

from __future__ import annotations

import csv
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import EvalError

logger = logging.getLogger(__name__)

Fragments = tuple[tuple[int, int], ...]

_ANN_LINE = re.compile(r"^(?:[TERAMN]\d+|#\d*)\t")
_SPAN_LABELS = {"Source", "Cue", "Content", "Attribution", "Attribution-no-source"}
_IGNORED = re.compile(r"[\s\W_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """One attribution relation; spans are fragment tuples of ``(start, end)`` character offsets."""

    source: Fragments | None
    cue: Fragments
    content: Fragments


@dataclass(frozen=True, slots=True)
class Document:
    """A PolNeAR article: its id, raw text, gold relations and the annotation file they came from."""

    id: str
    text: str
    relations: tuple[GoldRelation, ...]
    ann_path: Path


def _parse_offsets(field: str, origin: str) -> Fragments:
    try:
        parts = [piece.split() for piece in field.split(";")]
        return tuple((int(start), int(end)) for start, end in parts)
    except ValueError as exc:
        raise EvalError(f"{origin}: bad span offsets {field!r}") from exc


def read_ann(path: Path, *, text: str | None = None) -> list[GoldRelation]:
    """Read a brat ``.ann`` file into relations.

    Lines that do not start a brat record continue the previous one (a covered text with a line
    break); covered texts are ignored and offsets trusted. ``Content2`` fragments join the
    relation's content; ``Attribution-no-source`` relations get ``source=None``; relations without
    a cue or content are dropped (logged). With ``text``, offsets beyond its end raise
    :class:`EvalError`.
    """
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[tuple[str, str]] = []
    raw = path.read_text(encoding="utf-8")
    for lineno, line in enumerate(raw.split("\n"), start=1):
        if not line.strip() or not _ANN_LINE.match(line):
            continue
        origin = f"{path}:{lineno}"
        fields = line.split("\t")
        ident = fields[0]
        if ident.startswith("T"):
            if len(fields) < 2 or " " not in fields[1]:
                raise EvalError(f"{origin}: a T line needs 'Label start end', got {line[:80]!r}")
            label, offsets = fields[1].split(" ", 1)
            frags = _parse_offsets(offsets, origin)
            if text is not None and any(end > len(text) or start > end for start, end in frags):
                raise EvalError(f"{origin}: span {offsets!r} lies outside the text ({len(text)} chars)")
            spans[ident] = (label, frags)
        elif ident.startswith("E") and len(fields) >= 2:
            events.append((fields[1], f"{path}:{lineno}"))
    relations = []
    for body, origin in events:
        roles: dict[str, list[Fragments]] = {}
        no_source = False
        for arg in body.split():
            role, _, ref = arg.partition(":")
            if role == "Attribution-no-source":
                no_source = True
            if ref not in spans:
                logger.debug("%s: role %s refers to unknown span %s", origin, role, ref)
                continue
            key = "Content" if role.startswith("Content") else role
            roles.setdefault(key, []).append(spans[ref][1])
        if "Cue" not in roles or "Content" not in roles:
            logger.debug("%s: incomplete relation skipped", origin)
            continue
        content = tuple(sorted(frag for frags in roles["Content"] for frag in frags))
        source = None if no_source or "Source" not in roles else roles["Source"][0]
        relations.append(GoldRelation(source=source, cue=roles["Cue"][0], content=content))
    return relations


def _annotator_order(directory: Path) -> dict[str, list[str]]:
    order: dict[str, list[str]] = {}
    for parent in (directory, *directory.parents[:2]):
        for meta in sorted(parent.glob("metadata*.tsv")):
            with meta.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    if row.get("filename") and row.get("annotators"):
                        order.setdefault(row["filename"], row["annotators"].split("|"))
        if order:
            break
    return order


def split_dirs(directory: Path) -> list[Path]:
    """The PolNeAR split folders to score: ``directory`` itself when it has ``text/``, else every
    folder beneath it (sorted) that has both ``text/`` and ``attributions/``."""
    if (directory / "text").is_dir():
        return [directory]
    found = sorted(p.parent for p in directory.rglob("text") if (p.parent / "attributions").is_dir())
    if not found:
        raise EvalError(f"{directory}: no PolNeAR split found (expected text/ and attributions/ folders)")
    return found


def read_split(directory: Path, *, limit: int | None = None) -> Iterator[Document]:
    """Yield the annotated articles of one PolNeAR split folder, one annotator each, by name order."""
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalError(f"{directory}: expected text/ and attributions/ folders")
    order = _annotator_order(directory)
    files: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem, _, _annotator = ann.stem.rpartition("_")
        files.setdefault(stem, []).append(ann)
    count = 0
    for stem in sorted(files):
        if limit is not None and count >= limit:
            return
        text_path = text_dir / f"{stem}.txt"
        if not text_path.exists():
            logger.warning("%s: annotations without text, skipped", stem)
            continue
        by_annotator = {path.stem.rpartition("_")[2]: path for path in files[stem]}
        chosen = next((by_annotator[a] for a in order.get(stem, []) if a in by_annotator), files[stem][0])
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        yield Document(stem, text, tuple(read_ann(chosen, text=text)), chosen)
        count += 1


# --- scoring -------------------------------------------------------------------------------------


def _chars(text: str, frags: Fragments | None) -> frozenset[int]:
    if not frags:
        return frozenset()
    chars = frozenset(i for start, end in frags for i in range(start, end) if not _IGNORED.match(text[i]))
    if chars:
        return chars
    # A span of punctuation only (the ":" cue of "Graham: Trump's …") keeps its characters, else
    # it could never match anything.
    return frozenset(i for start, end in frags for i in range(start, end) if not text[i].isspace())


def _greedy(
    preds: Sequence[Any], golds: Sequence[Any], weight: Callable[[Any, Any], int]
) -> list[tuple[int, int]]:
    """One-to-one greedy matching on a positive pair weight, largest weight first."""
    pairs = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            w = weight(pred, gold)
            if w > 0:
                pairs.append((-w, i, j))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


@dataclass
class _Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def prf(self) -> dict[str, float]:
        return prf(self.tp, self.pred, self.gold)


def prf(tp: float, pred: float, gold: float) -> dict[str, float]:
    """Precision, recall and F1 from a true-positive count and the predicted and gold totals."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "F1": round(f, 4)}


class AttributionScorer:
    """Accumulates span and relation matches over documents (see the module docstring)."""

    def __init__(self) -> None:
        self.content = _Counts()
        self.content_exact = _Counts()
        self.cue = _Counts()
        self.speaker = _Counts()
        self.speaker_exact = _Counts()
        self.relation = _Counts()
        self.shared_chars = 0
        self.pred_chars = 0
        self.gold_chars = 0

    def add(self, text: str, preds: Sequence[GoldRelation], golds: Sequence[GoldRelation]) -> None:
        """Score one document's predicted relations against its gold relations."""
        pc = [_chars(text, r.content) for r in preds]
        gc = [_chars(text, r.content) for r in golds]
        pq = [_chars(text, r.cue) for r in preds]
        gq = [_chars(text, r.cue) for r in golds]
        ps = [_chars(text, r.source) for r in preds]
        gs = [_chars(text, r.source) for r in golds]
        ip, ig = range(len(preds)), range(len(golds))

        def overlap(a: Sequence[frozenset[int]], b: Sequence[frozenset[int]]) -> Callable[[int, int], int]:
            return lambda i, j: len(a[i] & b[j])

        n = len(_greedy(ip, ig, overlap(pc, gc)))
        self.content.add(n, len(preds), len(golds))
        n = len(_greedy(ip, ig, lambda i, j: int(bool(pc[i]) and pc[i] == gc[j])))
        self.content_exact.add(n, len(preds), len(golds))
        self.cue.add(len(_greedy(ip, ig, overlap(pq, gq))), len(preds), len(golds))
        pred_s = [i for i in ip if ps[i]]
        gold_s = [j for j in ig if gs[j]]
        n = len(_greedy(pred_s, gold_s, lambda i, j: len(ps[i] & gs[j]) if pq[i] & gq[j] else 0))
        self.speaker.add(n, len(pred_s), len(gold_s))
        n = len(_greedy(pred_s, gold_s, lambda i, j: int(ps[i] == gs[j] and bool(pq[i] & gq[j]))))
        self.speaker_exact.add(n, len(pred_s), len(gold_s))

        def rel(i: int, j: int) -> int:
            same_speaker = bool(ps[i] & gs[j]) or (not ps[i] and not gs[j])
            return len(pc[i] & gc[j]) if same_speaker and pq[i] & gq[j] else 0

        self.relation.add(len(_greedy(ip, ig, rel)), len(preds), len(golds))
        all_p = frozenset().union(*pc) if pc else frozenset()
        all_g = frozenset().union(*gc) if gc else frozenset()
        self.shared_chars += len(all_p & all_g)
        self.pred_chars += len(all_p)
        self.gold_chars += len(all_g)

    def scores(self) -> dict[str, Any]:
        """The figures: content overlap P/R/F1 at the top level, the rest in named sub-dicts."""
        main = self.content.prf()
        speaker = self.speaker.prf()
        return {
            **main,
            "speaker-F1": speaker["F1"],
            "exact": self.content_exact.prf(),
            "speaker": speaker,
            "speaker-exact": self.speaker_exact.prf(),
            "cue": self.cue.prf(),
            "cue-F1": self.cue.prf()["F1"],
            "relation": self.relation.prf(),
            "relation-F1": self.relation.prf()["F1"],
            "proportional": prf(self.shared_chars, self.pred_chars, self.gold_chars),
            "counts": {"predicted": self.content.pred, "gold": self.content.gold},
        }


# --- running -------------------------------------------------------------------------------------


def write_ann(path: Path, text: str, relations: Iterable[GoldRelation]) -> None:
    """Write relations as a brat ``.ann`` file (the PolNeAR label and event layout)."""
    lines: list[str] = []
    t = 0

    def span(label: str, frags: Fragments) -> str:
        nonlocal t
        t += 1
        offsets = ";".join(f"{s} {e}" for s, e in frags)
        covered = " ".join(text[s:e] for s, e in frags).replace("\n", " ")
        lines.append(f"T{t}\t{label} {offsets}\t{covered}")
        return f"T{t}"

    for e, rel in enumerate(relations, start=1):
        args = []
        if rel.source:
            args.append(f"Source:{span('Source', rel.source)}")
        args.append(f"Cue:{span('Cue', rel.cue)}")
        args.append(f"Content:{span('Content', rel.content)}")
        anchor = "Attribution" if rel.source else "Attribution-no-source"
        args.insert(0, f"{anchor}:{span(anchor, rel.cue)}")
        lines.append(f"E{e}\t{' '.join(args)}")
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


def evaluate_attribution(directory: Path, *, out: Path | None = None, limit: int | None = None) -> dict:
    """Extract attributions from every article under ``directory`` and score them against PolNeAR.

    ``directory`` is a split folder (with ``text/`` and ``attributions/``) or a folder above splits,
    in which case every split found beneath it is scored together (named in ``"splits"``).
    ``limit`` caps the articles per split. Returns ``{"docs", "precision", "recall", "F1",
    "speaker-F1", "seconds", …}`` (content overlap scores at the top level; see the module
    docstring for every key). With ``out``, writes one predicted ``.ann`` per article under
    ``out/<split>/`` plus ``out/scores.json`` (scores and configuration, with the cue model's file
    and thresholds).
    """
    from dateline.enrich.claims import extract_relations, load_pipeline
    from dateline.enrich.claims_model import MODEL_PATH, load_cue_model

    directory = Path(directory)
    if not directory.is_dir():
        raise EvalError(f"{directory}: not a directory")
    splits = split_dirs(directory)
    nlp = load_pipeline()
    scorer = AttributionScorer()
    docs = 0
    started = time.perf_counter()
    for split in splits:
        target = out / split.name if out is not None else None
        if target is not None:
            target.mkdir(parents=True, exist_ok=True)
        for doc in read_split(split, limit=limit):
            preds = [
                GoldRelation(source=r.speaker, cue=r.cue, content=r.content)
                for r in extract_relations(nlp, doc.text)
            ]
            scorer.add(doc.text, preds, doc.relations)
            docs += 1
            if target is not None:
                write_ann(target / f"{doc.id}.ann", doc.text, preds)
    if docs == 0:
        raise EvalError(f"{directory}: no annotated articles found")
    result: dict[str, Any] = {"docs": docs, **scorer.scores()}
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["splits"] = [str(s) for s in splits]
    if out is not None:
        model = load_cue_model()
        config = {
            "directory": str(directory),
            "limit": limit,
            "matching": "one-to-one greedy overlap",
            "cue_model": {
                "file": MODEL_PATH.name,
                "features": len(model.weights),
                "thresholds": {"listed": model.threshold_listed, "new": model.threshold_new},
            },
        }
        (out / "scores.json").write_text(json.dumps({"config": config, "scores": result}, indent=2))
    return result
