"""The SQLite store: one file, WAL mode (readers never wait for the writer), stdlib sqlite3."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from crosswire.errors import StoreError
from crosswire.model import Article, Claim
from crosswire.store.base import Store

# How long a write waits for another process's write to finish before giving up.
BUSY_TIMEOUT_S = float(os.environ.get("CROSSWIRE_BUSY_TIMEOUT", "10"))


class SQLiteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        super().__init__(str(path))
        path = Path(path)
        if not create and not path.exists():
            raise StoreError(f"no database at {path}: run `crosswire ingest SOURCES --db {path}` first")
        try:
            self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self._depth = 0
            with self._errors():
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA foreign_keys=ON")
                self._conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoint, never corrupt
                self.migrate()
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _error(self, exc: sqlite3.Error) -> StoreError:
        message = str(exc)
        if "locked" in message or "busy" in message:
            return StoreError(
                f"database {self.where} is locked by another process (waited {BUSY_TIMEOUT_S:g}s); "
                "try again when the other crosswire command has finished"
            )
        if "not a database" in message or "malformed" in message:
            return StoreError(f"{self.where} is not a crosswire database ({message})")
        return StoreError(f"database {self.where}: {message}")

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._errors():
            self._conn.execute(sql, params)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._errors():
            return self._conn.execute(sql, params).fetchall()

    def _iter_rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple]:
        with self._errors():
            yield from self._conn.execute(sql, params)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:  # nested: part of the outer transaction
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        # IMMEDIATE takes the write lock now, so a second writer waits here (busy timeout), not mid-batch
        self._execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        else:
            self._execute("COMMIT")
        finally:
            self._depth = 0

    def _index_for_search(self, article: Article, claims: list[Claim]) -> None:
        self._execute("INSERT INTO search_fts (title, body, kind, article_id) VALUES (?, ?, 'article', ?)",
                      (article.title, article.text, article.id))  # fmt: skip
        for claim in claims:
            sentence = article.text[claim.sentence.start : claim.sentence.end]
            self._execute("INSERT INTO search_fts (title, body, kind, article_id) VALUES ('', ?, 'claim', ?)",
                          (sentence, article.id))  # fmt: skip

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Articles (title and text) and claim sentences matching every word of `query`."""
        match = fts_query(query)
        if not match:
            return []
        rows = self._rows(
            "SELECT f.kind, a.article_key, a.id, a.title, snippet(search_fts, 1, '[', ']', '...', 12), s.story_id "
            "FROM search_fts f JOIN articles a ON a.id = f.article_id "
            "LEFT JOIN story_assignments s ON s.article_id = a.id "
            "WHERE search_fts MATCH ? AND a.is_current = 1 ORDER BY rank LIMIT ?",
            (match, int(limit)),
        )
        names = ("kind", "article", "article_id", "title", "snippet", "story")
        return [dict(zip(names, r)) for r in rows]

    def close(self) -> None:
        self._conn.close()


def fts_query(text: str) -> str:
    """User words -> an FTS5 query of quoted terms (all must match).

    Quoting every word means FTS5 operators and stray quotes in the input are
    just text: `"; DROP TABLE` searches for the words "drop" and "table".
    """
    words = re.findall(r"\w+", text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)
