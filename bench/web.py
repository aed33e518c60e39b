"""Load on the web app, run by hand: `python bench/web.py [--db news.db] [--articles 10000] [--seconds 20]`.

A real server process (uvicorn on 127.0.0.1, a free port, the app of `crosswire serve`)
over a SQLite store; a minimal asyncio HTTP/1.1 client in this process keeps `--clients`
requests in flight, each on its own keep-alive connection (a client sends its
next request when the last one is answered), bounded in time, on two targets
in turn:

    GET /api/stories/{id}   the JSON report
    GET /stories/{id}       the story page

The story ids are `--sample` stories spread over the listing (the biggest
first, then evenly down to the single-article ones), so big and small
stories are both asked for. Before the load, each sampled story's report and
then its page are asked for once, one at a time: the first report request
compares the story and stores the comparison (what `crosswire serve`'s
background thread does for every story), the first page request renders the
page; their times are the cold costs, printed by story size. The load then
measures the warmed state; the server runs without the background thread so
that its work on the other stories does not share the CPU with the measurement.

Prints, per target: requests/s, p50, p99 and max latency, and errors (any
status but 200, or a failed connection). `--configs 1:h11 1:httptools 2:httptools`
serves this checkout once per configuration (uvicorn workers and HTTP parser), in
turn, and prints each against the first as ratios; `--before DIR` does the same
for an older checkout of the package. The store is `--db` when it exists;
otherwise one of `--articles` articles is built there with bench/scale.py's
`build_store` and kept for the next run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import pathlib
import random
import resource
import socket
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def make_app():
    """The app `crosswire serve` serves, over CROSSWIRE_BENCH_DB, without the background comparisons (uvicorn --factory).

    The crosswire package is the one under CROSSWIRE_BENCH_SRC (this checkout, or an older one for --before).
    """
    sys.path.insert(0, os.environ.get("CROSSWIRE_BENCH_SRC", str(ROOT)))
    from crosswire.web import create_app

    print(f"serving {sys.modules['crosswire'].__file__}", flush=True)

    return create_app(os.environ["CROSSWIRE_BENCH_DB"], token=None, precompute=False)


def ensure_store(db: pathlib.Path, articles: int) -> None:
    if db.exists():
        return
    try:
        from scale import build_store
    except ImportError:
        sys.exit(f"no store at {db}, and bench/scale.py (build_store) is not here to build one: "
                 f"give --db a store made with `crosswire ingest`")  # fmt: skip
    print(f"building a store of {articles:,} articles at {db} (kept for the next run) ...", flush=True)
    start = time.perf_counter()
    build_store(db, articles)
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)


def sample_stories(db: pathlib.Path, n: int) -> tuple[list[dict], dict]:
    """`n` stories spread over the listing order (biggest first), and the store's counts."""
    from crosswire.store import open_store

    with open_store(db, create=False) as store:
        everything = store.stories()
        counts = store.counts()
    step = max(len(everything) / n, 1)
    picked = sorted({int(k * step) for k in range(min(n, len(everything)))})
    return [{"id": everything[k]["id"], "size": everything[k]["size"]} for k in picked], counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: pathlib.Path, port: int, workers: int, log: pathlib.Path, src: pathlib.Path,
                 http: str = "auto") -> subprocess.Popen:  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "--factory", "web:make_app", "--app-dir", str(ROOT / "bench"),
               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--http", http,
               "--log-level", "warning", "--no-access-log"]  # fmt: skip
    env = os.environ | {"CROSSWIRE_BENCH_DB": str(db), "CROSSWIRE_BENCH_SRC": str(src)}
    process = subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    import httpx

    for _ in range(600):
        if process.poll() is not None:
            sys.exit(f"the server exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    sys.exit("the server did not answer within 60 s")


def cold_pass(base: str, stories: list[dict]) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """Ask for each story's report, then its page, once, in turn: (size, seconds) of each; exits on an error.

    The first report request compares the story unless its comparison is stored;
    the first page request renders the page from the stored comparison.
    """
    import httpx

    reports, pages = [], []
    with httpx.Client(base_url=base, timeout=600) as client:
        # spaCy and the embedding model load on the first comparison: an unstored one, so no story pays for it
        texts = [f"The council of {town} voted on Monday to close the library for repairs costing 2 million euros."
                 for town in ("Arden", "Bexley")]  # fmt: skip
        client.post("/api/compare", json={"articles": texts}).raise_for_status()
        for timings, path in ((reports, "/api/stories/"), (pages, "/stories/")):
            for story in stories:
                start = time.perf_counter()
                response = client.get(path + story["id"])
                timings.append((story["size"], time.perf_counter() - start))
                if response.status_code != 200:
                    sys.exit(f"{path}{story['id']}: {response.status_code} {response.text[:300]}")
    return reports, pages


def by_size(label: str, timings: list[tuple[int, float]]) -> None:
    slow = max(timings, key=lambda c: c[1])
    print(f"{label}: median {statistics.median(t for _, t in timings) * 1000:.0f} ms, slowest {slow[1]:.2f} s "
          f"({slow[0]} articles), total {sum(t for _, t in timings):.1f} s", flush=True)  # fmt: skip
    for size in sorted({s for s, _ in timings}):
        times = [t for s, t in timings if s == size]
        print(f"  {size:>3} articles: {len(times):>3} stories, median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms")  # fmt: skip


class Connection:
    """One keep-alive HTTP/1.1 connection, GET only: a client light enough to leave the CPU to the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, int]:
        """(status, body bytes); reconnects when the server closed the connection."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
        if "content-length" not in fields:
            raise ValueError(f"no Content-Length in the answer to {path}")
        body = await self.reader.readexactly(int(fields["content-length"]))
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, len(body)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def load(port: int, paths: list[str], clients: int, seconds: float, warmup: float,
               big: set[str] = frozenset()) -> dict:  # fmt: skip
    """`clients` closed-loop clients, a connection each, for warmup + seconds; latencies after the warm-up.

    The p99 is also given apart for the paths in `big` and for the others.
    """
    latencies: list[float] = []
    by_kind: dict[bool, list[float]] = {True: [], False: []}
    errors: list[str] = []
    statuses: dict[int, int] = {}
    start = time.perf_counter()
    measure_from, stop_at = start + warmup, start + warmup + seconds

    async def one_client(k: int) -> None:
        rng, connection = random.Random(k), Connection("127.0.0.1", port)
        try:
            while True:
                sent = time.perf_counter()
                if sent >= stop_at:
                    return
                path = rng.choice(paths)
                try:
                    status, _ = await asyncio.wait_for(connection.get(path), timeout=30)
                    detail = f"{status} on {path}"
                except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.TimeoutError) as exc:
                    status, detail = 0, f"{type(exc).__name__}: {exc} on {path}"
                    await connection.close()
                took = time.perf_counter() - sent
                if sent >= measure_from:
                    latencies.append(took)
                    by_kind[path in big].append(took)
                    statuses[status] = statuses.get(status, 0) + 1
                    if status != 200:
                        errors.append(detail)
        finally:
            await connection.close()

    await asyncio.gather(*(one_client(k) for k in range(clients)))
    # the requests in flight at stop_at ended after it: the window is until the last one ended
    window = max(time.perf_counter() - measure_from, 1e-9)
    latencies.sort()
    split = {kind: percentile(sorted(values), 99) for kind, values in by_kind.items()}
    return {"requests": len(latencies), "rps": len(latencies) / window, "errors": len(errors),
            "first_errors": errors[:3], "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
            "max": latencies[-1] if latencies else float("nan"), "statuses": statuses,
            "p99_big": split[True], "p99_small": split[False], "share_big": len(by_kind[True]) / max(len(latencies), 1)}  # fmt: skip


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]


