"""Exports: a :class:`~dateline.models.Timeline` (or events) as text other tools and people read.

:func:`render` is the one entry point the CLI (``dateline timeline --format``) and the API
(``GET /api/timeline?format=``) call; each format is a pure function over records, registered in
:data:`FORMATS` with its media type. :func:`events_csv` writes events as CSV.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dateline.errors import ConfigError
from dateline.export.events_csv import events_csv
from dateline.export.html import render_html
from dateline.export.shapes import timeline_to_json
from dateline.export.text import render_markdown, render_text
from dateline.export.tilse import render_tilse
from dateline.export.timelinejs import timeline_to_timelinejs
from dateline.models import Timeline

__all__ = ["FORMATS", "Format", "events_csv", "render", "timeline_to_json", "timeline_to_timelinejs"]


@dataclass(frozen=True, slots=True)
class Format:
    """A registered export format: its renderer, media type and file extension."""

    name: str
    render: Callable[[Timeline, Any], str]
    media_type: str
    extension: str


def _json(timeline: Timeline, store: Any) -> str:
    return json.dumps(timeline_to_json(timeline), ensure_ascii=False, indent=2) + "\n"


def _timelinejs(timeline: Timeline, store: Any) -> str:
    return json.dumps(timeline_to_timelinejs(timeline), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", lambda t, s: render_text(t), "text/plain; charset=utf-8", "txt"),
        Format("markdown", lambda t, s: render_markdown(t), "text/markdown; charset=utf-8", "md"),
        Format("json", _json, "application/json", "json"),
        Format("html", lambda t, s: render_html(t, store=s), "text/html; charset=utf-8", "html"),
        Format("timelinejs", _timelinejs, "application/json", "timelinejs.json"),
        Format("tilse", lambda t, s: render_tilse(t), "text/plain; charset=utf-8", "tilse.txt"),
    )
}


def render(timeline: Timeline, fmt: str, *, store: Any = None) -> str:
    """``timeline`` rendered as ``fmt`` (text, markdown, json, html, timelinejs or tilse).

    ``store`` is optional; the HTML export uses it to show each cited sentence in context.
    Raises :class:`~dateline.errors.ConfigError` for an unknown format.
    """
    try:
        fmt_spec = FORMATS[fmt]
    except KeyError:
        raise ConfigError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})") from None
    return fmt_spec.render(timeline, store)
