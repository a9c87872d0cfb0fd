"""Growth: ingest, enrichment, corpus steps, timeline queries, store size and memory at 10k–100k articles.

    python bench/scale_growth.py [--data DIR] [--work DIR] [--sizes 10000,30000,100000]
                                 [--per-day 25] [--pool 40000] [--slice 1000] [--processes 2]
                                 [--runs 5] [--query protesters] [--json FILE]

The corpus (``bench/scale_corpus.py``) recombines T17 sentences into articles at a fixed number of
articles a day, so a fixed 30-day window holds the same articles at every size and only the rest
of the store grows. Each step runs in its own process (peak RSS is that process's own):

1. ingest each size into a fresh SQLite store (no enrichment): seconds, store bytes, peak RSS;
2. the spaCy stages (entities, claims) on every pool sentence once, memoised (and timed);
3. the largest store is filled as enrichment fills it, from per-line memos: sentences are split
   for real; fingerprints are the element-wise minimum of the lines' MinHash signatures (shingles
   never cross a line, so this is the article's signature); time expressions are each line's,
   tagged once against two document dates, and a value that differs between the two (relative
   to the document date) is shifted to the article's own date; entities and claims come from step
   2. Edited lines of near-duplicate copies are fingerprinted and tagged for real. The real cost
   of every stage is step 4's, extrapolated. Smaller stores get a copy of the rows of their
   articles (the corpus of size N is the first N articles of the largest);
4. the whole real pipeline, all stages, on a fixed random ``--slice`` of articles in one process:
   CPU per article, from which the spaCy stages' cost at each size is extrapolated linearly (they
   are per-article and independent, so their cost is linear by construction);
5. the corpus steps at each size, for real: near-duplicate grouping, entity resolution, events;
6. timeline queries at each size, warm, median of ``--runs``: the fixed window with ``--query``
   and with no query, with the parts timed and the SQL query plans of the corpus view printed.

Figures print as they come; ``--json`` writes them all to a file as well.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_corpus import BASE_DAY, SHARD, assemble, sentence_pool, write_corpus

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
CHEAP = ("language", "sentences", "signature", "timex")
SPACY = ("entities", "claims")


def cpu() -> float:
    """CPU seconds of this process and its finished children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> int:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def store_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def db_path(work: Path, size: int) -> Path:
    return work / f"store-{size}.db"


# -- phases (each runs in its own process) -------------------------------------------------------


def phase_ingest(args: argparse.Namespace) -> dict[str, Any]:
    from dateline.ingest import ingest
    from dateline.store.sqlite import SQLiteStore

    shards = sorted((args.work / "corpus").glob("shard-*.jsonl"))[
        : (args.size + args.shard - 1) // args.shard
    ]
    path = db_path(args.work, args.size)
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    t0, c0 = time.perf_counter(), cpu()
    with SQLiteStore(path) as store:
        report = ingest(store, shards)
        stored = store.count_articles()
    wall, used = time.perf_counter() - t0, cpu() - c0
    return {
        "articles": stored,
        "rejected": len(report.rejected) if hasattr(report, "rejected") else None,
        "seconds": round(wall, 2),
        "cpu_seconds": round(used, 2),
        "articles_per_s": round(stored / wall),
        "store_mb": round(store_bytes(path) / 2**20, 1),
        "peak_rss_mb": peak_mb(),
    }


def phase_index(args: argparse.Namespace) -> dict[str, Any]:
    """The full-text index refresh that ingest now defers (to the first search or to enrichment)."""
    from dateline.store.sqlite import SQLiteStore

    path = args.db or db_path(args.work, args.size)
    t0, c0 = time.perf_counter(), cpu()
    with SQLiteStore(path) as store:
        indexed = store.refresh_search_index() if hasattr(store, "refresh_search_index") else None
    wall, used = time.perf_counter() - t0, cpu() - c0
    return {
        "indexed": indexed,
        "seconds": round(wall, 2),
        "cpu_seconds": round(used, 2),
        "store_mb": round(store_bytes(path) / 2**20, 1),
        "peak_rss_mb": peak_mb(),
    }


