"""Grouping dated report sentences into :class:`~dateline.models.Event` records.

:class:`EventClusterer` is a corpus-level estimator in the scikit-learn shape: keyword-only
parameters, ``fit`` returns ``self``, the result is ``events_``. It works one day at a time:

1. **Candidates.** A sentence is a candidate for day D when one of its time expressions points at
   D (day precision); a sentence with no day-precision date is a candidate for its article's
   publication day only when it is one of the article's lead sentences (news puts the happening
   first). Sentences too short or too long to be a report are skipped.
2. **Linking.** The candidates of one day are compared by TF-IDF cosine similarity (IDF over all
   candidates of the corpus), plus a bonus for the share of named entities two sentences have in
   common. Two sentences of the same article are never linked directly (an article reports
   several happenings of one day). Average-linkage agglomerative clustering cut at
   ``threshold`` groups them; average linkage, unlike single linkage, does not chain unrelated
   reports through one long sentence that resembles both.
3. **Records.** The summary is the member backed by the most independent sources, then the most
   central, preferring a sentence with an explicit date; evidence is the other members (distinct
   texts, best first, capped). Actors (PERSON, ORG, NORP) and locations (GPE, LOC, FAC) are the
   canonical entities named in the members; the type and casualty figures come from
   :mod:`dateline.events.types`; ``independent_sources`` counts outlets after collapsing near-duplicate groups among the
   event's articles, so a wire story reprinted twenty times counts once.

Nothing here reads the store or the raw text: the input is the store's corpus view
(:class:`~dateline.timeline.corpus.CorpusSentence`) plus mentions and entities.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Self

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from dateline.errors import InputError
from dateline.events.types import casualties_in, event_type
from dateline.models import Entity, Event, Mention, SentenceRef
from dateline.timeline.build import independent_sources
from dateline.timeline.clean import clean_sentence, is_reader_comment
from dateline.timeline.corpus import CorpusSentence

__all__ = ["ACTOR_LABELS", "LOCATION_LABELS", "EventClusterer", "event_id"]

log = logging.getLogger(__name__)

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})


def event_id(day: date, article_id: str, sentence_index: int | None) -> str:
    """A stable event id: a hash of the day and the summary sentence's article and index."""
    digest = hashlib.sha1(f"{day.isoformat()}\x1f{article_id}\x1f{sentence_index}".encode()).hexdigest()
    return f"ev-{day.isoformat()}-{digest[:10]}"


@dataclass(frozen=True, slots=True)
class _Candidate:
    sent: CorpusSentence
    day: date
    explicit: bool
    group: str


