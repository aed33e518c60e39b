"""What every report shows, independent of the output format.

The renderers (terminal, Markdown, HTML) all walk the same sections in the same
order; this module decides what goes in each section and how values read, so the
formats only decide how things look:

1. header      - the sources: outlet, title, published date
2. conflicts   - first, always; or the plain "no conflicts" sentence
3. corroborated facts, with the number of sources
4. unique      - what each source alone reports, grouped per source
5. people and organisations, roles per source
6. timeline    - past and scheduled, with the sources for each
7. quotes      - with speakers, anonymous ones marked
8. notes       - per source: stats shares, notes
9. problems    - inputs that were skipped
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any

from crosswire.model import Article, Comparison, Evidence, Finding, Note

NO_CONFLICTS = (
    "No conflicting findings: the sources do not contradict each other on any compared fact."
)
SHARED_ORIGIN = "same wording — may share an origin"
YEAR_INFERRED = "(year inferred)"
DATE_INFERRED = "(date inferred)"  # from a last-updated stamp, or the day a web archive captured the page
WHOLE_DATE_TAKEN = "published date taken from"  # how the notes of those two begin
NO_UNIQUE = "No source reports a fact that the others leave out."

# Stats keys shown first, in this order; any other key follows alphabetically.
STATS_FIRST = ("filler_share", "opinion_share", "sentences", "claims", "facts")


def finding_ids(comparison: Comparison) -> dict[int, str]:
    """A stable id per finding ("f1", "f2" ...), by position in `comparison.findings`."""
    return {id(f): f"f{i}" for i, f in enumerate(comparison.findings, start=1)}


def source_labels(comparison: Comparison) -> dict[str, str]:
    """Article id -> the name a report uses; two articles from one outlet get "(2)"."""
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for article in comparison.articles:
        base = article.label or article.id
        seen[base] = seen.get(base, 0) + 1
        labels[article.id] = base if seen[base] == 1 else f"{base} ({seen[base]})"
    return labels


def label_for(labels: dict[str, str], article_id: str) -> str:
    return labels.get(article_id, article_id)


def published_text(article: Article) -> str:
    """ "2025-10-29 11:02 (year inferred)", "2025-10-29 (date inferred)", or "date unknown"."""
    if article.published is None:
        text = "date unknown"
    else:
        text = article.published.isoformat()
        if article.published_time:
            text += f" {article.published_time}"
    if article.published_inferred and article.published is not None:
        whole = any(note.kind == "inferred" and note.message.startswith(WHOLE_DATE_TAKEN) for note in article.notes)
        text += f" {DATE_INFERRED if whole else YEAR_INFERRED}"
    return text


def sources_text(n: int) -> str:
    """ "1 source", "2 sources". """
    return f"{n} source" if n == 1 else f"{n} sources"


def source_count(finding: Finding) -> int:
    return len(finding.article_ids)


def first_reported(comparison: Comparison, finding: Finding) -> list[str]:
    """The articles that gave a finding first, when that can be told: two sources or more, every one dated
    (no year guessed), and the earliest moment held by fewer than all of them. A day is the moment, refined
    by the time of day when every article of that day gives one."""
    ids = finding.article_ids
    articles = [comparison.article(i) for i in ids]
    if finding.verdict == "unique" or len(ids) < 2 or any(a.published is None or a.published_inferred
                                                          for a in articles):
        return []
    day = min(a.published for a in articles)
    first = [a for a in articles if a.published == day]
    if len(first) > 1 and all(a.published_time for a in first):
        first = [a for a in first if a.published_time == min(a.published_time for a in first)]
    return [] if len(first) == len(articles) else [a.id for a in first]


def first_reported_text(comparison: Comparison, finding: Finding, labels: dict[str, str]) -> str:
    """ "first: Reuters, 2021-05-07 09:00", or "" when no source was first."""
    first = first_reported(comparison, finding)
    if not first:
        return ""
    names = ", ".join(label_for(labels, i) for i in first)
    return f"first: {names}, {published_text(comparison.article(first[0]))}"


def unique_by_source(comparison: Comparison) -> list[tuple[str, list[Finding]]]:
    """Unique findings grouped per article, in the order of `comparison.articles`."""
    groups: dict[str, list[Finding]] = {a.id: [] for a in comparison.articles}
    for finding in comparison.by_verdict("unique"):
        ids = finding.article_ids
        key = ids[0] if ids else ""
        groups.setdefault(key, []).append(finding)
    return [(article_id, items) for article_id, items in groups.items() if items]


def notes_for(comparison: Comparison, article: Article) -> list[Note]:
    """The notes on one article: `comparison.notes`, else the article's own."""
    if article.id in comparison.notes:
        return list(comparison.notes[article.id])
    return list(article.notes)


