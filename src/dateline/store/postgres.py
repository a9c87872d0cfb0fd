"""The PostgreSQL store: a shared server for a team, with tsvector full-text search.

It behaves like :class:`~dateline.store.sqlite.SQLiteStore` method by method (same statuses, same
orders, same filters); the schema is in ``pg_migrations.py``. Reads run in autocommit mode, each
statement on its own snapshot, and every write is one transaction, so ``dateline serve`` reads
whole batches only while ``dateline ingest`` writes. psycopg 3 is an optional dependency
(``pip install 'dateline[postgres]'``), imported only when a ``postgresql://`` store is opened.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from dateline.errors import StoreError
from dateline.models import Article, Claim, Entity, Event, Mention, Sentence, StoredTimex, Timex
from dateline.store.base import ArticleEnrichment, PutStatus, SearchHit, StoreStats
from dateline.store.pg_migrations import MIGRATIONS
from dateline.store.records import cited_outlets, event_from_json, event_to_json
from dateline.store.sqlite import fts_query
from dateline.timeline.corpus import CorpusSentence

log = logging.getLogger(__name__)
T = TypeVar("T")

_TOKEN = re.compile(r"[\w][\w'-]*", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}
# Any fixed number will do: it only has to be the same for every process migrating one database.
_MIGRATION_LOCK = 0x64617465
_PAGE = 500
_ENRICHMENT_TABLES = ("stage_runs", "sentences", "mentions", "timexes", "claims", "signatures")
_HEADLINE = "StartSel=[, StopSel=], MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=' … '"


def redact(url: str) -> str:
    """A connection URL without its user and password, for messages."""
    return "postgresql://" + url.split("@", 1)[-1] if "@" in url else url


def search_terms(text: str) -> list[str]:
    """The words of free text that a query may use, FTS operator words dropped (as in SQLite)."""
    return [t for t in _TOKEN.findall(text) if t.lower() not in _OPERATORS]


def _like(term: str) -> str:
    """An ILIKE pattern matching ``term`` anywhere, with its wildcards taken literally."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PostgresStore:
    """A dateline store in a PostgreSQL database, opened by ``postgresql://`` URL."""

    def __init__(self, url: str) -> None:
        self.location = url
        try:
            self._db: psycopg.Connection[dict[str, Any]] = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=10
            )
        except psycopg.Error as exc:
            raise StoreError(f"{redact(url)}: cannot open the store ({exc})") from exc
        try:
            self._migrate()
        except psycopg.Error as exc:
            self._db.close()
            raise StoreError(f"{redact(url)}: cannot migrate the store ({exc})") from exc

    # -- plumbing -------------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._db.transaction():
            # Two processes opening a fresh database at once must not both create the tables.
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ)"
            )
            done = {row["name"] for row in self._db.execute("SELECT name FROM migrations")}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                log.info("applying migration %s to %s", name, redact(self.location))
                with self._db.transaction():
                    self._db.execute(sql.encode())
                    self._db.execute("INSERT INTO migrations VALUES (%s, now())", (name,))

    def _write(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(cursor, *args)`` in one transaction; roll back on any error."""
        try:
            with self._db.transaction(), self._db.cursor() as cur:
                return fn(cur, *args)
        except psycopg.OperationalError as exc:
            raise StoreError(f"{redact(self.location)}: cannot write ({exc})") from exc

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Several reads that see one snapshot, so their figures agree while a writer commits."""
        with self._db.transaction():
            self._db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self._db.execute(sql.encode(), args).fetchall()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------------

    def put_articles(self, articles: Sequence[Article]) -> list[PutStatus]:
        """Store articles in one transaction: new ones are inserted, edited ones updated (their
        enrichment is dropped so it runs again), identical ones left alone."""
        return self._write(self._put, articles)

    def _put(self, cur: psycopg.Cursor[Any], articles: Sequence[Article]) -> list[PutStatus]:
        ids = list({a.id for a in articles})
        # FOR UPDATE: a concurrent writer editing the same articles waits for this batch. Locks
        # (and inserts, below) go in id order so that two such writers cannot deadlock.
        known = {
            r["id"]: r["content_hash"]
            for r in cur.execute(
                "SELECT id, content_hash FROM articles WHERE id = ANY(%s) ORDER BY id FOR UPDATE", (ids,)
            ).fetchall()
        }
        now = datetime.now(UTC).replace(microsecond=0)
        statuses: list[PutStatus] = []
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        inserted_at: dict[str, int] = {}
        for article in articles:
            digest = article.content_hash
            stamp = article.ingested_at or now
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            values = (
                article.source,
                article.url,
                article.published,
                article.published_precision,
                article.title,
                article.text,
                article.language,
                article.origin,
                stamp,
                digest,
                Jsonb(article.extra, dumps=_dumps),
                article.id,
            )
            previous = known.get(article.id)
            if previous is None:
                inserts.append(values)
                inserted_at[article.id] = len(statuses)
                statuses.append("stored")
            elif previous == digest:
                statuses.append("unchanged")
            else:
                updates.append(values)
                statuses.append("updated")
            known[article.id] = digest
        if inserts:
            inserts.sort(key=lambda values: values[-1])
            updates = self._insert(cur, inserts, statuses, inserted_at) + updates
        if updates:
            cur.executemany(
                "UPDATE articles SET source=%s, url=%s, published=%s, published_precision=%s, title=%s,"
                " text=%s, language=%s, origin=%s, ingested_at=%s, content_hash=%s, extra=%s, dup_group=NULL"
                " WHERE id=%s",
                updates,
            )
            changed = [u[-1] for u in updates]
            for table in _ENRICHMENT_TABLES:
                cur.execute(f"DELETE FROM {table} WHERE article_id = ANY(%s)".encode(), (changed,))
        return statuses

    @staticmethod
    def _insert(
        cur: psycopg.Cursor[Any],
        inserts: list[tuple[Any, ...]],
        statuses: list[PutStatus],
        inserted_at: dict[str, int],
    ) -> list[tuple[Any, ...]]:
        """Insert new articles; those another writer stored meanwhile become updates (returned,
        their status corrected) or, when identical, unchanged."""
        cur.executemany(
            "INSERT INTO articles (source, url, published, published_precision, title, text, language,"
            " origin, ingested_at, content_hash, extra, id) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
            " ON CONFLICT (id) DO NOTHING RETURNING id",
            inserts,
            returning=True,
        )
        stored: set[str] = set()
        while True:
            stored.update(row["id"] for row in cur.fetchall())
            if not cur.nextset():
                break
        lost = [values for values in inserts if values[-1] not in stored]
        if not lost:
            return []
        theirs = {
            r["id"]: r["content_hash"]
            for r in cur.execute(
                "SELECT id, content_hash FROM articles WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                ([values[-1] for values in lost],),
            ).fetchall()
        }
        updates = []
        for values in lost:
            same = theirs.get(values[-1]) == values[9]
            statuses[inserted_at[values[-1]]] = "unchanged" if same else "updated"
            if not same:
                updates.append(values)
        return updates

    @staticmethod
    def _article(row: dict[str, Any]) -> Article:
        return Article(
            id=row["id"],
            source=row["source"],
            published=row["published"],
            text=row["text"],
            title=row["title"],
            url=row["url"],
            published_precision=row["published_precision"],
            language=row["language"],
            origin=row["origin"],
            ingested_at=row["ingested_at"].astimezone(UTC),
            extra=row["extra"] or {},
        )

    _COLUMNS = (
        "a.id, a.source, a.url, a.published, a.published_precision, a.title, a.text, a.language,"
        " a.origin, a.ingested_at, a.extra"
    )

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""
        rows = self._rows(f"SELECT {self._COLUMNS} FROM articles a WHERE a.id = %s", (article_id,))
        return self._article(rows[0]) if rows else None

    def iter_articles(
        self, *, ids: Iterable[str] | None = None, start: date | None = None, end: date | None = None
    ) -> Iterator[Article]:
        """Articles in publication order, optionally only ``ids`` (in their order) or those inside
        ``[start, end]``."""
        if ids is not None:
            wanted = list(ids)
            for i in range(0, len(wanted), _PAGE):
                chunk = wanted[i : i + _PAGE]
                rows = self._rows(
                    f"SELECT {self._COLUMNS} FROM unnest(%s::text[]) WITH ORDINALITY AS w(id, n)"
                    " JOIN articles a ON a.id = w.id ORDER BY w.n",
                    (chunk,),
                )
                yield from (self._article(r) for r in rows)
            return
        # Keyset pages: memory stays bounded and no transaction is held open between pages.
        where, args = "TRUE", list[Any]()
        if start:
            where, args = where + " AND a.published >= %s", [*args, start]
        if end:
            where, args = where + " AND a.published <= %s", [*args, end]
        after: tuple[date, str] | None = None
        while True:
            page_where, page_args = where, list(args)
            if after is not None:
                page_where, page_args = page_where + " AND (a.published, a.id) > (%s, %s)", [*args, *after]
            rows = self._rows(
                f"SELECT {self._COLUMNS} FROM articles a WHERE {page_where} ORDER BY a.published, a.id"
                f" LIMIT {_PAGE}",
                page_args,
            )
            yield from (self._article(r) for r in rows)
            if len(rows) < _PAGE:
                return
            after = (rows[-1]["published"], rows[-1]["id"])

    def article_dates(self) -> dict[str, date]:
        """Article id → publication date, for every article."""
        return {r["id"]: r["published"] for r in self._rows("SELECT id, published FROM articles")}

    def count_articles(self) -> int:
        """How many articles the store holds."""
        return int(self._rows("SELECT COUNT(*) AS n FROM articles")[0]["n"])

    def refresh_search_index(self, *, batch: int = 500) -> int:
        """Nothing to do: the ``tsvector`` column is computed as each article is written."""
        return 0

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts (all terms required, English-stemmed), best first."""
        terms = search_terms(query)
        if not terms:
            return []
        # plainto_tsquery takes any text and never raises on syntax; the headline is computed
        # only for the rows kept, since it re-parses the whole text.
        rows = self._rows(
            "WITH q AS (SELECT plainto_tsquery('english', %s) AS q),"
            " best AS (SELECT a.id, a.published, a.source, a.title, a.url, a.text,"
            "  ts_rank(a.fts, q.q, 1) AS rank FROM articles a, q WHERE a.fts @@ q.q"
            "  ORDER BY rank DESC, a.published, a.id LIMIT %s)"
            " SELECT best.*, ts_headline('english', best.text, q.q, %s) AS snip FROM best, q"
            " ORDER BY best.rank DESC, best.published, best.id",
            (" ".join(terms), limit, _HEADLINE),
        )
        return [
            SearchHit(r["id"], r["published"], r["source"], r["title"], " ".join(r["snip"].split()), r["url"])
            for r in rows
        ]

    def matching_article_ids(
        self, query: str, *, start: date | None = None, end: date | None = None
    ) -> set[str]:
        """Ids of the articles that mention any term of ``query`` (published inside
        ``[start, end]`` when given)."""
        if fts_query(query, any_term=True) is None:
            return set()
        terms = search_terms(query)
        sql = "SELECT id FROM articles WHERE fts @@ websearch_to_tsquery('english', %s)"
        args: list[Any] = [" or ".join(terms)]
        if start:
            sql, args = sql + " AND published >= %s", [*args, start]
        if end:
            sql, args = sql + " AND published <= %s", [*args, end]
        return {r["id"] for r in self._rows(sql, args)}

    def stats(self) -> StoreStats:
        """Counts by source, month and language, the date range and how many are enriched."""
        with self._snapshot():
            total = self.count_articles()
            sources = {
                r["source"]: r["n"]
                for r in self._rows(
                    "SELECT source, COUNT(*) AS n FROM articles GROUP BY source ORDER BY 2 DESC"
                )
            }
            months = {
                r["m"]: r["n"]
                for r in self._rows(
                    "SELECT to_char(published, 'YYYY-MM') AS m, COUNT(*) AS n FROM articles GROUP BY 1 ORDER BY 1"
                )
            }
            languages = {
                r["l"]: r["n"]
                for r in self._rows(
                    "SELECT COALESCE(language, 'unknown') AS l, COUNT(*) AS n FROM articles GROUP BY 1 ORDER BY 2 DESC"
                )
            }
            span = self._rows("SELECT MIN(published) AS first, MAX(published) AS last FROM articles")[0]
            enriched = self._rows(
                "SELECT COUNT(DISTINCT article_id) AS n FROM stage_runs WHERE stage = 'sentences'"
            )[0]["n"]
            return StoreStats(total, sources, months, span["first"], span["last"], int(enriched), languages)

    # -- enrichment -----------------------------------------------------------------------------

    def save_enrichments(self, enrichments: Sequence[ArticleEnrichment]) -> None:
        """Replace the outputs of the stages that ran, for each article, in one transaction."""
        self._write(self._save_enrichments, enrichments)

    def _save_enrichments(self, cur: psycopg.Cursor[Any], enrichments: Sequence[ArticleEnrichment]) -> None:
        ids = list({e.article_id for e in enrichments})
        # Locks the articles so a concurrent edit cannot drop them between this check and the inserts.
        present = {
            r["id"]
            for r in cur.execute(
                "SELECT id FROM articles WHERE id = ANY(%s) ORDER BY id FOR SHARE", (ids,)
            ).fetchall()
        }
        for item in enrichments:
            aid = item.article_id
            if aid not in present:
                continue  # deleted meanwhile
            if item.language is not None:
                cur.execute("UPDATE articles SET language = %s WHERE id = %s", (item.language, aid))
            if item.sentences is not None:
                cur.execute("DELETE FROM sentences WHERE article_id = %s", (aid,))
                cur.executemany(
                    'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (%s,%s,%s,%s,%s)',
                    [(aid, s.index, s.start, s.end, s.text) for s in item.sentences],
                )
            if item.mentions is not None:
                cur.execute("DELETE FROM mentions WHERE article_id = %s", (aid,))
                cur.executemany(
                    'INSERT INTO mentions (article_id, sent_idx, start, "end", text, label, entity_key, role)'
                    " VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                    [
                        (aid, m.sentence_index, m.start, m.end, m.text, m.label, m.entity_key, m.role)
                        for m in item.mentions
                    ],
                )
            if item.timexes is not None:
                cur.execute("DELETE FROM timexes WHERE article_id = %s", (aid,))
                cur.executemany(
                    'INSERT INTO timexes (article_id, sent_idx, start, "end", text, type, value, anchor, day,'
                    " day_precision) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    [
                        (
                            aid,
                            st.sentence_index,
                            st.timex.start,
                            st.timex.end,
                            st.timex.text,
                            st.timex.type,
                            st.timex.value,
                            st.timex.anchor,
                            st.day,
                            st.day_precision,
                        )
                        for st in item.timexes
                    ],
                )
            if item.claims is not None:
                cur.execute("DELETE FROM claims WHERE article_id = %s", (aid,))
                cur.executemany(
                    "INSERT INTO claims (article_id, sent_idx, speaker, speaker_entity, cue, content, direct,"
                    " hedged, speaker_start, speaker_end, cue_start, cue_end, content_start, content_end)"
                    " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    [
                        (
                            aid,
                            c.sentence_index,
                            c.speaker,
                            c.speaker_entity,
                            c.cue,
                            c.content,
                            c.direct,
                            c.hedged,
                            *(c.speaker_span or (None, None)),
                            *(c.cue_span or (None, None)),
                            *tuple(c.content_span or (None, None)),
                        )
                        for c in item.claims
                    ],
                )
            if item.signature is not None:
                cur.execute(
                    "INSERT INTO signatures (article_id, minhash, length) VALUES (%s,%s,%s)"
                    " ON CONFLICT (article_id) DO UPDATE SET minhash = excluded.minhash, length = excluded.length",
                    (aid, item.signature[0], item.signature[1]),
                )
            cur.executemany(
                "INSERT INTO stage_runs (article_id, stage, version, status, reason) VALUES (%s,%s,%s,%s,%s)"
                " ON CONFLICT (article_id, stage) DO UPDATE SET version = excluded.version,"
                " status = excluded.status, reason = excluded.reason",
                [(aid, r.stage, r.version, r.status, r.reason) for r in item.results],
            )

    def pending_articles(self, stages: dict[str, str]) -> list[str]:
        """Ids of articles missing any of ``stages`` (name → version) at that version."""
        if not stages:
            return []
        clauses = " OR ".join(
            "NOT EXISTS (SELECT 1 FROM stage_runs r WHERE r.article_id = a.id AND r.stage = %s"
            " AND r.version = %s)"
            for _ in stages
        )
        args = [x for item in stages.items() for x in item]
        return [
            r["id"]
            for r in self._rows(
                f"SELECT a.id FROM articles a WHERE {clauses} ORDER BY a.published, a.id", args
            )
        ]

    def failures(self) -> list[tuple[str, str, str]]:
        """(article id, stage, reason) for every stage that failed, skipped, or noted a problem."""
        rows = self._rows(
            "SELECT article_id, stage, reason FROM stage_runs WHERE reason IS NOT NULL ORDER BY article_id, stage"
        )
        return [(r["article_id"], r["stage"], r["reason"]) for r in rows]

    def get_meta(self, key: str) -> str | None:
        """A value the runner keeps about the store as a whole (``None`` when unset)."""
        rows = self._rows("SELECT value FROM meta WHERE key = %s", (key,))
        return str(rows[0]["value"]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a store-wide value, in its own transaction."""
        self._write(
            lambda cur: cur.execute(
                "INSERT INTO meta (key, value) VALUES (%s, %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        )

    def sentences(self, article_id: str) -> list[Sentence]:
        """The stored sentences of an article, in order."""
        rows = self._rows(
            'SELECT idx, start, "end", text FROM sentences WHERE article_id = %s ORDER BY idx', (article_id,)
        )
        return [Sentence(article_id, r["idx"], r["start"], r["end"], r["text"]) for r in rows]

    def mentions(self, *, article_ids: Iterable[str] | None = None) -> list[Mention]:
        """Entity mentions, of some articles (in their order) or of all."""
        cols = 'm.article_id, m.sent_idx, m.start, m."end", m.text, m.label, m.entity_key, m.role'
        if article_ids is None:
            rows = self._rows(f"SELECT {cols} FROM mentions m ORDER BY m.article_id, m.start")
        else:
            rows = self._rows(
                f"SELECT {cols} FROM unnest(%s::text[]) WITH ORDINALITY AS w(id, n)"
                " JOIN mentions m ON m.article_id = w.id ORDER BY w.n, m.start",
                (list(article_ids),),
            )
        return [Mention(*r.values()) for r in rows]

    def timexes(self, article_id: str) -> list[StoredTimex]:
        """The stored time expressions of an article, in text order."""
        rows = self._rows(
            'SELECT sent_idx, start, "end", text, type, value, anchor, day, day_precision FROM timexes'
            " WHERE article_id = %s ORDER BY start",
            (article_id,),
        )
        return [
            StoredTimex(
                article_id,
                r["sent_idx"],
                Timex(r["start"], r["end"], r["text"], r["type"], r["value"], r["anchor"]),
                r["day"],
                r["day_precision"],
            )
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
        sql = "SELECT c.*, a.published FROM claims c JOIN articles a ON a.id = c.article_id WHERE TRUE"
        args: list[Any] = []
        if query:
            for term in _TOKEN.findall(query):
                sql += " AND (c.content ILIKE %s OR c.speaker ILIKE %s)"
                args += [_like(term), _like(term)]
        if speaker:
            sql += " AND (c.speaker ILIKE %s OR c.speaker_entity ILIKE %s)"
            args += [_like(speaker), _like(speaker)]
        if start:
            sql, args = sql + " AND a.published >= %s", [*args, start]
        if end:
            sql, args = sql + " AND a.published <= %s", [*args, end]
        if article_ids is not None:
            sql, args = sql + " AND c.article_id = ANY(%s)", [*args, list(article_ids)]
        sql += " ORDER BY a.published, c.article_id, c.sent_idx"
        if limit:
            sql, args = sql + " LIMIT %s", [*args, limit]

        def span(row: dict[str, Any], name: str) -> tuple[int, int] | None:
            s, e = row[f"{name}_start"], row[f"{name}_end"]
            return None if s is None else (s, e)

        return [
            Claim(
                r["article_id"],
                r["sent_idx"],
                r["speaker"],
                r["cue"],
                r["content"],
                r["direct"],
                r["hedged"],
                span(r, "speaker"),
                span(r, "cue"),
                span(r, "content"),
                r["speaker_entity"],
                r["published"],
            )
            for r in self._rows(sql, args)
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
        where, args = "TRUE", list[Any]()
        if start:
            where, args = where + " AND a.published >= %s", [*args, start]
        if end:
            where, args = where + " AND a.published <= %s", [*args, end]
        if article_ids is not None:
            where, args = where + " AND a.id = ANY(%s)", [*args, list(set(article_ids))]
        with self._snapshot():
            days: dict[tuple[str, int], list[tuple[date, Any]]] = {}
            for r in self._rows(
                "SELECT t.article_id, t.sent_idx, t.day, t.day_precision FROM timexes t"
                f" JOIN articles a ON a.id = t.article_id WHERE t.day IS NOT NULL AND {where}",
                args,
            ):
                entry = (r["day"], r["day_precision"])
                found = days.setdefault((r["article_id"], r["sent_idx"]), [])
                if entry not in found:
                    found.append(entry)
            only, more = "", list[Any]()
            if leads is not None:
                only = (
                    " AND (s.idx < %s OR EXISTS (SELECT 1 FROM timexes t WHERE t.article_id = s.article_id"
                    " AND t.sent_idx = s.idx AND t.day IS NOT NULL))"
                )
                more = [leads]
            rows = self._rows(
                "SELECT s.article_id, a.source, a.published, s.idx, s.text, a.dup_group, a.title, a.url,"
                " (a.extra -> 'cited_sources')::text AS cited"
                f" FROM sentences s JOIN articles a ON a.id = s.article_id WHERE {where}{only}"
                " ORDER BY a.published, s.article_id, s.idx",
                [*args, *more],
            )
        return [
            CorpusSentence(
                r["article_id"],
                r["source"],
                r["published"],
                r["idx"],
                r["text"],
                tuple(days.get((r["article_id"], r["idx"]), ())),
                r["dup_group"],
                r["title"],
                r["url"],
                cited_outlets(r["cited"]),
            )
            for r in rows
        ]

    def entities(self, *, type: str | None = None, keys: Iterable[str] | None = None) -> list[Entity]:
        """Canonical entities, most mentioned first (only those with the given ``keys`` when given)."""
        sql, args = "SELECT * FROM entities WHERE TRUE", list[Any]()
        if type:
            sql, args = sql + " AND type = %s", [type.upper()]
        if keys is not None:
            sql, args = sql + " AND key = ANY(%s)", [*args, sorted(set(keys))]
        return [
            Entity(
                r["key"],
                r["name"],
                r["type"],
                tuple(r["aliases"]),
                r["mentions"],
                tuple(r["roles"]),
                r["first_seen"],
                r["last_seen"],
            )
            for r in self._rows(sql + " ORDER BY mentions DESC, name", args)
        ]

    def signatures(self) -> Iterator[tuple[str, bytes, int]]:
        """(article id, MinHash signature bytes, text length) for every signed article."""
        # Publication order, so that a group is named after its earliest article.
        for r in self._rows(
            "SELECT s.article_id, s.minhash, s.length FROM signatures s JOIN articles a ON a.id = s.article_id"
            " ORDER BY a.published, a.seq"
        ):
            yield r["article_id"], bytes(r["minhash"]), r["length"]

    def dup_groups(self, article_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Article id → near-duplicate group id (the article's own id when it has no copies)."""
        groups = {
            r["id"]: r["g"] for r in self._rows("SELECT id, COALESCE(dup_group, id) AS g FROM articles")
        }
        if article_ids is None:
            return groups
        return {a: groups[a] for a in article_ids if a in groups}

    def replace_entities(self, entities: Sequence[Entity], keys: dict[tuple[str, int], str]) -> None:
        """Replace the entity table and point each mention ((article id, start) → key) at its entity."""

        def write(cur: psycopg.Cursor[Any]) -> None:
            cur.execute("DELETE FROM entities")
            cur.executemany(
                "INSERT INTO entities (key, name, type, aliases, roles, mentions, first_seen, last_seen)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                [
                    (
                        e.key,
                        e.name,
                        e.type,
                        Jsonb(list(e.aliases)),
                        Jsonb(list(e.roles)),
                        e.mentions,
                        e.first_seen,
                        e.last_seen,
                    )
                    for e in entities
                ],
            )
            cur.executemany(
                "UPDATE mentions SET entity_key = %s WHERE article_id = %s AND start = %s",
                [(key, aid, start) for (aid, start), key in keys.items()],
            )

        self._write(write)

    def set_dup_groups(self, groups: dict[str, str]) -> None:
        """Record each article's near-duplicate group id."""
        self._write(
            lambda cur: cur.executemany(
                "UPDATE articles SET dup_group = %s WHERE id = %s", [(g, a) for a, g in groups.items()]
            )
        )

    def replace_events(self, events: Sequence[Event]) -> None:
        """Replace all stored events."""

        def write(cur: psycopg.Cursor[Any]) -> None:
            cur.execute("DELETE FROM events")
            cur.executemany(
                "INSERT INTO events (id, date, precision, record) VALUES (%s,%s,%s,%s)",
                [(e.id, e.date, e.precision, Jsonb(event_to_json(e))) for e in events],
            )

        self._write(write)

    def events(self, *, start: date | None = None, end: date | None = None) -> list[Event]:
        """Stored events in date order, optionally inside ``[start, end]``."""
        sql, args = "SELECT record FROM events WHERE TRUE", list[Any]()
        if start:
            sql, args = sql + " AND date >= %s", [*args, start]
        if end:
            sql, args = sql + " AND date <= %s", [*args, end]
        return [event_from_json(r["record"]) for r in self._rows(sql + " ORDER BY date, id", args)]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


__all__ = ["PostgresStore", "redact", "search_terms"]
