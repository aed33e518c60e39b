"""What story clustering needs from one article, computed once and stored.

`StoryFeatures` holds a sentence vector of the title and lead (what the story is
about), the names in them (who and where: two earthquakes differ by place), the
publication date (stories are local in time) and a MinHash signature of the
clean text's word 5-shingles (how much wording it shares with another article:
wire reprints and rewrites).

MinHash is our own, in numpy, rather than datasketch: one vectorised
multiply-shift over all shingles at once is ~20x faster than hashing shingle by
shingle in Python, the signature is a plain uint32 array that stores as bytes,
and no LSH table is needed because candidates come from the vector index (a
copy shares its lead, so it is always among the nearest vectors; see cluster.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from dataclasses import dataclass, field

import numpy as np

from crosswire.align.people import name_key
from crosswire.model import Analysis, Article

__all__ = ["DIM", "LEAD_WORDS", "NUM_PERM", "StoryFeatures", "features_from_row", "features_to_row",
           "infer_date", "latest_year", "lead_text", "mentioned_days", "mentioned_months", "minhash",
           "signature_jaccard", "story_features", "cheap_entities", "term_counts"]

DIM = 384
#: The lead: the first ~60 words, where a news story says what happened, to whom, where.
LEAD_WORDS = 60
#: 128 permutations: Jaccard estimated within about +-0.04 (1/sqrt(128) * sqrt(J(1-J))).
NUM_PERM = 128
SHINGLE = 5
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"})
#: Words of the text read for the lexical (TF-IDF) signal: the opening paragraphs carry the event.
TERM_WORDS = 400
#: At most this many days named in an article's text are kept (the first ones): bounded work per article.
MAX_MENTIONS = 8
#: ...and this many months named with their year: a month is searched in each of its 5-6 weekly buckets.
MAX_MONTHS = 2
_NO_TERMS = np.zeros(0, dtype=np.uint32)
_NO_COUNTS = np.zeros(0, dtype=np.uint16)

_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20251025)  # fixed: signatures are stored and must be comparable across runs
_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1))  # odd multipliers
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_EMPTY = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    article_id: str
    published: dt.date | None
    vector: np.ndarray  # float32 (DIM,), L2-normalised embedding of title + lead
    entities: frozenset[str]  # name keys of PERSON/ORG/GPE/LOC/NORP/EVENT in title + lead
    signature: np.ndarray  # uint32 (NUM_PERM,) MinHash of word 5-shingles of the clean text
    # hashed words (crc32) of title + text and their counts: the lexical signal, weighted by TF-IDF in the index
    terms: np.ndarray = field(default_factory=lambda: _NO_TERMS)  # uint32, sorted, unique
    counts: np.ndarray = field(default_factory=lambda: _NO_COUNTS)  # uint16, one per term
    # an undated article's day read from its lead ("March 3, 2008"): flagged as inferred, never `published`,
    # because a date the text names is often not the day of the story (an anniversary, an earlier event)
    inferred_date: dt.date | None = None
    # days other than its own that a dated article names in its title and opening (TERM_WORDS), resolved against
    # its date ("on Sept. 10, 2010", "last Tuesday"): a follow-up names the day of the event it follows up
    mentioned_days: tuple[dt.date, ...] = ()
    # months other than its own that it names with their year ("shot in October 2011"), as each month's first day:
    # a trial or verdict a year on names the month of the crime more often than its day
    mentioned_months: tuple[dt.date, ...] = ()
    # an undated article's latest year named in its title and opening (any four digits 1900-2099): news of
    # the day names its own year or none, so a story two years later than every year it names is not its story
    latest_year: int | None = None


def lead_text(article: Article) -> str:
    """Title and the first LEAD_WORDS words; the title is not repeated when the text opens with it."""
    words = article.text.split()
    lead = " ".join(words[:LEAD_WORDS])
    title = article.title.strip()
    if not title or article.text.lstrip().startswith(title):
        return lead
    return f"{title}. {lead}"


_UPPER = re.compile(r"\b[A-Z]{3,}\b")


def infer_date(article: Article) -> dt.date | None:
    """The first full calendar day (with its year) named in the lead of an undated article, else None.

    Only days with an explicit year count: without a publication date a bare
    "Tuesday" or "March 3" cannot be placed, and a year alone is most often
    history ("the 1967 war"), not the story's date. Words in capitals are read
    as capitalised words first: datelines are often set in capitals ("TUESDAY,
    OCTOBER 11, 2011"), which the time grammar does not take for a date.
    """
    from crosswire.analyze.times import find_times

    lead = _UPPER.sub(lambda m: m.group().capitalize(), lead_text(article))
    for t in find_times(lead, None):
        if t.granularity == "day" and t.begin is not None and t.begin.year >= 1900:
            return t.begin
    return None


def mentioned_days(article: Article) -> tuple[dt.date, ...]:
    """Days other than its publication day named in a dated article's title and opening, in text order.

    Only whole days: a month or year named in passing does not point at one
    event. An undated article has none (a day named in its lead is its
    `inferred_date`).
    """
    return _mentions(article)[0]


def mentioned_months(article: Article) -> tuple[dt.date, ...]:
    """Months other than its own that a dated article's title and opening name with their year ("in October
    2011"), as each month's first day, in text order. A month without its year ("in May") is most often this
    year's recent past, which the story window already covers."""
    return _mentions(article)[1]


def _mentions(article: Article) -> tuple[tuple[dt.date, ...], tuple[dt.date, ...]]:
    """`mentioned_days` and `mentioned_months` from one reading of the opening's time expressions."""
    if article.published is None:
        return (), ()
    own_month = article.published.replace(day=1)
    days: dict[dt.date, None] = {}
    months: dict[dt.date, None] = {}
    for t in _opening_times(article):
        if t.begin is None or t.begin.year < 1900:
            continue
        if t.granularity == "day" and t.begin != article.published:
            days[t.begin] = None
        elif t.granularity == "month" and _YEAR.search(t.text) and t.begin.replace(day=1) != own_month:
            months[t.begin.replace(day=1)] = None
    return tuple(days)[:MAX_MENTIONS], tuple(months)[:MAX_MONTHS]


def opening_text(article: Article) -> str:
    """The title and the first TERM_WORDS words: where the event is told (terms, named days, years)."""
    return f"{article.title}\n" + " ".join(article.text.split()[:TERM_WORDS])


def _opening_times(article: Article) -> list:
    """Time expressions of the title and opening TERM_WORDS words, read against the article's date if any."""
    from crosswire.analyze.times import find_times

    try:
        return find_times(opening_text(article), article.published)
    except Exception:  # noqa: BLE001 - a sentence the time grammar cannot read names no day for clustering
        return []


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def latest_year(article: Article) -> int | None:
    """The latest year (1900-2099) an undated article's title and opening name, as written ("the 2005-06 season")."""
    if article.published is None:
        return max(map(int, _YEAR.findall(opening_text(article))), default=None)
    return None


def _lead_end(text: str) -> int:
    """Character offset where the lead of `text` ends.

    1.5 x LEAD_WORDS: an analysis may be of `lead_text` (title + lead), whose
    title takes up to ~30 of the words.
    """
    n = LEAD_WORDS * 3 // 2
    matches = list(re.finditer(r"\S+", text[: n * 30]))[:n]
    return matches[-1].end() if matches else 0


def minhash(text: str) -> np.ndarray:
    """MinHash signature of the word 5-shingles of `text` (case-folded)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return _EMPTY.copy()
    ids = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    n = max(1, len(ids) - SHINGLE + 1)
    shingles = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # uint64 wrap-around is the hash
        for k in range(min(SHINGLE, len(ids))):
            shingles = shingles * np.uint64(0x100000001B3) + ids[k : k + n]
        hashed = shingles[:, None] * _A[None, :] + _B[None, :]
    return (hashed.min(axis=0) >> np.uint64(32)).astype(np.uint32)


def signature_jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray | float:
    """Estimated Jaccard of the shingle sets; `b` may be a stack of signatures (k, NUM_PERM)."""
    return (np.asarray(b) == a).mean(axis=-1)


_TERM = re.compile(r"[^\W\d_]{2,}|\d+(?:[.,]\d+)*")
# Function words carry no story; everything else is left to IDF.
_STOP = frozenset(
    "the a an and or but of to in on at for by with from as is was are were be been being it its this that these "
    "those he she they we you his her their our them him who whom which what when where while after before over "
    "into about than then also has have had not no will would can could said says say told more most one two".split()
)


def term_counts(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed words of `text` (case-folded, function words dropped) and their counts, sorted by hash."""
    words = [w for w in _TERM.findall(text.casefold()) if w not in _STOP]
    if not words:
        return _NO_TERMS.copy(), _NO_COUNTS.copy()
    ids = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint32, count=len(words))
    terms, counts = np.unique(ids, return_counts=True)
    return terms, np.minimum(counts, 65535).astype(np.uint16)


