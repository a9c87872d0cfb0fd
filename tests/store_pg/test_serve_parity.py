"""`dateline serve` over PostgreSQL answers exactly as over SQLite.

The serve tests' hand-written store is built in SQLite, copied into PostgreSQL through the Store
protocol alone, and the same API requests are made of an app over each; the JSON must match.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.serve.api import create_app
from dateline.serve.web.data import interim_timeline
from dateline.store import ArticleEnrichment, StageResult, Store, open_store
from tests.serve.fixtures import Client, build_store

REQUESTS = [
    "/api/articles?limit=100",
    "/api/search?q=Gaza",
    "/api/search?q=hostages%20released",
    "/api/search?q=%22unbalanced%20AND%20(",
    "/api/stats",
    "/api/claims?limit=100",
    "/api/claims?speaker=Netanyahu",
    "/api/events",
    "/api/timeline?q=Gaza&dates=5",
    "/api/timeline?entity=person:netanyahu",
]


def copy_store(source: Store, target: Store) -> None:
    """Everything the serve fixture holds, from one store into another."""
    articles = list(source.iter_articles())
    target.put_articles(articles)
    target.save_enrichments(
        [
            ArticleEnrichment(
                a.id,
                (StageResult("sentences", "test", "ok"),),
                language=a.language,
                sentences=tuple(source.sentences(a.id)),
                mentions=tuple(source.mentions(article_ids=[a.id])),
                timexes=tuple(source.timexes(a.id)),
                claims=tuple(source.claims(article_ids=[a.id])),
            )
            for a in articles
        ]
    )
    target.replace_entities(source.entities(), {})
    target.replace_events(source.events())
    target.set_dup_groups({a: g for a, g in source.dup_groups().items() if a != g})


def test_api_answers_the_same_over_both_backends(tmp_path: Path, pg_url: str) -> None:
    sqlite_location = build_store(tmp_path / "serve.db")
    with open_store(sqlite_location) as source, open_store(pg_url) as target:
        copy_store(source, target)
    answers: dict[str, list[Any]] = {}
    for location in (sqlite_location, pg_url):
        client = Client(create_app(location, token=None, timeline_builder=interim_timeline))
        try:
            responses = [client.get(url) for url in REQUESTS]
        finally:
            client.close()
        for url, response in zip(REQUESTS, responses, strict=True):
            assert response.status_code == 200, (location.split("@")[-1], url, response.text)
        answers[location] = [r.json() for r in responses]
    differ = []
    for url, lite, pg in zip(REQUESTS, answers[sqlite_location], answers[pg_url], strict=True):
        if url.startswith("/api/search"):
            # Different engines (FTS5 with bm25, tsvector with ts_rank) cut snippets and break
            # near-ties differently: the same hits must come back, in either order.
            lite, pg = _without_snippets(lite), _without_snippets(pg)
        if lite != pg:
            differ.append(url)
    assert differ == []
    assert answers[pg_url][1]["items"], "the search found nothing: the parity check would be vacuous"


def _without_snippets(page: object) -> object:
    assert isinstance(page, dict)
    items = [{k: v for k, v in item.items() if k != "snippet"} for item in page["items"]]
    return {**page, "items": sorted(items, key=lambda item: item["article_id"])}
