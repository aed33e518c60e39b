"""The JSON report: a documented, versioned view of a Comparison.

The shape is fixed by ``comparison-v1.schema.json`` (JSON Schema draft 2020-12,
shipped as package data) and described in ``docs/json-schema.md``. A change to
the shape gets a new ``SCHEMA_VERSION`` and a new schema file.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from crosswire.model import (
    Article,
    Comparison,
    Evidence,
    Finding,
    Note,
    PersonSummary,
    Problem,
    QuoteSummary,
    TimelineEvent,
)
from crosswire.report.common import finding_ids, first_reported, notes_for, to_jsonable

SCHEMA_VERSION = "comparison-v1"
SCHEMA_FILE = f"{SCHEMA_VERSION}.schema.json"
OFFSETS_NOTE = "evidence start/end index into `text`; raw_start/raw_end into the raw input"


def _version() -> str:
    # Imported late: crosswire/__init__ may import the report package itself.
    import crosswire

    return getattr(crosswire, "__version__", "unknown")


def load_schema() -> dict:
    """The JSON Schema of the report, read from the package data."""
    text = resources.files("crosswire.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def comparison_to_dict(comparison: Comparison) -> dict:
    """The JSON report as plain Python: dicts, lists, strings, numbers, None."""
    ids = finding_ids(comparison)
    outlets = {a.id: a.label for a in comparison.articles}
    notes = {a.id: [_note(n) for n in notes_for(comparison, a)] for a in comparison.articles}
    for article_id, items in comparison.notes.items():
        notes.setdefault(article_id, [_note(n) for n in items])
    counts = {v: len(comparison.by_verdict(v)) for v in ("corroborated", "conflicting", "unique")}
    return {
        "schema": SCHEMA_VERSION,
        "generated_by": f"crosswire {_version()}",
        "articles": [_article(a, comparison.stats.get(a.id)) for a in comparison.articles],
        "findings": [_finding(f, ids[id(f)], outlets, first_reported(comparison, f)) for f in comparison.findings],
        "entities": [_entity(p) for p in comparison.entities],
        "timeline": [_event(t, outlets) for t in comparison.timeline],
        "quotes": [_quote(q, outlets) for q in comparison.quotes],
        "notes": notes,
        "problems": [_problem(p) for p in comparison.problems],
        "summary": {**counts, "sources": len(comparison.articles)},
    }


def render_json(comparison: Comparison) -> str:
    """The JSON report as text (UTF-8, indented, keys in schema order)."""
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _article(article: Article, stats: dict[str, Any] | None) -> dict:
    return {
        "id": article.id,
        "label": article.label,
        "source": article.source,
        "outlet": article.outlet,
        "outlet_from": article.outlet_from,
        "title": article.title,
        "url": article.url,
        "published": to_jsonable(article.published),
        "published_time": article.published_time,
        "published_inferred": article.published_inferred,
        "authors": list(article.authors),
        "language": article.language,
        "text": article.text,
        "offsets": OFFSETS_NOTE,
        "captions": [[s, e] for s, e in article.captions],
        "stats": to_jsonable(stats or {}),
    }


def _evidence(evidence: Evidence, outlets: dict[str, str]) -> dict:
    return {
        "article": evidence.article_id,
        "outlet": outlets.get(evidence.article_id),
        "text": evidence.text,
        "start": evidence.start,
        "end": evidence.end,
        "raw_start": evidence.raw_start,
        "raw_end": evidence.raw_end,
        "value": to_jsonable(evidence.value),
        "display": evidence.display,
        "value_start": evidence.value_start,
        "value_end": evidence.value_end,
        "kind": evidence.kind,
    }


def _finding(finding: Finding, finding_id: str, outlets: dict[str, str], first: list[str]) -> dict:
    return {
        "id": finding_id,
        "verdict": finding.verdict,
        "statement": finding.statement,
        "slot": finding.slot,
        "topic": finding.topic,
        "shared_origin": finding.shared_origin,
        "sources": len(finding.article_ids),
        "first_reported": first,
        "evidence": [_evidence(e, outlets) for e in finding.evidence],
    }


def _entity(person: PersonSummary) -> dict:
    return {
        "name": person.name,
        "label": person.label,
        "variants": list(person.variants),
        "roles": {k: list(v) for k, v in person.roles.items()},
        "mentions": {k: int(v) for k, v in person.mentions.items()},
    }


def _event(event: TimelineEvent, outlets: dict[str, str]) -> dict:
    return {
        "date": event.date,
        "begin": to_jsonable(event.begin),
        "end": to_jsonable(event.end),
        "description": event.description,
        "scheduled": event.scheduled,
        "evidence": [_evidence(e, outlets) for e in event.evidence],
    }


def _quote(quote: QuoteSummary, outlets: dict[str, str]) -> dict:
    return {
        "speaker": quote.speaker,
        "anonymous": quote.anonymous,
        "text": quote.text,
        "kind": quote.kind,
        "evidence": _evidence(quote.evidence, outlets),
    }


def _note(note: Note) -> dict:
    return {
        "kind": note.kind,
        "message": note.message,
        "raw_start": note.raw_start,
        "raw_end": note.raw_end,
    }


def _problem(problem: Problem) -> dict:
    return {"source": problem.source, "reason": problem.reason, "severity": problem.severity}
