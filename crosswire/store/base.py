"""The store interface, with the SQL both databases share.

Queries are written once with `?` placeholders (always parameters, never text
pasted into SQL); a dialect subclass connects, runs migrations, maps `?` to its
own placeholder and implements full-text search, the one thing SQLite and
PostgreSQL do differently.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any

from crosswire.model import Analysis, Article, Claim
from crosswire.store import serialize
from crosswire.store.schema import check_known, migrations

_ARTICLE_COLUMNS = ("id, article_key, revision, external_id, url, source, outlet, title, published, authors, "
                    "raw_text, text, segments, notes, meta, first_seen")  # fmt: skip


def _made_by() -> str:
    """What a stored comparison's version holds besides its story's: the rules that made it, so that a
    crosswire whose analysis or comparison changed does not serve reports an older one stored."""
    from crosswire.analyze import ANALYSIS_VERSION
    from crosswire.pipeline import COMPARISON_VERSION

    return f"@{ANALYSIS_VERSION}+{COMPARISON_VERSION}"


def _now(timespec: str = "seconds") -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec=timespec)


class Store:
    """Articles, analyses, claims, story assignments, stories and their comparisons."""

    dialect = ""

    def __init__(self, where: str) -> None:
        self.where = where  # how messages name this database

    # -- what a dialect provides -------------------------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def _rows_in(self, sql: str, ids: Sequence[Any], params: Sequence[Any] = ()) -> Iterator[tuple]:
        """Rows of `sql`, whose `{marks}` is the placeholder list of an IN, for `ids` 500 at a time
        (under SQLite's parameter limit); `params` come before the ids."""
        ids = list(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            yield from self._rows(sql.format(marks=", ".join("?" * len(chunk))), [*params, *chunk])

    def _iter_rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple]:
        """Rows one at a time where the driver can stream them (a whole store's features are large)."""
        yield from self._rows(sql, params)

    def transaction(self) -> contextlib.AbstractContextManager:
        """All writes inside commit together or not at all."""
        raise NotImplementedError

    def _index_for_search(self, article: Article, claims: list[Claim]) -> None:
        raise NotImplementedError

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- migrations ----------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, each in its own transaction; return their names."""
        with self.transaction():
            self._execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = self.applied_migrations()
        check_known(applied, self.where)
        done = []
        for name, statements in migrations(self.dialect):
            if name in applied:
                continue
            with self.transaction():
                for statement in statements:
                    self._execute(statement)
                self._execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
            done.append(name)
        return done

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT name FROM schema_migrations ORDER BY name")]

    # -- articles ------------------------------------------------------------
    def known_article_ids(self, ids: Sequence[str]) -> set[str]:
        return {r[0] for r in self._rows_in("SELECT id FROM articles WHERE id IN ({marks})", ids)}

    def all_article_ids(self) -> Iterator[str]:
        """The id of every stored article (streamed where the driver can)."""
        return (r[0] for r in self._iter_rows("SELECT id FROM articles"))

    def add_article(
        self, article: Article, analysis_json: str, analysis_version: str, claims: list[Claim]
    ) -> tuple[int, set[str]]:
        """Store one article (a new revision when its key is known), its analysis and claims.

        Returns the revision number and the stories that held the previous
        revision: they lose it (only the latest revision is compared).
        """
        key = serialize.article_key(article)
        revision = self._rows("SELECT COALESCE(MAX(revision), 0) FROM articles WHERE article_key = ?", (key,))[0][0] + 1
        stale = {r[0] for r in self._rows(
            "SELECT s.story_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
            "WHERE a.article_key = ? AND a.is_current = 1", (key,))}  # fmt: skip
        self._execute("UPDATE articles SET is_current = 0 WHERE article_key = ?", (key,))
        row = serialize.article_row(article) | {"article_key": key, "revision": revision, "first_seen": _now("microseconds")}  # orders a run's articles
        columns = [c.strip() for c in _ARTICLE_COLUMNS.split(",")]
        self._execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}, is_current) VALUES ({', '.join('?' * len(columns))}, 1)",
            [row[c] for c in columns],
        )
        self._execute("INSERT INTO analyses (article_id, version, data) VALUES (?, ?, ?)",
                      (article.id, analysis_version, analysis_json))  # fmt: skip
        for claim in claims:
            start, end = claim.sentence.start, claim.sentence.end
            self._execute(
                "INSERT INTO claims (article_id, id, kind, predicate, start_pos, end_pos, sentence, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (article.id, claim.id, claim.kind, claim.predicate, start, end, article.text[start:end],
                 serialize.dumps({"slots": claim.slots, "keywords": claim.keywords, "speaker": claim.speaker})),
            )  # fmt: skip
        self._index_for_search(article, claims)
        return revision, stale

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in that order."""
        rows = {r[0]: r for r in self._rows_in(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({{marks}})", ids)}
        names = [c.strip() for c in _ARTICLE_COLUMNS.split(",")]
        return [serialize.article_from_row(dict(zip(names, rows[i]))) for i in ids if i in rows]

    def analyses(self, ids: Sequence[str], version: str) -> dict[str, Analysis]:
        """The stored analyses of these articles that the given analysis version made, by article id."""
        rows = self._rows_in("SELECT article_id, data FROM analyses WHERE version = ? AND article_id IN ({marks})",
                             ids, [version])  # fmt: skip
        return {article_id: serialize.analysis_from_dict(json.loads(data)) for article_id, data in rows}

    def revisions(self, article_key: str) -> list[dict[str, Any]]:
        """Every stored version of one article, oldest first: both texts are kept."""
        rows = self._rows(
            "SELECT id, revision, first_seen, title, text, raw_text FROM articles WHERE article_key = ? ORDER BY revision",
            (article_key,),
        )
        names = ("id", "revision", "first_seen", "title", "text", "raw_text")
        return [dict(zip(names, r)) for r in rows]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "analyses", "claims", "story_features", "story_assignments", "stories", "comparisons")
        # table names come from the tuple above, never from input
        return {t: self._rows(f"SELECT COUNT(*) FROM {t}")[0][0] for t in tables}

    # -- story features and assignments -------------------------------------
    def add_features(self, article_id: str, row: dict[str, Any]) -> None:
        vector, data = serialize.features_row_to_columns(row)
        self._execute("INSERT INTO story_features (article_id, vector, data) VALUES (?, ?, ?)", (article_id, vector, data))

    def feature_rows(self) -> Iterator[tuple[dict[str, Any], str]]:
        """(features_to_row dict, story id) in the order the articles were added."""
        rows = self._iter_rows(
            "SELECT f.vector, f.data, s.story_id FROM story_features f "
            "JOIN story_assignments s ON s.article_id = f.article_id ORDER BY s.seq"
        )
        for vector, data, story_id in rows:
            yield serialize.features_row_from_columns(vector, data), story_id

    def unassigned_articles(self) -> Iterator[tuple[str, str | None, bytes]]:
        """(id, published ISO date, vector bytes) of the articles stored with their features but in no story yet,
        by published date (undated last), then in the order they were stored (first_seen, to the microsecond)."""
        rows = self._iter_rows(
            "SELECT a.id, a.published, f.vector FROM articles a JOIN story_features f ON f.article_id = a.id "
            "LEFT JOIN story_assignments s ON s.article_id = a.id WHERE s.article_id IS NULL "
            "ORDER BY CASE WHEN a.published IS NULL THEN 1 ELSE 0 END, a.published, a.first_seen, a.id"
        )
        for article_id, published, vector in rows:
            yield article_id, published, bytes(vector)

    def features_of(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Article id -> its features_to_row dict."""
        return {article_id: serialize.features_row_from_columns(vector, data) for article_id, vector, data in
                self._rows_in("SELECT article_id, vector, data FROM story_features WHERE article_id IN ({marks})",
                              article_ids)}  # fmt: skip

    def assign(self, article_id: str, story_id: str, merged: Sequence[str], duplicate_of: str | None,
               derived_from: tuple[str, float] | None) -> set[str]:  # fmt: skip
        """Record an article's story (folding in the stories it merged); return the stories touched."""
        seq = self._rows("SELECT COALESCE(MAX(seq), 0) FROM story_assignments")[0][0] + 1
        derived_id, score = derived_from if derived_from else (None, None)
        self._execute(
            "INSERT INTO story_assignments (article_id, story_id, seq, duplicate_of, derived_from, derived_score) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, story_id, seq, duplicate_of, derived_id, None if score is None else float(score)),
        )
        for old in merged:
            self.fold_story(old, story_id)
        return {story_id, *merged}

    def fold_story(self, absorbed: str, into: str) -> set[str]:
        """Move every article of story `absorbed` into story `into`; the stories touched."""
        if absorbed != into:
            self._execute("UPDATE story_assignments SET story_id = ? WHERE story_id = ?", (into, absorbed))
        return {absorbed, into}

    def story_of(self, article_ids: Sequence[str]) -> set[str]:
        stories = set()
        for article_id in article_ids:
            stories.update(r[0] for r in self._rows("SELECT story_id FROM story_assignments WHERE article_id = ?",
                                                    (article_id,)))  # fmt: skip
        return stories

    # -- stories -------------------------------------------------------------
    def _story_members(self, story_id: str) -> list[tuple]:
        """(id, title, published, article_key, revision) of a story's current articles, earliest first."""
        return self._members_of([story_id]).get(story_id, [])

    def refresh_stories(self, story_ids: set[str]) -> None:
        """Recompute size, dates, title and version of these stories (deleting emptied ones)."""
        for story_id in sorted(story_ids):
            members = self._story_members(story_id)
            self._execute("DELETE FROM stories WHERE id = ?", (story_id,))
            if not members:
                self._execute("DELETE FROM comparisons WHERE story_id = ?", (story_id,))
                continue
            dates = [m[2] for m in members if m[2]]
            title = next((m[1] for m in members if m[1]), "(untitled)")  # the earliest article's title
            version = hashlib.sha256("\n".join(sorted(m[0] for m in members)).encode()).hexdigest()[:16]
            self._execute(
                "INSERT INTO stories (id, title, size, first_published, last_published, version, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (story_id, title, len(members), min(dates, default=None), max(dates, default=None), version, _now()),
            )

    def stories(self, *, since: dt.date | None = None, until: dt.date | None = None, q: str | None = None,
                uncompared: bool = False, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:  # fmt: skip
        """Stories, biggest and newest first, each with its articles' external keys.

        Every filter runs in SQL, as parameters: `since` keeps the stories whose
        last article is that day or later, `until` those whose first article is
        that day or earlier, `q` those holding an article or claim sentence that
        full-text search finds (`search`'s syntax per dialect; a query with no
        words finds nothing), `uncompared` those with no stored comparison of
        their current version. `limit`/`offset` cut one page; ask for one story
        more than a page to learn whether another page follows.
        """
        sql = "SELECT id, title, size, first_published, last_published, version FROM stories"
        where, params = self._story_filters(since, until, q)
        if where is not None and uncompared:
            where.append("NOT EXISTS (SELECT 1 FROM comparisons c WHERE c.story_id = stories.id "
                         "AND c.story_version = stories.version || ?)")  # fmt: skip
            params.append(_made_by())
        if where is None:
            return []
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY size DESC, last_published IS NULL, last_published DESC, id"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None and self.dialect == "sqlite" else limit, int(offset)]
        rows = self._rows(sql, params)
        members = self._members_of([r[0] for r in rows])
        return [self._story_dict(r, members.get(r[0], [])) for r in rows]

    def _story_filters(self, since: dt.date | None, until: dt.date | None,
                       q: str | None) -> tuple[list[str] | None, list[Any]]:  # fmt: skip
        """(WHERE conditions, their parameters) of the story filters; (None, []) when `q` can match nothing."""
        where: list[str] = []
        params: list[Any] = []
        if since is not None:
            where.append("last_published >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("first_published <= ?")
            params.append(until.isoformat())
        if q is not None and q.strip():
            if self.dialect == "sqlite":
                from crosswire.store.sqlite import fts_query

                match = fts_query(q)
                if not match:
                    return None, []
                where.append("id IN (SELECT s.story_id FROM search_fts f JOIN articles a ON a.id = f.article_id "
                             "JOIN story_assignments s ON s.article_id = a.id "
                             "WHERE search_fts MATCH ? AND a.is_current = 1)")  # fmt: skip
                params.append(match)
            else:  # PostgreSQL: the GIN expression indexes of migration 0002, as `search` uses them
                where.append(
                    "id IN (SELECT s.story_id FROM articles a JOIN story_assignments s ON s.article_id = a.id "
                    "WHERE a.is_current = 1 AND to_tsvector('english', a.title || ' ' || a.text) "
                    "@@ websearch_to_tsquery('english', ?) "
                    "UNION SELECT s.story_id FROM claims c JOIN articles a ON a.id = c.article_id "
                    "JOIN story_assignments s ON s.article_id = a.id "
                    "WHERE a.is_current = 1 AND to_tsvector('english', c.sentence) @@ websearch_to_tsquery('english', ?))"
                )
                params += [q, q]
        return where, params

    def story(self, story_id: str) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT id, title, size, first_published, last_published, version FROM stories WHERE id = ?", (story_id,)
        )
        return self._story_dict(rows[0], self._story_members(story_id)) if rows else None

    def _members_of(self, story_ids: Sequence[str]) -> dict[str, list[tuple]]:
        """{story id: (id, title, published, article_key, revision) of its current articles, earliest first}.

        One query per 500 stories. A revision over 1 means earlier versions of that article are stored.
        """
        found: dict[str, list[tuple]] = {}
        for r in self._rows_in(
            "SELECT s.story_id, a.id, a.title, a.published, a.article_key, a.revision FROM story_assignments s "
            "JOIN articles a ON a.id = s.article_id WHERE s.story_id IN ({marks}) AND a.is_current = 1 "
            "ORDER BY a.published IS NULL, a.published, s.seq",
            story_ids,
        ):
            found.setdefault(r[0], []).append(r[1:])
        return found

    @staticmethod
    def _story_dict(r: tuple, members: list[tuple]) -> dict[str, Any]:
        return {
            "id": r[0],
            "title": r[1],
            "articles": [m[3] for m in members],
            "article_ids": [m[0] for m in members],
            "size": r[2],
            "first_published": r[3],
            "last_published": r[4],
            "version": r[5],
            "revised": any(m[4] > 1 for m in members),  # an article of it has earlier versions
        }

    def verdict_counts(self, stories: Sequence[dict[str, Any]]) -> dict[str, dict[str, int] | None]:
        """{story id: the verdict counts of its stored comparison, None when there is none of its current version}.

        Read from the stored reports' summaries in SQL (JSON functions of each
        dialect), so that a page of stories does not parse whole reports.
        """
        summary = "json_extract(data, '$.summary')" if self.dialect == "sqlite" else "(data::json -> 'summary')::text"
        found: dict[str, dict[str, int] | None] = {s["id"]: None for s in stories}
        versions = {s["id"]: s["version"] for s in stories}
        rows = self._rows_in(f"SELECT story_id, story_version, {summary} FROM comparisons WHERE story_id IN ({{marks}})",
                             list(versions))  # fmt: skip
        for story_id, version, counts in rows:
            if version == versions[story_id] + _made_by():
                counts = json.loads(counts or "{}")
                found[story_id] = {v: int(counts.get(v, 0)) for v in ("conflicting", "corroborated", "unique")}
        return found

    # -- sentence vectors (what the embedding model made for comparisons) ----
    def sentence_vectors(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored vectors of these sentence keys (`Embedder.cache_key`), by key."""
        rows = self._rows_in("SELECT sentence_key, vector FROM sentence_vectors WHERE sentence_key IN ({marks})", keys)
        return {key: bytes(vector) for key, vector in rows}  # psycopg gives bytea as memoryview

    def save_sentence_vectors(self, vectors: dict[str, bytes]) -> None:
        with self.transaction():
            for key, vector in vectors.items():
                self._execute("INSERT INTO sentence_vectors (sentence_key, vector) VALUES (?, ?) "
                              "ON CONFLICT DO NOTHING", (key, vector))  # fmt: skip

    # -- comparisons ---------------------------------------------------------
    def comparison(self, story_id: str, story_version: str) -> dict[str, Any] | None:
        """The stored JSON report of this version of the story, made by this crosswire's rules, or None."""
        rows = self._rows("SELECT data FROM comparisons WHERE story_id = ? AND story_version = ?",
                          (story_id, story_version + _made_by()))  # fmt: skip
        return json.loads(rows[0][0]) if rows else None

    def save_comparison(self, story_id: str, story_version: str, data: dict[str, Any]) -> None:
        with self.transaction():
            self._execute("DELETE FROM comparisons WHERE story_id = ?", (story_id,))
            self._execute(
                "INSERT INTO comparisons (story_id, story_version, data, computed_at) VALUES (?, ?, ?, ?)",
                (story_id, story_version + _made_by(), json.dumps(data, ensure_ascii=False), _now()),
            )
