"""`crosswire watch --every`: a real process, stopped by SIGTERM while an article is being fetched:
that article is finished and stored, the next one is not started, and the exit is clean (status 0)."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from click.testing import CliRunner
from test_feeds import PAGES, page, rss, serve_feed

from crosswire.cli import main
from crosswire.store import feeds as feed_store
from crosswire.store import open_store


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_sigterm_finishes_the_current_article_and_exits_cleanly(server, tmp_path):
    release = threading.Event()
    (t1, x1), (t2, x2) = PAGES.values()

    def slow_page(request):
        release.wait(20)
        return 200, {"Content-Type": "text/html"}, page(t1, x1)

    server.route("/robots.txt", lambda r: (404, {}, b""))
    server.route("/news/slow.html", slow_page)
    server.route("/news/next.html", lambda r: (200, {"Content-Type": "text/html"}, page(t2, x2)))
    feed_url = serve_feed(server, "/rss.xml", {"body": rss(server.base, [("First", "/news/slow.html", "First."),
                                                                           ("Second", "/news/next.html", "Second.")])})
    db = tmp_path / "news.db"
    with open_store(db) as store:
        feed_store.add_feed(store, feed_url)
    process = subprocess.Popen(
        [sys.executable, "-m", "crosswire.cli", "watch", "--db", str(db), "--every", "1h", "--allow-network",
         "127.0.0.1/32", "--set", "rate_limit=0", "--set", "fetch_timeout=30"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert wait_for(lambda: server.hits["/news/slow.html"] == 1, 60), "the watcher never fetched the first page"
        process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        release.set()
        _, err = process.communicate(timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[-1] == "stopped" and "stopping after the current article" in err
    assert "1 feeds: 1 new articles, 0 partial, 0 entries failed, 0 feeds failed" in err
    assert server.hits["/news/next.html"] == 0  # the next article was not started
    with open_store(db) as store:
        [feed] = feed_store.feeds(store)
        assert feed["articles"] == 1  # the current article was stored; the next round takes the second


def test_watch_needs_exactly_one_of_once_and_every(tmp_path):
    db = str(tmp_path / "news.db")
    for args in ([], ["--once", "--every", "10m"]):
        result = CliRunner().invoke(main, ["watch", "--db", db, *args])
        assert result.exit_code == 2 and result.output.strip() == "error: give one of --once and --every DURATION"
    result = CliRunner().invoke(main, ["watch", "--db", db, "--every", "soon"])
    assert result.exit_code == 2 and "not a duration like 90s, 10m or 1h" in result.output


def test_watch_with_no_feeds_says_how_to_add_one(tmp_path):
    db = str(tmp_path / "news.db")
    with open_store(db, create=True):
        pass
    result = CliRunner().invoke(main, ["watch", "--db", db, "--once"])
    assert result.exit_code == 0
    assert f"no feeds to watch: add one with `crosswire feeds add URL --db {db}`" in result.stderr
