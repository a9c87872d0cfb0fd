"""The RSS/Atom reader: entries to articles, linked pages for summaries, bad feeds and URLs."""

from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dateline.ingest.base import ReadOptions, Rejected
from dateline.ingest.feed import READER, SHORT_SUMMARY_CHARS, read, read_url, sniff
from dateline.ingest.fetch import Fetcher
from dateline.models import Article

DATA = Path(__file__).resolve().parent / "data"
WORLD_RSS = (DATA / "world.rss").read_bytes()
TODAY = date(2023, 11, 10)


def no_fetch(url: str) -> tuple[bytes, str | None]:
    raise AssertionError(f"the reader fetched {url} although the entry had its full text")


def local_fetcher(**kwargs: Any) -> Fetcher:
    settings: dict[str, Any] = {
        "timeout": 2.0,
        "allow_private": False,
        "allow_hosts": frozenset({"127.0.0.1"}),
    }
    return Fetcher(**{**settings, **kwargs})


def test_rss_entries_with_full_content_become_articles() -> None:
    outcomes = list(read(WORLD_RSS, "feeds/world.rss", ReadOptions(today=TODAY, fetch=no_fetch)))
    assert len(outcomes) == 3
    first, second, future = outcomes
    assert isinstance(first, Article)
    assert first.id == "hh-2023-11-07-0042"
    assert first.source == "Harbour Herald – World"
    assert first.url == "https://www.harbourherald.example/world/2023/11/07/ceasefire-talks-cairo"
    assert first.title == "Ceasefire talks resume in Cairo as aid convoys wait at Rafah"
    assert first.published == date(2023, 11, 7)
    assert first.origin == "feeds/world.rss"
    assert first.language == "en"
    assert first.extra["author"] == "Mara Lindqvist"
    # The full content:encoded text, as paragraphs, not the one-line description; no script.
    paragraphs = first.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Negotiators from Egypt, Qatar and the United States")
    assert (
        paragraphs[2] == '"We are closer than we were a week ago," a senior Egyptian official told reporters.'
    )
    assert "trackRead" not in first.text
    # An entry without a date takes the channel's date.
    assert isinstance(second, Article)
    assert second.id == "https://www.harbourherald.example/world/2023/11/08/un-fuel-warning"
    assert second.published == date(2023, 11, 8)
    assert future == Rejected("feeds/world.rss#hh-future", "publication date 2031-01-01 is in the future")


def test_source_option_overrides_the_feed_title() -> None:
    outcomes = list(read(WORLD_RSS, "world.rss", ReadOptions(source="HH", today=TODAY, fetch=no_fetch)))
    assert {o.source for o in outcomes if isinstance(o, Article)} == {"HH"}


def test_atom_summaries_fetch_the_linked_pages(web: Any, caplog: pytest.LogCaptureFixture) -> None:
    url = f"{web.base}/feeds/briefing.atom"
    with caplog.at_level(logging.WARNING, logger="dateline.ingest.feed"):
        outcomes = list(read_url(url, ReadOptions(today=TODAY), fetcher=local_fetcher()))
    assert [type(o) for o in outcomes] == [Article, Article, Article]
    strike, barrier, ferry = (o for o in outcomes if isinstance(o, Article))
    assert strike.id == "urn:hh:story:1"
    assert strike.source == "Harbour Herald Morning Briefing"
    assert strike.url == f"{web.base}/story/1.html"
    assert strike.published == date(2023, 11, 6)
    assert strike.origin == url
    assert strike.extra["text_from"] == "linked page"
    assert strike.text.startswith("Dock workers at the city's container terminal voted on Monday")
    assert len(strike.text.split("\n\n")) == 3
    assert "Home" not in strike.text and "©" not in strike.text
    # The linked page has no date: the entry's updated date stands.
    assert barrier.published == date(2023, 11, 5)
    assert barrier.text.startswith("The city council approved a plan for a movable flood barrier")
    # A linked page that answers 404 leaves the summary, with a warning that names the failure;
    # the entry has no date of its own, so the feed's updated date is used.
    assert (
        ferry.text == "Ferries to the islands will run every two hours from next Monday, the operator said."
    )
    assert ferry.extra["text_from"] == "summary"
    assert ferry.published == date(2023, 11, 7)
    assert any(
        "story/missing.html" in r.getMessage() and "HTTP 404" in r.getMessage() for r in caplog.records
    )
    fetched = [path for path, _ in web.requests if path.startswith("/story/")]
    assert {"/story/1.html", "/story/2.html", "/story/missing.html"} <= set(fetched)


