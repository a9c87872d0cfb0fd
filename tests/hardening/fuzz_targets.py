"""Fuzz targets shared by ``test_fuzz.py`` (few examples) and ``bench/fuzz_all.py`` (many).

Each target is a hypothesis strategy plus a check: every reader must turn any bytes into
:class:`~dateline.models.Article` / :class:`~dateline.ingest.base.Rejected` outcomes and never
raise; :func:`~dateline.timex.read_timeml` must return a document or raise
:class:`~dateline.errors.EvalError`; :func:`~dateline.timex.tag` must return timexes whose
offsets point at their text, for any text and any DCT from year 1 to 9999. Every check also
bounds the time one input may take, so a hang counts as a failure.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import EvalError, FetchError
from dateline.ingest import read_input
from dateline.ingest.base import ReadOptions, Rejected, iter_safely
from dateline.ingest.registry import reader_named
from dateline.models import Article
from dateline.timex import read_timeml, tag

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "data" / "bad"
TODAY = date(2025, 1, 1)
# Limits are on CPU time: on a loaded machine a niced fuzz process can wait tens of seconds for a
# core, so wall-clock limits failed inputs that take milliseconds. The wall-clock limit, ten times
# as long, still catches a hang that burns no CPU (a wait on a lock or a socket).
SECONDS_PER_INPUT = 20.0
TAGGER_SECONDS = 5.0
WALL_FACTOR = 10


class Timer:
    """CPU and wall-clock time since creation."""

    def __init__(self) -> None:
        self.cpu = time.process_time()
        self.wall = time.perf_counter()

    def check(self, limit: float, what: str) -> None:
        cpu = time.process_time() - self.cpu
        wall = time.perf_counter() - self.wall
        assert cpu < limit, f"{what} too slow ({cpu:.1f} s of CPU)"
        assert wall < limit * WALL_FACTOR, f"{what} hangs ({wall:.1f} s, {cpu:.1f} s of CPU)"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_network(url: str) -> tuple[bytes, str | None]:
    """Linked pages are never fetched while fuzzing."""
    raise FetchError(url, "network disabled while fuzzing")


OPTIONS = ReadOptions(today=TODAY, fetch=no_network, default_date=date(2023, 11, 7))

BODY = "Rescue teams reached the flooded villages on Tuesday, officials said on 3 November 2023."
SEEDS: dict[str, list[bytes]] = {
    "seed": [
        f"source bbc\ntitle Floods\ndate 2023-11-07\n{BODY}\n".encode(),
        b"date 2023-11-07 " + BODY.encode(),
    ],
    "text": [BODY.encode(), BODY.encode("utf-16")],
    "jsonl": [
        (json.dumps({"date": "2023-11-07", "text": BODY, "title": "T", "source": "x"}) + "\n").encode() * 2,
        json.dumps([{"published": 1699351200, "body": BODY}]).encode(),
    ],
    "csv": [
        f'date,title,text\n2023-11-07,Floods,"{BODY}"\n'.encode(),
        f"date\ttext\n2023-11\t{BODY}\n".encode(),
    ],
    "html": [
        (
            "<html><head><title>Floods</title><meta property='og:site_name' content='News'>"
            "<meta name='date' content='2023-11-07'></head><body><article>"
            f"<p>{BODY} {BODY}</p><p>{BODY}</p></article></body></html>"
        ).encode()
    ],
    "feed": [
        (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>Floods</title>"
            f"<link>https://example.org/a</link><pubDate>Tue, 07 Nov 2023 10:00:00 GMT</pubDate>"
            f"<description>{BODY * 8}</description></item></channel></rss>"
        ).encode(),
        (
            "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
            f"<entry><id>1</id><title>E</title><updated>2023-11-07T10:00:00Z</updated>"
            f"<content type='html'>&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"
        ).encode(),
    ],
}
SEEDS["t17"] = SEEDS["jsonl"]
# Every committed bad-corpus file is a seed too (mutating known-bad inputs finds the edges).
CORPUS = [
    p.read_bytes()[:20_000] for p in sorted(BAD.rglob("*")) if p.is_file() and p.name != "MANIFEST.json"
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed input with a few random byte-level edits (replace, insert, delete, duplicate)."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["replace", "insert", "delete", "dup", "tokens"]))
        at = draw(st.integers(0, len(data)))
        if op == "replace" and data:
            at = min(at, len(data) - 1)
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=1))
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=16))
        elif op == "delete":
            data[at : at + draw(st.integers(1, 64))] = b""
        elif op == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(1, 50))
        else:
            token = draw(st.sampled_from(TOKENS))
            data[at:at] = token
    return bytes(data)


TOKENS = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe2\x80\x8b",
    b"\xe2\x80\xae",
    b"\r",
    b'"',
    b"'",
    b",",
    b"\t",
    b"{",
    b"}",
    b"[",
    b"]",
    b"<",
    b">",
    b"</p>",
    b"<div>",
    b"<![CDATA[",
    b"]]>",
    b"&amp;",
    b"&#0;",
    b"&#xD800;",
    b"&lol;",
    b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaa'>]>",
    b"date ",
    b"2023-02-30",
    b"9999-12-31",
    b"0001-01-01",
    b"1e999",
    b"-1",
    b"null",
    b"true",
    b'"date": ',
    b'"text": ',
    b"<pubDate>",
    b"</pubDate>",
    b"\x1f\x8b",
]


def any_input(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    """Raw bytes, mutated seeds of the reader, and mutated bad-corpus files."""
    return st.one_of(st.binary(max_size=2000), mutated(seeds), mutated(CORPUS))


def check_article(article: Article) -> None:
    assert article.text and article.text == article.text.strip(), "article text empty or unstripped"
    assert not _CONTROL.search(article.text), "control characters in article text"
    assert article.published <= TODAY + timedelta(days=1), "future date stored"
    assert article.id and article.source, "article without id or source"


def check_reader(name: str, data: bytes) -> int:
    """Read ``data`` with reader ``name`` (through its registered ``read``); returns outcomes."""
    reader = reader_named(name)
    origin = "fuzz/topic/articles.jsonl" if name == "t17" else f"fuzz/2023-11-07/input.{name}"
    timer = Timer()
    n = 0
    for outcome in iter_safely(origin, reader.read(data, origin, OPTIONS)):
        assert isinstance(outcome, (Article, Rejected)), f"reader yielded {type(outcome).__name__}"
        if isinstance(outcome, Article):
            check_article(outcome)
        n += 1
    timer.check(SECONDS_PER_INPUT, "reader")
    return n


def check_read_input(data: bytes, suffix: str) -> int:
    """The whole path a file takes: size and gzip checks, detection, reader."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2023-11-07" / f"input{suffix}"
        path.parent.mkdir()
        path.write_bytes(data)
        outcomes = list(read_input(str(path), options=OPTIONS))
    for outcome in outcomes:
        assert isinstance(outcome, (Article, Rejected))
        if isinstance(outcome, Article):
            check_article(outcome)
    return len(outcomes)


