"""Cutting datelines, time stamps and page headers off summary sentences (and nothing else)."""

from __future__ import annotations

import pytest

from dateline.timeline.clean import clean_sentence, is_reader_comment


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
        ("Cairo , 2:45 p.m. ET -RRB- Egypt 's health minister said 611 people were injured Wednesday .",
         "Egypt 's health minister said 611 people were injured Wednesday ."),
        ("YES | NO Egyptian President Hosni Mubarak stepped down as president of Egypt on February 11 .",
         "Egyptian President Hosni Mubarak stepped down as president of Egypt on February 11 ."),
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


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("January 31 , 2011 at 2:03 pm | Jack : Good question , but no easy answers .", True),
        ("Posted by : www999 | June 13 , 2010 3:39 AM | Report abuse", True),
        ("July 1 , 2011 at 2:28 pm | Reply I do n't fly .", True),
        ("At 4:13 pm on 28 May 2010 , Dangermansix wrote : Never should have happened .", True),
        ("At 21:42 6th May 2009 , foxtrottango1 wrote : The Mexicans are blaming NAFTA .", True),
        ("-- June 02 , 2010 2:24 PM Sam Waterston was like your goofy , gangly uncle .", True),
        ("-- In his first comments , Prime Minister David Cameron says Britain is ready to help .", False),
        ("As a result of three-cornered contests , Scott wrote : `` It is quite possible ...", False),
        ("February 24 , 2011 03:18 pm at 3:18 pm | Rebels hold the eastern city .", False),  # a live blog post
        ("Protesters filled Tahrir Square on January 31 , 2011 at 2 pm .", False),
        ("The vote was 54 | 46 in favour .", False),
    ],
)  # fmt: skip
def test_reader_comments_are_told_from_reports(text: str, comment: bool) -> None:
    assert is_reader_comment(text) is comment
