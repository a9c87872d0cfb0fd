"""Readers for text files: the `` date YYYY-MM-DD …`` format and plain ``.txt``.

The `` date …`` format (DESIGN §4): the content begins, after optional whitespace, with
``date YYYY-MM-DD`` and then the article text on the same line or from the next line on;
optional ``source NAME``, ``title TEXT`` and ``url URL`` lines may stand before the ``date`` line.

A plain text file is dated by ``--date`` or by a ``YYYY-MM-DD`` folder in its path (the T17
layout ``…/2011-02-01/name.txt``); a text with no date anywhere is rejected, never dated today.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import PurePath

from dateline.errors import InputError
from dateline.ingest.base import (
    Outcome,
    Reader,
    ReadOptions,
    check_not_future,
    clean_text,
    decode_text,
    parse_published,
)
from dateline.models import Article, article_id_for

_HEADER = re.compile(r"(?i)^[ \t]*(source|title|url)[ \t]+(\S[^\n]*)$")
_DATE_LINE = re.compile(r"(?is)^[ \t]*date[ \t]+(\S+)[ \t]*(.*)$")
_SEED_HEAD = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:(?:source|title|url)[ \t]+[^\n]*\n\s*){0,3}date[ \t]+\d{4}-\d{1,2}-\d{1,2}\b",
    re.I,
)
_PATH_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _finish(text: str, origin: str, options: ReadOptions, published: date, **fields: str | None) -> Article:
    body = clean_text(text).strip()
    if not body:
        raise InputError(origin, "no article text")
    check_not_future(published, origin, options.today)
    source = options.source or fields.get("source") or "local"
    return Article(
        id=article_id_for(source, published, body),
        source=source,
        published=published,
        text=body,
        title=fields.get("title"),
        url=fields.get("url"),
        origin=origin,
    )


def read_seed(data: bytes, origin: str, options: ReadOptions) -> Iterator[Outcome]:
    """Read one `` date YYYY-MM-DD …`` file into one article."""
    text = decode_text(data, origin).lstrip("\ufeff")
    if not text.strip():
        raise InputError(origin, "empty file")
    lines = text.lstrip().split("\n")
    fields: dict[str, str | None] = {}
    while lines and (m := _HEADER.match(lines[0])):
        fields[m[1].lower()] = m[2].strip()
        lines.pop(0)
        while lines and not lines[0].strip():
            lines.pop(0)
    if not lines or not (m := _DATE_LINE.match(lines[0])):
        raise InputError(origin, "expected a 'date YYYY-MM-DD' line at the start")
    published, precision = parse_published(m[1], origin)
    if precision != "day" or not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", m[1]):
        raise InputError(origin, f"the date line must read 'date YYYY-MM-DD', not {m[1]!r}")
    body = "\n".join([m[2], *lines[1:]])
    yield _finish(body, origin, options, published, **fields)


def date_from_path(origin: str) -> date | None:
    """The publication date a path carries in a ``YYYY-MM-DD`` folder, innermost first."""
    for part in reversed(PurePath(origin).parts[:-1]):
        if m := _PATH_DATE.match(part):
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError as exc:
                raise InputError(origin, f"impossible date in the path {part!r}") from exc
    return None


def read_text(data: bytes, origin: str, options: ReadOptions) -> Iterator[Outcome]:
    """Read a plain text file as one article dated by ``--date`` or by its path."""
    text = decode_text(data, origin)
    if not text.strip():
        raise InputError(origin, "empty file")
    if _SEED_HEAD.match(text.encode("utf-8", "replace")[:4096]):
        yield from read_seed(data, origin, options)
        return
    published = options.default_date or date_from_path(origin)
    if published is None:
        raise InputError(origin, "no publication date: pass --date, or put the file in a YYYY-MM-DD folder")
    yield _finish(text, origin, options, published)


SEED = Reader(
    name="seed",
    sniff=lambda name, head: bool(_SEED_HEAD.match(head)),
    read=read_seed,
    extensions=(".txt",),
)
TEXT = Reader(
    name="text",
    sniff=lambda name, head: name.lower().endswith((".txt", ".text")),
    read=read_text,
    extensions=(".txt", ".text"),
)
