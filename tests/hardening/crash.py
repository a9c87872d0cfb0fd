"""Kill ``dateline ingest`` / ``dateline enrich`` with SIGKILL and check what the store holds.

Shared by ``test_crash_safety.py`` and ``bench/crash_kill.py``. After every kill the store must
open (SQLite: ``PRAGMA integrity_check`` and the FTS index check pass), hold only whole articles
(text, date and source equal to the source's), hold enrichment rows only for articles whose
``stage_runs`` record that stage, and a re-run must finish with every article present once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "dateline" / "demo"
# Enrichment table → the stage whose stage_runs row must exist for the article.
ENRICHMENT_TABLES = {"sentences": "sentences", "timexes": "timex", "mentions": "entities", "claims": "claims"}


def make_corpus(
    folder: Path, *, copies: int = 3, files: int = 12, limit: int | None = None
) -> dict[str, dict[str, Any]]:
    """Write the demo articles (``copies`` variants each, unique ids and texts) into ``files``
    JSON Lines files under ``folder``; returns the records by id."""
    records: list[dict[str, Any]] = []
    for path in sorted(DEMO.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            base = json.loads(line)
            for n in range(copies):
                rec = dict(base, id=f"{base['id']}~{n}", text=f"{base['text']}\n\n(Copy {n}.)")
                records.append(rec)
    records = records[:limit] if limit else records
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(min(files, len(records))):
        chunk = records[i::files]
        (folder / f"part{i:02d}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in chunk), encoding="utf-8"
        )
    return {r["id"]: r for r in records}


@dataclass
class Backend:
    """Where the store lives: a SQLite file or a PostgreSQL URL (with its own schema)."""

    name: str
    location: str
    schema: str | None = None

    def connect(self) -> Any:
        if self.name == "sqlite":
            return sqlite3.connect(self.location)
        import psycopg

        return psycopg.connect(self.location, autocommit=True)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with closing(self.connect()) as db:
            return [tuple(r) for r in db.execute(sql).fetchall()]


def sqlite_backend(folder: Path) -> Backend:
    return Backend("sqlite", str(folder / "store.db"))


@contextmanager
def postgres_backend(url: str) -> Iterator[Backend]:
    """A fresh schema in the PostgreSQL server at ``url``, dropped afterwards."""
    import psycopg

    schema = f"hardening_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in url else "?"
        yield Backend("postgresql", url + sep + "options=" + quote(f"-csearch_path={schema}"), schema)
    finally:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def cli(backend: Backend, *args: str) -> list[str]:
    return [sys.executable, "-m", "dateline", "--db", backend.location, *args]


def run_and_kill(cmd: list[str], delay: float, *, timeout: float = 600) -> bool:
    """Run ``cmd``; SIGKILL it after ``delay`` seconds. True when it was killed before finishing."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)
        return True


