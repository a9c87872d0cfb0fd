"""The library calls behind the CLI, the REST API and the web page.

Each function takes an open store and returns records; the shells only parse input and format
output. :func:`build_timeline` is the one most users want.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from datetime import date, timedelta

from dateline.errors import InputError
from dateline.models import Claim, Timeline, TimelineEntry
from dateline.store.base import Store
from dateline.timeline.build import TimelineBuilder
from dateline.timeline.dates import LEAD_SENTENCES

log = logging.getLogger(__name__)

LOOK_BACK_DAYS = 90


def default_size(n_days: int, n_articles: int) -> tuple[int, int]:
    """Sensible timeline size from what the window holds: about one date in three days that have
    reports (5 to 30 dates), and 2 sentences per date (3 when days carry many reports)."""
    if n_days <= 0:
        return 0, 0
    dates = min(n_days, max(5, min(30, math.ceil(n_days / 3))))
    per_date = 3 if n_articles / n_days >= 10 else 2
    return dates, per_date


def build_timeline(
    store: Store,
    *,
    query: str | None = None,
    start: date | None = None,
    end: date | None = None,
    dates: int | None = None,
    per_date: int | None = None,
    since: date | None = None,
    builder: TimelineBuilder | None = None,
) -> Timeline:
    """The timeline of the stored articles matching ``query`` (all when ``None``) in ``[start, end]``.

    ``dates`` and ``per_date`` default to :func:`default_size` of the window. With ``since``,
    only reports published on or after that day are used: what is new since then. Entries carry
    the entities named and the claims made in their summary sentences.
    """
    if start and end and start > end:
        raise InputError("timeline", f"--from {start} is after --to {end}")
    if dates is not None and dates < 1:
        raise InputError("timeline", f"--dates must be at least 1, got {dates}")
    if per_date is not None and per_date < 1:
        raise InputError("timeline", f"--per-date must be at least 1, got {per_date}")
    window_start = max(filter(None, (start, since)), default=None)
    # Reports published after the window still look back on it: their mentions of a day inside
    # the window are the strongest sign that the day mattered.
    read_until = end + timedelta(days=LOOK_BACK_DAYS) if end else None
    ids = store.matching_article_ids(query, start=window_start, end=read_until) if query else None
    # A day that no sentence dates explicitly can still be told by the leads of that day's
    # reports (digests and short wire items rarely repeat their own date).
    builder = builder or TimelineBuilder(min_dated=1)
    # Without a query no sentence is tested for matching it, and an undated sentence past an
    # article's leads then changes nothing the builder computes: the store need not read it.
    leads = None if query else max(builder.lead_sentences, LEAD_SENTENCES)
    corpus = store.corpus_sentences(article_ids=ids, start=window_start, end=read_until, leads=leads)
    if not corpus:
        return Timeline(query=query, start=start, end=end, entries=())
    days = {s.published for s in corpus}
    n_dates, k = default_size(len(days), len({s.article_id for s in corpus}))
    timeline = builder.build(
        corpus,
        query=query,
        start=start,
        end=end,
        n_dates=dates or n_dates,
        per_date=per_date or k,
    )
    return _annotate(store, timeline)


def _annotate(store: Store, timeline: Timeline) -> Timeline:
    """Attach the entities and claims of each entry's summary sentences."""
    cited = {ref.article_id for entry in timeline.entries for ref in entry.summary}
    if not cited:
        return timeline
    wanted = {(r.article_id, r.sentence_index) for entry in timeline.entries for r in entry.summary}
    mentions = [
        m for m in store.mentions(article_ids=sorted(cited)) if (m.article_id, m.sentence_index) in wanted
    ]
    named = {m.entity_key for m in mentions if m.entity_key}
    # An enriched store holds tens of thousands of entities; a timeline names a few dozen.
    found = store.entities(keys=named)
    names = {e.key: (e.name, e.type) for e in found}
    by_sentence: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for m in mentions:
        if m.entity_key in names:
            by_sentence.setdefault((m.article_id, m.sentence_index), []).append(names[m.entity_key])
    claims: dict[tuple[str, int], list[Claim]] = {}
    for claim in store.claims(article_ids=sorted(cited)):
        claims.setdefault((claim.article_id, claim.sentence_index), []).append(claim)
    entries: list[TimelineEntry] = []
    for entry in timeline.entries:
        keys = [(r.article_id, r.sentence_index) for r in entry.summary if r.sentence_index is not None]
        ents = list(dict.fromkeys(e for key in keys for e in by_sentence.get(key, ())))
        said = [c for key in keys for c in claims.get(key, ())]
        entries.append(replace(entry, entities=tuple(ents), claims=tuple(said)))
    return replace(timeline, entries=tuple(entries))
