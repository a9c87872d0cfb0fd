"""Events as CSV: one row per event, for spreadsheets and other tools.

List-valued fields (actors, locations, article ids) are joined with ``"; "``. Cells that a
spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from dateline.models import Event

__all__ = ["COLUMNS", "events_csv"]

COLUMNS = (
    "id",
    "date",
    "precision",
    "summary",
    "summary_article_id",
    "type",
    "actors",
    "locations",
    "article_ids",
    "independent_sources",
)


def _cell(value: str) -> str:
    # A leading formula character makes spreadsheets evaluate the cell (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def events_csv(events: Iterable[Event]) -> str:
    """Events as CSV text with a header row (:data:`COLUMNS`), RFC 4180 quoting, ``\\r\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for event in events:
        writer.writerow(
            [
                _cell(event.id),
                event.date.isoformat(),
                event.precision,
                _cell(" ".join(event.summary.text.split())),
                _cell(event.summary.article_id),
                _cell(event.type or ""),
                _cell("; ".join(event.actors)),
                _cell("; ".join(event.locations)),
                _cell("; ".join(event.article_ids)),
                event.independent_sources,
            ]
        )
    return buffer.getvalue()
