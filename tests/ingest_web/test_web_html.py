"""The HTML-page reader: trafilatura extraction of text, title, date, site name and URL."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dateline.ingest.base import ReadOptions, Rejected
from dateline.ingest.feed import read_url
from dateline.ingest.fetch import Fetcher
from dateline.ingest.html import READER, extract_article, fragment_text, read, sniff
from dateline.models import Article

DATA = Path(__file__).resolve().parent / "data"
ARTICLE = (DATA / "article.html").read_bytes()
CANONICAL = "https://www.harbourherald.example/world/2023/11/07/ceasefire-talks-cairo"

UNDATED = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Lighthouse keeper retires after 40 years</title></head>
<body><nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Lighthouse keeper retires after 40 years</h1>
<p>The last keeper of the north pier lighthouse handed over the keys on a grey morning, ending a
family tradition that began when his grandfather took the post before the war.</p>
<p>The light has been automatic for a decade, but the keeper stayed on to look after the building
and to show school groups the lamp room, which will now be run by volunteers.</p>
</article></body></html>"""


def one(outcomes: Any) -> Article | Rejected:
    items = list(outcomes)
    assert len(items) == 1
    return items[0]


def test_a_news_page_yields_text_title_date_site_and_canonical_url() -> None:
    article = one(read(ARTICLE, "pages/ceasefire.html", ReadOptions(today=date(2023, 11, 10))))
    assert isinstance(article, Article)
    assert article.title == "Ceasefire talks resume in Cairo as aid convoys wait at Rafah"
    assert article.source == "Harbour Herald"
    assert article.published == date(2023, 11, 7)
    assert article.published_precision == "day"
    assert article.url == CANONICAL
    assert article.id == CANONICAL
    assert article.origin == "pages/ceasefire.html"
    assert article.language == "en"
    assert article.extra["author"] == "Mara Lindqvist"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Negotiators from Egypt, Qatar and the United States returned to Cairo")
    assert paragraphs[-1].endswith("several points remained disputed.")
    # Boilerplate stays out: navigation, cookie banner, "most read" box, footer, headline copy.
    for junk in ("Politics", "cookies", "Most read", "Markets slip", "All rights reserved", "Rafah\n"):
        assert junk not in article.text
    assert "\n\n\n" not in article.text


def test_source_option_overrides_the_site_name() -> None:
    article = one(read(ARTICLE, "a.html", ReadOptions(source="Herald Wire", today=date(2023, 11, 10))))
    assert isinstance(article, Article)
    assert article.source == "Herald Wire"


def test_a_page_with_no_article_body_is_rejected() -> None:
    outcome = one(read((DATA / "no_body.html").read_bytes(), "pages/world.html", ReadOptions()))
    assert outcome == Rejected("pages/world.html", "no article body found")


def test_a_page_without_a_date_needs_one() -> None:
    outcome = one(read(UNDATED, "pages/lighthouse.html", ReadOptions(source="Pier Post")))
    assert outcome == Rejected("pages/lighthouse.html", "no publication date in the page; pass --date")
    options = ReadOptions(source="Pier Post", default_date=date(2023, 5, 2))
    dated = one(read(UNDATED, "pages/lighthouse.html", options))
    assert isinstance(dated, Article)
    assert dated.published == date(2023, 5, 2)
    assert dated.text.startswith("The last keeper of the north pier lighthouse")


def test_a_local_page_without_site_name_or_url_needs_a_source() -> None:
    outcome = one(read(UNDATED, "pages/lighthouse.html", ReadOptions(default_date=date(2023, 5, 2))))
    assert outcome == Rejected("pages/lighthouse.html", "no site name in the page; pass --source")


def test_the_url_host_names_the_source_when_the_page_does_not() -> None:
    article = extract_article(
        UNDATED, "https://www.pierpost.example/2023/lighthouse", ReadOptions(default_date=date(2023, 5, 2))
    )
    assert article.source == "pierpost.example"
    assert article.url == "https://www.pierpost.example/2023/lighthouse"


def test_a_future_date_is_rejected() -> None:
    outcome = one(read(ARTICLE, "a.html", ReadOptions(today=date(2023, 1, 1))))
    assert outcome == Rejected("a.html", "publication date 2023-11-07 is in the future")


def test_binary_content_is_rejected() -> None:
    outcome = one(read(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "report.html", ReadOptions()))
    assert outcome == Rejected("report.html", "binary content, not an HTML page")


def test_nul_bytes_are_binary() -> None:
    outcome = one(read(b"\x00\x01\x02\x03" * 64, "blob.html", ReadOptions()))
    assert outcome == Rejected("blob.html", "binary content, not text")


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_pages_in_other_encodings(encoding: str) -> None:
    page = ARTICLE.decode("utf-8").replace('charset="utf-8"', f'charset="{encoding}"')
    page = page.replace("Mara Lindqvist", "Mara Lindqvíst")
    article = one(read(page.encode(encoding), "a.html", ReadOptions(today=date(2023, 11, 10))))
    assert isinstance(article, Article)
    assert article.extra["author"] == "Mara Lindqvíst"
    assert article.text.startswith("Negotiators from Egypt")
    assert article.title == "Ceasefire talks resume in Cairo as aid convoys wait at Rafah"


def test_a_fetched_page_through_read_url(web: Any) -> None:
    fetcher = Fetcher(timeout=5, allow_private=False, allow_hosts=frozenset({"127.0.0.1"}))
    url = f"{web.base}/world/ceasefire-talks.html"
    article = one(read_url(url, ReadOptions(today=date(2023, 11, 10)), fetcher=fetcher))
    assert isinstance(article, Article)
    assert article.origin == url
    assert article.url == CANONICAL
    no_body = one(read_url(f"{web.base}/world/index.html", ReadOptions(), fetcher=fetcher))
    assert no_body == Rejected(f"{web.base}/world/index.html", "no article body found")


@pytest.mark.parametrize(
    ("name", "head", "claimed"),
    [
        ("page.html", b"", True),
        ("page.HTM", b"", True),
        ("download", b"\n<!DOCTYPE html>\n<html lang=en>", True),
        ("download", b"<?xml version='1.0'?><!-- x --><html xmlns='http://www.w3.org/1999/xhtml'>", True),
        ("feed.xml", b"<?xml version='1.0'?><rss version='2.0'><channel>", False),
        ("notes.txt", b" date 2023-11-07 Israeli Prime Minister", False),
        ("doc.tml", b"<?xml version='1.0'?><TimeML>", False),
    ],
)
def test_sniff(name: str, head: bytes, claimed: bool) -> None:
    assert sniff(name, head) is claimed
    assert READER.sniff(name, head) is claimed


def test_fragment_text_keeps_paragraphs_and_drops_markup() -> None:
    fragment = (
        "<p>Officials <b>said</b> on Tuesday.</p><p>First line<br><br>second line</p>"
        "<ul><li>one</li><li>two</li></ul><script>track()</script><!-- ad -->tail &amp; end"
    )
    assert fragment_text(fragment) == (
        "Officials said on Tuesday.\n\nFirst line\n\nsecond line\n\none\n\ntwo\n\ntail & end"
    )
    assert fragment_text("  plain   text ") == "plain text"
    assert fragment_text("") == ""
