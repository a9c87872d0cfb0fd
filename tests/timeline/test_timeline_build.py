"""Timeline construction on a small hand-made corpus whose right answer is known."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.errors import InputError
from dateline.models import Article
from dateline.timeline.build import TimelineBuilder, build_timeline, independent_sources, query_matcher
from dateline.timeline.corpus import CorpusSentence, corpus_from_articles, line_sentences, timex_day
from dateline.timeline.dates import DateRanker, date_features
from tests.timeline.standin_timex import tag

# 2023-03-07 is a Tuesday. Three outlets report the bridge collapse of that Tuesday on later days;
# one wire story is copied by a second outlet (same dup group). A flood story is noise.
ARTICLES = [
    Article(
        id="wire/1", source="wire", published=date(2023, 3, 8),
        text="The Elm Street bridge collapsed on Tuesday , killing four people , officials said .\n"
        "Rescue teams searched the river through the night for missing drivers .\n"
        "The mayor ordered an inspection of every bridge in the city .\n",
    ),
    Article(
        id="copy/1", source="copy", published=date(2023, 3, 8),
        text="The Elm Street bridge collapsed on Tuesday , killing four people , officials said .\n"
        "Rescue teams searched the river through the night for missing drivers .\n",
    ),
    Article(
        id="daily/1", source="daily", published=date(2023, 3, 10),
        text="Engineers had warned about cracks in the bridge in 2021 , documents show .\n"
        "On March 9 , the city council voted to close two other bridges over the river .\n"
        "The bridge collapse on March 7 was the deadliest in the state for decades .\n",
    ),
    Article(
        id="post/1", source="post", published=date(2023, 3, 12),
        text="Divers recovered the last victim of the bridge collapse on Saturday , police said .\n"
        "Four people died when the Elm Street bridge fell into the river on March 7 .\n",
    ),
    Article(
        id="post/2", source="post", published=date(2023, 3, 9),
        text="Heavy rain flooded farmland north of the city on Thursday , farmers said .\n",
    ),
]  # fmt: skip
DUPS = {"wire/1": "g1", "copy/1": "g1"}


@pytest.fixture
def corpus() -> list[CorpusSentence]:
    return list(corpus_from_articles(ARTICLES, tagger=tag, dup_groups=DUPS))


def test_corpus_view_resolves_weekday_to_the_day_it_names(corpus: list[CorpusSentence]) -> None:
    first = next(s for s in corpus if s.article_id == "wire/1" and s.sentence_index == 0)
    assert first.dates == ((date(2023, 3, 7), "day"),)
    assert first.published == date(2023, 3, 8)
    assert first.dup_group == "g1"
    untagged = list(corpus_from_articles(ARTICLES[:1], tagger=None))
    assert [s.dates for s in untagged] == [(), (), ()]


def test_bridge_collapse_day_ranks_first_and_cites_all_sources(corpus: list[CorpusSentence]) -> None:
    timeline = TimelineBuilder(n_dates=2, per_date=2).build(
        corpus, query="bridge", start=date(2023, 3, 1), end=date(2023, 3, 31)
    )
    days = [e.date for e in timeline.entries]
    assert date(2023, 3, 7) in days
    assert date(2023, 3, 9) not in days or len(days) == 2
    collapse = next(e for e in timeline.entries if e.date == date(2023, 3, 7))
    # Each summary sentence cites the article and line it came from.
    for ref in collapse.summary:
        article = next(a for a in ARTICLES if a.id == ref.article_id)
        assert ref.sentence_index is not None
        assert line_sentences(article.text)[ref.sentence_index][2] == ref.text
    # The two identical wire sentences appear once.
    assert len({r.text for r in collapse.summary}) == len(collapse.summary)
    cited = {s.article_id for s in collapse.sources}
    assert cited == {"wire/1", "copy/1", "daily/1", "post/1"}
    # wire/1 and copy/1 are one group (counted once, as the wire): wire, daily, post.
    assert collapse.independent_sources == 3
    assert timeline.query == "bridge"


def test_query_keeps_the_flood_out(corpus: list[CorpusSentence]) -> None:
    timeline = build_timeline(corpus, query="bridge", n_dates=5, per_date=1)
    assert all("flood" not in r.text for e in timeline.entries for r in e.summary)
    assert all(e.date != date(2023, 3, 9) or "council" in e.summary[0].text for e in timeline.entries)
    everything = build_timeline(corpus, n_dates=10, per_date=3)
    assert any("flooded" in r.text for e in everything.entries for r in e.summary)


def test_window_and_sizes_are_respected(corpus: list[CorpusSentence]) -> None:
    timeline = build_timeline(corpus, start=date(2023, 3, 8), end=date(2023, 3, 31), n_dates=3, per_date=1)
    assert len(timeline.entries) <= 3
    assert all(date(2023, 3, 8) <= e.date <= date(2023, 3, 31) for e in timeline.entries)
    assert all(len(e.summary) == 1 for e in timeline.entries)
    assert [e.date for e in timeline.entries] == sorted(e.date for e in timeline.entries)
    with pytest.raises(InputError):
        build_timeline(corpus, start=date(2023, 4, 1), end=date(2023, 3, 1))
    assert build_timeline([], query="bridge").entries == ()


def test_date_features_count_independent_pointers(corpus: list[CorpusSentence]) -> None:
    features = date_features(corpus, start=date(2023, 3, 1), end=date(2023, 3, 31))
    row = dict(zip(features.days, features.matrix, strict=True))
    collapse = row[date(2023, 3, 7)]
    # articles pointing at March 7: wire/1, copy/1, daily/1, post/1 -> log1p(4); sources: g1, daily, post.
    assert collapse[1] == pytest.approx(float(__import__("math").log1p(4)))
    assert collapse[2] == pytest.approx(float(__import__("math").log1p(3)))
    ranked = DateRanker().rank(features)
    assert ranked[0][0] == date(2023, 3, 7)


def test_learned_ranker_prefers_what_it_was_trained_on(corpus: list[CorpusSentence]) -> None:
    features = date_features(corpus, start=date(2023, 3, 1), end=date(2023, 3, 31))
    ranker = DateRanker().fit([(features, {date(2023, 3, 7), date(2023, 3, 9)})])
    top2 = {d for d, _ in ranker.rank(features)[:2]}
    assert date(2023, 3, 7) in top2


def test_helpers() -> None:
    assert timex_day("2011-01-25") == (date(2011, 1, 25), "day")
    assert timex_day("2011-01-25T14:00") == (date(2011, 1, 25), "day")
    assert timex_day("2011-02") == (date(2011, 2, 1), "month")
    assert timex_day("2011") == (date(2011, 1, 1), "year")
    for value in ("2011-W04", "XXXX-01-25", "PRESENT_REF", "P3D", "2011-02-30"):
        assert timex_day(value) is None
    matches = query_matcher(["egypt", "protest"])
    assert matches is not None
    assert matches("Egyptian police") and matches("the protesters") and not matches("Libya")
    assert query_matcher(None) is None and query_matcher("  ") is None
    assert line_sentences("a b .\n\n  c d .  \n") == [(0, 5, "a b ."), (9, 14, "c d .")]
    one = CorpusSentence("a", "x", date(2020, 1, 2), 0, "t", dup_group="g")
    two = CorpusSentence("b", "y", date(2020, 1, 1), 0, "t", dup_group="g")
    assert independent_sources([one, two]) == 1
