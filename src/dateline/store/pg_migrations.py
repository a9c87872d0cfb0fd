"""Named schema migrations for the PostgreSQL store, applied in order and safe to re-run.

The tables mirror the SQLite schema (``migrations.py``) with native types (DATE, TIMESTAMPTZ,
JSONB, BYTEA, BOOLEAN) and a stored ``tsvector`` column with a GIN index in place of FTS5. Each
migration runs in one transaction and is recorded by name in ``migrations``; never edit one that
has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            seq BIGSERIAL UNIQUE,
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT,
            published DATE NOT NULL,
            published_precision TEXT NOT NULL DEFAULT 'day',
            title TEXT,
            text TEXT NOT NULL,
            language TEXT,
            origin TEXT,
            ingested_at TIMESTAMPTZ NOT NULL,
            content_hash TEXT NOT NULL,
            extra JSONB NOT NULL DEFAULT '{}',
            dup_group TEXT,
            -- Title words weigh more than body words in the ranking (weight A against B).
            fts tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', coalesce(title, '')), 'A')
                || setweight(to_tsvector('english', text), 'B')
            ) STORED
        );
        CREATE INDEX articles_published ON articles(published, id);
        CREATE INDEX articles_source ON articles(source);
        CREATE INDEX articles_dup_group ON articles(dup_group);
        CREATE INDEX articles_fts ON articles USING GIN (fts);
        """,
    ),
    (
        "0002_enrichment",
        """
        CREATE TABLE stage_runs (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            stage TEXT NOT NULL,
            version TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            PRIMARY KEY (article_id, stage)
        );
        CREATE INDEX stage_runs_stage ON stage_runs(stage, version);
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sent_idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL,
            entity_key TEXT,
            role TEXT
        );
        CREATE INDEX mentions_article ON mentions(article_id, start);
        CREATE INDEX mentions_entity ON mentions(entity_key);
        CREATE TABLE entities (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases JSONB NOT NULL DEFAULT '[]',
            roles JSONB NOT NULL DEFAULT '[]',
            mentions INTEGER NOT NULL DEFAULT 0,
            first_seen DATE,
            last_seen DATE
        );
        CREATE TABLE timexes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sent_idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            anchor TEXT,
            day DATE,
            day_precision TEXT
        );
        CREATE INDEX timexes_article ON timexes(article_id);
        CREATE INDEX timexes_day ON timexes(day);
        CREATE TABLE claims (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sent_idx INTEGER NOT NULL,
            speaker TEXT,
            speaker_entity TEXT,
            cue TEXT NOT NULL,
            content TEXT NOT NULL,
            direct BOOLEAN NOT NULL,
            hedged BOOLEAN NOT NULL,
            speaker_start INTEGER, speaker_end INTEGER,
            cue_start INTEGER, cue_end INTEGER,
            content_start INTEGER, content_end INTEGER
        );
        CREATE INDEX claims_article ON claims(article_id, sent_idx);
        CREATE INDEX claims_speaker ON claims(speaker_entity);
        CREATE TABLE signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            minhash BYTEA NOT NULL,
            length INTEGER NOT NULL
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            date DATE NOT NULL,
            precision TEXT NOT NULL,
            record JSONB NOT NULL
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
)