def run_and_kill_mid_write(cmd: list[str], backend: Backend, extra: float, *, timeout: float = 600) -> bool:
    """Run ``cmd`` and SIGKILL it ``extra`` seconds after the first article is visible in the store."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            (n,) = backend.query("SELECT COUNT(*) FROM articles")[0]
        except Exception:  # the store or its tables do not exist yet: keep polling
            n = 0
        if n:
            time.sleep(extra)
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=timeout)
    return True


def run_to_end(cmd: list[str], *, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    done = run_to_end(cmd)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def check_store(backend: Backend, expected: dict[str, dict[str, Any]]) -> list[str]:
    """Problems in the store after a kill (empty when it is consistent)."""
    problems: list[str] = []
    if backend.name == "sqlite":
        if not Path(backend.location).exists():
            return []  # killed before the store was created
        with closing(sqlite3.connect(backend.location)) as db:
            ok = db.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                problems.append(f"integrity_check: {ok}")
            try:
                db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"FTS index: {exc}")
            except sqlite3.OperationalError:
                pass  # no articles table yet
    tables = {r[0] for r in backend.query(_TABLES_SQL[backend.name])}
    if "articles" not in tables:
        return problems
    rows = backend.query("SELECT id, text, published, source FROM articles")
    ids = [r[0] for r in rows]
    if len(ids) != len(set(ids)):
        problems.append("duplicate article ids")
    for aid, text, published, source in rows:
        want = expected.get(aid)
        if want is None:
            problems.append(f"unexpected article {aid}")
        elif (
            text != want["text"].strip()
            or str(published)[:10] != want["published"]
            or source != want["source"]
        ):
            problems.append(f"article {aid} is not whole")
    if "stage_runs" in tables:
        ran: dict[str, set[str]] = {}
        for aid, stage in backend.query("SELECT article_id, stage FROM stage_runs"):
            ran.setdefault(stage, set()).add(aid)
        for table, stage in ENRICHMENT_TABLES.items():
            if table not in tables:
                continue
            have = {r[0] for r in backend.query(f"SELECT DISTINCT article_id FROM {table}")}
            orphans = have - ran.get(stage, set())
            if orphans:
                problems.append(f"{table} rows for {len(orphans)} articles without a {stage} stage run")
        dup = backend.query(
            "SELECT article_id, idx, COUNT(*) FROM sentences GROUP BY article_id, idx HAVING COUNT(*) > 1"
        )
        if dup:
            problems.append(f"{len(dup)} duplicated sentences")
    return problems


_TABLES_SQL = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
    "postgresql": "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
}


def check_complete(backend: Backend, expected: dict[str, dict[str, Any]], *, enriched: bool) -> list[str]:
    """Problems after a re-run that finished: every article once, and enriched when asked."""
    problems = check_store(backend, expected)
    ids = {r[0] for r in backend.query("SELECT id FROM articles")}
    (count,) = backend.query("SELECT COUNT(*) FROM articles")[0]
    if count != len(expected):
        problems.append(f"{count} articles stored, {len(expected)} expected")
    lost = set(expected) - ids
    if lost:
        problems.append(f"{len(lost)} articles lost")
    if enriched:
        stages = {r[0] for r in backend.query("SELECT DISTINCT stage FROM stage_runs")}
        for stage in stages | {"sentences"}:
            (n,) = backend.query(
                f"SELECT COUNT(DISTINCT article_id) FROM stage_runs WHERE stage = '{stage}'"
            )[0]
            if n != len(expected):
                problems.append(f"stage {stage} ran on {n} of {len(expected)} articles")
    return problems


@dataclass
class KillReport:
    """What a series of kill runs found."""

    command: str
    runs: int = 0
    killed: int = 0
    mid_write: int = 0
    survived: int = 0
    articles_lost: int = 0
    problems: list[str] = field(default_factory=list)


def kill_series(
    backend_factory: Any,
    workdir: Path,
    expected: dict[str, dict[str, Any]],
    corpus: Path,
    *,
    command: str,
    runs: int,
    seed: int = 0,
    span: tuple[float, float] | None = None,
    on_run: Callable[[int, float, list[str]], None] | None = None,
    after_first_write: bool = False,
) -> KillReport:
    """``runs`` kills of ``command`` ("ingest" or "enrich") at random points, each on a fresh store.

    ``backend_factory(folder)`` is a context manager yielding a fresh :class:`Backend`. ``span`` is
    the (earliest, latest) kill time in seconds; by default it is measured from a full run.
    ``on_run(n, delay, problems)`` is called after each run. With ``after_first_write`` the kill
    comes a random 0-2 s after the first article is visible (ingest only): always mid-write.
    """
    rng = random.Random(seed)
    report = KillReport(command)
    ingest_args = ["ingest", "--no-enrich", str(corpus)]
    if after_first_write:
        span = (0.0, 2.0)
    elif span is None:
        with backend_factory(workdir / "timing") as backend:
            # Kills before the CLI has even imported dateline test nothing: start after start-up.
            startup = timed(cli(backend, "--help"))
            if command == "enrich":
                timed(cli(backend, *ingest_args))
                span = (startup, timed(cli(backend, "enrich")))
            else:
                span = (startup, timed(cli(backend, *ingest_args)))
    for n in range(runs):
        with backend_factory(workdir / f"run{n}") as backend:
            if command == "enrich":
                done = run_to_end(cli(backend, *ingest_args))
                assert done.returncode == 0, done.stderr
            args = ingest_args if command == "ingest" else ["enrich"]
            delay = rng.uniform(*span)
            report.runs += 1
            if after_first_write:
                delay = rng.uniform(0.0, 2.0)
                report.killed += run_and_kill_mid_write(cli(backend, *args), backend, delay)
            else:
                report.killed += run_and_kill(cli(backend, *args), delay)
            problems = [f"after kill at {delay:.2f}s: {p}" for p in check_store(backend, expected)]
            report.mid_write += _mid_write(backend, expected, command)
            done = run_to_end(cli(backend, *args))
            if done.returncode != 0:
                problems.append(f"re-run failed ({done.returncode}): {done.stderr[-500:]}")
            after = check_complete(backend, expected, enriched=command == "enrich")
            problems += [f"after re-run: {p}" for p in after]
            ids = {r[0] for r in backend.query("SELECT id FROM articles")}
            report.articles_lost += len(set(expected) - ids)
            report.survived += not problems
            report.problems += problems
            if on_run:
                on_run(n, delay, problems)
    return report


def _mid_write(backend: Backend, expected: dict[str, dict[str, Any]], command: str) -> bool:
    """Whether the kill left the work part done (some but not all articles stored / enriched)."""
    if backend.name == "sqlite" and not Path(backend.location).exists():
        return False
    tables = {r[0] for r in backend.query(_TABLES_SQL[backend.name])}
    table, sql = (
        ("articles", "SELECT COUNT(*) FROM articles")
        if command == "ingest"
        else ("stage_runs", "SELECT COUNT(DISTINCT article_id) FROM stage_runs")
    )
    if table not in tables:
        return False
    (n,) = backend.query(sql)[0]
    return 0 < int(n) < len(expected)


@contextmanager
def sqlite_factory(folder: Path) -> Iterator[Backend]:
    folder.mkdir(parents=True, exist_ok=True)
    yield sqlite_backend(folder)
