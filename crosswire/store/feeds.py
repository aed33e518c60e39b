"""The feed tables (migration 0003): feeds followed, entries taken, and the fetch log.

Plain functions over a Store's `_execute`/`_rows`, with `?` parameters, so they
work on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from crosswire.errors import StoreError
from crosswire.store.base import Store, _now

_FEED_COLUMNS = ("id", "url", "title", "etag", "last_modified", "added_at", "last_polled", "last_success",
                 "last_error")  # fmt: skip


def feed_id(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]


def add_feed(store: Store, url: str, title: str = "") -> tuple[str, bool]:
    """(id, added): False when the feed was already followed."""
    fid = feed_id(url)
    with store.transaction():
        if store._rows("SELECT 1 FROM feeds WHERE id = ?", (fid,)):
            return fid, False
        store._execute("INSERT INTO feeds (id, url, title, added_at) VALUES (?, ?, ?, ?)", (fid, url, title, _now()))
    return fid, True


def feeds(store: Store) -> list[dict[str, Any]]:
    """Every feed, oldest first, with its article, partial and error counts."""
    rows = store._rows(f"SELECT {', '.join(_FEED_COLUMNS)} FROM feeds ORDER BY added_at, url")
    result = []
    for row in rows:
        feed = dict(zip(_FEED_COLUMNS, row))
        counts = store._rows(
            "SELECT COUNT(article_id), COALESCE(SUM(partial), 0) FROM feed_entries WHERE feed_id = ?", (feed["id"],)
        )[0]
        feed["articles"], feed["partial"] = int(counts[0]), int(counts[1])
        feed["errors"] = int(store._rows(
            "SELECT COUNT(*) FROM fetch_log WHERE feed_id = ? AND outcome NOT IN ('ok', 'not_modified')",
            (feed["id"],))[0][0])  # fmt: skip
        result.append(feed)
    return result


def get_feed(store: Store, url_or_id: str) -> dict[str, Any]:
    for feed in feeds(store):
        if url_or_id in (feed["url"], feed["id"]):
            return feed
    raise StoreError(f"no feed {url_or_id!r} in {store.where}: add it with `crosswire feeds add URL`")


def seen_entries(store: Store, fid: str, keys: Iterable[str]) -> set[str]:
    rows = store._rows_in("SELECT entry_key FROM feed_entries WHERE feed_id = ? AND entry_key IN ({marks})",
                          list(keys), [fid])  # fmt: skip
    return {r[0] for r in rows}


def add_entry(store: Store, fid: str, key: str, link: str | None, article_id: str | None, partial: bool) -> None:
    store._execute(
        "INSERT INTO feed_entries (feed_id, entry_key, link, article_id, partial, seen_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        (fid, key, link, article_id, int(partial), _now()),
    )


def log_fetch(store: Store, fid: str | None, url: str, outcome: str, status: int | None = None, detail: str = "") -> None:
    store._execute("INSERT INTO fetch_log (at, feed_id, url, outcome, status, detail) VALUES (?, ?, ?, ?, ?, ?)",
                   (_now(), fid, url, outcome, status, detail))  # fmt: skip


def prune_fetch_log(store: Store, keep_days: int) -> int:
    """Delete fetch outcomes older than keep_days (none when it is 0 or less); return how many went."""
    if keep_days <= 0:
        return 0
    cutoff = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=keep_days)).isoformat(timespec="seconds")
    count = int(store._rows("SELECT COUNT(*) FROM fetch_log WHERE at < ?", (cutoff,))[0][0])
    if count:
        with store.transaction():
            store._execute("DELETE FROM fetch_log WHERE at < ?", (cutoff,))
    return count


def fetch_log(store: Store, fid: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE feed_id = ?", (fid,)) if fid else ("", ())
    names = ("at", "feed_id", "url", "outcome", "status", "detail")
    return [dict(zip(names, r)) for r in store._rows(f"SELECT {', '.join(names)} FROM fetch_log {where}", params)]


def update_feed(store: Store, fid: str, **values: Any) -> None:
    """Set some of title, etag, last_modified, last_polled, last_success, last_error."""
    allowed = {"title", "etag", "last_modified", "last_polled", "last_success", "last_error"}
    if not values or not set(values) <= allowed:
        raise ValueError(f"update_feed: unknown columns {set(values) - allowed}")
    names = sorted(values)
    store._execute(f"UPDATE feeds SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                   [values[n] for n in names] + [fid])  # fmt: skip
