"""Story clustering on labelled corpora: AllSides roundups and ECB+ topics.

    python -m eval.stories            # table; needs ../shared/data (skips with a message without it)
    python -m eval.stories --json
    python -m eval.stories --features # fast path for tuning (see below)
    python -m eval.stories --pairs    # every pair of the stories ingest makes, scored as wholes:
                                      # can a score tell fragments of one gold story from different ones?

By default each corpus goes through `crosswire ingest` (crosswire.store.ingest.ingest,
2 spaCy processes) into a fresh SQLite store, and the stories the store lists are
scored: the figures are what a user gets (~1 minute for both corpora).

`--features` (with `--entities rule` for capitalised-phrase entities instead of spaCy)
is the fast path for sweeps: articles are read with crosswire's reader but not
cleaned (a date from the record, else from the text's dateline or a time-stamp
line; ECB+'s older documents have none and stay undated, with a day named in their
lead kept as an inferred date), their StoryFeatures built (MiniLM vectors of title +
lead, spaCy entities of the lead with the parser disabled, hashed words of the text
for the TF-IDF signal, the other days a dated article names), and they are clustered
as `crosswire ingest` clusters a run (by published date, undated last, 64 at a time,
orphans looked at after each batch). Uncleaned, ECB+'s pages keep their
"Published May 2 / Updated May 3" lines, whose days link next-day reports: ECB+
scores about 1.5 points higher this way than through ingest. Scores: pairwise and B-cubed precision, recall and F1
against the gold stories; for ECB+ also the topics whose two events ended up as
one story (their majority stories are the same) or mixed (some story holds
articles of both).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import pathlib
import sys
import time
from collections import Counter, defaultdict

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data"
CORPORA = {"allsides": DATA / "allsides-neus" / "articles.jsonl", "ecbplus": DATA / "ecbplus-traindev" / "docs.jsonl"}


def load(path: pathlib.Path):
    """(articles, gold story per article id, record per article id) from one JSONL corpus."""
    from crosswire.ingest import read_batch

    records = _records(path)
    articles = read_batch(path).articles
    gold = {a.id: str(records[a.external_id]["cluster_id"]) for a in articles}
    return articles, gold, {a.id: records[a.external_id] for a in articles}


def _records(path: pathlib.Path) -> dict[str, dict]:
    """The corpus's records by their id."""
    return {str(r["id"]): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}


def spacy_analyses(articles, nlp=None):
    """Entities of each article's title + lead by spaCy, as light Analysis objects."""
    from crosswire.analyze.nlp import load_nlp
    from crosswire.model import Analysis, Entity
    from crosswire.stories.features import lead_text

    nlp = nlp or load_nlp()
    disabled = [name for name in ("parser", "lemmatizer", "attribute_ruler", "tagger") if name in nlp.pipe_names]
    leads = [lead_text(a) for a in articles]
    analyses = []
    with nlp.select_pipes(disable=disabled):
        for lead, doc in zip(leads, nlp.pipe(leads, batch_size=64)):
            ents = tuple(Entity(e.start_char, e.end_char, e.text, e.label_, e.text) for e in doc.ents)
            analyses.append(Analysis(text=lead, entities=ents))
    return analyses


def features_for(articles, entities: str = "spacy"):
    from crosswire.align.embed import get_embedder
    from crosswire.stories.features import story_features

    embedder = get_embedder()
    if embedder is None:
        raise SystemExit("eval.stories: the sentence-embedding model is not installed (see crosswire.align.embed)")
    analyses = spacy_analyses(articles) if entities == "spacy" else None
    return story_features(articles, analyses, embedder)


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Precision/recall/F1 over pairs of articles put in one story."""
    def pairs(labels):
        return sum(n * (n - 1) // 2 for n in Counter(labels.values()).values())

    both = Counter((pred[a], gold[a]) for a in gold)
    tp = sum(n * (n - 1) // 2 for n in both.values())
    return _prf(tp / max(pairs(pred), 1), tp / max(pairs(gold), 1))


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Per article: share of its story that is gold-same (P) and of its gold story found with it (R)."""
    both = Counter((pred[a], gold[a]) for a in gold)
    p_size, g_size = Counter(pred[a] for a in gold), Counter(gold.values())
    p = sum(both[pred[a], gold[a]] / p_size[pred[a]] for a in gold) / len(gold)
    r = sum(both[pred[a], gold[a]] / g_size[gold[a]] for a in gold) / len(gold)
    return _prf(p, r)


