"""Run every fuzz target with many hypothesis examples and print the cases run and failures found.

Usage: ``python bench/fuzz_all.py [--examples 20000] [--only NAME ...] [--examples-for NAME=N ...]
[--seconds-per-target S]``.
The targets and checks are those of ``tests/hardening/test_fuzz.py`` (``fuzz_targets.py``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hardening.fuzz_targets import run, targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000, help="hypothesis examples per target")
    parser.add_argument("--examples-for", action="append", default=[], metavar="NAME=N")
    parser.add_argument("--only", nargs="*", default=None, help="target names (default: all)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: derandomised)")
    parser.add_argument(
        "--seconds-per-target", type=float, default=None, help="stop checking a target after this long"
    )
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # readers log a warning per malformed input
    warnings.simplefilter("ignore")
    per = {k: int(v) for k, v in (item.split("=", 1) for item in args.examples_for)}
    total = failed = 0
    print(f"{'target':<18} {'cases':>7} {'seconds':>8}  failure")
    for target in targets():
        if args.only and target.name not in args.only:
            continue
        result = run(
            target,
            max_examples=per.get(target.name, args.examples),
            seed=args.seed,
            seconds=args.seconds_per_target,
        )
        total += result.cases
        failed += result.failure is not None
        print(
            f"{result.name:<18} {result.cases:>7} {result.seconds:>8.1f}  {result.failure or '-'}", flush=True
        )
    print(f"total cases {total}; targets with a failure {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
