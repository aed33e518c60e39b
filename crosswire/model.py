"""The core types that flow through the pipeline, and nothing else.

Positions are character offsets. An `Article` holds two texts: `raw_text`, the
text exactly as read, and `text`, the cleaned text the facts come from. Every
offset in an `Analysis`, a `Claim` or a `Finding` points into `article.text`
unless its name says `raw_`; `Article.to_raw()` maps a clean offset back.

The analysis types (`Entity`, `Quantity`, `TimeExpr`, `Quote`, `Sentence`) carry
plain `start`/`end` offsets into whatever text was analysed, so the same
analysers serve `crosswire extract` (raw text) and `compare` (clean text).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------------------
# Articles


@dataclass(frozen=True, slots=True)
class Note:
    """Something said about a source that is not one of its facts.

    kind: "boilerplate" (removed from the facts), "caption" (kept, low weight),
    "disclosure" (e.g. AI-assisted translation), "signoff", "inferred" (a value
    crosswire had to guess, such as a year), "warning".
    `raw_start`/`raw_end` locate the thing in `article.raw_text` when it has a place.
    """

    kind: str
    message: str
    raw_start: int | None = None
    raw_end: int | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of `length` characters copied from raw_text[raw_start:] to text[start:]."""

    start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: where it came from, what it says, and what was removed."""

    id: str  # content hash of raw_text (stable across runs)
    source: str  # path, URL, or "<stdin>"
    raw_text: str
    text: str  # clean text: the reporting only, paragraphs separated by "\n"
    segments: tuple[Segment, ...] = ()  # clean -> raw offset map
    title: str = ""
    outlet: str | None = None
    outlet_from: str | None = None  # "metadata" | "url" | "dateline" | "signoff" | "header"
    url: str | None = None
    published: dt.date | None = None
    published_time: str | None = None  # "11:02" when the source gives one
    published_inferred: bool = False  # True when (part of) the date was guessed
    authors: tuple[str, ...] = ()
    language: str = "en"
    captions: tuple[tuple[int, int], ...] = ()  # (start, end) in `text` of photo captions
    notes: tuple[Note, ...] = ()
    external_id: str | None = None  # the id a record came with

    def to_raw(self, pos: int) -> int:
        """Map an offset in `text` to the offset of the same character in `raw_text`."""
        if not self.segments:
            return pos
        starts = [s.start for s in self.segments]
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        seg = self.segments[i]
        return seg.raw_start + min(pos - seg.start, seg.length)

    def in_caption(self, start: int, end: int) -> bool:
        return any(cs <= start and end <= ce for cs, ce in self.captions)

    @property
    def label(self) -> str:
        """How a report names this article: the outlet, else the file name."""
        if self.outlet:
            return self.outlet
        return self.source.rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read, with a one-line reason."""

    source: str
    reason: str
    severity: str = "error"  # "error": skipped; "warning": read, but look at it

    def __str__(self) -> str:
        verb = "skipped" if self.severity == "error" else "warning:"
        return f"{verb} {self.source}: {self.reason}"


