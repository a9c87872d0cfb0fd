"""What the API and the web page read, in one place: the store per thread, timelines, pages of lists.

Both shells (``serve/api.py`` for JSON, ``serve/web/pages.py`` for HTML) call these functions,
so a JSON list and its web page always hold the same items. Nothing here knows about HTTP.
Timelines and search results are cached for a short while (building a timeline reads the whole
story) and the cache is dropped whenever the API stores new articles.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence, Set
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any, TypeVar, cast

from dateline.errors import InputError
from dateline.models import Article, Claim, Entity, SentenceRef, SourceRef, Timeline, TimelineEntry
from dateline.store import open_store
from dateline.store.base import Store

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000

TimelineFunction = Callable[..., Timeline]


class StoreHolder:
    """One store connection per thread (SQLite connections must stay on the thread that made them)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._local = threading.local()
        open_store(location).close()  # fail at start-up, not on the first request

    def get(self) -> Store:
        """This thread's store, opened on first use."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.location)
            self._local.store = store
        return store


# -- pagination ----------------------------------------------------------------------------------


def encode_cursor(offset: int) -> str:
    """An opaque cursor for the item at ``offset``."""
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor from :func:`encode_cursor` stands for (0 when ``None``)."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = raw.partition(":")
        offset = int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InputError("cursor", "not a cursor this server issued (pass the 'next' value back)") from None
    if kind != "o" or not 0 <= offset <= MAX_OFFSET:
        raise InputError("cursor", "not a cursor this server issued (pass the 'next' value back)")
    return offset


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a list: its items and the cursor of the next page (``None`` on the last)."""

    items: list[Any]
    next: str | None


def paginate(items: Iterable[T], *, cursor: str | None, limit: int) -> Page:
    """The page of ``items`` that ``cursor`` points at; reads at most one item past the page."""
    offset = decode_cursor(cursor)
    chunk = list(islice(items, offset, offset + limit + 1))
    more = len(chunk) > limit
    return Page(chunk[:limit], encode_cursor(offset + limit) if more else None)


def fetch_window(cursor: str | None, limit: int) -> int:
    """How many items a query must return so that the page after ``cursor`` can be cut from it."""
    return decode_cursor(cursor) + limit + 1


# -- timelines -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineRequest:
    """What a timeline is asked for (the cache key)."""

    query: str | None
    start: date | None
    end: date | None
    dates: int | None
    per_date: int | None


def build_timeline(store: Store, request: TimelineRequest) -> Timeline:
    """The timeline the library builds for ``request`` (:func:`dateline.api.build_timeline`), or
    the publication-date timeline (:func:`interim_timeline`) when nothing is enriched yet."""
    from dateline import api

    timeline = api.build_timeline(
        store,
        query=request.query,
        start=request.start,
        end=request.end,
        dates=request.dates,
        per_date=request.per_date,
    )
    if not timeline.entries and store.stats().enriched == 0:
        # The library reads enriched sentences; a store ingested with --no-enrich still gets a
        # (plainer) timeline, and the page says why.
        return interim_timeline(store, request)
    return timeline


