"""A timeline without a query reads only dated and lead sentences from the store, and is the same.

The store's ``corpus_sentences(leads=N)`` returns the sentences whose time expressions name a date
plus the first N of every article; :func:`dateline.api.build_timeline` asks for that when no query
filters sentences. Checked on SQLite always and on PostgreSQL when ``$DATELINE_TEST_PG`` is set.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dateline.api import build_timeline
from dateline.enrich.corpus import update_duplicates
from dateline.enrich.pipeline import enrich_articles
from dateline.models import Article
from dateline.store import Store, open_store
from dateline.timeline.corpus import CorpusSentence

FILLER = [
    "Residents gathered near the river bank to watch the recovery work .",
    "Traffic was diverted through the old town for most of the afternoon .",
    "Local shops stayed open and served coffee to the rescue crews .",
    "A spokesman declined to give further details to reporters .",
    "The city has about 80,000 inhabitants and two other bridges .",
    "Some commuters said the diversions added an hour to their journeys .",
]


def report(n: int, day: int, lead: str, dated: str) -> Article:
    lines = [lead, *FILLER[:4], dated, *FILLER[4:]]
    return Article(
        id=f"r{n}",
        source=f"outlet{n % 3}",
        published=date(2023, 3, day),
        text="\n".join(lines),
        title=f"R{n}",
    )


ARTICLES = [
    report(1, 8, "The Elm Street bridge collapsed into the river , killing four people .",
           "Engineers said on Tuesday that the bridge had failed at its northern pier ."),
    report(2, 8, "Rescue teams searched the river for missing drivers after the collapse .",
           "The bridge fell on Tuesday at the height of the evening rush hour ."),
    report(3, 10, "The city council voted to close two other bridges over the river .",
           "On Thursday the council also ordered an inspection of every bridge in the city ."),
    report(4, 12, "Divers recovered the last victim of the bridge collapse .",
           "The bridge collapse on March 7 was the deadliest in the state for decades ."),
    report(5, 12, "Police named the four victims of the bridge collapse .",
           "Divers found the last victim on Saturday , police said ."),
]  # fmt: skip


def _fill(store: Store) -> Store:
    store.put_articles(ARTICLES)
    wanted = ("language", "sentences", "signature", "timex")
    store.save_enrichments(list(enrich_articles(store.iter_articles(), stages=wanted, processes=1)))
    update_duplicates(store)
    return store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened: Store = open_store(tmp_path / "lean.db")
        yield _fill(opened)
        opened.close()
        return
    from tests.store_pg.conftest import pg_server, with_schema

    psycopg = pytest.importorskip("psycopg")
    url = pg_server()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    opened = open_store(with_schema(url, schema))
    try:
        yield _fill(opened)
    finally:
        opened.close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_leads_keep_dated_and_opening_sentences_only(store: Store) -> None:
    full = store.corpus_sentences()
    assert len(full) == 5 * 8
    lean = store.corpus_sentences(leads=2)  # type: ignore[call-arg]
    assert lean == [s for s in full if s.sentence_index < 2 or s.dates]
    dated_late = [(s.article_id, s.sentence_index) for s in lean if s.sentence_index >= 2]
    assert dated_late and all(i == 5 for _, i in dated_late)  # the sixth line of each report names a day
    window = store.corpus_sentences(start=date(2023, 3, 10), leads=1)  # type: ignore[call-arg]
    assert {s.article_id for s in window} == {"r3", "r4", "r5"}
    assert store.corpus_sentences(article_ids=["r4"], leads=1) == [  # type: ignore[call-arg]
        s for s in full if s.article_id == "r4" and (s.sentence_index < 1 or s.dates)
    ]


class FullReadOnly:
    """The same store, but its corpus view has no ``leads`` option (as a third-party store)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def corpus_sentences(self, **kw: Any) -> list[CorpusSentence]:
        return self._store.corpus_sentences(**kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_lean_read_builds_the_same_timeline(store: Store) -> None:
    lean = build_timeline(store, dates=3, per_date=1)
    full = build_timeline(FullReadOnly(store), dates=3, per_date=1)  # type: ignore[arg-type]
    assert lean == full
    assert [e.date for e in lean.entries] == [date(2023, 3, 7), date(2023, 3, 9), date(2023, 3, 11)]
    assert {s.article_id for s in lean.entries[0].sources} == {"r1", "r2", "r4"}


def test_entities_by_key(store: Store) -> None:
    from dateline.models import Entity

    people = [Entity(f"e{i}", f"Person {i}", "PERSON", (), 10 - i, (), None, None) for i in range(4)]
    store.replace_entities([*people, Entity("g1", "Elm Street", "FAC", (), 3, (), None, None)], {})
    by_key = store.entities(keys=["e2", "g1", "missing"])  # type: ignore[call-arg]
    assert [e.key for e in by_key] == ["e2", "g1"]
    assert [e.key for e in store.entities(type="person", keys=["e3", "g1"])] == ["e3"]  # type: ignore[call-arg]
    assert store.entities(keys=[]) == []  # type: ignore[call-arg]
    assert len(store.entities()) == 5
