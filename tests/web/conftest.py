"""A store filled once per session from examples/ and two articles of our own (one carries HTML/JS attacks)."""

from __future__ import annotations

import json
import shutil

import pytest

from web_corpus import BRIDGE_A, BRIDGE_B, EXAMPLES, TOKEN  # noqa: F401  (fixtures use them)


def bridge_records() -> list[dict]:
    return [
        {"id": "bridge-a", "title": "Kestrel Bridge closed after cable cracks found", "text": BRIDGE_A,
         "published": "2025-11-06", "outlet": "Dunmore Ledger", "url": "https://ledger.example/bridge"},
        {"id": "bridge-b", "title": "Cracks shut Kestrel Bridge <b>for weeks</b>", "text": BRIDGE_B,
         "published": "2025-11-06", "outlet": "Valley Post <i>online</i>", "url": "javascript:alert(1)"},
    ]


@pytest.fixture(scope="session")
def filled_db(tmp_path_factory, nlp):
    """Path of a SQLite store holding the example articles and the two bridge articles."""
    from crosswire.store import open_store
    from crosswire.store.ingest import ingest

    folder = tmp_path_factory.mktemp("articles")
    for path in EXAMPLES.glob("harbor-strike-*"):
        shutil.copy(path, folder / path.name)
    (folder / "bridge.jsonl").write_text("\n".join(json.dumps(r) for r in bridge_records()) + "\n", encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "news.db"
    with open_store(db) as store:
        result = ingest(store, [folder], nlp=nlp)
        assert result.added == 5, result.problems
    return db


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


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(filled_db, tmp_path_factory):
    """`crosswire serve` on 127.0.0.1 over a copy of the filled store, in its own process: its base URL."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    db = tmp_path_factory.mktemp("served") / "news.db"
    shutil.copy(filled_db, db)
    port = free_port()
    log = open(db.with_suffix(".log"), "w+", encoding="utf-8")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "crosswire.cli", "serve", "--db", str(db), "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, env=os.environ | {"CROSSWIRE_TOKEN": TOKEN})  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"crosswire serve exited with {process.returncode}: {log.read()}")
            try:
                with urllib.request.urlopen(base + "/api/stories", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("crosswire serve did not answer within 30 s")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