def phase_memo(args: argparse.Namespace) -> dict[str, Any]:
    import pickle

    from dateline.enrich.pipeline import enrich_articles
    from dateline.models import Article

    pool = json.loads((args.work / "corpus" / "pool.json").read_text())
    # Pool sentences go through spaCy 20 to a pseudo-article, one a line (as in the synthetic
    # articles), and each output is filed under the line it starts in, with offsets into that line.
    block = 20
    articles = (
        Article(id=f"p{k}", source="pool", published=date(2010, 1, 1), text="\n".join(pool[k : k + block]))
        for k in range(0, len(pool), block)
    )
    t0, c0 = time.perf_counter(), cpu()
    memo: dict[int, tuple[list[Any], list[Any]]] = {i: ([], []) for i in range(len(pool))}
    for item in enrich_articles(
        articles, stages=("sentences", *SPACY), processes=args.processes, chunk_size=4
    ):
        first = int(item.article_id[1:])
        lines = pool[first : first + block]
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)

        def line_of(offset: int, starts: list[int] = starts) -> int:
            return max(0, bisect_right(starts, offset) - 1)

        for m in item.mentions or ():
            k = line_of(m.start)
            if m.end <= starts[k] + len(lines[k]):
                memo[first + k][0].append(replace(m, start=m.start - starts[k], end=m.end - starts[k]))
        for c in item.claims or ():
            k = line_of((c.cue_span or (0, 0))[0])
            base, limit = starts[k], starts[k] + len(lines[k])
            spans = [s for s in (c.speaker_span, c.cue_span, c.content_span) if s is not None]
            if all(base <= s[0] and s[1] <= limit for s in spans):
                memo[first + k][1].append(
                    replace(
                        c,
                        speaker_span=_local(c.speaker_span, base),
                        cue_span=_local(c.cue_span, base),
                        content_span=_local(c.content_span, base),
                    )
                )
    wall, used = time.perf_counter() - t0, cpu() - c0
    (args.work / "memo.pickle").write_bytes(pickle.dumps(memo))
    return {
        "sentences": len(pool),
        "seconds": round(wall, 2),
        "cpu_seconds": round(used, 2),
        "sentences_per_cpu_s": round(len(pool) / used, 1),
        "mentions": sum(len(m) for m, _ in memo.values()),
        "claims": sum(len(c) for _, c in memo.values()),
    }


def _local(span: tuple[int, int] | None, base: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] - base, span[1] - base)


def line_memo(pool: list[str]) -> dict[int, Any]:
    """Per pool line: its fingerprint parts and its time expressions tagged against two document
    dates (an expression whose value differs between the two is relative to the document date)."""
    import numpy as np

    from dateline.enrich.dedup import fingerprint
    from dateline.timeline.corpus import describes_day, timex_day
    from dateline.timex import tag

    out: dict[int, Any] = {}
    for i, line in enumerate(pool):
        fp = fingerprint(line)
        first, second = tag(line, dct=DCT_A), tag(line, dct=DCT_B)
        seconds = {(t.start, t.end): t.value for t in second}
        timexes = []
        for t in first:
            dated = t.type in ("DATE", "TIME") and describes_day(line, t)
            resolved = timex_day(t.value) if dated else None
            relative = seconds.get((t.start, t.end)) != t.value
            timexes.append((t, resolved, relative))
        out[i] = (np.asarray(fp.signature), fp.shingles, fp.tokens, timexes)
    return out


DCT_A, DCT_B = date(2008, 6, 15), date(2010, 3, 10)


def _tag_line(line: str, dct: date) -> list[tuple[Any, Any, bool]]:
    """An edited line of a copy, tagged for real against its own date (so never shifted)."""
    from dateline.timeline.corpus import describes_day, timex_day
    from dateline.timex import tag

    out = []
    for t in tag(line, dct=dct):
        dated = t.type in ("DATE", "TIME") and describes_day(line, t)
        out.append((t, timex_day(t.value) if dated else None, False))
    return out


