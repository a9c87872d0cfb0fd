"""Named schema migrations for the SQLite store, applied in order and safe to re-run.

Each migration runs in one transaction and is recorded by name in ``migrations``; a store opened
by a newer dateline gets the missing ones, an up-to-date store none. Never edit a migration that
has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            url TEXT,
            published TEXT NOT NULL,
            published_precision TEXT NOT NULL DEFAULT 'day',
            title TEXT,
            text TEXT NOT NULL,
            language TEXT,
            origin TEXT,
            ingested_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}',
            dup_group TEXT
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_source ON articles(source);
        CREATE INDEX articles_dup_group ON articles(dup_group);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
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
            rowid INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (article_id, idx)
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
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_entity ON mentions(entity_key);
        CREATE TABLE entities (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            roles TEXT NOT NULL DEFAULT '[]',
            mentions INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_seen TEXT
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
            day TEXT,
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
            direct INTEGER NOT NULL,
            hedged INTEGER NOT NULL,
            speaker_start INTEGER, speaker_end INTEGER,
            cue_start INTEGER, cue_end INTEGER,
            content_start INTEGER, content_end INTEGER
        );
        CREATE INDEX claims_article ON claims(article_id);
        CREATE INDEX claims_speaker ON claims(speaker_entity);
        CREATE TABLE signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            minhash BLOB NOT NULL,
            length INTEGER NOT NULL
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            date TEXT NOT NULL,
            precision TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        # Full-text indexing costs ten times the plain insert, so ingest only marks an article as
        # pending and the index catches up in batches when something needs it (a search, a query's
        # article filter, the end of `dateline enrich`). Only indexed rows are deleted from it.
        "0003_deferred_fts",
        """
        ALTER TABLE articles ADD COLUMN fts_pending INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX articles_fts_pending ON articles(rowid) WHERE fts_pending = 1;
        DROP TRIGGER articles_ai;
        DROP TRIGGER articles_ad;
        DROP TRIGGER articles_au;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles WHEN old.fts_pending = 0 BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles WHEN old.fts_pending = 0 BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        """,
    ),
)
