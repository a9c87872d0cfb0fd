"""The corpus-level events step: rebuild every event record from what a store holds.

Runs after near-duplicate grouping and entity resolution (it reads both), so that
``independent_sources`` and actors/locations reflect the whole store.
"""

from __future__ import annotations

import logging

from dateline.events.cluster import EventClusterer
from dateline.store.base import Store

__all__ = ["update_events"]

log = logging.getLogger(__name__)


def update_events(store: Store, *, clusterer: EventClusterer | None = None) -> int:
    """Build all events from the store's sentences, mentions and entities, replace the stored
    events with them, and return how many there are.

    ``clusterer`` is an unfitted :class:`EventClusterer` with non-default options; the default
    one is used when it is ``None``.
    """
    clusterer = clusterer or EventClusterer()
    clusterer.fit(store.corpus_sentences(), mentions=store.mentions(), entities=store.entities())
    store.replace_events(clusterer.events_)
    return len(clusterer.events_)
