"""Shared fixtures: where ../shared/data is, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO / ".." / "shared" / "data").resolve()


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data; skips the calling test when it does not exist."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/data/{'/'.join(parts)} (the development data is not beside this clone)")
    return path


@pytest.fixture
def shared_data() -> Path:
    """The ../shared/data directory (skips the test when absent)."""
    return shared_path()
