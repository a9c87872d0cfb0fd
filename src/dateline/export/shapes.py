"""The JSON shapes of DESIGN §4, made from records: one place for the CLI, the API and the exports.

Every function here returns plain JSON-ready data (dates as ISO strings) with at least the keys
the contract names; extra keys are allowed by the contract and kept few. Nothing here reads a
store except through the arguments it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dateline.models import Article, Claim, Entity, Event, SentenceRef, SourceRef, Timeline, TimelineEntry
from dateline.store.base import SearchHit

__all__ = [
    "article_to_json",
    "claim_to_json",
    "entity_to_json",
    "entry_to_json",
    "event_to_json",
    "search_hit_to_json",
    "timeline_to_json",
]


def _ref(ref: SentenceRef) -> dict[str, Any]:
    return {"text": ref.text, "article_id": ref.article_id, "sentence_index": ref.sentence_index}


def _source(src: SourceRef) -> dict[str, Any]:
    return {
        "article_id": src.article_id,
        "source": src.source,
        "url": src.url,
        "published": src.published.isoformat(),
        "title": src.title,
    }


def _timeline_claim(claim: Claim) -> dict[str, Any]:
    return {
        "speaker": claim.speaker_entity or claim.speaker,
        "cue": claim.cue,
        "content": claim.content,
        "article_id": claim.article_id,
        "direct": claim.direct,
        "hedged": claim.hedged,
    }


def entry_to_json(entry: TimelineEntry) -> dict[str, Any]:
    """One timeline entry in the ``timeline --format json`` shape."""
    return {
        "date": entry.date.isoformat(),
        "precision": entry.precision,
        "summary": [_ref(ref) for ref in entry.summary],
        "sources": [_source(src) for src in entry.sources],
        "independent_sources": entry.independent_sources,
        "entities": [{"name": name, "type": etype} for name, etype in entry.entities],
        "claims": [_timeline_claim(c) for c in entry.claims],
    }


def timeline_to_json(timeline: Timeline) -> dict[str, Any]:
    """A timeline in the ``timeline --format json`` contract shape."""
    return {
        "query": timeline.query,
        "from": timeline.start.isoformat() if timeline.start else None,
        "to": timeline.end.isoformat() if timeline.end else None,
        "entries": [entry_to_json(entry) for entry in timeline.entries],
    }


def event_to_json(event: Event) -> dict[str, Any]:
    """An event in the ``events --json`` shape (``summary`` is the summary sentence's text)."""
    return {
        "id": event.id,
        "date": event.date.isoformat(),
        "precision": event.precision,
        "summary": event.summary.text,
        "summary_article_id": event.summary.article_id,
        "evidence": [_ref(ref) for ref in event.evidence],
        "type": event.type,
        "actors": list(event.actors),
        "locations": list(event.locations),
        "article_ids": list(event.article_ids),
        "independent_sources": event.independent_sources,
        "casualties": list(event.casualties),
    }


def entity_to_json(entity: Entity) -> dict[str, Any]:
    """An entity in the ``entities --json`` shape."""
    return {
        "name": entity.name,
        "type": entity.type,
        "mentions": entity.mentions,
        "aliases": list(entity.aliases),
        "key": entity.key,
        "roles": list(entity.roles),
        "first_seen": entity.first_seen.isoformat() if entity.first_seen else None,
        "last_seen": entity.last_seen.isoformat() if entity.last_seen else None,
    }


def claim_to_json(claim: Claim, sentence: Callable[[str, int], str | None] | None = None) -> dict[str, Any]:
    """A claim in the ``claims --json`` shape; ``sentence(article_id, index)`` supplies its sentence."""
    return {
        "speaker": claim.speaker,
        "speaker_entity": claim.speaker_entity,
        "cue": claim.cue,
        "content": claim.content,
        "direct": claim.direct,
        "hedged": claim.hedged,
        "article_id": claim.article_id,
        "published": claim.published.isoformat() if claim.published else None,
        "sentence": sentence(claim.article_id, claim.sentence_index) if sentence else None,
    }


def search_hit_to_json(hit: SearchHit) -> dict[str, Any]:
    """A search hit in the ``search --json`` shape (``snippet`` marks matches with ``[`` and ``]``)."""
    return {
        "article_id": hit.article_id,
        "published": hit.published.isoformat(),
        "source": hit.source,
        "title": hit.title,
        "snippet": hit.snippet,
        "url": hit.url,
    }


def article_to_json(article: Article, *, text: bool = False) -> dict[str, Any]:
    """An article's metadata (and its text when ``text``)."""
    data: dict[str, Any] = {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat(),
        "published_precision": article.published_precision,
        "title": article.title,
        "language": article.language,
    }
    if text:
        data["text"] = article.text
    return data