def test_linked_pages_use_the_fetch_option_when_given(web: Any) -> None:
    seen: list[str] = []

    def fetch(link: str) -> tuple[bytes, str | None]:
        seen.append(link)
        return (DATA / "story2.html").read_bytes(), "text/html"

    url = f"{web.base}/feeds/briefing.atom"
    outcomes = list(read_url(url, ReadOptions(today=TODAY, fetch=fetch), fetcher=local_fetcher()))
    assert len(seen) == 3
    assert all(isinstance(o, Article) and "flood barrier" in o.text for o in outcomes)


def test_a_summary_only_entry_without_a_fetcher_result_keeps_the_summary() -> None:
    atom = (DATA / "briefing.atom").read_text().replace("{base}", "https://hh.example")

    def failing(link: str) -> tuple[bytes, str | None]:
        from dateline.errors import FetchError

        raise FetchError(link, "timed out after 20 s")

    outcomes = list(read(atom.encode(), "briefing.atom", ReadOptions(today=TODAY, fetch=failing)))
    texts = [o.text for o in outcomes if isinstance(o, Article)]
    assert texts[0] == "Dock workers voted to accept a revised pay offer, ending a nine-day strike…"
    assert texts[1] == "The council approved a movable flood barrier. Read more"


def test_a_linked_page_without_a_body_keeps_the_summary(caplog: pytest.LogCaptureFixture) -> None:
    atom = (DATA / "briefing.atom").read_text().replace("{base}", "https://hh.example")
    no_body = (DATA / "no_body.html").read_bytes()
    with caplog.at_level(logging.WARNING, logger="dateline.ingest.feed"):
        outcomes = list(
            read(atom.encode(), "b.atom", ReadOptions(today=TODAY, fetch=lambda u: (no_body, None)))
        )
    assert [o.extra["text_from"] for o in outcomes if isinstance(o, Article)] == ["summary"] * 3
    assert any("no article body found" in r.getMessage() for r in caplog.records)


def test_a_feed_url_that_answers_404(web: Any) -> None:
    url = f"{web.base}/feeds/gone.rss"
    assert list(read_url(url, ReadOptions(), fetcher=local_fetcher())) == [
        Rejected(url, "HTTP 404 Not Found")
    ]


def test_a_feed_url_that_times_out(web: Any) -> None:
    url = f"{web.base}/slow"
    started = time.monotonic()
    outcomes = list(read_url(url, ReadOptions(), fetcher=local_fetcher(timeout=0.5)))
    assert outcomes == [Rejected(url, "timed out after 0.5 s")]
    assert time.monotonic() - started < 2


def test_a_feed_url_that_sends_50_mb(web: Any) -> None:
    url = f"{web.base}/huge"
    started = time.monotonic()
    outcomes = list(read_url(url, ReadOptions(), fetcher=local_fetcher(max_bytes=1024 * 1024)))
    assert outcomes == [Rejected(url, "body larger than 1 MB")]
    assert time.monotonic() - started < 3


def test_a_feed_url_on_a_private_address_is_refused_by_the_server_policy(web: Any) -> None:
    url = f"{web.base}/feeds/world.rss"
    outcomes = list(read_url(url, ReadOptions(), fetcher=Fetcher(allow_private=False)))
    assert outcomes == [Rejected(url, "refused: loopback address 127.0.0.1")]


def test_a_gzipped_feed_url(web: Any) -> None:
    outcomes = list(read_url(f"{web.base}/gzipped-feed", ReadOptions(today=TODAY), fetcher=local_fetcher()))
    assert [type(o).__name__ for o in outcomes] == ["Article", "Article", "Rejected"]


def test_a_feed_with_no_entries_is_rejected(web: Any) -> None:
    url = f"{web.base}/feeds/empty.rss"
    assert list(read_url(url, ReadOptions(), fetcher=local_fetcher())) == [
        Rejected(url, "feed has no entries")
    ]


def test_feedparser_never_fetches_or_opens_by_itself(web: Any, tmp_path: Path) -> None:
    # Given a URL or a path as its *content*, feedparser alone would fetch or open it.
    target = f"{web.base}/feeds/world.rss?sneaky=1"
    local = tmp_path / "world.rss"
    local.write_bytes(WORLD_RSS)
    for data in (target.encode(), str(local).encode()):
        outcomes = list(read(data, "input.rss", ReadOptions(today=TODAY, fetch=no_fetch)))
        assert len(outcomes) == 1 and isinstance(outcomes[0], Rejected)
    assert not any("sneaky" in path for path, _ in web.requests)


def test_not_a_feed_is_rejected() -> None:
    outcomes = list(read(b"<?xml version='1.0'?><rss><channel><title>x</ch", "broken.rss", ReadOptions()))
    assert len(outcomes) == 1
    assert isinstance(outcomes[0], Rejected)
    assert outcomes[0].origin == "broken.rss"
    assert outcomes[0].reason in {"feed has no entries"} or outcomes[0].reason.startswith(
        "not a readable feed"
    )