# A capitalised word that is not a name when it opens a sentence or stands alone.
_COMMON = set(
    "a an the this that these those he she it they we i you his her its their our my there here "
    "in on at for of by to from with after before as but and or if when while said says monday tuesday "
    "wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december mr mrs ms dr new".split()
)
_CAPS = re.compile(r"\b[A-Z][\w'’.\-]*(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w'’.\-]*)*")


def cheap_entities(text: str) -> frozenset[str]:
    """Name keys of capitalised phrases: the no-model fallback for entities.

    Headlines in Title Case make every word look like a name, so a title is
    only read this way when fewer than half its words are capitalised.
    """
    keys = set()
    for match in _CAPS.finditer(text):
        words = [w for w in match.group().split() if w.casefold().strip(".'’") not in _COMMON]
        if words and (key := name_key(" ".join(words))) and len(key) > 1:
            keys.add(key)
    return frozenset(keys)


def _title_entities(title: str) -> frozenset[str]:
    words = title.split()
    if not words or sum(w[:1].isupper() for w in words) * 2 >= len(words):
        return frozenset()
    return cheap_entities(title)


def _analysis_entities(analysis: Analysis) -> frozenset[str]:
    end = _lead_end(analysis.text)
    return frozenset(
        key for e in analysis.entities if e.label in ENTITY_LABELS and e.start < end and (key := name_key(e.name))
    )


