"""Online story clustering: each new article joins a story, starts one, or bridges two.

Per new article (`StoryIndex.add`):
1. candidates: its nearest articles by vector (hnswlib HNSW), searched only in the
   time buckets within `window_days` of its date. One small index per bucket
   keeps the work per article flat as the store grows: a query never touches
   articles outside its window, and each bucket's HNSW search is logarithmic.
2. wording: the MinHash Jaccard with each candidate. A near-exact copy (wire
   reprint) gets `duplicate_of` the earliest such candidate, a heavy rewrite
   `derived_from` the closest one; either puts it in that article's story.
3. score each candidate story: centroid cosine + entity_weight * Jaccard(core
   name keys) + lexical_weight * TF-IDF cosine with the story's words (document
   frequencies counted online as articles arrive) - a weight per day apart: day_weight
   when a side is undated; between dated ones named_day_weight when the article names
   a day inside the story's date range (it looks back at the story's event),
   unnamed_day_weight when it names none (it reports something newer); a dated article
   inside a dated story's date range gains same_day_bonus instead.
4. a follow-up beyond the window (a trial months after the crime): a day the article
   names (`StoryFeatures.mentioned_days`) outside its window opens one more search,
   in that day's bucket, and a month it names with its year (`mentioned_months`) one
   in each of that month's buckets; a story whose date range meets that day or month
   is scored as if `recall_days` apart. At most MAX_MENTIONS days and MAX_MONTHS
   months are searched, so the work stays flat.
5. join the best story at or above `join_threshold`, else start a story; every
   other story at or above `merge_threshold` is merged into the oldest of them
   (any other story the article joins, when it and both stories are undated).

After a batch (`adopt_orphans`, which the store runs after each batch it stores and
`add_many` at its end): each one-article story that the batch's articles came near is
scored again against the stories around it, and those it names a day or month of, and
joins the best at join_threshold - orphan_margin; the story it joins keeps its id.

No database code: the store keeps (features, story id) rows and calls `rebuild`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from crosswire.stories.features import DIM, StoryFeatures, signature_jaccard
from crosswire.stories.terms import TermVector

__all__ = ["Assignment", "ClusterSettings", "StoryIndex", "arrival_order", "arrival_order_of"]


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Thresholds tuned on the AllSides and ECB+ dev data (python -m eval.stories; grid in the report).

    A story is scored as a whole (centroid cosine, core names, date range), so
    the thresholds are about stories, not article pairs.
    """

    window_days: int = 14  # coverage of one event rarely runs beyond two weeks; AllSides spans 0 days
    bucket_days: int = 7  # a query reads 3-4 weekly buckets: small indices, few of them
    neighbours: int = 24  # per bucket; a story's articles are the nearest vectors, 24 leaves room for crowds
    min_cosine: float = 0.30  # below this two leads are about different things whatever the names say
    # 0.15: names help (+0.01 to +0.03 B-cubed F1 on ECB+) but outlets name different people; 0.3 over-joins
    entity_weight: float = 0.15
    # 0.08 per day: AllSides has many different stories of the next day scoring above same-story pairs
    # (97.6% of articles have a same-story best match within the day, 87% within three days)
    day_weight: float = 0.12  # with the lexical term: 0.08 -> 0.12 is AllSides B-cubed F1 +0.012, ECB+ -0.005
    # Between a dated article and a dated story the weight depends on whether the article names one of the story's
    # days (StoryFeatures.mentioned_days inside its date range): a next-day report of the same event names the
    # event's day ("checked into rehab on Thursday": 52% of ECB+'s cross-day joins), a newer development on the
    # same subject mostly does not (12-22% of AllSides' wrong cross-day candidates). 0.12 for both before:
    # AllSides B-cubed F1 0.886 -> 0.894, ECB+ 0.899 -> 0.901; 0.20 for both: AllSides 0.896 but ECB+ 0.896.
    # Grid named 0.03-0.09 x unnamed 0.16-0.24: AllSides 0.886-0.897, ECB+ 0.896-0.901.
    named_day_weight: float = 0.06
    unnamed_day_weight: float = 0.20
    # A dated article inside a dated story's date range: one day's coverage of one subject is most often one story
    # (eval/fit_story_days.py puts the largest step of the day-gap bands between 0 and 1 day, -0.47 on the cosine
    # scale). AllSides B-cubed F1 0.894 -> 0.914 (P/R 0.918/0.871 -> 0.909/0.919); 0.05-0.25 all 0.904-0.916.
    # ECB+ 0.901 -> 0.901: its same-day articles already join, so only AllSides measures this (not tuned further).
    same_day_bonus: float = 0.10
    # bands (0, 1, 2-3, 4+ days) fitted on labelled pairs by eval/fit_story_days.py did not beat this line:
    # AllSides up to +0.03 only with ECB+ -0.04 (fitted undated penalty), +0.01 for ECB+ -0.003 and worse (dated only)
    undated_days: float = 3.0  # an article without a date counts as this many days from any dated story
    # an undated article and a story without dates: nothing says they are apart (3.0 -> 1.0: ECB+ recall up)
    both_undated_days: float = 1.0
    # an undated article with a day read from its text (StoryFeatures.inferred_date) against a dated story:
    # within inferred_near_days it is apart by that gap (at most undated_days); farther than
    # inferred_block_days (another year: ECB+'s older event) it cannot join. In between, plain undated.
    # Used as `published` it lowered ECB+ B-cubed F1 0.885 -> 0.873 (the named day is often not the story's);
    # as this flag: 0.885 -> 0.887, merged topics 3 -> 2, AllSides unchanged.
    inferred_near_days: int = 14
    inferred_block_days: int = 180
    # an undated article without an inferred date whose latest named year (StoryFeatures.latest_year) is this many
    # years or more before a dated story's first day cannot join it: ECB+ B-cubed P/R/F1 0.961/0.847/0.901 ->
    # 0.973/0.844/0.904, merged topics 2 -> 1 (the older event's undated articles name older years only);
    # 1, 2 and 3 years give the same; AllSides (all dated) unchanged
    older_years: int = 2
    # ...and one whose latest named year is a year of the dated story's range is as near to it as to an undated
    # story (both_undated_days, not undated_days): it names the story's year and nothing later. ECB+ B-cubed P/R/F1
    # 0.971/0.872/0.918 -> 0.976/0.876/0.923 (undated fragments of 2013 events had joined the 2008 twin's undated
    # story); as 0 days: 0.922, as 2 days: 0.920; AllSides (all dated) unchanged
    # TF-IDF cosine of the article's words with the story's (document frequencies counted online)
    # 1.0: ECB+ B-cubed F1 0.79 -> 0.88 (same-event pairs share rare words: names, places, objects);
    # 1.5 and 2.0 over-join AllSides' next-day stories on one topic
    lexical_weight: float = 1.0
    story_terms: int = 512  # a story keeps its heaviest terms: memory stays bounded for big stories
    # scores now add the lexical cosine (~0.3 same story, ~0.1 a similar event): 0.75 merges 9 ECB+ topics.
    # Strict, because an article that misses its story here is looked at again after its batch (orphan_margin),
    # when the story has its other reports in: 0.8 -> 0.9 (with orphan_margin 0.10 -> 0.25, so orphans still join
    # at 0.65) through ingest's features: AllSides B-cubed F1 0.928 -> 0.947 (P 0.894 -> 0.922), ECB+ 0.910 -> 0.914,
    # merged topics 1 -> 1; by halves AllSides early/late 0.934/0.925 -> 0.954/0.940, ECB+ train 0.905 -> 0.912,
    # ECB+ dev 0.933 -> 0.923 (a murder charge two days after the shooting starts a story of three). 1.0 loses ECB+
    # recall (0.82): next-day reports stay apart when they come together.
    join_threshold: float = 0.9
    merge_threshold: float = 1.2  # bridging needs strong evidence: 1.0 merges 7 ECB+ topics, 1.2 three
    # ...between dated stories. An undated article that joins two undated stories merges them: with no dates the
    # first articles of one event split into fragments more often (ECB's Paris heist: 11 + 4), and an article
    # that takes both is the only evidence there is. ECB+ B-cubed P/R/F1 0.973/0.844/0.904 -> 0.971/0.872/0.918,
    # merged topics 1 -> 1; at 0.85 / 0.9 / 1.0 instead of the join threshold: 0.915 / 0.912 / 0.906. The same for
    # dated stories (within a day of each other) at 0.85-1.0: AllSides 0.914 -> 0.910-0.911.
    # a story found through a day the article names beyond its window (see `_recalled`) counts as this many days
    # apart (ECB+ B-cubed F1 0.889 -> 0.899, six follow-ups joined; AllSides 0.886 -> 0.886, one wrong join;
    # 1.0 day: ECB+ 0.900, AllSides 0.885; 3.0: ECB+ 0.893); the named day may be `mention_tolerance` off its range
    recall_days: float = 2.0
    mention_tolerance: int = 1
    # A one-article story that later articles came near is scored again after each batch (`adopt_orphans`) and
    # joins its best story at join_threshold - orphan_margin: a story's first report met only the story's second
    # article when it came. AllSides B-cubed F1 0.914 -> 0.929, ECB+ 0.916 -> 0.926, merged topics 1 -> 1 (batches
    # of 64 as ingestion runs); 0.05 / 0.15: AllSides 0.926 / 0.932, ECB+ 0.924 / 0.928. With 30% of the gold stories
    # cut to one article, singletons kept alone: 144 of 158 without the pass, 135 at 0.10, 129 at 0.15, 97 at 0.30.
    # With join_threshold 0.9: 0.25 (orphans join at 0.65) keeps 143 of 193 such singletons alone (145 at 0.8 and
    # 0.10, the old pair); 0.30 keeps 133 for AllSides 0.949, ECB+ 0.914: +0.2 not worth 10 more singletons absorbed.
    orphan_margin: float = 0.25
    duplicate_jaccard: float = 0.80  # near-exact copy: a reprint with small edits
    derived_jaccard: float = 0.30  # heavy rewrite: a third of the 5-word runs kept


