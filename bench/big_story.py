"""A big story's comparison, run by hand: `python bench/big_story.py [--sizes 50 100 200 400]`.

Users pour in everything they collect, so one story can hold hundreds of articles. This takes the
AllSides articles that name Biden (../shared/data; 1,479 articles, ~170 words each), ingests the
first 400 into a fresh SQLite store (their analyses stored, as `crosswire ingest` does), and
compares the first N as one story from the stored analyses, as the web app and `crosswire story`
do, at each size:

- scoring only the pairs of claims that could match or conflict (`crosswire.align.candidates`)
  against scoring every pair of claims from two articles, in one run (up to --every-up-to
  articles: every pair grows with the square of the story);
- seconds, pairs scored, and whether the two comparisons are identical;
- peak Python memory (tracemalloc) of both at the largest size compared both ways;
- a story of 190 of them compared, then grown to 200 and compared again, as a story is when new
  articles join it: with the sentence vectors the first comparison kept in the store (what
  `crosswire story` and the web app do) against embedding every sentence again.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pathlib
import sys
import tempfile
import time
import tracemalloc

ROOT = pathlib.Path(__file__).resolve().parent.parent
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides-neus" / "articles.jsonl"


def every_pair(facts, texts, vectors, weights):
    return [(i, j) for i, j in itertools.combinations(range(len(facts)), 2)
            if facts[i].sentence.article_id != facts[j].sentence.article_id]


def build_store(folder: pathlib.Path, count: int) -> pathlib.Path:
    from crosswire.store import open_store
    from crosswire.store.ingest import ingest

    records = [json.loads(line) for line in ALLSIDES.read_text(encoding="utf-8").splitlines()]
    picked = [r for r in records if "Biden" in r.get("text", "")][:count]
    source = folder / "biden.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in picked), encoding="utf-8")
    db = folder / "big.db"
    with open_store(str(db), create=True) as store:
        ingest(store, [source], processes=2)
    return db


def grown_story(db: pathlib.Path, before: int, after: int) -> tuple[float, float, bool]:
    """(seconds with the vectors kept, seconds without, the same comparison) for the first `after` articles
    compared once the first `before` were, their sentence vectors kept in the store."""
    from crosswire import pipeline
    from crosswire.analyze import ANALYSIS_VERSION
    from crosswire.report.jsonreport import comparison_to_dict
    from crosswire.store import open_store

    with open_store(str(db)) as store:
        ids = sorted(store.all_article_ids())[:after]
        articles, analyses = store.articles(ids), store.analyses(ids, ANALYSIS_VERSION)
        pipeline.compare(articles[:before], analyses=analyses, vector_cache=store)
        start = time.perf_counter()
        kept = pipeline.compare(articles, analyses=analyses, vector_cache=store)
        middle = time.perf_counter()
        fresh = pipeline.compare(articles, analyses=analyses)
        end = time.perf_counter()
    return middle - start, end - middle, comparison_to_dict(kept) == comparison_to_dict(fresh)


def compare_story(db: pathlib.Path, n: int, pairs_of, memory: bool = False) -> tuple[float, int, dict, float]:
    """(seconds, pairs scored, the comparison as JSON, peak MB or 0) for the first n articles as one story."""
    from crosswire import align, pipeline
    from crosswire.analyze import ANALYSIS_VERSION
    from crosswire.report.jsonreport import comparison_to_dict
    from crosswire.store import open_store

    with open_store(str(db)) as store:
        ids = sorted(store.all_article_ids())[:n]
        articles, analyses = store.articles(ids), store.analyses(ids, ANALYSIS_VERSION)
    scored = []

    def counted(*args):
        pairs = pairs_of(*args)
        scored.append(len(pairs))
        return pairs

    align.candidate_pairs, kept = counted, align.candidate_pairs
    try:
        if memory:
            tracemalloc.start()
        start = time.perf_counter()
        comparison = pipeline.compare(articles, analyses=analyses)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 1e6 if memory else 0.0
    finally:
        tracemalloc.stop()
        align.candidate_pairs = kept
    return seconds, scored[0], comparison_to_dict(comparison), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    parser.add_argument("--every-up-to", type=int, default=200, help="compare every pair up to this many articles")
    args = parser.parse_args()
    if not ALLSIDES.exists():
        print(f"skipped: the AllSides corpus is not at {ALLSIDES}", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT))
    from crosswire.align.candidates import candidate_pairs

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        db = build_store(pathlib.Path(folder), max(args.sizes))
        print(f"store of {max(args.sizes)} articles built in {time.perf_counter() - started:.0f} s")
        compare_story(db, 2, candidate_pairs)  # loads the embedding model
        print("| articles | candidate pairs: s | pairs scored | every pair: s | pairs scored | ratio | identical |")
        print("|---|---|---|---|---|---|---|")
        for n in args.sizes:
            seconds, scored, found, _ = compare_story(db, n, candidate_pairs)
            row = f"| {n} | {seconds:.1f} | {scored:,} |"
            if n <= args.every_up_to:
                all_seconds, all_scored, all_found, _ = compare_story(db, n, every_pair)
                row += f" {all_seconds:.1f} | {all_scored:,} | {all_seconds / seconds:.1f}x | {found == all_found} |"
            else:
                row += " | | | |"
            print(row, flush=True)
        largest = max((n for n in args.sizes if n <= args.every_up_to), default=None)
        if largest:
            peaks = [compare_story(db, largest, pairs_of, memory=True)[3] for pairs_of in (candidate_pairs, every_pair)]
            print(f"peak Python memory at {largest} articles: {peaks[0]:.0f} MB with candidate pairs, "
                  f"{peaks[1]:.0f} MB with every pair")
        if max(args.sizes) >= 200:
            kept, fresh, same = grown_story(db, 190, 200)
            print(f"190 articles grown to 200, compared again: {kept:.1f} s with the sentence vectors kept, "
                  f"{fresh:.1f} s embedding every sentence again ({fresh / kept:.1f}x); same comparison: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