def test_malformed_xml_with_entries_is_read(caplog: pytest.LogCaptureFixture) -> None:
    # An unescaped "&" and an unclosed channel: feedparser flags bozo but still finds the item.
    broken = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Quay & Dock News</title>
<item><title>Tug & barge collide</title><link>https://quay.example/tug</link>
<pubDate>Mon, 06 Nov 2023 08:00:00 GMT</pubDate>
<description>A tug and a barge collided near the lock gates early on Monday. Nobody was hurt,
the harbour master said, and the channel reopened after two hours while divers checked the hull
of the barge for damage. An inquiry will look at the radio log and the pilot's instructions, and
the lock keeper said traffic would be held in both directions whenever visibility falls below half
a mile until the inquiry reports, which is expected before the end of the month. Owners of the tug
said they were cooperating fully with the inquiry and would publish its findings in full. The barge
was carrying gravel for the new sea wall; none of the cargo was lost, and work on the wall continued.</description>
</item>"""
    with caplog.at_level(logging.WARNING, logger="dateline.ingest.feed"):
        outcomes = list(read(broken, "quay.rss", ReadOptions(today=TODAY, fetch=no_fetch)))
    assert len(outcomes) == 1
    article = outcomes[0]
    assert isinstance(article, Article)
    assert article.title == "Tug & barge collide"
    assert article.source == "Quay & Dock News"
    assert article.text.startswith("A tug and a barge collided near the lock gates")
    assert any("malformed feed" in r.getMessage() for r in caplog.records)


def test_an_entry_without_any_date_is_rejected_unless_a_default_is_given() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Quay News</title>
<item><guid>q-1</guid><title>Lock gates repaired</title>
<description>The lock gates were repaired over the weekend and reopened to traffic on Sunday evening,
ahead of schedule, the canal trust said in a statement that thanked the engineering crews.</description>
</item></channel></rss>"""
    assert list(read(rss, "q.rss", ReadOptions(fetch=no_fetch))) == [
        Rejected("q.rss#q-1", "no publication date in the entry or the feed; pass --date")
    ]
    dated = list(read(rss, "q.rss", ReadOptions(default_date=date(2023, 11, 5), fetch=no_fetch)))
    assert isinstance(dated[0], Article)
    assert dated[0].published == date(2023, 11, 5)


RSS_1_0 = b"""<?xml version="1.0" encoding="iso-8859-1"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://quay.example/rss">
    <title>Quay News</title><link>https://quay.example/</link><description>Harbour news</description>
    <items><rdf:Seq><rdf:li resource="https://quay.example/crane"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://quay.example/crane">
    <title>New crane arrives at the container terminal</title>
    <link>https://quay.example/crane</link>
    <dc:date>2023-10-30T11:00:00+01:00</dc:date>
    <description>The largest crane ever used at the port arrived by sea from Rotterdam on Monday and
    will be assembled over the next six weeks, the terminal operator said, adding that it would
    handle the biggest container ships now calling at the harbour. Local residents gathered on the
    pier to watch the barge carrying it pass under the bridge at high tide, and the harbour master
    closed the channel for an hour. The operator said the crane cost 11 million euros and would
    double the number of containers the terminal can move in a day, once training is complete,
    and that a second crane of the same type would arrive next spring. Caf\xe9 owners on the quay
    said the crowds were the largest since the tall ships festival.</description>
  </item>
</rdf:RDF>"""