def _prf(p: float, r: float) -> dict[str, float]:
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def topics(pred: dict[str, str], gold: dict[str, str], records: dict) -> dict[str, int]:
    """ECB+ topics whose two events share their majority story (merged) or any story (mixed)."""
    events = defaultdict(lambda: defaultdict(list))  # topic -> event -> predicted stories
    for a, event in gold.items():
        events[records[a]["topic"]][event].append(pred[a])
    merged = mixed = 0
    for by_event in events.values():
        if len(by_event) != 2:
            continue
        first, second = by_event.values()
        merged += Counter(first).most_common(1)[0][0] == Counter(second).most_common(1)[0][0]
        mixed += bool(set(first) & set(second))
    return {"topics": len(events), "merged": merged, "mixed": mixed}


def cluster(features, settings=None) -> dict[str, str]:
    """Stories as `crosswire ingest` makes them: in `arrival_order` (by date, undated last), a batch of
    BATCH_SIZE at a time, the one-article stories each batch came near looked at again after it."""
    from crosswire.stories import StoryIndex, arrival_order_of
    from crosswire.store.ingest import BATCH_SIZE

    index = StoryIndex(settings=settings)
    ordered = [features[k] for k in arrival_order_of(features)]
    for start in range(0, len(ordered), BATCH_SIZE):
        for f in ordered[start : start + BATCH_SIZE]:
            index.add(f)
        index.adopt_orphans()
    return {f.article_id: index.story_of(f.article_id) for f in features}


def scores(name: str, pred: dict[str, str], gold: dict[str, str], records: dict) -> dict:
    """Sizes, pairwise and B-cubed figures of predicted stories against the gold ones (ECB+: topics too)."""
    report = {
        "articles": len(gold),
        "gold stories": len(set(gold.values())),
        "stories": len(set(pred.values())),
        "pairwise": pairwise(pred, gold),
        "bcubed": bcubed(pred, gold),
    }
    if name == "ecbplus":
        report["ecb topics"] = topics(pred, gold, records)
    return report


def score(name, features, gold, records, settings=None) -> dict:
    started = time.perf_counter()
    pred = cluster(features, settings)
    return {**scores(name, pred, gold, records), "cluster_s": round(time.perf_counter() - started, 2)}


@contextlib.contextmanager
def _ingested_store(path: pathlib.Path, processes: int):
    """(store, ingest result) of the corpus through `crosswire ingest` into a fresh SQLite store."""
    import tempfile

    from crosswire.store import open_store
    from crosswire.store.ingest import ingest

    with tempfile.TemporaryDirectory() as folder, open_store(str(pathlib.Path(folder) / "eval.db"), create=True) as store:
        yield store, ingest(store, [path], processes=processes)


def ingested(name: str, path: pathlib.Path, processes: int = 2) -> dict:
    """The corpus through `crosswire ingest` into a fresh SQLite store, scored from the stories it lists
    (`crosswire stories --format json` gives the same ids): what a user gets."""
    records = _records(path)
    started = time.perf_counter()
    with _ingested_store(path, processes) as (store, result):
        pred = {external: story["id"] for story in store.stories() for external in story["articles"]}
    gold = {external: str(records[external]["cluster_id"]) for external in pred}
    return {**scores(name, pred, gold, records), "problems": len(result.problems),
            "ingest_s": round(time.perf_counter() - started, 1)}  # fmt: skip


# Bands of days between two stories' date ranges for --pairs (None: either story undated)
GAP_BANDS = ((0, 0, "overlapping days"), (1, 3, "1-3 days apart"), (4, 14, "4-14 days apart"),
             (15, None, "15+ days apart"), (None, None, "undated"))


def story_pairs(index, gold_of_story: dict[str, str]) -> list[tuple[bool, float, float | None]]:
    """(same gold story, score, days apart) of every pair of found stories: `StoryIndex.story_similarity`,
    each story's gold story the one most of its articles belong to."""
    ids = sorted(gold_of_story)
    return [(gold_of_story[a] == gold_of_story[b], *index.story_similarity(a, b))
            for k, a in enumerate(ids) for b in ids[k + 1 :]]  # fmt: skip


def _band(apart: float | None) -> str:
    for low, high, name in GAP_BANDS:
        if low is None and apart is None:
            return name
        if low is not None and apart is not None and apart >= low and (high is None or apart <= high):
            return name
    raise ValueError(apart)


