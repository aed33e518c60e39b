"""`crosswire serve`: a real server on 127.0.0.1, and a store that is missing refused before listening."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import shutil

from click.testing import CliRunner
from web_corpus import TOKEN
from web_server import serving

from crosswire.cli import main
from crosswire.web.app import precompute_lock


def test_serve_answers_the_api_and_the_pages_on_loopback(server, story_ids):
    with urllib.request.urlopen(server + "/api/stories") as response:
        stories = json.load(response)["stories"]
    assert {s["id"] for s in stories} == {story_ids["harbor"]["id"], story_ids["bridge"]["id"]}
    with urllib.request.urlopen(f"{server}/stories/{story_ids['bridge']['id']}") as response:
        assert response.headers["content-type"].startswith("text/html") and b"Key facts" in response.read()


def _post(server: str, token: str) -> int:
    request = urllib.request.Request(server + "/api/articles", data=b"{}", method="POST",
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_takes_its_token_from_crosswire_token(server):
    assert _post(server, "wrong") == 403
    assert _post(server, TOKEN) == 200  # {} is one record with no text: a problem for that item, stored nothing


def test_serve_with_workers_answers_from_every_process(filled_db, story_ids, tmp_path):
    db = tmp_path / "news.db"
    shutil.copy(filled_db, db)
    with serving(db, tmp_path / "serve.log", "--workers", "2") as base:
        for _ in range(6):  # keep-alive off: each request may land on either process
            with urllib.request.urlopen(f"{base}/api/stories/{story_ids['bridge']['id']}") as response:
                assert json.load(response)["summary"]
        assert _post(base, "wrong") == 403 and _post(base, TOKEN) == 200  # the token reached the workers
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def test_one_process_holds_the_background_comparisons_of_a_store(tmp_path):
    db = str(tmp_path / "news.db")
    first = precompute_lock(db)
    assert first is not None and precompute_lock(db) is None  # a second worker only serves
    other = precompute_lock(str(tmp_path / "other.db"))  # another store: a lock of its own
    assert other is not None
    other.close()
    first.close()
    again = precompute_lock(db)
    assert again is not None
    again.close()


def test_serve_refuses_a_missing_database_without_listening(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db"), "--port", "1"])
    assert result.exit_code == 1 and "no database" in result.output
    assert not (tmp_path / "none.db").exists()
