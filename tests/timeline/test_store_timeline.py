"""`dateline.api.build_timeline` over an enriched store: undated digests, cited outlets, "since"."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.api import build_timeline
from dateline.enrich.pipeline import enrich_store
from dateline.models import Article
from dateline.store.sqlite import SQLiteStore
from dateline.timeline.corpus import describes_day
from dateline.timex import tag

DIGEST = "Wikipedia Current Events Portal"


def item(n: int, day: int, text: str, outlets: list[str]) -> Article:
    return Article(
        id=f"cep/2023-11-{day:02d}/{n}",
        source=DIGEST,
        published=date(2023, 11, day),
        text=text,
        extra={"cited_sources": [{"outlet": o, "url": None} for o in outlets]},
    )


@pytest.fixture(scope="module")
def store() -> SQLiteStore:
    store = SQLiteStore(":memory:")
    store.put_articles(
        [
            item(
                1,
                22,
                "The Cabinet of Israel approves a deal to pause fighting in Gaza for four days.",
                ["Reuters", "The Times of Israel"],
            ),
            item(
                1,
                24,
                "Hamas releases 13 Israeli hostages while Israel releases 39 Palestinian prisoners.",
                ["AP", "Times of Israel", "Al Jazeera"],
            ),
            item(
                2,
                24,
                "At least 14,800 Palestinians have been killed in Gaza since October 7.",
                ["Al Jazeera"],
            ),
            item(
                1,
                25,
                "Hamas releases 13 more Israeli hostages and 4 Thai workers on the second day of the truce.",
                ["BBC News"],
            ),
        ]
    )
    enrich_store(store, processes=1)
    return store


def test_undated_digest_items_make_a_timeline_with_cited_outlets(store: SQLiteStore) -> None:
    timeline = build_timeline(store, query="hostages", dates=5, per_date=1)
    days = {e.date: e for e in timeline.entries}
    assert set(days) == {date(2023, 11, 24), date(2023, 11, 25)}
    first = days[date(2023, 11, 24)]
    assert first.summary[0].article_id == "cep/2023-11-24/1"
    # AP, Times of Israel and Al Jazeera: three outlets, however the names are written.
    assert first.independent_sources == 3


def test_since_a_date_bounds_a_period_and_is_not_news_of_that_day(store: SQLiteStore) -> None:
    timeline = build_timeline(store, dates=10, per_date=2)
    assert date(2023, 10, 7) not in {e.date for e in timeline.entries}
    text = "At least 14,800 Palestinians have been killed in Gaza since October 7 and 3 on Friday."
    found = {t.text: describes_day(text, t) for t in tag(text, dct=date(2023, 11, 24))}
    assert found == {"October 7": False, "Friday": True}


def test_since_option_keeps_only_newer_reports(store: SQLiteStore) -> None:
    timeline = build_timeline(store, query="hostages", since=date(2023, 11, 25), dates=5, per_date=1)
    assert [e.date for e in timeline.entries] == [date(2023, 11, 25)]
