"""Language detection for articles, so that English-only stages can skip the rest.

:func:`detect_language` runs py3langid (a naive Bayes model over byte n-grams, 97 languages,
shipped inside the package: nothing is downloaded) on a bounded, cleaned prefix of the text and
returns an ISO 639-1 code with a probability. :func:`is_english` is the yes/no question a stage
asks. Both are cheap (well under a millisecond per article) and never raise on any ``str``.

Text too short to tell (fewer than ``min_letters`` letters after cleaning: an empty article, a
title only, a line of numbers) is not guessed at: it gets the configured default language ("en")
with confidence 0.0, so such articles are kept by English stages rather than silently dropped;
the confidence says that nothing was measured. Not for: telling apart varieties of one language
or finding the languages of a mixed-language text (the majority script of the prefix wins).
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from dateline.models import Article

__all__ = ["DEFAULT_LANGUAGE", "MIN_LETTERS", "detect_language", "is_english", "language_of"]

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
MIN_LETTERS = 20
PREFIX_CHARS = 1000
# Below this probability a non-English guess on an article is not trusted: news boilerplate,
# lists of names and tables confuse n-gram models, and dropping an English article costs more
# than letting one foreign article through an English stage.
MIN_CONFIDENCE = 0.5

# Control characters, PTB bracket tokens and URLs carry no language and skew short texts.
_NOISE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|-[LR][RSC]B-|https?://\S+|www\.\S+|\S+@\S+")
_LETTER = re.compile(r"[^\W\d_]")

_identifier: Any = None
_lock = threading.Lock()


def _get_identifier() -> Any:
    """The py3langid identifier with normalised probabilities, loaded once per process."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                # py3langid 0.4 loads with from_model_file; earlier releases with from_pickled_model.
                load = (
                    getattr(LanguageIdentifier, "from_model_file", None)
                    or LanguageIdentifier.from_pickled_model
                )
                identifier = load(MODEL_FILE, norm_probs=True)
                # Keep the ISO 639-1 languages only: the extra ISO 639-3 labels of recent models
                # (Nigerian Pidgin, "zxx" no-language) catch English boilerplate and bylines.
                identifier.set_languages([code for code in identifier.labels if len(code) == 2])
                _identifier = identifier
    return _identifier


def _clean(text: str, max_chars: int) -> str:
    return _NOISE.sub(" ", text[: max_chars + 200])[:max_chars]


def detect_language(
    text: str,
    *,
    default: str = DEFAULT_LANGUAGE,
    max_chars: int = PREFIX_CHARS,
    min_letters: int = MIN_LETTERS,
) -> tuple[str, float]:
    """The language of ``text`` as ``(ISO 639-1 code, probability in [0, 1])``.

    Looks at the first ``max_chars`` characters only, after removing control characters, URLs,
    e-mail addresses and PTB bracket tokens. When fewer than ``min_letters`` letters remain the
    text is too short to tell, and the answer is ``(default, 0.0)``.
    """
    sample = _clean(text, max_chars)
    letters = len(_LETTER.findall(sample))
    if letters < min_letters:
        return default, 0.0
    # Lone surrogates cannot be encoded for the byte n-gram model; they carry no language anyway.
    sample = sample.encode("utf-8", errors="ignore").decode("utf-8")
    lang, prob = _get_identifier().classify(sample)
    return str(lang), float(prob)


def is_english(
    text: str,
    *,
    default: str = DEFAULT_LANGUAGE,
    min_confidence: float = MIN_CONFIDENCE,
    max_chars: int = PREFIX_CHARS,
) -> bool:
    """Whether ``text`` should go through English-only stages.

    True when the detected language is English, and also when the text is too short to tell and
    ``default`` is "en" (an empty article or a title only is assumed to be in the configured
    default language), or when a non-English guess has a probability below ``min_confidence``.
    """
    lang, prob = detect_language(text, default=default, max_chars=max_chars)
    if lang == "en":
        return True
    if prob == 0.0:
        return default == "en"
    if prob < min_confidence:
        logger.debug("weak language guess %s (%.2f) treated as English", lang, prob)
        return True
    return False


def language_of(article: Article, *, default: str = DEFAULT_LANGUAGE) -> tuple[str, float]:
    """The language of an article: the one its source declared, else detected from its text.

    A declared language (``Article.language``, e.g. from a feed or an HTML ``lang``) is trusted
    with probability 1.0 and reduced to its ISO 639-1 part ("en-GB" → "en"). Otherwise the text
    is examined, and the title too when the text is too short to tell (a title-only article).
    """
    if article.language:
        return article.language.split("-")[0].split("_")[0].lower(), 1.0
    lang, prob = detect_language(article.text, default=default)
    if prob == 0.0 and article.title:
        lang, prob = detect_language(f"{article.title}\n{article.text}", default=default)
    return lang, prob