def phase_enrich(args: argparse.Namespace) -> dict[str, Any]:
    """Populate the largest store as enrichment would, from per-line memos (see the docstring)."""
    import hashlib
    import pickle

    import numpy as np

    from dateline.config import model_name
    from dateline.enrich.dedup import Fingerprint, fingerprint
    from dateline.enrich.pipeline import build_stages
    from dateline.enrich.sentences import make_sentences
    from dateline.models import StoredTimex
    from dateline.store.base import ArticleEnrichment, StageResult
    from dateline.store.sqlite import SQLiteStore

    memo = pickle.loads((args.work / "memo.pickle").read_bytes())
    pool = json.loads((args.work / "corpus" / "pool.json").read_text())
    lines_of = json.loads((args.work / "corpus" / "lines.json").read_text())
    t0, c0 = time.perf_counter(), cpu()
    cached = args.work / "line-memo.pickle"
    if cached.exists():
        per_line = pickle.loads(cached.read_bytes())
    else:
        per_line = line_memo(pool)
        cached.write_bytes(pickle.dumps(per_line))
    memo_cpu = cpu() - c0
    if args.copy_from:
        copy_enrichment(args.work, args.copy_from, args.size)
    if args.size > args.corpus_max and args.copy_from:
        return clone_enrichment(args.work, args.copy_from, args.size) | {"cpu_seconds": round(cpu() - c0, 2)}
    versions = {s.name: s.version for s in build_stages(model_name(None))}
    results = tuple(StageResult(s, versions[s], "ok") for s in versions)
    store = SQLiteStore(db_path(args.work, args.size))
    ids = store.pending_articles(versions)
    saving = 0.0
    buffer: list[ArticleEnrichment] = []
    unassembled = copies = 0
    for article in store.iter_articles(ids=ids):
        lines = lines_of[article.id]
        sentences = make_sentences(article.id, article.text)
        starts = [s.start for s in sentences]
        got = assemble(article.id, article.text, article.published, lines, starts, memo)
        if got is None:
            unassembled += 1
            got = ([], [])
        if -1 in lines:  # an edited copy: its own fingerprint
            copies += 1
            signature = (fingerprint(article.text).to_bytes(), len(article.text))
        else:
            parts = [per_line[i] for i in lines]
            exact = hashlib.blake2b(article.text.encode(), digest_size=8).digest()
            fp = Fingerprint(
                np.minimum.reduce([p[0] for p in parts]).astype(np.uint32),
                sum(p[1] for p in parts),
                sum(p[2] for p in parts),
                exact,
                3,
                1,
            )
            signature = (fp.to_bytes(), len(article.text))
        timexes = []
        offset = 0
        shift = article.published - DCT_A
        for part, index in zip(article.text.split("\n"), lines, strict=False):
            found = per_line[index][3] if index >= 0 else _tag_line(part, article.published)
            for t, resolved, relative in found:
                day, precision = resolved if resolved else (None, None)
                timex = replace(t, start=t.start + offset, end=t.end + offset)
                if relative and day is not None:
                    day = day + shift
                    day = day.replace(day=1) if precision == "month" else day
                    day = day.replace(month=1, day=1) if precision == "year" else day
                    timex = replace(timex, anchor=article.published.isoformat())
                sent = max(0, bisect_right(starts, timex.start) - 1)
                timexes.append(StoredTimex(article.id, sent, timex, day, precision))
            offset += len(part) + 1
        buffer.append(
            ArticleEnrichment(
                article.id,
                results,
                "en",
                tuple(sentences),
                tuple(got[0]),
                tuple(timexes),
                tuple(got[1]),
                signature,
            )
        )
        if len(buffer) >= 500:
            s0 = time.perf_counter()
            store.save_enrichments(buffer)
            saving += time.perf_counter() - s0
            buffer.clear()
    s0 = time.perf_counter()
    store.save_enrichments(buffer)
    saving += time.perf_counter() - s0
    counts = {
        t: store._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("sentences", "timexes", "mentions", "claims", "signatures")
    }
    store.close()
    return {
        "articles": len(ids),
        "seconds": round(time.perf_counter() - t0, 2),
        "cpu_seconds": round(cpu() - c0, 2),
        "line_memo_cpu_seconds": round(memo_cpu, 2),
        "save_seconds": round(saving, 2),
        "unassembled": unassembled,
        "edited_copies_fingerprinted": copies,
        "rows": counts,
        "store_mb": round(store_bytes(db_path(args.work, args.size)) / 2**20, 1),
        "peak_rss_mb": peak_mb(),
    }


