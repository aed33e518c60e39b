"""Feed rounds against a local server, run by hand: `python bench/feeds.py [--entries 1000] [--feeds 100]`.

Starts an http.server thread on 127.0.0.1 (allowed explicitly: `allow_network=127.0.0.1/32`,
robots off for our own server, no rate limit) serving RSS feeds with ETags (304 when unchanged)
and article pages generated from a few short invented paragraphs with varied numbers, then into
a fresh SQLite store measures:

(a) one round taking `--entries` new entries (10 feeds): fetch, extract, clean, analyse, claims,
    features, clustering, one transaction per batch -> articles/s (models loaded beforehand);
(b) a round over `--feeds` feeds that have not changed since the previous round: each costs one
    conditional request answered 304 (median of 3 rounds; target: under 1 s for 100 feeds).

Bounded: at most `--entries` pages, and a round stops taking entries after `--max-seconds`.
No traffic leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.server
import random
import statistics
import sys
import tempfile
import threading
import time
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOWNS = ["Arnholt", "Bracken", "Corwell", "Dunmere", "Elsford", "Farrow", "Glenhope", "Harwick", "Istow", "Jarrow Vale"]
TEMPLATES = [
    "The {town} council approved {n} new homes on the old rail yard on {day}, the planning office said. "
    "Building will cost {m} million euros and take {k} months. Council leader {person} said {p} of the "
    "homes would be offered at reduced rent.",
    "A storm cut power to {n} households in {town} on {day}, the grid operator said. Crews restored supply "
    "to all but {k} homes by evening. Repairs to {p} damaged poles will cost about {m} million euros, "
    "operator spokesperson {person} said.",
    "{town} hospital will open a new children's ward with {n} beds in {k} months, the health board said on "
    "{day}. The ward will cost {m} million euros and employ {p} nurses, board chair {person} said.",
]
PEOPLE = ["Ada Brenner", "Tomas Ruud", "Ines Calloway", "Owen Marsh", "Priya Lind"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(i: int) -> tuple[str, str]:
    rng = random.Random(i)
    text = rng.choice(TEMPLATES).format(town=rng.choice(TOWNS), n=rng.randint(20, 900), m=rng.randint(2, 90),
                                        k=rng.randint(2, 36), p=rng.randint(3, 60), day=rng.choice(DAYS),
                                        person=rng.choice(PEOPLE))  # fmt: skip
    return text.split(",")[0][:70], text


def page(i: int) -> bytes:
    title, text = article(i)
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p></article></body></html>").encode()


def rss(base: str, name: str, ids: list[int]) -> bytes:
    items = "".join(f"<item><title>{article(i)[0]}</title><link>{base}/a/{i}.html</link><guid>{base}/a/{i}.html"
                    f"</guid><description>{article(i)[0]}</description></item>" for i in ids)  # fmt: skip
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title><link>{base}/</link>'
            f"<description>bench</description>{items}</channel></rss>").encode()


class Site:
    """Feeds /f/<name>.xml (ids listed in self.feeds) and pages /a/<i>.html, on 127.0.0.1."""

    def __init__(self) -> None:
        self.feeds: dict[str, list[int]] = {}
        self.requests: dict[int, int] = {}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                status, headers, body = site.answer(path, self.headers.get("If-None-Match"))
                site.requests[status] = site.requests.get(status, 0) + 1
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, path: str, etag: str | None):
        if path.startswith("/f/") and path.endswith(".xml") and path[3:-4] in self.feeds:
            name = path[3:-4]
            body = rss(self.base, name, self.feeds[name])
            tag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if etag == tag:
                return 304, {"ETag": tag}, b""
            return 200, {"Content-Type": "application/rss+xml", "ETag": tag}, body
        if path.startswith("/a/") and path.endswith(".html") and path[3:-5].isdigit():
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page(int(path[3:-5]))
        return 404, {}, b"not here"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1000, help="new entries in round (a), at most 5000")
    parser.add_argument("--feeds", type=int, default=100, help="unchanged feeds in round (b), at most 1000")
    parser.add_argument("--max-seconds", type=float, default=600, help="round (a) stops taking entries after this")
    args = parser.parse_args()
    entries, nfeeds = max(1, min(args.entries, 5000)), max(1, min(args.feeds, 1000))

    from crosswire.analyze.nlp import load_nlp
    from crosswire.ingest.feeds import poll_feeds
    from crosswire.settings import load_settings
    from crosswire.store import feeds as feed_store
    from crosswire.store import open_store
    from crosswire.store.ingest import default_embedder

    settings = load_settings(["allow_network=127.0.0.1/32", "robots=false", "rate_limit=0", "fetch_timeout=10"])
    t0 = time.perf_counter()
    nlp, embedder = load_nlp(), default_embedder()
    load = time.perf_counter() - t0
    site = Site()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp, open_store(pathlib.Path(tmp) / "bench.db") as store:
            # (a) one round of `entries` new entries over 10 feeds
            per = -(-entries // 10)
            for f in range(10):
                ids = list(range(f * per, min(entries, (f + 1) * per)))
                site.feeds[f"new{f}"] = ids
                feed_store.add_feed(store, f"{site.base}/f/new{f}.xml")
            deadline = time.monotonic() + args.max_seconds
            t = time.perf_counter()
            rounds = poll_feeds(store, settings=settings, nlp=nlp, embedder=embedder,
                                should_stop=lambda: time.monotonic() > deadline)  # fmt: skip
            seconds = time.perf_counter() - t
            stored = sum(r.new + r.partial for r in rounds)
            failed = sum(r.failed for r in rounds)
            rows.append((f"(a) round of {entries:,} new entries (10 feeds)",
                         f"{stored:,} stored, {failed} failed in {seconds:.1f} s: {stored / seconds:.1f} articles/s"))

            # (b) `nfeeds` unchanged feeds: the (a) feeds plus more, each with one entry already taken
            for f in range(nfeeds - 10):
                site.feeds[f"same{f}"] = [f % max(entries, 1)]
                feed_store.add_feed(store, f"{site.base}/f/same{f}.xml")
            poll_feeds(store, settings=settings, nlp=nlp, embedder=embedder)  # primes ETags and entries
            times = []
            for _ in range(3):
                before = dict(site.requests)
                t = time.perf_counter()
                rounds = poll_feeds(store, settings=settings, nlp=nlp, embedder=embedder)
                times.append(time.perf_counter() - t)
                not_modified = sum(r.outcome == "not_modified" for r in rounds)
                requests = sum(site.requests.values()) - sum(before.values())
            rows.append((f"(b) round of {nfeeds} unchanged feeds",
                         f"{statistics.median(times):.3f} s median of 3 ({', '.join(f'{x:.3f}' for x in times)}); "
                         f"{not_modified} answered 304, {requests} requests in the last round"))
            rows.append(("models loaded beforehand (spaCy, embeddings)", f"{load:.1f} s"))
    finally:
        site.close()
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  figure")
    for what, figure in rows:
        print(f"{what:<{width}}  {figure}")


if __name__ == "__main__":
    main()
