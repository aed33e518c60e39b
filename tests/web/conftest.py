"""A store filled once per session from examples/ and two articles of our own (one carries HTML/JS attacks)."""

from __future__ import annotations

import json
import shutil

import pytest

from web_corpus import BRIDGE_A, BRIDGE_B, EXAMPLES, TOKEN  # noqa: F401  (fixtures use them)
from web_server import serving


def bridge_records() -> list[dict]:
    return [
        {"id": "bridge-a", "title": "Kestrel Bridge closed after cable cracks found", "text": BRIDGE_A,
         "published": "2025-11-06", "outlet": "Dunmore Ledger", "url": "https://ledger.example/bridge"},
        {"id": "bridge-b", "title": "Cracks shut Kestrel Bridge <b>for weeks</b>", "text": BRIDGE_B,
         "published": "2025-11-06", "outlet": "Valley Post <i>online</i>", "url": "javascript:alert(1)"},
    ]


@pytest.fixture(scope="session")
def articles_folder(tmp_path_factory):
    """The example articles and the two bridge records, as files in one folder."""
    folder = tmp_path_factory.mktemp("articles")
    for path in EXAMPLES.glob("harbor-strike-*"):
        shutil.copy(path, folder / path.name)
    (folder / "bridge.jsonl").write_text("\n".join(json.dumps(r) for r in bridge_records()) + "\n", encoding="utf-8")
    return folder


def fill(db: str, folder, nlp) -> None:
    from crosswire.store import open_store
    from crosswire.store.ingest import ingest

    with open_store(db) as store:
        result = ingest(store, [folder], nlp=nlp)
        assert result.added == 5, result.problems


@pytest.fixture(scope="session")
def filled_db(tmp_path_factory, articles_folder, nlp):
    """Path of a SQLite store holding the example articles and the two bridge articles."""
    db = tmp_path_factory.mktemp("db") / "news.db"
    fill(db, articles_folder, nlp)
    return db


@pytest.fixture(scope="module")
def filled_postgres(articles_folder, nlp):
    """URL of a PostgreSQL store holding what filled_db holds, in a schema of its own made afresh per test module.

    Needs CROSSWIRE_TEST_POSTGRES=postgresql://... (see .ci/postgres.sh); skips without it.
    """
    import os
    import urllib.parse

    url = os.environ.get("CROSSWIRE_TEST_POSTGRES")
    if not url:
        pytest.skip("PostgreSQL web tests need CROSSWIRE_TEST_POSTGRES=postgresql://... (see .ci/postgres.sh)")
    psycopg = pytest.importorskip("psycopg", reason="PostgreSQL web tests need psycopg: pip install -e '.[postgres]'")
    schema = "crosswire_web_test"  # apart from the store tests' tables in the same database
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    scoped = f"{url}{separator}options={urllib.parse.quote(f'-csearch_path={schema}')}"
    fill(scoped, articles_folder, nlp)
    return scoped


@pytest.fixture(scope="session")
def app(filled_db, nlp):
    from crosswire.web import create_app

    return create_app(filled_db, token=TOKEN, nlp=nlp)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def writable(filled_db, tmp_path, nlp):
    """A client over a copy of the filled store, for tests that write, and the copy's path."""
    from fastapi.testclient import TestClient

    from crosswire.web import create_app

    db = tmp_path / "copy.db"
    shutil.copy(filled_db, db)
    with TestClient(create_app(db, token=TOKEN, nlp=nlp), raise_server_exceptions=False) as client:
        yield client, db


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def story_ids(filled_db):
    """{"harbor": id, "bridge": id} of the two stories the fixture articles form."""
    from crosswire.store import open_store

    with open_store(filled_db) as store:
        found = {}
        for s in store.stories():
            if "bridge-a" in s["articles"]:
                found["bridge"] = s
            if "mw-20251013-0412" in s["articles"]:
                found["harbor"] = s
    assert set(found) == {"bridge", "harbor"}, "the fixture articles should form these two stories"
    return found


@pytest.fixture(scope="session")
def server(filled_db, tmp_path_factory):
    """`crosswire serve` over a copy of the filled store, for the session: its base URL."""
    db = tmp_path_factory.mktemp("served") / "news.db"
    shutil.copy(filled_db, db)
    with serving(db, db.with_suffix(".log")) as base:
        yield base


@pytest.fixture
def writable_server(filled_db, tmp_path):
    """`crosswire serve` over a copy of its own, for a test that writes: its base URL."""
    db = tmp_path / "news.db"
    shutil.copy(filled_db, db)
    with serving(db, db.with_suffix(".log")) as base:
        yield base
