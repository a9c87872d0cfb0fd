"""Hypothesis fuzzing of every reader, the whole read path, the TimeML reader and the tagger.

A few dozen examples per target keep the default suite fast; ``bench/fuzz_all.py`` runs the same
targets with thousands. The checks (see ``fuzz_targets.py``): readers yield only Article or
Rejected and never raise; ``read_timeml`` returns a document or raises EvalError; ``tag`` gives
valid offsets for any text and any DCT from year 1 to 9999, within a time bound.
"""

from __future__ import annotations

import pytest

from tests.hardening.fuzz_targets import Target, run, targets

TARGETS = {t.name: t for t in targets()}
EXAMPLES = {"reader:html": 20, "reader:feed": 40, "read_input:auto": 30, "timeml": 40, "tagger": 80}
KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_target(name: str, request: pytest.FixtureRequest) -> None:
    if name in KNOWN:
        request.applymarker(pytest.mark.xfail(strict=False, reason=KNOWN[name]))
    target: Target = TARGETS[name]
    result = run(target, max_examples=EXAMPLES.get(name, 60))
    assert result.failure is None, result.failure
    assert result.cases >= min(EXAMPLES.get(name, 60), 20)


def test_every_registered_reader_is_fuzzed() -> None:
    from dateline.ingest.registry import format_names

    assert {f"reader:{name}" for name in format_names()} <= set(TARGETS)
