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
from contextlib import closing, contextmanager, suppress
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


@dataclass
class Kill:
    """One kill: whether it came before the command finished, and how many of its child processes
    (enrichment workers) were still alive ``ORPHAN_GRACE`` seconds after the parent died."""

    killed: bool
    orphans: int = 0


# Long enough for a worker that watches its parent to notice and exit.
ORPHAN_GRACE = 5.0


def _start(cmd: list[str]) -> subprocess.Popen[bytes]:
    # A session of its own, so that the workers it forks can be found (and cleaned up) by group.
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def group_members(pgid: int) -> list[int]:
    """Live processes of process group ``pgid`` (Linux ``/proc``; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.append(int(stat.parent.name))
    return found


def _kill(proc: subprocess.Popen[bytes], *, timeout: float) -> Kill:
    """SIGKILL ``proc`` alone (as the OOM killer would), count the children that outlive it, then
    SIGKILL those too so that no orphan is left on the machine."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=timeout)
    deadline = time.monotonic() + ORPHAN_GRACE
    left = group_members(proc.pid)
    while left and time.monotonic() < deadline:
        time.sleep(0.25)
        left = group_members(proc.pid)
    for pid in left:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return Kill(True, len(left))


def run_and_kill(cmd: list[str], delay: float, *, timeout: float = 600) -> Kill:
    """Run ``cmd``; SIGKILL it after ``delay`` seconds (``killed`` is False when it finished first)."""
    proc = _start(cmd)
    try:
        proc.wait(timeout=delay)
        return Kill(False)
    except subprocess.TimeoutExpired:
        return _kill(proc, timeout=timeout)


def run_and_kill_mid_write(cmd: list[str], backend: Backend, extra: float, *, timeout: float = 600) -> Kill:
    """Run ``cmd`` and SIGKILL it ``extra`` seconds after the first article is visible in the store."""
    proc = _start(cmd)
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
        return Kill(False)
    return _kill(proc, timeout=timeout)


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
    else:
        # A server-side crash check has nothing like integrity_check; an index left unusable is
        # the one thing a killed client could leave behind in its schema.
        bad = backend.query(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)"
        )
        if bad:
            problems.append(f"invalid indexes: {', '.join(r[0] for r in bad)}")
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


def check_opens(backend: Backend) -> list[str]:
    """Problems opening the store with dateline itself (migrations, counts, stats, search)."""
    if backend.name == "sqlite" and not Path(backend.location).exists():
        return []  # killed before the store was created: nothing to open
    from dateline.store import open_store

    try:
        store = open_store(backend.location)
    except Exception as exc:  # any failure here is the finding, whatever its class
        return [f"the store does not open: {type(exc).__name__}: {exc}"]
    try:
        (rows,) = backend.query("SELECT COUNT(*) FROM articles")[0]
        problems = []
        if store.count_articles() != rows:
            problems.append(f"count_articles() is {store.count_articles()}, the table holds {rows}")
        stats = store.stats()
        if stats.articles != rows:
            problems.append(f"stats() reports {stats.articles} articles, the table holds {rows}")
        store.search("police", limit=5)
        return problems
    except Exception as exc:  # as above: report, so that a bench series goes on
        return [f"the opened store fails: {type(exc).__name__}: {exc}"]
    finally:
        store.close()


# Per-article enrichment and the corpus-level steps: an uninterrupted run and a killed-then-resumed
# one must leave the same number of rows in each.
COUNTED_TABLES = (
    "articles",
    "sentences",
    "timexes",
    "mentions",
    "claims",
    "signatures",
    "entities",
    "events",
)


def row_counts(backend: Backend) -> dict[str, int]:
    """Rows per table, ``stage_runs`` per stage and status, and duplicate groups in the store."""
    tables = {r[0] for r in backend.query(_TABLES_SQL[backend.name])}
    counts = {t: int(backend.query(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in COUNTED_TABLES if t in tables}
    if "stage_runs" in tables:
        for stage, status, n in backend.query(
            "SELECT stage, status, COUNT(*) FROM stage_runs GROUP BY stage, status"
        ):
            counts[f"stage_runs {stage}/{status}"] = int(n)
    if "articles" in tables:
        counts["duplicate groups"] = int(
            backend.query("SELECT COUNT(DISTINCT dup_group) FROM articles WHERE dup_group IS NOT NULL")[0][0]
        )
    return counts


def compare_counts(reference: dict[str, int], got: dict[str, int]) -> list[str]:
    """Differences from an uninterrupted run's :func:`row_counts`."""
    return [
        f"{key}: {got.get(key, 0)} rows, {reference.get(key, 0)} after an uninterrupted run"
        for key in sorted(set(reference) | set(got))
        if reference.get(key, 0) != got.get(key, 0)
    ]


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
    orphans: int = 0
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
    on_run: Callable[[int, float, bool, list[str]], None] | None = None,
    after_first_write: bool = False,
) -> KillReport:
    """``runs`` kills of ``command`` ("ingest" or "enrich") at random points, each on a fresh store.

    ``backend_factory(folder)`` is a context manager yielding a fresh :class:`Backend`. ``span`` is
    the (earliest, latest) kill time in seconds; by default it is measured from a full run.
    ``on_run(n, delay, killed, problems)`` is called after each run. With ``after_first_write`` the kill
    comes a random 0-2 s after the first article is visible (ingest only): always mid-write.
    """
    rng = random.Random(seed)
    report = KillReport(command)
    ingest_args = ["ingest", "--no-enrich", str(corpus)]
    args = ingest_args if command == "ingest" else ["enrich"]
    reference: dict[str, int] | None = None
    if after_first_write:
        span = (0.0, 2.0)
    elif span is None:
        with backend_factory(workdir / "timing") as backend:
            # Kills before the CLI has even imported dateline test nothing: start after start-up.
            startup = timed(cli(backend, "--help"))
            if command == "enrich":
                timed(cli(backend, *ingest_args))
            span = (startup, timed(cli(backend, *args)))
            reference = row_counts(backend)
    if reference is None and command == "enrich":
        # (For ingest, check_complete already compares the articles with the corpus itself.)
        with backend_factory(workdir / "reference") as backend:
            timed(cli(backend, *ingest_args))
            timed(cli(backend, *args))
            reference = row_counts(backend)
    for n in range(runs):
        with backend_factory(workdir / f"run{n}") as backend:
            if command == "enrich":
                done = run_to_end(cli(backend, *ingest_args))
                assert done.returncode == 0, done.stderr
            delay = rng.uniform(*span)
            report.runs += 1
            if after_first_write:
                kill = run_and_kill_mid_write(cli(backend, *args), backend, delay)
            else:
                kill = run_and_kill(cli(backend, *args), delay)
            report.killed += kill.killed
            report.orphans += kill.orphans
            problems = [f"after kill at {delay:.2f}s: {p}" for p in check_store(backend, expected)]
            report.mid_write += _mid_write(backend, expected, command)
            problems += [f"after kill at {delay:.2f}s: {p}" for p in check_opens(backend)]
            done = run_to_end(cli(backend, *args))
            if done.returncode != 0:
                problems.append(f"re-run failed ({done.returncode}): {done.stderr[-500:]}")
            after = check_complete(backend, expected, enriched=command == "enrich")
            if reference is not None:
                after += compare_counts(reference, row_counts(backend))
            problems += [f"after re-run: {p}" for p in after]
            ids = {r[0] for r in backend.query("SELECT id FROM articles")}
            report.articles_lost += len(set(expected) - ids)
            report.survived += not problems
            report.problems += problems
            if on_run:
                on_run(n, delay, kill.killed, problems)
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
