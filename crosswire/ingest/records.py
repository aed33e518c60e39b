"""JSON and JSON Lines records: one article per record.

Accepted shapes: one object, an array of objects, an object holding an array
under "articles"/"items"/"records"/"data", or one object per line (JSONL).
Field names vary between scrapers and APIs, so each field is looked up under
several names (first match wins). A record without text is a Problem named
"file.jsonl:3" (its line, or its 1-based place in the array); the others are read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from crosswire.errors import CrosswireError, InputError, NoArticleText
from crosswire.ingest.assemble import Meta, make_article
from crosswire.ingest.batch import Batch
from crosswire.ingest.dates import ParsedDate, parse_date, stamp_date
from crosswire.ingest.html import fragment_text, holds_markup
from crosswire.model import Problem

FIELDS = {
    "text": ("text", "body", "content", "article", "article_text", "maintext", "full_text", "story"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "site", "source_name", "domain"),
    "published": ("published", "published_at", "publishedAt", "date_published", "datePublished", "date", "pubdate", "time"),
    "authors": ("authors", "author", "byline", "creator", "by"),
    "id": ("id", "_id", "guid", "uuid", "article_id"),
}
CONTAINER_KEYS = ("articles", "items", "records", "data", "results")


def _field(record: dict[str, Any], name: str) -> Any:
    return record[key] if (key := _key(record, name)) else None


def _key(record: dict[str, Any], name: str) -> str | None:
    """The first of the field's names the record fills."""
    return next((key for key in FIELDS[name] if record.get(key) not in (None, "", [], {})), None)


_BYLINE = re.compile(r"^\s*by\s+", re.IGNORECASE)  # "By Mara Lind and Tom Hale"


def _rendered(value: Any) -> str | None:
    """WordPress's {"rendered": "<p>...</p>"}: its HTML."""
    return value["rendered"] if isinstance(value, dict) and isinstance(value.get("rendered"), str) else None


def _text(value: Any) -> str:
    html = _rendered(value)  # HTML whatever tags it holds
    if html is not None:
        value = html
    if isinstance(value, list):  # paragraphs as a list
        value = "\n".join(str(v).strip() for v in value if str(v).strip())
    text = str(value).strip() if value is not None else ""
    return fragment_text(text) if html is not None or holds_markup(text) else text


def _body(record: dict[str, Any], label: str) -> str:
    """The record's text: a string, or its paragraphs as a list of strings."""
    key = _key(record, "text")
    if key is None:
        raise NoArticleText(label, "record has no text")
    value = record[key]
    if isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value) \
            or _rendered(value) is not None:
        if body := _text(value):
            return body
        raise NoArticleText(label, "record has no text")
    # a number or an object here is another API's field under a name we read as the text: saying so beats
    # "no article text left after removing boilerplate"
    raise InputError(label, f'the "{key}" field holds {_json_kind(value)}, not the article\'s text')


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    return "a list of values other than strings"


class _BadLine:
    """A JSON Lines line that does not parse: a Problem of its own, the other lines are read."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


# "\ud800": JSON may escape half of a UTF-16 pair alone, which is no character and which UTF-8 cannot hold
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _loads_text(text: str) -> Any:
    """json.loads, each lone surrogate in a string made U+FFFD (json.loads joins the halves of a real pair)."""
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return _LONE_SURROGATE.sub("\ufffd", value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {clean(k): clean(v) for k, v in value.items()}
        return value

    return clean(json.loads(text))


def parse_records(text: str, source: str) -> list[tuple[str, Any]]:
    """(label, record) pairs from JSON or JSONL text; raises InputError if neither.

    In JSON Lines a line that does not parse (a record cut short, a stray line) is a `_BadLine`
    among the records; when no line holds a JSON object, the text is no JSON Lines at all (a broken
    JSON document: one error, not one per line).
    """
    loads = _loads_text if _SURROGATE_ESCAPE.search(text) else json.loads
    try:
        data = loads(text)
    except (json.JSONDecodeError, RecursionError):  # RecursionError: nested thousands deep, as no record is
        records: list[tuple[str, Any]] = []
        first_error = None
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"{source}:{number}", loads(line)))
            except RecursionError:
                records.append((f"{source}:{number}", _BadLine("not valid JSON (nested too deeply to read)")))
                first_error = first_error or f"line {number}: nested too deeply to read"
            except json.JSONDecodeError as exc:
                records.append((f"{source}:{number}", _BadLine(f"not valid JSON ({exc.msg})")))
                first_error = first_error or f"line {number}: {exc.msg}"
        if not any(isinstance(record, dict) for _, record in records):  # a broken JSON document, not JSON Lines
            raise InputError(source, f"not valid JSON or JSON Lines ({first_error})")
        return records
    if isinstance(data, dict):
        for key in CONTAINER_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            return [(source, data)]
    if isinstance(data, list):
        return [(f"{source}:{n}", item) for n, item in enumerate(data, start=1)]
    raise InputError(source, "JSON holds no record objects")


def _published(value: Any) -> ParsedDate | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):  # a Unix time stamp, in seconds or milliseconds
        if value <= 0:
            return None
        try:
            stamp = dt.datetime.fromtimestamp(value / 1000 if value > 1e11 else value, dt.timezone.utc)
        except (OverflowError, OSError, ValueError):  # out of any calendar's range: no date, the text still read
            return None
        return ParsedDate(stamp.date(), stamp.strftime("%H:%M"))
    if not value:
        return None
    # "13/10/2025": a numeric date is taken when only one order makes a date, as a time-stamp line's is
    return parse_date(str(value)) or (stamped[0] if (stamped := stamp_date(str(value))) else None)


def record_article(record: Any, *, label: str, published: dt.date | None):
    if isinstance(record, _BadLine):
        raise InputError(label, record.reason)
    if not isinstance(record, dict):
        raise InputError(label, "record is not a JSON object")
    body = _body(record, label)
    meta = Meta(title=_text(_field(record, "title")), url=_text(_field(record, "url")) or None)
    if outlet := _field(record, "outlet"):
        if isinstance(outlet, dict):  # {"source": {"name": "Reuters"}} (news APIs)
            outlet = outlet.get("name") or outlet.get("title")
        if outlet:
            meta.outlet, meta.outlet_from = str(outlet).strip(), "metadata"
    authors = _field(record, "authors")
    if isinstance(authors, str):
        authors = [a for a in _BYLINE.sub("", authors).replace(" and ", ",").split(",")]
    if isinstance(authors, list):
        meta.authors = tuple(
            str(a.get("name", "") if isinstance(a, dict) else a).strip() for a in authors if a
        )
        meta.authors = tuple(a for a in meta.authors if a)
    meta.published = _published(_field(record, "published"))
    if (external := _field(record, "id")) is not None:
        meta.external_id = str(external)
    return make_article(body, source=label, meta=meta, published=published)


def read_records(text: str, *, source: str, published: dt.date | None = None) -> Batch:
    """Every record of a JSON / JSONL text; bad records become Problems."""
    batch = Batch()
    for label, record in parse_records(text, source):
        try:
            batch.articles.append(record_article(record, label=label, published=published))
        except CrosswireError as exc:
            batch.problems.append(Problem(label, getattr(exc, "reason", str(exc))))
    return batch
