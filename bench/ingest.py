"""Ingestion into the store, run by hand: `python bench/ingest.py [--sizes 250 500 1000] [--processes 1 2]`.

Generates JSONL records (our example articles' paragraphs recombined, with varied ids and
dates), ingests them into a fresh SQLite store in steps, and prints articles/s per step,
the database size and peak memory, so that growth is visible. The whole path runs:
reading, cleaning, spaCy analysis, claims, story features and clustering, one
transaction per batch, with 1 and then 2 spaCy processes (the `processes`
setting) into fresh stores, so that the two rates compare in one run. Analysis
dominates (see bench/compare.py); ingestion at 10k-100k is bench/scale.py,
clustering alone bench/stories.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def records(n: int, start: int) -> list[str]:
    from compare import corpus

    # The examples hold a few dozen paragraphs, so combinations repeat: a numbered line keeps
    # every record a distinct article (otherwise the store rightly skips it as already stored).
    texts = [f"{t}\nThe filing, number {start + i}, was the {start + i}th of the year." for i, t in
             enumerate(corpus(start + n, words=350)[start:])]
    day0 = dt.date(2025, 1, 1)
    return [
        json.dumps({"id": f"bench-{start + i}", "title": text.split(".")[0][:80], "text": text,
                    "published": (day0 + dt.timedelta(days=(start + i) // 40)).isoformat(), "outlet": "Bench Wire"})
        for i, text in enumerate(texts)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    from crosswire.analyze.nlp import load_nlp
    from crosswire.store import open_store
    from crosswire.store.ingest import ingest
    from scale import store_figures

    nlp = load_nlp()
    print("| spaCy processes | articles stored | step articles/s | database MB | KB/article | peak RSS MB |\n"
          "|---|---|---|---|---|---|")  # fmt: skip
    for processes in args.processes:
        with tempfile.TemporaryDirectory() as tmp:
            db = pathlib.Path(tmp) / "bench.db"
            store = open_store(db)
            done = 0
            for size in args.sizes:
                step = pathlib.Path(tmp) / f"step-{size}.jsonl"
                step.write_text("\n".join(records(size - done, done)) + "\n", encoding="utf-8")
                start = time.perf_counter()
                ingest(store, [step], nlp=nlp, processes=processes)
                rate = (size - done) / (time.perf_counter() - start)
                done = size
                print(f"| {processes} | {done:,} | {rate:.1f} | {store_figures(db, done)} |", flush=True)
            store.close()

if __name__ == "__main__":
    main()
