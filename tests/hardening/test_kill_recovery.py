"""Two things a SIGKILL of ``dateline enrich`` used to leave behind, which a re-run now repairs.

Both were found by the crash-safety runs of issue 9 (see ``docs/reliability.md``, "Crashes
found"): enrichment worker processes that outlived their killed parent, and corpus-level steps
(duplicates, entities, events) left half done.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import pytest

from dateline.enrich.pipeline import enrich_store
from dateline.ingest import read_input
from dateline.models import Article, Event
from dateline.store import SQLiteStore, open_store
from tests.hardening.crash import DEMO, Kill, _kill, group_members

# Enriches demo articles in two worker processes, in a session of its own, until it is killed.
WORKER_SCRIPT = """
import sys
from dateline.enrich.pipeline import enrich_articles
from dateline.ingest import read_input
from dateline.models import Article

articles = [a for a in read_input(sys.argv[1], format="jsonl") if isinstance(a, Article)] * 20
for _ in enrich_articles(articles, processes=2, chunk_size=1):
    pass
"""


def test_enrichment_workers_exit_when_their_parent_is_killed() -> None:
    env = dict(os.environ, DATELINE_WORKERS="2")
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT, str(DEMO / "wikinews" / "articles.jsonl")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    kill = Kill(False)
    try:
        # Both workers started: the parent and its two children are in the group.
        while len(group_members(proc.pid)) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert proc.poll() is None, "the enrichment script ended before it could be killed"
        assert len(group_members(proc.pid)) >= 3, "no worker processes started"
        time.sleep(1.0)
    finally:
        if proc.poll() is None:
            kill = _kill(proc, timeout=60)  # also kills any orphans, so none is left behind
    assert kill.killed
    assert kill.orphans == 0, f"{kill.orphans} worker processes outlived their killed parent"


def _demo_articles(limit: int) -> list[Article]:
    found = read_input(str(DEMO / "wikinews" / "articles.jsonl"), format="jsonl")
    return [a for a in found if isinstance(a, Article)][:limit]


class Killed(BaseException):
    """Stands for the SIGKILL: raised where the process would die, caught by nothing in dateline."""


@pytest.mark.slow  # loads the spaCy model and enriches three times: 15-40 s
def test_a_rerun_finishes_corpus_steps_a_kill_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.put_articles(_demo_articles(12))
        enrich_store(store, processes=1)
        events = len(store.events())
        entities = len(store.entities())
    assert events > 0 and entities > 0
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute("DELETE FROM stage_runs")  # start again from an unenriched store
        raw.execute("DELETE FROM entities")
        raw.execute("DELETE FROM events")

    def die(self: SQLiteStore, found: Sequence[Event]) -> None:
        raise Killed

    # Die when the events are about to be written: every stage ran and the entities committed
    # (their own transaction), the events did not.
    with monkeypatch.context() as patch, open_store(db) as store:
        patch.setattr(SQLiteStore, "replace_events", die)
        with pytest.raises(Killed):
            enrich_store(store, processes=1)
        assert len(store.entities()) == entities and store.events() == []
    with open_store(db) as store:
        enrich_store(store, processes=1)
        assert len(store.entities()) == entities
        assert len(store.events()) == events, "the re-run did not rebuild the events"
