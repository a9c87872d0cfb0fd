"""The in-memory corpus view that timeline construction reads.

A timeline is built from :class:`CorpusSentence` records: one per sentence of every candidate
article, carrying what enrichment knows about it (the days its temporal expressions point at, its
near-duplicate group). The store produces them from its enriched tables; the T17 evaluation
produces them directly from raw text with :func:`corpus_from_articles`. Nothing here reads a
database or ranks anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dateline.models import Article, Precision, Timex

__all__ = [
    "CorpusSentence",
    "Tagger",
    "corpus_from_articles",
    "describes_day",
    "line_sentences",
    "timex_day",
]


@dataclass(frozen=True, slots=True)
class CorpusSentence:
    """One sentence of one article, as timeline construction sees it.

    ``dates`` are the calendar dates this sentence's temporal expressions resolve to, each with
    its precision (a month-precision date is the 1st of the month); "on Tuesday" in an article
    published on Thursday contributes that Tuesday. ``dup_group`` names the near-duplicate group
    of the sentence's article (wire copies share one), ``None`` when it stands alone.
    """

    article_id: str
    source: str
    published: date
    sentence_index: int
    text: str
    dates: tuple[tuple[date, Precision], ...] = ()
    dup_group: str | None = None
    title: str | None = None
    url: str | None = None
    outlets: tuple[str, ...] = ()


class Tagger(Protocol):
    """A temporal tagger: ``tag(text, dct=date) -> list[Timex]`` (offsets into ``text``)."""

    def __call__(self, text: str, *, dct: date) -> list[Timex]: ...


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def timex_day(value: str) -> tuple[date, Precision] | None:
    """The calendar date a TIMEX3 value names, with its precision; ``None`` when it names none.

    ``2011-01-25`` and ``2011-01-25T14:00`` are days, ``2011-01`` a month (returned as the 1st),
    ``2011`` a year (January 1st). Weeks, seasons, durations, sets and unresolved values
    (``XXXX-01-25``, ``PRESENT_REF``) name no single date.
    """
    try:
        if m := _DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m := _MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1), "month"
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), "year"
    except ValueError:  # 2011-02-30 and the like: a tagger slip, not a date
        return None
    return None


_BOUNDARY_ONLY = re.compile(
    r"\b(?:since|until|till|before|by)\s+(?:the\s+|late\s+|early\s+)?$", re.IGNORECASE
)


def describes_day(text: str, timex: Timex) -> bool:
    """Whether a time expression says its sentence is about that day: "since October 7" and
    "until Friday" only bound a period ("killed since October 7" is no news of October 7)."""
    return _BOUNDARY_ONLY.search(text, max(0, timex.start - 16), timex.start) is None


def line_sentences(text: str) -> list[tuple[int, int, str]]:
    """Sentences of a one-sentence-per-line text (T17) as ``(start, end, text)``; blank lines skipped."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            out.append((start, start + len(stripped), stripped))
        pos += len(line) + 1
    return out


Splitter = Callable[[str], Sequence[tuple[int, int, str]]]


def corpus_from_articles(
    articles: Iterable[Article],
    *,
    tagger: Tagger | None,
    splitter: Splitter = line_sentences,
    dup_groups: dict[str, str] | None = None,
) -> Iterator[CorpusSentence]:
    """Split and tag raw articles into the corpus view.

    Each article is tagged once with its publication date as the document creation time; a
    temporal expression belongs to the sentence whose span contains its start. ``tagger`` may be
    ``None`` to build a view without dates (only publication dates then count). ``dup_groups``
    maps article ids to their near-duplicate group.
    """
    for article in articles:
        spans = splitter(article.text)
        if not spans:
            continue
        per_sentence: list[list[tuple[date, Precision]]] = [[] for _ in spans]
        if tagger is not None:
            starts = [s for s, _, _ in spans]
            for timex in tagger(article.text, dct=article.published):
                if timex.type not in ("DATE", "TIME"):
                    continue
                resolved = timex_day(timex.value)
                if resolved is None or not describes_day(article.text, timex):
                    continue
                i = _containing(starts, timex.start)
                if i is not None and timex.start < spans[i][1] and resolved not in per_sentence[i]:
                    per_sentence[i].append(resolved)
        group = dup_groups.get(article.id) if dup_groups else None
        for i, (_, _, text) in enumerate(spans):
            yield CorpusSentence(
                article_id=article.id,
                source=article.source,
                published=article.published,
                sentence_index=i,
                text=text,
                dates=tuple(per_sentence[i]),
                dup_group=group,
                title=article.title,
                url=article.url,
            )


def _containing(starts: Sequence[int], offset: int) -> int | None:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1 if lo > 0 else None
