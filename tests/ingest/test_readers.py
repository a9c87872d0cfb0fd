"""Readers for the ` date …` format, plain text, JSONL and CSV, on realistic and bad input."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.ingest import expand_inputs, read_input
from dateline.ingest.base import ReadOptions, Rejected, parse_published
from dateline.models import Article

TODAY = date(2024, 1, 31)
OPTS = ReadOptions(today=TODAY)

SEED = (
    " date 2023-11-07 Israeli Prime Minister Benjamin Netanyahu said on Monday that Israel would take "
    "overall security responsibility for Gaza after the war.\n\nMilitary analysts suggest the operation "
    "has entered a new phase, though the exact details remain undisclosed.\n"
)


def outcomes(path: Path, **kw: object) -> list[Article | Rejected]:
    opts = ReadOptions(today=TODAY, **kw)  # type: ignore[arg-type]
    return list(read_input(str(path), options=opts))


def only_article(path: Path, **kw: object) -> Article:
    result = outcomes(path, **kw)
    assert len(result) == 1 and isinstance(result[0], Article), result
    return result[0]


def only_rejection(path: Path, **kw: object) -> Rejected:
    result = outcomes(path, **kw)
    assert len(result) == 1 and isinstance(result[0], Rejected), result
    return result[0]


def test_seed_format_date_on_same_line(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(SEED)
    article = only_article(path)
    assert article.published == date(2023, 11, 7)
    assert article.text.startswith("Israeli Prime Minister Benjamin Netanyahu said on Monday")
    assert "\n\nMilitary analysts suggest" in article.text  # paragraphs kept
    assert article.source == "local" and article.title is None


def test_seed_format_headers_and_date_on_own_line(tmp_path: Path) -> None:
    path = tmp_path / "report"
    path.write_text(
        "source Reuters\ntitle Israel says Gaza war enters new phase\nurl https://example.org/a\n"
        "date 2023-11-07\nIsraeli officials have described their strategy as 'gradualism'.\n"
    )
    article = only_article(path)
    assert (article.source, article.title, article.url) == (
        "Reuters",
        "Israel says Gaza war enters new phase",
        "https://example.org/a",
    )
    assert article.text == "Israeli officials have described their strategy as 'gradualism'."


def test_same_text_gives_same_id_and_source_option_wins(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(SEED)
    b.write_text(SEED)
    assert only_article(a).id == only_article(b).id
    assert only_article(a, source="AP").source == "AP"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary content"),
        (b" date 2023-02-30 Troops entered the city.", "impossible date"),
        (b" date 2031-01-01 Troops entered the city.", "in the future"),
        (b" date 2023-11-07   \n\n", "no article text"),
    ],
)
def test_bad_text_inputs_are_rejected_with_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    rejection = only_rejection(path)
    assert rejection.origin == str(path)
    assert reason in rejection.reason


def test_date_one_day_ahead_is_accepted_for_time_zones(tmp_path: Path) -> None:
    path = tmp_path / "tomorrow.txt"
    path.write_text(" date 2024-02-01 Talks resumed in Cairo.")
    assert only_article(path).published == date(2024, 2, 1)


def test_latin1_and_utf16_are_decoded(tmp_path: Path) -> None:
    text = " date 2023-11-07 Le président a déclaré que la trêve était « fragile »."
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(text.encode("latin-1", errors="replace"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text.encode("utf-16"))  # with BOM
    assert "président a déclaré" in only_article(latin).text
    assert only_article(utf16).text == text.split("2023-11-07 ", 1)[1]


def test_plain_text_dated_by_option_or_path(tmp_path: Path) -> None:
    folder = tmp_path / "InputDocs" / "2011-02-01"
    folder.mkdir(parents=True)
    path = folder / "17.txt"
    path.write_text(
        "Protesters gathered in Tahrir Square on Tuesday .\nThe army said it would not use force .\n"
    )
    assert only_article(path).published == date(2011, 2, 1)
    assert only_article(path, default_date=date(2011, 2, 2)).published == date(2011, 2, 2)


def test_plain_text_without_any_date_is_rejected_not_dated_today(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("Protesters gathered in Tahrir Square.")
    assert "no publication date" in only_rejection(path).reason


def test_jsonl_bad_line_rejected_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "Headline": "Ceasefire talks",
                "PubDate": "2023-11-06T09:30:00Z",
                "Body": "Talks began.",
                "Outlet": "AP",
                "Link": "https://example.org/1",
                "section": "world",
            }
        ),
        '{"headline": "broken", "date": ',
        json.dumps({"title": "No text here", "date": "2023-11-06"}),
        json.dumps({"content": "Strikes hit Khan Younis.", "publish_date": "2023-11-07", "publisher": "AFP"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    result = outcomes(path)
    articles = [o for o in result if isinstance(o, Article)]
    rejected = [o for o in result if isinstance(o, Rejected)]
    assert [a.source for a in articles] == ["AP", "AFP"]
    first = articles[0]
    assert (first.title, first.url, first.published) == (
        "Ceasefire talks",
        "https://example.org/1",
        date(2023, 11, 6),
    )
    assert first.extra == {"section": "world"}
    assert [r.origin for r in rejected] == [f"{path}:2", f"{path}:3"]
    assert "not valid JSON" in rejected[0].reason and "no text" in rejected[1].reason


def test_json_array_and_month_precision(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"text": "Elections were held.", "date": "2023-11"}]))
    article = only_article(path)
    assert (article.published, article.published_precision) == (date(2023, 11, 1), "month")


def test_csv_with_common_headers_and_without_text_column(tmp_path: Path) -> None:
    good = tmp_path / "reports.csv"
    good.write_text(
        'Date,Headline,Article,Source\n2023-11-07,"Gaza, day 32","Troops advanced, officials said.",BBC\n'
        "2023-11-08,Day 33,,BBC\n"
    )
    result = outcomes(good)
    assert isinstance(result[0], Article) and result[0].text == "Troops advanced, officials said."
    assert result[0].title == "Gaza, day 32"
    assert isinstance(result[1], Rejected) and result[1].origin == f"{good}:3"
    bad = tmp_path / "no_text.csv"
    bad.write_text("date,headline\n2023-11-07,Gaza\n")
    assert "no text column" in only_rejection(bad).reason


def test_benchmark_layout_prefixes_topic_and_skips_gold_files(tmp_path: Path) -> None:
    topic = tmp_path / "bench" / "haiti"
    topic.mkdir(parents=True)
    rows = [
        {
            "id": "bbc/2010-01-13/20",
            "source": "bbc",
            "published": "2010-01-13",
            "title": None,
            "text": "Haiti earthquake : many feared dead .",
        }
    ]
    with gzip.open(topic / "articles.jsonl.gz", "wt") as fh:
        fh.write("\n".join(json.dumps(r) for r in rows) + "\n")
    (topic / "timelines.jsonl").write_text('[["2010-01-12T00:00:00", ["The quake struck ."]]]\n')
    (topic / "keywords.json").write_text('["haiti"]')
    (tmp_path / "bench" / "dataset.json").write_text('{"name": "mini"}')
    files = expand_inputs([tmp_path / "bench"])
    assert files == [str(topic / "articles.jsonl.gz")]
    article = only_article(topic / "articles.jsonl.gz")
    assert article.id == "haiti/bbc/2010-01-13/20" and article.extra["topic"] == "haiti"


def test_parse_published_forms() -> None:
    assert parse_published("Tue, 07 Nov 2023 10:00:00 GMT", "x") == (date(2023, 11, 7), "day")
    assert parse_published(1699351200, "x") == (date(2023, 11, 7), "day")
    assert parse_published("2023", "x") == (date(2023, 1, 1), "year")
    with pytest.raises(InputError, match="impossible date"):
        parse_published("2023-13-01", "x")
    with pytest.raises(InputError, match="unreadable date"):
        parse_published("soon", "x")