def phase_slice(args: argparse.Namespace) -> dict[str, Any]:
    from dateline.enrich.pipeline import enrich_articles
    from dateline.store.sqlite import SQLiteStore

    with SQLiteStore(db_path(args.work, args.size)) as store:
        ids = sorted(store.article_dates())
        random.Random(7).shuffle(ids)
        articles = list(store.iter_articles(ids=ids[: args.slice]))
    out: dict[str, Any] = {"articles": len(articles)}
    for label, stages in (("cheap", CHEAP), ("all", None)):
        list(enrich_articles(articles[:2], stages=stages, processes=1))  # load the pipeline first
        t0, c0 = time.perf_counter(), cpu()
        results = list(enrich_articles(articles, stages=stages, processes=1))
        wall, used = time.perf_counter() - t0, cpu() - c0
        out[label] = {
            "seconds": round(wall, 2),
            "cpu_seconds": round(used, 2),
            "cpu_ms_per_article": round(1000 * used / len(articles), 2),
            "failed": sum(1 for r in results for s in r.results if s.status == "failed"),
        }
    out["spacy_cpu_ms_per_article"] = round(
        out["all"]["cpu_ms_per_article"] - out["cheap"]["cpu_ms_per_article"], 2
    )
    out["sentences_per_article"] = round(statistics.mean(a.text.count("\n") + 1 for a in articles), 1)
    out["peak_rss_mb"] = peak_mb()
    return out


def phase_corpus(args: argparse.Namespace) -> dict[str, Any]:
    from dateline.enrich.corpus import update_duplicates, update_entities
    from dateline.events.build import update_events
    from dateline.store.sqlite import SQLiteStore

    out: dict[str, Any] = {}
    with SQLiteStore(db_path(args.work, args.size)) as store:
        steps = [("dedup", update_duplicates), ("entities", update_entities), ("events", update_events)]
        for name, step in steps if args.size <= args.corpus_max else steps[:1]:
            t0, c0 = time.perf_counter(), cpu()
            count = step(store)
            out[name] = {
                "seconds": round(time.perf_counter() - t0, 2),
                "cpu_seconds": round(cpu() - c0, 2),
                "count": count,
                "peak_rss_mb_so_far": peak_mb(),
            }
    out["store_mb"] = round(store_bytes(db_path(args.work, args.size)) / 2**20, 1)
    return out


PLANS = {
    "timexes of the window": "SELECT t.article_id, t.sent_idx, t.day, t.day_precision FROM timexes t"
    " JOIN articles a ON a.id = t.article_id WHERE t.day IS NOT NULL AND a.published >= ? AND a.published <= ?",
    "sentences of the window": "SELECT s.article_id, a.source, a.published, s.idx, s.text FROM sentences s"
    " JOIN articles a ON a.id = s.article_id WHERE a.published >= ? AND a.published <= ?"
    " ORDER BY a.published, s.article_id, s.idx",
    "FTS match (whole store)": "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    " WHERE articles_fts MATCH ?",
}