# ---------------------------------------------------------------------------
# Analysis of one text


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, with what claim matching needs from the parse.

    keywords: content lemmas (lower-case nouns, verbs, adjectives, names).
    predicate: lemma of the main verb; subject: the text of its subject.
    """

    start: int
    end: int
    keywords: tuple[str, ...] = ()
    predicate: str = ""
    subject: str = ""
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """A mention of a person, organisation or place.

    `name` is the canonical name of the entity the mention refers to ("Kim
    Jung-kwan" for a later "Kim"); `roles` the titles the text attaches to it
    at this mention ("Industry Minister").
    """

    start: int
    end: int
    text: str
    label: str  # PERSON | ORG | GPE | LOC | NORP | FAC | EVENT
    name: str
    roles: tuple[str, ...] = ()
    age: int | None = None  # the age the text gives at this mention ("Ana Ruiz, 54, said")


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount: value in base units (3.5e11 for "$350 billion").

    unit: ISO currency code ("USD", "KRW", "EUR"), "percent", "percentage point",
    a unit of time ("year", "day"), a physical unit, or "" for a bare count.
    per: the period of a rate ("year" for "$25 billion annually").
    approx: "about", "more than", "nearly"... when the text hedges.
    change: for a change "from A to B": this quantity is B and `from_value` is A.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str  # money | percent | duration | count | measure
    per: str | None = None
    approx: str | None = None
    change: str | None = None  # "up" | "down" | "to" | "range" (from_value..value) | None
    from_value: float | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression normalised against the publication date (TimeML TIMEX3).

    type: DATE | TIME | DURATION | SET. value: TimeML value ("2025-10-24",
    "2025-W43", "2025-07", "P8Y", "PRESENT_REF", "XXXX-07"). begin/end: the ISO
    dates of the first and last day covered, when the expression names a
    calendar period or range (both None for durations and unknowns).
    granularity: "day" | "week" | "month" | "quarter" | "season" | "year" |
    "decade" | "time" | "range" | None.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    begin: dt.date | None = None
    end_date: dt.date | None = None
    granularity: str | None = None
    mod: str | None = None  # TimeML mod: START | MID | END | APPROX ...


@dataclass(frozen=True, slots=True)
class Quote:
    """Attributed speech. `content` is what was said; `cue` the verb of saying."""

    content_start: int
    content_end: int
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None
    speaker: str | None  # canonical name, or the anonymous description
    anonymous: bool
    kind: str  # "direct" | "indirect" | "mixed"


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one text states, as offsets into that text."""

    text: str
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()


# ---------------------------------------------------------------------------
# Claims and findings


@dataclass(frozen=True, slots=True)
class Span:
    """A view into `article.text`: evidence is offsets, never copied text."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Slot:
    """One typed value of a claim: an amount, a date, a place, a person..."""

    name: str  # actor | amount | date | place | person | count | rate
    text: str
    start: int
    end: int
    value: Any = None  # float for amounts, (begin, end) ISO dates for dates, a name otherwise
    unit: str | None = None
    display: str | None = None  # normalised, human-readable ("2025-10-29", "3.5e11 USD")


@dataclass(frozen=True, slots=True)
class Claim:
    """What one sentence states, with typed slots.

    kind: "fact" | "opinion" (analysis, speculation) | "caption" (low weight).
    """

    id: str
    sentence: Span
    kind: str
    predicate: str  # lemma of the main verb or event noun ("reach", "summit")
    slots: tuple[Slot, ...] = ()
    keywords: tuple[str, ...] = ()  # content lemmas, for matching
    quote: Quote | None = None  # when the sentence is (part of) a quotation
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One article's support for a finding: the sentence, and the value it gives."""

    article_id: str
    text: str  # article.text[start:end], the sentence
    start: int
    end: int
    raw_start: int
    raw_end: int
    value: Any = None
    display: str | None = None  # the value as shown ("$350 billion = 3.5e11 USD")
    value_start: int | None = None  # where the value itself sits in article.text
    value_end: int | None = None
    kind: str = "fact"  # the claim's kind (fact | caption)


@dataclass(frozen=True, slots=True)
class Finding:
    """A fact and what the sources say of it."""

    verdict: str  # corroborated | conflicting | unique
    statement: str
    evidence: tuple[Evidence, ...]
    slot: str | None = None  # the slot compared (amount, date, ...)
    topic: str = ""
    shared_origin: bool = False  # the sources repeat each other's wording

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article_id for e in self.evidence))


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """A person or organisation across sources, with the roles each source gives."""

    name: str
    label: str
    variants: tuple[str, ...]  # other names used
    roles: dict[str, tuple[str, ...]]  # article_id -> titles
    mentions: dict[str, int]  # article_id -> count


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str  # TimeML value / ISO date
    begin: dt.date | None
    end: dt.date | None
    description: str
    scheduled: bool  # after the publication date
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class QuoteSummary:
    speaker: str | None
    anonymous: bool
    text: str
    kind: str
    evidence: Evidence


@dataclass(slots=True)
class Comparison:
    """The one thing every report renders."""

    articles: list[Article]
    findings: list[Finding] = field(default_factory=list)
    entities: list[PersonSummary] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    quotes: list[QuoteSummary] = field(default_factory=list)
    notes: dict[str, list[Note]] = field(default_factory=dict)  # article_id -> notes
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)  # article_id -> shares, counts
    problems: list[Problem] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def by_verdict(self, verdict: str) -> list[Finding]:
        return [f for f in self.findings if f.verdict == verdict]
