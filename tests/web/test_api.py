"""The HTTP API in process: every endpoint, the token, limits and bad input, always JSON errors."""

from __future__ import annotations

import json
import shutil
import sqlite3

import jsonschema
import pytest
from web_corpus import BRIDGE_A, BRIDGE_B, DAM_A, DAM_B, TOKEN, assert_error

from crosswire.report import load_schema
from crosswire.store import open_store
from crosswire.web import MAX_BODY_BYTES, create_app

TWENTY_MB = 20 * 1024 * 1024


def test_openapi_describes_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}",
                          "/api/search", "/api/compare"}
    assert set(paths["/api/articles"]) == {"post"} and "requestBody" in paths["/api/compare"]["post"]


def test_stories_are_biggest_first_and_paginated(client, story_ids):
    everything = client.get("/api/stories").json()
    assert [s["id"] for s in everything["stories"]] == [story_ids["harbor"]["id"], story_ids["bridge"]["id"]]
    assert everything["more"] is False
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert [s["id"] for s in first["stories"]] == [story_ids["harbor"]["id"]] and first["more"] is True
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in second["stories"]] == [story_ids["bridge"]["id"]] and second["more"] is False
    assert client.get("/api/stories", params={"offset": 5}).json()["stories"] == []


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"limit": "many"},
                                    {"since": "last week"}, {"until": "2025-13-01"}])
def test_stories_refuse_bad_parameters_with_422(client, params):
    assert_error(client.get("/api/stories", params=params), 422)


def test_stories_filter_by_date_range_and_text(client, story_ids):
    def ids(**params):
        return [s["id"] for s in client.get("/api/stories", params=params).json()["stories"]]

    assert ids(since="2025-11-01") == [story_ids["bridge"]["id"]]
    assert ids(until="2025-10-31") == [story_ids["harbor"]["id"]]
    assert ids(since="2025-10-01", until="2025-12-31") == [story_ids["harbor"]["id"], story_ids["bridge"]["id"]]
    assert ids(q="Kestrel cables") == [story_ids["bridge"]["id"]]
    assert ids(q="dockworkers") == [story_ids["harbor"]["id"]]
    assert ids(q="zeppelin") == []


def test_a_story_is_its_comparison_json_and_the_list_then_counts_its_findings(client, story_ids):
    bridge = story_ids["bridge"]["id"]
    report = client.get(f"/api/stories/{bridge}").json()
    jsonschema.validate(report, load_schema())
    assert [a["id"] for a in report["articles"]] == story_ids["bridge"]["article_ids"]
    conflict = [f for f in report["findings"] if f["verdict"] == "conflicting"]
    assert conflict and "6 million" in json.dumps(conflict[0]) and "9 million" in json.dumps(conflict[0])
    listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
    assert listed[bridge]["counts"]["conflicting"] == report["summary"]["conflicting"] >= 1


def test_a_revised_article_is_noted_in_its_story_report_each_time_it_is_asked_for(writable, auth, story_ids):
    client, _ = writable
    revised = {"id": "bridge-a", "title": "Kestrel Bridge closed after cable cracks found", "published": "2025-11-06",
               "text": BRIDGE_A.replace("18,000", "19,000"), "outlet": "Dunmore Ledger"}
    [result] = client.post("/api/articles", json=revised, headers=auth).json()["results"]
    assert result["status"] == "stored"
    [story] = result["stories"]
    first, again = (client.get(f"/api/stories/{story}").json() for _ in range(2))  # compared, then the stored one
    assert first == again and "revised: this is version 2" in json.dumps(first["notes"])


def test_a_record_without_id_or_url_is_keyed_by_its_text_not_by_a_server_path(writable, auth):
    # it had taken the server's temporary file as its key and source ("/tmp/tmpab12/request.jsonl:1"): a path of
    # the server shown to clients, and a new key for the same text each time it was posted
    client, _ = writable
    record = {"title": "Dam inspection ordered", "text": DAM_A.replace("Tuesday", "Wednesday")}
    first, again = (client.post("/api/articles", json=record, headers=auth).json()["results"][0] for _ in range(2))
    assert (first["status"], again["status"]) == ("stored", "unchanged") and first["id"] == again["id"]
    article = client.get(f"/api/articles/{first['id']}").json()
    assert article["external_id"] == f"api-{first['id']}"
    assert article["source"].startswith("POST /api/articles.jsonl") and "tmp" not in json.dumps(article)


def test_unknown_ids_are_404_json(client):
    assert_error(client.get("/api/stories/s-nope"), 404, "s-nope")
    assert_error(client.get("/api/articles/0000"), 404, "0000")
    assert_error(client.get("/api/nothing-here"), 404)