def timeml_seeds() -> list[bytes]:
    """A few real TempEval-3 documents when the shared data is beside the repo, else a small one."""
    tbaq = REPO / ".." / "shared" / "data" / "timex" / "tbaq-cleaned" / "TimeBank"
    real = sorted(tbaq.glob("*.tml"))[:4] if tbaq.is_dir() else []
    small = (
        b'<?xml version="1.0" ?><TimeML><DOCID>X</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" '
        b'functionInDocument="CREATION_TIME">01/08/1998</TIMEX3></DCT><TEXT>Talks resumed <TIMEX3 tid="t1" '
        b'type="DATE" value="1998-01-07">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">'
        b"three days</TIMEX3>.</TEXT></TimeML>"
    )
    return [p.read_bytes() for p in real] + [small]


def check_timeml(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.tml"
        path.write_bytes(data)
        try:
            doc = read_timeml(path)
        except EvalError:
            return 0
    for timex in doc.gold:
        assert 0 <= timex.start <= timex.end <= len(doc.text)
        assert doc.text[timex.start : timex.end] == timex.text
    return len(doc.gold)


DATEY = st.sampled_from(
    [
        "on Monday",
        "last week",
        "May",
        "may",
        "2023-11-07",
        "07/11/2023",
        "3 November",
        "the 1990s",
        "Q4",
        "yesterday",
        "next year",
        "in 2 days",
        "twenty years ago",
        "1999",
        "9999",
        "0000",
        "noon",
        "24:00",
        "week 53",
        "the first half of",
        "this morning",
        "two centuries",
        "every Tuesday",
        " ",
        ",",
        ".",
        "\u200b",
        "\u200f",
        "\u202e",
        "\n",
        "-",
        "/",
        "'",
        "0",
        "31",
        "99",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(DATEY, st.text(max_size=8)), max_size=80).map(" ".join),
    st.lists(DATEY, max_size=200).map("".join),
)
DCTS = st.one_of(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), st.none())


