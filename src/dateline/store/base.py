"""The Store protocol every backend implements, and the small records it returns.

All SQL lives in the backends (``sqlite.py``; PostgreSQL later); the rest of dateline talks to a
store only through this protocol.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol

from dateline.models import Article, Claim, Entity, Event, Mention, Sentence, StoredTimex
from dateline.timeline.corpus import CorpusSentence

PutStatus = Literal["stored", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result."""

    article_id: str
    published: date
    source: str
    title: str | None
    snippet: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class StoreStats:
    """What a store holds."""

    articles: int
    sources: dict[str, int]
    months: dict[str, int]
    first: date | None
    last: date | None
    enriched: int
    languages: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StageResult:
    """How one stage went on one article: ``status`` is ok, skipped or failed."""

    stage: str
    version: str
    status: Literal["ok", "skipped", "failed"]
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleEnrichment:
    """Everything the enrichment stages produced for one article.

    Only the outputs of the stages listed in ``results`` are replaced when saved; a field left
    ``None`` belongs to a stage that did not run this time.
    """

    article_id: str
    results: tuple[StageResult, ...]
    language: str | None = None
    sentences: tuple[Sentence, ...] | None = None
    mentions: tuple[Mention, ...] | None = None
    timexes: tuple[StoredTimex, ...] | None = None
    claims: tuple[Claim, ...] | None = None
    signature: tuple[bytes, int] | None = None


class Store(Protocol):
    """What dateline needs from a store. Implementations: :class:`~dateline.store.sqlite.SQLiteStore`."""

    location: str

    def close(self) -> None: ...

    def put_articles(self, articles: Sequence[Article]) -> list[PutStatus]: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def iter_articles(
        self, *, ids: Iterable[str] | None = None, start: date | None = None, end: date | None = None
    ) -> Iterator[Article]: ...

    def count_articles(self) -> int: ...

    def article_dates(self) -> dict[str, date]: ...

    def refresh_search_index(self, *, batch: int = 500) -> int: ...

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]: ...

    def matching_article_ids(
        self, query: str, *, start: date | None = None, end: date | None = None
    ) -> set[str]: ...

    def corpus_sentences(
        self,
        *,
        article_ids: Iterable[str] | None = None,
        start: date | None = None,
        end: date | None = None,
        leads: int | None = None,
    ) -> list[CorpusSentence]: ...

    def stats(self) -> StoreStats: ...

    def pending_articles(self, stages: dict[str, str]) -> list[str]: ...

    def save_enrichments(self, enrichments: Sequence[ArticleEnrichment]) -> None: ...

    def sentences(self, article_id: str) -> list[Sentence]: ...

    def mentions(self, *, article_ids: Iterable[str] | None = None) -> list[Mention]: ...

    def timexes(self, article_id: str) -> list[StoredTimex]: ...

    def claims(
        self,
        *,
        query: str | None = None,
        speaker: str | None = None,
        start: date | None = None,
        end: date | None = None,
        limit: int | None = None,
        article_ids: Iterable[str] | None = None,
    ) -> list[Claim]: ...

    def replace_entities(self, entities: Sequence[Entity], keys: dict[tuple[str, int], str]) -> None: ...

    def entities(self, *, type: str | None = None, keys: Iterable[str] | None = None) -> list[Entity]: ...

    def signatures(self) -> Iterator[tuple[str, bytes, int]]: ...

    def set_dup_groups(self, groups: dict[str, str]) -> None: ...

    def dup_groups(self, article_ids: Iterable[str] | None = None) -> dict[str, str]: ...

    def replace_events(self, events: Sequence[Event]) -> None: ...

    def events(self, *, start: date | None = None, end: date | None = None) -> list[Event]: ...

    def failures(self) -> list[tuple[str, str, str]]: ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...
