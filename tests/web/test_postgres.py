"""The app over PostgreSQL: the API in process, and `crosswire serve --db postgresql://...` as a real process.

Runs when CROSSWIRE_TEST_POSTGRES names a server (`.ci/postgres.sh` starts one); skips with that reason
otherwise. The module's tests share one store, so the test that writes comes last.
"""

from __future__ import annotations

import json
import urllib.request

import jsonschema
import pytest
from web_corpus import BRIDGE_A, DAM_A, DAM_B, TOKEN, assert_error
from web_server import serving

from crosswire.report import load_schema
from crosswire.web import create_app


@pytest.fixture(scope="module")
def pg_client(filled_postgres, nlp):
    from fastapi.testclient import TestClient

    with TestClient(create_app(filled_postgres, token=TOKEN, nlp=nlp), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def pg_stories(pg_client) -> dict:
    """{"harbor": story, "bridge": story} as the API lists them."""
    listed = pg_client.get("/api/stories").json()["stories"]
    found = {("bridge" if "bridge-a" in s["articles"] else "harbor"): s for s in listed}
    assert len(listed) == 2 and set(found) == {"harbor", "bridge"}, listed
    return found


def test_stories_are_listed_filtered_and_paged_on_postgres(pg_client, pg_stories):
    harbor, bridge = pg_stories["harbor"]["id"], pg_stories["bridge"]["id"]

    def ids(**params):
        return [s["id"] for s in pg_client.get("/api/stories", params=params).json()["stories"]]

    assert ids() == [harbor, bridge] and pg_stories["harbor"]["size"] == 3
    assert ids(since="2025-11-01") == [bridge] and ids(until="2025-10-31") == [harbor]
    assert ids(q="Kestrel cables") == [bridge] and ids(q="dockworkers") == [harbor] and ids(q="zeppelin") == []
    assert ids(q="'; DROP TABLE stories; --") == [] and ids() == [harbor, bridge]
    first = pg_client.get("/api/stories", params={"limit": 1}).json()
    assert [s["id"] for s in first["stories"]] == [harbor] and first["more"] is True
    second = pg_client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in second["stories"]] == [bridge] and second["more"] is False
    assert_error(pg_client.get("/api/stories", params={"until": "2025-13-01"}), 422)


def test_a_story_is_its_comparison_json_and_its_page_on_postgres(pg_client, pg_stories):
    bridge = pg_stories["bridge"]
    report = pg_client.get(f"/api/stories/{bridge['id']}").json()
    jsonschema.validate(report, load_schema())
    assert [a["id"] for a in report["articles"]] == bridge["article_ids"] and report["summary"]["conflicting"] >= 1
    listed = {s["id"]: s for s in pg_client.get("/api/stories").json()["stories"]}
    assert listed[bridge["id"]]["counts"]["conflicting"] == report["summary"]["conflicting"]
    page = pg_client.get(f"/stories/{bridge['id']}")
    assert page.status_code == 200 and "Key facts" in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert_error(pg_client.get("/api/stories/s-nope"), 404, "s-nope")


def test_articles_and_search_on_postgres(pg_client, pg_stories):
    article_id = pg_stories["bridge"]["article_ids"][1]
    article = pg_client.get(f"/api/articles/{article_id}").json()
    assert article["external_id"] == "bridge-b" and article["stories"] == [pg_stories["bridge"]["id"]]
    assert pg_client.get(f"/articles/{article_id}").status_code == 200
    assert_error(pg_client.get("/api/articles/0000"), 404)
    hits = pg_client.get("/api/search", params={"q": "Kestrel"}).json()["hits"]
    assert {h["article"] for h in hits} == {"bridge-a", "bridge-b"} and {h["kind"] for h in hits} == {"article", "claim"}
    assert pg_client.get("/api/search", params={"q": "'; DROP TABLE articles; --"}).status_code == 200


def test_crosswire_serve_runs_on_postgres(filled_postgres, pg_stories, tmp_path):
    with serving(filled_postgres, tmp_path / "serve.log") as base:
        with urllib.request.urlopen(base + "/api/stories") as response:
            assert [s["id"] for s in json.load(response)["stories"]] == [pg_stories["harbor"]["id"],
                                                                         pg_stories["bridge"]["id"]]  # fmt: skip
        with urllib.request.urlopen(f"{base}/stories/{pg_stories['harbor']['id']}") as response:
            assert b"Key facts" in response.read()


def test_posting_and_saving_articles_on_postgres(pg_client):  # writes: keep it last
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ferry = {"id": "ferry-1", "title": "Storm strands ferry passengers", "published": "2025-10-21",
             "text": "Ferry operator Tidewell Lines cancelled all crossings to Maren Island on Tuesday after a storm "
                     "damaged the pier at Corvo Harbour, the company said. About 1,200 passengers were stranded."}
    assert_error(pg_client.post("/api/articles", json=ferry), 401)
    posted = pg_client.post("/api/articles", json=[ferry, {"id": "bridge-a", "text": BRIDGE_A}], headers=auth)
    assert posted.status_code == 201, posted.text
    stored, _ = posted.json()["results"]
    assert stored["status"] == "stored" and len(stored["stories"]) == 1
    [listed] = pg_client.get("/api/stories", params={"q": "Tidewell"}).json()["stories"]
    assert listed["id"] == stored["stories"][0] and listed["articles"] == ["ferry-1"]
    body = {"articles": [{"id": "dam-a", "title": "Harwick reservoir lowered", "text": DAM_A},
                         {"id": "dam-b", "title": "Leak found in Harwick dam", "text": DAM_B}]}
    assert_error(pg_client.post("/api/compare", params={"save": "true"}, json=body), 401)
    saved = pg_client.post("/api/compare", params={"save": "true"}, json=body, headers=auth)
    assert saved.status_code == 201, saved.text
    [story] = saved.json()["saved"]["stories"]
    assert [s["id"] for s in pg_client.get("/api/stories", params={"q": "Harwick"}).json()["stories"]] == [story]
