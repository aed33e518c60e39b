"""Conflict alerts of `crosswire watch`: two outlets' pages on one event give different figures;
the first round reports the conflict once on stderr and POSTs it once to a local webhook
receiver (127.0.0.1, allowed explicitly); the second round reports and posts nothing."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from click.testing import CliRunner
from test_feeds import page, rss, serve_feed

from crosswire.cli import main
from crosswire.ingest.alerts import Alert, finding_key, post_webhook
from crosswire.store import feeds as feed_store
from crosswire.store import open_store

# Our own invented event, told by two invented outlets with different figures.
CONFLICTING = {
    "/north/dam.html": ("Kessel dam repairs to cost 12 million euros",
                        "Repairs to the Kessel dam on the Varn river will cost 12 million euros, the regional water "
                        "board said on Wednesday. Work on the cracked spillway starts in March and the reservoir "
                        "will be lowered by four metres while engineers replace the gates, board director Lena "
                        "Okafor said."),
    "/south/dam.html": ("Kessel dam repairs to cost 19 million euros",
                        "Repairs to the Kessel dam on the Varn river will cost 19 million euros, the regional water "
                        "board said on Wednesday. Work on the cracked spillway starts in March and the reservoir "
                        "will be lowered by four metres while engineers replace the gates, board director Lena "
                        "Okafor said."),
}


class Receiver:
    """A local webhook receiver: records every POSTed JSON body and answers `status`."""

    def __init__(self, status: int = 204) -> None:
        self.bodies: list = []
        self.status = status
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                owner.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(owner.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def _conflict_feed(server) -> str:
    for path, (title, text) in CONFLICTING.items():
        server.route(path, lambda r, t=title, x=text: (200, {"Content-Type": "text/html"}, page(t, x)))
    server.route("/robots.txt", lambda r: (404, {}, b""))
    items = [(title, path, title) for path, (title, _) in CONFLICTING.items()]
    return serve_feed(server, "/rss.xml", {"body": rss(server.base, items)})


def test_a_new_conflict_is_reported_and_posted_once(server, receiver, tmp_path):
    feed_url = _conflict_feed(server)
    db = tmp_path / "news.db"
    with open_store(db) as store:
        feed_store.add_feed(store, feed_url)
    args = ["watch", "--db", str(db), "--once", "--allow-network", "127.0.0.1/32", "--set", "rate_limit=0",
            "--set", "fetch_timeout=5", "--set", f"webhook_url={receiver.url}"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    lines = [line for line in first.output.splitlines() if line.startswith("conflict in story")]
    assert len(lines) >= 1, first.output
    assert any("12 million" in line and "19 million" in line for line in lines), lines
    assert len(receiver.bodies) == 1
    [body] = receiver.bodies
    assert set(body) == {"story", "title", "conflicts"} and body["title"].startswith("Kessel dam")
    assert all(f["verdict"] == "conflicting" for f in body["conflicts"]) and len(body["conflicts"]) == len(lines)
    assert lines[0].split()[3] == body["story"]
    with open_store(db) as store:
        assert len(store._rows("SELECT * FROM reported_conflicts")) == len(lines)

    second = CliRunner().invoke(main, args)  # the feed answers 304: nothing new, nothing reported
    assert second.exit_code == 0, second.output
    assert "conflict in story" not in second.output and len(receiver.bodies) == 1


def test_the_same_conflict_is_not_reported_again_when_the_story_grows(server, receiver, tmp_path, settings, nlp):
    from crosswire.ingest.alerts import report_conflicts
    from crosswire.ingest.feeds import poll_feeds

    feed_url = _conflict_feed(server)
    with open_store(tmp_path / "news.db") as store:
        feed_store.add_feed(store, feed_url)
        [round_] = poll_feeds(store, settings=settings, nlp=nlp)
        hook = {**settings, "webhook_url": receiver.url}
        out: list[str] = []
        assert report_conflicts(store, round_.article_ids, nlp=nlp, settings=hook, echo=out.append)
        again: list[str] = []
        assert report_conflicts(store, round_.article_ids, nlp=nlp, settings=hook, echo=again.append) == []
        assert again == [] and len(receiver.bodies) == 1 and out


def test_a_failing_webhook_is_one_line_and_unsafe_ones_are_refused(server, tmp_path, settings, nlp):
    from crosswire.errors import FetchError, UnsafeURL
    from crosswire.ingest.alerts import report_conflicts
    from crosswire.ingest.feeds import poll_feeds

    failing = Receiver(status=500)
    try:
        feed_url = _conflict_feed(server)
        with open_store(tmp_path / "news.db") as store:
            feed_store.add_feed(store, feed_url)
            [round_] = poll_feeds(store, settings=settings, nlp=nlp)
            out: list[str] = []
            alerts = report_conflicts(store, round_.article_ids, nlp=nlp, echo=out.append,
                                      settings={**settings, "webhook_url": failing.url})
            assert alerts and len(failing.bodies) == 1  # one attempt: no retries
            failures = [line for line in out if line.startswith("webhook failed")]
            assert len(failures) == 1 and "HTTP 500" in failures[0]
    finally:
        failing.close()
    alert = Alert("s1", "t", [], [])
    with pytest.raises(UnsafeURL, match="loopback"):  # loopback not allowed: refused before any connection
        post_webhook("http://127.0.0.1:9/hook", alert, settings={"rate_limit": 0})
    with pytest.raises(UnsafeURL, match="only http and https"):
        post_webhook("file:///etc/passwd", alert, settings={"rate_limit": 0})
    assert isinstance(UnsafeURL("x"), FetchError)


def test_the_finding_key_ignores_ids_offsets_and_order():
    a = {"slot": "amount", "topic": "cost", "id": "f1",
         "evidence": [{"value": 1, "start": 3}, {"value": 2, "start": 9}]}  # fmt: skip
    b = {"slot": "amount", "topic": "cost", "id": "f7",
         "evidence": [{"value": 2, "start": 40}, {"value": 1, "start": 0}, {"value": 2, "start": 5}]}  # fmt: skip
    assert finding_key(a) == finding_key(b)
    assert finding_key(a) != finding_key({**a, "evidence": [{"value": 1}, {"value": 3}]})
