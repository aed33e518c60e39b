"""Store fixtures: a store per test (SQLite always, PostgreSQL when CROSSWIRE_TEST_POSTGRES is a URL)."""

from __future__ import annotations

import os
import pathlib
import shutil

import pytest

from crosswire.store import open_store
from crosswire.store.ingest import stories_api
from store_corpus import FERRY, LIBRARY, record  # noqa: F401  (the fixtures use them)

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
POSTGRES = os.environ.get("CROSSWIRE_TEST_POSTGRES")



@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "postgres":
        if not POSTGRES:
            pytest.skip("PostgreSQL tests need CROSSWIRE_TEST_POSTGRES=postgresql://... (see .ci/postgres.sh)")
        s = open_store(POSTGRES)
        _empty_postgres(s)
        s.close()
        s = open_store(POSTGRES)
    else:
        s = open_store(tmp_path / "news.db")
    yield s
    s.close()


def _empty_postgres(s) -> None:
    # a fresh schema per test: drop every crosswire table, the next open migrates again
    with s.transaction():
        for table in ("sentence_vectors", "reported_conflicts", "fetch_log", "feed_entries", "feeds", "comparisons",
                      "stories", "story_assignments", "story_features", "claims", "analyses", "articles",
                      "schema_migrations"):
            s._execute(f"DROP TABLE IF EXISTS {table} CASCADE")


@pytest.fixture(scope="session")
def api():
    """The real clustering engine (the embedding model loads once per session)."""
    return stories_api()


@pytest.fixture
def corpus(tmp_path):
    """The three example articles and two records of our own in one folder (plus a hidden file)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in EXAMPLES.glob("harbor-strike-*"):
        shutil.copy(path, folder / path.name)
    (folder / "own.jsonl").write_text(
        record("ferry-1", FERRY, "Storm strands ferry passengers") + "\n"
        + record("library-1", LIBRARY, "Council closes Lindgren Library", "2025-10-20") + "\n",
        encoding="utf-8",
    )
    (folder / ".hidden.txt").write_text("not an article", encoding="utf-8")
    return folder
