"""The schema, as an ordered list of named migrations.

Each migration is a name and a list of statements per dialect; the store runs
the ones not yet recorded in `schema_migrations`, each in its own transaction,
and records its name in the same transaction, so a crash leaves a migration
either fully applied or not at all. A database that records a migration this
code does not know was written by a newer crosswire: the store refuses it
rather than guess (see `check_known`).

Never edit a migration that has shipped: add a new one at the end.
"""

from __future__ import annotations

from crosswire.errors import StoreError

_ARTICLES = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,               -- content hash of raw_text (Article.id)
    article_key TEXT NOT NULL,         -- external id, else URL, else path: what revisions share
    revision INTEGER NOT NULL,         -- 1, 2, ... per article_key
    is_current INTEGER NOT NULL,       -- 1 for the latest revision of its key
    external_id TEXT,
    url TEXT,
    source TEXT NOT NULL,
    outlet TEXT,
    title TEXT NOT NULL,
    published TEXT,                    -- ISO date
    authors TEXT NOT NULL,             -- JSON list
    raw_text TEXT NOT NULL,
    text TEXT NOT NULL,
    segments TEXT NOT NULL,            -- JSON [[start, raw_start, length], ...]
    notes TEXT NOT NULL,               -- JSON list of notes
    meta TEXT NOT NULL,                -- JSON: the other Article fields
    first_seen TEXT NOT NULL,
    UNIQUE (article_key, revision)
)"""

_COMMON = [
    _ARTICLES,
    "CREATE INDEX articles_key ON articles (article_key)",
    """CREATE TABLE analyses (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        version TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    """CREATE TABLE claims (
        article_id TEXT NOT NULL REFERENCES articles (id),
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        predicate TEXT NOT NULL,
        start_pos INTEGER NOT NULL,
        end_pos INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, id)
    )""",
    """CREATE TABLE story_assignments (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        story_id TEXT NOT NULL,
        seq INTEGER NOT NULL,              -- order of addition: StoryIndex.rebuild replays it
        duplicate_of TEXT,
        derived_from TEXT,
        derived_score REAL
    )""",
    "CREATE INDEX story_assignments_story ON story_assignments (story_id)",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        size INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT,
        version TEXT NOT NULL,             -- hash of the story's current article ids
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE comparisons (
        story_id TEXT PRIMARY KEY,
        story_version TEXT NOT NULL,       -- the stories.version it was computed for
        data TEXT NOT NULL,                -- comparison_to_dict JSON
        computed_at TEXT NOT NULL
    )""",
]


def _features(blob: str) -> str:
    return f"""CREATE TABLE story_features (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        vector {blob},
        data TEXT NOT NULL                 -- the rest of features_to_row, JSON (bytes as base64)
    )"""


SQLITE_SEARCH = [
    # porter: "shipbuilders" finds "shipbuilding", as PostgreSQL's english config does
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, kind UNINDEXED, article_id UNINDEXED, tokenize = 'porter unicode61'
    )""",
]

POSTGRES_SEARCH = [
    "CREATE INDEX articles_fts ON articles USING GIN (to_tsvector('english', title || ' ' || text))",
    "CREATE INDEX claims_fts ON claims USING GIN (to_tsvector('english', sentence))",
]

# Live sources (crosswire/store/feeds.py): the feeds followed, the entries already taken from each, and what
# happened at every fetch, so that "not reported by an outlet" can be told apart from "not read".
FEEDS = [
    """CREATE TABLE IF NOT EXISTS feeds (
        id TEXT PRIMARY KEY,               -- short hash of the URL
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        etag TEXT,                         -- for the next conditional request
        last_modified TEXT,
        added_at TEXT NOT NULL,
        last_polled TEXT,
        last_success TEXT,
        last_error TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS feed_entries (
        feed_id TEXT NOT NULL REFERENCES feeds (id),
        entry_key TEXT NOT NULL,           -- the entry's id, else its link
        link TEXT,
        article_id TEXT,                   -- the stored article (NULL when nothing could be stored)
        partial INTEGER NOT NULL,          -- 1: the page could not be read; the feed's summary was stored
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_id, entry_key)
    )""",
    """CREATE TABLE IF NOT EXISTS fetch_log (
        at TEXT NOT NULL,
        feed_id TEXT,
        url TEXT NOT NULL,
        outcome TEXT NOT NULL,             -- ok, not_modified, robots, unsafe, http_error, timeout, network,
        status INTEGER,                    -- too_large, malformed, no_article_text
        detail TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS fetch_log_feed ON fetch_log (feed_id, at)",
]

# Conflict alerts of `crosswire watch` (crosswire/store/alerts.py): each conflicting finding reported once per story.
REPORTED_CONFLICTS = [
    """CREATE TABLE IF NOT EXISTS reported_conflicts (
        story_id TEXT NOT NULL,
        finding_key TEXT NOT NULL,         -- hash of the finding's slot, topic and conflicting values
        reported_at TEXT NOT NULL,
        PRIMARY KEY (story_id, finding_key)
    )""",
]

# The order of addition, looked up for each new article (MAX(seq)) and replayed by StoryIndex.rebuild:
# without an index both read the whole table, so ingestion slowed as the store grew.
ASSIGNMENT_ORDER = ["CREATE INDEX IF NOT EXISTS story_assignments_seq ON story_assignments (seq)"]

# The sentence vectors comparisons embed (crosswire/store/reports.py): a story compared again once new articles
# have joined it embeds only the sentences it had not embedded before, the costly part of a big story's comparison.
def _sentence_vectors(blob: str) -> list[str]:
    return [f"""CREATE TABLE IF NOT EXISTS sentence_vectors (
        sentence_key TEXT PRIMARY KEY,     -- hash of the embedding model and the sentence (Embedder.cache_key)
        vector {blob} NOT NULL             -- float32, unit length
    )"""]


# (name, statements per dialect), in the order they run.
_ORDER = [
    ("0001_articles_analyses_claims_stories", {"sqlite": [*_COMMON, _features("BLOB")],
                                               "postgres": [*_COMMON, _features("BYTEA")]}),
    ("0002_full_text_search", {"sqlite": SQLITE_SEARCH, "postgres": POSTGRES_SEARCH}),
    ("0003_feeds_and_fetch_log", {"sqlite": FEEDS, "postgres": FEEDS}),
    ("0004_reported_conflicts", {"sqlite": REPORTED_CONFLICTS, "postgres": REPORTED_CONFLICTS}),
    ("0005_assignment_order_index", {"sqlite": ASSIGNMENT_ORDER, "postgres": ASSIGNMENT_ORDER}),
    ("0006_sentence_vectors", {"sqlite": _sentence_vectors("BLOB"), "postgres": _sentence_vectors("BYTEA")}),
]  # fmt: skip


def migrations(dialect: str) -> list[tuple[str, list[str]]]:
    """[(name, statements)] in the order they must run."""
    return [(name, steps[dialect]) for name, steps in _ORDER]


def check_known(applied: list[str], where: str) -> None:
    """Refuse a database migrated by a newer crosswire: its tables may mean other things."""
    known = {name for name, _ in _ORDER}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise StoreError(
            f"{where} has a newer schema than this crosswire knows (migration {unknown[0]!r}); "
            "upgrade crosswire: pip install --upgrade crosswire"
        )
