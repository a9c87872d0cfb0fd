"""Corpus-level enrichment: what can only be decided across articles.

Runs after the per-article stages, over what the store holds: near-duplicate groups from the
stored fingerprints, canonical entities from all stored mentions, then event records. Both are refitted over the
whole store, so the result does not depend on the order articles arrived in.
"""

from __future__ import annotations

import logging
import time

from dateline.enrich.dedup import Fingerprint, NearDuplicateGrouper
from dateline.enrich.entities_resolve import EntityResolver
from dateline.errors import InputError
from dateline.store.base import Store

log = logging.getLogger(__name__)


def update_duplicates(store: Store) -> int:
    """Group near-duplicate articles from their stored fingerprints; returns the number of groups
    with more than one article."""
    items = []
    for article_id, blob, _length in store.signatures():
        try:
            items.append((article_id, Fingerprint.from_bytes(blob)))
        except InputError as exc:  # an old or foreign blob: the signature stage will redo it
            log.warning("article %s: unreadable fingerprint (%s)", article_id, exc.reason)
    grouper = NearDuplicateGrouper().fit_fingerprints(items)
    store.set_dup_groups(grouper.groups_)
    sizes: dict[str, int] = {}
    for group in grouper.groups_.values():
        sizes[group] = sizes.get(group, 0) + 1
    return sum(1 for n in sizes.values() if n > 1)


def update_entities(store: Store) -> int:
    """Resolve all stored mentions into canonical entities; returns the number of entities."""
    resolver = EntityResolver().fit(store.mentions(), published=store.article_dates())
    store.replace_entities(resolver.entities_, resolver.key_of_)
    return len(resolver.entities_)


def update_corpus(store: Store) -> dict[str, float]:
    """Run every corpus-level step; returns counts and seconds for the log."""
    started = time.perf_counter()
    groups = update_duplicates(store)
    dedup_s = time.perf_counter() - started
    entities = update_entities(store)
    from dateline.events.build import update_events  # events read the groups and entities above

    events = update_events(store)
    result = {
        "duplicate_groups": groups,
        "entities": entities,
        "events": events,
        "dedup_seconds": round(dedup_s, 3),
        "seconds": round(time.perf_counter() - started, 3),
    }
    log.info("corpus steps: %s", result)
    return result
