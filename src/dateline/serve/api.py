"""The REST API and web server behind ``dateline serve`` (DESIGN §4): a thin FastAPI shell.

:func:`create_app` builds the application over one store: the JSON API under ``/api`` (the same
shapes as the CLI's ``--json``, lists wrapped as ``{"items", "next"}``), the web page at ``/``
(:mod:`dateline.serve.web.pages`), and ``/openapi.json``. :func:`serve` runs it with uvicorn.

Safe serving: every failure answers ``{"error": {"code", "message"}}`` (an HTML page for the web
pages) and never a traceback; the write endpoint needs ``Authorization: Bearer TOKEN`` and is off
without a token; request bodies are bounded; CORS is off unless origins are given; a
Content-Security-Policy forbids inline script; feed URLs are fetched by a
:class:`~dateline.ingest.fetch.Fetcher` that refuses private addresses.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from dateline import __version__
from dateline.errors import ConfigError, DatelineError, InputError, StoreError
from dateline.export import FORMATS, events_csv, render
from dateline.export.shapes import (
    article_to_json,
    claim_to_json,
    entity_to_json,
    event_to_json,
    search_hit_to_json,
    timeline_to_json,
)
from dateline.ingest.base import ReadOptions, Rejected
from dateline.ingest.fetch import Fetcher
from dateline.ingest.records import record_to_article
from dateline.models import Article, Timeline
from dateline.serve.web import STATIC_DIR
from dateline.serve.web.data import (
    DEFAULT_LIMIT,
    FILTER_WIDENING,
    ResultCache,
    SentenceLookup,
    StoreHolder,
    TimelineRequest,
    build_timeline,
    claims_about,
    enrich_after_ingest,
    fetch_window,
    find_entity,
    mentions_by_month,
    narrow_timeline,
    paginate,
)
from dateline.serve.web.guard import DEFAULT_MAX_BODY, BodyLimit, SecurityHeaders, token_matches
from dateline.serve.web.schemas import (
    ERRORS,
    ArticleIn,
    ArticlesIn,
    Credentials,
    Cursor,
    ErrorBody,
    FeedIn,
    From,
    IngestOut,
    Limit,
    ListOut,
    Text,
    To,
)
from dateline.store.base import Store

__all__ = ["create_app", "enrich_after_ingest", "is_loopback", "serve"]

log = logging.getLogger(__name__)

TimelineBuilder = Callable[[Store, TimelineRequest], Timeline]
AfterIngest = Callable[[Store, list[str]], None]

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    502: "bad_gateway",
    503: "store_unavailable",
}


def require_token(request: Request, credentials: Credentials = None) -> None:
    """Let a request through only with ``Authorization: Bearer <the server's token>``."""
    token: str | None = request.app.state.token
    if token is None:
        raise StarletteHTTPException(403, "ingest is disabled: start the server with a token")
    header = f"Bearer {credentials.credentials}" if credentials else None
    if not token_matches(header, token):
        raise StarletteHTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is required")


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def store_of(request: Request) -> Store:
    """This thread's store (call it inside the handler: dependencies may run on another thread)."""
    holder: StoreHolder = request.app.state.holder
    return holder.get()


def timeline_for(request: Request, want: TimelineRequest) -> Timeline:
    """The (cached) timeline for ``want``."""
    store = store_of(request)
    builder: TimelineBuilder = request.app.state.timeline_builder
    cache: ResultCache = request.app.state.cache
    return cache.get(want, lambda: builder(store, want))


def filtered_timeline(
    request: Request, want: TimelineRequest, entity: str | None, source: str | None
) -> Timeline:
    """The timeline for ``want`` narrowed to an entity and/or a source (more dates are built
    first, so that the filtered timeline still has about ``want.dates`` of them)."""
    if not entity and not source:
        return timeline_for(request, want)
    wider = replace(want, dates=min(100, (want.dates or 10) * FILTER_WIDENING))
    built = timeline_for(request, wider)
    return narrow_timeline(store_of(request), built, entity=entity, source=source, dates=want.dates or 10)


