"""A tiny stand-in for crosswire.stories (same calls), used only while that package is absent.

Articles sharing an organisation or place name join one story; that is all the
store tests need from clustering.
"""

from __future__ import annotations

import json
import types
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FakeFeatures:
    article_id: str
    published: object
    vector: np.ndarray
    entities: frozenset
    signature: np.ndarray


@dataclass(frozen=True)
class FakeAssignment:
    article_id: str
    story_id: str
    merged: tuple = ()
    duplicate_of: str | None = None
    derived_from: tuple | None = None


def story_features(articles, analyses, embedder):
    return [
        FakeFeatures(a.id, a.published, np.zeros(4, dtype=np.float32),
                     frozenset(e.name for e in an.entities if e.label in ("ORG", "GPE")), np.zeros(2, dtype=np.uint64))
        for a, an in zip(articles, analyses)
    ]  # fmt: skip


def features_to_row(f):
    return {"article_id": f.article_id, "published": f.published.isoformat() if f.published else None,
            "vector": f.vector.tobytes(), "entities": json.dumps(sorted(f.entities)), "signature": f.signature.tobytes()}


def features_from_row(row):
    return FakeFeatures(row["article_id"], row["published"], np.frombuffer(row["vector"], dtype=np.float32),
                        frozenset(json.loads(row["entities"])), np.frombuffer(row["signature"], dtype=np.uint64))


class StoryIndex:
    def __init__(self):
        self._stories: dict[str, set] = {}
        self._members: dict[str, list] = {}

    def add(self, f):
        for story_id, names in self._stories.items():
            if names & f.entities:
                names |= f.entities
                self._members[story_id].append(f.article_id)
                return FakeAssignment(f.article_id, story_id)
        story_id = f"s{f.article_id[:8]}"
        self._stories[story_id], self._members[story_id] = set(f.entities), [f.article_id]
        return FakeAssignment(f.article_id, story_id)

    @classmethod
    def rebuild(cls, pairs):
        index = cls()
        for f, story_id in pairs:
            index._stories.setdefault(story_id, set()).update(f.entities)
            index._members.setdefault(story_id, []).append(f.article_id)
        return index

    def stories(self):
        return dict(self._members)


API = types.SimpleNamespace(StoryIndex=StoryIndex, story_features=story_features,
                            features_to_row=features_to_row, features_from_row=features_from_row)  # fmt: skip


def api():
    """The real engine when it is installed, else this fake."""
    try:
        from crosswire.store.ingest import stories_api

        return stories_api()
    except ImportError:
        return API
