"""Feeds against a local server: new entries taken once, duplicates once, 304 on the second poll,
a page that cannot be fetched stored from the summary (partial), malformed XML recorded, not fatal."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crosswire.cli import main
from crosswire.ingest.feeds import parse_feed, poll_feeds
from crosswire.store import feeds as feed_store
from crosswire.store import open_store

# Our own invented articles and feeds.
PAGES = {
    "/news/bridge.html": ("Orlen bridge closes for repairs",
                          "The Orlen river bridge closed to traffic on Monday for four months of repairs, the regional "
                          "roads office said. Engineers found corrosion in two of the steel supports during an "
                          "inspection in September. The repairs will cost 7.5 million euros."),
    "/news/orchard.html": ("Cider makers report a record apple harvest",
                           "Cider makers in the Haldane valley picked a record 18,000 tonnes of apples this autumn, "
                           "the growers' cooperative said on Friday. Warm weather in spring helped the blossom, "
                           "cooperative chair Mira Solberg said, and prices fell by a tenth."),
}
SUMMARY = ("The council of Westbrook approved a new night bus line on Tuesday. The line will run every "
           "thirty minutes between the station and the hospital from January, the council said.")


def page(title: str, text: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p></article></body></html>").encode()


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
                   f"<description>{d}</description></item>" for t, path, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>'
            f"<link>{base}/</link><description>news</description>{body}</channel></rss>").encode()


def atom(base: str, entries: list[tuple[str, str]]) -> bytes:
    body = "".join(f'<entry><title>{t}</title><id>urn:valley:{path}</id><link href="{base}{path}"/>'
                   f"<updated>2025-10-21T08:00:00Z</updated><summary>{t}</summary></entry>" for t, path in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Gazette'
            f"</title><id>urn:valley</id><updated>2025-10-21T08:00:00Z</updated>{body}</feed>").encode()


def serve_feed(server, path: str, content: dict) -> str:
    """A feed whose body is content["body"], with an ETag that changes with it and 304 when it matches."""

    def handler(request):
        tag = f'"{hash(content["body"]) & 0xFFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == tag:
            return 304, {"ETag": tag, "Content-Length": "0"}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": tag}, content["body"]

    return server.route(path, handler)


@pytest.fixture
def pages(server):
    for path, (title, text) in PAGES.items():
        server.route(path, lambda r, t=title, x=text: (200, {"Content-Type": "text/html"}, page(t, x)))
    server.route("/robots.txt", lambda r: (404, {}, b""))
    return server


def test_a_round_takes_each_entry_once_and_the_next_round_costs_one_304(pages, settings, tmp_path, nlp, api):
    server = pages
    items = [("Orlen bridge closes", "/news/bridge.html", "Bridge closes."),
             ("Night bus approved", "/news/missing.html", SUMMARY),  # the page is a 404: summary stored
             ("Orlen bridge closes", "/news/bridge.html", "Bridge closes.")]  # a duplicate entry
    feed_url = serve_feed(server, "/rss.xml", {"body": rss(server.base, items)})
    with open_store(tmp_path / "news.db") as store:
        feed_store.add_feed(store, feed_url)
        [first] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert (first.outcome, first.entries, first.new, first.partial, first.failed) == ("ok", 2, 1, 1, 0)
        assert server.hits["/news/bridge.html"] == 1

        [second] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert second.outcome == "not_modified" and second.new == 0
        assert server.hits["/rss.xml"] == 2 and server.hits["/news/bridge.html"] == 1
        assert server.hits["/news/missing.html"] == 1

        [feed] = feed_store.feeds(store)
        assert (feed["articles"], feed["partial"], feed["errors"]) == (2, 1, 1)
        assert feed["title"] == "Valley Courier" and feed["last_success"] and not feed["last_error"]
        outcomes = [(e["url"].rsplit("/", 1)[-1], e["outcome"]) for e in feed_store.fetch_log(store)]
        assert outcomes == [("rss.xml", "ok"), ("bridge.html", "ok"), ("missing.html", "http_error"),
                            ("rss.xml", "not_modified")]
        stored = {a.external_id: a for a in store.articles(
            [r[0] for r in store._rows("SELECT id FROM articles")])}  # fmt: skip
        partial = stored[f"{server.base}/news/missing.html"]
        assert any(n.kind == "warning" and n.message.startswith("partial:") for n in partial.notes)
        assert "night bus" in partial.text
        assert "Engineers found corrosion" in stored[f"{server.base}/news/bridge.html"].text


def test_a_changed_feed_brings_only_its_new_entries(pages, settings, tmp_path, nlp, api):
    server = pages
    content = {"body": atom(server.base, [("Orlen bridge closes", "/news/bridge.html")])}
    feed_url = serve_feed(server, "/atom.xml", content)
    with open_store(tmp_path / "news.db") as store:
        feed_store.add_feed(store, feed_url)
        [first] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert (first.new, first.seen) == (1, 0)
        content["body"] = atom(server.base, [("Record apple harvest", "/news/orchard.html"),
                                             ("Orlen bridge closes", "/news/bridge.html")])
        [second] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert (second.outcome, second.entries, second.seen, second.new) == ("ok", 2, 1, 1)
        assert server.hits["/news/bridge.html"] == 1 and server.hits["/news/orchard.html"] == 1
        assert feed_store.feeds(store)[0]["articles"] == 2


def test_malformed_xml_is_recorded_and_the_round_goes_on(pages, settings, tmp_path, nlp, api):
    server = pages
    bad = server.route("/broken.xml", lambda r: (200, {"Content-Type": "application/rss+xml"}, b"<rss><chan {{"))
    good = serve_feed(server, "/rss.xml", {"body": rss(server.base, [("Harvest", "/news/orchard.html", "Apples.")])})
    with open_store(tmp_path / "news.db") as store:
        feed_store.add_feed(store, bad)
        feed_store.add_feed(store, good)
        rounds = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert [r.outcome for r in rounds] == ["malformed", "ok"]
        assert "not a readable RSS or Atom feed" in str(rounds[0]) and rounds[1].new == 1
        broken = feed_store.get_feed(store, bad)
        assert broken["last_success"] is None and "malformed" in broken["last_error"] and broken["errors"] == 1


def test_entries_salvaged_from_broken_xml_are_taken_and_the_problem_logged(pages, settings, tmp_path, nlp, api):
    server = pages
    body = rss(server.base, [("Harvest", "/news/orchard.html", "Apples.")]).replace(b"</channel></rss>", b"<item><x")
    feed_url = server.route("/half.xml", lambda r: (200, {"Content-Type": "application/rss+xml"}, body))
    with open_store(tmp_path / "news.db") as store:
        feed_store.add_feed(store, feed_url)
        [round_] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert round_.outcome == "ok" and round_.new == 1 and "malformed XML" in str(round_)
        assert feed_store.fetch_log(store)[0]["outcome"] == "malformed"


def test_a_feed_whose_etag_cannot_be_sent_back_is_polled_unconditionally(pages, settings, tmp_path, nlp, api):
    server = pages
    body = rss(server.base, [("Harvest", "/news/orchard.html", "Apples.")])
    # a Latin-1 byte in the ETag: stored as text, it could not go back in an If-None-Match header
    feed_url = server.route("/odd.xml", lambda r: (200, {"Content-Type": "application/rss+xml",
                                                         "ETag": 'W/"r\u00e9v1"'}, body))  # fmt: skip
    with open_store(tmp_path / "news.db") as store:
        feed_store.add_feed(store, feed_url)
        [first] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        [second] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert (first.outcome, first.new, second.outcome, second.seen, second.new) == ("ok", 1, "ok", 1, 0)
        assert "If-None-Match" not in dict(server.requests[-1][1])


def test_entry_links_the_fetcher_refuses_are_one_line_each(pages, settings, tmp_path, nlp, api, monkeypatch):
    import socket

    from crosswire.ingest import netguard

    server = pages
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):  # the IDN's ASCII name is the local server
        if host == "xn--bcher-kva.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)
    idn = f"http://b\u00fccher.test:{server.port}"
    items = [("Harvest", "/news/orchard.html", "Apples."), ("Bridge", "/news/bridge.html", SUMMARY)]
    body = rss(idn, items).replace(b"/news/bridge.html<", b"/news/bridge.html\x7f<")  # DEL: no URL
    feed_url = server.route("/idn.xml", lambda r: (200, {"Content-Type": "application/rss+xml"}, body))
    with open_store(tmp_path / "news.db") as store:
        feed_store.add_feed(store, feed_url)
        [round_] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert (round_.outcome, round_.new, round_.partial, round_.failed) == ("ok", 1, 1, 0)
        outcomes = [(e["url"].rsplit("/", 1)[-1], e["outcome"]) for e in feed_store.fetch_log(store)]
        assert outcomes == [("idn.xml", "ok"), ("orchard.html", "ok"), ("bridge.html\x7f", "unsafe")]


def test_an_unsafe_feed_is_refused_and_recorded(settings, tmp_path, nlp, api):
    with open_store(tmp_path / "news.db") as store:
        feed_store.add_feed(store, "http://10.0.0.1/rss.xml")
        [round_] = poll_feeds(store, settings=settings, nlp=nlp, api=api)
        assert round_.outcome == "unsafe" and "private" in round_.detail
        assert feed_store.fetch_log(store)[0]["outcome"] == "unsafe"


def test_a_round_deletes_fetch_outcomes_older_than_the_kept_days(settings, tmp_path, nlp, api):
    with open_store(tmp_path / "news.db") as store:
        fid, _ = feed_store.add_feed(store, "http://10.0.0.1/rss.xml")
        with store.transaction():
            for at in ("2020-01-01T00:00:00+00:00", "2099-01-01T00:00:00+00:00"):
                store._execute("INSERT INTO fetch_log (at, feed_id, url, outcome, status, detail) "
                               "VALUES (?, ?, 'http://10.0.0.1/rss.xml', 'timeout', NULL, '')", (at, fid))  # fmt: skip
        poll_feeds(store, settings={**settings, "fetch_log_days": 0}, nlp=nlp, api=api)
        assert len(feed_store.fetch_log(store)) == 3  # 0 keeps everything
        poll_feeds(store, settings={**settings, "fetch_log_days": 30}, nlp=nlp, api=api)
        kept = feed_store.fetch_log(store)
        assert len(kept) == 3 and "2020-01-01T00:00:00+00:00" not in [row["at"] for row in kept]


def test_parse_feed_drops_duplicates_and_keys_entries_without_an_id():
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>One</title><link>https://example.org/1</link></item>"
            b"<item><title>One again</title><link>https://example.org/1</link></item>"
            b"<item><title>No link</title><description>&lt;p&gt;Words &amp;amp; more&lt;/p&gt;</description></item>"
            b"</channel></rss>")
    title, entries, problem = parse_feed(body, "https://example.org/rss")
    assert title == "T" and not problem and [e.link for e in entries] == ["https://example.org/1", None]
    assert entries[1].key.startswith("sha256:") and entries[1].summary == "Words & more"


def test_feeds_commands(pages, tmp_path):
    server = pages
    feed_url = serve_feed(server, "/rss.xml", {"body": rss(server.base, [("Bridge", "/news/bridge.html", "Bridge.")])})
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    assert runner.invoke(main, ["feeds", "add", feed_url, "--db", db]).exit_code == 0
    again = runner.invoke(main, ["feeds", "add", feed_url, "--db", db])
    assert again.exit_code == 0 and "already followed" in again.output
    bad = runner.invoke(main, ["feeds", "add", "file:///etc/passwd", "--db", db])
    assert bad.exit_code == 2 and bad.output.strip() == "error: file:///etc/passwd: a feed is an http or https URL"

    refused = runner.invoke(main, ["watch", "--once", "--db", db])  # loopback not allowed
    assert refused.exit_code == 0 and "unsafe" in refused.output and server.hits["/rss.xml"] == 0

    result = runner.invoke(main, ["watch", "--once", "--db", db, "--allow-network", "127.0.0.1/32",
                                  "--set", "rate_limit=0"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "1 feeds: 1 new articles, 0 partial, 0 entries failed, 0 feeds failed"
    [listed] = json.loads(runner.invoke(main, ["feeds", "--db", db, "--format", "json"]).output)
    assert listed["url"] == feed_url and listed["articles"] == 1 and listed["errors"] == 1  # the refused round
    text = runner.invoke(main, ["feeds", "--db", db]).output
    assert f"{feed_url}  1 articles (0 partial), 1 errors; last success 20" in text
