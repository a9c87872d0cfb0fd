"""The enrichment runner: named stages over one article, in worker processes, then corpus steps.

Per-article stages (registered in :data:`STAGES`, in order) each declare what they need and what
they add, and run on an :class:`ArticleWork` record. The runner checks that a stage added what it
declared and names the stage and article when one fails; a failure is recorded against that
article and stage and never stops the batch. Stages whose version changed re-run alone.

Corpus-level steps (entity resolution across articles, near-duplicate groups) run after the
per-article stages, over what the store holds.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from dateline.config import load_pipeline, model_name, model_version, workers
from dateline.errors import StageError
from dateline.models import Article, Claim, Mention, Sentence, StoredTimex
from dateline.store.base import ArticleEnrichment, StageResult, Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None, str], None]

# Claims are parsed from at most this much of an article (a 2 MB page dump holds no more news
# than its first pages, and the parser's cost grows with length).
CLAIMS_MAX_CHARS = 50_000

# The store's meta key saying whether the corpus steps (duplicates, entities, events) are current.
CORPUS_STEPS_KEY = "corpus_steps"


@dataclass
class ArticleWork:
    """The working record one article carries through the stages."""

    article: Article
    nlp: Any = None
    language: str | None = None
    english: bool = True
    sentences: list[Sentence] | None = None
    doc: Any = None
    mentions: list[Mention] | None = None
    timexes: list[StoredTimex] | None = None
    claims: list[Claim] | None = None
    signature: tuple[bytes, int] | None = None
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences or ()]


@dataclass(frozen=True)
class Stage:
    """A named enrichment stage: ``run(work)`` fills the fields listed in ``adds``."""

    name: str
    version: str
    run: Callable[[ArticleWork], None]
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()
    english_only: bool = False


# -- the stages ---------------------------------------------------------------------------------


def _language(work: ArticleWork) -> None:
    from dateline.enrich.language import language_of

    code, confidence = language_of(work.article)
    # A weak non-English guess is usually an English text with foreign names in it.
    work.english = code == "en" or confidence < 0.5
    work.language = "en" if work.english else code


def _sentences(work: ArticleWork) -> None:
    from dateline.enrich.sentences import make_sentences

    work.sentences = make_sentences(work.article.id, work.article.text)
    if not work.sentences:
        work.notes["sentences"] = "no sentence in the text"


def _entities(work: ArticleWork) -> None:
    from dateline.enrich.entities import mentions_from_doc

    work.doc = work.doc if work.doc is not None else _ner_doc(work)
    work.mentions = mentions_from_doc(
        work.doc, article_id=work.article.id, sentence_starts=work.sentence_starts
    )


def _ner_doc(work: ArticleWork) -> Any:
    from dateline.enrich.entities import ner_input

    nlp = work.nlp
    # In the small English pipelines NER has its own embedding layer: it needs no tok2vec.
    keep = ["ner"] if "ner" in nlp.pipe_names else []
    text = ner_input(work.article.text)
    if len(text) < len(work.article.text):
        work.notes["entities"] = f"entities read from the first {len(text)} characters only"
    with nlp.select_pipes(enable=keep):
        return nlp(text)


def _timexes(work: ArticleWork) -> None:
    from dateline.timeline.corpus import describes_day, timex_day
    from dateline.timex import tag

    found = tag(work.article.text, dct=work.article.published)
    starts = work.sentence_starts
    work.timexes = []
    for timex in found:
        dated = timex.type in ("DATE", "TIME") and describes_day(work.article.text, timex)
        resolved = timex_day(timex.value) if dated else None
        day, precision = resolved if resolved else (None, None)
        index = max(0, bisect_right(starts, timex.start) - 1)
        work.timexes.append(StoredTimex(work.article.id, index, timex, day, precision))


def _claims(work: ArticleWork) -> None:
    from dateline.enrich.claims import candidate_doc, extract_claims

    sentences = [s for s in work.sentences or [] if s.end <= CLAIMS_MAX_CHARS]
    if len(sentences) < len(work.sentences or []):
        work.notes["claims"] = f"claims read from the first {CLAIMS_MAX_CHARS} characters only"
    doc = candidate_doc(work.nlp, work.article.text, sentences)
    if doc is None:
        work.claims = []
        return
    # NER already ran on the article: the claims parse borrows those entities (pronoun speakers
    # are resolved to PERSON names).
    if work.doc is not None:
        spans = (doc.char_span(e.start_char, e.end_char, label=e.label_) for e in work.doc.ents)
        doc.ents = [span for span in spans if span is not None]
    work.claims = extract_claims(
        doc,
        article_id=work.article.id,
        sentence_starts=work.sentence_starts,
        published=work.article.published,
    )


def _signature(work: ArticleWork) -> None:
    from dateline.enrich.dedup import fingerprint

    text = work.article.text
    work.signature = (fingerprint(text).to_bytes(), len(text))


def build_stages(model: str) -> tuple[Stage, ...]:
    """The registered stages, in running order; model-dependent versions name the model."""
    mv = model_version(model)
    return (
        Stage("language", "1", _language, adds=("language",)),
        Stage("sentences", "1", _sentences, adds=("sentences",)),
        Stage("signature", "2", _signature, adds=("signature",)),
        Stage("timex", "3", _timexes, needs=("sentences",), adds=("timexes",)),
        Stage("entities", f"1+{mv}", _entities, needs=("sentences",), adds=("mentions",), english_only=True),
        Stage(
            "claims", f"3+{mv}", _claims, needs=("sentences", "mentions"), adds=("claims",), english_only=True
        ),
    )


def stage_versions(model: str | None = None) -> dict[str, str]:
    """Stage name → version for the configured model."""
    return {s.name: s.version for s in build_stages(model_name(model))}


# -- running ------------------------------------------------------------------------------------


def enrich_article(article: Article, nlp: Any, stages: Sequence[Stage]) -> ArticleEnrichment:
    """Run ``stages`` on one article; a failing stage is recorded, and stages needing it skip."""
    work = ArticleWork(article=article, nlp=nlp)
    results: list[StageResult] = []
    failed: set[str] = set()
    for stage in stages:
        missing = [n for n in stage.needs if getattr(work, n) is None]
        if stage.english_only and not work.english:
            results.append(
                StageResult(
                    stage.name, stage.version, "skipped", f"language {work.language!r} is not English"
                )
            )
            continue
        if missing:
            results.append(
                StageResult(stage.name, stage.version, "skipped", f"needs {', '.join(missing)}, which failed")
            )
            failed.add(stage.name)
            continue
        try:
            stage.run(work)
            absent = [n for n in stage.adds if getattr(work, n) is None]
            if absent:
                raise StageError(stage.name, article.id, f"did not add {', '.join(absent)}")
        except Exception as exc:  # a stage bug must not stop the batch; it is recorded
            reason = exc.reason if isinstance(exc, StageError) else f"{type(exc).__name__}: {exc}"
            log.warning("stage %s failed on %s: %s", stage.name, article.id, reason)
            results.append(StageResult(stage.name, stage.version, "failed", reason[:500]))
            failed.add(stage.name)
            for name in stage.adds:
                setattr(work, name, None)
            continue
        results.append(StageResult(stage.name, stage.version, "ok", work.notes.get(stage.name)))
    return ArticleEnrichment(
        article_id=article.id,
        results=tuple(results),
        language=work.language,
        sentences=tuple(work.sentences) if work.sentences is not None else None,
        mentions=tuple(work.mentions) if work.mentions is not None else None,
        timexes=tuple(work.timexes) if work.timexes is not None else None,
        claims=tuple(work.claims) if work.claims is not None else None,
        signature=work.signature,
    )


_WORKER: dict[str, Any] = {}


def _exit_with_parent(parent: int) -> None:
    """Exit this worker once its parent is gone: a SIGKILLed runner cannot shut its pool down, and
    the orphans would otherwise wait forever for work, holding a loaded model each."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _init_worker(model: str, names: tuple[str, ...], parent: int | None = None) -> None:
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _WORKER["nlp"] = load_pipeline(model)
    _WORKER["stages"] = tuple(s for s in build_stages(model) if s.name in names)


