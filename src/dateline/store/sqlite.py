"""The embedded SQLite store: one file, WAL journal, FTS5 full-text search.

Every write is one transaction, so a crash (even SIGKILL) leaves only whole articles and whole
enrichment results behind; WAL lets readers (``dateline serve``) read while a writer ingests.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from dateline.errors import StoreError
from dateline.models import Article, Claim, Entity, Event, Mention, Sentence, StoredTimex, Timex
from dateline.store.base import ArticleEnrichment, PutStatus, SearchHit, StoreStats
from dateline.store.migrations import MIGRATIONS
from dateline.store.records import cited_outlets, event_from_json, event_to_json
from dateline.timeline.corpus import CorpusSentence

log = logging.getLogger(__name__)
T = TypeVar("T")

_TOKEN = re.compile(r"[\w][\w'-]*", re.UNICODE)


def fts_query(text: str, *, any_term: bool = False) -> str | None:
    """Turn free text into a safe FTS5 query: quoted terms, all required unless ``any_term``."""
    terms = [t for t in _TOKEN.findall(text) if t.lower() not in {"and", "or", "not", "near"}]
    if not terms:
        return None
    quoted = ['"' + t.replace('"', "") + '"' for t in terms]
    return (" OR " if any_term else " ").join(quoted)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class SQLiteStore:
    """A dateline store in one SQLite file (``":memory:"`` for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.location = str(path)
        if self.location != ":memory:":
            parent = Path(self.location).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{self.location}: directory {parent} does not exist")
        try:
            self._db = sqlite3.connect(self.location, timeout=30, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA busy_timeout = 30000")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            # Timeline queries read tens of thousands of rows: map the file and keep a larger page
            # cache than the 2 MB default (both bounded; pages are shared with the OS cache).
            self._db.execute("PRAGMA mmap_size = 1073741824")
            self._db.execute("PRAGMA cache_size = -65536")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.location}: cannot open the store ({exc})") from exc

    # -- plumbing -------------------------------------------------------------------------------

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        done = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            log.info("applying migration %s to %s", name, self.location)
            # executescript commits on its own, so the record goes in the same script.
            stamp = datetime.now(UTC).isoformat()
            self._db.executescript(
                f"BEGIN;\n{sql}\nINSERT INTO migrations VALUES ('{name}', '{stamp}');\nCOMMIT;"
            )

    def _write(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(cursor, *args)`` in one IMMEDIATE transaction; roll back on any error."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.location}: cannot write ({exc})") from exc
        try:
            result = fn(self._db.cursor(), *args)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return result

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------------

    def put_articles(self, articles: Sequence[Article]) -> list[PutStatus]:
        """Store articles in one transaction: new ones are inserted, edited ones updated (their
        enrichment is dropped so it runs again), identical ones left alone."""
        return self._write(self._put, articles)

    def _put(self, cur: sqlite3.Cursor, articles: Sequence[Article]) -> list[PutStatus]:
        statuses: list[PutStatus] = []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for article in articles:
            digest = article.content_hash
            row = cur.execute("SELECT content_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
            values = (
                article.source,
                article.url,
                article.published.isoformat(),
                article.published_precision,
                article.title,
                article.text,
                article.language,
                article.origin,
                (article.ingested_at.isoformat() if article.ingested_at else now),
                digest,
                json.dumps(article.extra, ensure_ascii=False, default=str),
            )
            if row is None:
                cur.execute(
                    "INSERT INTO articles (source, url, published, published_precision, title, text, language,"
                    " origin, ingested_at, content_hash, extra, fts_pending, id)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?)",
                    (*values, article.id),
                )
                statuses.append("stored")
            elif row[0] == digest:
                statuses.append("unchanged")
            else:
                cur.execute(
                    "UPDATE articles SET source=?, url=?, published=?, published_precision=?, title=?, text=?,"
                    " language=?, origin=?, ingested_at=?, content_hash=?, extra=?, dup_group=NULL, fts_pending=1"
                    " WHERE id=?",
                    (*values, article.id),
                )
                for table in ("stage_runs", "sentences", "mentions", "timexes", "claims", "signatures"):
                    cur.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
                statuses.append("updated")
        return statuses

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"],
            source=row["source"],
            published=date.fromisoformat(row["published"]),
            text=row["text"],
            title=row["title"],
            url=row["url"],
            published_precision=row["published_precision"],
            language=row["language"],
            origin=row["origin"],
            ingested_at=datetime.fromisoformat(row["ingested_at"]),
            extra=json.loads(row["extra"] or "{}"),
        )

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def iter_articles(
        self, *, ids: Iterable[str] | None = None, start: date | None = None, end: date | None = None
    ) -> Iterator[Article]:
        """Articles in publication order, optionally only ``ids`` or those inside ``[start, end]``."""
        if ids is not None:
            for article_id in ids:
                article = self.get_article(article_id)
                if article is not None:
                    yield article
            return
        sql, args = "SELECT * FROM articles WHERE 1=1", list[Any]()
        if start:
            sql, args = sql + " AND published >= ?", [*args, start.isoformat()]
        if end:
            sql, args = sql + " AND published <= ?", [*args, end.isoformat()]
        for row in self._db.execute(sql + " ORDER BY published, id", args):
            yield self._article(row)

    def article_dates(self) -> dict[str, date]:
        """Article id → publication date, for every article."""
        return {
            r[0]: date.fromisoformat(r[1]) for r in self._db.execute("SELECT id, published FROM articles")
        }

    def count_articles(self) -> int:
        """How many articles the store holds."""
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def refresh_search_index(self, *, batch: int = 500) -> int:
        """Bring the full-text index up to date with the articles stored since it was last
        refreshed; returns how many were indexed.

        Ingest leaves the index to this step (a batch costs far less than indexing row by row
        inside every ingest transaction). Each batch is its own short transaction, so a
        concurrent ingest is never locked out for long; a store opened read-only keeps searching
        its last index.
        """
        done = 0
        while True:
            try:
                indexed = self._write(self._index_batch, batch)
            except (sqlite3.OperationalError, StoreError) as exc:  # read-only, or locked too long
                log.warning("%s: full-text index not refreshed (%s)", self.location, exc)
                return done
            done += indexed
            if indexed < batch:
                break
            log.info("full-text index: %d articles indexed", done)
        return done

    @staticmethod
    def _index_batch(cur: sqlite3.Cursor, batch: int) -> int:
        rowids = [
            r[0] for r in cur.execute("SELECT rowid FROM articles WHERE fts_pending = 1 LIMIT ?", (batch,))
        ]
        if not rowids:
            return 0
        marks = ",".join("?" * len(rowids))
        cur.execute(
            f"INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles"
            f" WHERE rowid IN ({marks})",
            rowids,
        )
        cur.execute(f"UPDATE articles SET fts_pending = 0 WHERE rowid IN ({marks})", rowids)
        return len(rowids)

    def _search_ready(self) -> None:
        if self._db.execute("SELECT 1 FROM articles WHERE fts_pending = 1 LIMIT 1").fetchone():
            self.refresh_search_index()

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts (all terms required, Porter-stemmed), best first."""
        match = fts_query(query)
        if match is None:
            return []
        self._search_ready()
        rows = self._db.execute(
            "SELECT a.id, a.published, a.source, a.title, a.url,"
            " snippet(articles_fts, 1, '[', ']', ' … ', 24) AS snip"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0), a.published LIMIT ?",
            (match, limit),
        )
        return [
            SearchHit(
                r["id"],
                date.fromisoformat(r["published"]),
                r["source"],
                r["title"],
                " ".join(r["snip"].split()),
                r["url"],
            )
            for r in rows
        ]

    def matching_article_ids(
        self, query: str, *, start: date | None = None, end: date | None = None
    ) -> set[str]:
        """Ids of the articles that mention any term of ``query`` (published inside
        ``[start, end]`` when given: a timeline's window, so its cost follows the window, not
        the store)."""
        match = fts_query(query, any_term=True)
        if match is None:
            return set()
        self._search_ready()
        sql = (
            "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ?"
        )
        args: list[Any] = [match]
        if start:
            sql, args = sql + " AND a.published >= ?", [*args, start.isoformat()]
        if end:
            sql, args = sql + " AND a.published <= ?", [*args, end.isoformat()]
        return {r[0] for r in self._db.execute(sql, args)}

    def stats(self) -> StoreStats:
        """Counts by source, month and language, the date range and how many are enriched."""
        db = self._db
        total = int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        sources = dict(db.execute("SELECT source, COUNT(*) FROM articles GROUP BY source ORDER BY 2 DESC"))
        months = dict(
            db.execute("SELECT substr(published, 1, 7), COUNT(*) FROM articles GROUP BY 1 ORDER BY 1")
        )
        languages = dict(
            db.execute(
                "SELECT COALESCE(language, 'unknown'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        first, last = db.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
        enriched = int(
            db.execute(
                "SELECT COUNT(DISTINCT article_id) FROM stage_runs WHERE stage = 'sentences'"
            ).fetchone()[0]
        )
        return StoreStats(total, sources, months, _day(first), _day(last), enriched, languages)

    # -- enrichment -----------------------------------------------------------------------------

    def pending_articles(self, stages: dict[str, str]) -> list[str]:
        """Ids of articles missing any of ``stages`` (name → version) at that version."""
        if not stages:
            return []
        clauses = " OR ".join(
            "NOT EXISTS (SELECT 1 FROM stage_runs r WHERE r.article_id = a.id AND r.stage = ? AND r.version = ?)"
            for _ in stages
        )
        args = [x for item in stages.items() for x in item]
        return [
            r[0]
            for r in self._db.execute(
                f"SELECT a.id FROM articles a WHERE {clauses} ORDER BY a.published, a.id", args
            )
        ]

    def save_enrichments(self, enrichments: Sequence[ArticleEnrichment]) -> None:
        """Replace the outputs of the stages that ran, for each article, in one transaction."""
        self._write(self._save_enrichments, enrichments)

    def _save_enrichments(self, cur: sqlite3.Cursor, enrichments: Sequence[ArticleEnrichment]) -> None:
        for item in enrichments:
            aid = item.article_id
            if cur.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone() is None:
                continue  # deleted meanwhile
            if item.language is not None:
                cur.execute("UPDATE articles SET language = ? WHERE id = ?", (item.language, aid))
            if item.sentences is not None:
                cur.execute("DELETE FROM sentences WHERE article_id = ?", (aid,))
                cur.executemany(
                    'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?,?,?,?,?)',
                    [(aid, s.index, s.start, s.end, s.text) for s in item.sentences],
                )
            if item.mentions is not None:
                cur.execute("DELETE FROM mentions WHERE article_id = ?", (aid,))
                cur.executemany(
                    'INSERT INTO mentions (article_id, sent_idx, start, "end", text, label, entity_key, role)'
                    " VALUES (?,?,?,?,?,?,?,?)",
                    [
                        (aid, m.sentence_index, m.start, m.end, m.text, m.label, m.entity_key, m.role)
                        for m in item.mentions
                    ],
                )
            if item.timexes is not None:
                cur.execute("DELETE FROM timexes WHERE article_id = ?", (aid,))
                rows = []
                for st in item.timexes:
                    t = st.timex
                    rows.append(
                        (
                            aid,
                            st.sentence_index,
                            t.start,
                            t.end,
                            t.text,
                            t.type,
                            t.value,
                            t.anchor,
                            st.day.isoformat() if st.day else None,
                            st.day_precision,
                        )
                    )
                cur.executemany(
                    'INSERT INTO timexes (article_id, sent_idx, start, "end", text, type, value, anchor, day,'
                    " day_precision) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    rows,
                )
            if item.claims is not None:
                cur.execute("DELETE FROM claims WHERE article_id = ?", (aid,))
                cur.executemany(
                    "INSERT INTO claims (article_id, sent_idx, speaker, speaker_entity, cue, content, direct, hedged,"
                    " speaker_start, speaker_end, cue_start, cue_end, content_start, content_end)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            aid,
                            c.sentence_index,
                            c.speaker,
                            c.speaker_entity,
                            c.cue,
                            c.content,
                            int(c.direct),
                            int(c.hedged),
                            *(c.speaker_span or (None, None)),
                            *(c.cue_span or (None, None)),
                            *(c.content_span or (None, None)),
                        )
                        for c in item.claims
                    ],
                )
            if item.signature is not None:
                cur.execute(
                    "INSERT OR REPLACE INTO signatures (article_id, minhash, length) VALUES (?,?,?)",
                    (aid, item.signature[0], item.signature[1]),
                )
            cur.executemany(
                "INSERT OR REPLACE INTO stage_runs (article_id, stage, version, status, reason) VALUES (?,?,?,?,?)",
                [(aid, r.stage, r.version, r.status, r.reason) for r in item.results],
            )

    def failures(self) -> list[tuple[str, str, str]]:
        """(article id, stage, reason) for every stage that failed, skipped, or noted a problem."""
        rows = self._db.execute(
            "SELECT article_id, stage, reason FROM stage_runs WHERE reason IS NOT NULL"
            " ORDER BY article_id, stage"
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def get_meta(self, key: str) -> str | None:
        """A value the runner keeps about the store as a whole (``None`` when unset)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a store-wide value, in its own transaction."""
        self._write(
            lambda cur: cur.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        )

    def sentences(self, article_id: str) -> list[Sentence]:
        """The stored sentences of an article, in order."""
        rows = self._db.execute(
            'SELECT idx, start, "end", text FROM sentences WHERE article_id = ? ORDER BY idx', (article_id,)
        )
        return [Sentence(article_id, r[0], r[1], r[2], r[3]) for r in rows]

    def mentions(self, *, article_ids: Iterable[str] | None = None) -> list[Mention]:
        """Entity mentions, of some articles or of all."""
        sql = 'SELECT article_id, sent_idx, start, "end", text, label, entity_key, role FROM mentions'
        if article_ids is None:
            rows = list(self._db.execute(sql + " ORDER BY article_id, start"))
        else:
            rows = []
            for aid in article_ids:
                rows.extend(self._db.execute(sql + " WHERE article_id = ? ORDER BY start", (aid,)))
        return [Mention(*r) for r in rows]

    def timexes(self, article_id: str) -> list[StoredTimex]:
        """The stored time expressions of an article, in text order."""
        rows = self._db.execute(
            'SELECT sent_idx, start, "end", text, type, value, anchor, day, day_precision FROM timexes'
            " WHERE article_id = ? ORDER BY start",
            (article_id,),
        )
        return [
            StoredTimex(article_id, r[0], Timex(r[1], r[2], r[3], r[4], r[5], r[6]), _day(r[7]), r[8])
            for r in rows
        ]

    def claims(
        self,
        *,
        query: str | None = None,
        speaker: str | None = None,
        start: date | None = None,
        end: date | None = None,
        limit: int | None = None,
        article_ids: Iterable[str] | None = None,
    ) -> list[Claim]:
        """Stored claims, filtered by words in the content, speaker (substring), and publication window."""
        sql = "SELECT c.*, a.published FROM claims c JOIN articles a ON a.id = c.article_id WHERE 1=1"
        args: list[Any] = []
        if query:
            for term in _TOKEN.findall(query):
                sql += " AND (c.content LIKE ? OR c.speaker LIKE ?)"
                args += [f"%{term}%", f"%{term}%"]
        if speaker:
            sql += " AND (c.speaker LIKE ? OR c.speaker_entity LIKE ?)"
            args += [f"%{speaker}%", f"%{speaker}%"]
        if start:
            sql, args = sql + " AND a.published >= ?", [*args, start.isoformat()]
        if end:
            sql, args = sql + " AND a.published <= ?", [*args, end.isoformat()]
        if article_ids is not None:
            ids = list(article_ids)
            sql += f" AND c.article_id IN ({','.join('?' * len(ids))})"
            args += ids
        sql += " ORDER BY a.published, c.article_id, c.sent_idx"
        if limit:
            sql, args = sql + " LIMIT ?", [*args, limit]

        def span(row: sqlite3.Row, name: str) -> tuple[int, int] | None:
            s, e = row[f"{name}_start"], row[f"{name}_end"]
            return None if s is None else (s, e)

        return [
            Claim(
                r["article_id"],
                r["sent_idx"],
                r["speaker"],
                r["cue"],
                r["content"],
                bool(r["direct"]),
                bool(r["hedged"]),
                span(r, "speaker"),
                span(r, "cue"),
                span(r, "content"),
                r["speaker_entity"],
                date.fromisoformat(r["published"]),
            )
            for r in self._db.execute(sql, args)
        ]

    def corpus_sentences(
        self,
        *,
        article_ids: Iterable[str] | None = None,
        start: date | None = None,
        end: date | None = None,
        leads: int | None = None,
    ) -> list[CorpusSentence]:
        """The timeline's corpus view: every stored sentence of the articles published inside
        ``[start, end]`` (and among ``article_ids`` when given), with the days its time
        expressions point at and its article's near-duplicate group, in publication order.

        With ``leads`` only the sentences that name a date and the first ``leads`` sentences of
        each article are returned: all a timeline without a query reads, at a fraction of the rows.
        """
        where, args = "1=1", list[Any]()
        if start:
            where, args = where + " AND a.published >= ?", [*args, start.isoformat()]
        if end:
            where, args = where + " AND a.published <= ?", [*args, end.isoformat()]
        if article_ids is not None:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id TEXT PRIMARY KEY)")
            self._db.execute("DELETE FROM wanted")
            self._db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(i,) for i in article_ids])
            where += " AND a.id IN (SELECT id FROM wanted)"
        # Article fields once per article, not once per sentence: most of the cost is per row.
        articles: dict[str, tuple[str, date, str | None, str | None, str | None, tuple[str, ...], str]] = {}
        parsed: dict[str, date] = {}
        for r in self._db.execute(
            "SELECT a.id, a.source, a.published, a.dup_group, a.title, a.url,"
            f" json_extract(a.extra, '$.cited_sources') FROM articles a WHERE {where}",
            args,
        ):
            day = parsed.get(r[2])
            if day is None:
                day = parsed[r[2]] = date.fromisoformat(r[2])
            articles[r[0]] = (r[1], day, r[3], r[4], r[5], cited_outlets(r[6]), r[2])
        days: dict[tuple[str, int], list[tuple[date, Any]]] = {}
        resolved: dict[tuple[str, str], tuple[date, Any]] = {}
        for aid, idx, value, precision in self._db.execute(
            "SELECT t.article_id, t.sent_idx, t.day, t.day_precision FROM timexes t"
            f" JOIN articles a ON a.id = t.article_id WHERE t.day IS NOT NULL AND {where}",
            args,
        ):
            entry = resolved.get((value, precision))
            if entry is None:
                entry = resolved[(value, precision)] = (date.fromisoformat(value), precision)
            found = days.get((aid, idx))
            if found is None:
                days[(aid, idx)] = [entry]
            elif entry not in found:
                found.append(entry)
        join = f" JOIN articles a ON a.id = s.article_id WHERE {where}"
        if leads is None:
            sql, params = f"SELECT a.published, s.article_id, s.idx, s.text FROM sentences s{join}", args
        else:
            sql = (
                "SELECT a.published, s.article_id, s.idx, s.text FROM articles a"
                f" CROSS JOIN sentences s ON s.article_id = a.id AND s.idx < ? WHERE {where}"
                # The dated keys first, then one index lookup each (CROSS JOIN fixes that order;
                # left to itself the planner scans every sentence and probes the timexes).
                " UNION ALL SELECT a.published, s.article_id, s.idx, s.text FROM (SELECT DISTINCT"
                " article_id, sent_idx FROM timexes WHERE day IS NOT NULL AND sent_idx >= ?) t"
                f" CROSS JOIN sentences s ON s.article_id = t.article_id AND s.idx = t.sent_idx{join}"
            )
            params = [leads, *args, leads, *args]
        corpus = []
        # Sorting in SQL is far cheaper than grouping and sorting the rows in Python.
        for _, aid, idx, text in self._db.execute(f"SELECT * FROM ({sql}) ORDER BY 1, 2, 3", params):
            source, published, group, title, url, outlets, _ = articles[aid]
            dated = days.get((aid, idx))
            corpus.append(
                CorpusSentence(
                    aid,
                    source,
                    published,
                    idx,
                    text,
                    tuple(dated) if dated else (),
                    group,
                    title,
                    url,
                    outlets,
                )
            )
        return corpus

    # -- corpus-level results -------------------------------------------------------------------

    def replace_entities(self, entities: Sequence[Entity], keys: dict[tuple[str, int], str]) -> None:
        """Replace the entity table and point each mention ((article id, start) → key) at its entity."""

        def write(cur: sqlite3.Cursor) -> None:
            cur.execute("DELETE FROM entities")
            cur.executemany(
                "INSERT INTO entities (key, name, type, aliases, roles, mentions, first_seen, last_seen)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        e.key,
                        e.name,
                        e.type,
                        json.dumps(list(e.aliases)),
                        json.dumps(list(e.roles)),
                        e.mentions,
                        e.first_seen.isoformat() if e.first_seen else None,
                        e.last_seen.isoformat() if e.last_seen else None,
                    )
                    for e in entities
                ],
            )
            cur.executemany(
                "UPDATE mentions SET entity_key = ? WHERE article_id = ? AND start = ?",
                [(key, aid, start) for (aid, start), key in keys.items()],
            )

        self._write(write)

    def entities(self, *, type: str | None = None, keys: Iterable[str] | None = None) -> list[Entity]:
        """Canonical entities, most mentioned first (only those with the given ``keys`` when given)."""
        sql, args = "SELECT * FROM entities WHERE TRUE", list[Any]()
        if type:
            sql, args = sql + " AND type = ?", [type.upper()]
        if keys is not None:
            sql, args = (
                sql + " AND key IN (SELECT value FROM json_each(?))",
                [*args, json.dumps(sorted(set(keys)))],
            )
        return [
            Entity(
                r["key"],
                r["name"],
                r["type"],
                tuple(json.loads(r["aliases"])),
                r["mentions"],
                tuple(json.loads(r["roles"])),
                _day(r["first_seen"]),
                _day(r["last_seen"]),
            )
            for r in self._db.execute(sql + " ORDER BY mentions DESC, name", args)
        ]

    def signatures(self) -> Iterator[tuple[str, bytes, int]]:
        """(article id, MinHash signature bytes, text length) for every signed article."""
        # Publication order, so that a group is named after its earliest article.
        for r in self._db.execute(
            "SELECT s.article_id, s.minhash, s.length FROM signatures s JOIN articles a ON a.id = s.article_id"
            " ORDER BY a.published, a.rowid"
        ):
            yield r[0], bytes(r[1]), r[2]

    def set_dup_groups(self, groups: dict[str, str]) -> None:
        """Record each article's near-duplicate group id."""
        self._write(
            lambda cur: cur.executemany(
                "UPDATE articles SET dup_group = ? WHERE id = ?", [(g, a) for a, g in groups.items()]
            )
        )

    def dup_groups(self, article_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Article id → near-duplicate group id (the article's own id when it has no copies)."""
        rows = self._db.execute("SELECT id, COALESCE(dup_group, id) FROM articles")
        groups = {r[0]: r[1] for r in rows}
        if article_ids is None:
            return groups
        return {a: groups[a] for a in article_ids if a in groups}

    def replace_events(self, events: Sequence[Event]) -> None:
        """Replace all stored events."""

        def write(cur: sqlite3.Cursor) -> None:
            cur.execute("DELETE FROM events")
            cur.executemany(
                "INSERT INTO events (id, date, precision, record) VALUES (?,?,?,?)",
                [(e.id, e.date.isoformat(), e.precision, json.dumps(event_to_json(e))) for e in events],
            )

        self._write(write)

    def events(self, *, start: date | None = None, end: date | None = None) -> list[Event]:
        """Stored events in date order, optionally inside ``[start, end]``."""
        sql, args = "SELECT record FROM events WHERE 1=1", list[Any]()
        if start:
            sql, args = sql + " AND date >= ?", [*args, start.isoformat()]
        if end:
            sql, args = sql + " AND date <= ?", [*args, end.isoformat()]
        return [event_from_json(json.loads(r[0])) for r in self._db.execute(sql + " ORDER BY date, id", args)]
