"""``dateline eval tls``: the published timeline-summarisation protocol over a T17-style directory.

For each gold timeline (one task) the system gets the topic's articles published inside the gold
window (widened by ``window_extension_days`` from ``dataset.json``), the topic keywords, T (the
number of gold dates) and K (mean gold sentences per date, rounded as news-tls does), and returns
T dates with K sentences each. Scores are tilse's align+ m:1 ROUGE-1/2 and date F1
(:mod:`dateline.eval.tls_metrics`), with precision and recall averaged over tasks before F is
taken. Raw text is split one sentence per line (T17 is pre-split) and tagged with
:func:`dateline.timex.tag` (publication date as anchor). ``out`` receives each system timeline
in tilse text format, the gold timelines, the configuration and the scores.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dateline.errors import EvalError
from dateline.eval.tls_data import (
    BenchmarkTopic,
    GoldTimeline,
    dataset_options,
    list_topics,
    load_topic,
    tilse_text,
)
from dateline.eval.tls_metrics import PRF, TimelineScores, average_scores
from dateline.models import Article, Timeline
from dateline.timeline.build import TimelineBuilder
from dateline.timeline.corpus import CorpusSentence, Tagger, corpus_from_articles
from dateline.timeline.dates import DateRanker

__all__ = ["evaluate_tls", "prepare_topic", "run_task"]

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


def _default_tagger() -> Tagger:
    try:
        from dateline.timex import tag
    except ImportError as exc:
        raise EvalError(f"the temporal tagger dateline.timex.tag is not available ({exc})") from exc
    return tag


def _tag_chunk(articles: Sequence[Article], tagger: Tagger | None) -> tuple[list[CorpusSentence], int]:
    out: list[CorpusSentence] = []
    failures = 0
    for article in articles:
        try:
            out.extend(corpus_from_articles([article], tagger=tagger))
        # One article the tagger chokes on must not sink a benchmark run; it is logged and counted.
        except Exception as exc:
            failures += 1
            log.warning(
                "tagger failed on %s (%s: %s); its sentences keep no dates",
                article.id,
                type(exc).__name__,
                exc,
            )
            out.extend(corpus_from_articles([article], tagger=None))
    return out, failures


def prepare_topic(topic: BenchmarkTopic, *, tagger: Tagger | None, workers: int = 1) -> list[CorpusSentence]:
    """The corpus view of a topic: one :class:`CorpusSentence` per line, dates tagged.

    With ``workers > 1`` articles are tagged in that many processes (``tagger`` must then be a
    module-level function, as :func:`dateline.timex.tag` is); the order of the result is the same.
    An article the tagger fails on is logged and kept without dates.
    """
    return _prepare(topic, tagger=tagger, workers=workers)[0]


def _prepare(
    topic: BenchmarkTopic, *, tagger: Tagger | None, workers: int
) -> tuple[list[CorpusSentence], int]:
    articles = list(topic.articles)
    if workers <= 1 or len(articles) < 2 * workers:
        return _tag_chunk(articles, tagger)
    size = max(1, len(articles) // (workers * 4))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(_tag_chunk, chunks, [tagger] * len(chunks)))
    return [sent for part, _ in parts for sent in part], sum(n for _, n in parts)


def task_window(gold: GoldTimeline, extension_days: int) -> tuple[date, date]:
    """The window a task's system sees: first to last gold date, widened on both sides."""
    pad = timedelta(days=extension_days)
    return gold.start - pad, gold.end + pad


def run_task(
    corpus: Sequence[CorpusSentence],
    keywords: Sequence[str],
    gold: GoldTimeline,
    *,
    builder: TimelineBuilder,
    extension_days: int = 0,
) -> Timeline:
    """One task: the timeline the system builds for ``gold``'s window, T and K."""
    start, end = task_window(gold, extension_days)
    window = [s for s in corpus if start <= s.published <= end]
    return builder.build(
        window,
        query=list(keywords) or None,
        start=start,
        end=end,
        n_dates=gold.n_dates,
        per_date=gold.per_date,
    )


def _prf(value: PRF) -> dict[str, float]:
    return {"precision": value.precision, "recall": value.recall, "f1": value.f1}


def _summary(scores: Sequence[TimelineScores]) -> dict[str, Any]:
    avg = average_scores(scores)
    return {
        "AR1-F": avg["AR1"].f1,
        "AR2-F": avg["AR2"].f1,
        "date-F1": avg["date"].f1,
        "AR1": _prf(avg["AR1"]),
        "AR2": _prf(avg["AR2"]),
        "date": _prf(avg["date"]),
    }


