"""update_events over a small store enriched by the real pipeline (spaCy model, timex, dedup)."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.enrich.pipeline import enrich_store
from dateline.events import update_events
from dateline.models import Article
from dateline.store.sqlite import SQLiteStore

WIRE = (
    "KHARKIV, Ukraine (Reuters) - A Russian missile strike on an apartment block in Kharkiv killed at "
    "least 12 people on Tuesday, Ukrainian officials said. Rescue workers searched the rubble through the "
    "night as cranes lifted slabs of concrete from the ruined building. Regional governor Oleh Synehubov "
    "said on Tuesday that 30 more people were wounded in the strike. The Ukrainian air force said it had "
    "shot down two of the missiles over the region."
)
BBC = (
    "At least 12 people were killed when a Russian missile hit a residential building in Kharkiv on "
    "Tuesday, according to Ukrainian officials. Governor Oleh Synehubov said on Tuesday that dozens were "
    "wounded. Separately, Ukraine's parliament approved a new mobilisation law in Kyiv on Tuesday after "
    "months of debate."
)
CORPUS = [
    Article(
        id="reuters-1", source="Reuters", published=date(2024, 3, 6), text=WIRE, title="Strike on Kharkiv"
    ),
    Article(id="yahoo-1", source="Yahoo News", published=date(2024, 3, 6), text="By Reuters staff. " + WIRE),
    Article(id="bbc-1", source="BBC", published=date(2024, 3, 6), text=BBC, title="Kharkiv missile strike"),
]


@pytest.fixture(scope="module")
def store() -> SQLiteStore:
    store = SQLiteStore(":memory:")
    store.put_articles(CORPUS)
    enrich_store(store, processes=1)
    return store


def test_update_events_stores_one_strike_event_with_two_independent_sources(store: SQLiteStore) -> None:
    count = update_events(store)
    events = store.events()
    assert count == len(events) > 0
    strikes = [e for e in events if "reuters-1" in e.article_ids and "bbc-1" in e.article_ids]
    assert len(strikes) == 1, [(e.date, e.summary.text, e.article_ids) for e in events]
    strike = strikes[0]
    assert strike.date == date(2024, 3, 5)
    assert set(strike.article_ids) == {"reuters-1", "yahoo-1", "bbc-1"}
    assert strike.independent_sources == 2  # the Yahoo reprint is a near-duplicate of the Reuters story
    assert strike.type == "ASSAULT"
    assert "Kharkiv" in strike.locations
    assert any("Synehubov" in actor for actor in strike.actors)
    assert any(f["kind"] == "killed" and f["count"] == 12 for f in strike.casualties)


def test_update_events_replaces_rather_than_appends(store: SQLiteStore) -> None:
    first = update_events(store)
    second = update_events(store)
    assert first == second == len(store.events())
    ids = [e.id for e in store.events()]
    assert len(ids) == len(set(ids))
