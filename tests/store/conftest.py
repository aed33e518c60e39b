"""Store fixtures: a store per test (SQLite always, PostgreSQL when CROSSWIRE_TEST_POSTGRES is a URL)."""

from __future__ import annotations

import json
import os
import pathlib
import shutil

import pytest

from crosswire.store import open_store
from crosswire.store.ingest import stories_api

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
POSTGRES = os.environ.get("CROSSWIRE_TEST_POSTGRES")

# Our own short articles: two unrelated events, as JSONL records with ids.
FERRY = ("Ferry operator Tidewell Lines cancelled all crossings to Maren Island on Tuesday after a storm damaged "
         "the pier at Corvo Harbour, the company said. About 1,200 passengers were stranded overnight. Tidewell Lines "
         "said repairs to the shipbuilding yard pier would cost 4 million euros and take two weeks.")
LIBRARY = ("The city council of Ostrava Vale voted on Monday to close the Lindgren Library for renovation, council "
           "spokesperson Petra Alm said. The work will cost 2.5 million dollars and the library will reopen in March "
           "2026, the council said in a statement.")


def record(rid: str, text: str, title: str, published: str = "2025-10-21", outlet: str = "Test Post") -> str:
    return json.dumps({"id": rid, "title": title, "text": text, "published": published, "outlet": outlet})


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
        for table in ("reported_conflicts", "fetch_log", "feed_entries", "feeds", "comparisons", "stories", "story_assignments",
                      "story_features", "claims", "analyses", "articles", "schema_migrations"):
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
