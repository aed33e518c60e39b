"""Speed of crosswire.align.embed: import, model load and sentences/s.

Run: python bench/embed.py [--threads 2] [--sentences 1000] [--repeat 3]

Import and load are timed in fresh interpreters (cold start is what a
`crosswire compare` user waits for). Throughput is the best of --repeat runs
over --sentences generated sentences, after one warm-up call.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time

# Our own phrases, recombined into news-like sentences of varied length.
SUBJECTS = [
    "The minister", "A spokesperson for the council", "Local residents", "The central bank",
    "Officials in the northern province", "The company's chief executive", "Two opposition lawmakers",
    "Emergency crews", "The trade delegation", "Analysts at a regional bank", "The mayor", "Teachers' unions",
]
VERBS = [
    "said", "announced", "warned", "confirmed", "denied", "suggested", "insisted", "told reporters",
]
CLAUSES = [
    "that the agreement would be signed before the end of the month",
    "that heavy rain had flooded three districts overnight",
    "that interest rates would stay unchanged for now",
    "that the new bridge will open to traffic in the spring",
    "that talks with the neighbouring country had stalled over tariffs",
    "that about 4,000 households were still without electricity",
    "that the budget includes extra money for rural schools and clinics",
    "that no decision had been made about the factory's future",
    "that the investigation into the accident was continuing",
    "that prices for fuel and food rose faster than expected last quarter",
]
TAILS = [
    "", " on Friday", " after a closed-door meeting", ", according to a statement released late on Tuesday",
    ", adding that further details would be published next week",
    ", although several members of the committee disagreed and asked for an independent review of the figures",
]


def make_sentences(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}{rng.choice(TAILS)}."
        for _ in range(n)
    ]


COLD = """
import time
t0 = time.perf_counter()
import crosswire.align.embed as embed
t1 = time.perf_counter()
embedder = embed.Embedder(threads={threads})
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def cold_start(threads: int, runs: int) -> tuple[float, float]:
    """Best-of-``runs`` (import s, load s), each in a fresh interpreter."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", COLD.format(threads=threads)], check=True, capture_output=True, text=True
        ).stdout.split()
        imp, load = float(out[0]), float(out[1])
        best = (min(best[0], imp), min(best[1], load))
    return best


def throughput(embedder, sentences: list[str], batch_size: int, repeat: int) -> float:
    embedder.encode(sentences[:batch_size], batch_size=batch_size)  # warm-up
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        embedder.encode(sentences, batch_size=batch_size)
        best = min(best, time.perf_counter() - start)
    return len(sentences) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from crosswire.align.embed import Embedder

    sentences = make_sentences(args.sentences)
    words = sum(len(s.split()) for s in sentences) / len(sentences)
    imp, load = cold_start(args.threads, args.repeat)
    embedder = Embedder(threads=args.threads)

    rows = [("import crosswire.align.embed", f"{imp:.3f} s"), ("Embedder() load (cold)", f"{load:.3f} s")]
    for batch_size in (64, 32, 1):
        rate = throughput(embedder, sentences, batch_size, args.repeat)
        rows.append((f"encode, batch {batch_size}", f"{rate:,.0f} sentences/s"))

    print(f"{len(sentences)} sentences, {words:.1f} words on average, {args.threads} threads, best of {args.repeat}")
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 20}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
