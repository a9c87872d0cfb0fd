"""Canonicalisation of entity mentions, within an article and across the corpus.

:class:`EntityResolver` decides which :class:`~dateline.models.Mention` records name the same
thing and gives every such group a stable key, a canonical name, its aliases and roles. The rules:

* within an article, a short form ("Netanyahu", "Mr. Netanyahu") joins the longer PERSON name
  that contains it ("Benjamin Netanyahu"), and an acronym joins the expansion whose initials it
  spells ("IDF" ↔ "Israel Defense Forces", also "Free Syrian Army -LRB- FSA -RRB-" appositions);
* across the corpus, the same name is one entity (person names compare first and last name, with
  Arabic ``al-`` articles ignored), and a bare surname or acronym seen without its long form joins
  the entity it stood for elsewhere only when one entity takes ``min_share`` of that evidence;
* curated tables join what rules cannot (``UN``, ``U.S.``/``America``, ``Britain``) and link
  country demonyms to their country ("Israeli" → Israel);
* an entity's type is the majority of its mentions' spaCy labels.

It does not look at text beyond the mentions; it is not a coreference resolver (pronouns and
descriptions such as "the prime minister" are not linked).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dateline.enrich.entities_match import (
    expansion_of,
    is_acronym,
    longer_name,
    string_key,
)
from dateline.enrich.entities_tables import (
    ALIASES,
    DEMONYM_TO_PLACE,
    HONORIFICS,
    name_tokens,
    norm_key,
)
from dateline.errors import InputError
from dateline.models import Entity, Mention

MentionId = tuple[str, int]

_HONORIFIC_KEYS = frozenset(norm_key(h) for h in HONORIFICS)
_STATE_VERSION = 1
_SURNAME_LABELS = frozenset({"PERSON", "ORG"})

# Ties in the label vote go to the first label here: a name is more often a person than not.
_LABEL_ORDER = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT")


@dataclass(frozen=True, slots=True)
class _Seen:
    """What the resolver keeps of a mention: its node and how it was written."""

    article_id: str
    node: str
    surface: str
    label: str
    role: str | None
    full_form: bool


class EntityResolver:
    """Groups mentions into entities, in one batch (:meth:`fit`) or incrementally (:meth:`partial_fit`).

    Parameters (keyword-only):

    * ``min_share`` – a bare surname or acronym joins a corpus entity only when that entity takes
      at least this share of the evidence (what the same string meant in other articles); 1.0
      means "only when there is exactly one candidate".

    After fitting:

    * ``entities_`` – list of :class:`~dateline.models.Entity`, one per group;
    * ``key_of_`` – ``{(article_id, start): entity key}`` for every mention seen;
    * ``redirects_`` – ``{old key: new key}`` for keys that disappeared when a later
      :meth:`partial_fit` merged two entities (the store should rewrite them).

    Keys look like ``"PERSON:benjamin netanyahu"``; they are taken from the entity's oldest
    name and never change once given, even if its canonical name or type later does.
    An article's mentions must arrive in one call: within-article rules see only that call.
    """

    def __init__(self, *, min_share: float = 0.75) -> None:
        self.min_share = min_share

    # -- public API ---------------------------------------------------------------------------

    def fit(
        self, mentions: Iterable[Mention], *, published: Mapping[str, date] | None = None
    ) -> EntityResolver:
        """Forget what was learnt and resolve ``mentions``; ``published`` maps article ids to dates."""
        self._reset()
        return self.partial_fit(mentions, published=published)

    def partial_fit(
        self, mentions: Iterable[Mention], *, published: Mapping[str, date] | None = None
    ) -> EntityResolver:
        """Add ``mentions`` (whole articles) to what was learnt; earlier keys stay as they were."""
        if not hasattr(self, "_parent"):
            self._reset()
        if not 0.0 < self.min_share <= 1.0:
            raise InputError("EntityResolver", f"min_share must be in (0, 1], got {self.min_share!r}")
        by_article: dict[str, list[Mention]] = defaultdict(list)
        for mention in mentions:
            key = (mention.article_id, mention.start)
            if key in self._seen:
                raise InputError(
                    f"article {mention.article_id!r}",
                    f"mention at offset {mention.start} was already fitted; pass each article once",
                )
            by_article[mention.article_id].append(mention)
        if published:
            self._published.update(published)
        batch: list[tuple[MentionId, _Seen]] = []
        for article_id in sorted(by_article):
            batch.extend(self._resolve_article(sorted(by_article[article_id], key=lambda m: m.start)))
        # Nodes are numbered in an order that does not depend on the order mentions came in, so
        # that the same corpus always gives the same keys.
        counts = Counter(seen.node for _, seen in batch)
        for node in sorted(counts, key=lambda node: _node_rank(node, counts[node])):
            self._add_node(node)
        for mention_id, seen in batch:
            self._seen[mention_id] = seen
            self._node_mentions[seen.node].append(mention_id)
        self._link_bare_forms()
        self._materialise()
        return self

    def fit_transform(
        self, mentions: Iterable[Mention], *, published: Mapping[str, date] | None = None
    ) -> list[Mention]:
        """:meth:`fit`, then the mentions with ``entity_key`` set."""
        mentions = list(mentions)
        return self.fit(mentions, published=published).transform(mentions)

    def transform(self, mentions: Iterable[Mention]) -> list[Mention]:
        """The mentions with ``entity_key`` set; each must have been fitted."""
        out = []
        for mention in mentions:
            key = self.key_of_.get((mention.article_id, mention.start))
            if key is None:
                raise InputError(
                    f"article {mention.article_id!r}",
                    f"mention {mention.text!r} at {mention.start} was not fitted; call partial_fit first",
                )
            out.append(replace(mention, entity_key=key))
        return out

    def to_state(self) -> dict[str, Any]:
        """Everything learnt, as JSON-compatible data, so a later run can :meth:`from_state` it.

        Incremental enrichment in a new process needs this: refitting from scratch gives the same
        groups but may name some keys differently than a history of :meth:`partial_fit` calls did.
        """
        if not hasattr(self, "_parent"):
            self._reset()
        return {
            "version": _STATE_VERSION,
            "min_share": self.min_share,
            "nodes": sorted(self._order, key=self._order.__getitem__),
            "parent": {node: up for node, up in self._parent.items() if node != up},
            "mentions": [
                [aid, start, seen.node, seen.surface, seen.label, seen.role, seen.full_form]
                for (aid, start), seen in self._seen.items()
            ],
            "short_links": {word: dict(links) for word, links in self._short_links.items()},
            "surname_links": {word: dict(links) for word, links in self._surname_links.items()},
            "published": {aid: day.isoformat() for aid, day in self._published.items()},
            "keys": dict(self._keys),
            "redirects": dict(self.redirects_),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> EntityResolver:
        """A resolver that continues from :meth:`to_state` output (raises ``InputError`` if malformed)."""
        if not isinstance(state, Mapping) or state.get("version") != _STATE_VERSION:
            raise InputError("EntityResolver state", f"expected a version {_STATE_VERSION} state mapping")
        try:
            resolver = cls(min_share=float(state["min_share"]))
            resolver._reset()
            for node in state["nodes"]:
                resolver._add_node(node)
            resolver._parent.update(state["parent"])
            for aid, start, node, surface, label, role, full_form in state["mentions"]:
                mention_id = (aid, int(start))
                resolver._seen[mention_id] = _Seen(aid, node, surface, label, role, bool(full_form))
                resolver._node_mentions[node].append(mention_id)
            for word, links in state["short_links"].items():
                resolver._short_links[word].update(links)
            for word, links in state["surname_links"].items():
                resolver._surname_links[word].update(links)
            resolver._published = {aid: date.fromisoformat(day) for aid, day in state["published"].items()}
            resolver._keys = dict(state["keys"])
            resolver.redirects_ = dict(state["redirects"])
            resolver._materialise()
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError("EntityResolver state", f"malformed state ({exc!r})") from exc
        return resolver

    # -- within an article --------------------------------------------------------------------

    def _resolve_article(self, mentions: list[Mention]) -> list[tuple[MentionId, _Seen]]:
        fulls: dict[tuple[str, ...], list[int]] = defaultdict(list)  # person name tokens → positions
        for pos, mention in enumerate(mentions):
            toks = name_tokens(norm_key(mention.text))
            if (
                mention.label == "PERSON"
                and len(toks) >= 2
                and not _table_node(mention)
                and not is_acronym(mention.text)
            ):
                fulls[toks].append(pos)
        acronyms: dict[str, str] = {}  # what an acronym stood for earlier in this article
        out = []
        for pos, mention in enumerate(mentions):
            node, full_form = self._node_for(mention, pos, mentions, fulls, acronyms)
            surface = mention.text
            if mention.role and norm_key(mention.role) in _HONORIFIC_KEYS:
                # "Mr. Baradei" is an alias, never the canonical name.
                surface, full_form = f"{mention.role} {mention.text}", False
            seen = _Seen(mention.article_id, node, surface, mention.label, mention.role, full_form)
            out.append(((mention.article_id, mention.start), seen))
        return out

    def _node_for(
        self,
        mention: Mention,
        pos: int,
        mentions: list[Mention],
        fulls: Mapping[tuple[str, ...], list[int]],
        acronyms: dict[str, str],
    ) -> tuple[str, bool]:
        key = norm_key(mention.text)
        table = _table_node(mention)
        if table:
            return table, not is_acronym(mention.text) and key not in DEMONYM_TO_PLACE
        if is_acronym(mention.text):
            if key not in acronyms:
                expansion = expansion_of(mention, mentions)
                if expansion is None:
                    return _string_node(mention), False
                acronyms[key] = _table_node(expansion) or _string_node(expansion)
                self._short_links[_string_node(mention)[2:]][acronyms[key]] += 1
            return acronyms[key], False
        toks = name_tokens(key)
        if len(toks) >= 2 and mention.label == "PERSON":
            return _person_node(toks), True
        # spaCy often tags a bare surname ORG, but a GPE "Washington" is not George Washington.
        candidates = [
            full
            for full in fulls
            if mention.label in _SURNAME_LABELS and len(toks) < len(full) and _contains(full, toks)
        ]
        if candidates:
            # Several people can share a surname in one story; the most mentioned wins, then the first.
            best = max(dict.fromkeys(candidates), key=lambda full: (len(fulls[full]), -fulls[full][0]))
            # Only a surname is evidence across articles: a bare "Mohammed" elsewhere is anyone.
            if len(toks) == 1 and toks[0] == best[-1]:
                self._surname_links[toks[0]][_person_node(best)] += 1
            return _person_node(best), False
        longer = longer_name(mention, mentions)
        if longer is not None:
            target = _table_node(longer) or _string_node(longer)
            self._short_links[_string_node(mention)[2:]][target] += 1
            return target, False
        if len(toks) >= 2 and _person_node(toks) in self._order:
            return _person_node(toks), True
        return _string_node(mention), True

    # -- across the corpus --------------------------------------------------------------------

    def _link_bare_forms(self) -> None:
        """Join bare surnames, acronyms and short names to what they stood for elsewhere, when clear."""
        by_surname: dict[str, Counter[str]] = defaultdict(Counter)
        for node in self._order:
            if node.startswith("p:") and " " in node:
                by_surname[node.rsplit(" ", 1)[1]][node] += len(self._node_mentions[node])
        for node in sorted(self._order, key=self._order.__getitem__):
            if not node.startswith("s:"):
                continue
            word = node[2:]
            if word in self._short_links:
                self._join_if_clear(node, self._short_links[word])
            elif " " not in word and self._reads_as_surname(node, word):
                evidence = self._surname_links.get(word) or by_surname.get(name_tokens(word)[-1])
                if evidence:
                    self._join_if_clear(node, evidence)

    def _reads_as_surname(self, node: str, word: str) -> bool:
        """A bare name is a person's when spaCy mostly says PERSON, or when it mostly stood for a
        full name in the articles that had one ("Gadhafi" tagged ORG); "Twitter", linked once to
        a mis-tagged PERSON "Twitter Egypt" and bare a hundred times, is not."""
        if self._majority_label([node]) == "PERSON":
            return True
        linked = sum(self._surname_links.get(word, Counter()).values())
        return linked >= len(self._node_mentions[node])

    def _join_if_clear(self, node: str, evidence: Counter[str]) -> None:
        by_root: Counter[str] = Counter()
        for target, count in evidence.items():
            by_root[self._find(target)] += count
        by_root.pop(self._find(node), None)
        total = sum(by_root.values())
        if not total:
            return
        root, count = max(by_root.items(), key=lambda item: (item[1], -self._order[item[0]]))
        if count / total >= self.min_share and (self.min_share < 1.0 or len(by_root) == 1):
            self._union(root, node)

    # -- union-find and bookkeeping -----------------------------------------------------------

    def _reset(self) -> None:
        self._parent: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._node_mentions: dict[str, list[MentionId]] = defaultdict(list)
        self._seen: dict[MentionId, _Seen] = {}
        self._short_links: dict[str, Counter[str]] = defaultdict(Counter)
        self._surname_links: dict[str, Counter[str]] = defaultdict(Counter)
        self._published: dict[str, date] = {}
        self.entities_: list[Entity] = []
        self.key_of_: dict[MentionId, str] = {}
        self.redirects_: dict[str, str] = {}
        self._keys: dict[str, str] = {}

    def _add_node(self, node: str) -> None:
        if node not in self._order:
            self._order[node] = len(self._order)
            self._parent[node] = node

    def _find(self, node: str) -> str:
        root = node
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[node] != root:
            self._parent[node], node = root, self._parent[node]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        # The older node survives, so an entity keeps the key it was first given.
        keep, drop = (ra, rb) if self._order[ra] < self._order[rb] else (rb, ra)
        self._parent[drop] = keep
        if drop in self._keys and keep in self._keys:
            self.redirects_[self._keys[drop]] = self._keys[keep]

    def _first_surface(self, node: str) -> str:
        ids = self._node_mentions.get(node)
        return self._seen[ids[0]].surface if ids else node[2:]

    def _majority_label(self, members: list[str]) -> str:
        votes: Counter[str] = Counter()
        for node in members:
            for mention_id in self._node_mentions[node]:
                seen = self._seen[mention_id]
                demonym = norm_key(seen.surface) in DEMONYM_TO_PLACE
                votes["GPE" if demonym else seen.label] += 1
        if not votes:
            return "ORG"
        return max(votes, key=lambda lab: (votes[lab], -_label_rank(lab)))

    def _components(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for node in self._order:
            groups[self._find(node)].append(node)
        return groups

    def _materialise(self) -> None:
        from dateline.enrich.entities_build import build_entities

        groups = self._components()
        types = {root: self._entity_type(members) for root, members in groups.items()}
        used = set(self._keys.values())
        for root in sorted(groups, key=self._order.__getitem__):
            if root not in self._keys:
                # Two groups can share a name and a type (a person node and an unlinked surface
                # form): later ones get a numbered key, so keys stay unique.
                base = key = f"{types[root]}:{_key_text(root)}"
                n = 2
                while key in used:
                    key, n = f"{base}#{n}", n + 1
                self._keys[root] = key
                used.add(key)
        for old, new in list(self.redirects_.items()):
            while new in self.redirects_:
                new = self.redirects_[new]
            self.redirects_[old] = new
        self.entities_, self.key_of_ = build_entities(
            groups=groups,
            keys=self._keys,
            types=types,
            node_mentions=self._node_mentions,
            seen=self._seen,
            published=self._published,
        )

    def _entity_type(self, members: list[str]) -> str:
        for node in sorted(members, key=self._order.__getitem__):
            if node.startswith("t:"):
                return ALIASES[node[2:]][1]
        if any(node.startswith("p:") for node in members):
            return "PERSON"
        return self._majority_label(members)


def _label_rank(label: str) -> int:
    return _LABEL_ORDER.index(label) if label in _LABEL_ORDER else len(_LABEL_ORDER)


def _node_rank(node: str, count: int) -> tuple[int, int, int, str]:
    # Curated names first, then full person names, then the most used, then longer strings: the
    # oldest node of an entity names its key ("White House", not a one-off "thei White House").
    kind = {"t": 0, "p": 1}.get(node[0], 2)
    return (kind, -count, -len(node.split()), node)


def _key_text(node: str) -> str:
    if node.startswith("t:"):
        return norm_key(ALIASES[node[2:]][0])
    return node[2:]


def _table_node(mention: Mention) -> str | None:
    key = norm_key(mention.text)
    if key in ALIASES:
        return "t:" + norm_key(ALIASES[key][0])
    # Nobody is named "Libyan": a demonym tagged PERSON or ORG is a tagging slip, not a name.
    if key in DEMONYM_TO_PLACE:
        return "t:" + norm_key(DEMONYM_TO_PLACE[key])
    return None


def _person_node(toks: tuple[str, ...]) -> str:
    """First and last name; middle names are left out ("Barack Hussein Obama" is "Barack Obama")
    but middle initials kept, since they tell "George W. Bush" from "George H.W. Bush"."""
    if len(toks) < 2:
        return f"p:{toks[0]}"
    initials = [tok for tok in toks[1:-1] if len(tok) <= 2]
    return "p:" + " ".join([toks[0], *initials, toks[-1]])


def _string_node(mention: Mention) -> str:
    """The node of a name that no rule linked: its matching form (see :func:`string_key`)."""
    return "s:" + string_key(mention.text, label=mention.label)


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(full[i : i + n] == part for i in range(len(full) - n + 1))
