"""Behaviour of the news sentence splitter on the hard cases of news text."""

from __future__ import annotations

import pytest

from dateline.enrich.sentences import (
    dateline_span,
    is_pretokenised,
    make_sentences,
    split_sentences,
)
from dateline.models import Sentence
from tests.sentences.cases import CASES

# Cases the rules get wrong on purpose or by limitation; strict so that a fix is noticed.
KNOWN_FAILURES = {
    # "D.C." before a capitalised word that is not a typical sentence starter stays joined.
    "washington_dc_final",
}


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def gold_spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for sent in sentences:
        at = text.index(sent, pos)
        spans.append((at, at + len(sent)))
        pos = at + len(sent)
    return spans


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            text,
            sents,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason="known limitation")]
            if name in KNOWN_FAILURES
            else [],
        )
        for name, text, sents in CASES
    ],
)
def test_hand_labelled_cases_exact_spans(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == gold_spans(text, sentences)


def test_closing_quote_belongs_to_the_sentence_it_closes() -> None:
    text = '"We will win." He said.'
    assert split_sentences(text) == [(0, 14), (15, 23)]


def test_dateline_stays_with_first_sentence() -> None:
    text = "GAZA CITY (AP) — Israeli troops entered al-Shifa hospital. Hamas denied using it."
    assert texts(text) == [
        "GAZA CITY (AP) — Israeli troops entered al-Shifa hospital.",
        "Hamas denied using it.",
    ]


def test_abbreviation_chain_inside_one_sentence() -> None:
    text = (
        "Lt. Col. Peter Lerner, a spokesman, said U.S. and U.N. officials met Gen. Mark Milley "
        "at 10 a.m. on Nov. 7 in St. Louis. Talks continue."
    )
    assert len(split_sentences(text)) == 2
    assert texts(text)[1] == "Talks continue."


def test_pretokenised_paragraph_one_sentence_per_line() -> None:
    text = (
        "Haiti earthquake : many feared dead The earthquake is the worst to hit Haiti in 200 years . \n"
        "`` It 's a catastrophe , '' said Raymond Joseph , Haiti 's ambassador to the U.S. . \n"
        "The U.N. said its headquarters -LRB- in Port-au-Prince -RRB- had collapsed . \n"
        "-LRB- Reuters -RRB- \n"
    )
    assert is_pretokenised(text)
    lines = [line.strip() for line in text.splitlines()]
    assert texts(text) == lines


def test_pretokenised_line_holding_two_sentences_is_split_at_detached_stop() -> None:
    text = "The quake struck at 1653 local time . Rescuers dug with their hands . \n"
    assert texts(text) == ["The quake struck at 1653 local time .", "Rescuers dug with their hands ."]


def test_pretokenised_us_with_detached_stop_is_not_split_mid_sentence() -> None:
    text = "Troops from the U.S . military landed at the airport . They brought water ."
    assert texts(text) == ["Troops from the U.S . military landed at the airport .", "They brought water ."]


def test_pretokenised_closing_quote_token_stays_with_sentence() -> None:
    text = "`` We need water . '' The mayor said the city had run out . "
    assert texts(text) == ["`` We need water . ''", "The mayor said the city had run out ."]


def test_plain_text_is_not_taken_for_pretokenised() -> None:
    text = "The storm, which hit on Friday, killed three people. Power was cut to 10,000 homes."
    assert not is_pretokenised(text)


def test_decimals_urls_emails_are_never_boundaries() -> None:
    text = "Growth was 3.5% (see https://example.org/report.pdf) and j.doe@example.com replied."
    assert split_sentences(text) == [(0, len(text))]


def test_question_then_lower_case_continues_the_sentence() -> None:
    assert texts('"Is this the end?" asked one resident. Nobody knew.') == [
        '"Is this the end?" asked one resident.',
        "Nobody knew.",
    ]


def test_soft_line_break_only_before_lower_case_continuation() -> None:
    text = "Officials said the road\nwould reopen on Monday.\nThe bridge stays closed"
    assert texts(text) == ["Officials said the road\nwould reopen on Monday.", "The bridge stays closed"]


def test_title_only_and_no_sentence_inputs() -> None:
    assert texts("Israel-Hamas war: live updates") == ["Israel-Hamas war: live updates"]
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t ") == []
    assert split_sentences("... --- *** • ") == []


def test_control_characters_and_mixed_scripts_do_not_break_offsets() -> None:
    text = (
        "Hamas\x00 said\x07 the talks failed. قال المتحدث إن المحادثات فشلت. Переговоры сорвались!\x1c Next."
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Hamas\x00 said\x07 the talks failed.",
        "قال المتحدث إن المحادثات فشلت.",
        "Переговоры сорвались!",
        "Next.",
    ]


def test_overlong_run_is_cut_at_whitespace_under_max_chars() -> None:
    text = " ".join(["word"] * 1000)  # 4,999 characters without a stop
    spans = split_sentences(text, max_chars=1000)
    assert all(e - s <= 1000 for s, e in spans)
    assert all(text[s:e].split() == ["word"] * ((e - s + 1) // 5) for s, e in spans)
    assert sum(len(text[s:e].split()) for s, e in spans) == 1000


def test_overlong_run_without_whitespace_is_hard_cut() -> None:
    text = "x" * 2500
    assert split_sentences(text, max_chars=1000) == [(0, 1000), (1000, 2000), (2000, 2500)]
    assert split_sentences(text, max_chars=None) == [(0, 2500)]


def test_make_sentences_builds_records_with_offsets() -> None:
    text = "WASHINGTON (Reuters) - The Fed raised rates. Markets fell."
    sents = make_sentences("reuters/1", text)
    assert sents == [
        Sentence(article_id="reuters/1", index=0, start=0, end=44, text=text[0:44]),
        Sentence(article_id="reuters/1", index=1, start=45, end=58, text="Markets fell."),
    ]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("GAZA CITY (AP) — Israeli troops entered the hospital.", "GAZA CITY (AP) — "),
        ("WASHINGTON (Reuters) - The Fed raised rates.", "WASHINGTON (Reuters) - "),
        ("BEIRUT, Lebanon (AP) — Hezbollah fired rockets.", "BEIRUT, Lebanon (AP) — "),
        ("LONDON — Britain's economy shrank.", "LONDON — "),
        (
            "WASHINGTON , Nov. 7 -LRB- Reuters -RRB- - The Fed met .",
            "WASHINGTON , Nov. 7 -LRB- Reuters -RRB- - ",
        ),
        ("  KABUL: The Taliban said on Monday.", "KABUL: "),
    ],
)
def test_dateline_span_found(text: str, dateline: str) -> None:
    span = dateline_span(text)
    assert span is not None
    assert text[span[0] : span[1]] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "Israeli troops entered the hospital - the military said.",
        "A man - a doctor - was hurt.",
        "US - China talks resumed.",
        "",
    ],
)
def test_dateline_span_absent(text: str) -> None:
    assert dateline_span(text) is None
