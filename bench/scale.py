"""Ingestion at 10k, 30k and 100k articles, run by hand: `python bench/scale.py [--sizes 10000 30000 100000]`.

The stream is the labelled corpora of ../shared/data (AllSides and ECB+, 2,251
real articles; our example articles' paragraphs without them), repeated with
new ids and dates moved 35 days later per repetition, and a numbered closing
line so that every record is a distinct article. It is written as JSONL files
and ingested into a fresh SQLite store with `crosswire.store.ingest.ingest`,
step by step, so that growth is visible.

spaCy analysis is the cost of ingestion (about 8 articles/s per core, see
bench/compare.py) and does not depend on the store's size. So each distinct
text is analysed once, up front (that rate is printed: it is what a real
ingestion runs at), and the steps get those analyses through
`ingest(analyze=...)`; the lead embeddings are made up front the same way. Everything else runs as in a
real ingestion: reading and cleaning, claims, story features (MinHash,
terms), clustering, the database writes with full-text indexing and story
refresh, one transaction per batch.

Prints, per step: articles/s of the step, database size, KB per article,
peak RSS of the process. `build_store(path, n)` makes such a store for other
benchmarks (bench/web.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import pathlib
import resource
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CORPORA = [DATA / "allsides-neus" / "articles.jsonl", DATA / "ecbplus-traindev" / "docs.jsonl"]
REPEAT_DAYS = 35  # each repetition of the corpus is published this much later
CLOSING = "This is report "  # + the record's number: makes every copy a distinct article
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def base_records() -> list[dict]:
    """The distinct articles the stream repeats: the labelled corpora, else our examples."""
    if all(path.is_file() for path in CORPORA):
        records = []
        for path in CORPORA:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    r = json.loads(line)
                    records.append({"id": str(r["id"]), "title": r.get("title") or "", "text": r["text"],
                                    "published": r.get("date") or r.get("published"), "outlet": r.get("source")})  # fmt: skip
        return records
    print("../shared/data not found: the stream repeats our example articles' paragraphs", file=sys.stderr)
    from compare import corpus

    day0 = dt.date(2025, 1, 1)
    return [{"id": f"ex-{i}", "title": text.split(".")[0][:80], "text": text,
             "published": (day0 + dt.timedelta(days=i // 40)).isoformat(), "outlet": "Example Wire"}
            for i, text in enumerate(corpus(600, words=350))]  # fmt: skip


def stream_record(base: list[dict], k: int) -> dict:
    """The k-th record of the stream: base article k mod len(base), moved k // len(base) repetitions later."""
    record = base[k % len(base)]
    repetition = k // len(base)
    published = _date(record["published"]) or dt.date(2021, 1, 1) + dt.timedelta(days=k % len(base) % 30)
    return {
        "id": f"scale-{repetition}-{record['id']}",
        "title": record["title"],
        "text": f"{record['text']}\n{CLOSING}{k} of the benchmark stream.",
        "published": (published + dt.timedelta(days=REPEAT_DAYS * repetition)).isoformat(),
        "outlet": record["outlet"],
    }


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class CachedEmbedder:
    """The real embedder, remembering each lead it has encoded (the stream repeats leads)."""

    def __init__(self, embedder) -> None:
        self.embedder, self.cache = embedder, {}

    def encode(self, texts):
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            self.cache.update(zip(missing, self.embedder.encode(missing)))
        return np.stack([self.cache[t] for t in texts]) if texts else self.embedder.encode([])

    def __getattr__(self, name):
        return getattr(self.embedder, name)


