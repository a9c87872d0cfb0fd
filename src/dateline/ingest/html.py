"""The HTML-page reader: one news page in, one :class:`~dateline.models.Article` out.

Main text, title, publication date, site name and canonical URL come from trafilatura (its
boilerplate removal and htmldate's date search), not from a hand-written extractor. The date is
the page's own (``article:published_time``, JSON-LD, ``<time>``, the URL…), else
``ReadOptions.default_date``, else the page is rejected. A page whose extraction yields no prose
(a section front, a paywall stub, a login page) is rejected with "no article body found".

:func:`fragment_text` turns an HTML *fragment* (a feed entry's content) into plain text with
paragraph breaks; it removes markup only, it does not look for a main text.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from dateline.errors import InputError
from dateline.ingest.base import (
    BINARY_SIGNATURES,
    Outcome,
    Reader,
    ReadOptions,
    check_not_future,
    clean_text,
    decode_text,
    iter_safely,
    parse_published,
)
from dateline.models import Article, article_id_for

__all__ = ["READER", "extract_article", "fragment_text", "read", "sniff"]

log = logging.getLogger(__name__)

_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")

# A prose paragraph has at least this many words; navigation, buttons and link lists do not.
_PROSE_WORDS = 8
_MIN_PROSE_CHARS = 60

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


def sniff(name: str, head: bytes) -> bool:
    """Claim ``.html``/``.htm`` files and inputs that start like an HTML document."""
    if PurePath(name).suffix.lower() in EXTENSIONS:
        return True
    return bool(_HTML_START.match(head[:4096]))


def read(data: bytes, origin: str, options: ReadOptions) -> Iterator[Outcome]:
    """Read one HTML page (``origin`` is its path or URL): yields one Article or one Rejected."""
    yield from iter_safely(origin, _read_one(data, origin, options))


def _read_one(data: bytes, origin: str, options: ReadOptions) -> Iterator[Outcome]:
    yield extract_article(data, origin, options)


def _is_web_url(value: str | None) -> bool:
    return bool(value) and urlsplit(value or "").scheme.lower() in ("http", "https")


def _paragraphs(text: str, title: str | None) -> list[str]:
    """Paragraphs of trafilatura's text (one per line), without a leading copy of the headline."""
    paragraphs = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and paragraphs[0].casefold() == title.strip().casefold():
        paragraphs = paragraphs[1:]
    return paragraphs


_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*", re.I)


def _html_lang(data: bytes | str) -> str | None:
    """The primary language subtag of ``<html lang="…">`` (``en`` for ``en-GB``), if any."""
    head = data[:8192].decode("ascii", "replace") if isinstance(data, bytes) else data[:8192]
    m = _LANG.search(head)
    return m[1].lower() if m else None


def _has_prose(paragraphs: list[str]) -> bool:
    prose = [p for p in paragraphs if len(p.split()) >= _PROSE_WORDS]
    return sum(len(p) for p in prose) >= _MIN_PROSE_CHARS


def extract_article(
    data: bytes | str,
    origin: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    require_date: bool = True,
) -> Article:
    """Extract the article of one HTML page with trafilatura.

    ``origin`` names the page (path or URL); ``url`` is the page's address when ``origin`` is
    not one (a feed entry's link). With ``require_date=False`` a page without any date gets
    ``date.min`` and the caller supplies the real one (a feed entry's date).
    Raises :class:`~dateline.errors.InputError` for a page without body, date or source.
    """
    import trafilatura  # heavy import, only when a page is read

    if isinstance(data, bytes):
        if data.lstrip()[:8].startswith(BINARY_SIGNATURES):
            raise InputError(origin, "binary content, not an HTML page")
        text = decode_text(data, origin)  # raises for binary content
        if data.startswith(_UTF16_32_BOMS):
            data = text  # trafilatura's own charset detection handles 8-bit encodings, not these
    page_url = url or (origin if _is_web_url(origin) else None)
    try:
        doc = trafilatura.bare_extraction(
            data,
            url=page_url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    except (ValueError, TypeError) as exc:  # lxml raises these for documents it cannot parse
        raise InputError(origin, f"unreadable HTML ({exc})") from exc
    if doc is None or isinstance(doc, dict):
        raise InputError(origin, "no article body found")
    meta: dict[str, Any] = {k: getattr(doc, k, None) for k in ("title", "url", "sitename", "hostname")}
    title = (meta["title"] or "").strip() or None
    paragraphs = _paragraphs(doc.text or "", title)
    if not _has_prose(paragraphs):
        raise InputError(origin, "no article body found")
    text = clean_text("\n\n".join(paragraphs))

    canonical = meta["url"] if _is_web_url(meta["url"]) else page_url
    host = urlsplit(canonical).hostname if canonical else None
    if host and host.startswith("www."):
        host = host[4:]
    source = options.source or (meta["sitename"] or "").strip() or meta["hostname"] or host
    if not source:
        raise InputError(origin, "no site name in the page; pass --source")

    if doc.date:
        published, precision = parse_published(doc.date, origin)
    elif options.default_date is not None:
        published, precision = options.default_date, "day"
    elif not require_date:
        published, precision = date.min, "day"
    else:
        raise InputError(origin, "no publication date in the page; pass --date")
    if published != date.min:
        check_not_future(published, origin, options.today)

    extra: dict[str, Any] = {}
    for key in ("author", "description", "sitename"):
        value = getattr(doc, key, None)
        if value:
            extra[key] = value
    article_id = canonical or article_id_for(source, published, text)
    log.debug("extracted %d characters from %s", len(text), origin)
    return Article(
        id=article_id,
        source=source,
        published=published,
        published_precision=precision,
        title=title,
        text=text,
        url=canonical,
        language=getattr(doc, "language", None) or _html_lang(data),
        origin=origin,
        extra=extra,
    )


_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "blockquote",
    "pre",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "figure",
    "figcaption",
    "header",
    "footer",
    "hr",
)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one blank line between block elements (``<p>``, ``<li>``…).

    Plain text (no markup) comes back with its whitespace normalised. Scripts, styles and
    comments are dropped.
    """
    import lxml.etree
    import lxml.html

    fragment = clean_text(fragment)  # lxml refuses control characters
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return clean_text(re.sub(r"[ \t]+", " ", fragment)).strip()
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    lxml.etree.strip_elements(root, lxml.etree.Comment, with_tail=False)
    marker = "\ue000"  # a private-use character: XML-safe and absent from real text
    for el in root.iter(*_BLOCKS):
        el.text = marker + (el.text or "")
        el.tail = marker + (el.tail or "")
    for br in root.iter("br"):
        # Feeds separate paragraphs with <br><br> as often as with <p>.
        br.tail = marker + (br.tail or "")
    raw = root.text_content().replace("\ue000\ue000", marker)
    paragraphs = [re.sub(r"\s+", " ", part).strip() for part in raw.split(marker)]
    return clean_text("\n\n".join(p for p in paragraphs if p))


READER = Reader(name="html", sniff=sniff, read=read, extensions=EXTENSIONS)
