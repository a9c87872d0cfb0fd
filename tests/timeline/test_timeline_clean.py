"""Cutting datelines, time stamps and page headers off summary sentences (and nothing else)."""

from __future__ import annotations

import pytest

from dateline.timeline.clean import clean_sentence


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        (
            "TRIPOLI | Tue Mar 1 , 2011 6:36 pm EST TRIPOLI -LRB- Reuters -RRB- - Libya could face civil war .",
            "Libya could face civil war .",
        ),
        (
            "-LRB- 12:34 a.m. Monday ET , 6:34 a.m. in Libya -RRB- A coalition jet crashed near Benghazi .",
            "A coalition jet crashed near Benghazi .",
        ),
        ("LIBYA , 3:29 p.m. ET , 10:29 p.m. local : Rebels advanced on the oil town of Brega .",
         "Rebels advanced on the oil town of Brega ."),
        ("Updated : 11:33 p.m. ET , Tue : The rebels took the town after a day of fighting .",
         "The rebels took the town after a day of fighting ."),
        ("Advertisement The rebels took the town and held it for three days .",
         "The rebels took the town and held it for three days ."),
        ("CAIRO , Egypt -LRB- CNN -RRB- -- Protesters filled Tahrir Square again on Friday .",
         "Protesters filled Tahrir Square again on Friday ."),
    ],
)  # fmt: skip
def test_prefixes_are_cut(text: str, cleaned: str) -> None:
    assert clean_sentence(text) == cleaned


@pytest.mark.parametrize(
    "text",
    [
        "The Elm Street bridge collapsed on Tuesday , killing four people , officials said .",
        "Rebels -LRB- backed by NATO jets -RRB- took the town on Monday .",
        "THE UN said at 3 p.m. that talks would resume .",  # a time, but no dateline shape
        "Obama spoke at 9 p.m. ET from the White House about the oil spill in the Gulf .",
        "Short ( Reuters ) - x",  # what would remain is too short to stand alone
    ],
)
def test_plain_sentences_stay_as_written(text: str) -> None:
    assert clean_sentence(text) == text