def test_an_article_is_returned_with_its_text_and_story(client, story_ids):
    article_id = story_ids["bridge"]["article_ids"][1]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["external_id"] == "bridge-b" and "<script>alert(1)</script>" in article["text"]
    assert article["stories"] == [story_ids["bridge"]["id"]] and article["published"] == "2025-11-06"


def test_search_finds_articles_and_claims_and_treats_operators_as_words(client):
    hits = client.get("/api/search", params={"q": "Kestrel"}).json()["hits"]
    assert {h["article"] for h in hits} == {"bridge-a", "bridge-b"} and {h["kind"] for h in hits} == {"article", "claim"}
    assert len(client.get("/api/search", params={"q": "Kestrel", "limit": 1}).json()["hits"]) == 1
    assert client.get("/api/search", params={"q": "'; DROP TABLE articles; --"}).status_code == 200
    assert_error(client.get("/api/search"), 422)
    assert_error(client.get("/api/search", params={"q": "x", "limit": 500}), 422)


def test_writes_need_the_token(writable):
    client, _ = writable
    record = {"id": "x", "text": BRIDGE_A}
    assert_error(client.post("/api/articles", json=record), 401, "Authorization: Bearer")
    assert_error(client.post("/api/articles", json=record, headers={"Authorization": "Bearer wrong"}), 403)
    assert_error(client.post("/api/articles", json=record, headers={"Authorization": f"Basic {TOKEN}"}), 401)


def test_with_no_token_set_writes_are_disabled(filled_db, nlp):
    from fastapi.testclient import TestClient

    with TestClient(create_app(filled_db, nlp=nlp)) as client:
        response = client.post("/api/articles", json={"text": BRIDGE_A}, headers={"Authorization": "Bearer x"})
        assert_error(response, 403, "CROSSWIRE_TOKEN")


def test_reads_can_be_closed(filled_db, nlp, auth):
    from fastapi.testclient import TestClient

    with TestClient(create_app(filled_db, token=TOKEN, read_token_required=True, nlp=nlp)) as client:
        assert_error(client.get("/api/stories"), 401)
        assert client.get("/api/stories", headers=auth).status_code == 200
        assert client.get("/", headers=auth).status_code == 200 and client.get("/").status_code == 401


def test_posted_articles_are_stored_with_ids_and_problems_per_item(writable, auth):
    client, db = writable
    ferry = ("Ferry operator Tidewell Lines cancelled all crossings to Maren Island on Tuesday after a storm damaged "
             "the pier at Corvo Harbour, the company said. About 1,200 passengers were stranded overnight.")
    body = {"articles": [{"id": "ferry-1", "title": "Storm strands ferry passengers", "text": ferry,
                          "published": "2025-10-21", "outlet": "Test Post"},
                         {"id": "empty", "title": "No text here"},
                         "just a string",
                         {"id": "bridge-a", "title": "Kestrel Bridge closed after cable cracks found", "text": BRIDGE_A,
                          "published": "2025-11-06", "outlet": "Dunmore Ledger", "url": "https://ledger.example/bridge"}]}
    response = client.post("/api/articles", json=body, headers=auth)
    assert response.status_code == 201, response.text
    stored, empty, string, known = response.json()["results"]
    assert stored["status"] == "stored" and stored["id"] and len(stored["stories"]) == 1
    assert empty["status"] == "problem" and empty["problem"] and "id" not in empty
    assert string == {"item": 3, "status": "problem", "problem": "not a JSON object"}
    assert known["status"] == "unchanged"
    assert client.get(f"/api/articles/{stored['id']}").json()["external_id"] == "ferry-1"
    with open_store(db) as store:
        assert store.counts()["articles"] == 6
    again = client.post("/api/articles", json=body["articles"][0], headers=auth)
    assert again.status_code == 200 and again.json()["results"][0]["status"] == "unchanged"


@pytest.mark.parametrize("body", [b"{not json", b'{"text": "unterminated', b"\xff\xfe\x00garbage"])
def test_malformed_json_is_400(writable, auth, body):
    client, _ = writable
    headers = auth | {"content-type": "application/json"}
    assert_error(client.post("/api/articles", content=body, headers=headers), 400, "malformed JSON")
    assert_error(client.post("/api/compare", content=body, headers=headers), 400, "malformed JSON")


def test_a_20_mb_body_is_413_json_whether_declared_or_streamed(writable, auth):
    client, db = writable
    big = b'{"text": "' + b"a" * TWENTY_MB + b'"}'
    assert_error(client.post("/api/articles", content=big, headers=auth), 413, str(MAX_BODY_BYTES))

    def chunks():  # no Content-Length: the size is counted as the body streams in
        for i in range(0, len(big), 1 << 20):
            yield big[i : i + (1 << 20)]

    assert_error(client.post("/api/articles", content=chunks(), headers=auth), 413)
    assert_error(client.post("/api/compare", content=big), 413)
    lying = client.post("/api/articles", content=big, headers=auth | {"content-length": "10"})
    assert lying.status_code in (400, 413)  # a short declared length cuts the body; never a 500
    with open_store(db) as store:
        assert store.counts()["articles"] == 5