class EventClusterer:
    """Group the sentences that report the same happening on the same day into events.

    Parameters (all keyword-only):

    - ``threshold``: the least average similarity (TF-IDF cosine plus entity bonus) at which two
      groups of sentences are one happening.
    - ``entity_weight``: weight of the Jaccard overlap of two sentences' named entities.
    - ``lead_sentences``: how many opening sentences of an article count for its publication day
      when they name no day themselves (0 turns this off).
    - ``min_tokens``/``max_tokens``: the word-count range of a candidate sentence.
    - ``max_days_per_sentence``: a sentence naming more days than this (a list of dates) is
      left out, since it reports no single happening.
    - ``keep_single``: which one-article groups become events: ``"all"``, ``"typed"`` (only those
      whose summary names its day explicitly and has a PLOVER type or a casualty figure) or
      ``"none"``.
    - ``max_evidence``, ``max_entities``: caps on evidence sentences and on actors/locations.
    - ``boilerplate_days``: a sentence whose exact text (case and spacing aside) appears in articles
      published on this many different days is page furniture (a sidebar headline, a sign-up
      prompt), not a report, and is left out; 0 turns this off.
    - ``merge_similarity``: two clusters of one day that share at least two independent sources
      (and most of the smaller one's) are merged when their sentences' mean TF-IDF cosine reaches
      this; ``None`` turns merging off.
    - ``max_per_day``: the most candidates clustered for one day (explicitly dated first); the
      rest are dropped, which bounds time and memory on a day every article mentions.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.2,
        entity_weight: float = 0.2,
        lead_sentences: int = 2,
        min_tokens: int = 6,
        max_tokens: int = 80,
        max_days_per_sentence: int = 2,
        keep_single: str = "typed",
        max_evidence: int = 10,
        max_entities: int = 8,
        max_per_day: int = 1500,
        boilerplate_days: int = 3,
        merge_similarity: float | None = 0.1,
    ) -> None:
        self.threshold = threshold
        self.entity_weight = entity_weight
        self.lead_sentences = lead_sentences
        self.min_tokens = min_tokens
        self.max_tokens = max_tokens
        self.max_days_per_sentence = max_days_per_sentence
        self.keep_single = keep_single
        self.max_evidence = max_evidence
        self.max_entities = max_entities
        self.max_per_day = max_per_day
        self.boilerplate_days = boilerplate_days
        self.merge_similarity = merge_similarity

    def _check(self) -> None:
        if not 0.0 < self.threshold <= 1.0 + self.entity_weight:
            raise InputError("EventClusterer", f"threshold must be in (0, 1], got {self.threshold!r}")
        if self.keep_single not in ("all", "typed", "none"):
            raise InputError(
                "EventClusterer", f"keep_single must be 'all', 'typed' or 'none', got {self.keep_single!r}"
            )
        for name in ("lead_sentences", "min_tokens", "max_tokens", "max_evidence", "max_entities"):
            if getattr(self, name) < 0:
                raise InputError("EventClusterer", f"{name} must be >= 0, got {getattr(self, name)!r}")
        if self.max_per_day < 1:
            raise InputError("EventClusterer", f"max_per_day must be >= 1, got {self.max_per_day!r}")

    # -- fitting ------------------------------------------------------------------------------

    def fit(
        self,
        sentences: Sequence[CorpusSentence],
        *,
        mentions: Iterable[Mention] = (),
        entities: Iterable[Entity] = (),
    ) -> Self:
        """Build ``events_`` (date order, best-sourced first within a day) from the corpus view.

        ``mentions`` are the entity mentions of the same articles (their ``entity_key`` links to
        ``entities``, which give canonical names and types); without them events have no actors or
        locations and linking uses words only.
        """
        self._check()
        started = time.perf_counter()
        by_key = {e.key: e for e in entities}
        self._names: dict[tuple[str, int], list[tuple[str, str, str]]] = defaultdict(list)
        for mention in mentions:
            entity = by_key.get(mention.entity_key) if mention.entity_key else None
            name = entity.name if entity else " ".join(mention.text.split())
            label = entity.type if entity else mention.label
            key = mention.entity_key or f"{label}:{name.lower()}"
            self._names[(mention.article_id, mention.sentence_index)].append((key, name, label))

        self._outlets = {s.source.lower() for s in sentences}
        by_day = self._candidates(sentences)
        self.candidates_ = sum(len(c) for c in by_day.values())
        events: list[Event] = []
        if by_day:
            from sklearn.feature_extraction.text import TfidfVectorizer

            texts = sorted({c.sent.text for cands in by_day.values() for c in cands})
            vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32)
            vectorizer.fit(texts)
            for day in sorted(by_day):
                events.extend(self._cluster_day(day, by_day[day], vectorizer))
        events.sort(key=lambda e: (e.date, -e.independent_sources, -len(e.article_ids), e.id))
        self.events_ = events
        self.seconds_ = time.perf_counter() - started
        log.info(
            "events: %d from %d candidate sentences in %.2f s", len(events), self.candidates_, self.seconds_
        )
        return self

    def _candidates(self, sentences: Sequence[CorpusSentence]) -> dict[date, list[_Candidate]]:
        # As in timelines: reader comments are nobody's report (their posting stamps would make
        # events of those days), and a dateline or time stamp glued to a sentence is cut off.
        kept = []
        for sent in sentences:
            if is_reader_comment(sent.text):
                continue
            text = clean_sentence(sent.text)
            if self.min_tokens <= len(text.split()) <= self.max_tokens:
                kept.append(sent if text == sent.text else replace(sent, text=text))
        furniture: set[str] = set()
        if self.boilerplate_days:
            days_of: dict[str, set[date]] = defaultdict(set)
            for sent in kept:
                days_of[_norm(sent.text)].add(sent.published)
            furniture = {text for text, days in days_of.items() if len(days) >= self.boilerplate_days}
        by_day: dict[date, list[_Candidate]] = defaultdict(list)
        for sent in kept:
            if furniture and _norm(sent.text) in furniture:
                continue
            group = sent.dup_group or sent.article_id
            days = sorted({d for d, precision in sent.dates if precision == "day"})
            if days:
                if len(days) <= self.max_days_per_sentence:
                    for day in days:
                        by_day[day].append(_Candidate(sent, day, True, group))
            elif sent.sentence_index < self.lead_sentences:
                by_day[sent.published].append(_Candidate(sent, sent.published, False, group))
        for day, cands in by_day.items():
            if len(cands) > self.max_per_day:
                cands.sort(key=lambda c: (not c.explicit, c.sent.sentence_index, c.sent.article_id))
                by_day[day] = cands[: self.max_per_day]
        return by_day

    def _similarity(self, cands: Sequence[_Candidate], vectorizer: Any) -> tuple[np.ndarray, np.ndarray]:
        matrix = vectorizer.transform([c.sent.text for c in cands])
        sim = np.asarray((matrix @ matrix.T).todense(), dtype=np.float64)
        if self.entity_weight:
            keys = [
                {k for k, _, _ in self._names.get((c.sent.article_id, c.sent.sentence_index), ())}
                for c in cands
            ]
            vocab: dict[str, int] = {}
            rows, cols = [], []
            for i, found in enumerate(keys):
                for key in found:
                    rows.append(i)
                    cols.append(vocab.setdefault(key, len(vocab)))
            if vocab:
                ent = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(cands), len(vocab)))
                inter = np.asarray((ent @ ent.T).todense(), dtype=np.float64)
                sizes = np.asarray(ent.sum(axis=1)).ravel()
                union = sizes[:, None] + sizes[None, :] - inter
                with np.errstate(divide="ignore", invalid="ignore"):
                    jaccard = np.where(union > 0, inter / union, 0.0)
                sim += self.entity_weight * jaccard
        raw = sim.copy()
        articles = np.array([c.sent.article_id for c in cands])
        sim[articles[:, None] == articles[None, :]] = 0.0
        np.fill_diagonal(sim, 1.0 + self.entity_weight)
        return sim, raw

    def _cluster_day(self, day: date, cands: list[_Candidate], vectorizer: Any) -> list[Event]:
        if len(cands) == 1:
            labels = np.array([1])
            sim = np.ones((1, 1))
        else:
            sim, raw = self._similarity(cands, vectorizer)
            top = 1.0 + self.entity_weight
            dist = np.clip(top - sim, 0.0, None)
            np.fill_diagonal(dist, 0.0)
            tree = linkage(squareform(dist, checks=False), method="average")
            labels = fcluster(tree, t=top - self.threshold, criterion="distance")
        members: dict[int, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            members[int(label)].append(i)
        clusters = list(members.values())
        if len(clusters) > 1 and self.merge_similarity is not None:
            clusters = self._merge_same_sources(cands, clusters, raw)
        out = []
        for idx in clusters:
            event = self._event(day, [cands[i] for i in idx], sim[np.ix_(idx, idx)])
            if event is not None:
                out.append(event)
        return out

    def _merge_same_sources(
        self, cands: Sequence[_Candidate], clusters: list[list[int]], raw: np.ndarray
    ) -> list[list[int]]:
        """Join clusters that the same independent sources report and that still resemble each
        other: the lead and the casualty update of one story ("a strike killed 12"; "30 more were
        wounded in the strike") are one happening, but sentences of one article are never linked
        directly, so they can end up apart."""
        groups = [{cands[i].group for i in idx} for idx in clusters]
        by_group: dict[str, list[int]] = defaultdict(list)
        for k, found in enumerate(groups):
            for group in found:
                by_group[group].append(k)
        parent = list(range(len(clusters)))

        def root(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        pairs = {(a, b) for ks in by_group.values() for a in ks for b in ks if a < b}
        for a, b in sorted(pairs):
            shared = len(groups[a] & groups[b])
            if shared < 2 or shared < 0.6 * min(len(groups[a]), len(groups[b])):
                continue
            if float(raw[np.ix_(clusters[a], clusters[b])].mean()) >= float(self.merge_similarity or 0.0):
                parent[root(b)] = root(a)
        merged: dict[int, list[int]] = defaultdict(list)
        for k, idx in enumerate(clusters):
            merged[root(k)].extend(idx)
        return list(merged.values())

    # -- records ------------------------------------------------------------------------------

    def _event(self, day: date, cands: list[_Candidate], sim: np.ndarray) -> Event | None:
        articles = sorted({c.sent.article_id for c in cands})
        if len(articles) == 1 and self.keep_single == "none":
            return None
        n = len(cands)
        order = list(range(n))
        if n > 1:
            # Backing: the independent sources among members that resemble this one enough.
            backing = [
                len({cands[j].group for j in range(n) if j == i or sim[i, j] >= self.threshold})
                for i in order
            ]
            centrality = (sim.sum(axis=1) - sim.diagonal()) / (n - 1)
            order.sort(
                key=lambda i: (
                    -(backing[i] + centrality[i] + (0.5 if cands[i].explicit else 0.0)),
                    cands[i].sent.published,
                    cands[i].sent.sentence_index,
                    cands[i].sent.article_id,
                )
            )
        head = cands[order[0]]
        summary = SentenceRef(head.sent.text, head.sent.article_id, head.sent.sentence_index)
        seen = {_norm(head.sent.text)}
        evidence: list[SentenceRef] = []
        for i in order[1:]:
            if len(evidence) >= self.max_evidence:
                break
            key = _norm(cands[i].sent.text)
            if key in seen:
                continue
            seen.add(key)
            evidence.append(
                SentenceRef(cands[i].sent.text, cands[i].sent.article_id, cands[i].sent.sentence_index)
            )
        kind = event_type(summary.text, [e.text for e in evidence])
        casualties = self._casualties([summary, *evidence])
        single_untyped = not head.explicit or (kind is None and not casualties)
        if len(articles) == 1 and self.keep_single == "typed" and single_untyped:
            return None
        actors, locations = self._entities(cands)
        return Event(
            id=event_id(day, summary.article_id, summary.sentence_index),
            date=day,
            precision="day",
            summary=summary,
            evidence=tuple(evidence),
            type=kind,
            actors=actors,
            locations=locations,
            article_ids=tuple(articles),
            independent_sources=independent_sources(c.sent for c in cands),
            casualties=casualties,
        )

    def _entities(self, cands: Sequence[_Candidate]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        actors: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for c in cands:
            named = {
                (name, label)
                for _, name, label in self._names.get((c.sent.article_id, c.sent.sentence_index), ())
            }
            for name, label in named:
                # The outlet naming itself ("CNN's Ben Wedeman reports") is not an actor.
                if label in ACTOR_LABELS and name.lower() not in self._outlets:
                    actors[name] += 1
                elif label in LOCATION_LABELS:
                    places[name] += 1

        def top(counts: Counter[str]) -> tuple[str, ...]:
            ranked = sorted(counts, key=lambda name: (-counts[name], name))
            # "Mubarak" beside "Hosni Mubarak" is the same person when resolution left them apart.
            kept = [n for n in ranked if not any(o != n and o.endswith(" " + n) for o in ranked)]
            return tuple(kept[: self.max_entities])

        return top(actors), top(places)

    @staticmethod
    def _casualties(refs: Sequence[SentenceRef]) -> tuple[dict[str, Any], ...]:
        found: list[dict[str, Any]] = []
        seen: set[tuple[str, int, str | None]] = set()
        for ref in refs:
            for figure in casualties_in(ref.text, article_id=ref.article_id):
                key = (figure["kind"], figure["count"], figure["attributed_to"])
                if key not in seen:
                    seen.add(key)
                    found.append(figure)
        return tuple(found[:10])


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
