"""Clustering throughput and memory of StoryIndex.add at 10k, 30k and 100k articles.

Run: python bench/stories.py [--sizes 10000 30000 100000]

Feature sets come from the labelled corpora in ../shared/data (features built
once: MiniLM vectors, rule entities, MinHash), repeated with shifted dates, new
ids and slightly perturbed vectors; without the data, from random story
centroids. Each repetition moves 35 days later, so the stream has a steady
density (~1,300 articles a week), like a real feed: the time window, not the
store size, bounds the work per article. The stream is put in `arrival_order` first, as
ingestion does with a run's articles (its time is printed apart). Timing covers StoryIndex.add and,
after every 64 articles (an ingestion batch), StoryIndex.adopt_orphans
(already-analysed articles); peak memory is the process's max RSS.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import resource
import sys
import time

import numpy as np

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))

from crosswire.stories import DIM, StoryFeatures, StoryIndex, arrival_order_of  # noqa: E402
from crosswire.stories.features import minhash  # noqa: E402


def base_features() -> list[StoryFeatures]:
    from eval import stories as ev

    if not all(p.is_file() for p in ev.CORPORA.values()):
        return synthetic_base()
    out = []
    for path in ev.CORPORA.values():
        articles, _, _ = ev.load(path)
        out.extend(ev.features_for(articles, "rule"))
    # ECB+'s undated documents get the date of a dated one, so the whole stream is dated
    start = dt.date(2021, 1, 1)
    return [f if f.published else dataclasses.replace(f, published=start + dt.timedelta(days=k % 30)) for k, f in enumerate(out)]


def synthetic_base(n: int = 2000) -> list[StoryFeatures]:
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((n // 4, DIM))
    out = []
    for k in range(n):
        v = centres[k // 4] + 0.5 * rng.standard_normal(DIM)
        out.append(StoryFeatures(f"b{k}", dt.date(2021, 1, 1) + dt.timedelta(days=k // 70),
                                 (v / np.linalg.norm(v)).astype(np.float32), frozenset({f"e{k // 4}"}),
                                 minhash(f"story {k // 4} text {k}")))
    return out


def stream(base: list[StoryFeatures], n: int) -> list[StoryFeatures]:
    rng = np.random.default_rng(1)
    days = [f.published.toordinal() for f in base]
    lo, span = min(days), 35
    ordered = sorted(base, key=lambda f: (f.published.toordinal() - lo) % span)
    out = []
    for rep in range(n // len(base) + 1):
        for f in ordered:
            if len(out) == n:
                return out
            noise = rng.standard_normal(DIM).astype(np.float32) * 0.02
            v = f.vector + noise
            day = dt.date.fromordinal(lo + (f.published.toordinal() - lo) % span + rep * span)
            shift = day - f.published  # the days and months an article names move with it
            days = tuple(d + shift for d in f.mentioned_days)
            months = tuple((d + shift).replace(day=1) for d in f.mentioned_months)
            out.append(dataclasses.replace(f, article_id=f"{f.article_id}#{rep}", published=day, vector=v / np.linalg.norm(v),
                                           mentioned_days=days, mentioned_months=months))
    return out


BATCH = 64  # crosswire.store.ingest.BATCH_SIZE: the orphans near each batch are looked at once it is added


def run(features: list[StoryFeatures], checkpoints: list[int]) -> list[dict]:
    index, rows, last_t, last_n = StoryIndex(), [], 0.0, 0
    elapsed = 0.0
    for k, f in enumerate(features, start=1):
        t = time.perf_counter()
        index.add(f)
        if k % BATCH == 0:  # as ingestion does after each batch it stores
            index.adopt_orphans()
        elapsed += time.perf_counter() - t
        if k in checkpoints:
            rows.append({
                "articles": k,
                "stories": len(index.stories()),
                "articles/s overall": k / elapsed,
                "articles/s last chunk": (k - last_n) / (elapsed - last_t),
                "ms/article last chunk": 1000 * (elapsed - last_t) / (k - last_n),
                "peak RSS MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            })
            last_t, last_n = elapsed, k
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    args = parser.parse_args()
    base = base_features()
    features = stream(base, max(args.sizes))
    started = time.perf_counter()  # ingestion clusters a run's articles in arrival_order: by day, least typical first
    features = [features[k] for k in arrival_order_of(features)]
    ordering_s = time.perf_counter() - started
    rows = run(features, sorted(args.sizes))
    print(f"{len(base)} base feature sets, repeated to {len(features)}; arrival_order of all: {ordering_s:.2f} s\n")
    print("| articles | stories | articles/s (all) | articles/s (last chunk) | ms/article (last chunk) | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['articles']:,} | {r['stories']:,} | {r['articles/s overall']:,.0f} | "
              f"{r['articles/s last chunk']:,.0f} | {r['ms/article last chunk']:.3f} | {r['peak RSS MB']:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
