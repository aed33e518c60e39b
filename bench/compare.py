"""Speed of the compare path, run by hand: `python bench/compare.py`.

(a) a cold `crosswire compare` of the two seed articles, as a whole new process
    (imports, model loads and all), median of --runs;
(b) analysis throughput: 200 articles of about 700 words analysed in one
    process (spaCy batched), with 1 and 2 processes, plus claims on top.

Targets on the 2-core development machine: (a) under 3 s, (b) 10 articles/s or more.
The figures go in the README's performance table.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"


def cold_compare(paths: list[pathlib.Path], runs: int) -> list[float]:
    exe = pathlib.Path(sys.executable).with_name("crosswire")
    command = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "crosswire.cli"])]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*command, "compare", *map(str, paths), "--format", "json"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def corpus(n: int, words: int = 700) -> list[str]:
    """n articles of about `words` words, assembled from our example articles' paragraphs."""
    from crosswire.ingest import read_all

    articles, _ = read_all(sorted(EXAMPLES.glob("*")))
    paragraphs = [p for a in articles for p in a.text.split("\n") if len(p.split()) > 8]
    if not paragraphs:
        raise SystemExit("no example paragraphs found under examples/")
    texts = []
    for i in range(n):
        picked, count, k = [], 0, i
        while count < words:
            paragraph = paragraphs[k % len(paragraphs)]
            picked.append(paragraph)
            count += len(paragraph.split())
            k += 7  # a stride, so that articles differ
        texts.append("\n".join(picked))
    return texts


def throughput(texts: list[str], n_process: int) -> float:
    import datetime as dt

    from crosswire.analyze import analyze_texts
    from crosswire.analyze.nlp import load_nlp

    nlp = load_nlp()
    analyze_texts(texts[:4], [dt.date(2025, 10, 25)] * 4, nlp=nlp)  # warm up
    start = time.perf_counter()
    analyze_texts(texts, [dt.date(2025, 10, 25)] * len(texts), nlp=nlp, n_process=n_process)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()

    seeds = sorted(SEEDS.glob("*.txt"))
    if seeds:
        cold = cold_compare(seeds, args.runs)
        print(f"(a) cold compare of the 2 seeds: median {statistics.median(cold):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in cold)})")
    else:
        print(f"(a) skipped: {SEEDS} not found (the seeds live in ../shared/seeds)")

    texts = corpus(args.articles)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"(b) {len(texts)} articles, {words:.0f} words on average, {os.cpu_count()} CPUs")
    for n_process in (1, 2):
        rate = throughput(texts, n_process)
        print(f"    analysis, n_process={n_process}: {rate:.1f} articles/s ({rate * words:.0f} words/s)")


if __name__ == "__main__":
    main()
