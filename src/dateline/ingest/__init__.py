"""Ingest: read inputs (files, directories, feed URLs) with the registered readers into a store.

:func:`ingest` is the library call behind ``dateline ingest``. Good items are stored in batches,
each batch one transaction; every bad item comes back as a :class:`Rejected` naming it and the
reason, and never stops the others.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import ConfigError, InputError
from dateline.ingest.base import Outcome, Reader, ReadOptions, Rejected, iter_safely
from dateline.ingest.records import is_t17_articles
from dateline.ingest.registry import detect, reader_named
from dateline.models import Article
from dateline.store.base import Store

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 512 * 1024 * 1024
NEWS_EXTENSIONS = (
    ".txt",
    ".text",
    ".jsonl",
    ".json",
    ".ndjson",
    ".csv",
    ".tsv",
    ".html",
    ".htm",
    ".xhtml",
    ".xml",
    ".rss",
    ".atom",
    ".feed",
)

Progress = Callable[[int, int | None, str], None]


@dataclass
class IngestReport:
    """What an ingest did: items read, stored (new), updated (text changed), unchanged, rejected."""

    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: read / stored / updated / unchanged / rejected."""
        return (
            f"read {self.read}, stored {self.stored}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {len(self.rejected)}"
        )


def is_url(text: str) -> bool:
    """Whether an input names a URL rather than a path."""
    return "://" in text and text.split("://", 1)[0].lower().isalpha()


def _benchmark_folder(files: set[str]) -> bool:
    return ("articles.jsonl.gz" in files or "articles.jsonl" in files) and (
        "timelines.jsonl" in files or "keywords.json" in files
    )


def expand_inputs(inputs: Sequence[str | Path]) -> list[str]:
    """Files and URLs to read: directories are walked recursively (sorted; hidden entries and
    non-news extensions skipped; a benchmark topic folder contributes only its articles file)."""
    out: list[str] = []
    for item in inputs:
        text = str(item)
        if is_url(text):
            out.append(text)
            continue
        path = Path(text)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                names = set(files)
                in_benchmark = any(_benchmark_folder(set(os.listdir(Path(root) / d))) for d in dirs)
                if _benchmark_folder(names):
                    keep: list[str] = [
                        n for n in sorted(names, reverse=True) if n in ("articles.jsonl.gz", "articles.jsonl")
                    ][:1]
                else:
                    keep = [
                        n
                        for n in sorted(files)
                        if not n.startswith(".")
                        and not (in_benchmark and n == "dataset.json")
                        and (n.lower().removesuffix(".gz").endswith(NEWS_EXTENSIONS) or "." not in n)
                    ]
                out.extend(str(Path(root) / n) for n in keep)
        else:
            out.append(text)
    return out


def read_file(path: str) -> bytes:
    """A file's bytes, gunzipped when it is gzip (bounded, so a gzip bomb is rejected)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from exc
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, path, limit=MAX_FILE_BYTES)
    return data


def gunzip(data: bytes, origin: str, *, limit: int) -> bytes:
    """Inflate gzip ``data`` (every member) without ever holding more than ``limit`` + 1 bytes."""
    parts: list[bytes] = []
    size = 0
    while data:
        inflater = zlib.decompressobj(wbits=31)
        try:
            part = inflater.decompress(data, limit + 1 - size)
        except zlib.error as exc:
            raise InputError(origin, f"corrupt gzip data ({exc})") from exc
        parts.append(part)
        size += len(part)
        if size > limit:
            raise InputError(origin, f"decompresses to more than {limit} bytes")
        if not inflater.eof:
            raise InputError(origin, "corrupt gzip data (the stream is cut short)")
        # Members follow one another (RFC 1952 §2.2); zero padding after the last is allowed.
        data = inflater.unused_data.lstrip(b"\x00")
    return b"".join(parts)


def read_input(item: str, *, format: str = "auto", options: ReadOptions | None = None) -> Iterator[Outcome]:
    """Read one file or URL with the chosen (or detected) reader, as outcomes."""
    options = options or ReadOptions()
    if is_url(item):
        if not item.lower().startswith(("http://", "https://")):
            yield Rejected(item, "only http and https URLs can be read")
            return
        from dateline.ingest.feed import read_url

        yield from iter_safely(item, read_url(item, options))
        return
    try:
        data = read_file(item)
    except InputError as exc:
        yield Rejected(exc.origin, exc.reason)
        return
    name = item.removesuffix(".gz") if not is_t17_articles(item) else item
    reader: Reader | None = reader_named(format) if format != "auto" else detect(name, data[:4096])
    if reader is None:
        if not data.strip():
            yield Rejected(item, "empty file")
        else:
            yield Rejected(item, "unrecognised format (pass --format)")
        return
    yield from iter_safely(item, reader.read(data, item, options))


def ingest(
    store: Store,
    inputs: Sequence[str | Path],
    *,
    format: str = "auto",
    options: ReadOptions | None = None,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> IngestReport:
    """Read ``inputs`` and store their articles; returns an :class:`IngestReport`.

    Batches of ``batch_size`` articles are written in one transaction each, so an interrupted
    ingest leaves only whole articles behind and a re-run stores just the rest.
    """
    if format != "auto":
        reader_named(format)  # fail fast on an unknown format
    files = expand_inputs(inputs)
    if not files:
        raise ConfigError("nothing to ingest (no files found in the given paths)")
    report = IngestReport()
    batch: list[Article] = []

    def flush() -> None:
        if not batch:
            return
        for article, status in zip(batch, store.put_articles(batch), strict=True):
            if status == "stored":
                report.stored += 1
            elif status == "updated":
                report.updated += 1
            else:
                report.unchanged += 1
            if status != "unchanged":
                report.changed_ids.append(article.id)
        batch.clear()

    for n, item in enumerate(files, 1):
        for outcome in read_input(item, format=format, options=options):
            report.read += 1
            if isinstance(outcome, Rejected):
                log.warning("rejected %s", outcome)
                report.rejected.append(outcome)
                continue
            batch.append(outcome)
            if len(batch) >= batch_size:
                flush()
        if progress:
            progress(n, len(files), item)
    flush()
    return report


__all__ = ["IngestReport", "ReadOptions", "Rejected", "expand_inputs", "ingest", "read_input"]
