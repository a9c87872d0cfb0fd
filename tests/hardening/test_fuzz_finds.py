"""Inputs the long fuzz run (``bench/fuzz_all.py``) found to crash a reader, shrunk by hand.

A reader must turn each into a ``Rejected`` outcome or an ``InputError``, never another exception
(see ``docs/reliability.md``, "Crashes found"); all are fixed, and these keep them fixed.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.ingest import read_input
from dateline.ingest.base import Rejected
from dateline.models import Article

# Python refuses to convert an integer of more than 4,300 digits (CVE-2020-10735), so json.loads
# raises a plain ValueError, not JSONDecodeError.
HUGE = "7" * 5000


def outcomes(path: Path, fmt: str = "auto") -> list[Article | Rejected]:
    try:
        return list(read_input(str(path), format=fmt))
    except InputError as exc:
        return [Rejected(exc.origin, exc.reason)]


@pytest.mark.parametrize(
    ("name", "fmt", "content"),
    [
        (
            "line.jsonl",
            "jsonl",
            '{"text": "Police said.", "date": "2023-11-07", "source": "x", "n": ' + HUGE + "}\n",
        ),
        ("array.json", "jsonl", '[{"text": "Police said.", "date": "2023-11-07", "n": ' + HUGE + "}]"),
        ("topic.jsonl", "t17", '{"topic": ' + HUGE + "}\n"),
    ],
)
def test_json_with_a_huge_integer_is_rejected(tmp_path: Path, name: str, fmt: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    found = outcomes(path, fmt)
    assert found and all(isinstance(o, Rejected) for o in found)
    assert any("JSON" in o.reason for o in found if isinstance(o, Rejected))


def test_a_good_line_survives_a_huge_integer_on_the_next(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text(
        '{"text": "Police said the road was closed.", "date": "2023-11-07", "source": "x"}\n'
        '{"text": "Police said.", "date": "2023-11-07", "n": ' + HUGE + "}\n",
        encoding="utf-8",
    )
    found = outcomes(path, "jsonl")
    assert [type(o) for o in found] == [Article, Rejected]


# A gzip member whose deflate data refers back past its start: zlib raises zlib.error ("invalid
# distance too far back"), which is not an OSError, so gzip.GzipFile let it escape read_file.
CORRUPT_GZIP = base64.b64decode(
    "H4sIAAAAAAACAwvIz8lMTlUoTsxMUcjPU/DNz0tJrFQoyUj4ARKpCmk5+fkpxQoZiSkKRanJqSmpKXoKAYNVCwAEdXahzAAAAA=="
)


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".txt", ".gz"])
def test_corrupt_deflate_data_is_rejected(
    tmp_path: Path, suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / f"corrupt{suffix}"
    path.write_bytes(CORRUPT_GZIP)
    with caplog.at_level(logging.WARNING):
        found = outcomes(path)
    assert len(found) == 1 and isinstance(found[0], Rejected)
    assert "corrupt gzip data" in found[0].reason


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("controls.csv", b"date,source,text\n2023-11-07,x,\x01\x02\x7f\n"),
        ("controls.jsonl", b'{"date": "2023-11-07", "source": "x", "text": "\\u0001 \\u0007"}\n'),
    ],
)
def test_a_text_of_control_characters_only_is_rejected(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    found = outcomes(path)
    assert [type(o) for o in found] == [Rejected]
    assert isinstance(found[0], Rejected) and "no text" in found[0].reason


def _rss(channel_link: str, item_link: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<link>{channel_link}</link><item><title>Floods</title><link>{item_link}</link>"
        "<pubDate>Tue, 07 Nov 2023 10:00:00 GMT</pubDate><description>Rescue teams reached the "
        "flooded villages on Tuesday, officials said. The water had risen overnight and many roads "
        "were closed to traffic for hours.</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("channel_link", "item_link"),
    [("http://example.org/", "http://[oops/story"), ("http://[oops/", "urn:x")],
    ids=["item link", "channel link"],
)
def test_a_feed_link_urlsplit_refuses_is_not_a_crash(
    tmp_path: Path, channel_link: str, item_link: str
) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(_rss(channel_link, item_link))
    found = outcomes(path)
    assert len(found) == 1
    # The entry's text is in the feed, so it is stored; the odd link is not kept as its URL.
    assert isinstance(found[0], Article) and found[0].url is None
