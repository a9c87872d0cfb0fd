"""Turning resolved mention groups into :class:`~dateline.models.Entity` records.

Used by :class:`~dateline.enrich.entities_resolve.EntityResolver` once it has decided which
mentions go together; this module only chooses names, aliases, roles and dates for each group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol

from dateline.enrich.entities_tables import ALIASES, HONORIFICS, norm_key
from dateline.models import Entity

_HONORIFIC_KEYS = frozenset(norm_key(h) for h in HONORIFICS)


class SeenMention(Protocol):
    """The resolver's record of one mention (see ``entities_resolve._Seen``)."""

    @property
    def article_id(self) -> str: ...
    @property
    def surface(self) -> str: ...
    @property
    def role(self) -> str | None: ...
    @property
    def full_form(self) -> bool: ...


def build_entities(
    *,
    groups: Mapping[str, Sequence[str]],
    keys: Mapping[str, str],
    types: Mapping[str, str],
    node_mentions: Mapping[str, Sequence[tuple[str, int]]],
    seen: Mapping[tuple[str, int], SeenMention],
    published: Mapping[str, date],
) -> tuple[list[Entity], dict[tuple[str, int], str]]:
    """One entity per group (root node → member nodes) and the key of every mention."""
    entities: list[Entity] = []
    key_of: dict[tuple[str, int], str] = {}
    for root, members in groups.items():
        ids = [mention_id for node in members for mention_id in node_mentions.get(node, ())]
        if not ids:
            continue
        key = keys[root]
        for mention_id in ids:
            key_of[mention_id] = key
        records = [seen[mention_id] for mention_id in ids]
        dates = sorted({published[rec.article_id] for rec in records if rec.article_id in published})
        entities.append(
            Entity(
                key=key,
                name=_canonical_name(members, records, types[root]),
                type=types[root],
                aliases=_ranked_unique(rec.surface for rec in records),
                mentions=len(ids),
                roles=_ranked_unique(
                    rec.role for rec in records if rec.role and norm_key(rec.role) not in _HONORIFIC_KEYS
                ),
                first_seen=dates[0] if dates else None,
                last_seen=dates[-1] if dates else None,
            )
        )
    entities.sort(key=lambda ent: ent.key)
    return entities, key_of


def _canonical_name(members: Sequence[str], records: Sequence[SeenMention], type_: str) -> str:
    """The curated name when there is one, else the most frequent full form of the name."""
    curated = sorted(node for node in members if node.startswith("t:"))
    if curated:
        return ALIASES[curated[0][2:]][0]
    full = [rec.surface for rec in records if rec.full_form]
    if type_ == "PERSON":
        full = [text for text in full if len(text.split()) >= 2] or full
    counts = Counter(full or [rec.surface for rec in records])
    # Ties go to the form not written in capitals (headlines), then to the longer, then alphabetically.
    return min(counts, key=lambda text: (-counts[text], text.isupper(), -len(text), text))


def _ranked_unique(texts: Iterable[str | None]) -> tuple[str, ...]:
    """Distinct strings (case-insensitively), most frequent first, each in its most used casing."""
    counts: Counter[str] = Counter(t for t in texts if t)
    by_fold: dict[str, list[str]] = {}
    for text in counts:
        by_fold.setdefault(text.casefold(), []).append(text)
    best = [
        max(forms, key=lambda form: (counts[form], not form.isupper(), form)) for forms in by_fold.values()
    ]
    totals = {form: sum(counts[f] for f in by_fold[form.casefold()]) for form in best}
    return tuple(sorted(best, key=lambda form: (-totals[form], form.casefold())))
