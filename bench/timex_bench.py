"""Speed and accuracy of dateline's temporal tagger on the TempEval-3 training corpora and WikiWars.

    .venv/bin/python bench/timex_bench.py [DIR …]     (default: ../shared/data/timex corpora)

For each corpus directory: documents, strict / relaxed / value F1 (TempEval-3 definitions, the
document's DCT as anchor) and documents per second on one core, both as wall-clock and as CPU
time of this process (the CPU figure is the one to compare when the machine is busy). Ends with
the time to tag a 1 MB text.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dateline.eval.timex import TimexCounts, score_document
from dateline.timex import read_timeml, tag

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "timex"
DEFAULT = [
    SHARED / "tbaq-cleaned" / "TimeBank",
    SHARED / "tbaq-cleaned" / "AQUAINT",
    SHARED / "wikiwars-timex3" / "tml-xtime-updated",
]


def bench(directory: Path, repeats: int = 3) -> dict[str, object]:
    docs = [read_timeml(p) for p in sorted(directory.rglob("*.tml"))]
    total = TimexCounts()
    for d in docs:
        total.add(score_document(d.text, d.gold, tag(d.text, dct=d.dct)))
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            tag(d.text, dct=d.dct)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    s = total.scores()
    chars = sum(len(d.text) for d in docs)
    return {
        "corpus": directory.name,
        "docs": len(docs),
        "chars/doc": round(chars / max(len(docs), 1)),
        "strict": s["strict-F1"],
        "relaxed": s["relaxed-F1"],
        "value": s["value-F1"],
        "docs/s wall": round(len(docs) / best_wall, 1),
        "docs/s cpu": round(len(docs) / best_cpu, 1),
    }


def main() -> None:
    dirs = [Path(a) for a in sys.argv[1:]] or DEFAULT
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    rows = [bench(d) for d in dirs if d.exists()]
    keys = list(rows[0]) if rows else []
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        print("| " + " | ".join(str(r[k]) for k in keys) + " |")
    sample = (
        "On Monday the minister said he will travel to Paris on Friday, two days after the vote. " * 12000
    )
    w0, c0 = time.perf_counter(), time.process_time()
    found = tag(sample[:1_000_000], dct="2023-11-07")
    print(
        f"1 MB text: {len(found)} timexes in {time.perf_counter() - w0:.2f} s wall, "
        f"{time.process_time() - c0:.2f} s cpu; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