@dataclass(frozen=True, slots=True)
class Assignment:
    article_id: str
    story_id: str  # "s-" + the article_id of the story's first article; stable
    merged: tuple[str, ...] = ()  # story ids absorbed into story_id by this article
    duplicate_of: str | None = None  # article id of the earliest near-exact copy
    derived_from: tuple[str, float] | None = None  # (article id, Jaccard) of a heavily rewritten original


def _day(published: dt.date | None) -> int | None:
    return None if published is None else published.toordinal()


def _month_end(first: dt.date) -> dt.date:
    """The last day of `first`'s month, as analyze.times.values._month_end (not imported: no analysis code here)."""
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


# How typical an article is of its day: the mean cosine of its ORDER_NEIGHBOURS nearest that day, among at most
# ORDER_SAMPLE of the day's articles (a spread sample: the cost stays linear in a day of any size).
ORDER_NEIGHBOURS = 5
ORDER_SAMPLE = 1024


def arrival_order(days: Sequence[dt.date | None], vectors: np.ndarray, ids: Sequence[str]) -> list[int]:
    """The order to cluster a run's articles in: by date (undated last), and within a day the least typical first.

    An article with many close neighbours that day sits among several stories on one subject (the
    day's Afghanistan coverage); coming first it would start a story at the crowd's centre, which
    then takes in reports of the other stories. Coming after the more distinctive reports have
    started their stories, it joins the one it is nearest. Through ingest's features: AllSides
    B-cubed F1 0.947 -> 0.951, ECB+ 0.926 -> 0.924 (file order, which lists each event's documents
    together, flatters ECB+: five random orders gave 0.904-0.912 and 2-3 merged topics), merged
    topics 1; halves AllSides early/late 0.954/0.940 -> 0.962/0.940, ECB+ train/dev 0.911/0.927 ->
    0.908/0.937; 2 to 7 neighbours all AllSides 0.948-0.951, ECB+ 0.922-0.927. The most typical first
    instead: AllSides 0.944, ECB+ 0.914, 2 topics merged. Ties go by article id, so the same articles
    make the same stories in whatever order the files came.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    groups: dict[dt.date | None, list[int]] = {}
    for k, day in enumerate(days):
        groups.setdefault(day, []).append(k)
    order: list[int] = []
    for day in sorted(groups, key=lambda d: (d is None, d or dt.date.min)):
        members = sorted(groups[day], key=lambda k: ids[k])  # by id first: a big day's sample is the same in any order
        typical = _typicality(vectors[members]) if len(members) > 2 else [0.0] * len(members)
        order.extend(k for _, _, k in sorted(zip(typical, (ids[k] for k in members), members)))
    return order


def arrival_order_of(features: Sequence[StoryFeatures]) -> list[int]:
    """`arrival_order` of features already in memory (the store reads only dates and vectors)."""
    if not features:
        return []
    vectors = np.stack([np.asarray(f.vector, dtype=np.float32) for f in features])
    return arrival_order([f.published for f in features], vectors, [f.article_id for f in features])


def _typicality(vectors: np.ndarray) -> list[float]:
    """Mean cosine of each vector with its ORDER_NEIGHBOURS nearest among (a spread sample of) the others."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.maximum(norms, 1e-12)
    sample = np.linspace(0, len(unit) - 1, min(len(unit), ORDER_SAMPLE)).round().astype(int)
    out = np.empty(len(unit), dtype=np.float64)
    for start in range(0, len(unit), 512):
        cos = unit[start : start + 512] @ unit[sample].T
        cos[np.arange(len(cos))[:, None] + start == sample[None, :]] = -np.inf  # not itself
        k = min(ORDER_NEIGHBOURS, len(sample) - 1)
        out[start : start + 512] = np.sort(np.partition(cos, -k, axis=1)[:, -k:], axis=1).mean(axis=1)
    return out.round(6).tolist()  # rounded: the order must not hang on the last bits of a float sum