class Prepared:
    """Analyses of the base articles, made once; `analyze` hands them out to the stream's copies."""

    def __init__(self, base: list[dict], processes: int = 2) -> None:
        from crosswire.clean import clean
        from crosswire.ingest import read_text
        from crosswire.pipeline import analyze_articles
        from crosswire.store.ingest import default_embedder
        from crosswire.stories.features import lead_text

        # the first copy of each base article, without its closing line
        records = [dict(stream_record(base, i), text=record["text"]) for i, record in enumerate(base)]
        articles = [clean(read_text(json.dumps(r), source=f"base-{i}.json", fmt="json")) for i, r in enumerate(records)]
        start = time.perf_counter()
        self.analyses = analyze_articles(articles, n_process=processes, batch_size=32)
        self.rate = len(articles) / (time.perf_counter() - start)
        self.embedder = CachedEmbedder(default_embedder())
        start = time.perf_counter()
        self.embedder.encode([lead_text(a) for a in articles])
        self.embed_rate = len(articles) / (time.perf_counter() - start)
        self.texts = [a.text for a in articles]
        self.misses = 0  # copies whose text did not extend their base's (analysed for real)

    def analyze(self, articles):
        # A copy's text is its base text plus a closing line: the base's analysis covers
        # everything before that line, at the same offsets. Anything else is analysed for real.
        from crosswire.pipeline import analyze_articles

        out = []
        for article in articles:
            k = int(article.text.rsplit(CLOSING, 1)[1].split(" ", 1)[0]) if CLOSING in article.text else -1
            base_text = self.texts[k % len(self.texts)] if k >= 0 else None
            if base_text is not None and article.text.startswith(base_text):
                out.append(dataclasses.replace(self.analyses[k % len(self.texts)], text=article.text))
            else:
                self.misses += 1
                out.append(analyze_articles([article])[0])
        return out


def write_steps(base: list[dict], folder: pathlib.Path, start: int, stop: int, per_file: int = 1000) -> list[pathlib.Path]:
    paths = []
    for first in range(start, stop, per_file):
        path = folder / f"stream-{first:07d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for k in range(first, min(first + per_file, stop)):
                out.write(json.dumps(stream_record(base, k), ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def build_store(db_path: pathlib.Path, n: int, *, prepared: Prepared | None = None, base=None) -> None:
    """A fresh SQLite store at `db_path` with the first n articles of the stream (see the module docstring)."""
    from crosswire.store import open_store
    from crosswire.store.ingest import ingest

    base = base or base_records()
    prepared = prepared or Prepared(base)
    with tempfile.TemporaryDirectory() as tmp, open_store(db_path) as store:
        ingest(store, write_steps(base, pathlib.Path(tmp), 0, n), embedder=prepared.embedder, analyze=prepared.analyze)


def store_figures(db: pathlib.Path, articles: int) -> str:
    """'database MB | KB per article | peak RSS MB' of a SQLite store (WAL files included) and this process."""
    megabytes = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"{megabytes:,.1f} | {megabytes * 1000 / articles:.0f} | {peak:,.0f}"


def _rebuild_seconds(store) -> float:
    """What each `crosswire ingest` run pays before its first article: the story index rebuilt from the store."""
    from crosswire.store.ingest import stories_api

    api = stories_api()
    start = time.perf_counter()
    api.StoryIndex.rebuild((api.features_from_row(row), sid) for row, sid in store.feature_rows())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--processes", type=int, default=2, help="spaCy processes for the up-front analysis")
    parser.add_argument("--keep", type=pathlib.Path, help="keep the database at this path")
    args = parser.parse_args()
    from crosswire.store import open_store
    from crosswire.store.ingest import ingest

    base = base_records()
    prepared = Prepared(base, args.processes)
    print(f"up front, the {len(base):,} distinct articles: spaCy analysis {prepared.rate:.1f} articles/s "
          f"({args.processes} processes), lead embeddings {prepared.embed_rate:.0f} articles/s")  # fmt: skip
    embedder = prepared.embedder
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        db = args.keep or folder / "scale.db"
        store = open_store(db)
        done = 0
        print("| articles stored | step articles/s | stories | story index rebuild s | database MB | KB/article | peak RSS MB |\n"
              "|---|---|---|---|---|---|---|")  # fmt: skip
        for size in args.sizes:
            paths = write_steps(base, folder, done, size)
            start = time.perf_counter()
            result = ingest(store, paths, embedder=embedder, analyze=prepared.analyze)
            rate = (size - done) / (time.perf_counter() - start)
            for path in paths:
                path.unlink()
            if prepared.misses:
                print(f"  {prepared.misses} copies analysed for real (text did not extend the base's)", file=sys.stderr)
            if result.problems:
                print(f"  {len(result.problems)} problems, first: {result.problems[0]}", file=sys.stderr)
            done = size
            stories = store.counts().get("stories", 0)
            rebuild = _rebuild_seconds(store)
            print(f"| {done:,} | {rate:.1f} | {stories:,} | {rebuild:.1f} | {store_figures(db, done)} |", flush=True)
        store.close()


if __name__ == "__main__":
    main()
