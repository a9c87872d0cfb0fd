"""The JSON API in-process over the fixture store: contract shapes, pagination, errors, ingest."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dateline.errors import ConfigError
from dateline.ingest.fetch import Fetcher
from dateline.serve.api import create_app, is_loopback, serve
from tests.serve.conftest import TOKEN
from tests.serve.fixtures import ARTICLES, XSS_TITLE, Client

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert "Traceback" not in response.text
    return str(body["error"]["message"])


def _all_pages(client: Client, url: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(20):
        sep = "&" if "?" in url else "?"
        page = client.get(url + (f"{sep}cursor={cursor}" if cursor else "")).json()
        assert set(page) == {"items", "next"}
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def test_articles_paginate_without_loss_or_repeats(client: Client) -> None:
    first = client.get("/api/articles?limit=2").json()
    assert len(first["items"]) == 2 and first["next"]
    items = _all_pages(client, "/api/articles?limit=2")
    assert [a["id"] for a in items] == sorted((a.id for a in ARTICLES), key=lambda i: (i.split("/")[1], i))
    assert {"id", "source", "url", "published", "title"} <= items[0].keys()
    only_bbc = client.get("/api/articles?source=bbc").json()["items"]
    assert [a["id"] for a in only_bbc] == ["bbc/2023-10-27/ground"]
    window = client.get("/api/articles?from=2023-11-01&to=2023-11-30").json()["items"]
    assert {a["published"][:7] for a in window} == {"2023-11"}


def test_article_detail_has_text_sentences_and_claims(client: Client) -> None:
    data = client.get("/api/articles/ap/2023-10-07/attack").json()
    assert data["text"].startswith("Hamas militants launched")
    assert [s["index"] for s in data["sentences"]] == [0, 1, 2]
    assert data["claims"][0]["speaker"] == "Benjamin Netanyahu"
    assert data["claims"][0]["sentence"] == "Prime Minister Benjamin Netanyahu said Israel was at war."
    _error(client.get("/api/articles/no/such/article"), 404, "not_found")


def test_search_shape_and_pages(client: Client) -> None:
    hits = _all_pages(client, "/api/search?q=Gaza&limit=2")
    assert len(hits) == 4
    assert {"article_id", "published", "source", "title", "snippet"} <= hits[0].keys()
    assert all("[Gaza]" in h["snippet"] for h in hits)
    assert client.get("/api/search?q=zeppelin").json() == {"items": [], "next": None}
    _error(client.get("/api/search"), 422, "invalid_request")


def test_timeline_contract_and_filters(client: Client) -> None:
    data = client.get("/api/timeline").json()
    assert {"query", "from", "to", "entries"} <= data.keys()
    assert data["entries"], "the fixture store must give a non-empty timeline"
    ids = {a.id for a in ARTICLES}
    for entry in data["entries"]:
        assert {
            "date",
            "precision",
            "summary",
            "sources",
            "independent_sources",
            "entities",
            "claims",
        } <= entry.keys()
        assert all(ref["article_id"] in ids for ref in entry["summary"])
        assert all(
            {"article_id", "source", "url", "published", "title"} <= s.keys() for s in entry["sources"]
        )
    narrowed = client.get("/api/timeline?from=2023-11-01&to=2023-11-30").json()
    assert narrowed["from"] == "2023-11-01" and narrowed["entries"]
    assert all(e["date"].startswith("2023-11") for e in narrowed["entries"])
    assert len(narrowed["entries"]) < len(data["entries"])
    by_source = client.get("/api/timeline?source=BBC").json()["entries"]
    assert by_source and all(any(s["source"] == "BBC" for s in e["sources"]) for e in by_source)
    for entity in ("person:netanyahu", "Netanyahu"):
        about = client.get(f"/api/timeline?entity={entity}").json()["entries"]
        assert about and len(about) < len(data["entries"])
        assert all(any(s["article_id"] == "ap/2023-10-07/attack" for s in e["sources"]) for e in about)
    _error(client.get("/api/timeline?from=2023-12-01&to=2023-11-01"), 400, "invalid_input")
    _error(client.get("/api/timeline?from=yesterday"), 422, "invalid_request")
    _error(client.get("/api/timeline?dates=0"), 422, "invalid_request")


def test_the_library_timeline_keeps_the_contract(store_path: str) -> None:
    c = Client(create_app(store_path, token=None))
    try:
        response = c.get("/api/timeline?q=Gaza&dates=5")
    finally:
        c.close()
    assert response.status_code == 200, response.text
    data = response.json()
    assert {"query", "from", "to", "entries"} <= data.keys() and data["query"] == "Gaza"
    ids = {a.id for a in ARTICLES}
    for entry in data["entries"]:
        assert {
            "date",
            "precision",
            "summary",
            "sources",
            "independent_sources",
            "entities",
            "claims",
        } <= entry.keys()
        assert all(ref["article_id"] in ids for ref in entry["summary"])


@pytest.mark.parametrize(
    ("fmt", "media", "needle"),
    [
        ("markdown", "text/markdown", "# Timeline"),
        ("html", "text/html", "<!doctype html>"),
        ("timelinejs", "application/json", '"start_date"'),
        ("tilse", "text/plain", "-" * 32),
        ("text", "text/plain", "Timeline"),
    ],
)
def test_timeline_exports(client: Client, fmt: str, media: str, needle: str) -> None:
    response = client.get(f"/api/timeline?format={fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert needle in response.text
    if fmt == "html":
        assert "script-src" not in response.headers["content-security-policy"]


def test_events_json_and_csv(client: Client) -> None:
    items = client.get("/api/events").json()["items"]
    assert [e["id"] for e in items] == ["ev-attack", "ev-truce"]
    keys = {
        "id",
        "date",
        "precision",
        "summary",
        "type",
        "actors",
        "locations",
        "article_ids",
        "independent_sources",
    }
    assert keys <= items[0].keys() and items[0]["independent_sources"] == 2
    assert [e["id"] for e in client.get("/api/events?q=truce").json()["items"]] == ["ev-truce"]
    csv_text = client.get("/api/events?format=csv").text
    assert csv_text.splitlines()[0].startswith("id,date,precision,summary")
    assert len(csv_text.strip().splitlines()) == 3


def test_entities_and_entity_detail(client: Client) -> None:
    items = _all_pages(client, "/api/entities?limit=2")
    assert len(items) == 5 and {"name", "type", "mentions", "aliases"} <= items[0].keys()
    assert [e["name"] for e in client.get("/api/entities?type=PERSON").json()["items"]] == [
        "Benjamin Netanyahu"
    ]
    detail = client.get("/api/entities/person:netanyahu").json()
    assert detail["mentions_by_month"] == [{"month": "2023-10", "mentions": 1}]
    assert [c["content"] for c in detail["claims_by"]] == ["Israel was at war"]
    gaza = client.get("/api/entities/gpe:gaza").json()
    assert {m["month"] for m in gaza["mentions_by_month"]} == {"2023-10", "2023-11"}
    _error(client.get("/api/entities/nobody"), 404, "not_found")


def test_claims_shape_and_filters(client: Client) -> None:
    items = client.get("/api/claims").json()["items"]
    assert len(items) == 4
    keys = {"speaker", "cue", "content", "direct", "article_id", "published", "sentence"}
    assert keys <= items[0].keys()
    hedged = [c for c in items if c["hedged"]]
    assert [c["speaker"] for c in hedged] == ["The United Nations"]
    assert [c["direct"] for c in client.get("/api/claims?speaker=Qatar").json()["items"]] == [True]
    _error(client.get("/api/claims?cursor=not-a-cursor"), 400, "invalid_input")


def test_unknown_route_and_method_use_the_error_shape(client: Client) -> None:
    _error(client.get("/api/nothing"), 404, "not_found")
    _error(client.request("DELETE", "/api/articles"), 405, "method_not_allowed")


def test_a_crash_is_a_500_without_a_traceback(store_path: str) -> None:
    def broken(store: Any, request: Any) -> Any:
        raise RuntimeError("secret internal detail at /srv/app.py line 3")

    c = Client(create_app(store_path, token=None, timeline_builder=broken))
    try:
        response = c.get("/api/timeline")
        message = _error(response, 500, "internal_error")
        assert "secret" not in response.text and "RuntimeError" not in response.text
        assert message == "internal server error"
    finally:
        c.close()


def test_ingest_requires_the_token(client: Client, store_path: str) -> None:
    article = {"source": "DPA", "published": "2023-12-01", "title": "New", "text": "A new report from Gaza."}
    _error(client.post("/api/articles", json=[article]), 401, "unauthorized")
    wrong = client.post("/api/articles", json=[article], headers={"Authorization": "Bearer nope"})
    _error(wrong, 401, "unauthorized")
    assert wrong.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/articles?source=DPA").json()["items"] == []
    no_token = Client(create_app(store_path, token=None))
    try:
        _error(no_token.post("/api/articles", json=[article], headers=AUTH), 403, "forbidden")
    finally:
        no_token.close()


def test_ingest_stores_articles_and_reports_rejections(client: Client) -> None:
    before = client.get("/api/timeline").json()
    good = {
        "source": "DPA",
        "published": "2023-12-01",
        "title": "New",
        "text": "A new report from Gaza on aid.",
    }
    bad = {"source": "DPA", "published": "not a date", "text": "Undated text."}
    response = client.post("/api/articles", json={"articles": [good, bad]}, headers=AUTH)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["read"], report["stored"], report["unchanged"]) == (2, 1, 0)
    assert report["rejected"][0]["origin"] == "api[2]"
    new_id = report["ids"][0]
    assert client.get(f"/api/articles/{new_id}").json()["title"] == "New"
    again = client.post("/api/articles", json=[good], headers=AUTH).json()
    assert (again["stored"], again["unchanged"]) == (0, 1)
    # The timeline cache was dropped, so the new report can show up at once.
    after = client.get("/api/timeline").json()
    assert any(s["article_id"] == new_id for e in after["entries"] for s in e["sources"]) or after != before
    _error(client.post("/api/articles", json={"articles": []}, headers=AUTH), 422, "invalid_request")
    _error(
        client.post(
            "/api/articles", content=b"{not json", headers={**AUTH, "content-type": "application/json"}
        ),
        422,
        "invalid_request",
    )


def test_request_bodies_are_bounded(store_path: str) -> None:
    c = Client(create_app(store_path, token=TOKEN, max_body_bytes=2000))
    try:
        big = [{"source": "X", "published": "2023-12-01", "text": "word " * 1000}]
        _error(c.post("/api/articles", json=big, headers=AUTH), 413, "payload_too_large")

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the limit still holds
            yield b'[{"source": "X", "published": "2023-12-01", "text": "'
            for _ in range(100):
                yield b"word " * 20
            yield b'"}]'

        response = c.post(
            "/api/articles", content=chunks(), headers={**AUTH, "content-type": "application/json"}
        )
        _error(response, 413, "payload_too_large")
    finally:
        c.close()


def test_security_headers_and_no_cors_by_default(client: Client, store_path: str) -> None:
    for url in ("/api/stats", "/"):
        response = client.get(url, headers={"Origin": "https://evil.example"})
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "access-control-allow-origin" not in response.headers
    c = Client(create_app(store_path, token=None, cors_origins=["https://news.example"]))
    try:
        response = c.get("/api/stats", headers={"Origin": "https://news.example"})
        assert response.headers["access-control-allow-origin"] == "https://news.example"
    finally:
        c.close()
    assert client.get("/openapi.json").json()["paths"]["/api/timeline"]["get"]


class _FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = "".join(
            f"<item><title>Report {i}</title><link>https://example.org/{i}</link>"
            f"<pubDate>Fri, 0{i} Dec 2023 10:00:00 GMT</pubDate>"
            f"<description>{'Aid convoys reached Gaza City on the third day of the truce. ' * 12}</description></item>"
            for i in (1, 2)
        )
        data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{body}</channel></rss>'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def feed_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.rss"
    server.shutdown()
    server.server_close()


def test_feed_ingest_refuses_private_addresses_unless_allowed(store_path: str, feed_url: str) -> None:
    strict = Client(create_app(store_path, token=TOKEN))
    try:
        report = strict.post("/api/articles", json={"feed": feed_url}, headers=AUTH).json()
        assert report["stored"] == 0 and report["rejected"][0]["origin"] == feed_url
        assert "127.0.0.1" in report["rejected"][0]["reason"] or "address" in report["rejected"][0]["reason"]
        _error(
            strict.post("/api/articles", json={"feed": "file:///etc/passwd"}, headers=AUTH),
            422,
            "invalid_request",
        )
    finally:
        strict.close()
    allowed = Client(create_app(store_path, token=TOKEN, fetcher_allow_hosts=frozenset({"127.0.0.1"})))
    try:
        report = allowed.post("/api/articles", json={"feed": feed_url}, headers=AUTH).json()
        assert report["stored"] == 2, report
        assert allowed.get("/api/search?q=convoys").json()["items"]
    finally:
        allowed.close()
    assert create_app(store_path, token=None).state.fetcher.allow_private is False
    assert isinstance(create_app(store_path, token=None).state.fetcher, Fetcher)


def test_serve_refuses_a_public_bind_without_a_token(store_path: str) -> None:
    with pytest.raises(ConfigError, match="requires a token"):
        serve("0.0.0.0", 8765, db=store_path, token=None)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_web_pages_render_and_escape(client: Client) -> None:
    html = {"accept": "text/html"}
    page = client.get("/", headers=html)
    assert page.status_code == 200 and 'class="entry"' in page.text and "<script" not in page.text
    article = client.get("/articles/evil/2023-11-25/xss", headers=html).text
    assert "<script" not in article and "<img" not in article
    assert "&lt;script&gt;window.__xss = 1" in article and "&lt;img src=x onerror=" in article
    assert 'href="javascript' not in article
    search = client.get("/search?q=crossing", headers=html).text
    assert "Gaza &lt;script&gt;" in search and "<script" not in search
    assert "<mark>crossing</mark>" in search
    entity = client.get("/entities/person:netanyahu", headers=html).text
    assert "Israel was at war" in entity and "2023-10" in entity
    claims = client.get("/claims", headers=html).text
    assert claims.count('<li class="claim') == 4 and "hedged" in claims
    assert "ev-truce" not in client.get("/events", headers=html).text  # ids are not shown; summaries are
    assert "four-day truce" in client.get("/events", headers=html).text
    missing = client.get("/articles/none", headers=html)
    assert missing.status_code == 404 and 'id="error-message"' in missing.text
    bad = client.get("/?from=31/12/2023", headers=html)
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    assert XSS_TITLE not in article


def test_search_highlight_escapes_everything_but_its_marks() -> None:
    from dateline.serve.web.pages import highlight

    assert str(highlight("a <b>[x]</b> [<script>] [y")) == (
        "a &lt;b&gt;<mark>x</mark>&lt;/b&gt; <mark>&lt;script&gt;</mark> [y"
    )


def test_the_served_timeline_is_the_library_one(monkeypatch: pytest.MonkeyPatch, store_path: str) -> None:
    import dateline.api
    from dateline.models import SentenceRef, SourceRef, Timeline, TimelineEntry

    seen: dict[str, Any] = {}

    def build_timeline(
        store: Any, *, query: Any = None, start: Any = None, end: Any = None, **kw: Any
    ) -> Timeline:
        seen.update(query=query, start=start, end=end, **kw)
        ref = SentenceRef("Built by the library.", "ap/2023-10-07/attack", 0)
        src = SourceRef("ap/2023-10-07/attack", "AP", None, start, None)
        return Timeline(query, start, end, (TimelineEntry(start, "day", (ref,), (src,), 1),))

    monkeypatch.setattr(dateline.api, "build_timeline", build_timeline)
    c = Client(create_app(store_path, token=None))
    try:
        data = c.get("/api/timeline?q=war&from=2023-10-07&dates=3&per_date=1").json()
    finally:
        c.close()
    assert [e["summary"][0]["text"] for e in data["entries"]] == ["Built by the library."]
    assert seen == {"query": "war", "start": date(2023, 10, 7), "end": None, "dates": 3, "per_date": 1}


def test_without_the_token_the_body_is_not_even_validated(client: Client) -> None:
    _error(client.post("/api/articles", json={"nonsense": True}), 401, "unauthorized")


def test_stored_articles_are_handed_to_the_after_ingest_step(store_path: str) -> None:
    handed: list[list[str]] = []
    c = Client(create_app(store_path, token=TOKEN, after_ingest=lambda store, ids: handed.append(ids)))
    try:
        article = {
            "id": "dpa/1",
            "source": "DPA",
            "published": "2023-12-01",
            "text": "Talks resumed in Doha.",
        }
        assert c.post("/api/articles", json=[article], headers=AUTH).json()["stored"] == 1
        assert c.post("/api/articles", json=[article], headers=AUTH).json()["unchanged"] == 1
    finally:
        c.close()
    assert handed == [["dpa/1"]]


@pytest.mark.slow
def test_articles_posted_to_the_api_get_enriched(store_path: str) -> None:
    from dateline.serve.api import enrich_after_ingest
    from dateline.store import open_store

    c = Client(create_app(store_path, token=TOKEN, after_ingest=enrich_after_ingest))
    try:
        text = "Qatar said on Monday that talks between Israel and Hamas resumed in Doha. Aid trucks entered Gaza."
        article = {"id": "dpa/2", "source": "DPA", "published": "2023-12-04", "text": text}
        assert c.post("/api/articles", json=[article], headers=AUTH).json()["stored"] == 1
    finally:
        c.close()
    store = open_store(store_path)
    assert [s.text for s in store.sentences("dpa/2")][:1] == [
        "Qatar said on Monday that talks between Israel and Hamas resumed in Doha."
    ]
