"""Reading a T17-style benchmark directory (DESIGN §5) and writing tilse-format timelines.

A directory holds ``<topic>/articles.jsonl.gz``, ``<topic>/timelines.jsonl``,
``<topic>/keywords.json``, optionally ``<topic>/newstls_subset.json`` (the article ids the
published news-tls numbers were computed on) and ``dataset.json`` (protocol options). This module
only reads and writes files; scoring is in :mod:`dateline.eval.tls_metrics`, running the
protocol in :mod:`dateline.eval.tls`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dateline.errors import EvalError
from dateline.models import Article

__all__ = [
    "BenchmarkTopic",
    "GoldTimeline",
    "dataset_options",
    "list_topics",
    "load_topic",
    "tilse_text",
]


@dataclass(frozen=True, slots=True)
class GoldTimeline:
    """One gold timeline: dated summaries, and the protocol's T, K and window derived from it."""

    index: int
    entries: Mapping[date, tuple[str, ...]]

    @property
    def n_dates(self) -> int:
        """T: the number of gold dates."""
        return len(self.entries)

    @property
    def per_date(self) -> int:
        """K: mean gold sentences per date, rounded half-to-even as news-tls does (``round()``)."""
        total = sum(len(s) for s in self.entries.values())
        return max(1, round(total / len(self.entries))) if self.entries else 1

    @property
    def start(self) -> date:
        """The first gold date."""
        return min(self.entries)

    @property
    def end(self) -> date:
        """The last gold date."""
        return max(self.entries)


@dataclass(frozen=True, slots=True)
class BenchmarkTopic:
    """A topic: its articles, query keywords, gold timelines, and whether a subset file was used."""

    name: str
    articles: tuple[Article, ...]
    keywords: tuple[str, ...]
    timelines: tuple[GoldTimeline, ...]
    subset_used: bool


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path}: cannot read JSON ({exc})") from exc


def dataset_options(directory: Path) -> dict[str, Any]:
    """``dataset.json`` of a benchmark directory (name and window extension), with defaults."""
    path = directory / "dataset.json"
    options: dict[str, Any] = {"name": directory.name, "window_extension_days": 0}
    if path.exists():
        data = _read_json(path)
        if not isinstance(data, dict):
            raise EvalError(f"{path}: expected a JSON object like {{'name': …, 'window_extension_days': 0}}")
        options.update(data)
    return options


def list_topics(directory: Path) -> list[str]:
    """The topic folders of a benchmark directory (those holding ``timelines.jsonl``), sorted."""
    if not directory.is_dir():
        raise EvalError(f"{directory}: not a directory; expected a T17-style benchmark directory")
    topics = sorted(p.name for p in directory.iterdir() if (p / "timelines.jsonl").is_file())
    if not topics:
        raise EvalError(f"{directory}: no <topic>/timelines.jsonl found; expected a T17-style directory")
    return topics


def _parse_timeline(path: Path, line_no: int, line: str) -> GoldTimeline:
    try:
        raw = json.loads(line)
        entries: dict[date, tuple[str, ...]] = {}
        for stamp, sentences in raw:
            day = datetime.fromisoformat(stamp).date()
            entries[day] = tuple(str(s) for s in sentences)
    except (ValueError, TypeError) as exc:
        raise EvalError(
            f'{path}:{line_no}: expected [["YYYY-MM-DDT00:00:00", [sentence, …]], …] ({exc})'
        ) from exc
    if not entries:
        raise EvalError(f"{path}:{line_no}: empty gold timeline")
    return GoldTimeline(index=line_no - 1, entries=entries)


def load_topic(directory: Path, topic: str, *, use_subset: bool = True) -> BenchmarkTopic:
    """Read one topic: articles (restricted to ``newstls_subset.json`` when present and asked for),
    keywords and gold timelines."""
    folder = directory / topic
    timelines_path = folder / "timelines.jsonl"
    if not timelines_path.is_file():
        raise EvalError(f"{folder}: no timelines.jsonl; expected a topic folder of a T17-style directory")
    lines = timelines_path.read_text(encoding="utf-8").splitlines()
    timelines = tuple(_parse_timeline(timelines_path, i, ln) for i, ln in enumerate(lines, 1) if ln.strip())
    keywords_path = folder / "keywords.json"
    keywords = _read_json(keywords_path) if keywords_path.exists() else []
    if not isinstance(keywords, list):
        raise EvalError(f"{keywords_path}: expected a JSON list of query terms")
    subset: set[str] | None = None
    subset_path = folder / "newstls_subset.json"
    if use_subset and subset_path.exists():
        data = _read_json(subset_path)
        ids = data.get("ids") if isinstance(data, dict) else data
        if not isinstance(ids, list):
            raise EvalError(f"{subset_path}: expected {{'ids': [article id, …]}}")
        subset = {str(i) for i in ids}
    articles = tuple(_read_articles(folder / "articles.jsonl.gz", subset))
    return BenchmarkTopic(
        name=topic,
        articles=articles,
        keywords=tuple(str(k) for k in keywords),
        timelines=timelines,
        subset_used=subset is not None,
    )


def _read_articles(path: Path, subset: set[str] | None) -> list[Article]:
    if not path.is_file():
        raise EvalError(f"{path}: missing; every topic needs articles.jsonl.gz")
    out: list[Article] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                article_id = str(raw["id"])
                published = date.fromisoformat(str(raw["published"])[:10])
            except (ValueError, KeyError, TypeError) as exc:
                raise EvalError(f"{path}:{line_no}: expected id, source, published, text ({exc})") from exc
            if subset is not None and article_id not in subset:
                continue
            text = raw.get("text") or ""
            if not text.strip():
                continue
            out.append(
                Article(
                    id=article_id,
                    source=str(raw.get("source") or ""),
                    published=published,
                    text=text,
                    title=raw.get("title"),
                    url=raw.get("url"),
                )
            )
    return out


def tilse_text(entries: Mapping[date, Sequence[str]]) -> str:
    """A timeline in tilse's text format (``Timeline.__str__``/``from_file``): date, sentences, rule."""
    parts: list[str] = []
    for day in sorted(entries):
        parts.append(day.isoformat() + "\n")
        parts.extend(" ".join(s.split()) + "\n" for s in entries[day])
        parts.append("-" * 32 + "\n")
    return "".join(parts)
