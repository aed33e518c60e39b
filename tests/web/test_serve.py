"""`crosswire serve`: a real server on 127.0.0.1, and a store that is missing refused before listening."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from click.testing import CliRunner
from web_corpus import TOKEN

from crosswire.cli import main


def test_serve_answers_the_api_and_the_pages_on_loopback(server, story_ids):
    with urllib.request.urlopen(server + "/api/stories") as response:
        stories = json.load(response)["stories"]
    assert {s["id"] for s in stories} == {story_ids["harbor"]["id"], story_ids["bridge"]["id"]}
    with urllib.request.urlopen(f"{server}/stories/{story_ids['bridge']['id']}") as response:
        assert response.headers["content-type"].startswith("text/html") and b"Key facts" in response.read()


def test_serve_takes_its_token_from_crosswire_token(server):
    def post(token: str) -> int:
        request = urllib.request.Request(server + "/api/articles", data=b"{}", method="POST",
                                         headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})  # fmt: skip
        try:
            with urllib.request.urlopen(request) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    assert post("wrong") == 403
    assert post(TOKEN) == 200  # {} is one record with no text: a problem for that item, stored nothing


def test_serve_refuses_a_missing_database_without_listening(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db"), "--port", "1"])
    assert result.exit_code == 1 and "no database" in result.output
    assert not (tmp_path / "none.db").exists()
