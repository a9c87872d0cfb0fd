"""The HTML pages of ``dateline serve``: timeline, search, claims, entities, events, articles.

Each page reads through :mod:`dateline.serve.web.data` (the same calls as the JSON API) and
renders a Jinja2 template with autoescaping on, so every piece of article text reaches the
browser as text. Filters are plain GET forms; the evidence of a summary opens with a
``<details>`` element, so the pages need no JavaScript.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
import markupsafe
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline import __version__
from dateline.errors import InputError
from dateline.export.html import sentence_context
from dateline.export.text import safe_url
from dateline.models import SentenceRef, Timeline, TimelineEntry
from dateline.serve.web import TEMPLATES_DIR
from dateline.serve.web.data import (
    TimelineRequest,
    claims_about,
    decode_cursor,
    fetch_window,
    find_entity,
    mentions_by_month,
    paginate,
)

__all__ = ["error_page", "router"]

PAGE_SIZE = 50

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=jinja2.StrictUndefined
)
_env.filters["path"] = lambda value: quote(str(value), safe="/")
_env.filters["safe_url"] = safe_url
_MATCH = re.compile(r"\[([^\[\]]{1,200})\]")


def highlight(snippet: str) -> markupsafe.Markup:
    """A search snippet with its ``[match]`` markers as ``<mark>``; every other character escaped."""
    out = markupsafe.Markup()
    last = 0
    for m in _MATCH.finditer(snippet):
        out += markupsafe.escape(snippet[last : m.start()])
        out += markupsafe.Markup("<mark>") + markupsafe.escape(m.group(1)) + markupsafe.Markup("</mark>")
        last = m.end()
    return out + markupsafe.escape(snippet[last:])


_env.filters["highlight"] = highlight
_env.globals["version"] = __version__
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _text(value: str | None, name: str, *, limit: int = 500) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > limit:
        raise InputError(name, f"longer than {limit} characters")
    return value.strip()


def _day(value: str | None, name: str) -> date | None:
    text = _text(value, name, limit=10)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(name, f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _int(value: str | None, name: str, *, low: int, high: int) -> int | None:
    text = _text(value, name, limit=6)
    if text is None:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        raise InputError(name, f"expected a whole number from {low} to {high}, got {text!r}")
    return int(text)


def _render(request: Request, name: str, http_status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=http_status)


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    """The HTML form of the error shape."""
    return _render(request, "error.html", status, status=status, code=code, message=message, title="Error")


def _store(request: Request) -> Any:
    from dateline.serve.api import store_of

    return store_of(request)


def _next_link(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = dict(request.query_params)
    params["cursor"] = cursor
    return f"{request.url.path}?{urlencode(params)}"


def _evidence(store: Any, entry: TimelineEntry, ref: SentenceRef) -> dict[str, Any]:
    own = [s for s in entry.sources if s.article_id == ref.article_id]
    if not own:
        article = store.get_article(ref.article_id)
        if article is not None:
            from dateline.models import SourceRef

            own = [SourceRef(article.id, article.source, article.url, article.published, article.title)]
    others = [s for s in entry.sources if s.article_id != ref.article_id]
    return {
        "ref": ref,
        "context": sentence_context(store, ref),
        "own": own,
        "others": others,
    }


@router.get("/")
def timeline_page(request: Request) -> Response:
    """The timeline with its filters (query, date range, entity, source) and export links."""
    from dateline.serve.api import filtered_timeline

    params = request.query_params
    q = _text(params.get("q"), "q")
    start, end = _day(params.get("from"), "from"), _day(params.get("to"), "to")
    if start and end and start > end:
        raise InputError("from/to", f"the window starts ({start}) after it ends ({end}); swap them")
    dates = _int(params.get("dates"), "dates", low=1, high=100)
    entity_name = _text(params.get("entity"), "entity")
    source = _text(params.get("source"), "source")
    store = _store(request)
    timeline: Timeline = filtered_timeline(
        request, TimelineRequest(q, start, end, dates, None), entity_name, source
    )
    all_entities = store.entities()
    keys = {e.name: e.key for e in all_entities}
    stats = store.stats()
    entries = [
        {
            "entry": entry,
            "evidence": [_evidence(store, entry, ref) for ref in entry.summary],
            "entities": [(name, etype, keys.get(name)) for name, etype in entry.entities],
        }
        for entry in timeline.entries
    ]
    filters = {k: v for k, v in params.items() if k in ("q", "from", "to", "entity", "source", "dates") and v}
    exports = [
        (label, f"/api/timeline?{urlencode({**filters, 'format': fmt})}")
        for label, fmt in (
            ("Markdown", "markdown"),
            ("HTML", "html"),
            ("JSON", "json"),
            ("TimelineJS", "timelinejs"),
            ("tilse", "tilse"),
            ("Text", "text"),
        )
    ]
    return _render(
        request,
        "timeline.html",
        title="Timeline" + (f": {q}" if q else ""),
        timeline=timeline,
        entries=entries,
        filters=filters,
        sources=list(stats.sources)[:100],
        enriched=stats.enriched > 0 or not stats.articles,
        entity_names=[e.name for e in all_entities[:200]],
        exports=exports,
    )


@router.get("/search")
def search_page(request: Request) -> Response:
    """Full-text search over the stored articles."""
    q = _text(request.query_params.get("q"), "q")
    cursor = request.query_params.get("cursor")
    hits, next_cursor = [], None
    if q:
        found = _store(request).search(q, limit=fetch_window(cursor, PAGE_SIZE))
        page = paginate(found, cursor=cursor, limit=PAGE_SIZE)
        hits, next_cursor = page.items, page.next
    return _render(
        request, "search.html", title="Search", q=q or "", hits=hits, next=_next_link(request, next_cursor)
    )


@router.get("/claims")
def claims_page(request: Request) -> Response:
    """Who said what, when: direct or reported, hedged or not."""
    params = request.query_params
    q, speaker = _text(params.get("q"), "q"), _text(params.get("speaker"), "speaker")
    start, end = _day(params.get("from"), "from"), _day(params.get("to"), "to")
    cursor = params.get("cursor")
    store = _store(request)
    found = store.claims(
        query=q, speaker=speaker, start=start, end=end, limit=fetch_window(cursor, PAGE_SIZE)
    )
    page = paginate(found, cursor=cursor, limit=PAGE_SIZE)
    return _render(
        request,
        "claims.html",
        title="Claims",
        claims=page.items,
        filters={k: params.get(k, "") for k in ("q", "speaker", "from", "to")},
        next=_next_link(request, page.next),
    )


@router.get("/entities")
def entities_page(request: Request) -> Response:
    """Entities with mention counts; filter by type or name."""
    params = request.query_params
    etype, q = _text(params.get("type"), "type", limit=20), _text(params.get("q"), "q")
    found = _store(request).entities(type=etype)
    if q:
        found = [e for e in found if any(q.lower() in a.lower() for a in (e.name, *e.aliases))]
    page = paginate(found, cursor=params.get("cursor"), limit=PAGE_SIZE)
    return _render(
        request,
        "entities.html",
        title="Entities",
        entities=page.items,
        offset=decode_cursor(params.get("cursor")),
        filters={"type": etype or "", "q": q or ""},
        next=_next_link(request, page.next),
    )


@router.get("/entities/{key:path}")
def entity_page(request: Request, key: str) -> Response:
    """One entity: its names, mentions over time, claims by and about it."""
    store = _store(request)
    entity = find_entity(store, key)
    if entity is None:
        raise StarletteHTTPException(404, f"no entity {key!r}")
    months = mentions_by_month(store, entity)
    peak = max((n for _, n in months), default=0)
    by, about = claims_about(store, entity, limit=100)
    return _render(
        request,
        "entity.html",
        title=entity.name,
        entity=entity,
        months=months,
        peak=peak,
        claims_by=by,
        claims_about=about,
    )


@router.get("/events")
def events_page(request: Request) -> Response:
    """Event records in date order."""
    params = request.query_params
    start, end = _day(params.get("from"), "from"), _day(params.get("to"), "to")
    page = paginate(
        _store(request).events(start=start, end=end), cursor=params.get("cursor"), limit=PAGE_SIZE
    )
    return _render(
        request,
        "events.html",
        title="Events",
        events=page.items,
        filters={k: params.get(k, "") for k in ("from", "to")},
        next=_next_link(request, page.next),
    )


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str) -> Response:
    """One article: its text sentence by sentence (each sentence an anchor), and its claims."""
    store = _store(request)
    article = store.get_article(article_id)
    if article is None:
        raise StarletteHTTPException(404, f"no article with id {article_id!r}")
    sentences = store.sentences(article.id)
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()] if not sentences else []
    return _render(
        request,
        "article.html",
        title=article.title or article.id,
        article=article,
        sentences=sentences,
        paragraphs=paragraphs,
        claims=store.claims(article_ids=[article.id]),
    )
