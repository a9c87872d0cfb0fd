"""The one list of registered readers, and format detection from a file's name and first bytes."""

from __future__ import annotations

from dateline.errors import ConfigError
from dateline.ingest.base import Reader
from dateline.ingest.records import CSV, JSONL, T17
from dateline.ingest.text import SEED, TEXT

# Order matters for --format auto: the most specific sniff first.
READERS: tuple[Reader, ...] = (T17, SEED, CSV, JSONL, TEXT)


def _web_readers() -> tuple[Reader, ...]:
    from dateline.ingest.feed import READER as FEED
    from dateline.ingest.html import READER as HTML

    return (FEED, HTML)


def all_readers() -> tuple[Reader, ...]:
    """Every registered reader, in detection order."""
    t17, seed, csv_, jsonl, text = READERS
    return (t17, seed, *_web_readers(), csv_, jsonl, text)


def format_names() -> list[str]:
    """The names ``--format`` accepts (besides ``auto``)."""
    return [r.name for r in all_readers()]


def reader_named(name: str) -> Reader:
    """The reader registered under ``name``."""
    for reader in all_readers():
        if reader.name == name:
            return reader
    raise ConfigError(f"unknown format {name!r} (expected auto or one of {', '.join(format_names())})")


def detect(name: str, head: bytes) -> Reader | None:
    """The reader that claims an input by its name and first bytes, or ``None``."""
    for reader in all_readers():
        if reader.sniff(name, head):
            return reader
    return None
