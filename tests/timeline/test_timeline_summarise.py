"""The centroid summariser: K is a cap, and a day is not padded with sentences off its news."""

from __future__ import annotations

from datetime import date

from dateline.timeline.corpus import CorpusSentence
from dateline.timeline.summarise import CentroidSummariser

DAY = date(2023, 3, 7)


def sent(n: int, text: str, dated: bool = True) -> CorpusSentence:
    return CorpusSentence(
        article_id=f"a{n}",
        source="wire",
        published=date(2023, 3, 8),
        sentence_index=0,
        text=text,
        dates=((DAY, "day"),) if dated else (),
    )


CANDIDATES = [
    sent(1, "The Elm Street bridge collapsed into the river on Tuesday , killing four drivers ."),
    sent(2, "The football club sold more season tickets on Tuesday than in any year before ."),
    # Near-copies of the first: they shape the day's centroid, and are never picked beside it.
    sent(9, "The Elm Street bridge collapsed on Tuesday , killing four drivers , police said ."),
    sent(10, "Four drivers were killed when the Elm Street bridge collapsed into the river on Tuesday ."),
]
CONTEXT = [
    sent(3, "Four drivers died when the Elm Street bridge collapsed on Tuesday .", dated=False),
    sent(4, "Divers searched the river below the collapsed bridge for the drivers .", dated=False),
    sent(5, "The collapse of the Elm Street bridge was the worst in decades .", dated=False),
]
OTHER_DAYS = [
    sent(6, "The council met on Monday to discuss the city budget and parking fees ."),
    sent(7, "Schools reopened on Friday after the spring holiday in the city ."),
]


def test_a_sentence_that_moves_the_summary_off_the_day_is_not_added() -> None:
    summariser = CentroidSummariser(max_df=1.0).fit(CANDIDATES + CONTEXT + OTHER_DAYS)
    picked = summariser.summarise(DAY, CANDIDATES, k=2, exclude=set(), context=CONTEXT)
    assert [ref.article_id for ref, _ in picked] == ["a1"]
    padded = CentroidSummariser(max_df=1.0, only_improving=False).fit(CANDIDATES + CONTEXT + OTHER_DAYS)
    picked = padded.summarise(DAY, CANDIDATES, k=2, exclude=set(), context=CONTEXT)
    assert [ref.article_id for ref, _ in picked] == ["a1", "a2"]


def test_a_second_sentence_on_the_same_news_is_added() -> None:
    more = [
        *CANDIDATES,
        sent(
            8, "Divers pulled two cars and four bodies from the river below the collapsed bridge on Tuesday ."
        ),
    ]
    summariser = CentroidSummariser(max_df=1.0).fit(more + CONTEXT + OTHER_DAYS)
    picked = summariser.summarise(DAY, more, k=2, exclude=set(), context=CONTEXT)
    assert sorted(ref.article_id for ref, _ in picked) == ["a1", "a8"]
