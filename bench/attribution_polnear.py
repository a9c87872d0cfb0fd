"""Attribution scores on PolNeAR (default: the dev split), as ``dateline eval attribution`` gives them.

    python bench/attribution_polnear.py [DIR] [--limit N] [--out DIR]

Prints content-span P/R/F1 by overlap and exact match, speaker, cue and relation F1 and the time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dateline.eval.attribution import evaluate_attribution

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path, nargs="?", default=DATA / "attribution" / "polnear" / "dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args()
    result = evaluate_attribution(args.directory, out=args.out, limit=args.limit)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    ex, sp, cue, rel, prop = (result[k] for k in ("exact", "speaker", "cue", "relation", "proportional"))
    print(
        f"PolNeAR {', '.join(Path(s).name for s in result['splits'])}: {result['docs']} docs, "
        f"{result['counts']['gold']} gold / {result['counts']['predicted']} predicted relations, "
        f"{result['seconds']} s"
    )
    print(f"  content overlap  P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['F1']:.3f}")
    print(f"  content exact    P {ex['precision']:.3f}  R {ex['recall']:.3f}  F1 {ex['F1']:.3f}")
    print(f"  content chars    P {prop['precision']:.3f}  R {prop['recall']:.3f}  F1 {prop['F1']:.3f}")
    print(f"  speaker          P {sp['precision']:.3f}  R {sp['recall']:.3f}  F1 {sp['F1']:.3f}")
    print(f"  cue              P {cue['precision']:.3f}  R {cue['recall']:.3f}  F1 {cue['F1']:.3f}")
    print(f"  relation         P {rel['precision']:.3f}  R {rel['recall']:.3f}  F1 {rel['F1']:.3f}")


if __name__ == "__main__":
    main()
