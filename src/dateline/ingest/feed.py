"""The RSS/Atom feed reader: each feed entry becomes an :class:`~dateline.models.Article`.

feedparser reads RSS 0.9x/1.0/2.0 and Atom from bytes; it is never handed a URL or a path, so
all network access goes through :class:`~dateline.ingest.fetch.Fetcher` (:func:`read_url` for a
feed URL). An entry's text is its full ``content`` when it has one; an entry that carries only a
summary (short, or visibly truncated) has its linked page fetched and extracted with the HTML
reader, falling back to the summary with a logged warning when that fails.

Malformed XML that feedparser still reads (``bozo``) keeps its entries; a feed with no entries
is rejected. A feed whose DOCTYPE entities would expand past 1 MB (billion laughs, or one big
entity referenced many times) is refused before parsing: feedparser's fallback parser would
expand them without limit once expat's own amplification limit has stopped it.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import PurePath
from typing import Any
from urllib.parse import SplitResult, urlsplit

from dateline.errors import InputError
from dateline.ingest import html as html_reader
from dateline.ingest.base import (
    Outcome,
    Reader,
    ReadOptions,
    Rejected,
    check_not_future,
    clean_text,
    parse_published,
)
from dateline.ingest.fetch import Fetcher
from dateline.models import Article, Precision, article_id_for

__all__ = ["READER", "read", "read_url", "sniff"]

log = logging.getLogger(__name__)

EXTENSIONS = (".rss", ".atom")

# A summary shorter than this, or ending in an ellipsis / "read more", is a teaser, not the text.
SHORT_SUMMARY_CHARS = 600
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[(?:\.\.\.|…)\]|\bread more\b|\bcontinue reading\b)\W*$", re.I)

# The root element, after an optional BOM, XML declaration, stylesheet PIs, comments and DOCTYPE.
_FEED_HEAD = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!doctype[^>\[]*(?:\[.*?\])?\s*>\s*)*"
    rb"<(?:rss[\s>]|rdf:rdf[\s>][^>]*purl\.org/rss|feed[\s>][^>]*http://www\.w3\.org/2005/atom)",
    re.I | re.S,
)

# Entities declared in a DOCTYPE may add at most this much text when expanded.
MAX_ENTITY_EXPANSION = 1024 * 1024
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+([\w.:-]+)\s+(?:\"([^\"]*)\"|'([^']*)')", re.S)
_ENTITY_REF = re.compile(rb"&([\w.:-]+);")

FetchFunction = Callable[[str], tuple[bytes, str | None]]
# A fetched linked page: its body and content type, or why it could not be fetched.
Page = tuple[bytes, str | None] | InputError

# Linked pages are fetched this many at a time, and at most this many per feed.
PAGE_WORKERS = 4
MAX_LINKED_PAGES = 200


def sniff(name: str, head: bytes) -> bool:
    """Claim ``.rss``/``.atom`` files and XML whose root is ``<rss>``, RSS 1.0 or an Atom ``<feed>``."""
    if PurePath(name).suffix.lower() in EXTENSIONS:
        return True
    return bool(_FEED_HEAD.match(head[:4096]))


def read(data: bytes, origin: str, options: ReadOptions) -> Iterator[Outcome]:
    """Read a feed document (``origin`` is its path or URL): one outcome per entry.

    Linked pages of summary-only entries are fetched with ``options.fetch``, else with a
    default :class:`Fetcher`.
    """
    yield from _read_feed(data, origin, options, content_type=None, fetch=options.fetch)


def read_url(url: str, options: ReadOptions, *, fetcher: Fetcher | None = None) -> Iterator[Outcome]:
    """Fetch a feed (or a single HTML page) at ``url`` through ``fetcher`` and read it.

    ``fetcher`` defaults to ``Fetcher()`` (the CLI's policy); a server passes one built with
    ``allow_private=False``. Linked pages are fetched with ``options.fetch`` when set, else with
    the same ``fetcher``. A fetch failure yields one :class:`Rejected` naming the URL. A URL
    that answers with an HTML page rather than a feed is read as one article.
    """
    fetcher = fetcher or Fetcher()
    try:
        body, content_type = fetcher.fetch(url)
    except InputError as exc:
        yield Rejected(url, exc.reason)
        return
    fetch = options.fetch or fetcher.fetch
    if not _looks_like_feed(body, content_type) and html_reader.sniff("", body[:4096]):
        yield from html_reader.read(body, url, options)
        return
    yield from _read_feed(body, url, options, content_type=content_type, fetch=fetch)


def _looks_like_feed(body: bytes, content_type: str | None) -> bool:
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if ctype.endswith(("rss+xml", "atom+xml", "rdf+xml")):
        return True
    return bool(_FEED_HEAD.match(body[:4096]))


def _read_feed(
    data: bytes,
    origin: str,
    options: ReadOptions,
    *,
    content_type: str | None,
    fetch: FetchFunction | None,
) -> Iterator[Outcome]:
    import feedparser  # imported on use: the CLI starts faster without it

    headers: dict[str, str] = {}
    if content_type:
        headers["content-type"] = content_type
    if urlsplit(origin).scheme in ("http", "https"):
        headers["content-location"] = origin  # base for relative links in the feed
    expansion = _entity_expansion(data)
    if expansion > MAX_ENTITY_EXPANSION:
        yield Rejected(
            origin, f"refused: its entities would expand to {expansion // (1024 * 1024)} MB of text"
        )
        return
    # A file-like object: given bytes or str, feedparser may treat them as a path or URL.
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    except ValueError as exc:  # bad code points, unknown encodings, NUL characters
        yield Rejected(origin, f"not a readable feed ({exc})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield Rejected(origin, f"not a readable feed ({_short(problem)})")
        else:
            yield Rejected(origin, "feed has no entries")
        return
    if parsed.get("bozo"):
        log.warning("%s: malformed feed, read anyway (%s)", origin, _short(parsed.get("bozo_exception")))
    feed = parsed.get("feed") or {}
    links = list(
        dict.fromkeys(link for entry in entries if _needs_page(entry) and (link := _web_link(entry)))
    )
    if len(links) > MAX_LINKED_PAGES:
        log.warning(
            "%s: %d entries link to their text; fetching the first %d, the rest keep their summaries",
            origin,
            len(links),
            MAX_LINKED_PAGES,
        )
        links = links[:MAX_LINKED_PAGES]
    pages = _fetch_pages(links, fetch or Fetcher()) if links else {}
    for index, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{entry.get('id') or entry.get('link') or index}"
        try:
            yield _entry_article(entry, feed, origin, entry_origin, options, pages)
        except InputError as exc:
            yield Rejected(entry_origin, exc.reason)


def _entity_expansion(data: bytes) -> int:
    """How many characters the entities declared in the DOCTYPE would add when expanded.

    feedparser keeps "safe" entities (plain-text values) and, when expat stops at its
    amplification limit, its fallback parser expands them without any limit: 300 KB of
    ``&big;`` references to a 1 KB entity become 100 MB of text.
    """
    start = re.search(rb"<[A-Za-z_]", data)
    head = data[: start.start()] if start else data
    values = {m[1]: m[2] if m[2] is not None else m[3] for m in _ENTITY_DECL.finditer(head)}
    if not values:
        return 0
    sizes: dict[bytes, int] = {}

    def size(name: bytes, depth: int = 0) -> int:
        # Nested references multiply (billion laughs); the cap keeps the sum from growing huge.
        if name not in values or depth > 20:
            return 0
        if name not in sizes:
            value = values[name]
            refs = _ENTITY_REF.findall(value)
            own = len(_ENTITY_REF.sub(b"", value))
            sizes[name] = min(own + sum(size(ref, depth + 1) for ref in refs), 1 << 40)
        return sizes[name]

    body = data[len(head) :]
    return sum(size(name) * body.count(b"&" + name + b";") for name in values)


def _fetch_pages(links: list[str], fetch: FetchFunction) -> dict[str, Page]:
    """Fetch linked pages a few at a time: one slow site should not serialise a whole feed."""

    def one(link: str) -> Page:
        try:
            return fetch(link)
        except InputError as exc:
            return exc

    with ThreadPoolExecutor(
        max_workers=min(PAGE_WORKERS, len(links)), thread_name_prefix="feed-page"
    ) as pool:
        return dict(zip(links, pool.map(one, links), strict=True))


def _short(problem: object) -> str:
    """The first line of a parser's complaint, for a one-line rejection reason."""
    lines = str(problem or "").strip().splitlines()
    return lines[0][:200] if lines else type(problem).__name__ if problem else "unknown error"


def _struct_date(value: Any) -> date | None:
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    return None


def _entry_date(
    entry: Mapping[str, Any], feed: Mapping[str, Any], origin: str, options: ReadOptions
) -> tuple[date, Precision]:
    """The entry's published/updated date, else the feed's, else ``default_date``.

    The date as written wins over feedparser's parsed form, which is converted to UTC: a report
    published at 00:30 in Cairo belongs to that day in Cairo, not to the day before.
    """
    for holder in (entry, feed):
        for key in ("published", "updated", "created"):
            raw = holder.get(key)
            parsed = _struct_date(holder.get(f"{key}_parsed"))
            if isinstance(raw, str) and raw.strip():
                try:
                    return parse_published(raw, origin)
                except InputError as exc:
                    # feedparser rolls an impossible day over (2023-02-30 → 2023-03-02): refuse it.
                    if parsed is None or exc.reason.startswith("impossible date"):
                        raise
            if parsed is not None:
                return parsed, "day"
    if options.default_date is not None:
        return options.default_date, "day"
    raise InputError(origin, "no publication date in the entry or the feed; pass --date")


def _detail_text(value: str, detail: Mapping[str, Any] | None) -> str:
    kind = str((detail or {}).get("type") or "text/html").lower()
    if "html" in kind:
        return html_reader.fragment_text(value)
    return clean_text(re.sub(r"[ \t]+", " ", value)).strip()


def _content_text(entry: Mapping[str, Any]) -> str:
    """Text of the entry's fullest ``content`` element (HTML preferred to plain text)."""
    best = ""
    for item in entry.get("content") or []:
        text = _detail_text(str(item.get("value") or ""), item)
        if len(text) > len(best):
            best = text
    return best


def _summary_text(entry: Mapping[str, Any]) -> str:
    return _detail_text(str(entry.get("summary") or ""), entry.get("summary_detail"))


def _split(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or None when urlsplit refuses it (e.g. ``http://[oops``: ValueError)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _web_link(entry: Mapping[str, Any]) -> str | None:
    """The entry's http(s) link; feedparser copies a non-URL ``<guid>`` into ``link`` too."""
    link = str(entry.get("link") or "").strip()
    parts = _split(link)
    return link if parts and parts.scheme.lower() in ("http", "https") else None


def _needs_page(entry: Mapping[str, Any]) -> bool:
    """True when the entry carries only a teaser and links to the page with the full text."""
    # A content element is the full text even when short; only its presence matters here.
    if any(str(item.get("value") or "").strip() for item in entry.get("content") or []):
        return False
    if not _web_link(entry):
        return False
    summary = _summary_text(entry)
    return len(summary) < SHORT_SUMMARY_CHARS or bool(_TRUNCATED.search(summary))


def _entry_article(
    entry: Mapping[str, Any],
    feed: Mapping[str, Any],
    feed_origin: str,
    origin: str,
    options: ReadOptions,
    pages: Mapping[str, Page],
) -> Article:
    link = _web_link(entry)
    title = _detail_text(str(entry.get("title") or ""), entry.get("title_detail")) or None
    feed_title = _detail_text(str(feed.get("title") or ""), feed.get("title_detail"))
    parts = _split(str(feed.get("link") or link or feed_origin))
    host = parts.hostname if parts else None
    source = options.source or feed_title or (host or "")
    if not source:
        raise InputError(origin, "no feed title to name the source; pass --source")
    published, precision = _entry_date(entry, feed, origin, options)
    check_not_future(published, origin, options.today)

    text = _content_text(entry)
    extra: dict[str, Any] = {}
    if not text and link and link in pages:
        text = _page_text(link, origin, options, pages[link])
        if text:
            extra["text_from"] = "linked page"
    if not text:
        text = _summary_text(entry)
        if text:
            extra["text_from"] = "summary"
    if not text:
        raise InputError(origin, "entry has no content, summary or readable linked page")
    if entry.get("author"):
        extra["author"] = str(entry["author"])
    entry_id = str(entry.get("id") or "") or link or article_id_for(source, published, text)
    return Article(
        id=entry_id,
        source=source,
        published=published,
        published_precision=precision,
        title=title,
        text=text,
        url=link,
        language=_language(entry, feed),
        origin=feed_origin,
        extra=extra,
    )


def _language(entry: Mapping[str, Any], feed: Mapping[str, Any]) -> str | None:
    for holder in (entry, feed):
        value = holder.get("language")
        if isinstance(value, str) and value.strip():
            return value.strip().split("-")[0].split("_")[0].lower()
    return None


def _page_text(link: str, origin: str, options: ReadOptions, fetched: Page) -> str:
    """The main text of an entry's linked page, or "" (with a warning) when it cannot be had."""
    if isinstance(fetched, InputError):
        log.warning("%s: linked page %s not fetched, keeping the summary (%s)", origin, link, fetched.reason)
        return ""
    body, _content_type = fetched
    # The entry gives source and date; the page is only asked for its text.
    page_options = ReadOptions(source=options.source or "feed", today=options.today)
    try:
        page = html_reader.extract_article(body, link, page_options, require_date=False)
    except InputError as exc:
        log.warning("%s: linked page %s not used, keeping the summary (%s)", origin, link, exc.reason)
        return ""
    return page.text


READER = Reader(name="feed", sniff=sniff, read=read, extensions=EXTENSIONS)
