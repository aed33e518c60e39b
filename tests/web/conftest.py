"""A store filled once per session from examples/ and two articles of our own (one carries HTML/JS attacks)."""

from __future__ import annotations

import json
import pathlib
import shutil

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
TOKEN = "test-token-0123456789"
ATTACK = '<script>alert(1)</script> and <img src=x onerror=alert(1)>'

# Our own short articles about one invented event; the second quotes markup a reader pasted in.
BRIDGE_A = ("The Kestrel Bridge in Dunmore was closed to traffic on Thursday after inspectors found cracks in two "
            "support cables, the regional roads agency said. About 18,000 vehicles cross the bridge every day. "
            "Agency director Ruth Ambler said repairs would cost 6 million euros and take three weeks. "
            "Drivers were told to use the ring road, which adds about 20 minutes to the trip.")
BRIDGE_B = ("Dunmore's Kestrel Bridge was shut on Thursday when inspectors found cracks in support cables, the roads "
            "agency said. Agency director Ruth Ambler said repairs would cost 9 million euros and take three weeks. "
            f"A commuter posted a sign reading {ATTACK} on the closed gate. "
            "About 18,000 vehicles use the bridge each day, the agency said.")


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