def phase_timeline(args: argparse.Namespace) -> dict[str, Any]:
    from dateline.api import LOOK_BACK_DAYS, build_timeline
    from dateline.store.sqlite import SQLiteStore

    start = BASE_DAY + timedelta(days=60)
    end = start + timedelta(days=29)
    out: dict[str, Any] = {"window": [start.isoformat(), end.isoformat()]}
    with SQLiteStore(db_path(args.work, args.size)) as store:
        read_until = end + timedelta(days=LOOK_BACK_DAYS)
        for label, query in (("query", args.query), ("no query", None)):
            build_timeline(store, query=query, start=start, end=end)  # warm the page cache
            times, cpus = [], []
            for _ in range(args.runs):
                t0, c0 = time.perf_counter(), time.process_time()
                timeline = build_timeline(store, query=query, start=start, end=end)
                times.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
            t0 = time.perf_counter()
            ids = store.matching_article_ids(query) if query else None
            t1 = time.perf_counter()
            corpus = store.corpus_sentences(article_ids=ids, start=start, end=read_until)
            t2 = time.perf_counter()
            store.entities()
            t3 = time.perf_counter()
            parts = [t1 - t0, t2 - t1, t3 - t2]
            out[label] = {
                "median_seconds": round(statistics.median(times), 3),
                "min_seconds": round(min(times), 3),
                "median_cpu_seconds": round(statistics.median(cpus), 3),
                "entries": len(timeline.entries),
                "matching_ids_whole_store": len(ids) if ids is not None else None,
                "corpus_sentences": len(corpus),
                "window_articles": len({s.article_id for s in corpus}),
                "fts_match_seconds": round(parts[0], 3),
                "corpus_view_seconds": round(parts[1], 3),
                "all_entities_seconds": round(parts[2], 3),
            }
        db = sqlite3.connect(db_path(args.work, args.size))
        plans = {}
        for name, sql in PLANS.items():
            params = ['"protesters"'] if "MATCH" in sql else [start.isoformat(), read_until.isoformat()]
            plans[name] = [r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params)]
        db.close()
    out["plans"] = plans
    out["peak_rss_mb"] = peak_mb()
    return out


PHASES = {
    "ingest": phase_ingest,
    "index": phase_index,
    "memo": phase_memo,
    "enrich": phase_enrich,
    "slice": phase_slice,
    "corpus": phase_corpus,
    "timeline": phase_timeline,
}


# -- the driver ----------------------------------------------------------------------------------


def run_phase(args: argparse.Namespace, phase: str, size: int) -> dict[str, Any]:
    """Run one phase in a fresh process and return its figures."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        phase,
        "--size",
        str(size),
        "--work",
        str(args.work),
        "--processes",
        str(args.processes),
        "--slice",
        str(args.slice),
        "--runs",
        str(args.runs),
        "--query",
        args.query,
        "--shard",
        str(args.shard),
        "--copy-from",
        str(args.copy_from),
        "--corpus-max",
        str(args.corpus_max),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"phase {phase} ({size}) failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  {phase} {size:,}: {json.dumps(result)}", flush=True)
    return result


def clone_enrichment(work: Path, source: int, target: int) -> dict[str, Any]:
    """Fill the articles of the ``target`` store past the first ``source`` with copies of the
    enrichment rows of articles 1..``source`` (ids substituted), so that every table has its full
    size without enriching them: only for stores too large to fill in the time at hand, and only
    for measuring what reads a fixed window (the copies' dates and fingerprints are not theirs)."""
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path(work, target), isolation_level=None)
    db.execute("CREATE TEMP TABLE clone_map (new TEXT PRIMARY KEY, old TEXT NOT NULL)")
    db.executemany(
        "INSERT INTO clone_map VALUES (?, ?)", [(f"s{k}", f"s{k % source}") for k in range(source, target)]
    )
    db.execute("BEGIN")
    for table in ("stage_runs", "sentences", "mentions", "timexes", "claims", "signatures"):
        cols = [r[1] for r in db.execute(f"PRAGMA main.table_info({table})") if r[1] not in ("rowid",)]
        rest = [c for c in cols if c != "article_id"]
        names = ", ".join(f'"{c}"' for c in rest)
        picked = ", ".join(f'x."{c}"' for c in rest)
        db.execute(
            f"INSERT INTO main.{table} (article_id, {names}) SELECT m.new, {picked}"
            f" FROM main.{table} x JOIN clone_map m ON x.article_id = m.old"
        )
    db.execute("UPDATE articles SET language = 'en' WHERE language IS NULL")
    db.execute("COMMIT")
    db.close()
    return {
        "cloned_articles": target - source,
        "seconds": round(time.perf_counter() - t0, 2),
        "store_mb": round(store_bytes(db_path(work, target)) / 2**20, 1),
    }