def test_too_many_items_is_422(writable, auth):
    client, _ = writable
    assert_error(client.post("/api/articles", json=[{"text": "x"}] * 101, headers=auth), 422, "at most 100")
    assert_error(client.post("/api/articles", json=[], headers=auth), 422)


def test_compare_two_texts_stores_nothing(writable):
    client, db = writable
    response = client.post("/api/compare", json={"articles": [BRIDGE_A, {"text": BRIDGE_B, "outlet": "Valley Post"}]})
    assert response.status_code == 200, response.text
    report = response.json()
    jsonschema.validate(report, load_schema())
    assert len(report["articles"]) == 2 and report["summary"]["conflicting"] >= 1
    with open_store(db) as store:
        assert store.counts()["articles"] == 5


def test_compare_with_save_needs_the_token_and_stores_the_articles_in_a_story(writable, auth):
    client, db = writable
    body = {"articles": [{"id": "dam-a", "title": "Harwick reservoir lowered after dam leak", "text": DAM_A,
                          "published": "2025-11-10", "outlet": "Oriel Times"},
                         {"id": "dam-b", "title": "Leak found in Harwick dam", "text": DAM_B,
                          "published": "2025-11-10", "outlet": "Valley Post"}]}
    assert_error(client.post("/api/compare", params={"save": "true"}, json=body), 401, "Authorization: Bearer")
    assert_error(client.post("/api/compare", params={"save": "true"}, json=body,
                             headers={"Authorization": "Bearer wrong"}), 403)  # fmt: skip
    assert_error(client.post("/api/compare", params={"save": "maybe"}, json=body, headers=auth), 422)
    with open_store(db) as store:
        assert store.counts()["articles"] == 5
    response = client.post("/api/compare", params={"save": "true"}, json=body, headers=auth)
    assert response.status_code == 201, response.text
    report = response.json()
    jsonschema.validate(report, load_schema())
    assert report["summary"]["conflicting"] >= 1
    saved = report["saved"]
    assert [a["status"] for a in saved["articles"]] == ["stored", "stored"]
    assert [a["id"] for a in saved["articles"]] == [a["id"] for a in report["articles"]]
    [story] = saved["stories"]
    listed = {s["id"]: s for s in client.get("/api/stories", params={"q": "Harwick"}).json()["stories"]}
    assert set(listed) == {story} and listed[story]["articles"] == ["dam-a", "dam-b"]
    assert client.get(f"/api/articles/{saved['articles'][0]['id']}").json()["stories"] == [story]
    assert client.get(f"/api/stories/{story}").json()["summary"]["conflicting"] >= 1
    again = client.post("/api/compare", params={"save": "true"}, json=body, headers=auth)
    assert again.status_code == 200 and [a["status"] for a in again.json()["saved"]["articles"]] == ["unchanged"] * 2
    with open_store(db) as store:
        assert store.counts()["articles"] == 7


@pytest.mark.parametrize("body", [{"articles": [BRIDGE_A]}, {"articles": "two texts"}, [], {"articles": [BRIDGE_A, 7]},
                                  {"articles": [BRIDGE_A, ""]}])
def test_compare_refuses_fewer_than_two_readable_texts_with_422(client, body):
    assert_error(client.post("/api/compare", json=body), 422)


def test_an_unforeseen_failure_is_a_500_json_message_without_traceback(app, client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.engine, "story_list", broken)
    response = client.get("/api/stories")
    assert_error(response, 500, "internal error", "RuntimeError")
    assert "secret internals" not in response.text


def test_precompute_compares_every_story_and_each_new_one(filled_db, tmp_path, nlp, auth):
    import time

    from fastapi.testclient import TestClient

    db = tmp_path / "fresh.db"
    shutil.copy(filled_db, db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM comparisons")  # as after `crosswire ingest`: nothing compared yet

    def counts(client) -> dict:
        deadline = time.monotonic() + 60
        while True:
            found = {s["title"]: s["counts"] for s in client.get("/api/stories").json()["stories"]}
            if all(found.values()) or time.monotonic() > deadline:
                return found
            time.sleep(0.1)

    with TestClient(create_app(db, token=TOKEN, nlp=nlp, precompute=True)) as client:
        found = counts(client)
        assert len(found) == 2 and all(found.values()), found
        assert found["Kestrel Bridge closed after cable cracks found"]["conflicting"] >= 1
        library = ("The city council of Ostrava Vale voted on Monday to close the Lindgren Library for renovation, "
                   "council spokesperson Petra Alm said. The work will cost 2.5 million dollars and the library will "
                   "reopen in March 2026, the council said in a statement.")
        posted = client.post("/api/articles", json={"id": "library-1", "title": "Council closes Lindgren Library",
                                                    "text": library, "published": "2025-10-20"}, headers=auth)
        assert posted.status_code == 201
        found = counts(client)
        assert len(found) == 3 and found["Council closes Lindgren Library"] is not None, found


@pytest.mark.parametrize("offset", [10**30, 2**63, 1_000_000_001])
def test_an_offset_past_any_store_is_422_not_a_database_overflow(client, offset):
    assert_error(client.get("/api/stories", params={"offset": offset}), 422, "offset")


def test_a_far_offset_within_the_limit_is_an_empty_page(client):
    page = client.get("/api/stories", params={"offset": 1_000_000_000}).json()
    assert page["stories"] == [] and page["more"] is False


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
                                  b'{"articles": ' + b"[" * 200 + b"]" * 200 + b"}"])