def evaluate_tls(
    directory: Path,
    *,
    topics: Sequence[str] | None = None,
    out: Path | None = None,
    use_subset: bool = True,
    progress: Progress | None = None,
    tagger: Tagger | None = None,
    builder: TimelineBuilder | None = None,
    date_ranker: Callable[[str], DateRanker] | None = None,
    workers: int = 1,
) -> dict[str, Any]:
    """Run the benchmark protocol on ``directory`` and return the scores (DESIGN §5 ``eval tls --json``).

    ``topics`` restricts the run (default: every topic folder). ``use_subset`` reads each topic's
    ``newstls_subset.json`` when present, the article set published numbers used; the result says
    per topic whether it was used. ``progress(stage, done, total)`` is called as topics finish.
    ``tagger`` defaults to :func:`dateline.timex.tag`; ``builder`` to the default
    :class:`TimelineBuilder`. ``date_ranker(topic)`` may supply a ranker per topic (e.g. one trained
    leave-one-topic-out); it overrides the builder's. ``workers`` processes tag the articles.
    """
    started = time.perf_counter()
    directory = Path(directory)
    options = dataset_options(directory)
    extension = int(options.get("window_extension_days", 0))
    available = list_topics(directory)
    chosen = list(topics) if topics else available
    unknown = [t for t in chosen if t not in available]
    if unknown:
        raise EvalError(
            f"{directory}: unknown topic(s) {', '.join(unknown)}; available: {', '.join(available)}"
        )
    tagger = tagger if tagger is not None else _default_tagger()
    base = builder if builder is not None else TimelineBuilder()

    all_scores: list[TimelineScores] = []
    per_topic: dict[str, Any] = {}
    outputs: dict[str, list[tuple[GoldTimeline, Timeline]]] = {}
    for done, name in enumerate(chosen):
        topic = load_topic(directory, name, use_subset=use_subset)
        corpus, failures = _prepare(topic, tagger=tagger, workers=workers)
        topic_builder = base
        if date_ranker is not None:
            topic_builder = _with_ranker(base, date_ranker(name))
        scores: list[TimelineScores] = []
        tasks = []
        for gold in topic.timelines:
            timeline = run_task(corpus, topic.keywords, gold, builder=topic_builder, extension_days=extension)
            predicted = {e.date: [ref.text for ref in e.summary] for e in timeline.entries}
            scores.append(TimelineScores.compute(predicted, [gold.entries]))
            tasks.append((gold, timeline))
        outputs[name] = tasks
        all_scores.extend(scores)
        per_topic[name] = {
            **_summary(scores),
            "articles": len(topic.articles),
            "subset": topic.subset_used,
            "tagger_failures": failures,
            "timelines": [
                {"index": g.index, "T": g.n_dates, "K": g.per_date, "AR1-F": s.ar1.f1, "AR2-F": s.ar2.f1,
                 "date-F1": s.dates.f1}
                for (g, _), s in zip(tasks, scores, strict=True)
            ],
        }  # fmt: skip
        log.info("tls %s: AR1-F %.3f AR2-F %.3f date-F1 %.3f", name, *(per_topic[name][k] for k in _KEYS))
        if progress is not None:
            progress("topics", done + 1, len(chosen))
    result: dict[str, Any] = {
        "dataset": options.get("name", directory.name),
        "metrics": {k: v for k, v in _summary(all_scores).items() if k in _KEYS},
        "topics": per_topic,
        "seconds": round(time.perf_counter() - started, 2),
        **{k: v for k, v in _summary(all_scores).items() if k not in _KEYS},
        "timelines": len(all_scores),
        "subset": {name: per_topic[name]["subset"] for name in chosen},
        "protocol": {
            "window_extension_days": extension,
            "averaging": "precision and recall averaged over timelines, then F1",
            "rouge": "align+ m:1 (tilse), ROUGE-1.5.5 counts with Porter stemming and stop words removed",
        },
    }
    if out is not None:
        write_outputs(Path(out), outputs, result)
    return result


_KEYS = ("AR1-F", "AR2-F", "date-F1")


def _with_ranker(base: TimelineBuilder, ranker: DateRanker) -> TimelineBuilder:
    params = {k: getattr(base, k) for k in vars(base)}
    params["date_ranker"] = ranker
    return TimelineBuilder(**params)


def write_outputs(
    out: Path, outputs: dict[str, list[tuple[GoldTimeline, Timeline]]], result: dict[str, Any]
) -> None:
    """Write ``<topic>/system_<i>.txt`` and ``gold_<i>.txt`` (tilse text format, ``i`` = gold timeline
    line), ``<topic>/system_<i>.json`` (with citations), ``config.json`` and ``scores.json``."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, tasks in outputs.items():
            folder = out / name
            folder.mkdir(exist_ok=True)
            for gold, timeline in tasks:
                entries = {e.date: [r.text for r in e.summary] for e in timeline.entries}
                (folder / f"system_{gold.index}.txt").write_text(tilse_text(entries), encoding="utf-8")
                (folder / f"gold_{gold.index}.txt").write_text(tilse_text(gold.entries), encoding="utf-8")
                cited = [
                    {"date": e.date.isoformat(), "summary": [
                        {"text": r.text, "article_id": r.article_id, "sentence_index": r.sentence_index}
                        for r in e.summary], "sources": [s.article_id for s in e.sources],
                     "independent_sources": e.independent_sources}
                    for e in timeline.entries
                ]  # fmt: skip
                (folder / f"system_{gold.index}.json").write_text(
                    json.dumps(cited, indent=1), encoding="utf-8"
                )
        config = {"protocol": result["protocol"], "subset": result["subset"], "dataset": result["dataset"]}
        (out / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        (out / "scores.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"{out}: cannot write the evaluation outputs ({exc})") from exc
