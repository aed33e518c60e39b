"""Plain text: a title line, header lines, then the story.

    Thursday, March 14, 2024                   <- header: a time stamp alone (before or after the title)
    Port Workers Walk Out                      <- title (first non-empty line that is no header)
    Published: 14 Mar. 2024, 09:30             <- header: date and time
    By Jane Doe and Sam Park                   <- header: authors
    MERIDIAN, March 13 (Harbor Gazette) -- ... <- body; dateline handled in assemble

Header lines are recognised by a table of (label, pattern, handler) rows; the
scan stops at the first line that is none of them, so a header-like sentence
further down is never taken for metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from crosswire.clean.lines import Line, split_lines
from crosswire.ingest.assemble import Meta, looks_like_title, make_article, take_stamp
from crosswire.ingest.batch import Batch
from crosswire.ingest.dates import parse_date
from crosswire.model import Note

NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}"
ROLE_WORDS = r"(?:Reporter|Correspondent|Writer|Editor|Staff|Contributor|Columnist|Chief|Journalist|Producer|Analyst)"
HEADER_SCAN = 10  # header lines sit within the first few lines

# Names are split on commas and "and"; a trailing ", Staff Reporter" is a role.
def _split_names(text: str) -> tuple[str, ...]:
    text = re.split(r"\s*[|•·]\s*", text)[0]
    parts = re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", text)
    return tuple(p.strip() for p in parts if p.strip() and not re.search(ROLE_WORDS, p) and p[:1].isupper())


def _on_date(meta: Meta, label: str, value: str) -> bool:
    parsed = parse_date(value)
    if not parsed:
        return False
    if label.lower() in ("updated", "last updated", "modified"):
        meta.updated = meta.updated or parsed
    elif meta.published is None:
        meta.published = parsed
    return True


def _on_authors(meta: Meta, label: str, value: str) -> bool:
    names = _split_names(value)
    if not names:
        return False
    meta.authors = tuple(dict.fromkeys(meta.authors + names))
    return True


def _on_outlet(meta: Meta, label: str, value: str) -> bool:
    if meta.outlet is None:
        meta.outlet, meta.outlet_from = value.strip(), "header"
    return True


def _on_url(meta: Meta, label: str, value: str) -> bool:
    meta.url = meta.url or value.strip()
    return True


HEADERS: tuple[tuple[str, re.Pattern[str], Callable[[Meta, str, str], bool]], ...] = (
    ("date", re.compile(r"^(?P<label>Published|Posted|First published|Updated|Last updated|Modified|Date)\s*(?:on\b|:)?\s*(?P<value>.{6,60})$", re.I), _on_date),
    ("date", re.compile(r"^(?P<value>.{6,90})$"), lambda meta, label, value: take_stamp(meta, value)),
    ("byline", re.compile(rf"^(?P<label>By)\s+(?P<value>{NAME}(?:(?:\s*,|\s+and|\s*&)\s+{NAME})*)(?:\s*[,|•·]\s*.{{0,60}})?$"), _on_authors),
    ("byline", re.compile(rf"^(?P<value>{NAME}),\s+(?:[\w-]+\s+){{0,3}}{ROLE_WORDS}s?\b.{{0,60}}$"), _on_authors),
    ("outlet", re.compile(r"^(?P<label>Source|Outlet|Publisher|Publication)\s*:\s*(?P<value>\S.{0,80})$", re.I), _on_outlet),
    ("url", re.compile(r"^(?:(?P<label>URL|Link|Canonical)\s*:\s*)?(?P<value>https?://\S+)$", re.I), _on_url),
)


def _header(line: Line, meta: Meta) -> str | None:
    for name, pattern, handler in HEADERS:
        if (m := pattern.match(line.text)) and handler(meta, m.groupdict().get("label") or name, m.group("value")):
            return name
    return None


def read_plain(text: str, *, source: str, published: dt.date | None = None) -> Batch:
    """One article from plain text."""
    meta = Meta()
    lines = split_lines(text)
    for line in lines[:HEADER_SCAN]:
        if name := _header(line, meta):
            meta.notes.append(Note("boilerplate", f"removed: header ({name})", line.start, line.end))
        elif not meta.title and line.index == len(meta.notes) and line.index < len(lines) - 1 and looks_like_title(line.text):
            meta.title = line.text
            meta.notes.append(Note("boilerplate", "removed: title", line.start, line.end))
        else:
            break
    return Batch([make_article(text, source=source, meta=meta, published=published)])