def test_json_nested_too_deep_is_400_not_a_recursion_error(writable, auth, body):
    client, _ = writable
    headers = auth | {"content-type": "application/json"}
    for path in ("/api/articles", "/api/compare"):
        assert_error(client.post(path, content=body, headers=headers), 400, "nested deeper than 100")


def test_brackets_inside_strings_do_not_count_as_nesting(client):
    texts = [BRIDGE_A + " [[[{{{" * 200, BRIDGE_B + ' \\" ]]]}}}' * 200]
    assert client.post("/api/compare", json={"articles": texts}).status_code == 200


def test_a_lone_surrogate_is_400_and_stores_nothing(writable, auth):
    client, db = writable
    # "\ud800" is valid JSON syntax but no character: UTF-8 cannot hold it, so the text can be neither stored nor sent
    records = [{"id": "s1", "title": "Bridge \\ud800 shut", "text": BRIDGE_A},
               {"id": "s2", "text": BRIDGE_B + " \\udfff"}]
    body = json.dumps({"articles": records}).replace("\\\\u", "\\u").encode()
    assert b"\\ud800" in body and b"\\\\ud800" not in body
    headers = auth | {"content-type": "application/json"}
    assert_error(client.post("/api/articles", content=body, headers=headers), 400, "surrogate")
    assert_error(client.post("/api/compare", content=body, headers=headers), 400, "surrogate")
    paired = json.dumps({"articles": [BRIDGE_A + " \U0001f309", BRIDGE_B]}).encode()  # a surrogate pair: an emoji
    assert b"\\ud83c\\udf09" in paired
    assert client.post("/api/compare", content=paired, headers={"content-type": "application/json"}).status_code == 200
    with open_store(db) as store:
        assert store.counts()["articles"] == 5


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/xml"])
def test_a_body_declared_as_something_other_than_json_is_415(writable, auth, content_type):
    # A page of another site can send these types cross-site without the browser asking first (no CORS preflight)
    client, db = writable
    body = json.dumps({"articles": [BRIDGE_A, BRIDGE_B]}).encode()
    for path in ("/api/compare", "/api/articles"):
        assert_error(client.post(path, content=body, headers=auth | {"content-type": content_type}), 415, "JSON")
    with open_store(db) as store:
        assert store.counts()["articles"] == 5


def test_json_is_taken_with_a_charset_or_with_no_content_type(client):
    body = json.dumps({"articles": [BRIDGE_A, BRIDGE_B]}).encode()
    for headers in ({"content-type": "application/json; charset=utf-8"}, {}):
        assert client.post("/api/compare", content=body, headers=headers).status_code == 200


def test_errors_repeat_at_most_a_line_of_a_long_value(client):
    for path, params in ((f"/api/stories/{'x' * 5000}", None), (f"/api/articles/{'y' * 5000}", None),
                         ("/api/stories", {"since": "z" * 5000})):
        response = client.get(path, params=params)
        assert response.status_code in (404, 422)
        message = response.json()["error"]
        assert len(message) < 200 and "(5000 characters)" in message, message


def test_a_story_search_of_over_500_characters_is_422(client):
    # Each word is one more term for full-text search to match: 30,000 of them took a second on a store of 5 articles
    assert_error(client.get("/api/stories", params={"q": " ".join(["a"] * 30_000)}), 422, "q")
    assert client.get("/api/stories", params={"q": "Kestrel " * 60}).status_code == 200


def test_error_answers_carry_the_headers_http_asks_for_and_every_answer_says_nosniff(writable):
    client, _ = writable
    refused = client.post("/api/articles", json={"text": "x"})
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    wrong_method = client.delete("/api/stories")
    assert wrong_method.status_code == 405 and "GET" in wrong_method.headers["allow"]
    for response in (client.get("/api/stories"), client.get("/openapi.json"), refused, wrong_method):
        assert response.headers["x-content-type-options"] == "nosniff"  # API answers hold article text too
