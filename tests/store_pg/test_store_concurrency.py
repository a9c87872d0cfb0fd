"""Reading while another process ingests, on every backend: no errors, nothing lost or doubled.

A child process runs ``dateline ingest --no-enrich`` over a few thousand articles while this
process keeps reading the same store (search, stats, paging through articles). Each ingest batch
is one transaction, so a reader sees whole batches only and the count never goes down.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from dateline.store import open_store

TOTAL = 3000
BATCH = 500  # dateline.ingest.ingest's default batch size: one transaction each


def write_corpus(path: Path) -> None:
    start = date(2023, 10, 7)
    with path.open("w", encoding="utf-8") as out:
        for n in range(TOTAL):
            record = {
                "id": f"c{n:05d}",
                "source": ("Reuters", "AP", "AFP")[n % 3],
                "published": (start + timedelta(days=n % 60)).isoformat(),
                "title": f"Ceasefire talks, report {n}",
                "text": f"Negotiators met in Cairo on day {n % 60} to discuss a ceasefire. Report number {n}.",
            }
            out.write(json.dumps(record) + "\n")


def test_reads_while_another_process_ingests(location: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    open_store(location).close()  # migrate first, so the reader has tables from its first query
    writer = subprocess.Popen(
        [sys.executable, "-m", "dateline", "--db", location, "ingest", str(corpus), "--no-enrich"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[int] = []
    reads = 0
    with open_store(location) as store:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            done = writer.poll() is not None
            stats = store.stats()
            if location.startswith("postgresql://"):
                # PostgreSQL reads a stats call from one snapshot, so its figures agree.
                assert sum(stats.sources.values()) == sum(stats.months.values()) == stats.articles
            count = store.count_articles()
            assert count % BATCH == 0 or count == TOTAL, "a reader saw part of a batch"
            seen.append(count)
            hits = store.search("ceasefire Cairo", limit=5)
            assert len(hits) == 5 if count else len(hits) in (0, 5)
            assert len({h.article_id for h in hits}) == len(hits)
            ids = [a.id for a in store.iter_articles(start=date(2023, 10, 7), end=date(2023, 10, 20))]
            assert len(ids) == len(set(ids))
            reads += 1
            if done:
                break
        _out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert seen == sorted(seen), "a reader saw the article count go down"
        assert reads >= 2 and seen[-1] == TOTAL
        ids = [a.id for a in store.iter_articles()]
        assert len(ids) == TOTAL and len(set(ids)) == TOTAL
        assert store.count_articles() == TOTAL
        assert store.stats().sources == {"Reuters": 1000, "AP": 1000, "AFP": 1000}
