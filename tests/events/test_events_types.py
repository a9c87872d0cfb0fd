"""PLOVER types and casualty figures read from realistic news sentences."""

from __future__ import annotations

import pytest

from dateline.events import PLOVER_TYPES, casualties_in, event_type


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Israeli air strikes killed 30 people in Khan Younis overnight, medics said.", "ASSAULT"),
        ("A car bomb exploded outside a police station in Baghdad on Sunday.", "ASSAULT"),
        ("Rebels and government troops clashed near Brega as fighting spread east.", "FIGHT"),
        ("Tens of thousands of protesters gathered in Tahrir Square on Friday.", "PROTEST"),
        ("The European Union imposed new sanctions on Syria's central bank.", "SANCTION"),
        ("Police arrested 120 demonstrators in Cairo on Friday.", "COERCE"),
        ("Israel and Hamas agreed to a four-day ceasefire deal brokered by Qatar.", "AGREE"),
        ("Obama met with Medvedev in Moscow for talks on arms control.", "CONSULT"),
        ("The United States pledged $100 million in humanitarian aid to Haiti.", "AID"),
        ("Mubarak resigned as president and handed power to the army.", "RETREAT"),
        ("The US Justice Department opened an investigation into the BP oil spill.", "INVESTIGATE"),
        ("The Arab League demanded that Damascus withdraw its tanks from the cities.", "DEMAND"),
        ("France condemned the bloody crackdown and criticised the regime.", "DISAPPROVE"),
        ("Russia and China vetoed the Security Council resolution on Syria.", "REJECT"),
        ("Gaddafi threatened to crush the rebellion in Benghazi.", "THREATEN"),
        ("Nato deployed warships and fighter jets to enforce the no-fly zone.", "MOBILIZE"),
        ("Looters murdered a shopkeeper during a robbery in Port-au-Prince.", "CRIME"),
        # A judicial charge is an accusation (PLOVER's ACCUSE, our DISAPPROVE), not the crime itself.
        ("Conrad Murray was charged with involuntary manslaughter over Jackson's death.", "DISAPPROVE"),
        ("The weather was mild in the capital on Tuesday.", None),
    ],
)
def test_event_type(sentence: str, expected: str | None) -> None:
    assert event_type(sentence) == expected
    assert expected is None or expected in PLOVER_TYPES


def test_evidence_can_decide_when_the_summary_is_vague() -> None:
    summary = "The situation in Misrata changed sharply on Wednesday."
    assert event_type(summary) is None
    evidence = ["Heavy fighting broke out in the city centre.", "Rebels clashed with Gaddafi's forces."]
    assert event_type(summary, evidence) == "FIGHT"


def test_casualties_with_hedge_and_ministry() -> None:
    (figure,) = casualties_in(
        "At least 10,000 people have been killed in Gaza, according to the Gaza health ministry.",
        article_id="a1",
    )
    assert figure["kind"] == "killed"
    assert figure["count"] == 10_000
    assert figure["approx"] == "at least"
    assert figure["attributed_to"] == "the Gaza health ministry"
    assert figure["article_id"] == "a1"


def test_death_toll_rising_attributed_to_officials() -> None:
    (figure,) = casualties_in("The death toll rose to 230 on Thursday, officials said.")
    assert (figure["kind"], figure["count"], figure["approx"]) == ("killed", 230, None)
    assert figure["attributed_to"] == "officials"


def test_killed_and_wounded_in_one_sentence() -> None:
    found = casualties_in(
        "Security forces opened fire on mourners in Deraa, killing at least 15 people and wounding dozens, "
        "activists said."
    )
    assert {(f["kind"], f["count"]) for f in found} == {("killed", 15), ("injured", 24)}
    assert all(f["attributed_to"] == "activists" for f in found)


def test_word_numbers_and_trailing_speaker() -> None:
    found = casualties_in("Three soldiers were wounded and two civilians died in the attack, the army said.")
    assert {(f["kind"], f["count"]) for f in found} == {("injured", 3), ("killed", 2)}
    assert {f["attributed_to"] for f in found} == {"the army"}


def test_arrests_are_counted() -> None:
    (figure,) = casualties_in("Police arrested more than 500 people after the riots, a spokesman said.")
    assert (figure["kind"], figure["count"], figure["approx"]) == ("arrested", 500, "more than")
    assert figure["attributed_to"] == "a spokesman"


def test_no_figure_without_a_number_and_no_years() -> None:
    assert casualties_in("Many people were killed in the fighting.") == []
    assert casualties_in("In 2003 killed was a word nobody used lightly.") == []
    (figure,) = casualties_in("Some 1.2 million people were displaced by the floods, the UN said.")
    assert (figure["kind"], figure["count"], figure["approx"]) == ("displaced", 1_200_000, "some")
    assert figure["attributed_to"] == "the UN"