NAMES = {"api": "GET /api/stories/{id}", "page": "GET /stories/{id} (page)"}
BIG = 10  # articles: the p99 of stories this big or bigger is also given apart


def measure(args, src: pathlib.Path, stories: list[dict], label: str, workers: int, http: str) -> dict[str, dict]:
    """Serve the crosswire package under `src`, ask for each story once, then load each target: {target: figures}."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = args.db.with_suffix(f".{label.replace(' ', '-')}.log")
    server = start_server(args.db, port, workers, log, src, http)
    try:
        reports, pages = cold_pass(base, stories)
        by_size(f"{label}: first GET /api/stories/{{id}} of each story, in turn (compares it unless stored)", reports)
        by_size(f"{label}: then the first GET /stories/{{id}} of each (renders the page)", pages)
        paths = {"api": [f"/api/stories/{s['id']}" for s in stories], "page": [f"/stories/{s['id']}" for s in stories]}
        results = {}
        for target in args.targets:
            cpu, load_before = resource.getrusage(resource.RUSAGE_SELF), os.getloadavg()[0]
            big = {p for p, story in zip(paths[target], stories) if story["size"] >= BIG}
            r = asyncio.run(load(port, paths[target], args.clients, args.seconds, args.warmup, big))
            used = resource.getrusage(resource.RUSAGE_SELF)
            r["client_cpu"] = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime
            r["loadavg"] = (load_before, os.getloadavg()[0])
            results[target] = r
            if r["errors"]:
                print(f"  {target}: statuses {r['statuses']}; first: {r['first_errors']}", file=sys.stderr)
        return results
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
        server.kill()  # nothing when it has exited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=pathlib.Path, default=pathlib.Path("/tmp/crosswire-bench-web.db"),
                        help="a SQLite store; built with --articles articles when missing")  # fmt: skip
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20, help="measured seconds per target")
    parser.add_argument("--warmup", type=float, default=2, help="unmeasured seconds of load before each target")
    parser.add_argument("--sample", type=int, default=100, help="stories asked for")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--http", default="auto", choices=["auto", "h11", "httptools"],
                        help="uvicorn's HTTP parser (auto: httptools when installed, as crosswire serve)")
    parser.add_argument("--configs", nargs="+", metavar="WORKERS:HTTP",
                        help="serve this checkout once per configuration, in turn, e.g. 1:h11 1:httptools 2:httptools; "
                             "the rows compare them in one run")  # fmt: skip
    parser.add_argument("--targets", nargs="+", default=["api", "page"], choices=["api", "page"])
    parser.add_argument("--before", type=pathlib.Path, metavar="DIR",
                        help="also serve the crosswire package in DIR first (e.g. `git archive REV crosswire | "
                             "tar -x -C DIR`) and print after/before ratios")  # fmt: skip
    args = parser.parse_args()

    ensure_store(args.db, args.articles)
    stories, counts = sample_stories(args.db, args.sample)
    sizes = [s["size"] for s in stories]
    print(f"store {args.db}: {counts['articles']:,} articles, {counts['stories']:,} stories, "
          f"{counts['comparisons']:,} compared; {len(stories)} sampled, sizes {min(sizes)}-{max(sizes)} "
          f"(median {statistics.median(sizes):g}); {os.cpu_count()} CPUs", flush=True)  # fmt: skip
    runs = {}
    if args.configs:
        for config in args.configs:
            workers, _, http = config.partition(":")
            runs[f"{workers}w {http or 'auto'}"] = measure(args, ROOT, stories, f"{workers}w {http or 'auto'}",
                                                           int(workers), http or "auto")  # fmt: skip
    else:
        if args.before:
            runs["before"] = measure(args, args.before, stories, "before", args.workers, args.http)
        label = "after" if args.before else "now"
        runs[label] = measure(args, ROOT, stories, label, args.workers, args.http)
    workers = "per row" if args.configs else f"{args.workers} uvicorn worker(s), HTTP parser {args.http}"
    print(f"\n{args.clients} clients, {args.seconds:g} s per target after {args.warmup:g} s of warm-up, "
          f"{workers}, {len(stories)} stories\n")  # fmt: skip
    print("| target | code | requests | requests/s | p50 ms | p99 ms | max ms | errors | client CPU s | load avg |\n"
          "|---|---|---|---|---|---|---|---|---|---|")  # fmt: skip
    for target in args.targets:
        for label, results in runs.items():
            r = results[target]
            print(f"| {NAMES[target]} | {label} | {r['requests']:,} | {r['rps']:.0f} | {r['p50'] * 1000:.1f} | "
                  f"{r['p99'] * 1000:.1f} | {r['max'] * 1000:.1f} | {r['errors']} | {r['client_cpu']:.1f} | "
                  f"{r['loadavg'][0]:.1f}-{r['loadavg'][1]:.1f} |")  # fmt: skip
    print(f"\np99 apart, stories of {BIG}+ articles (their share of requests) | the others:")
    for target in args.targets:
        for label, results in runs.items():
            r = results[target]
            print(f"  {NAMES[target]} {label}: {r['p99_big'] * 1000:.1f} ms ({r['share_big']:.0%}) | "
                  f"{r['p99_small'] * 1000:.1f} ms")  # fmt: skip
    if len(runs) > 1:
        print()
        first = next(iter(runs))
        for target in args.targets:
            for label in list(runs)[1:]:
                b, a = runs[first][target], runs[label][target]
                print(f"{NAMES[target]}: requests/s x{a['rps'] / b['rps']:.2f}, p50 /{b['p50'] / a['p50']:.2f}, "
                      f"p99 /{b['p99'] / a['p99']:.2f} ({label} vs {first})")


if __name__ == "__main__":
    main()
