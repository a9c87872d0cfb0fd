"""Fixtures of the claims tests: the spaCy pipeline the rules were written for (skips when absent)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.enrich.claims import load_pipeline
from dateline.errors import ConfigError


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return load_pipeline()
    except ConfigError as exc:
        pytest.skip(str(exc))