def story_features(articles: list[Article], analyses: list[Analysis] | None, embedder) -> list[StoryFeatures]:
    """Features of many articles: one batched `embedder.encode` call for all leads.

    `analyses[i]` (of `articles[i].text`, or of its lead) gives the entities;
    without analyses they come from `cheap_entities` over the lead.
    """
    if analyses is not None and len(analyses) != len(articles):
        raise ValueError(f"{len(articles)} articles but {len(analyses)} analyses")
    leads = [lead_text(a) for a in articles]
    vectors = embedder.encode(leads) if articles else np.zeros((0, DIM), np.float32)
    out = []
    for i, article in enumerate(articles):
        if analyses is not None:
            entities = _analysis_entities(analyses[i]) | _title_entities(article.title)
        else:
            entities = cheap_entities(" ".join(article.text.split()[:LEAD_WORDS])) | _title_entities(article.title)
        terms, counts = term_counts(opening_text(article))
        days, months = _mentions(article)
        out.append(
            StoryFeatures(
                article_id=article.id,
                published=article.published,
                vector=np.ascontiguousarray(vectors[i], dtype=np.float32),
                entities=entities,
                signature=minhash(article.text),
                terms=terms,
                counts=counts,
                inferred_date=None if article.published is not None else infer_date(article),
                mentioned_days=days,
                mentioned_months=months,
                latest_year=latest_year(article),
            )
        )
    return out


def features_to_row(f: StoryFeatures) -> dict:
    """Plain types for storage: ISO date, bytes for the arrays, a sorted list of name keys."""
    return {
        "article_id": f.article_id,
        "published": f.published.isoformat() if f.published else None,
        "vector": np.asarray(f.vector, dtype=np.float32).tobytes(),
        "entities": sorted(f.entities),
        "signature": np.asarray(f.signature, dtype=np.uint32).tobytes(),
        "terms": np.asarray(f.terms, dtype=np.uint32).tobytes(),
        "counts": np.asarray(f.counts, dtype=np.uint16).tobytes(),
        "inferred_date": f.inferred_date.isoformat() if f.inferred_date else None,
        "mentioned_days": [d.isoformat() for d in f.mentioned_days],
        "mentioned_months": [d.isoformat() for d in f.mentioned_months],
        "latest_year": f.latest_year,
    }


def features_from_row(row: dict) -> StoryFeatures:
    """Inverse of `features_to_row`; also takes a date object and entities as a JSON string.

    Rows stored before a field existed (no "terms"/"counts"/"inferred_date"/"mentioned_days"/"mentioned_months"/
    "latest_year") get its empty default.
    """
    published, inferred = _date(row.get("published")), _date(row.get("inferred_date"))
    entities = row.get("entities") or []
    if isinstance(entities, str):
        entities = json.loads(entities)
    return StoryFeatures(
        article_id=row["article_id"],
        published=published,
        vector=np.frombuffer(bytes(row["vector"]), dtype=np.float32).copy(),
        entities=frozenset(entities),
        signature=np.frombuffer(bytes(row["signature"]), dtype=np.uint32).copy(),
        terms=np.frombuffer(bytes(row.get("terms") or b""), dtype=np.uint32).copy(),
        counts=np.frombuffer(bytes(row.get("counts") or b""), dtype=np.uint16).copy(),
        inferred_date=inferred,
        mentioned_days=tuple(_date(d) for d in row.get("mentioned_days") or ()),
        mentioned_months=tuple(_date(d) for d in row.get("mentioned_months") or ()),
        latest_year=row.get("latest_year"),
    )


def _date(value) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    return value