def format_number(value: float) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    return f"{value:g}"


def format_value(value: Any) -> str:
    """A normalised value as a short text: amounts, dates, ranges, names."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    if isinstance(value, dict):
        if "amount" in value:
            parts = [format_value(value.get("amount"))]
            if value.get("unit"):
                parts.append(str(value["unit"]))
            if value.get("per"):
                parts.append(f"per {value['per']}")
            return " ".join(parts)
        return ", ".join(f"{k}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        items = [format_value(v) for v in value]
        if len(items) == 2 and items[0] == items[1]:
            return items[0]
        if len(items) == 2 and all(isinstance(v, (str, dt.date)) for v in value):
            return f"{items[0]} – {items[1]}"
        return ", ".join(items)
    return str(value)


def value_text(evidence: Evidence) -> str:
    """What a source says the value is: its display form, else the normalised value."""
    if evidence.display:
        return evidence.display
    return format_value(evidence.value)


@dataclass(frozen=True, slots=True)
class SentenceParts:
    """An evidence sentence split around its value: before, value, after."""

    before: str
    value: str
    after: str


def sentence_parts(evidence: Evidence) -> SentenceParts:
    """Split the evidence sentence at `value_start`/`value_end` (offsets in the article text).

    When the value offsets are missing, empty or fall outside the sentence, the
    whole sentence is `before` and nothing is highlighted.
    """
    text = evidence.text
    vs, ve = evidence.value_start, evidence.value_end
    if vs is None or ve is None or not (evidence.start <= vs < ve <= evidence.end):
        return SentenceParts(text, "", "")
    a, b = vs - evidence.start, ve - evidence.start
    if b > len(text):
        return SentenceParts(text, "", "")
    return SentenceParts(text[:a], text[a:b], text[b:])


def stats_items(stats: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(label, text) pairs for an article's stats: shares as percentages."""
    if not stats:
        return []
    keys = [k for k in STATS_FIRST if k in stats]
    keys += sorted(k for k in stats if k not in STATS_FIRST)
    items = []
    for key in keys:
        value = stats[key]
        label = str(key).replace("_", " ")
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and str(key).endswith(("share", "ratio", "fraction"))
            and 0 <= value <= 1
        ):
            text = f"{value:.0%}"
        elif isinstance(value, (dict, list, tuple)):
            text = json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)
        else:
            text = format_value(value)
        items.append((label, text))
    return items


def note_text(note: Note) -> str:
    return f"{note.kind}: {note.message}"


def to_jsonable(value: Any) -> Any:
    """Anything a Comparison holds -> JSON types; dates become ISO strings.

    Non-finite floats become null (JSON has no NaN); dataclasses become dicts;
    anything unknown becomes its `str()`.
    """
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        if isinstance(value, (set, frozenset)):
            items = sorted(items, key=repr)
        return [to_jsonable(v) for v in items]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return str(value)


def timeline_when(scheduled: bool) -> str:
    return "scheduled" if scheduled else "past"


def evidence_sources(labels: dict[str, str], evidence: tuple[Evidence, ...]) -> list[str]:
    return [label_for(labels, a) for a in dict.fromkeys(e.article_id for e in evidence)]


def people_rows(comparison, escape, mentioned: str) -> list[list[str]]:
    """A row per person or organisation: name, type, other spellings, then its role in each source.

    `escape` makes text safe for the format; `mentioned` marks a source that names it without a role.
    """
    rows = []
    for person in comparison.entities:
        roles = [
            escape("; ".join(person.roles.get(a.id, ()))) or (mentioned if person.mentions.get(a.id) else "—")
            for a in comparison.articles
        ]
        rows.append([escape(person.name), escape(person.label), escape(", ".join(person.variants)), *roles])
    return rows