def copy_enrichment(work: Path, source: int, target: int) -> float:
    """Give the store of ``target`` articles the enrichment rows the store of ``source`` holds for
    its articles (the corpora are prefixes of one another, so their articles are the same)."""
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path(work, target), isolation_level=None)
    db.execute("ATTACH DATABASE ? AS big", (str(db_path(work, source)),))
    db.execute("BEGIN")
    for table in ("stage_runs", "sentences", "mentions", "timexes", "claims", "signatures"):
        db.execute(f"DELETE FROM main.{table}")
        cols = [r[1] for r in db.execute(f"PRAGMA main.table_info({table})") if r[1] != "rowid"]
        names = ", ".join(f'"{c}"' for c in cols)
        db.execute(
            f"INSERT INTO main.{table} ({names}) SELECT {names} FROM big.{table}"
            " WHERE article_id IN (SELECT id FROM main.articles)"
        )
    db.execute(
        "UPDATE main.articles SET language = (SELECT language FROM big.articles b WHERE b.id = articles.id)"
    )
    db.execute("COMMIT")
    db.execute("DETACH DATABASE big")
    db.close()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (t17/)")
    parser.add_argument("--work", type=Path, default=None, help="where corpus and stores go (kept)")
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--per-day", type=int, default=25, help="articles a day in the synthetic corpus")
    parser.add_argument("--pool", type=int, default=40000, help="distinct T17 sentences to recombine")
    parser.add_argument("--slice", type=int, default=1000, help="articles for the real all-stage run")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5, help="timeline runs per size (median kept)")
    parser.add_argument("--query", default="protesters")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--corpus-max", type=int, default=10**9, help="entities and events only up to this size"
    )
    parser.add_argument("--skip", default="", help="steps to skip (done before): ingest,memo,enrich,slice")
    parser.add_argument("--shard", type=int, default=SHARD, help="articles per corpus file")
    parser.add_argument("--json", type=Path, default=None, help="also write all figures here")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--copy-from", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--from-log", type=Path, default=None, help="re-print the table of a run's output")
    args = parser.parse_args()
    if args.from_log:
        report(from_log(args.from_log))
        return 0
    if args.phase:
        print(json.dumps(PHASES[args.phase](args)))
        return 0

    args.work = (args.work or Path(tempfile.gettempdir()) / "dateline-scale").resolve()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if any(n % args.shard for n in sizes):
        parser.error(f"sizes must be multiples of --shard ({args.shard})")
    skip = set(filter(None, args.skip.split(",")))
    free = shutil.disk_usage(args.work.parent if not args.work.exists() else args.work).free
    print(f"work directory {args.work} ({free / 2**30:.0f} GB free); load average {os.getloadavg()}")
    t0 = time.perf_counter()
    pool = sentence_pool(args.data, args.pool, args.seed)
    corpus_dir = args.work / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    (corpus_dir / "pool.json").write_text(json.dumps(pool))
    shards = write_corpus(pool, sizes[-1], corpus_dir, per_day=args.per_day, seed=args.seed, shard=args.shard)
    mb = sum(p.stat().st_size for p in shards) / 2**20
    print(
        f"corpus: {sizes[-1]:,} articles, {len(shards)} shards, {mb:.0f} MB, {len(pool):,} pool sentences, "
        f"{args.per_day}/day from {BASE_DAY} ({time.perf_counter() - t0:.0f} s)"
    )
    figures: dict[str, Any] = {
        "sizes": sizes,
        "per_day": args.per_day,
        "pool": len(pool),
        "corpus_mb": round(mb),
    }
    if "ingest" not in skip:
        figures["ingest"] = {n: run_phase(args, "ingest", n) for n in sizes}
        figures["index"] = {n: run_phase(args, "index", n) for n in sizes}
    if "memo" not in skip:
        figures["memo"] = run_phase(args, "memo", 0)
    # Smallest first, each store starting from a copy of the previous one's rows, so the figures
    # of the small sizes come early.
    previous = 0
    for n in sizes:
        if "enrich" not in skip:
            args.copy_from = previous
            figures.setdefault("enrich", {})[n] = run_phase(args, "enrich", n)
            previous = n
        figures.setdefault("corpus", {})[n] = run_phase(args, "corpus", n)
        figures.setdefault("timeline", {})[n] = run_phase(args, "timeline", n)
    if "slice" not in skip:
        figures["slice"] = run_phase(args, "slice", sizes[-1])
    report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


