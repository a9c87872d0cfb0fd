"""Language detection of news text: real languages, scripts, and text too short to tell."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.enrich.language import detect_language, is_english, language_of
from dateline.models import Article

NEWS = {
    "en": "Israeli troops pushed deeper into Gaza City on Tuesday, the military said, as aid agencies "
    "warned that fuel for hospital generators would run out within days.",
    "fr": "Les troupes israéliennes ont pénétré plus avant dans la ville de Gaza mardi, a indiqué "
    "l'armée, alors que les agences humanitaires mettaient en garde contre une catastrophe.",
    "de": "Israelische Truppen sind am Dienstag weiter in die Stadt Gaza vorgedrungen, teilte das "
    "Militär mit, während Hilfsorganisationen vor einer humanitären Katastrophe warnten.",
    "ar": "توغلت القوات الإسرائيلية أكثر في مدينة غزة يوم الثلاثاء، بحسب ما أعلن الجيش، فيما حذرت "
    "وكالات الإغاثة من كارثة إنسانية وشيكة في المستشفيات.",
    "he": "כוחות צה״ל העמיקו ביום שלישי את הפעולה הקרקעית בעיר עזה, כך מסר הצבא, בעוד ארגוני סיוע "
    "מזהירים מפני אסון הומניטרי.",
    "ru": "Израильские войска во вторник продвинулись вглубь города Газа, сообщили военные, а "
    "гуманитарные организации предупредили о надвигающейся катастрофе.",
}


@pytest.mark.parametrize(("lang", "text"), NEWS.items(), ids=NEWS.keys())
def test_news_sentences_are_identified(lang: str, text: str) -> None:
    code, prob = detect_language(text)
    assert code == lang
    assert prob > 0.8
    assert is_english(text) is (lang == "en")


def test_pretokenised_english_is_english() -> None:
    text = (
        "The tremor hit at 1653 -LRB- 2153 GMT -RRB- , about 15km -LRB- 10m -RRB- south-west of "
        "Port-au-Prince . \n`` It 's a catastrophe , '' he said . \n"
    )
    assert detect_language(text)[0] == "en"
    assert is_english(text)


@pytest.mark.parametrize(
    "text", ["", "   ", "Gaza", "Obama meets Netanyahu", "2023-11-07 14:00", "\x00\x01" * 50]
)
def test_too_short_to_tell_assumes_default(text: str) -> None:
    assert detect_language(text) == ("en", 0.0)
    assert is_english(text)
    assert detect_language(text, default="fr") == ("fr", 0.0)
    assert not is_english(text, default="fr")


@pytest.mark.parametrize(
    "title", ["First A380 enters commercial service", "General Motors automobile sales plunge by 45%"]
)
def test_weak_foreign_guess_on_english_headline_is_treated_as_english(title: str) -> None:
    # Real Wikinews headlines that n-gram statistics take for French, with low probability.
    code, prob = detect_language(title)
    assert code != "en"
    assert prob < 0.5
    assert is_english(title)
    assert not is_english(title, min_confidence=0.05)


def test_control_characters_urls_and_lone_surrogates_do_not_crash() -> None:
    text = "Les\x00 manifestants\x07 https://example.org/a.html ont défilé \ud800 à Paris samedi contre la réforme."
    code, prob = detect_language(text)
    assert code == "fr"
    assert 0.0 <= prob <= 1.0


def test_mixed_scripts_do_not_crash_and_give_a_code() -> None:
    text = "مرحبا Hello שלום Привет 你好 " * 20
    code, prob = detect_language(text)
    assert len(code) == 2 and code.isalpha()
    assert 0.0 <= prob <= 1.0


def test_only_a_bounded_prefix_is_read() -> None:
    text = NEWS["en"] * 3 + " " + NEWS["fr"] * 200
    assert detect_language(text, max_chars=300)[0] == "en"
    assert detect_language(text, max_chars=300_000)[0] == "fr"


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_arbitrary_text_gives_a_code_and_a_probability(text: str) -> None:
    code, prob = detect_language(text)
    assert len(code) == 2 and code.isalpha() and code.islower()
    assert 0.0 <= prob <= 1.0
    assert isinstance(is_english(text), bool)


def make_article(text: str, *, title: str | None = None, language: str | None = None) -> Article:
    return Article(
        id="a", source="test", published=date(2023, 11, 7), text=text, title=title, language=language
    )


def test_language_of_trusts_a_declared_language() -> None:
    assert language_of(make_article(NEWS["fr"], language="en-GB")) == ("en", 1.0)


def test_language_of_detects_from_text_then_title() -> None:
    assert language_of(make_article(NEWS["de"]))[0] == "de"
    title_only = make_article(
        "", title="Israelische Truppen sind am Dienstag weiter in die Stadt Gaza vorgedrungen"
    )
    assert language_of(title_only)[0] == "de"
    assert language_of(make_article("", title="Gaza")) == ("en", 0.0)
