"""Timeline construction: the days that mattered and what happened on each, every line cited.

:class:`TimelineBuilder` ties the parts together over a corpus view (:mod:`.corpus`): it keeps
the articles that match the query, ranks the days of the window (:mod:`.dates`), gathers for each
day the sentences that say what happened on it (sentences whose temporal expressions resolve to
that day; failing enough of those, lead sentences of that day's reports), has a summariser pick
K of them (:mod:`.summarise`), and records every article that pointed at the day and how many
independent outlets they amount to. :func:`build_timeline` is the one-call form.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date

from dateline.errors import InputError
from dateline.models import SourceRef, Timeline, TimelineEntry
from dateline.timeline.clean import clean_sentence, is_reader_comment
from dateline.timeline.corpus import CorpusSentence
from dateline.timeline.dates import DateRanker, date_features
from dateline.timeline.summarise import CentroidSummariser, Summariser

__all__ = ["TimelineBuilder", "build_timeline", "independent_sources", "query_matcher", "query_terms"]

Query = str | Sequence[str] | None


def query_terms(query: Query) -> tuple[str, ...]:
    """The lower-cased terms of a query: a string is split on whitespace and commas."""
    if query is None:
        return ()
    raw = re.split(r"[\s,]+", query) if isinstance(query, str) else list(query)
    return tuple(t.lower() for t in raw if t and t.strip())


def query_matcher(query: Query) -> Callable[[str], bool] | None:
    """A test "does this text match the query": any term starts a word (``egypt`` matches
    ``Egyptian``). ``None`` when the query is empty (everything matches)."""
    terms = query_terms(query)
    if not terms:
        return None
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + ")", re.IGNORECASE)

    def matches(text: str) -> bool:
        # A plain substring test first: most sentences contain no term at all, and it is far cheaper.
        low = text.lower()
        return any(t in low for t in terms) and pattern.search(text) is not None

    return matches


class TimelineBuilder:
    """Builds a :class:`~dateline.models.Timeline` from corpus sentences.

    ``n_dates`` and ``per_date`` are the default timeline size (T dates, K sentences each).
    ``lead_sentences`` is how many opening sentences of a report count as describing its
    publication day: they always inform the day's centroid, and are summary candidates when
    fewer than ``min_dated`` sentences name the day (by default never: a day is shown only with
    sentences that say they are about it, which also drops days nothing dates).
    Sentences shorter than ``min_tokens`` or longer than ``max_tokens`` whitespace tokens are
    never summary sentences (navigation text, run-on listings). With ``require_query_match`` a
    summary sentence must itself match the query, not just sit in a matching article (the query
    always selects the articles). With
    ``clean`` a leading dateline or time stamp is cut off a summary sentence (:mod:`.clean`); the
    rest is still the source's own words, cited by article and sentence index. With ``context``
    every sentence about the day (matching the query or not) informs what the day was about.
    With ``drop_comments`` reader comments under a story (:func:`.clean.is_reader_comment`) are
    not read at all: their posting stamps would count as reports of those days.
    """

    def __init__(
        self,
        *,
        n_dates: int = 10,
        per_date: int = 2,
        date_ranker: DateRanker | None = None,
        summariser: Summariser | None = None,
        lead_sentences: int = 5,
        min_dated: int = 0,
        min_tokens: int = 8,
        max_tokens: int = 60,
        require_query_match: bool = False,
        clean: bool = True,
        context: bool = True,
        drop_comments: bool = True,
    ) -> None:
        self.n_dates = n_dates
        self.per_date = per_date
        self.date_ranker = date_ranker
        self.summariser = summariser
        self.lead_sentences = lead_sentences
        self.min_dated = min_dated
        self.min_tokens = min_tokens
        self.max_tokens = max_tokens
        self.require_query_match = require_query_match
        self.clean = clean
        self.context = context
        self.drop_comments = drop_comments

    def build(
        self,
        corpus: Sequence[CorpusSentence],
        *,
        query: Query = None,
        start: date | None = None,
        end: date | None = None,
        n_dates: int | None = None,
        per_date: int | None = None,
    ) -> Timeline:
        """The timeline of ``corpus`` for ``query`` (all sentences when ``None``) within ``[start, end]``."""
        n_dates = self.n_dates if n_dates is None else n_dates
        per_date = self.per_date if per_date is None else per_date
        if n_dates < 0 or per_date < 0:
            raise InputError("timeline", f"n_dates and per_date must be >= 0, got {n_dates} and {per_date}")
        if start is not None and end is not None and start > end:
            raise InputError("timeline", f"the window starts ({start}) after it ends ({end}); swap them")
        label = query if query is None or isinstance(query, str) else " ".join(query)
        if self.drop_comments:
            corpus = [s for s in corpus if not is_reader_comment(s.text)]
        matches = query_matcher(query)
        relevant: Callable[[CorpusSentence], bool] | None = None
        if matches is not None:
            flags = [matches(s.text) for s in corpus]
            story = {s.article_id for s, hit in zip(corpus, flags, strict=True) if hit}
            hits = {(s.article_id, s.sentence_index) for s, hit in zip(corpus, flags, strict=True) if hit}
            corpus = [s for s in corpus if s.article_id in story]
            relevant = lambda sent: (sent.article_id, sent.sentence_index) in hits  # noqa: E731
        if not corpus or n_dates == 0:
            return Timeline(query=label, start=start, end=end, entries=())

        ranker = self.date_ranker if self.date_ranker is not None else DateRanker()
        ranked = ranker.rank(date_features(corpus, start=start, end=end, relevant=relevant))

        # Only dated sentences and report leads can be summary lines: clean just those.
        usable = []
        must_match = relevant if self.require_query_match else None
        for s in corpus:
            if not (s.dates or s.sentence_index < self.lead_sentences):
                continue
            if must_match is not None and not must_match(s):
                continue
            text = clean_sentence(s.text) if self.clean else s.text
            if self.min_tokens <= len(text.split()) <= self.max_tokens:
                usable.append(s if text == s.text else replace(s, text=text))
        mentions: dict[date, list[CorpusSentence]] = defaultdict(list)
        leads: dict[date, list[CorpusSentence]] = defaultdict(list)
        for sent in usable:
            days = {d for d, p in sent.dates if p == "day"}
            for d in days:
                mentions[d].append(sent)
            if sent.sentence_index < self.lead_sentences and days <= {sent.published}:
                leads[sent.published].append(sent)
        pointing: dict[date, dict[str, CorpusSentence]] = defaultdict(dict)
        about: dict[date, list[CorpusSentence]] = defaultdict(list)
        no_days: set[date] = set()
        for sent in corpus:
            # Most sentences name no date: only a lead of the day's reports can matter then.
            days = {d for d, p in sent.dates if p == "day"} if sent.dates else no_days
            if days and (relevant is None or relevant(sent)):
                for d in days:
                    pointing[d].setdefault(sent.article_id, sent)
            if self.context:
                for d in days:
                    about[d].append(sent)
                if not days and sent.sentence_index < self.lead_sentences:
                    about[sent.published].append(sent)

        summariser = self.summariser if self.summariser is not None else CentroidSummariser()
        # IDF over the sentences that can be chosen: cheaper than the whole corpus, same purpose.
        # In day order: the summariser may fit on an even sample of a large pool, and the order
        # days were first seen in depends on set iteration, which differs from run to run.
        # (Each usable sentence is one object, so its identity is its key.)
        pool = {id(s): s for group in (mentions, leads) for day in sorted(group) for s in group[day]}
        summariser.fit(list(pool.values()) or usable or corpus)
        used: set[str] = set()
        entries: list[TimelineEntry] = []
        for day, _score in ranked:
            if len(entries) >= n_dates:
                break
            candidates = list(mentions.get(day, ()))
            if len(candidates) < self.min_dated:
                candidates += leads.get(day, [])
            context = about.get(day, []) if self.context else []
            picked = summariser.summarise(day, candidates, k=per_date, exclude=used, context=context)
            if not picked:
                continue
            used.update(" ".join(ref.text.lower().split()) for ref, _ in picked)
            cited = dict(pointing.get(day, {}))
            for _, sent in picked:
                cited.setdefault(sent.article_id, sent)
            entries.append(
                TimelineEntry(
                    date=day,
                    precision="day",
                    summary=tuple(ref for ref, _ in picked),
                    sources=tuple(_source_ref(s) for s in sorted(cited.values(), key=_source_order)),
                    independent_sources=independent_sources(cited.values()),
                )
            )
        entries.sort(key=lambda e: e.date)
        return Timeline(query=label, start=start, end=end, entries=tuple(entries))


def independent_sources(sentences: Iterable[CorpusSentence]) -> int:
    """Distinct outlets after collapsing near-duplicate copies: a group counts once, as the
    outlet of its earliest copy (or the outlets that copy cites, for an aggregator item)."""
    first: dict[str, CorpusSentence] = {}
    for sent in sentences:
        key = sent.dup_group or sent.article_id
        if key not in first or _source_order(sent) < _source_order(first[key]):
            first[key] = sent
    return len({outlet for s in first.values() for outlet in (s.outlets or (s.source,))})


def _source_order(sent: CorpusSentence) -> tuple[date, str]:
    return (sent.published, sent.article_id)


def _source_ref(sent: CorpusSentence) -> SourceRef:
    return SourceRef(
        article_id=sent.article_id,
        source=sent.source,
        url=sent.url,
        published=sent.published,
        title=sent.title,
    )


def build_timeline(
    corpus: Sequence[CorpusSentence],
    *,
    query: Query = None,
    start: date | None = None,
    end: date | None = None,
    n_dates: int = 10,
    per_date: int = 2,
) -> Timeline:
    """Build a timeline with the default method (see :class:`TimelineBuilder`)."""
    return TimelineBuilder(n_dates=n_dates, per_date=per_date).build(
        corpus, query=query, start=start, end=end
    )