def _run_chunk(articles: list[Article]) -> list[ArticleEnrichment]:
    return [enrich_article(a, _WORKER["nlp"], _WORKER["stages"]) for a in articles]


def enrich_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    stages: Iterable[str] | None = None,
    processes: int | None = None,
    chunk_size: int = 16,
) -> Iterator[ArticleEnrichment]:
    """Enrich articles (in ``processes`` worker processes when more than one), yielding results
    in input order. ``stages`` limits which stages run (default: all)."""
    name = model_name(model)
    wanted = tuple(s.name for s in build_stages(name) if stages is None or s.name in set(stages))
    processes = processes or workers()
    chunks = _chunked(articles, chunk_size)
    if processes <= 1:
        _init_worker(name, wanted)
        for chunk in chunks:
            yield from _run_chunk(chunk)
        return
    with ProcessPoolExecutor(
        max_workers=processes, initializer=_init_worker, initargs=(name, wanted, os.getpid())
    ) as pool:
        for results in pool.map(_run_chunk, chunks):
            yield from results


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def enrich_store(
    store: Store,
    *,
    model: str | None = None,
    progress: Progress | None = None,
    processes: int | None = None,
    batch_size: int = 64,
) -> dict[str, Any]:
    """Enrich every article that misses a stage (or has it at an old version), then run the
    corpus-level steps. Returns counts: enriched, skipped_language, failed, failures, seconds."""
    started = time.perf_counter()
    name = model_name(model)
    stages = build_stages(name)
    versions = {s.name: s.version for s in stages}
    pending = store.pending_articles(versions)
    done = skipped = 0
    total = len(pending)
    if pending:
        # Set before the first article's results are saved and cleared only when the corpus steps
        # have all run, so a run killed in between is finished by the next one.
        store.set_meta(CORPUS_STEPS_KEY, "pending")
        buffer: list[ArticleEnrichment] = []
        articles = store.iter_articles(ids=pending)
        for item in enrich_articles(articles, model=name, processes=processes):
            buffer.append(item)
            done += 1
            if any(r.status == "skipped" and r.reason and "not English" in r.reason for r in item.results):
                skipped += 1
            if len(buffer) >= batch_size:
                store.save_enrichments(buffer)
                buffer.clear()
            if progress:
                progress(done, total, "Enriching")
        store.save_enrichments(buffer)
    return finish_run(
        store, changed=bool(pending), done=done, skipped=skipped, started=started, progress=progress
    )


def finish_run(
    store: Store, *, changed: bool, done: int, skipped: int, started: float, progress: Progress | None
) -> dict[str, Any]:
    """Run the corpus steps when articles ``changed`` or an earlier run did not finish them, and
    return the run's counts (shared by the local and the Dask runner)."""
    if changed or store.get_meta(CORPUS_STEPS_KEY) != "done":
        if progress:
            progress(done, done, "Linking entities and duplicates")
        from dateline.enrich.corpus import update_corpus

        update_corpus(store)
        store.set_meta(CORPUS_STEPS_KEY, "done")
    failures = [f for f in store.failures() if "not English" not in f[2]]
    return {
        "enriched": done,
        "skipped_language": skipped,
        "problems": len({f[0] for f in failures}),
        "failures": failures,
        "seconds": round(time.perf_counter() - started, 3),
    }