def report(f: dict[str, Any]) -> None:
    """Print the per-size table (CPU seconds: the machine may be shared, so wall time is noisy)."""
    sizes = f["sizes"]
    sl = f.get("slice")
    cheap_ms = sl["cheap"]["cpu_ms_per_article"] if sl else float("nan")
    spacy_ms = sl["spacy_cpu_ms_per_article"] if sl else float("nan")
    print(
        f"\n{'articles':>9} {'ingest':>7} {'index':>6} {'MB':>5} {'RSS':>5} {'stages*':>8} {'dedup':>6}"
        f" {'entities':>8} {'events':>7} {'RSS':>5} {'MB':>6} {'tl query':>9} {'tl all':>7}"
    )
    for n in sizes:
        i, x = f["ingest"][n], f.get("index", {}).get(n, {})
        c, t = f["corpus"][n], f["timeline"][n]
        print(
            f"{n:>9,} {i['cpu_seconds']:>7.1f} {x.get('cpu_seconds', float('nan')):>6.1f}"
            f" {x.get('store_mb', i['store_mb']):>5.0f} {i['peak_rss_mb']:>5}"
            f" {n * (cheap_ms + spacy_ms) / 1000:>8,.0f} {c['dedup']['cpu_seconds']:>6.1f}"
            f" {c.get('entities', {}).get('cpu_seconds', float('nan')):>8.1f}"
            f" {c.get('events', {}).get('cpu_seconds', float('nan')):>7.1f}"
            f" {max(v['peak_rss_mb_so_far'] for k, v in c.items() if k != 'store_mb'):>5} {c['store_mb']:>6.0f}"
            f" {t['query'].get('median_cpu_seconds', float('nan')):>9.2f}"
            f" {t['no query'].get('median_cpu_seconds', float('nan')):>7.2f}"
        )
    print(
        "\nCPU seconds (timeline: median of the warm runs). ingest: store only;"
        " index: the deferred full-text refresh; MB: store size after ingest+index, then enriched;"
        " RSS: peak MB of the ingest and of the corpus-step process."
    )
    if sl:
        print(
            f"* stages: EXTRAPOLATED from {sl['articles']} articles enriched for real (all stages, one"
            f" process): {cheap_ms} ms CPU per article for language+sentences+signature+timex,"
            f" {spacy_ms} ms for entities+claims; linear by construction (per-article, independent)."
        )


def from_log(path: Path) -> dict[str, Any]:
    """Rebuild the figures from the lines a run printed (``  phase size: {json}``)."""
    f: dict[str, Any] = {}
    for line in path.read_text().splitlines():
        head, sep, body = line.strip().partition(": ")
        if not sep or not body.startswith("{") or " " not in head:
            continue
        phase, size = head.split(" ", 1)
        value = json.loads(body)
        n = int(size.replace(",", ""))
        if phase in ("ingest", "index", "corpus", "timeline"):
            f.setdefault(phase, {})[n] = value
        else:
            f[phase] = value
    f["sizes"] = sorted(f.get("corpus", f.get("ingest", {})))
    return f


if __name__ == "__main__":
    sys.exit(main())
