"""The typed, frozen records that flow through dateline.

One record per concept (DESIGN §3): :class:`Article`, :class:`Sentence`, :class:`Mention`,
:class:`Entity`, :class:`Timex`, :class:`Claim`, :class:`Event`, :class:`TimelineEntry` and
:class:`Timeline`. Records hold data only; the code that makes them lives in the stage or reader
that produces them. Character offsets are always into ``Article.text`` (0-based, end-exclusive)
unless a docstring says otherwise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

PRECISIONS: tuple[str, ...] = ("day", "month", "year")


def article_id_for(source: str, published: date, text: str) -> str:
    """A stable id for an article whose source gave none: a hash of source, date and text."""
    digest = hashlib.sha1(f"{source}\x1f{published.isoformat()}\x1f{text}".encode()).hexdigest()
    return f"{source.lower().replace(' ', '-') or 'article'}/{published.isoformat()}/{digest[:12]}"


@dataclass(frozen=True, slots=True)
class Article:
    """One news report: what a reader yields and the store keeps.

    ``id`` is given by the source where it has one, else :func:`article_id_for`. ``published``
    is the publication date at ``published_precision`` (a month-precision date is the 1st).
    ``extra`` holds reader-specific fields kept verbatim (e.g. an item's cited outlets).
    """

    id: str
    source: str
    published: date
    text: str
    title: str | None = None
    url: str | None = None
    published_precision: Precision = "day"
    language: str | None = None
    origin: str | None = None
    ingested_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def content_hash(self) -> str:
        """A hash of everything a reader controls; a change means the article was edited."""
        parts = (self.source, self.published.isoformat(), self.title or "", self.url or "", self.text)
        return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, with offsets into the article text."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One named-entity mention in an article, linked to its canonical entity by ``entity_key``."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    label: str
    entity_key: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity across the corpus (all its surface forms in ``aliases``)."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    roles: tuple[str, ...] = ()
    first_seen: date | None = None
    last_seen: date | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression with its TIMEX3 type and normalised value.

    ``start``/``end`` are offsets into the text that was tagged (the article text when stored).
    ``value`` is a TIMEX3 value (``2023-11-07``, ``2023-W45``, ``2023-11``, ``P3D``,
    ``PRESENT_REF``, ``XXXX-03`` when unresolvable, …). ``anchor`` is the date the value was
    resolved against (the DCT or another timex), ``None`` for absolute expressions.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    anchor: str | None = None
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None


@dataclass(frozen=True, slots=True)
class StoredTimex:
    """A :class:`Timex` as the store keeps it: tied to its article and sentence, with the
    calendar day (and its precision) a DATE value points at, where it points at one."""

    article_id: str
    sentence_index: int
    timex: Timex
    day: date | None = None
    day_precision: Precision | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """An attribution: who (``speaker``) said or believes what (``content``), through ``cue``.

    Spans are ``(start, end)`` offsets into the article text; ``speaker`` may be ``None`` for
    agentless attributions ("it is reported that …"). ``speaker_entity`` is the canonical entity
    name when the speaker (or the person a pronoun refers to) is known.
    """

    article_id: str
    sentence_index: int
    speaker: str | None
    cue: str
    content: str
    direct: bool
    hedged: bool
    speaker_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    content_span: tuple[int, int] | None = None
    speaker_entity: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence cited as evidence: its text and where it came from."""

    text: str
    article_id: str
    sentence_index: int | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """An article cited by a timeline entry or an event."""

    article_id: str
    source: str
    url: str | None
    published: date
    title: str | None


@dataclass(frozen=True, slots=True)
class Event:
    """A happening on a date, reported by one or more articles."""

    id: str
    date: date
    precision: Precision
    summary: SentenceRef
    evidence: tuple[SentenceRef, ...]
    type: str | None
    actors: tuple[str, ...]
    locations: tuple[str, ...]
    article_ids: tuple[str, ...]
    independent_sources: int
    casualties: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated entry of a timeline: summary sentences, every one citing its article."""

    date: date
    precision: Precision
    summary: tuple[SentenceRef, ...]
    sources: tuple[SourceRef, ...]
    independent_sources: int
    entities: tuple[tuple[str, str], ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True, slots=True)
class Timeline:
    """A timeline for a query and a window (``start``/``end`` inclusive, ``None`` = open)."""

    query: str | None
    start: date | None
    end: date | None
    entries: tuple[TimelineEntry, ...]