def check_tag(text: str, dct: date | None) -> int:
    timer = Timer()
    found = tag(text, dct=dct)
    timer.check(TAGGER_SECONDS, "tagger")
    for timex in found:
        assert 0 <= timex.start < timex.end <= len(text), f"bad offsets {timex}"
        assert text[timex.start : timex.end] == timex.text, f"offsets do not match text: {timex}"
        assert timex.type in ("DATE", "TIME", "DURATION", "SET") and timex.value
    return len(found)


@dataclass
class Target:
    """One fuzz target: its name, strategy (a tuple of arguments) and check."""

    name: str
    strategy: st.SearchStrategy[tuple[Any, ...]]
    check: Callable[..., int]


def targets() -> list[Target]:
    """Every fuzz target: each registered reader, the whole file path, TimeML and the tagger."""
    out = [
        Target(f"reader:{name}", any_input(SEEDS[name]).map(lambda d: (d,)), _bind(name))
        for name in ("seed", "text", "jsonl", "csv", "t17", "feed", "html")
    ]
    all_seeds = [s for seeds in SEEDS.values() for s in seeds]
    suffixes = st.sampled_from(
        [".txt", ".jsonl", ".json", ".csv", ".tsv", ".html", ".rss", ".atom", ".gz", ""]
    )
    out.append(Target("read_input:auto", st.tuples(any_input(all_seeds), suffixes), check_read_input))
    out.append(Target("timeml", mutated(timeml_seeds()).map(lambda d: (d,)), check_timeml))
    out.append(Target("tagger", st.tuples(TEXTS, DCTS), check_tag))
    return out


def _bind(name: str) -> Callable[[bytes], int]:
    return lambda data: check_reader(name, data)


@dataclass
class RunResult:
    """How many cases a target ran and the failure hypothesis reported (``None``: none)."""

    name: str
    cases: int
    seconds: float
    failure: str | None


def run(
    target: Target, *, max_examples: int, seed: int | None = None, seconds: float | None = None
) -> RunResult:
    """Run ``target`` for up to ``max_examples`` hypothesis examples, or until ``seconds`` have
    passed (the examples hypothesis draws after that are not checked, nor counted); returns the
    count and any failure."""
    count = 0
    stop = time.perf_counter() + seconds if seconds is not None else None

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=seed is None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(target.strategy)
    def body(args: tuple[Any, ...]) -> None:
        nonlocal count
        if stop is not None and time.perf_counter() > stop:
            return  # over the time budget: let hypothesis run out its examples unchecked
        count += 1
        target.check(*args)

    if seed is not None:
        from hypothesis import seed as hseed

        body = hseed(seed)(body)
    started = time.perf_counter()
    failure = None
    try:
        body()
    except Exception as exc:
        failure = "; ".join(
            _describe(e) for e in (exc.exceptions if isinstance(exc, ExceptionGroup) else [exc])
        )
    return RunResult(target.name, count, time.perf_counter() - started, failure)


def _describe(exc: BaseException) -> str:
    """The exception and the innermost dateline frame it passed through."""
    where = ""
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "/dateline/" in filename:
            where = f" at {Path(filename).name}:{tb.tb_lineno} ({tb.tb_frame.f_code.co_name})"
        tb = tb.tb_next
    return f"{type(exc).__name__}{where}: {str(exc)[:300]}"