class StoryIndex:
    """Stories of the articles added so far; articles are numbered in the order added."""

    def __init__(self, *, settings: ClusterSettings | None = None):
        self.settings = settings or ClusterSettings()
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._days: list[int | None] = []
        self._entities: list[frozenset[str]] = []
        self._signatures: list[np.ndarray] = []
        self._story: list[int] = []  # article -> the story root it joined (follow _parent)
        self._parent: dict[int, int] = {}  # story root -> the root it was merged into
        self._members: dict[int, list[int]] = {}  # live story root -> articles
        self._names: dict[int, str] = {}  # story root -> story id
        self._story_roots: dict[str, int] = {}  # story id -> the root it started as (follow _parent)
        self._sums: dict[int, np.ndarray] = {}  # story root -> sum of its vectors (the centroid's direction)
        self._names_seen: dict[int, Counter] = {}  # story root -> name key -> articles naming it
        self._spans: dict[int, tuple[int | None, int | None]] = {}  # story root -> first and last day
        self._buckets: dict[int | None, _Bucket] = {}  # bucket number (None: undated) -> its HNSW index
        self._df: dict[int, int] = {}  # hashed term -> articles using it (online document frequency)
        self._terms: dict[int, TermVector] = {}  # story root -> sum of its articles' TF-IDF unit vectors
        # story root of a one-article story -> that article's features and TF-IDF vector (see orphan_margin)
        self._orphans: dict[int, tuple[StoryFeatures, TermVector]] = {}
        self._near_news: set[int] = set()  # orphan roots among the neighbours of articles added since adopt_orphans

    # -- public API

    def add(self, features: StoryFeatures) -> Assignment:
        """Place one article; adding an article id already placed returns its story, unchanged."""
        if features.article_id in self._pos:
            return Assignment(features.article_id, self.story_of(features.article_id))
        day = _day(features.published)
        cands, cosines = self._candidates(features.vector, day)
        duplicate_of, derived_from, forced = self._wording(features.signature, cands)
        lexical = self._tfidf(features)
        scores = self._story_scores(features, day, cands, cosines, forced, lexical)
        for root, score in self._recalled(features, day, lexical).items():
            scores[root] = max(score, scores.get(root, -np.inf))
        s = self.settings
        joined = [root for root, score in scores.items() if score >= s.join_threshold]
        i = self._append(features, day)
        if not joined:
            root = self._new_story(i, "s-" + features.article_id)
            merged: list[int] = []
        else:
            best = max(joined, key=lambda r: (scores[r], -r))
            bridged = [r for r in joined if r != best and (scores[r] >= s.merge_threshold or self._undated(day, best, r))]
            root = min([best, *bridged])  # the oldest story keeps its id
            merged = [r for r in [best, *bridged] if r != root]
            for r in merged:
                self._merge(r, root)
        self._join(root, i, features, day, lexical)
        self._near_news.update(r for r in (self._find(self._story[c]) for c in cands.tolist()) if r in self._orphans)
        self._near_news.add(root)
        return Assignment(
            features.article_id,
            self._names[root],
            merged=tuple(self._names[r] for r in sorted(merged)),
            duplicate_of=duplicate_of,
            derived_from=derived_from,
        )

    def add_many(self, features: list[StoryFeatures]) -> list[Assignment]:
        """`add` for each in `arrival_order` (by date, undated last), then `adopt_orphans`; assignments come back
        in input order (an adopted orphan's story is then `story_of`, not its Assignment's)."""
        out: list[Assignment | None] = [None] * len(features)
        for k in arrival_order_of(features):
            out[k] = self.add(features[k])
        self.adopt_orphans()
        return out  # type: ignore[return-value]

    def adopt_orphans(self) -> list[tuple[str, str]]:
        """Join each one-article story that articles added since the last call came near (or started) to the best
        story it now fits, at join_threshold - orphan_margin: (absorbed story id, story id kept) for each.

        Its article met only the first reports of its story when it came; with the later ones in, the
        story's centroid, names and words fit it better. The story joined keeps its id. Only orphans among
        the new articles' neighbours are searched again, so the work follows the batch, not the store.
        """
        s = self.settings
        found = []
        near, self._near_news = sorted(self._near_news), set()
        for root in near:
            if root not in self._orphans:  # joined meanwhile, or the first orphan joined it
                continue
            f, lexical = self._orphans[root]
            day = _day(f.published)
            cands, cosines = self._candidates(f.vector, day)
            own = np.array([self._find(self._story[c]) != root for c in cands.tolist()], dtype=bool)
            scores = self._story_scores(f, day, cands[own], cosines[own], [], lexical)
            for other, score in self._recalled(f, day, lexical).items():  # the story a follow-up names
                if other != root:
                    scores[other] = max(score, scores.get(other, -np.inf))
            if not scores:
                continue
            best = max(scores, key=lambda r: (scores[r], -r))
            if scores[best] >= s.join_threshold - s.orphan_margin:
                found.append((self._names[root], self._names[best]))
                self._merge(root, best)
        return found

    def story_of(self, article_id: str) -> str:
        return self._names[self._find(self._story[self._pos[article_id]])]

    def similarity(self, features: StoryFeatures, article_id: str) -> float:
        """How alike an article's content is to the story an article already placed is in, days left out:
        centroid cosine + weighted core names + weighted TF-IDF cosine, the terms `add` scores a story by.

        The article is not added, nor its words counted. For judging the score against people's ratings
        (eval.similarity) and for telling why two articles share a story or do not.
        """
        root = self._find(self._story[self._pos[article_id]])
        return self._score(features, root, self._tfidf(features, count=False), 0.0)

    def story_similarity(self, story_a: str, story_b: str) -> tuple[float, float | None]:
        """How alike two stories are as wholes, and how many days apart their date ranges are (None when
        either has no date): centroid cosine + weighted Jaccard of their core names + weighted cosine of
        their words, the terms `add` scores an article against a story by, days left out.

        For judging whether such scores could tell fragments of one story from different stories
        (eval.stories --pairs). A story merged into another is that other one.
        """
        s = self.settings
        a, b = self._find(self._story_roots[story_a]), self._find(self._story_roots[story_b])
        sum_a, sum_b = self._sums[a], self._sums[b]
        cos = float(sum_a @ sum_b) / max(float(np.linalg.norm(sum_a) * np.linalg.norm(sum_b)), 1e-12)
        core_a, core_b = self._core_names(a), self._core_names(b)
        names = len(core_a & core_b) / len(core_a | core_b) if core_a | core_b else 0.0
        terms_a, terms_b = self._terms[a], self._terms[b]
        words = terms_a.dot(terms_b) / math.sqrt(terms_a.sq * terms_b.sq) if terms_a.sq > 0 and terms_b.sq > 0 else 0.0
        (first_a, last_a), (first_b, last_b) = self._spans[a], self._spans[b]
        apart = None if first_a is None or first_b is None else float(max(first_a - last_b, first_b - last_a, 0))
        return cos + s.entity_weight * names + s.lexical_weight * words, apart

    def stories(self) -> dict[str, list[str]]:
        return {self._names[root]: [self._ids[i] for i in members] for root, members in self._members.items()}

    def __len__(self) -> int:
        return len(self._ids)

    @classmethod
    def rebuild(cls, items: Iterable[tuple[StoryFeatures, str]], settings: ClusterSettings | None = None) -> StoryIndex:
        """An index from stored (features, story id) pairs, in the order they were added, without reclustering."""
        index = cls(settings=settings)
        roots: dict[str, int] = {}
        for features, story_id in items:
            if features.article_id in index._pos:
                continue
            lexical = index._tfidf(features)
            i = index._append(features, _day(features.published))
            root = roots.get(story_id)
            if root is None:
                root = roots[story_id] = index._new_story(i, story_id)
            index._join(root, i, features, _day(features.published), lexical)
        return index

    # -- internals

    def _append(self, f: StoryFeatures, day: int | None) -> int:
        i = len(self._ids)
        self._ids.append(f.article_id)
        self._pos[f.article_id] = i
        self._days.append(day)
        self._entities.append(f.entities)
        self._signatures.append(np.asarray(f.signature))
        self._bucket(None if day is None else day // self.settings.bucket_days).add(
            i, np.asarray(f.vector, dtype=np.float32)
        )
        return i

    def _new_story(self, i: int, story_id: str) -> int:
        self._parent[i] = i
        self._members[i] = []
        self._names[i] = story_id
        self._story_roots[story_id] = i
        self._sums[i] = np.zeros(DIM, dtype=np.float64)
        self._names_seen[i] = Counter()
        self._spans[i] = (None, None)
        self._terms[i] = TermVector()
        return i

    def _tfidf(self, f: StoryFeatures, count: bool = True) -> TermVector:
        """Count the article's terms into the document frequencies; its TF-IDF unit vector (sublinear tf)."""
        df = self._df
        terms = f.terms.tolist()
        if count:
            for t in terms:
                df[t] = df.get(t, 0) + 1
        n = len(self._ids) + count  # with count=False the frequencies stay those of the articles placed
        weights = np.array([(1.0 + math.log(c)) * math.log((n + 1) / (df.get(t, 0) + 0.5))
                            for t, c in zip(terms, f.counts.tolist())], dtype=np.float64)  # fmt: skip
        norm = math.sqrt(float(weights @ weights)) if len(weights) else 0.0
        return TermVector.of(terms, weights / norm) if norm > 0 else TermVector()

    def _lexical(self, lexical: TermVector, root: int) -> float:
        """Cosine of an article's TF-IDF vector with the story's summed vector."""
        story = self._terms[root]
        if not lexical or story.sq <= 0:
            return 0.0
        return story.dot(lexical) / math.sqrt(story.sq)

    def _add_terms(self, root: int, lexical: TermVector) -> None:
        self._terms[root] = self._terms[root].plus(lexical, self.settings.story_terms)

    def _join(self, root: int, i: int, f: StoryFeatures, day: int | None, lexical: TermVector | None = None) -> None:
        if not self._members[root]:
            self._orphans[root] = (f, lexical or TermVector())
        else:
            self._orphans.pop(root, None)
        if lexical:
            self._add_terms(root, lexical)
        self._story.append(root)
        self._members[root].append(i)
        self._sums[root] += f.vector
        self._names_seen[root].update(f.entities)
        if day is not None:
            first, last = self._spans[root]
            self._spans[root] = (day if first is None else min(first, day), day if last is None else max(last, day))

    def _bucket(self, key: int | None) -> _Bucket:
        index = self._buckets.get(key)
        if index is None:
            index = self._buckets[key] = _Bucket()
        return index

    def _candidates(self, vector: np.ndarray, day: int | None) -> tuple[np.ndarray, np.ndarray]:
        """Nearest articles within the time window (any date for an undated article), and their cosines."""
        s = self.settings
        if day is None:  # rare in practice (ingest finds a date almost always): all buckets
            keys = list(self._buckets)
        else:
            lo, hi = (day - s.window_days) // s.bucket_days, (day + s.window_days) // s.bucket_days
            keys = [k for k in range(lo, hi + 1) if k in self._buckets] + ([None] if None in self._buckets else [])
        found, cosines = [], []
        vector = np.asarray(vector, dtype=np.float32)
        for key in keys:
            index = self._buckets[key]
            if len(index) == 0:
                continue
            keys_found, cos = index.search(vector, s.neighbours)
            found.append(keys_found)
            cosines.append(cos)
        if not found:
            return np.zeros(0, np.int64), np.zeros(0)
        cands, cos = np.concatenate(found), np.concatenate(cosines)
        keep = cos >= s.min_cosine
        if day is not None:
            keep &= np.array([d is None or abs(d - day) <= s.window_days for d in (self._days[c] for c in cands)])
        return cands[keep], cos[keep]

    def _wording(self, signature: np.ndarray, cands: np.ndarray):
        """duplicate_of, derived_from and the articles whose story the wording decides."""
        if len(cands) == 0:
            return None, None, []
        jac = signature_jaccard(np.asarray(signature), np.stack([self._signatures[c] for c in cands]))
        s = self.settings
        copies = [int(c) for c, j in zip(cands, jac) if j >= s.duplicate_jaccard]
        if copies:
            earliest = min(copies)
            return self._ids[earliest], None, [earliest]
        k = int(np.argmax(jac))
        if jac[k] >= s.derived_jaccard:
            return None, (self._ids[int(cands[k])], round(float(jac[k]), 3)), [int(cands[k])]
        return None, None, []

    def _story_scores(self, f, day, cands, cosines, forced, lexical) -> dict[int, float]:
        """Score each story among the candidates' against the story as a whole, not its nearest article.

        Scoring against the centroid, the names most of its articles share and
        its date range stops chaining: one article that reads like a similar
        event cannot pull a new article across into it.
        """
        roots = {self._find(self._story[c]) for c in cands.tolist()}
        scores: dict[int, float] = {}
        inferred = _day(f.inferred_date) if day is None else None
        named = {d.toordinal() for d in f.mentioned_days}
        for root in roots:
            apart = self._apart(day, root, inferred, f.latest_year)
            if apart is not None:
                scores[root] = self._score(f, root, lexical, self._day_penalty(day, root, apart, named))
        for c in forced:  # a copy or rewrite belongs to its original's story
            scores[self._find(self._story[c])] = np.inf
        return scores

    def _undated(self, day: int | None, *roots: int) -> bool:
        """An undated article and stories without dates: nothing tells fragments of one event apart by time."""
        return day is None and all(self._spans[r][0] is None for r in roots)

    def _recalled(self, f: StoryFeatures, day: int | None, lexical: TermVector) -> dict[int, float]:
        """Stories beyond the window that the article names a day or a month of, scored `recall_days` apart.

        A follow-up months later (the trial of a crime, a death years after the
        scandal) names the day of the event it follows ("the Sept. 10, 2010
        shooting") or its month ("killed in October 2011"): that day's bucket,
        or the month's, is searched and a story whose date range holds the day
        (overlaps the month) is scored as a story `recall_days` away. A later
        story on the same subject that names no day or month of the earlier one
        stays apart.
        """
        s = self.settings
        if day is None or not (f.mentioned_days or f.mentioned_months):
            return {}
        tol, weeks = s.mention_tolerance, s.bucket_days
        searches = [(named - tol, named + tol, [named // weeks]) for named in {d.toordinal() for d in f.mentioned_days}
                    if abs(named - day) > s.window_days]  # fmt: skip
        for month in f.mentioned_months:
            lo, hi = month.toordinal(), _month_end(month).toordinal()
            if max(abs(lo - day), abs(hi - day)) > s.window_days:
                searches.append((lo, hi, range(lo // weeks, hi // weeks + 1)))
        vector = np.asarray(f.vector, dtype=np.float32)
        scores: dict[int, float] = {}
        for lo, hi, buckets in searches:
            for root in self._stories_within(vector, lo, hi, buckets):
                first, last = self._spans[root]
                apart = min(float(max(first - day, day - last, 0)), s.recall_days)
                score = self._score(f, root, lexical, s.day_weight * apart)
                scores[root] = max(score, scores.get(root, -np.inf))
        return scores

    def _stories_within(self, vector: np.ndarray, lo: int, hi: int, buckets: Iterable[int]) -> set[int]:
        """Stories whose date range meets the days lo..hi, among the nearest articles of those days in `buckets`."""
        s = self.settings
        roots = set()
        for key in buckets:
            index = self._buckets.get(key)
            if index is None or len(index) == 0:
                continue
            keys, cosines = index.search(vector, s.neighbours)
            roots |= {self._find(self._story[k]) for k, c in zip(keys.tolist(), cosines.tolist())
                      if c >= s.min_cosine and self._days[k] is not None and lo <= self._days[k] <= hi}  # fmt: skip
        return {r for r in roots if self._spans[r][0] <= hi and self._spans[r][1] >= lo}

    def _day_penalty(self, day: int | None, root: int, apart: float, named: set[int]) -> float:
        """The score lost for `apart` days; between dated sides lower when the article names a day of the story's."""
        s = self.settings
        first, last = self._spans[root]
        if day is None or first is None:
            return s.day_weight * apart
        if apart == 0:
            return -s.same_day_bonus
        return apart * (s.named_day_weight if any(first <= d <= last for d in named) else s.unnamed_day_weight)

    def _score(self, f: StoryFeatures, root: int, lexical: TermVector, penalty: float) -> float:
        """Centroid cosine + weighted core-name overlap + weighted TF-IDF cosine - the penalty for days apart."""
        s = self.settings
        total = self._sums[root]
        cos = float(np.asarray(f.vector, dtype=np.float64) @ total) / max(float(np.linalg.norm(total)), 1e-12)
        return (cos + s.entity_weight * self._entity_overlap(f.entities, root)
                + s.lexical_weight * self._lexical(lexical, root) - penalty)

    def _entity_overlap(self, entities: frozenset[str], root: int) -> float:
        """Jaccard with the names a third or more of the story's articles use (its core cast and places)."""
        core = self._core_names(root)
        union = len(entities | core)
        return len(entities & core) / union if union else 0.0

    def _core_names(self, root: int) -> set[str]:
        """The name keys a third or more of the story's articles use."""
        floor = len(self._members[root]) / 3
        return {name for name, n in self._names_seen[root].items() if n >= floor}

    def _apart(self, day: int | None, root: int, inferred: int | None = None,
               latest_year: int | None = None) -> float | None:  # fmt: skip
        """Days between an article and a story's date range; None when the article's dates rule the story out."""
        s = self.settings
        first, last = self._spans[root]
        if day is None and inferred is None and latest_year is not None and first is not None:
            first_year, last_year = dt.date.fromordinal(first).year, dt.date.fromordinal(last).year
            if first_year - latest_year >= s.older_years:
                return None
            if first_year <= latest_year <= last_year:  # it names the story's years and nothing later
                return s.both_undated_days
        if day is None and inferred is not None and first is not None:
            gap = max(first - inferred, inferred - last, 0)
            if gap > s.inferred_block_days:
                return None
            if gap <= s.inferred_near_days:
                return float(min(gap, s.undated_days))
        if day is None and first is None:
            return s.both_undated_days
        if day is None or first is None:
            return s.undated_days
        return float(max(first - day, day - last, 0))

    def _find(self, root: int) -> int:
        path = []
        while self._parent[root] != root:
            path.append(root)
            root = self._parent[root]
        for r in path:
            self._parent[r] = root
        return root

    def _merge(self, absorbed: int, into: int) -> None:
        self._orphans.pop(absorbed, None)
        self._orphans.pop(into, None)
        self._parent[absorbed] = into
        self._members[into].extend(self._members.pop(absorbed))
        self._members[into].sort()
        self._sums[into] += self._sums.pop(absorbed)
        self._names_seen[into].update(self._names_seen.pop(absorbed))
        self._add_terms(into, self._terms.pop(absorbed))
        spans = [d for d in (*self._spans.pop(absorbed), *self._spans[into]) if d is not None]
        self._spans[into] = (min(spans), max(spans)) if spans else (None, None)


class _Bucket:
    """One time bucket's vectors: searched exactly while small, through an HNSW index (hnswlib, cosine) once large.

    An hnswlib index costs 2.6 MB before its first element (65,536 label locks), and a stream with
    old articles has many weeks holding a handful: one index per bucket made the story index 55 KB
    an article. Up to EXACT_UP_TO vectors a matrix product is as fast as HNSW and exact.
    """

    EXACT_UP_TO = 512

    def __init__(self) -> None:
        self._vectors = np.zeros((16, DIM), dtype=np.float32)  # unit vectors, grown by doubling
        self._keys = np.zeros(16, dtype=np.int64)
        self._index = None
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, key: int, vector: np.ndarray) -> None:
        if self._index is not None:
            if self._size == self._index.get_max_elements():
                self._index.resize_index(2 * self._size)
            self._index.add_items(vector[None, :], np.array([key]))
            self._size += 1
            return
        if self._size == len(self._keys):
            self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
            self._keys = np.concatenate([self._keys, np.zeros_like(self._keys)])
        norm = float(np.linalg.norm(vector))
        self._vectors[self._size] = vector / norm if norm > 0 else vector
        self._keys[self._size] = key
        self._size += 1
        if self._size > self.EXACT_UP_TO:
            self._build_index()

    def _build_index(self) -> None:
        import hnswlib  # the one place hnswlib is imported

        index = hnswlib.Index(space="cosine", dim=DIM)
        # M=16, ef=64: recall of the true 24 nearest ~0.99 on MiniLM news vectors at 30k per bucket
        index.init_index(max_elements=2 * self._size, ef_construction=64, M=16, random_seed=1)
        index.set_ef(64)
        index.set_num_threads(1)  # one vector at a time: threads only add overhead
        index.add_items(self._vectors[: self._size], self._keys[: self._size])
        self._index, self._vectors, self._keys = index, None, None

    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Keys of the k nearest and their cosines, nearest first."""
        k = min(k, self._size)
        if k == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        if self._index is not None:
            labels, distances = self._index.knn_query(vector[None, :], k=k)
            return labels[0].astype(np.int64), 1.0 - distances[0].astype(np.float64)
        norm = float(np.linalg.norm(vector))
        cosines = self._vectors[: self._size] @ (vector / norm if norm > 0 else vector).astype(np.float32)
        top = np.argpartition(-cosines, k - 1)[:k] if k < self._size else np.arange(self._size)
        top = top[np.argsort(-cosines[top], kind="stable")]
        return self._keys[top].copy(), cosines[top].astype(np.float64)
