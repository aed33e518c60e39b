"""Fit day-gap bands for story scoring from labelled pairs (numpy logistic regression).

    python -m eval.fit_story_days          # needs ../shared/data; ~1 min (features)

Replays each corpus through a StoryIndex in published order (undated last) with
every article put in its gold story, and records, for each article and each
candidate story the index offers it, the parts of the story score: centroid
cosine, TF-IDF cosine, core-name Jaccard, and indicators for the day gap (0, 1,
2-3, 4+ days, one side undated, both undated; an inferred date counts as in
ClusterSettings). Label: the story is the article's gold story. A logistic
regression with each corpus weighted equally gives the weights, printed scaled
so that the cosine weighs 1 (the scale of ClusterSettings).

Result (Nov 2026 dev data), scaled: lexical 1.33, names 0.57, gap 1 day -0.47,
2-3 days -0.64, 4+ days -1.00, one undated -0.87, both undated -0.28, bias
-0.84. Used in place of day_weight * days (threshold grid 0.75-0.95): AllSides
B-cubed F1 0.886 -> 0.92, but ECB+ 0.887 -> 0.83-0.85 with 2-7 topics merged;
with only the dated bands taken (undated penalties kept) the best grid points
trade AllSides +0.01 for ECB+ -0.003 to -0.015. Not adopted: the straight-line
penalty stays (see ClusterSettings.day_weight).
"""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np

BANDS = ("gap 0", "gap 1", "gap 2-3", "gap 4+", "one undated", "both undated")


def parts(index, f, day, lexical, root, inferred):
    """Score parts of one (article, story) pair; None when an inferred date blocks the story."""
    apart = index._apart(day, root, inferred)
    if apart is None:
        return None
    total = index._sums[root]
    cos = float(np.asarray(f.vector, np.float64) @ total) / max(float(np.linalg.norm(total)), 1e-12)
    first, _ = index._spans[root]
    band = np.zeros(len(BANDS))
    if day is None and first is None:
        band[5] = 1
    elif (day is None or first is None) and not (inferred is not None and first is not None
                                                 and apart < index.settings.undated_days):
        band[4] = 1
    else:
        band[0 if apart == 0 else 1 if apart <= 1 else 2 if apart <= 3 else 3] = 1
    return [cos, index._lexical(lexical, root), index._entity_overlap(f.entities, root), *band]


def replay(features, gold):
    from crosswire.stories.cluster import StoryIndex, _day

    index, roots, rows, labels = StoryIndex(), {}, [], []
    for f in sorted(features, key=lambda f: f.published or dt.date.max):
        day = _day(f.published)
        inferred = _day(f.inferred_date) if day is None else None
        cands, _ = index._candidates(f.vector, day)
        lexical = index._tfidf(f)
        for root in {index._find(index._story[c]) for c in cands.tolist()}:
            x = parts(index, f, day, lexical, root, inferred)
            if x is not None:
                rows.append(x)
                labels.append(index._names[root] == gold[f.article_id])
        i = index._append(f, day)
        story = gold[f.article_id]
        if story not in roots:
            roots[story] = index._new_story(i, story)
        index._join(roots[story], i, f, day, lexical)
    return np.array(rows), np.array(labels, dtype=float)


def fit(x, y, weights, l2=1e-3, steps=4000, rate=1.0):
    """Logistic regression by gradient descent; the last coefficient is the bias."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ beta))
        beta -= rate * (xb.T @ (weights * (p - y)) / len(y) + l2 * beta)
    return beta


def main() -> int:
    from eval import stories as ev

    if not all(path.is_file() for path in ev.CORPORA.values()):
        print(f"eval.fit_story_days: skipped, no labelled data at {ev.DATA}", file=sys.stderr)
        return 1
    xs, ys, ws = [], [], []
    for name, path in ev.CORPORA.items():
        articles, gold, _ = ev.load(path)
        x, y = replay(ev.features_for(articles), gold)
        print(f"{name}: {len(y)} (article, candidate story) pairs, {y.mean():.3f} same story")
        xs.append(x), ys.append(y), ws.append(np.full(len(y), 1.0 / len(y)))
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    keep = [0, 1, 2, *range(4, 3 + len(BANDS))]  # gap 0 is the reference band
    beta = fit(x[:, keep], y, w / w.mean())
    names = ["cosine", "lexical", "names", *BANDS[1:], "bias"]
    for n, b in zip(names, beta):
        print(f"{n:>13}: {b:7.3f}   scaled {b / beta[0]:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
