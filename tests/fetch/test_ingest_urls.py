"""`crosswire ingest URL...`: pages fetched from a local server are stored under their URL; failures are one line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from crosswire.cli import main
from crosswire.store import open_store
from crosswire.store.feeds import fetch_log

# Our own invented article.
ARTICLE = """<!doctype html><html><head><title>Glassworks reopens after flood</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Glassworks reopens after flood</h1>
<p>The Brannoch glassworks reopened on Thursday, six weeks after river water filled its furnace hall, the
owners said. About 140 workers returned to the site on the east bank of the Lysa river.</p>
<p>Repairs cost 3.2 million pounds, according to manager Ilse Varga, who said the two furnaces would be back at
full output by the end of November. The company borrowed part of the money from a regional fund.</p>
</article><footer>Copyright Valley Courier</footer></body></html>"""


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_urls_are_ingested_and_a_failing_url_is_one_line(server, tmp_path):
    page = server.route("/news/glassworks.html", lambda r: (200, {"Content-Type": "text/html; charset=utf-8"},
                                                             ARTICLE.encode()))
    missing = f"{server.base}/news/gone.html"
    other_loopback = f"http://127.0.0.2:{server.port}/news/glassworks.html"
    db = str(tmp_path / "news.db")
    args = ["ingest", page, missing, other_loopback, "http://10.0.0.1/news", "--db", db, "--quiet",
            "--allow-network", "127.0.0.1/32", "--set", "rate_limit=0"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert f"skipped {missing}: HTTP 404" in lines[0] or any(f"skipped {missing}: HTTP 404" in x for x in lines)
    assert any(x.startswith(f"skipped {other_loopback}: refused") and "loopback" in x for x in lines)
    assert any(x.startswith("skipped http://10.0.0.1/news: refused") and "private" in x for x in lines)
    assert lines[-1].startswith("1 new, 0 revised, 0 already stored, 3 skipped, from 4 URLs")
    assert server.hits["/news/glassworks.html"] == 1  # 127.0.0.2 was never contacted

    with open_store(db) as store:  # every fetch is in the fetch log, with its outcome
        log = [(e["url"], e["outcome"], e["feed_id"]) for e in fetch_log(store)]
    assert log == [(page, "ok", None), (missing, "http_error", None), (other_loopback, "unsafe", None),
                   ("http://10.0.0.1/news", "unsafe", None)]

    stories = json.loads(run("stories", "--db", db, "--format", "json").output)
    assert [s["articles"] for s in stories] == [[page]]  # the URL is the article's id
    assert "Glassworks" in stories[0]["title"]

    again = run(*args[:2], *args[5:])
    assert again.exit_code == 0, again.output
    assert again.output.strip().splitlines()[-1].startswith("0 new, 0 revised, 1 already stored, 0 skipped")


def test_a_bad_network_range_is_a_usage_error(tmp_path):
    result = run("ingest", "http://127.0.0.1:9/", "--db", str(tmp_path / "x.db"), "--allow-network", "lan")
    assert result.exit_code == 2 and result.output.strip() == "error: allow_network: 'lan' is not a network range like 127.0.0.0/8"
