"""The exporters over hand-built records: contract keys, escaping, and round-trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from dateline.errors import ConfigError
from dateline.export import FORMATS, events_csv, render, timeline_to_json, timeline_to_timelinejs
from dateline.export.text import markdown_escape, safe_url
from dateline.models import Claim, Event, SentenceRef, SourceRef, Timeline, TimelineEntry

EVIL = 'Hamas <script>alert("x")</script> & <img src=x onerror=alert(1)> [link](javascript:alert(1))'


def _timeline() -> Timeline:
    s1 = SourceRef("ap/1", "AP", "https://apnews.com/a1", date(2023, 10, 7), "Militants attack Israel")
    s2 = SourceRef("bbc/2", "BBC", "javascript:alert(1)", date(2023, 10, 8), EVIL)
    entries = (
        TimelineEntry(
            date=date(2023, 10, 7),
            precision="day",
            summary=(SentenceRef("Hamas launched a surprise attack on Israel.", "ap/1", 0),),
            sources=(s1,),
            independent_sources=1,
            entities=(("Hamas", "ORG"), ("Israel", "GPE")),
            claims=(
                Claim(
                    "ap/1", 1, "Netanyahu", "said", "we are at war", True, False, published=date(2023, 10, 7)
                ),
            ),
        ),
        TimelineEntry(
            date=date(2023, 10, 8),
            precision="day",
            summary=(SentenceRef(EVIL, "bbc/2", 3), SentenceRef("Israel declared war.", "ap/1", 2)),
            sources=(s1, s2),
            independent_sources=2,
        ),
        TimelineEntry(
            date=date(2023, 11, 1),
            precision="month",
            summary=(SentenceRef("Fighting continued through November.", "ap/1", 5),),
            sources=(s1,),
            independent_sources=1,
        ),
    )
    return Timeline(query="Gaza war", start=date(2023, 10, 1), end=date(2023, 12, 31), entries=entries)


def test_json_export_has_every_contract_key() -> None:
    data = json.loads(render(_timeline(), "json"))
    assert {"query", "from", "to", "entries"} <= data.keys()
    assert data["from"] == "2023-10-01" and data["query"] == "Gaza war"
    first = data["entries"][0]
    assert {
        "date",
        "precision",
        "summary",
        "sources",
        "independent_sources",
        "entities",
        "claims",
    } <= first.keys()
    assert first["summary"][0] == {
        "text": "Hamas launched a surprise attack on Israel.",
        "article_id": "ap/1",
        "sentence_index": 0,
    }
    assert {"article_id", "source", "url", "published", "title"} <= first["sources"][0].keys()
    assert first["entities"] == [{"name": "Hamas", "type": "ORG"}, {"name": "Israel", "type": "GPE"}]
    assert {"speaker", "cue", "content", "article_id"} <= first["claims"][0].keys()
    assert data == timeline_to_json(_timeline())


def test_markdown_escapes_markup_and_refuses_script_urls() -> None:
    from markdown_it import MarkdownIt  # a dependency of rich

    text = render(_timeline(), "markdown")
    # The CommonMark preset passes raw HTML through, so escaping is what keeps the tags text.
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered and 'href="javascript' not in rendered
    assert '<a href="https://apnews.com/a1">' in rendered
    assert "## 2023-10-07" in text and "## 2023-11" in text
    assert "(https://apnews.com/a1)" in text
    assert "**Netanyahu** said (quote): we are at war" in text


def test_markdown_escape_and_safe_url() -> None:
    assert markdown_escape("a *b* [c](d)\n<e>") == "a \\*b\\* \\[c\\]\\(d\\) \\<e\\>"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://x.org/a b)") == "https://x.org/a%20b%29"


def test_text_export_lists_dates_and_citations() -> None:
    lines = render(_timeline(), "text").splitlines()
    assert lines[0] == "Timeline: Gaza war (2023-10-01 – 2023-12-31)"
    assert "2023-10-08  (2 independent sources)" in lines
    assert "  * Israel declared war.  [ap/1]" in lines


def test_tilse_export_is_what_tilse_reads() -> None:
    text = render(_timeline(), "tilse")
    blocks = [b.strip().split("\n") for b in text.split("-" * 32 + "\n") if b.strip()]
    assert [b[0] for b in blocks] == ["2023-10-07", "2023-10-08", "2023-11-01"]
    assert blocks[1][2] == "Israel declared war."
    assert text.endswith("-" * 32 + "\n")


def test_timelinejs_shape_precision_and_escaping() -> None:
    data = timeline_to_timelinejs(_timeline())
    assert data["title"]["text"]["headline"] == "Timeline: Gaza war"
    events = data["events"]
    assert [e["start_date"] for e in events] == [
        {"year": "2023", "month": "10", "day": "7"},
        {"year": "2023", "month": "10", "day": "8"},
        {"year": "2023", "month": "11"},
    ]
    assert len({e["unique_id"] for e in events}) == 3
    second = events[1]["text"]
    assert "<script>" not in second["headline"] + second["text"]
    assert "&lt;script&gt;" in second["text"]
    assert 'href="https://apnews.com/a1"' in second["text"] and 'href="javascript' not in second["text"]
    assert json.loads(render(_timeline(), "timelinejs")) == data


def test_html_export_escapes_text_and_has_no_script() -> None:
    page = render(_timeline(), "html")
    assert "<script" not in page.lower() and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert 'href="javascript' not in page
    assert page.count("<details>") == 4
    assert '<a href="https://apnews.com/a1"' in page


def test_html_export_shows_context_from_a_store() -> None:
    class Store:
        def sentences(self, article_id: str) -> list:
            from dateline.models import Sentence

            return [Sentence(article_id, i, 0, 1, f"Sentence {i} of {article_id}.") for i in range(6)]

    page = render(_timeline(), "html", store=Store())
    assert "Sentence 1 of ap/1." in page and "Sentence 4 of ap/1." in page


def test_events_csv_round_trips_and_defuses_formulas() -> None:
    event = Event(
        id="e1",
        date=date(2023, 10, 7),
        precision="day",
        summary=SentenceRef('=HYPERLINK("http://evil") said "hi", then left', "ap/1", 0),
        evidence=(),
        type="attack",
        actors=("Hamas", "Israel"),
        locations=("Gaza",),
        article_ids=("ap/1", "bbc/2"),
        independent_sources=2,
    )
    rows = list(csv.DictReader(io.StringIO(events_csv([event]))))
    assert len(rows) == 1
    row = rows[0]
    assert row["summary"].startswith("'=HYPERLINK")
    assert row["actors"] == "Hamas; Israel" and row["article_ids"] == "ap/1; bbc/2"
    assert row["independent_sources"] == "2" and row["date"] == "2023-10-07"


def test_every_format_renders_an_empty_timeline() -> None:
    empty = Timeline(query=None, start=None, end=None, entries=())
    for name in FORMATS:
        assert isinstance(render(empty, name), str)
    assert json.loads(render(empty, "json"))["entries"] == []


def test_unknown_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown export format 'pdf'"):
        render(_timeline(), "pdf")
