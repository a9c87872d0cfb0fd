"""`dateline eval timex`: tag TimeML documents with their DCT and score them the TempEval-3 way.

Metrics (TempEval-3 Task A, timex part; the DCT is not scored):

* strict extent: a system and a gold TIMEX3 match when their extents are identical;
* relaxed extent: they match when they share at least one token (here: overlap on a
  non-space character). Precision counts system timexes that overlap some gold one, recall
  gold timexes that overlap some system one;
* value (type) F1 = value (type) accuracy over the relaxed matches × relaxed F1, where each
  matched gold timex is compared with the system timex that overlaps it most.

Counts are micro-summed over documents. ``--out`` writes every tagged document as TimeML (the
official scorer ``TE3-evaluation.py`` reads them against the gold files), the gold copies' paths,
``config.json`` and ``scores.json`` (principle 14).
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dateline.errors import EvalError
from dateline.eval.metrics import prf
from dateline.models import Timex

__all__ = ["TimexCounts", "evaluate_timex", "score_document"]


@dataclass
class TimexCounts:
    """Micro-summed TempEval-3 counts over some documents."""

    docs: int = 0
    gold: int = 0
    pred: int = 0
    strict_tp: int = 0
    relaxed_pred_tp: int = 0
    relaxed_gold_tp: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: TimexCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, Any]:
        sp, sr, sf = prf(self.strict_tp, self.pred, self.gold)
        rp = self.relaxed_pred_tp / self.pred if self.pred else 0.0
        rr = self.relaxed_gold_tp / self.gold if self.gold else 0.0
        rf = 2 * rp * rr / (rp + rr) if rp + rr else 0.0
        v_acc = self.value_ok / self.relaxed_gold_tp if self.relaxed_gold_tp else 0.0
        t_acc = self.type_ok / self.relaxed_gold_tp if self.relaxed_gold_tp else 0.0
        return {
            "docs": self.docs,
            "strict-F1": round(100 * sf, 2),
            "relaxed-F1": round(100 * rf, 2),
            "value-F1": round(100 * v_acc * rf, 2),
            "type-F1": round(100 * t_acc * rf, 2),
            "strict-P": round(100 * sp, 2),
            "strict-R": round(100 * sr, 2),
            "relaxed-P": round(100 * rp, 2),
            "relaxed-R": round(100 * rr, 2),
            "value-accuracy": round(100 * v_acc, 2),
            "type-accuracy": round(100 * t_acc, 2),
            "gold": self.gold,
            "predicted": self.pred,
            "strict-matches": self.strict_tp,
            "relaxed-matches": self.relaxed_gold_tp,
            "value-correct": self.value_ok,
        }


def _chars(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if not text[i].isspace()}


def score_document(text: str, gold: Sequence[Timex], pred: Sequence[Timex]) -> TimexCounts:
    """TempEval-3 counts for one document (offsets of ``gold`` and ``pred`` are into ``text``)."""
    c = TimexCounts(docs=1, gold=len(gold), pred=len(pred))
    gold_spans = {(g.start, g.end) for g in gold}
    c.strict_tp = sum(1 for p in pred if (p.start, p.end) in gold_spans)
    gchars = [_chars(text, g.start, g.end) for g in gold]
    pchars = [_chars(text, p.start, p.end) for p in pred]
    for pc in pchars:
        if any(pc & gc for gc in gchars):
            c.relaxed_pred_tp += 1
    for g, gc in zip(gold, gchars, strict=True):
        best, best_overlap = None, 0
        for p, pc in zip(pred, pchars, strict=True):
            k = len(gc & pc)
            if k > best_overlap or (
                k == best_overlap and k and best is not None and (p.start, p.end) == (g.start, g.end)
            ):
                best, best_overlap = p, k
        if best is None:
            continue
        c.relaxed_gold_tp += 1
        c.value_ok += best.value == g.value
        c.type_ok += best.type == g.type
    return c


def _find(directory: Path) -> list[Path]:
    if not directory.exists():
        raise EvalError(f"{directory}: no such directory")
    if directory.is_file():
        return [directory]
    files = sorted(p for p in directory.rglob("*.tml") if p.is_file() and not p.name.startswith("._"))
    if not files:
        raise EvalError(f"{directory}: no .tml files found (expected TimeML documents, searched recursively)")
    return files


def evaluate_timex(directory: Path, *, out: Path | None = None) -> dict[str, Any]:
    """Tag every ``.tml`` document under ``directory`` (its DCT as anchor) and score it.

    Returns ``{"docs", "strict-F1", "relaxed-F1", "value-F1", "seconds", …}`` (F1 in percent)
    with precision/recall, type-F1, counts, tagging speed and, when the documents sit in more than
    one sub-folder, a ``"corpora"`` breakdown by top-level sub-folder. With ``out``, writes the
    tagged TimeML (same relative paths), ``config.json`` and ``scores.json`` there.
    """
    from dateline.timex.tagger import tag
    from dateline.timex.timeml import read_timeml, write_timeml

    directory = Path(directory)
    t0 = time.perf_counter()
    files = _find(directory)
    total = TimexCounts()
    per_corpus: dict[str, TimexCounts] = {}
    tag_seconds = 0.0
    if out is not None:
        out = Path(out)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EvalError(f"{out}: cannot create output directory: {exc}") from exc
    for path in files:
        doc = read_timeml(path)
        t1 = time.perf_counter()
        pred = tag(doc.text, dct=doc.dct)
        tag_seconds += time.perf_counter() - t1
        counts = score_document(doc.text, doc.gold, pred)
        total.add(counts)
        rel = path.relative_to(directory) if path != directory else Path(path.name)
        key = rel.parts[0] if len(rel.parts) > 1 else "."
        per_corpus.setdefault(key, TimexCounts()).add(counts)
        if out is not None:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(write_timeml(doc, pred), encoding="utf-8")
    result = total.scores()
    result["seconds"] = round(time.perf_counter() - t0, 3)
    result["tag-seconds"] = round(tag_seconds, 3)
    result["docs-per-second"] = round(len(files) / tag_seconds, 1) if tag_seconds else None
    if len(per_corpus) > 1:
        result["corpora"] = {k: v.scores() for k, v in sorted(per_corpus.items())}
    if out is not None:
        config = {
            "command": "dateline eval timex",
            "dataset": str(directory.resolve()),
            "documents": [str(p.relative_to(directory)) if p != directory else p.name for p in files],
            "tagger": "dateline.timex.tag",
            "anchor": "document creation time (DCT) of each TimeML file",
            "metrics": "TempEval-3 Task A timex: strict/relaxed extent F1, value/type F1 = accuracy x relaxed F1",
            "python": platform.python_version(),
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        (out / "scores.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
