"""Stores: where articles and everything derived from them are kept (DESIGN §6).

:func:`open_store` picks the backend from the location: a file path (SQLite, the default) or a
``postgresql://`` URL (PostgreSQL).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from dateline.errors import ConfigError
from dateline.store.base import ArticleEnrichment, SearchHit, StageResult, Store, StoreStats
from dateline.store.sqlite import SQLiteStore

DEFAULT_DB = "dateline.db"


def resolve_location(db: str | None = None) -> str:
    """The store location: ``db``, else ``$DATELINE_DB``, else ``./dateline.db``."""
    return db or os.environ.get("DATELINE_DB") or DEFAULT_DB


def open_store(db: str | Path | None = None) -> SQLiteStore:
    """Open (creating and migrating when needed) the store at ``db`` (see :func:`resolve_location`)."""
    location = resolve_location(str(db) if db is not None else None)
    if location.startswith(("postgresql://", "postgres://")):
        try:
            from dateline.store.postgres import PostgresStore
        except ImportError as exc:
            raise ConfigError(
                f"{location.split('@')[-1]}: the PostgreSQL store needs psycopg (pip install 'dateline[postgres]')"
            ) from exc
        # Typed as SQLiteStore until callers are annotated with the Store protocol; PostgresStore
        # implements every method of it.
        return cast(SQLiteStore, PostgresStore(location))
    return SQLiteStore(location)


__all__ = [
    "ArticleEnrichment",
    "SQLiteStore",
    "SearchHit",
    "StageResult",
    "Store",
    "StoreStats",
    "open_store",
    "resolve_location",
]
