"""`crosswire ingest --spark` against a local run, in one run: `python bench/spark.py [--articles 300] [--cores 2]`.

The first `--articles` AllSides records of ../shared/data (our example articles repeated with
numbered closing lines when it is absent), written as JSONL files of 10 records, ingested into a
fresh SQLite store twice: locally with `processes=cores` spaCy workers, and with Spark on
`local[cores]` (the session started beforehand, as a cluster's would be). Both end with the same
stories; the figure is articles/s of the whole ingestion, and the ratio of the two.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides-neus" / "articles.jsonl"


def records(n: int) -> list[dict]:
    if ALLSIDES.is_file():
        with ALLSIDES.open(encoding="utf-8") as lines:
            return [json.loads(line) for _, line in zip(range(n), lines)]
    from crosswire.ingest import read_source

    examples = [a for path in sorted((ROOT / "examples").glob("harbor-strike-*")) for a in read_source(path)]
    return [{"id": f"r{k}", "title": examples[k % len(examples)].title,
             "text": f"{examples[k % len(examples)].raw_text}\nThis is report {k}."} for k in range(n)]  # fmt: skip


def write(folder: pathlib.Path, rows: list[dict]) -> None:
    folder.mkdir()
    for start in range(0, len(rows), 10):
        lines = "\n".join(json.dumps(r) for r in rows[start : start + 10])
        (folder / f"part-{start // 10:04}.jsonl").write_text(lines + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    from crosswire.analyze.nlp import load_nlp
    from crosswire.spark import ingest_with_spark, spark_session
    from crosswire.store import open_store
    from crosswire.store.ingest import default_embedder, ingest

    rows = records(args.articles)
    nlp, embedder = load_nlp(), default_embedder()
    spark = spark_session(f"local[{args.cores}]")
    spark.sparkContext.setLogLevel("ERROR")
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp) / "in"
        write(folder, rows)
        figures, stories = {}, {}
        for name in ("local", "spark"):
            with open_store(str(pathlib.Path(tmp) / f"{name}.db"), create=True) as store:
                started = time.perf_counter()
                if name == "local":
                    result = ingest(store, [folder], nlp=nlp, embedder=embedder, processes=args.cores)
                else:
                    result = ingest_with_spark(store, [folder], spark=spark)
                figures[name] = result.added / (time.perf_counter() - started)
                stories[name] = sorted(sorted(s["articles"]) for s in store.stories())
    spark.stop()
    print(f"{len(rows)} articles in {len(rows) // 10 + bool(len(rows) % 10)} JSONL files, {args.cores} cores")
    print(f"local, processes={args.cores}: {figures['local']:.1f} articles/s")
    print(f"spark, local[{args.cores}]: {figures['spark']:.1f} articles/s ({figures['spark'] / figures['local']:.2f}x)")
    print(f"same stories: {stories['local'] == stories['spark']} ({len(stories['local'])} stories)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
