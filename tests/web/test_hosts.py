"""A server on the loopback address answers only requests that name it: no DNS rebinding from a web page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from crosswire.web import allowed_hosts_for, create_app
from crosswire.web.app import host_name


@pytest.fixture(scope="module")
def local(filled_db, nlp):
    """The app as `crosswire serve` makes it on 127.0.0.1, with one extra name let through."""
    return create_app(str(filled_db), nlp=nlp, allowed_hosts=allowed_hosts_for("127.0.0.1", ["news.internal"]))


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST", "app.localhost:8000",
                                  "news.internal", "127.0.0.1"])
def test_the_loopback_names_and_the_allowed_ones_are_answered(local, host):
    assert TestClient(local).get("/api/stories", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example:8000", "attacker.example", "127.0.0.1.attacker.example",
                                  "localhost.attacker.example", "", "[::2]:8000"])
def test_another_name_is_refused_before_any_store_read(local, host):
    # a page of attacker.example whose name now resolves to 127.0.0.1 must not read the stories
    for path in ("/api/stories", "/", "/openapi.json"):
        response = TestClient(local).get(path, headers={"host": host})
        assert response.status_code == 421 and "--allow-host" in response.json()["error"], (path, host)
        assert "Kestrel" not in response.text


def test_which_names_a_server_answers_depends_on_where_it_listens():
    assert allowed_hosts_for("127.0.0.1") == ["localhost", "127.0.0.1", "::1"]
    assert allowed_hosts_for("127.0.0.2", ["news.internal"]) == ["localhost", "127.0.0.1", "::1", "127.0.0.2",
                                                                  "news.internal"]
    assert "::1" in allowed_hosts_for("[::1]") and "localhost" in allowed_hosts_for("localhost")
    assert allowed_hosts_for("0.0.0.0") is None  # on a network: any name, unless some are given
    assert allowed_hosts_for("0.0.0.0", ["news.example"]) == ["news.example"]
    assert [host_name(h) for h in ("a.example:80", "[::1]:8000", "::1", "Example.ORG")] == \
        ["a.example", "::1", "::1", "example.org"]
