"""Every case of the bad-input corpus (``tests/data/bad/MANIFEST.json``) gives its documented outcome.

Each file goes through :func:`dateline.ingest.read_input` (or the tagger); the manifest says, per
outcome, whether it is stored or rejected and with which reason. Big inputs (gzip bombs, 10 MB
lines, 50 MB bodies, 1 MB of "on Monday") are built here at test time, not committed.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import dateline.ingest
from dateline.errors import EvalError, FetchError
from dateline.ingest import read_input
from dateline.ingest.base import Outcome, ReadOptions
from dateline.models import Article
from dateline.timex import read_timeml, tag

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
MANIFEST: list[dict[str, Any]] = json.loads((BAD / "MANIFEST.json").read_text())["cases"]
TODAY = date(2025, 1, 1)


def no_network(url: str) -> tuple[bytes, str | None]:
    """The fetch function of every test: a linked page is never fetched."""
    raise FetchError(url, "network disabled in tests")


def options_for(case: dict[str, Any]) -> ReadOptions:
    default = date.fromisoformat(case["date"]) if "date" in case else None
    return ReadOptions(today=TODAY, fetch=no_network, default_date=default, source=case.get("source"))


def describe(outcomes: list[Outcome]) -> list[str]:
    return ["stored" if isinstance(o, Article) else f"rejected: {o.reason}" for o in outcomes]


def check_outcomes(outcomes: list[Outcome], expect: list[str]) -> None:
    got = describe(outcomes)
    assert len(got) == len(expect), f"expected {expect}, got {got}"
    for want, have in zip(expect, got, strict=True):
        if want == "stored":
            assert have == "stored", f"expected stored, got {have}"
        else:
            assert have.startswith("rejected: ") and want.removeprefix("rejected: ") in have, (
                f"expected {want!r}, got {have!r}"
            )


def test_manifest_is_complete() -> None:
    files = {c["file"] for c in MANIFEST}
    on_disk = {str(p.relative_to(BAD)) for p in BAD.rglob("*") if p.is_file()}
    assert files <= on_disk
    assert on_disk - files == {"MANIFEST.json", "t17bad/topic/keywords.json"}
    assert len(MANIFEST) >= 30
    assert sum(p.stat().st_size for p in BAD.rglob("*") if p.is_file()) < 1024 * 1024
    readers = {c["format"] for c in MANIFEST} | {Path(c["file"]).suffix for c in MANIFEST}
    for needed in ("seed", "tagger", "timeml", ".txt", ".jsonl", ".csv", ".html", ".rss", ".atom", ".gz"):
        assert needed in readers


@pytest.mark.parametrize(
    "case", [c for c in MANIFEST if c["format"] not in ("tagger", "timeml")], ids=lambda c: c["file"]
)
def test_reader_case(
    case: dict[str, Any], caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest
) -> None:
    if "bug" in case:
        request.applymarker(pytest.mark.xfail(strict=True, reason=case["bug"]))
    caplog.set_level(logging.WARNING)
    outcomes = list(read_input(str(BAD / case["file"]), format=case["format"], options=options_for(case)))
    check_outcomes(outcomes, case["expect"])
    stored = [o for o in outcomes if isinstance(o, Article)]
    for article in stored:
        assert article.text.strip() and article.published <= TODAY
        assert "\x00" not in article.text
    if "text_contains" in case:
        assert any(case["text_contains"] in a.text for a in stored)
    if "text_lacks" in case:
        assert all(case["text_lacks"] not in a.text for a in stored)
    if "warning" in case:
        assert case["warning"] in caplog.text


@pytest.mark.parametrize("case", [c for c in MANIFEST if c["format"] == "tagger"], ids=lambda c: c["file"])
def test_tagger_case(case: dict[str, Any]) -> None:
    text = (BAD / case["file"]).read_text(encoding="utf-8")
    started = time.perf_counter()
    found = tag(text, dct=case["dct"])
    assert time.perf_counter() - started < case["seconds"]
    for timex in found:
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize("case", [c for c in MANIFEST if c["format"] == "timeml"], ids=lambda c: c["file"])
def test_timeml_case(case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    if "bug" in case:
        request.applymarker(pytest.mark.xfail(strict=True, reason=case["bug"]))
    (want,) = case["expect"]
    with pytest.raises(EvalError, match=re.escape(want.removeprefix("error: "))):
        read_timeml(BAD / case["file"])


def test_tagger_reads_dates_through_zero_width_and_bidi_marks() -> None:
    text = (BAD / "timex" / "rtl_zero_width_dates.txt").read_text(encoding="utf-8")
    values = {t.value for t in tag(text, dct="2023-11-08")}
    assert {"2023-11-05", "2023-11-07"} <= values


def bomb(path: Path, size: int) -> Path:
    chunk = b"\0" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as gz:
        for _ in range(size >> 20):
            gz.write(chunk)
    return path


def test_gzip_bomb_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit is 512 MB; a smaller one keeps the default suite light and checks the same code.
    monkeypatch.setattr(dateline.ingest, "MAX_FILE_BYTES", 8 << 20)
    path = bomb(tmp_path / "bomb.jsonl.gz", 32 << 20)
    assert path.stat().st_size < 100_000
    check_outcomes(list(read_input(str(path))), ["rejected: decompresses to more than"])


@pytest.mark.slow
def test_gzip_bomb_at_the_real_limit(tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.jsonl.gz", 1 << 30)
    check_outcomes(list(read_input(str(path))), ["rejected: decompresses to more than"])


def test_file_over_the_size_limit_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dateline.ingest, "MAX_FILE_BYTES", 1 << 20)
    path = tmp_path / "2023-11-07" / "big.txt"
    path.parent.mkdir()
    path.write_bytes(b"word " * (300 << 10))
    check_outcomes(list(read_input(str(path))), ["rejected: file too large"])


def test_ten_megabyte_line_is_stored(tmp_path: Path) -> None:
    body = "Floods reached the capital on Tuesday. " * (10_000_000 // 39)
    path = tmp_path / "huge_line.jsonl"
    path.write_text(json.dumps({"date": "2023-11-07", "text": body}) + "\n" + '{"date": "2023-11-08"}\n')
    started = time.perf_counter()
    outcomes = list(read_input(str(path), options=ReadOptions(today=TODAY)))
    assert time.perf_counter() - started < 20
    check_outcomes(outcomes, ["stored", "rejected: no text"])
    assert isinstance(outcomes[0], Article) and outcomes[0].text == body.strip()


@pytest.mark.slow
def test_fifty_megabyte_body_is_stored(tmp_path: Path) -> None:
    body = "Floods reached the capital on Tuesday.\n" * (50_000_000 // 39)
    path = tmp_path / "body.txt"
    path.write_text("date 2023-11-07\n" + body)
    outcomes = list(read_input(str(path), options=ReadOptions(today=TODAY)))
    check_outcomes(outcomes, ["stored"])
    assert isinstance(outcomes[0], Article) and len(outcomes[0].text) == len(body.strip())


@pytest.mark.parametrize(("unit", "times", "seconds"), [("on Monday ", 5_000, 15), ("7", 200_000, 15)])
def test_tagger_on_repetitive_text_is_bounded(unit: str, times: int, seconds: float) -> None:
    text = unit * times
    started = time.perf_counter()
    found = tag(text, dct="2023-11-08")
    assert time.perf_counter() - started < seconds
    assert all(text[t.start : t.end] == t.text for t in found)


@pytest.mark.slow
def test_tagger_on_a_megabyte_of_on_monday() -> None:
    # About 100,000 weekday expressions: linear, but 35-150 s depending on load (docs/reliability.md).
    text = "on Monday " * 100_000
    started = time.perf_counter()
    found = tag(text, dct="2023-11-08")
    assert time.perf_counter() - started < 300
    assert len(found) == 100_000 and {t.value for t in found} == {"2023-11-06"}


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    db = tmp_path / "store.db"
    return subprocess.run(
        [sys.executable, "-m", "dateline", "--db", str(db), "ingest", "--no-enrich", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_stores_the_good_and_names_the_bad(tmp_path: Path) -> None:
    names = ("jsonl_truncated.jsonl", "empty.txt", "feed_billion_laughs.rss")
    done = run_cli(tmp_path, *(str(BAD / name) for name in names))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "empty file" in done.stderr and "not valid JSON" in done.stderr and "refused" in done.stderr
    assert "stored 1" in done.stdout


@pytest.mark.slow
def test_cli_rejects_deeply_nested_json_without_a_traceback(tmp_path: Path) -> None:
    done = run_cli(tmp_path, str(BAD / "json_deep_nesting.json"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "not valid JSON" in done.stderr
