"""`dateline ingest`, `search` and `stats` end to end: exit codes, summaries, bad batches, crashes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from dateline.serve.cli import main
from dateline.store.sqlite import SQLiteStore


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write_reports(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        day = 1 + i % 28
        (folder / f"report-{i:04d}.txt").write_text(
            f" date 2023-11-{day:02d} Report {i}: Israeli officials said troops advanced in sector {i}.\n"
        )


def test_directory_with_bad_files_stores_good_names_bad_and_rerun_stores_fix(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    folder = tmp_path / "reports"
    write_reports(folder, 1000)
    (folder / "report-0100.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (folder / "report-0200.txt").write_text(" date 2023-02-30 Impossible day.")
    (folder / "report-0300.txt").write_text("")
    (folder / "notes.md").write_text("not news")  # not a news extension: skipped in a directory walk
    code, stdout, stderr = invoke("ingest", "--db", db, "--no-enrich", str(folder))
    assert code == 1
    assert "read 1000, stored 997, updated 0, unchanged 0, rejected 3" in stdout
    assert f"{folder / 'report-0100.txt'}: binary content" in stderr
    assert "impossible date '2023-02-30'" in stderr
    assert f"{folder / 'report-0300.txt'}: empty file" in stderr
    (folder / "report-0200.txt").write_text(" date 2023-02-28 A possible day.")
    code, stdout, _ = invoke("ingest", "--db", db, "--no-enrich", str(folder))
    assert code == 1 and "stored 1, updated 0, unchanged 997, rejected 2" in stdout
    code, stdout, _ = invoke("stats", "--db", db, "--json")
    stats = json.loads(stdout)
    assert code == 0 and stats["articles"] == 998 and stats["sources"] == {"local": 998}
    assert (stats["first"], stats["last"]) == ("2023-02-28", "2023-11-28")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    code, _, stderr = invoke("ingest", "--db", db, str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file or directory" in stderr
    code, _, stderr = invoke("ingest", "--db", db, "--format", "pdf", str(tmp_path))
    assert code == 2
    code, _, stderr = invoke("ingest", "--db", db, "--date", "2023-13-01", str(tmp_path))
    assert code == 2 and "expected YYYY-MM-DD" in stderr


def test_strict_stores_nothing_when_any_input_is_bad(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    write_reports(tmp_path / "r", 3)
    (tmp_path / "r" / "bad.txt").write_text("no date here")
    code, _, stderr = invoke("ingest", "--db", db, "--no-enrich", "--strict", str(tmp_path / "r"))
    assert code == 1 and "nothing stored" in stderr
    code, stdout, _ = invoke("stats", "--db", db, "--json")
    assert json.loads(stdout)["articles"] == 0


def test_search_json_and_env_db(tmp_path: Path, monkeypatch: object) -> None:
    db = str(tmp_path / "env.db")
    os.environ["DATELINE_DB"] = db
    try:
        write_reports(tmp_path / "r", 5)
        code, _, _ = invoke("ingest", "--no-enrich", str(tmp_path / "r"))
        assert code == 0
        code, stdout, _ = invoke("search", "sector 3", "--json")
    finally:
        del os.environ["DATELINE_DB"]
    hits = json.loads(stdout)
    assert code == 0 and hits[0]["snippet"].count("[") >= 1
    assert set(hits[0]) >= {"article_id", "published", "source", "title", "snippet"}
    assert hits[0]["published"] == "2023-11-04"


def test_sigkill_mid_ingest_leaves_whole_articles_and_rerun_completes(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    data = tmp_path / "big.jsonl"
    with data.open("w") as fh:
        for i in range(5000):
            fh.write(
                json.dumps(
                    {
                        "id": f"wire-{i}",
                        "source": "AP",
                        "published": "2023-11-07",
                        "text": f"Report {i}. " + "Officials said the ceasefire held. " * 40,
                    }
                )
                + "\n"
            )
    cmd = [sys.executable, "-m", "dateline", "--db", str(db), "ingest", "--no-enrich", str(data)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = 0
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                seen = sqlite3.connect(db, timeout=1).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                seen = 0
            if seen > 0:
                break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 0 < count < 5000, "the kill should land mid-ingest"
    broken = con.execute("SELECT COUNT(*) FROM articles WHERE length(text) < 1400").fetchone()[0]
    assert broken == 0
    con.close()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"stored {5000 - count}, updated 0, unchanged {count}" in done.stdout
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone() == (5000, 5000)
    con.close()
    # --no-enrich leaves the full-text index to the first search, which brings it up to date.
    with SQLiteStore(db) as store:
        assert len(store.matching_article_ids("ceasefire")) == 5000
        store._db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
