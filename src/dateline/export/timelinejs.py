"""TimelineJS JSON: a timeline that Knight Lab's TimelineJS can show as a slide timeline.

TimelineJS renders ``headline`` and ``text`` as HTML, so every piece of article text is
HTML-escaped here, and only http(s) URLs become links.
"""

from __future__ import annotations

from html import escape
from typing import Any

from dateline.export.text import safe_url
from dateline.models import Timeline, TimelineEntry

__all__ = ["timeline_to_timelinejs"]

HEADLINE_CHARS = 120


def _start_date(entry: TimelineEntry) -> dict[str, str]:
    day = entry.date
    parts = {"year": str(day.year)}
    if entry.precision in ("month", "day"):
        parts["month"] = str(day.month)
    if entry.precision == "day":
        parts["day"] = str(day.day)
    return parts


def _headline(entry: TimelineEntry) -> str:
    if not entry.summary:
        return entry.date.isoformat()
    text = " ".join(entry.summary[0].text.split())
    if len(text) > HEADLINE_CHARS:
        text = text[: HEADLINE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return escape(text)


def _body(entry: TimelineEntry) -> str:
    sentences = "".join(f"<p>{escape(' '.join(ref.text.split()))}</p>" for ref in entry.summary)
    links = []
    for src in entry.sources:
        label = escape(f"{src.source}: {src.title or src.article_id} ({src.published.isoformat()})")
        url = safe_url(src.url)
        links.append(f'<li><a href="{escape(url)}">{label}</a></li>' if url else f"<li>{label}</li>")
    plural = "" if entry.independent_sources == 1 else "s"
    sources = f"<p>{entry.independent_sources} independent source{plural}</p><ul>{''.join(links)}</ul>"
    return sentences + sources


def timeline_to_timelinejs(timeline: Timeline, *, title: str | None = None) -> dict[str, Any]:
    """A timeline as TimelineJS JSON: ``{"title", "events": [{"start_date", "text", "unique_id"}]}``."""
    heading = title or (f"Timeline: {timeline.query}" if timeline.query else "Timeline")
    window = " – ".join(d.isoformat() if d else "…" for d in (timeline.start, timeline.end))
    return {
        "title": {
            "text": {
                "headline": escape(heading),
                "text": escape(window) if (timeline.start or timeline.end) else "",
            }
        },
        "events": [
            {
                "start_date": _start_date(entry),
                "text": {"headline": _headline(entry), "text": _body(entry)},
                "unique_id": f"d{entry.date.isoformat()}-{i}",
            }
            for i, entry in enumerate(timeline.entries)
        ],
    }
