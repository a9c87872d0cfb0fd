"""The tilse text format of a timeline: a date line, its sentences one per line, a rule of 32 dashes.

This is what tilse's ``Timeline.from_file`` reads and what ``dateline eval tls --out`` writes, so
a timeline exported here can be scored by any tool that reads tilse timelines.
"""

from __future__ import annotations

from dateline.models import Timeline

__all__ = ["render_tilse"]

RULE = "-" * 32


def render_tilse(timeline: Timeline) -> str:
    """A timeline in tilse text format (each date at day precision, sentences on one line each)."""
    parts: list[str] = []
    for entry in sorted(timeline.entries, key=lambda e: e.date):
        parts.append(entry.date.isoformat())
        parts.extend(" ".join(ref.text.split()) for ref in entry.summary)
        parts.append(RULE)
    return "".join(line + "\n" for line in parts)
