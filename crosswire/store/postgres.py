"""The PostgreSQL store: the same interface over psycopg 3 (the only module importing psycopg).

Shared SQL is written with `?` placeholders and mapped to psycopg's `%s` here;
full-text search uses `to_tsvector('english', ...)` with GIN indexes and
`websearch_to_tsquery`, which accepts anything a user types.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from crosswire.errors import StoreError
from crosswire.model import Article, Claim
from crosswire.store.base import Store

try:
    import psycopg
except ImportError:  # pragma: no cover - depends on the install
    psycopg = None


class PostgresStore(Store):
    dialect = "postgres"

    def __init__(self, url: str, *, create: bool = True) -> None:
        super().__init__(_safe_url(url))
        if psycopg is None:
            raise StoreError("PostgreSQL support needs psycopg: pip install 'crosswire[postgres]'")
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.where}: {_first_line(exc)}") from None
        if not create and not self._has_schema():
            self._conn.close()
            raise StoreError(f"no crosswire tables in {self.where}: run `crosswire ingest SOURCES --db URL` first")
        self.migrate()

    def _has_schema(self) -> bool:
        return bool(self._rows("SELECT to_regclass('schema_migrations') IS NOT NULL")[0][0])

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.errors.LockNotAvailable:
            raise StoreError(f"database {self.where} is locked by another process; try again later") from None
        except psycopg.Error as exc:
            raise StoreError(f"database {self.where}: {_first_line(exc)}") from None

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._errors():
            self._conn.execute(_pg(sql), params)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._errors():
            return self._conn.execute(_pg(sql), params).fetchall()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self._errors(), self._conn.transaction():
            yield

    def migrate(self) -> list[str]:
        # An advisory lock: two processes opening a fresh database must not both migrate it.
        with self.transaction():
            self._execute("SELECT pg_advisory_xact_lock(727274)")
            return super().migrate()

    def _index_for_search(self, article: Article, claims: list[Claim]) -> None:
        pass  # the GIN expression indexes of migration 0002 follow the rows by themselves

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Articles (title and text) and claim sentences matching the query (web-search syntax)."""
        rows = self._rows(
            "SELECT kind, article_key, id, title, snippet, story_id FROM ("
            " SELECT 'article' AS kind, a.article_key, a.id, a.title,"
            "  ts_headline('english', a.text, q, 'StartSel=[, StopSel=], MaxWords=14, MinWords=6') AS snippet,"
            "  ts_rank(to_tsvector('english', a.title || ' ' || a.text), q) AS score, s.story_id"
            " FROM articles a LEFT JOIN story_assignments s ON s.article_id = a.id,"
            "  websearch_to_tsquery('english', ?) q"
            " WHERE a.is_current = 1 AND to_tsvector('english', a.title || ' ' || a.text) @@ q"
            " UNION ALL"
            " SELECT 'claim', a.article_key, a.id, a.title,"
            "  ts_headline('english', c.sentence, q, 'StartSel=[, StopSel=]'),"
            "  ts_rank(to_tsvector('english', c.sentence), q), s.story_id"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN story_assignments s ON s.article_id = a.id,"
            "  websearch_to_tsquery('english', ?) q"
            " WHERE a.is_current = 1 AND to_tsvector('english', c.sentence) @@ q"
            ") hits ORDER BY score DESC, kind LIMIT ?",
            (query, query, int(limit)),
        )
        names = ("kind", "article", "article_id", "title", "snippet", "story")
        return [dict(zip(names, r)) for r in rows]

    def close(self) -> None:
        self._conn.close()


def _pg(sql: str) -> str:
    # The shared SQL holds no literal '?' or '%': placeholders are the only ones.
    return sql.replace("?", "%s")


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url