def error_response(request: Request, status: int, message: str, code: str | None = None) -> Response:
    """The error shape for ``status``: JSON for the API, an HTML page for the web pages."""
    code = code or HTTP_CODES.get(status, "error")
    path = request.url.path
    if not path.startswith(("/api", "/openapi")) and "text/html" in request.headers.get("accept", ""):
        from dateline.serve.web.pages import error_page

        return error_page(request, status, code, message)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(request, exc.status_code, str(exc.detail))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for err in exc.errors()[:3]:
            where = ".".join(str(part) for part in err.get("loc", ()) if part not in ("query", "body"))
            problems.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg")))
        return error_response(request, 422, "; ".join(problems) or "invalid request")

    async def dateline_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, InputError | ConfigError):
            return error_response(request, 400, str(exc), "invalid_input")
        if isinstance(exc, StoreError):
            log.error("store error: %s", exc)
            return error_response(request, 503, "the store is unavailable; try again later")
        log.error("%s: %s", type(exc).__name__, exc)
        return error_response(request, 500, "internal server error")

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(request, 500, "internal server error")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(DatelineError, dateline_error)
    app.add_exception_handler(Exception, unexpected)


def _after_ingest(app: FastAPI, changed: list[str]) -> None:
    """Run the ``after_ingest`` hook (enrichment) once the POST has been answered."""
    after: AfterIngest = app.state.after_ingest
    holder: StoreHolder = app.state.holder
    try:
        after(holder.get(), changed)
    except Exception:  # the response is already sent: nobody else would see this failure
        log.exception("after-ingest step failed on %d articles", len(changed))
    finally:
        app.state.cache.clear()


