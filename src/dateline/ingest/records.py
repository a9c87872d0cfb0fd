"""Readers for record files: JSON Lines (and JSON arrays), CSV/TSV, and the T17 benchmark layout.

Field names are matched case-insensitively against the names news data commonly uses; fields
that map to nothing are kept in ``Article.extra``. One bad record is rejected with its line
number; the other records still go in.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePath
from typing import Any

from dateline.errors import InputError
from dateline.ingest.base import (
    Outcome,
    Reader,
    ReadOptions,
    Rejected,
    check_not_future,
    clean_text,
    decode_text,
    parse_published,
)
from dateline.models import Article, article_id_for

FIELDS: dict[str, tuple[str, ...]] = {
    "published": (
        "published",
        "date",
        "pubdate",
        "publish_date",
        "published_at",
        "publication_date",
        "date_published",
        "time",
        "datetime",
        "timestamp",
    ),
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher", "site_name", "sitename"),
    "id": ("id", "article_id", "guid", "uid"),
}


def _lookup(record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    lowered = {str(k).strip().lower(): k for k in record}
    found: dict[str, Any] = {}
    used: set[Any] = set()
    for name, candidates in FIELDS.items():
        for cand in candidates:
            if cand in lowered:
                key = lowered[cand]
                if record[key] not in (None, ""):
                    found[name] = record[key]
                    used.add(key)
                    break
    extra = {str(k): v for k, v in record.items() if k not in used}
    return found, extra


def _text_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):  # e.g. {"name": "Reuters"}
        value = value.get("name") or value.get("title") or next(iter(value.values()), None)
    if isinstance(value, list):
        value = "\n\n".join(str(v) for v in value if v)
    text = str(value).strip()
    return text or None


def record_to_article(record: Any, origin: str, options: ReadOptions, *, id_prefix: str = "") -> Article:
    """Turn one JSON/CSV record into an :class:`Article`, or raise :class:`InputError`."""
    if not isinstance(record, Mapping):
        raise InputError(origin, f"expected an object, got {type(record).__name__}")
    found, extra = _lookup(record)
    text = clean_text(_text_value(found.get("text")) or "").strip()
    if not text:
        raise InputError(origin, "no text (expected a field named text, body, content or article)")
    if "published" in found:
        published, precision = parse_published(found["published"], origin)
    elif options.default_date:
        published, precision = options.default_date, "day"
    else:
        raise InputError(
            origin, "no publication date (expected date, published, pubdate, time or publish_date)"
        )
    check_not_future(published, origin, options.today)
    source = options.source or _text_value(found.get("source")) or "unknown"
    given_id = _text_value(found.get("id"))
    article_id = id_prefix + given_id if given_id else article_id_for(source, published, text)
    return Article(
        id=article_id,
        source=source,
        published=published,
        published_precision=precision,
        text=text,
        title=_text_value(found.get("title")),
        url=_text_value(found.get("url")),
        origin=origin,
        extra=extra,
    )


def read_jsonl(data: bytes, origin: str, options: ReadOptions, *, id_prefix: str = "") -> Iterator[Outcome]:
    """Read JSON Lines (one object per line) or a JSON array of objects."""
    text = decode_text(data, origin).lstrip("\ufeff")
    if not text.strip():
        raise InputError(origin, "empty file")
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(origin, f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
        except RecursionError as exc:
            raise InputError(origin, "not valid JSON (nested too deeply)") from exc
        except ValueError as exc:  # an integer of more than 4,300 digits (CVE-2020-10735)
            raise InputError(origin, "not valid JSON (a number too long to read)") from exc
        for n, item in enumerate(items, 1):
            try:
                yield record_to_article(item, f"{origin}[{n}]", options, id_prefix=id_prefix)
            except InputError as exc:
                yield Rejected(exc.origin, exc.reason)
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(where, f"not valid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield Rejected(where, "not valid JSON (nested too deeply)")
            continue
        except ValueError:
            yield Rejected(where, "not valid JSON (a number too long to read)")
            continue
        try:
            yield record_to_article(record, where, options, id_prefix=id_prefix)
        except InputError as exc:
            yield Rejected(exc.origin, exc.reason)


def read_csv(data: bytes, origin: str, options: ReadOptions) -> Iterator[Outcome]:
    """Read CSV or TSV with a header row naming the fields."""
    text = decode_text(data, origin).lstrip("\ufeff")
    if not text.strip():
        raise InputError(origin, "empty file")
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if origin.lower().endswith(".tsv") else csv.excel
    csv.field_size_limit(64 * 1024 * 1024)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if not any(c in columns for c in FIELDS["text"]):
        raise InputError(
            origin,
            f"no text column (expected one of {', '.join(FIELDS['text'])}; found {', '.join(columns)})",
        )
    try:
        for row in reader:
            where = f"{origin}:{reader.line_num}"
            row.pop(None, None)  # overflow cells of a ragged row
            try:
                yield record_to_article(row, where, options)
            except InputError as exc:
                yield Rejected(exc.origin, exc.reason)
    except csv.Error as exc:
        yield Rejected(f"{origin}:{reader.line_num}", f"malformed CSV ({exc})")


def is_t17_articles(name: str) -> bool:
    """Whether a path is a benchmark topic's ``articles.jsonl.gz`` (DESIGN §5): named so, with the
    topic's ``timelines.jsonl`` or ``keywords.json`` beside it."""
    path = Path(name)
    return path.name in ("articles.jsonl.gz", "articles.jsonl") and any(
        (path.parent / sibling).is_file() for sibling in ("timelines.jsonl", "keywords.json")
    )


def read_t17(data: bytes, origin: str, options: ReadOptions) -> Iterator[Outcome]:
    """Read a benchmark topic's articles; ids are prefixed with the topic (they repeat across topics)."""
    topic = PurePath(origin).parent.name
    for outcome in read_jsonl(data, origin, options, id_prefix=f"{topic}/" if topic else ""):
        if isinstance(outcome, Article):
            outcome.extra.setdefault("topic", topic)
        yield outcome


JSONL = Reader(
    name="jsonl",
    sniff=lambda name, head: (
        head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
        or name.lower().endswith((".jsonl", ".json", ".ndjson"))
    ),
    read=read_jsonl,
    extensions=(".jsonl", ".json", ".ndjson"),
)
CSV = Reader(
    name="csv",
    sniff=lambda name, head: name.lower().endswith((".csv", ".tsv")),
    read=read_csv,
    extensions=(".csv", ".tsv"),
)
T17 = Reader(name="t17", sniff=lambda name, head: is_t17_articles(name), read=read_t17)
