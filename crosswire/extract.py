"""`crosswire extract`: the analysis of one text as read, as JSON-ready data.

No cleaning happens here, so every `start`/`end` indexes the text exactly as it
was read: that is what labelled corpora are scored against.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import sys

from crosswire.errors import InputError
from crosswire.model import Analysis

EXTRACT_VERSION = "extract-v1"


def extract_source(source: str, *, published: dt.date | None = None, nlp=None, max_bytes: int | None = None) -> dict:
    """Read `source` (a path, or "-" for standard input) and analyse its text."""
    from crosswire.ingest import detect_format
    from crosswire.ingest.archives import is_web_archive
    from crosswire.ingest.decode import DEFAULT_MAX_BYTES, decode, inflated, read_bytes, read_stream

    limit = max_bytes or DEFAULT_MAX_BYTES
    if is_web_archive(source):
        raise InputError(source, "a web archive holds many pages: compare or ingest it, "
                                 "or extract one page saved alone")
    if source == "-":
        data = read_stream(sys.stdin.buffer, "<stdin>", limit)
    else:
        data = read_bytes(pathlib.Path(source), source, limit)
    text = decode(inflated(data, source, limit), source)
    if detect_format(text, source.removesuffix(".gz")) == "feed":
        raise InputError(source, "a feed holds many entries: compare or ingest it, or extract one entry's text "
                                 "saved alone")  # fmt: skip
    text, record_date = _record_text(text)
    return extract_text(text, published=published or record_date, nlp=nlp)


def extract_text(text: str, *, published: dt.date | None = None, nlp=None) -> dict:
    from crosswire.analyze import analyze_text

    return analysis_to_dict(analyze_text(text, published, nlp=nlp), published)


def analysis_to_dict(analysis: Analysis, published: dt.date | None = None) -> dict:
    text = analysis.text
    return {
        "schema": EXTRACT_VERSION,
        "published": published.isoformat() if published else None,
        "text": text,
        "sentences": [{"start": s.start, "end": s.end} for s in analysis.sentences],
        "entities": [
            {"start": e.start, "end": e.end, "text": e.text, "label": e.label, "name": e.name, "roles": list(e.roles),
             "age": e.age}
            for e in analysis.entities
        ],
        "quantities": [
            {
                "start": q.start, "end": q.end, "text": q.text, "value": q.value, "unit": q.unit,
                "kind": q.kind, "per": q.per, "approx": q.approx, "change": q.change, "from_value": q.from_value,
            }
            for q in analysis.quantities
        ],
        "times": [
            {
                "start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
                "iso_start": t.begin.isoformat() if t.begin else None,
                "iso_end": t.end_date.isoformat() if t.end_date else None,
                "granularity": t.granularity, "mod": t.mod,
            }
            for t in analysis.times
        ],
        "quotes": [_quote(q, text) for q in analysis.quotes],
    }


def _quote(quote, text: str) -> dict:
    def span(start, end, **extra):
        if start is None or end is None:
            return None
        return {"start": start, "end": end, "text": text[start:end], **extra}

    return {
        "content": span(quote.content_start, quote.content_end),
        "cue": span(quote.cue_start, quote.cue_end),
        "speaker": span(quote.speaker_start, quote.speaker_end, name=quote.speaker),
        "speaker_name": quote.speaker,
        "anonymous": quote.anonymous,
        "kind": quote.kind,
    }


def _record_text(text: str) -> tuple[str, dt.date | None]:
    """A JSON object with a "text" field is analysed on that field."""
    if not text.lstrip().startswith("{"):
        return text, None
    try:
        record = json.loads(text)
    except json.JSONDecodeError:
        return text, None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return text, None
    date = None
    for key in ("published", "dct", "date"):
        value = record.get(key)
        if isinstance(value, str) and len(value) >= 10:
            try:
                date = dt.date.fromisoformat(value[:10])
                break
            except ValueError:
                continue
    return record["text"], date