def pair_table(pairs: dict[str, list[tuple[bool, float, float | None]]]) -> list[dict]:
    """Per band of days apart and corpus: how the scores of fragments of one gold story (same) compare with
    those of different gold stories, and how many fragments score above every different pair of that band in
    any corpus: what a pass merging stories by score could join without a wrong merge."""
    banded = {name: {corpus: [(same, score) for same, score, apart in rows if _band(apart) == name]
                     for corpus, rows in pairs.items()} for _, _, name in GAP_BANDS}  # fmt: skip
    table = []
    for band, by_corpus in banded.items():
        ceiling = max((score for rows in by_corpus.values() for same, score in rows if not same), default=None)
        for corpus, rows in by_corpus.items():
            same = sorted(score for is_same, score in rows if is_same)
            different = [score for is_same, score in rows if not is_same]
            table.append({
                "band": band, "corpus": corpus, "same": len(same), "different": len(different),
                "same median": round(same[len(same) // 2], 3) if same else None,
                "different max": round(max(different), 3) if different else None,
                "same above every different": sum(score > ceiling for score in same) if ceiling is not None
                else len(same),
            })  # fmt: skip
    return table


def ingested_pairs(name: str, path: pathlib.Path, processes: int = 2) -> list[tuple[bool, float, float | None]]:
    """`story_pairs` of the stories `crosswire ingest` makes of a corpus (the index rebuilt from the store)."""
    from crosswire.stories import StoryIndex
    from crosswire.stories.features import features_from_row

    records = _records(path)
    with _ingested_store(path, processes) as (store, _):
        gold_of_story = {story["id"]: _majority(str(records[e]["cluster_id"]) for e in story["articles"])
                         for story in store.stories()}  # fmt: skip
        index = StoryIndex.rebuild((features_from_row(row), story_id) for row, story_id in store.feature_rows())
    return story_pairs(index, gold_of_story)


def _majority(labels) -> str:
    return Counter(labels).most_common(1)[0][0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--features", action="store_true",
                        help="fast: features built here from the raw records (lead-only entities), clustered as "
                             "ingest clusters, for tuning; the default runs crosswire ingest itself")  # fmt: skip
    parser.add_argument("--entities", choices=("spacy", "rule"), default="spacy", help="with --features")
    parser.add_argument("--pairs", action="store_true",
                        help="score every pair of the stories ingest makes: can fragments of one gold story be told "
                             "from different stories by their similarity, band by band of days apart?")  # fmt: skip
    args = parser.parse_args()
    if not all(path.is_file() for path in CORPORA.values()):
        print(f"eval.stories: skipped, no labelled data at {DATA}", file=sys.stderr)
        return 1
    if args.pairs:
        table = pair_table({name: ingested_pairs(name, path) for name, path in CORPORA.items()})
        if args.json:
            print(json.dumps(table, indent=2))
            return 0
        print("| days apart | corpus | pairs of one gold story / of different ones | one story: median score | "
              "different: highest | one story above every different pair |\n|---|---|---|---|---|---|")
        for row in table:
            median, highest = (row[k] if row[k] is not None else "-" for k in ("same median", "different max"))
            print(f"| {row['band']} | {row['corpus']} | {row['same']} / {row['different']} | {median} | {highest} | "
                  f"{row['same above every different']} |")
        return 0
    reports = {}
    for name, path in CORPORA.items():
        if not args.features:
            reports[name] = ingested(name, path)
            continue
        articles, gold, records = load(path)
        started = time.perf_counter()
        features = features_for(articles, args.entities)
        reports[name] = {"features_s": round(time.perf_counter() - started, 1), **score(name, features, gold, records)}
    if args.json:
        print(json.dumps(reports, indent=2))
        return 0
    print("| corpus | articles | gold / found stories | pairwise P / R / F1 | B-cubed P / R / F1 |\n|---|---|---|---|---|")
    for name, r in reports.items():
        pw, b3 = r["pairwise"], r["bcubed"]
        print(f"| {name} | {r['articles']} | {r['gold stories']} / {r['stories']} | "
              f"{pw['p']:.3f} / {pw['r']:.3f} / {pw['f1']:.3f} | {b3['p']:.3f} / {b3['r']:.3f} / {b3['f1']:.3f} |")
    t = reports["ecbplus"]["ecb topics"]
    print(f"\nECB+: {t['merged']} of {t['topics']} topics with both events in one story ({t['mixed']} mixed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