RSS_0_91 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Quay Wire</title><link>https://quay.example/</link>
<description>Wire</description><language>en-us</language>
<lastBuildDate>Mon, 30 Oct 2023 12:00:00 GMT</lastBuildDate>
<item><title>Tide tables published</title><link>https://quay.example/tides</link>
<description>The harbour office published the tide tables for next year, with two new
gauges on the outer breakwater. The tables are free to download from the harbour office,
and printed copies will be available at the ferry terminal from next week, the office said. Sailing
clubs said the new gauges would make the figures for the outer channel far more reliable in winter,
when strong westerly winds often push the tide higher than forecast and small boats have struggled
to leave the marina. The office thanked volunteers who read the old gauges by hand for forty years,
and said their records would be kept in the town archive for anyone who wants to study them.</description>
</item></channel></rss>"""


@pytest.mark.parametrize(
    ("data", "source", "published", "title"),
    [
        (RSS_1_0, "Quay News", date(2023, 10, 30), "New crane arrives at the container terminal"),
        (RSS_0_91, "Quay Wire", date(2023, 10, 30), "Tide tables published"),
    ],
)
def test_rss_1_0_and_0_91(data: bytes, source: str, published: date, title: str) -> None:
    outcomes = list(read(data, "quay.xml", ReadOptions(today=TODAY, fetch=no_fetch)))
    assert len(outcomes) == 1
    article = outcomes[0]
    assert isinstance(article, Article)
    assert (article.source, article.published, article.title) == (source, published, title)
    assert article.extra["text_from"] == "summary"
    assert len(article.text) > SHORT_SUMMARY_CHARS


def test_rss_1_0_keeps_its_declared_encoding() -> None:
    article = next(iter(read(RSS_1_0, "quay.rdf", ReadOptions(today=TODAY, fetch=no_fetch))))
    assert isinstance(article, Article)
    assert "Café owners on the quay" in article.text


def test_the_local_publication_day_is_kept() -> None:
    # 00:30 in Cairo is still the previous day in UTC; the report belongs to the day it was written.
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Nile Desk</title><id>urn:nile</id><updated>2023-11-07T00:30:00+02:00</updated>
<entry><id>urn:nile:1</id><title>Overnight talks</title><published>2023-11-07T00:30:00+02:00</published>
<content type="html">&lt;p&gt;Talks went on past midnight, officials said.&lt;/p&gt;</content></entry>
<entry><id>urn:nile:2</id><title>Odd date</title><published>Tue, 7 Nov 2023 01:15:00 +0200</published>
<content type="text">Plain text &lt;not markup&gt; content.</content></entry></feed>"""
    first, second = read(atom, "nile.atom", ReadOptions(today=TODAY, fetch=no_fetch))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published == date(2023, 11, 7)
    assert first.text == "Talks went on past midnight, officials said."
    assert second.published == date(2023, 11, 7)
    assert second.text == "Plain text <not markup> content."


def _entity_bomb(levels: int) -> bytes:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    )
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [{entities}]>
<rss version="2.0"><channel><title>Laughs</title><link>https://lol.example/</link>
<item><guid>lol-1</guid><title>Entry &lol{levels - 1};</title><pubDate>Tue, 07 Nov 2023 09:42:00 GMT</pubDate>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">Body &lol{levels - 1}; of the
entry.</content:encoded></item></channel></rss>""".encode()


def test_billion_laughs_is_refused_before_parsing() -> None:
    # Fully expanded this would be 3 GB of "lol".
    started = time.monotonic()
    outcomes = list(read(_entity_bomb(10), "lol.rss", ReadOptions(today=TODAY, fetch=no_fetch)))
    assert time.monotonic() - started < 2
    assert len(outcomes) == 1
    assert isinstance(outcomes[0], Rejected)
    assert outcomes[0].reason.startswith("refused: its entities would expand to ")


def test_one_big_entity_referenced_many_times_is_refused() -> None:
    # expat stops this at its amplification limit, but feedparser's fallback parser would then
    # expand all of it: 300 KB of input, 100 MB of text.
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY big "' + "x" * 1000 + '">\n]>\n'
        '<rss version="2.0"><channel><title>Quay</title><item><guid>q-1</guid><title>Big</title>'
        "<pubDate>Mon, 06 Nov 2023 08:00:00 GMT</pubDate><description>" + "&big;" * 100_000 + "</description>"
        "</item></channel></rss>"
    ).encode()
    started = time.monotonic()
    outcomes = list(read(data, "big.rss", ReadOptions(today=TODAY, fetch=no_fetch)))
    assert outcomes == [Rejected("big.rss", "refused: its entities would expand to 95 MB of text")]
    assert time.monotonic() - started < 2


def test_small_declared_entities_are_still_read() -> None:
    data = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY harbour "Harbour Herald">
]>
<rss version="2.0"><channel><title>&harbour;</title><item><guid>h-1</guid><title>Pier reopens</title>
<pubDate>Mon, 06 Nov 2023 08:00:00 GMT</pubDate>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">The pier reopened.</content:encoded>
</item></channel></rss>"""
    outcomes = list(read(data, "h.rss", ReadOptions(today=TODAY, fetch=no_fetch)))
    assert len(outcomes) == 1 and isinstance(outcomes[0], Article)
    assert outcomes[0].source == "Harbour Herald"
    assert outcomes[0].text == "The pier reopened."


@pytest.mark.parametrize(
    ("name", "head", "claimed"),
    [
        ("news.rss", b"", True),
        ("feed.atom", b"", True),
        ("feed.xml", b"<?xml version='1.0'?>\n<rss version='2.0'>", True),
        ("download", b"<?xml version='1.0'?><feed xmlns=\"http://www.w3.org/2005/Atom\">", True),
        (
            "x.rdf",
            b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'>",
            True,
        ),
        ("doc.tml", b"<?xml version='1.0'?><TimeML><DOCID>", False),
        ("page.html", b"<!DOCTYPE html><html>", False),
        ("items.jsonl", b'{"id": "1", "text": "<rss"}', False),
    ],
)
def test_sniff(name: str, head: bytes, claimed: bool) -> None:
    assert sniff(name, head) is claimed
    assert READER.sniff(name, head) is claimed
