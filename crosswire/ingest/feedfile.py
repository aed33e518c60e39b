"""RSS and Atom feeds: entries parsed with feedparser (imported only here), and a saved feed read as articles.

    parse_feed(body, url) -> (feed title, entries, problem)   # `crosswire watch`, through ingest/feeds.py
    read_feed(text, *, source, published=None) -> Batch         # a feed file given to compare or ingest

A feed read from a file is read offline: each entry is one article, its text the entry's
full content (`content:encoded`, Atom `<content>`) or else its summary, which is marked
partial, since the entry's page is not fetched (`crosswire watch` fetches it). The entry's
link is its external id (else its id), its date the entry's own. A link that is no http(s)
URL ("javascript:...") is kept as the id only, never as the article's URL.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
import io
import time

from crosswire.errors import CrosswireError, FetchError, InputError, NoArticleText
from crosswire.ingest.assemble import Meta, make_article
from crosswire.ingest.batch import Batch
from crosswire.ingest.dates import ParsedDate, parse_date
from crosswire.ingest.html import fragment_text
from crosswire.model import Note, Problem


@dataclasses.dataclass
class Entry:
    key: str
    link: str | None
    title: str
    summary: str  # plain text
    content: str = ""  # plain text of the entry's full content, when the feed carries it
    published: ParsedDate | None = None
    authors: tuple[str, ...] = ()


def parse_feed(body: bytes, url: str) -> tuple[str, list[Entry], str]:
    """(feed title, entries without duplicates, what was wrong with the XML or "") from RSS or Atom bytes.

    feedparser salvages what it can from broken XML: those entries are kept and the problem is
    returned; a feed with nothing to salvage raises FetchError (outcome "malformed").
    """
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    problem = ""
    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)  # the XML itself is fine
    if parsed.bozo and not isinstance(parsed.get("bozo_exception"), harmless):
        reason = parsed.get("bozo_exception")
        problem = f"malformed XML ({type(reason).__name__}: {reason})".splitlines()[0] if reason else "malformed XML"
        if not parsed.entries:
            exc = FetchError(f"{url}: not a readable RSS or Atom feed: {problem}")
            exc.outcome = "malformed"  # type: ignore[attr-defined]
            raise exc
    entries: dict[str, Entry] = {}
    for item in parsed.entries:
        link = (item.get("link") or "").strip() or None
        key = (item.get("id") or "").strip() or link
        title = " ".join(fragment_text(item.get("title") or "").split())  # feedparser keeps a title's <b>
        summary = fragment_text(item.get("summary") or "")
        if not key:
            key = "sha256:" + hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()[:16]
        content = max((fragment_text(c.get("value") or "") for c in item.get("content") or ()), key=len, default="")
        authors = tuple(a["name"].strip() for a in item.get("authors") or () if (a.get("name") or "").strip())
        entries.setdefault(key, Entry(key, link, title, summary, content, _entry_date(item), authors))
    return " ".join((parsed.feed.get("title") or "").split()), list(entries.values()), problem


def _entry_date(item) -> ParsedDate | None:
    """The entry's published (else updated) date as written, else as feedparser parsed it (in UTC) when the
    year it wrote is the year parsed: feedparser rolls an impossible "2025-13-45" over into 2026."""
    for field in ("published", "updated"):
        written = item.get(field) or ""
        if parsed := parse_date(written):
            return parsed
        stamp: time.struct_time | None = item.get(f"{field}_parsed")
        if stamp and str(stamp.tm_year) in written:
            try:
                moment = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.timezone.utc)
            except (OverflowError, OSError, ValueError):
                continue
            return ParsedDate(moment.date(), moment.strftime("%H:%M"))
    return None


def read_feed(text: str, *, source: str, published: dt.date | None = None) -> Batch:
    """Every entry of a saved RSS or Atom feed as an article; an entry with no text is a Problem."""
    try:
        title, entries, _ = parse_feed(text.encode("utf-8"), source)
    except FetchError as exc:
        raise InputError(source, str(exc).removeprefix(f"{source}: ")) from None
    if not entries:
        raise NoArticleText(source, f"a feed with no entries ({title})" if title else "a feed with no entries")
    batch = Batch()
    for n, entry in enumerate(entries, start=1):
        label = f"{source}:{n}"
        try:
            batch.articles.append(_entry_article(entry, label, published))
        except CrosswireError as exc:
            batch.problems.append(Problem(label, getattr(exc, "reason", str(exc))))
    return batch


def _entry_article(entry: Entry, label: str, published: dt.date | None):
    full = bool(entry.content) and len(entry.content) >= len(entry.summary)
    body = entry.content if full else entry.summary
    if not body:
        raise NoArticleText(label, "feed entry has no text")
    url = entry.link if entry.link and entry.link.lower().startswith(("http://", "https://")) else None
    meta = Meta(title=entry.title, url=url, published=entry.published, authors=entry.authors,
                external_id=entry.link or entry.key)  # fmt: skip
    if not full:
        meta.notes.append(Note("warning", "partial: the feed's summary only; a feed read from a file is not "
                                          "followed to its pages (crosswire watch fetches them)"))  # fmt: skip
    return make_article(body, source=label, meta=meta, published=published)
