"""Enrichment on Dask distributed: the per-article stages on a cluster's workers, results stored here.

The client reads pending articles from the store and submits them in chunks (the Article records
themselves, so workers never touch the store and an SQLite file works as well as a server). Each
worker process loads the spaCy pipeline once (:func:`dateline.config.load_pipeline` is cached per
process) and runs :func:`dateline.enrich.pipeline.enrich_article`, which already records a failing
stage against its article. Results come back to the client, which writes them with
``store.save_enrichments`` in input order and then runs the corpus steps, exactly as
:func:`dateline.enrich.pipeline.enrich_store` does, so both paths leave the same store behind.

At most ``window`` chunks are submitted or waiting to be written at any time, so client memory stays
flat however large the store. The scheduler re-runs a chunk elsewhere when its worker dies (up to
Dask's ``distributed.scheduler.allowed-failures`` times), and a chunk that raises is retried
``retries`` times, so a lost worker loses no article; an article whose chunk still fails stays
pending and is picked up by the next run.

Needs the ``dask`` extra (``pip install "dask[distributed]"``).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

from dateline.config import load_pipeline, model_name
from dateline.enrich.pipeline import CORPUS_STEPS_KEY, Progress, Stage, build_stages, finish_run
from dateline.errors import ConfigError
from dateline.models import Article
from dateline.store.base import ArticleEnrichment, Store

log = logging.getLogger(__name__)

# A worker may run several task threads; the pipeline switches its pipes on and off per call
# (``select_pipes``), which is not safe to interleave, so one chunk at a time runs per process.
_WORKER_LOCK = threading.Lock()


@functools.lru_cache(maxsize=4)
def _stages(model: str) -> tuple[Stage, ...]:
    return build_stages(model)


def enrich_chunk(articles: list[Article], model: str) -> list[ArticleEnrichment]:
    """Run every stage on ``articles`` with the pipeline ``model`` (the task each worker runs).

    The pipeline is loaded on the first call in a process and reused by every later one."""
    with _WORKER_LOCK:
        nlp = load_pipeline(model)
        stages = _stages(model)
        from dateline.enrich.pipeline import enrich_article

        return [enrich_article(article, nlp, stages) for article in articles]


def _chunked(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(
            'the dask engine needs Dask distributed: pip install "dateline[dask]" (or "dask[distributed]")'
        ) from exc
    return distributed


def _client(distributed: Any, scheduler: str | None, n_workers: int) -> tuple[Any, Any]:
    """A client on ``scheduler``, or on a new local cluster of ``n_workers`` single-thread processes."""
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    if n_workers < 1:
        raise ConfigError(f"the dask engine needs at least one worker, got {n_workers}")
    cluster = distributed.LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
    )
    return distributed.Client(cluster), cluster


def _is_language_skip(item: ArticleEnrichment) -> bool:
    return any(r.status == "skipped" and r.reason and "not English" in r.reason for r in item.results)


def enrich_store_dask(
    store: Store,
    *,
    scheduler: str | None = None,
    n_workers: int = 2,
    model: str | None = None,
    progress: Progress | None = None,
    batch_size: int = 64,
    chunk_size: int = 16,
    window: int | None = None,
    retries: int = 3,
) -> dict[str, Any]:
    """Enrich every pending article on Dask workers, then run the corpus steps in this process.

    ``scheduler`` is a Dask scheduler address (``tcp://host:8786``); without one a local cluster of
    ``n_workers`` single-thread worker processes is started and closed again. Remote workers need
    dateline and the spaCy pipeline ``model`` installed. Articles go out ``chunk_size`` at a time,
    with at most ``window`` chunks (default: four per worker thread) in flight or waiting to be
    written; a chunk that raises is retried up to ``retries`` times (one whose worker dies is re-run
    by the scheduler). Results are written
    ``batch_size`` at a time. Returns the counts :func:`~dateline.enrich.pipeline.enrich_store`
    returns: enriched, skipped_language, problems, failures, seconds.
    """
    started = time.perf_counter()
    name = model_name(model)
    versions = {s.name: s.version for s in build_stages(name)}
    pending = store.pending_articles(versions)
    total = len(pending)
    done = skipped = 0
    if pending:
        store.set_meta(CORPUS_STEPS_KEY, "pending")
        distributed = _import_distributed()
        client, cluster = _client(distributed, scheduler, n_workers)
        try:
            threads = sum(client.nthreads().values()) or n_workers
            log.info("enriching %d articles on %d Dask worker threads", total, threads)
            chunks = enumerate(_chunked(store.iter_articles(ids=pending), max(1, chunk_size)))
            limit = max(1, window or 4 * threads)
            run = uuid.uuid4().hex[:8]
            index: dict[Any, int] = {}
            ready: dict[int, list[ArticleEnrichment]] = {}
            buffer: list[ArticleEnrichment] = []
            next_write = 0
            outstanding = 0  # submitted, or finished and not yet written
            completed = distributed.as_completed()

            def submit_more() -> None:
                nonlocal outstanding
                while outstanding < limit:
                    item = next(chunks, None)
                    if item is None:
                        return
                    number, chunk = item
                    future = client.submit(
                        enrich_chunk, chunk, name, key=f"dateline-enrich-{run}-{number}", retries=retries
                    )
                    index[future] = number
                    completed.add(future)
                    outstanding += 1

            submit_more()
            try:
                for future in completed:
                    number = index.pop(future)
                    ready[number] = future.result()
                    future.release()
                    # Written in input order, as the single-process path writes them.
                    while next_write in ready:
                        for item in ready.pop(next_write):
                            buffer.append(item)
                            done += 1
                            skipped += _is_language_skip(item)
                            if progress:
                                progress(done, total, "Enriching")
                        next_write += 1
                        outstanding -= 1
                        if len(buffer) >= batch_size:
                            store.save_enrichments(buffer)
                            buffer.clear()
                    submit_more()
            except BaseException:
                # Keep whatever finished: those articles are no longer pending on the next run.
                for future in list(index):
                    future.cancel()
                buffer.extend(item for number in sorted(ready) for item in ready[number])
                store.save_enrichments(buffer)
                raise
            store.save_enrichments(buffer)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return finish_run(
        store, changed=bool(pending), done=done, skipped=skipped, started=started, progress=progress
    )


__all__ = ["enrich_chunk", "enrich_store_dask"]
