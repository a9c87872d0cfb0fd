"""Fixtures for the serve tests: the hand-written store and in-process clients over the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.serve.api import create_app
from dateline.serve.web.data import interim_timeline
from tests.serve.fixtures import Client, build_store

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    """A fresh copy of the fixture store."""
    return build_store(tmp_path / "serve.db")


@pytest.fixture
def client(store_path: str) -> Iterator[Client]:
    """An in-process client over an app with a token.

    Its timelines come from the plain publication-date builder, so that these tests pin the
    shell's behaviour whatever the library's timeline method picks; the library's own builder
    is exercised by the contract test, the fuzzer and the demo browser tests."""
    c = Client(create_app(store_path, token=TOKEN, timeline_builder=interim_timeline))
    yield c
    c.close()