def _page(page: Any, convert: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    return {"items": [convert(item) for item in page.items], "next": page.next}


def _api_router() -> APIRouter:
    router = APIRouter(prefix="/api", responses=ERRORS)

    @router.get("/articles", response_model=ListOut, summary="Stored articles in publication order")
    def list_articles(
        request: Request,
        source: Text = None,
        start: From = None,
        end: To = None,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> dict[str, Any]:
        store = store_of(request)
        articles = store.iter_articles(start=start, end=end)
        if source:
            wanted = source.lower()
            articles = (a for a in articles if a.source.lower() == wanted)
        return _page(paginate(articles, cursor=cursor, limit=limit), article_to_json)

    @router.get(
        "/articles/{article_id:path}",
        summary="One article with its text, sentences and claims",
        responses={404: {"model": ErrorBody}},
    )
    def get_article(request: Request, article_id: str) -> dict[str, Any]:
        store = store_of(request)
        article = store.get_article(article_id)
        if article is None:
            raise StarletteHTTPException(404, f"no article with id {article_id!r}")
        data = article_to_json(article, text=True)
        sentences = store.sentences(article.id)
        data["sentences"] = [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in sentences
        ]
        lookup = {s.index: s.text for s in sentences}
        data["claims"] = [
            claim_to_json(c, lambda _a, i: lookup.get(i)) for c in store.claims(article_ids=[article.id])
        ]
        return data

    @router.post(
        "/articles",
        response_model=IngestOut,
        summary="Store JSON articles, or the articles of a feed URL (needs the bearer token)",
        responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 413: {"model": ErrorBody}},
        dependencies=[Depends(require_token)],
    )
    def post_articles(
        request: Request,
        body: ArticlesIn | FeedIn | list[ArticleIn],
        background: BackgroundTasks,
    ) -> dict[str, Any]:
        outcomes: list[Article | Rejected] = []
        options = ReadOptions()
        if isinstance(body, FeedIn):
            from dateline.ingest.feed import read_url

            fetcher: Fetcher = request.app.state.fetcher
            outcomes.extend(read_url(body.feed, options, fetcher=fetcher))
        else:
            items = body.articles if isinstance(body, ArticlesIn) else body
            for n, item in enumerate(items, 1):
                try:
                    outcomes.append(
                        record_to_article(item.model_dump(exclude_none=True), f"api[{n}]", options)
                    )
                except InputError as exc:
                    outcomes.append(Rejected(exc.origin, exc.reason))
        articles = [o for o in outcomes if isinstance(o, Article)]
        store = store_of(request)
        statuses = store.put_articles(articles) if articles else []
        changed = [a.id for a, s in zip(articles, statuses, strict=True) if s != "unchanged"]
        if changed:
            request.app.state.cache.clear()
            if request.app.state.after_ingest is not None:
                background.add_task(_after_ingest, request.app, changed)
        return {
            "read": len(outcomes),
            "stored": statuses.count("stored"),
            "updated": statuses.count("updated"),
            "unchanged": statuses.count("unchanged"),
            "rejected": [
                {"origin": r.origin, "reason": r.reason} for r in outcomes if isinstance(r, Rejected)
            ],
            "ids": [a.id for a in articles],
        }

    @router.get("/search", response_model=ListOut, summary="Full-text search (all terms required)")
    def search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=500)],
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> dict[str, Any]:
        window = fetch_window(cursor, limit)
        store = store_of(request)
        cache: ResultCache = request.app.state.cache
        hits = cache.get(("search", q, window), lambda: store.search(q, limit=window))
        return _page(paginate(hits, cursor=cursor, limit=limit), search_hit_to_json)

    @router.get(
        "/timeline",
        summary="A timeline of the matching articles (format=json gives the CLI's JSON shape)",
        responses={200: {"content": {f.media_type.split(";")[0]: {} for f in FORMATS.values()}}},
    )
    def timeline(
        request: Request,
        q: Text = None,
        start: From = None,
        end: To = None,
        dates: Annotated[int | None, Query(ge=1, le=100, description="How many dates")] = None,
        per_date: Annotated[int | None, Query(ge=1, le=20, description="Sentences per date")] = None,
        entity: Text = None,
        source: Text = None,
        format: Literal["json", "text", "markdown", "html", "timelinejs", "tilse"] = "json",
    ) -> Response:
        if start and end and start > end:
            raise InputError("from/to", f"the window starts ({start}) after it ends ({end}); swap them")
        result = filtered_timeline(
            request, TimelineRequest(q or None, start, end, dates, per_date), entity, source
        )
        if format == "json":
            return JSONResponse(timeline_to_json(result))
        spec = FORMATS[format]
        headers = {"content-disposition": f'inline; filename="timeline.{spec.extension}"'}
        if format == "html":
            headers["content-security-policy"] = (
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
            )
        body = render(result, format, store=store_of(request))
        return Response(body, media_type=spec.media_type.split(";")[0], headers=headers)

    @router.get("/events", summary="Event records (format=csv gives every matching event as CSV)")
    def events(
        request: Request,
        q: Text = None,
        start: From = None,
        end: To = None,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
        format: Literal["json", "csv"] = "json",
    ) -> Response:
        store = store_of(request)
        found = store.events(start=start, end=end)
        if q:  # as `dateline events QUERY`: events reported by an article that matches
            wanted = store.matching_article_ids(q)
            found = [e for e in found if wanted.intersection(e.article_ids)]
        if format == "csv":
            return Response(events_csv(found), media_type="text/csv")
        return JSONResponse(_page(paginate(found, cursor=cursor, limit=limit), event_to_json))

    @router.get(
        "/entities", response_model=ListOut, summary="Entities with mention counts, most mentioned first"
    )
    def entities(
        request: Request,
        type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE, …")] = None,
        q: Text = None,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> dict[str, Any]:
        found = store_of(request).entities(type=type)
        if q:
            wanted = q.lower()
            found = [e for e in found if any(wanted in alias.lower() for alias in (e.name, *e.aliases))]
        return _page(paginate(found, cursor=cursor, limit=limit), entity_to_json)

    @router.get(
        "/entities/{key:path}",
        summary="One entity: mentions by month, claims by and about it",
        responses={404: {"model": ErrorBody}},
    )
    def entity(request: Request, key: str) -> dict[str, Any]:
        store = store_of(request)
        found = find_entity(store, key)
        if found is None:
            raise StarletteHTTPException(404, f"no entity {key!r}")
        by, about = claims_about(store, found, limit=100)
        sentence = SentenceLookup(store)
        return {
            **entity_to_json(found),
            "mentions_by_month": [{"month": m, "mentions": n} for m, n in mentions_by_month(store, found)],
            "claims_by": [claim_to_json(c, sentence) for c in by],
            "claims_about": [claim_to_json(c, sentence) for c in about],
        }

    @router.get("/claims", response_model=ListOut, summary="Attributed claims: who said what, when")
    def claims(
        request: Request,
        q: Text = None,
        speaker: Text = None,
        start: From = None,
        end: To = None,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> dict[str, Any]:
        store = store_of(request)
        found = store.claims(
            query=q, speaker=speaker, start=start, end=end, limit=fetch_window(cursor, limit)
        )
        sentence = SentenceLookup(store)
        return _page(paginate(found, cursor=cursor, limit=limit), lambda c: claim_to_json(c, sentence))

    @router.get("/stats", summary="What the store holds")
    def stats(request: Request) -> dict[str, Any]:
        st = store_of(request).stats()
        return {
            "articles": st.articles,
            "sources": st.sources,
            "months": st.months,
            "first": st.first.isoformat() if st.first else None,
            "last": st.last.isoformat() if st.last else None,
            "enriched": st.enriched,
        }

    return router


def create_app(
    store_location: str,
    *,
    token: str | None,
    fetcher_allow_hosts: frozenset[str] = frozenset(),
    fetcher: Fetcher | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY,
    cors_origins: Sequence[str] = (),
    timeline_builder: TimelineBuilder | None = None,
    after_ingest: AfterIngest | None = None,
    cache_seconds: float = 60.0,
) -> FastAPI:
    """The API and web application over the store at ``store_location``.

    ``token`` enables ``POST /api/articles`` (``None`` disables it). Feed URLs are fetched with
    ``fetcher``, by default ``Fetcher(allow_private=False, allow_hosts=fetcher_allow_hosts)``.
    ``cors_origins`` turns CORS on for those origins (off by default). ``timeline_builder``
    replaces the library's timeline builder (tests); ``after_ingest(store, changed_ids)`` runs
    in the background after a POST stored or updated articles (:func:`enrich_after_ingest`
    enriches them). Timelines and search results are cached
    ``cache_seconds`` (the cache is dropped when a POST stores articles).
    """
    if token is not None and not token.strip():
        raise ConfigError("the API token is empty; pass a non-empty token or none")
    app = FastAPI(
        title="dateline",
        version=__version__,
        description="Source-cited timelines from dated news reports.",
        docs_url=None,
        redoc_url=None,
        debug=False,
    )
    app.state.holder = StoreHolder(store_location)
    app.state.token = token
    app.state.fetcher = fetcher or Fetcher(allow_private=False, allow_hosts=fetcher_allow_hosts)
    app.state.timeline_builder = timeline_builder or build_timeline
    app.state.cache = ResultCache(ttl=cache_seconds)
    app.state.after_ingest = after_ingest
    _install_error_handlers(app)
    app.include_router(_api_router())
    from dateline.serve.web.pages import router as web_router

    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"])
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    return app


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    db: str | None,
    token: str | None,
    fetcher_allow_hosts: frozenset[str] = frozenset(),
    enrich: bool = True,
) -> None:
    """Run the API and web page with uvicorn until interrupted.

    Binding anywhere but a loopback address requires ``token`` (it guards ingest, and a server
    others can reach must not accept writes from anyone). With ``enrich``, articles stored
    through the API are enriched in the background, so they reach the timeline.
    """
    import uvicorn

    from dateline.store import resolve_location

    if not is_loopback(host) and not token:
        raise ConfigError(
            f"binding to {host} requires a token (the API would be reachable from other machines)"
        )
    if token is not None and len(token) < 16:
        log.warning("the API token is shorter than 16 characters; use a long random one")
    app = create_app(
        resolve_location(db),
        token=token,
        fetcher_allow_hosts=fetcher_allow_hosts,
        after_ingest=enrich_after_ingest if enrich else None,
    )
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False, log_level="info")