_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?:\s+(?=[A-Z\"'“‘(])|\s*$)", re.S)


def _lead_sentences(store: Store, article: Article, k: int) -> list[SentenceRef]:
    stored = store.sentences(article.id)
    if stored:
        return [SentenceRef(s.text, article.id, s.index) for s in stored[:k]]
    found = [m.group(1).strip() for m in islice(_FIRST_SENTENCE.finditer(article.text), k)]
    return [SentenceRef(text, article.id, None) for text in (found or [article.text[:300]])]


def interim_timeline(store: Store, request: TimelineRequest) -> Timeline:
    """A plain timeline by publication date: the busiest dates (most independent sources), each
    summarised by the lead sentence of its reports. Predictable, so tests of the shells use it;
    the served timeline is the library's (:func:`build_timeline`)."""
    n_dates = request.dates or 10
    per_date = request.per_date or 2
    if request.query:
        ids = store.matching_article_ids(request.query)
        articles = [
            a
            for a in store.iter_articles(ids=sorted(ids))
            if (request.start is None or a.published >= request.start)
            and (request.end is None or a.published <= request.end)
        ]
    else:
        articles = list(store.iter_articles(start=request.start, end=request.end))
    groups = store.dup_groups([a.id for a in articles])
    by_day: dict[date, list[Article]] = {}
    for article in articles:
        by_day.setdefault(article.published, []).append(article)

    def weight(day: date) -> tuple[int, int]:
        return len({groups.get(a.id, a.id) for a in by_day[day]}), len(by_day[day])

    chosen = sorted(sorted(by_day, key=weight, reverse=True)[:n_dates])
    entries = []
    for day in chosen:
        reports = sorted(by_day[day], key=lambda a: (a.source, a.id))
        summary: list[SentenceRef] = []
        seen_groups: set[str] = set()
        for article in reports:
            group = groups.get(article.id, article.id)
            if group in seen_groups:
                continue  # a wire copy says the same thing
            seen_groups.add(group)
            summary.extend(_lead_sentences(store, article, 1))
            if len(summary) >= per_date:
                break
        entries.append(
            TimelineEntry(
                date=day,
                precision=reports[0].published_precision,
                summary=tuple(summary[:per_date]),
                sources=tuple(SourceRef(a.id, a.source, a.url, a.published, a.title) for a in reports[:20]),
                independent_sources=len({groups.get(a.id, a.id) for a in reports}),
            )
        )
    return Timeline(query=request.query, start=request.start, end=request.end, entries=tuple(entries))


class ResultCache:
    """Recent results (timelines, search hits) by request, kept ``ttl`` seconds; concurrent
    callers asking for the same thing wait for one computation instead of repeating it."""

    def __init__(self, *, ttl: float = 60.0, size: int = 64) -> None:
        self.ttl = ttl
        self.size = size
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    def clear(self) -> None:
        """Forget every cached result (the store changed)."""
        with self._lock:
            self._items.clear()

    def _lookup(self, key: Hashable) -> Any:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and time.monotonic() - hit[0] < self.ttl:
                self._items.move_to_end(key)
                return hit[1]
            return None

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The cached result for ``key``, else ``build()`` (concurrent callers wait for one build)."""
        found = self._lookup(key)
        if found is not None:
            return cast(T, found)
        with self._lock:
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:
            found = self._lookup(key)
            if found is not None:
                return cast(T, found)
            result = build()
            with self._lock:
                self._items[key] = (time.monotonic(), result)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._building.pop(key, None)
            return result


def _matches_entity(entry: TimelineEntry, names: Sequence[str], article_ids: Set[str]) -> bool:
    if any(src.article_id in article_ids for src in entry.sources):
        return True
    lowered = [n.lower() for n in names if n]
    if any(name.lower() in lowered for name, _ in entry.entities):
        return True
    text = " ".join(ref.text for ref in entry.summary).lower()
    return any(re.search(r"\b" + re.escape(n) + r"\b", text) for n in lowered)


def filter_timeline(
    timeline: Timeline,
    *,
    entity_names: Sequence[str] = (),
    entity_article_ids: Set[str] = frozenset(),
    source: str | None = None,
    dates: int | None = None,
) -> Timeline:
    """Keep the entries about an entity (named in ``entity_names``: in the entry's entities or
    summary, or cited articles in ``entity_article_ids``) and citing ``source``; at most ``dates``."""
    entries: Iterable[TimelineEntry] = timeline.entries
    if entity_names or entity_article_ids:
        entries = [e for e in entries if _matches_entity(e, entity_names, entity_article_ids)]
    if source:
        wanted = source.lower()
        entries = [e for e in entries if any(s.source.lower() == wanted for s in e.sources)]
    kept = tuple(entries)
    if dates is not None and len(kept) > dates:
        # Keep the best-supported dates, shown in date order.
        best = sorted(kept, key=lambda e: e.independent_sources, reverse=True)[:dates]
        kept = tuple(sorted(best, key=lambda e: e.date))
    return Timeline(query=timeline.query, start=timeline.start, end=timeline.end, entries=kept)


def narrow_timeline(
    store: Store,
    timeline: Timeline,
    *,
    entity: str | None,
    source: str | None,
    dates: int | None,
) -> Timeline:
    """:func:`filter_timeline` for an entity given by key or name (its aliases and the cited
    articles that mention it count) and an outlet name."""
    names: list[str] = []
    article_ids: set[str] = set()
    if entity:
        names.append(entity)
        found = find_entity(store, entity)
        if found is not None:
            names += [found.name, *found.aliases]
            cited = sorted({src.article_id for e in timeline.entries for src in e.sources})
            article_ids = {
                m.article_id for m in store.mentions(article_ids=cited) if m.entity_key == found.key
            }
    return filter_timeline(
        timeline, entity_names=names, entity_article_ids=article_ids, source=source, dates=dates
    )


FILTER_WIDENING = 3
"""With an entity or source filter, ask the builder for this many times the dates, then filter."""


_ENRICHING = threading.Lock()


def enrich_after_ingest(store: Store, changed: list[str]) -> None:
    """Enrich what the API just stored (one enrichment at a time; in this thread, no workers)."""
    from dateline.enrich.pipeline import enrich_store

    with _ENRICHING:
        result = enrich_store(store, processes=1)
    log.info("enriched %s of %d new or updated articles", result.get("enriched"), len(changed))


# -- entities and claims -------------------------------------------------------------------------


def find_entity(store: Store, key: str) -> Entity | None:
    """The entity with ``key`` (failing that, with that name, or else that alias)."""
    entities = store.entities()
    for entity in entities:
        if entity.key == key:
            return entity
    lowered = key.lower()
    named = next((e for e in entities if e.name.lower() == lowered), None)
    return named or next((e for e in entities if lowered in (a.lower() for a in e.aliases)), None)


def mentions_by_month(store: Store, entity: Entity) -> list[tuple[str, int]]:
    """(``YYYY-MM``, mentions) for every month the entity is mentioned in, in order."""
    counts: Counter[str] = Counter()
    articles = Counter(m.article_id for m in store.mentions() if m.entity_key == entity.key)
    for article in store.iter_articles(ids=sorted(articles)):
        counts[article.published.isoformat()[:7]] += articles[article.id]
    return sorted(counts.items())


class SentenceLookup:
    """The text of a stored sentence by (article id, index), reading each article's sentences once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._cache: dict[str, dict[int, str]] = {}

    def __call__(self, article_id: str, index: int) -> str | None:
        if article_id not in self._cache:
            self._cache[article_id] = {s.index: s.text for s in self._store.sentences(article_id)}
        return self._cache[article_id].get(index)


def claims_about(store: Store, entity: Entity, *, limit: int) -> tuple[list[Claim], list[Claim]]:
    """Claims by the entity (it is the speaker) and claims about it (its name in the content)."""
    by = store.claims(speaker=entity.name, limit=limit)
    by_keys = {(c.article_id, c.sentence_index, c.content) for c in by}
    about = [
        c
        for c in store.claims(query=entity.name, limit=limit * 2)
        if (c.article_id, c.sentence_index, c.content) not in by_keys
        and entity.name.lower() in c.content.lower()
    ][:limit]
    return by, about
