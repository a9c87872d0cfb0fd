"""What every reader shares: the reader registry, per-item outcomes, decoding and date checks.

A reader turns one input (a file's bytes or a fetched resource) into a stream of outcomes: an
:class:`~dateline.models.Article` for each good item, a :class:`Rejected` for each bad one, so
that one bad line never stops the good ones. Readers never touch the store.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from dateline.errors import InputError
from dateline.models import Article, Precision


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input item that could not be read: ``origin`` names it, ``reason`` says why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


Outcome = Article | Rejected


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options every reader accepts.

    ``source`` overrides the outlet name; ``default_date`` dates a text that carries no date;
    ``today`` is the reference for the "not in the future" check (tests pin it);
    ``fetch`` is the function used to fetch linked pages (tests swap it).
    """

    source: str | None = None
    default_date: date | None = None
    today: date | None = None
    fetch: Callable[[str], tuple[bytes, str | None]] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Reader:
    """A registered input format: ``sniff(name, head)`` says whether it claims an input,
    ``read(data, origin, options)`` yields its outcomes."""

    name: str
    sniff: Callable[[str, bytes], bool]
    read: Callable[[bytes, str, ReadOptions], Iterator[Outcome]]
    extensions: tuple[str, ...] = ()


BINARY_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x7fELF")


def decode_text(data: bytes, origin: str) -> str:
    """Decode bytes as text: BOM-marked UTF-8/16/32, else UTF-8, else Windows-1252/Latin-1.

    Raises :class:`InputError` for binary content (known signatures, or NUL bytes in a file
    without a UTF-16/32 BOM).
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(origin, f"invalid {codec} text ({exc.reason})") from exc
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise InputError(origin, "binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def clean_text(text: str) -> str:
    """Normalise line endings and drop control characters (tabs and newlines are kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():  # most news text: deleting bytes is several times faster than the regex
        return text.encode("ascii").translate(None, _CONTROL_BYTES).decode("ascii")
    return _CONTROL.sub("", text)


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_ISO_YEAR = re.compile(r"^\s*(\d{4})\s*$")


def parse_published(value: object, origin: str) -> tuple[date, Precision]:
    """Parse a publication date from the forms news data uses.

    Accepts ``date``/``datetime`` objects, ISO dates and datetimes (``2023-11-07``,
    ``2023-11-07T10:00:00Z``), ``2023-11`` and ``2023`` (month/year precision), Unix
    timestamps, and RFC 2822 / free-form dates via ``dateutil``. Raises :class:`InputError`
    naming the value when it is impossible (``2023-02-30``) or unreadable.
    """
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC).date(), "day"
        except (OverflowError, OSError, ValueError) as exc:
            raise InputError(origin, f"timestamp {value!r} is out of range") from exc
    if not isinstance(value, str) or not value.strip():
        raise InputError(origin, "no publication date")
    text = value.strip()
    try:
        if m := _ISO_DAY.match(text):
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m := _ISO_MONTH.match(text):
            return date(int(m[1]), int(m[2]), 1), "month"
        if m := _ISO_YEAR.match(text):
            return date(int(m[1]), 1, 1), "year"
    except ValueError as exc:
        raise InputError(origin, f"impossible date {text!r} ({exc})") from exc
    if re.fullmatch(r"\d{9,11}(\.\d+)?", text):
        return parse_published(float(text), origin)
    from dateutil import parser as dateparser  # only for the free-form fallback

    try:
        parsed = dateparser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError) as exc:
        raise InputError(origin, f"unreadable date {text!r}") from exc
    return parsed.date(), "day"


def check_not_future(published: date, origin: str, today: date | None) -> None:
    """Reject a publication date more than a day after ``today`` (UTC today by default)."""
    today = today or datetime.now(UTC).date()
    if published > today + timedelta(days=1):
        raise InputError(origin, f"publication date {published.isoformat()} is in the future")


def iter_safely(origin: str, items: Iterator[Outcome]) -> Iterator[Outcome]:
    """Yield from a reader's outcomes, turning an :class:`InputError` into a :class:`Rejected`."""
    try:
        yield from items
    except InputError as exc:
        yield Rejected(exc.origin or origin, exc.reason)
