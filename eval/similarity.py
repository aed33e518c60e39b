"""Does crosswire's story score agree with people's "same story?" ratings? SemEval-2022 Task 8 pairs.

    python -m eval.similarity          # needs ../shared/data (skips with a message without it)
    python -m eval.similarity --json

Each pair of English news articles was rated by people from 1 (very similar: the same
event) to 4 (very dissimilar), overall and on geography, entities, time and narrative.
Both articles are read with crosswire's reader, their StoryFeatures built as in
eval.stories' fast path (MiniLM vector of the lead, spaCy names of the lead, hashed
words), and every article is placed in a StoryIndex as a story of its own, so the
words' document frequencies are those of the whole sample. A pair's score is
`StoryIndex.similarity` (centroid cosine + names + TF-IDF words, the terms the
clusterer joins a story by, days left out: the pairs carry no dates), averaged over
both directions. The figure is Pearson's r between that score and the rating turned
round (5 - Overall, so that higher is more similar), the task's own measure; the vector
cosine alone is reported beside it. The sample is a part of the task's training
pool, not its test set: the best published r (0.872 on the English test pairs) is a
reference, not a like-for-like anchor.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile

import numpy as np

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data"
PAIRS = DATA / "semeval2022t8-sample" / "pairs.jsonl"
LANGUAGE = "en"  # crosswire's models read English


def load_pairs(path: pathlib.Path = PAIRS) -> list[dict]:
    """The pairs whose two articles are both in English and both rated overall."""
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [p for p in pairs if p["lang1"] == p["lang2"] == LANGUAGE and p.get("Overall") is not None]


def read_articles(pairs: list[dict]) -> dict:
    """crosswire's reading of each pair's two texts, by record id ("<pair_id>:1", "<pair_id>:2")."""
    from crosswire.ingest import read_batch

    records = [{"id": f"{p['pair_id']}:{side}", "text": p[f"text{side}"]} for p in pairs for side in (1, 2)]
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "pairs.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        batch = read_batch(path)
    return {a.external_id: a for a in batch.articles}


def pearson(x, y) -> float:
    return float(np.corrcoef(np.asarray(x, dtype=float), np.asarray(y, dtype=float))[0, 1])


def evaluate(pairs: list[dict]) -> dict:
    from crosswire.stories import StoryIndex
    from eval.stories import features_for

    articles = read_articles(pairs)
    read = [p for p in pairs if f"{p['pair_id']}:1" in articles and f"{p['pair_id']}:2" in articles]
    ordered = list(articles.values())
    features = dict(zip((a.external_id for a in ordered), features_for(ordered)))
    index = StoryIndex.rebuild((f, "s-" + f.article_id) for f in features.values())
    scores, cosines, ratings = [], [], []
    for p in read:
        a, b = features[f"{p['pair_id']}:1"], features[f"{p['pair_id']}:2"]
        scores.append((index.similarity(a, b.article_id) + index.similarity(b, a.article_id)) / 2)
        cosines.append(float(np.asarray(a.vector, dtype=float) @ np.asarray(b.vector, dtype=float)))
        ratings.append(5.0 - float(p["Overall"]))
    return {
        "pairs": len(read),
        "unread": len(pairs) - len(read),
        "pearson": round(pearson(scores, ratings), 4),
        "cosine_pearson": round(pearson(cosines, ratings), 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not PAIRS.is_file():
        print(f"eval.similarity: skipped, no labelled pairs at {PAIRS}", file=sys.stderr)
        return 1
    report = evaluate(load_pairs())
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"SemEval-2022 Task 8 sample, {report['pairs']} English pairs ({report['unread']} not read)")
    print(f"Pearson r, story score vs rating:   {report['pearson']:.3f}")
    print(f"Pearson r, vector cosine alone:     {report['cosine_pearson']:.3f}")
    print("reference: best published r 0.872 on the English pairs of the task's test set")
    return 0


if __name__ == "__main__":
    sys.exit(main())
