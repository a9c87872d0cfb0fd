"""The bundled demo corpora and their licence notices.

``cep``: Wikipedia Current Events Portal items on the Israel–Hamas war, 7 Oct 2023 – 31 Jan 2024
(CC BY-SA 4.0). ``wikinews``: 120 Wikinews articles on four business stories, 2004–2013
(CC BY 2.5). Each folder's README.md holds the provenance and the attribution text.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from dateline.errors import ConfigError

CORPORA: dict[str, tuple[str, str]] = {
    "cep": (
        "cep",
        "Text from the Wikipedia Current Events Portal (Portal:Current events/2023 October 7 … 2024 January 31), "
        "by Wikipedia contributors, licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); "
        "items selected by topic, markup removed. Provenance: dateline/demo/cep/README.md.",
    ),
    "wikinews": (
        "wikinews",
        "Articles from Wikinews (https://en.wikinews.org) by Wikinews contributors, CC BY 2.5; see each "
        "article's URL. Corpus selection: SemEval-2015 Task 4 (FBK, VUA, EHU), CC BY 3.0.",
    ),
}


def corpus_path(name: str) -> Path:
    """The bundled ``articles.jsonl`` of a demo corpus (``cep`` or ``wikinews``)."""
    if name not in CORPORA:
        raise ConfigError(f"unknown demo corpus {name!r} (expected one of {', '.join(CORPORA)})")
    return Path(str(files("dateline.demo").joinpath(CORPORA[name][0], "articles.jsonl")))


def attribution(name: str) -> str:
    """The attribution line that must accompany a demo corpus."""
    return CORPORA[name][1]
