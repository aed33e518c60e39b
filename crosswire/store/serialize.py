"""Pipeline types <-> the plain values stored in a row.

Articles are stored field by field so that a story's comparison can be rebuilt
from the store alone; analyses and claims as JSON (kept for search and for the
record, with the version of the code that made them). A stored comparison is
the JSON report; `comparison_from_dict` turns it back into a `Comparison` with
the stored articles, so every report format renders without recomputing.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from typing import Any

from crosswire.model import (
    Analysis,
    Article,
    Comparison,
    Entity,
    Evidence,
    Finding,
    Note,
    PersonSummary,
    Problem,
    Quantity,
    Quote,
    QuoteSummary,
    Segment,
    Sentence,
    TimeExpr,
    TimelineEvent,
)
from crosswire.report.common import to_jsonable

# Article fields with a column of their own; the rest go in `meta`.
_COLUMNS = ("id", "source", "raw_text", "text", "segments", "title", "outlet", "url", "published", "authors",
            "notes", "external_id")  # fmt: skip


def dumps(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def article_key(article: Article) -> str:
    """What the revisions of one article share: its record id, else its URL, else its path."""
    return article.external_id or article.url or article.source


def article_row(article: Article) -> dict[str, Any]:
    meta = {f.name: getattr(article, f.name) for f in dataclasses.fields(Article) if f.name not in _COLUMNS}
    return {
        "id": article.id,
        "external_id": article.external_id,
        "url": article.url,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "authors": dumps(list(article.authors)),
        "raw_text": article.raw_text,
        "text": article.text,
        "segments": dumps([[s.start, s.raw_start, s.length] for s in article.segments]),
        "notes": dumps([_note_dict(n) for n in article.notes]),
        "meta": dumps(meta),
    }


def article_from_row(row: dict[str, Any]) -> Article:
    meta = json.loads(row["meta"])
    meta["captions"] = tuple(tuple(c) for c in meta.get("captions", ()))
    return Article(
        id=row["id"],
        source=row["source"],
        raw_text=row["raw_text"],
        text=row["text"],
        segments=tuple(Segment(*s) for s in json.loads(row["segments"])),
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published=_date(row["published"]),
        authors=tuple(json.loads(row["authors"])),
        notes=tuple(_note(n) for n in json.loads(row["notes"])),
        external_id=row["external_id"],
        **meta,
    )


def features_row_to_columns(row: dict[str, Any]) -> tuple[bytes | None, str]:
    """features_to_row's dict -> (vector blob, JSON of the rest): any bytes become base64."""
    rest = {k: ({"b64": base64.b64encode(v).decode()} if isinstance(v, bytes) else v)
            for k, v in row.items() if k != "vector"}  # fmt: skip
    return row.get("vector"), json.dumps(to_jsonable(rest), separators=(",", ":"))


def features_row_from_columns(vector: bytes | None, data: str) -> dict[str, Any]:
    rest = json.loads(data)
    row = {k: (base64.b64decode(v["b64"]) if isinstance(v, dict) and set(v) == {"b64"} else v)
           for k, v in rest.items()}  # fmt: skip
    if vector is not None:
        row["vector"] = bytes(vector)  # psycopg returns memoryview for bytea
    return row


# ---------------------------------------------------------------------------
# The JSON report back into a Comparison


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """The Analysis that `dumps` wrote (tuples and dates restored)."""
    return Analysis(
        text=data["text"],
        sentences=tuple(Sentence(**dict(s, keywords=tuple(s["keywords"]))) for s in data["sentences"]),
        entities=tuple(Entity(**dict(e, roles=tuple(e["roles"]))) for e in data["entities"]),
        quantities=tuple(Quantity(**q) for q in data["quantities"]),
        times=tuple(TimeExpr(**dict(t, begin=_date(t["begin"]), end_date=_date(t["end_date"]))) for t in data["times"]),
        quotes=tuple(Quote(**q) for q in data["quotes"]),
    )


def comparison_from_dict(data: dict[str, Any], articles: list[Article]) -> Comparison:
    """Inverse of `comparison_to_dict`, given the articles it was computed from."""
    by_id = {a.id: a for a in articles}
    ordered = [by_id[a["id"]] for a in data["articles"] if a["id"] in by_id]
    return Comparison(
        articles=ordered,
        findings=[_finding(f) for f in data["findings"]],
        entities=[_person(p) for p in data["entities"]],
        timeline=[_event(t) for t in data["timeline"]],
        quotes=[_quote(q) for q in data["quotes"]],
        notes={k: [_note(n) for n in v] for k, v in data["notes"].items()},
        stats={a["id"]: a.get("stats", {}) for a in data["articles"]},
        problems=[Problem(p["source"], p["reason"], p["severity"]) for p in data["problems"]],
    )


def _evidence(e: dict[str, Any]) -> Evidence:
    value = e["value"]
    return Evidence(
        article_id=e["article"], text=e["text"], start=e["start"], end=e["end"],
        raw_start=e["raw_start"], raw_end=e["raw_end"],
        value=tuple(value) if isinstance(value, list) else value,
        display=e["display"], value_start=e["value_start"], value_end=e["value_end"], kind=e["kind"],
    )  # fmt: skip


def _finding(f: dict[str, Any]) -> Finding:
    return Finding(
        verdict=f["verdict"], statement=f["statement"], evidence=tuple(_evidence(e) for e in f["evidence"]),
        slot=f["slot"], topic=f["topic"], shared_origin=f["shared_origin"],
    )  # fmt: skip


def _person(p: dict[str, Any]) -> PersonSummary:
    return PersonSummary(
        name=p["name"], label=p["label"], variants=tuple(p["variants"]),
        roles={k: tuple(v) for k, v in p["roles"].items()}, mentions=dict(p["mentions"]),
    )  # fmt: skip


def _event(t: dict[str, Any]) -> TimelineEvent:
    return TimelineEvent(
        date=t["date"], begin=_date(t["begin"]), end=_date(t["end"]), description=t["description"],
        scheduled=t["scheduled"], evidence=tuple(_evidence(e) for e in t["evidence"]),
    )  # fmt: skip


def _quote(q: dict[str, Any]) -> QuoteSummary:
    return QuoteSummary(speaker=q["speaker"], anonymous=q["anonymous"], text=q["text"], kind=q["kind"],
                        evidence=_evidence(q["evidence"]))  # fmt: skip


def _note_dict(note: Note) -> dict[str, Any]:
    return {"kind": note.kind, "message": note.message, "raw_start": note.raw_start, "raw_end": note.raw_end}


def _note(n: dict[str, Any]) -> Note:
    return Note(n["kind"], n["message"], n.get("raw_start"), n.get("raw_end"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
