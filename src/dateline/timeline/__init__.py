"""Timeline construction: ranked days of a story, each with cited summary sentences.

Input is the corpus view (:class:`CorpusSentence`, one per sentence, with the days its temporal
expressions name); output is a :class:`dateline.models.Timeline`. :class:`TimelineBuilder` is
the estimator-shaped entry point, :func:`build_timeline` the one-call form.
"""

from dateline.timeline.build import TimelineBuilder, build_timeline, independent_sources, query_matcher
from dateline.timeline.corpus import CorpusSentence, corpus_from_articles, line_sentences, timex_day
from dateline.timeline.dates import DateFeatures, DateRanker, date_features
from dateline.timeline.summarise import CentroidSummariser, Summariser

__all__ = [
    "CentroidSummariser",
    "CorpusSentence",
    "DateFeatures",
    "DateRanker",
    "Summariser",
    "TimelineBuilder",
    "build_timeline",
    "corpus_from_articles",
    "date_features",
    "independent_sources",
    "line_sentences",
    "query_matcher",
    "timex_day",
]
