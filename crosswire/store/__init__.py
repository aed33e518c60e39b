"""store: articles, their analyses and claims, stories and their comparisons, kept between runs.

    open_store(url_or_path, *, create=True) -> Store
    ingest(store, sources, ...) -> IngestResult        (crosswire.store.ingest)
    story_comparison(store, story_id, ...) -> (Comparison, recomputed)

SQLite by default (a file path; WAL mode), PostgreSQL for a `postgresql://`
URL, both behind the one `Store` interface (`store/base.py`). The schema is a
list of named migrations (`store/schema.py`) applied when a store opens; a
database migrated by a newer crosswire is refused with a StoreError that says
to upgrade.
"""

from __future__ import annotations

from pathlib import Path

from crosswire.store.base import Store

__all__ = ["DEFAULT_DB", "Store", "open_store"]

DEFAULT_DB = "crosswire.db"


def open_store(url_or_path: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:
    """Open (and migrate) a store; `create=False` raises StoreError when there is none yet."""
    where = str(url_or_path)
    if where.startswith(("postgresql://", "postgres://")):
        from crosswire.store.postgres import PostgresStore  # psycopg loads only for PostgreSQL

        return PostgresStore(where, create=create)
    from crosswire.store.sqlite import SQLiteStore

    return SQLiteStore(where, create=create)
