"""The reported_conflicts table (migration 0004): which conflicting findings `crosswire watch` has reported.

Plain functions over a Store's `_execute`/`_rows`, so they work on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from crosswire.store.base import Store, _now


def reported(store: Store, story_id: str) -> set[str]:
    """The finding keys already reported for this story."""
    return {r[0] for r in store._rows("SELECT finding_key FROM reported_conflicts WHERE story_id = ?", (story_id,))}


def mark_reported(store: Store, story_id: str, keys: Iterable[str]) -> None:
    with store.transaction():
        for key in keys:
            store._execute("INSERT INTO reported_conflicts (story_id, finding_key, reported_at) VALUES (?, ?, ?) "
                           "ON CONFLICT DO NOTHING", (story_id, key, _now()))  # fmt: skip
