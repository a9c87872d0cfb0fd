"""JSON forms of the records the store keeps whole (events) and of JSON fields it reads, shared by
every backend."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from dateline.models import Event, SentenceRef


def _ref(data: dict[str, Any]) -> SentenceRef:
    return SentenceRef(data["text"], data["article_id"], data.get("sentence_index"))


def event_to_json(event: Event) -> dict[str, Any]:
    """An :class:`Event` as plain JSON (dates as ISO strings)."""
    return {
        "id": event.id,
        "date": event.date.isoformat(),
        "precision": event.precision,
        "summary": {
            "text": event.summary.text,
            "article_id": event.summary.article_id,
            "sentence_index": event.summary.sentence_index,
        },
        "evidence": [
            {"text": r.text, "article_id": r.article_id, "sentence_index": r.sentence_index}
            for r in event.evidence
        ],
        "type": event.type,
        "actors": list(event.actors),
        "locations": list(event.locations),
        "article_ids": list(event.article_ids),
        "independent_sources": event.independent_sources,
        "casualties": list(event.casualties),
    }


def event_from_json(data: dict[str, Any]) -> Event:
    """The inverse of :func:`event_to_json`."""
    return Event(
        id=data["id"],
        date=date.fromisoformat(data["date"]),
        precision=data["precision"],
        summary=_ref(data["summary"]),
        evidence=tuple(_ref(r) for r in data["evidence"]),
        type=data.get("type"),
        actors=tuple(data["actors"]),
        locations=tuple(data["locations"]),
        article_ids=tuple(data["article_ids"]),
        independent_sources=int(data["independent_sources"]),
        casualties=tuple(data.get("casualties", ())),
    )


def cited_outlets(cited: str | None) -> tuple[str, ...]:
    """The outlet names an aggregator item cites (``extra.cited_sources``: names, or objects with
    an ``outlet`` or ``name``), normalised so "The Times of Israel" and "Times of Israel" agree."""
    if not cited:
        return ()
    try:
        items = json.loads(cited)
    except json.JSONDecodeError:
        return ()
    names = []
    for item in items if isinstance(items, list) else ():
        name = item.get("outlet") or item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower())
    return tuple(dict.fromkeys(names))
