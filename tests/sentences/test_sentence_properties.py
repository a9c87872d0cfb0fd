"""Properties of the splitter's offsets on arbitrary and hostile text, and its speed bounds."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.enrich.sentences import dateline_span, split_sentences

# Tokens that exercise every rule: stops, abbreviations, quotes, PTB tokens, bullets, breaks.
NEWS_TOKENS = [
    "The", "said", "U.S.", "U.S", "Gen.", "Lt.", "Col.", "Mr.", "Inc.", "Jan.", "No.", "10", "3.5",
    "a.m.", "p.m.", "F.", "e.g.", "GAZA", "CITY", "(AP)", "—", "-", ".", "..", "...", "…", "?", "!",
    "?!", '"', "“", "”", "'", "''", "``", "-LRB-", "-RRB-", "•", "*", "1.", ",", ":", "\n", "\n\n",
    "\r\n", " ", "\t", "\x00", "\x1c", "\u2028", "\x85", "。", "مرحبا", "Привет", "שלום", "www.x.org.",
    "a@b.com", "St.", "He", "it", "(", ")",
]  # fmt: skip


def assert_valid(text: str, spans: list[tuple[int, int]], max_chars: int | None = None) -> None:
    prev_end = 0
    for start, end in spans:
        assert 0 <= prev_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece.strip() == piece
        assert any(c.isalnum() for c in piece)
        if max_chars is not None:
            assert end - start <= max_chars
        prev_end = end


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_gives_valid_spans(text: str) -> None:
    assert_valid(text, split_sentences(text))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NEWS_TOKENS), max_size=80).map(" ".join))
def test_news_like_token_soup_gives_valid_spans(text: str) -> None:
    assert_valid(text, split_sentences(text))
    assert_valid(text, split_sentences(text, pretokenised=True))
    assert_valid(text, split_sentences(text, pretokenised=False, max_chars=40), max_chars=40)
    span = dateline_span(text)
    assert span is None or 0 <= span[0] < span[1] <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(NEWS_TOKENS), max_size=40).map("".join))
def test_unspaced_token_soup_gives_valid_spans(text: str) -> None:
    assert_valid(text, split_sentences(text))


def test_no_text_is_lost_between_spans() -> None:
    text = 'Gen. Smith said. "We won." The U.S. Army agreed!\n\n• Item one\n2. Item two'
    spans = split_sentences(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.replace(" ", "") == "".join(text.split())


NEWS_PARAGRAPH = (
    "GAZA CITY (AP) — Israeli troops pushed into Gaza City on Tuesday, Lt. Col. Richard Hecht said. "
    '"We will continue," he told reporters at 10 a.m. The U.S. and U.N. urged restraint.\n\n'
)


def check_news(size: int, bound: float) -> None:
    text = NEWS_PARAGRAPH * (size // len(NEWS_PARAGRAPH))
    start = time.process_time()
    spans = split_sentences(text)
    elapsed = time.process_time() - start
    assert len(spans) == 3 * text.count("GAZA CITY")
    assert elapsed < bound, f"{len(text)} chars took {elapsed:.1f} s"


def test_news_article_of_200_kb_within_time_bound() -> None:
    check_news(200_000, 1.0)


@pytest.mark.slow
def test_two_megabytes_of_news_within_time_bound() -> None:
    check_news(2_000_000, 5.0)


HOSTILE = {
    "no-space": "x",
    "spaces": " ",
    "dots": ".",
    "dot-space": ". ",
    "abbrevs": "U.S. ",
    "newlines": "\n",
    "blank-lines": "a\n \n",
    "control": "\x00\x07\x1b",
    "line-seps": "a\u2028",
}


def check_hostile(unit: str, size: int, bound: float) -> None:
    text = unit * (size // len(unit))
    start = time.process_time()
    spans = split_sentences(text)
    elapsed = time.process_time() - start
    assert elapsed < bound, f"{len(text)} chars took {elapsed:.1f} s"
    assert_valid(text, spans, max_chars=2000)


@pytest.mark.parametrize("unit", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_within_time_bound(unit: str) -> None:
    check_hostile(unit, 100_000, 1.0)


@pytest.mark.slow
@pytest.mark.parametrize("unit", HOSTILE.values(), ids=HOSTILE.keys())
def test_two_megabytes_of_hostile_text_within_time_bound(unit: str) -> None:
    check_hostile(unit, 2_000_000, 10.0)
