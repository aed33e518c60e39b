"""From raw text and what a reader found to an `Article`: the steps all readers share.

Each reader (text, html, records) finds what its format states outright (a
title, header lines, metadata fields) and hands it over as `Meta`. This module
then does what is the same for every format, in this order:

0. time-stamp lines opening the body, or standing as the title ("Posted 11/27/2005
   7:21 AM"): a date, and the headline is the line after them
1. the dateline at the start of the body (place, month/day, maybe the outlet)
2. sign-offs near the end (authors, "with the <Outlet>")
3. the publication date: stated > dateline with year > dateline month/day
   completed from the caller's date or dates in the text > a last-updated
   stamp > the caller's date (all but the first two flagged inferred)
4. the outlet: metadata > URL host > dateline > sign-off (`outlet_from` says which)
5. a language check (`NotEnglish`)

The Article comes out uncleaned (`text == raw_text`); `clean()` removes the
spans marked here by Notes, and everything else that is not reporting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from crosswire.clean.lines import split_lines
from crosswire.clean.signoffs import find_signoffs
from crosswire.errors import NoArticleText, NotEnglish, TooLarge
from crosswire.ingest.dateline import find_dateline
from crosswire.ingest.dates import ParsedDate, dates_in, infer_year, partial_note, stamp_date
from crosswire.ingest.language import detect_non_english
from crosswire.ingest.outlets import outlet_from_url
from crosswire.model import Article, Note


@dataclass(slots=True)
class Meta:
    """What a reader found before the shared steps."""

    title: str = ""
    outlet: str | None = None
    outlet_from: str | None = None  # "metadata" | "header"
    url: str | None = None
    published: ParsedDate | None = None
    updated: ParsedDate | None = None  # a last-updated stamp: the publication date when nothing better is said
    authors: tuple[str, ...] = ()
    external_id: str | None = None
    notes: list[Note] = field(default_factory=list)  # spans already known not to be reporting


def article_id(raw_text: str) -> str:
    """A short content hash: the same text gives the same id on every run."""
    return hashlib.sha256(raw_text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def looks_like_title(text: str) -> bool:
    # A text of one line has no title line: the line is the story.
    return len(text) <= 250 and not (len(text.split()) > 25 and text.endswith("."))


STAMP_LINES = 3  # a time stamp below the headline is looked for this far: a standfirst or a byline may come first


def take_stamp(meta: Meta, line: str) -> bool:
    """Whether `line` is only a time stamp; its date becomes the published (or updated) date if none is known yet."""
    found = stamp_date(line)
    if found is None:
        return False
    parsed, is_update = found
    if is_update:
        meta.updated = meta.updated or parsed
    else:
        meta.published = meta.published or parsed
    return True


# The longest text one article may hold: spaCy's parser and entity model refuse a longer one (its
# nlp.max_length), and no news article comes near it (a long feature runs to 60,000); a book, a log
# or a dump of many articles in one text does.
MAX_CHARS = 1_000_000


def make_article(raw: str, *, source: str, meta: Meta, published: dt.date | None = None) -> Article:
    if len(raw) > MAX_CHARS:
        raise TooLarge(source, f"too long for one article: {len(raw):,} characters, over the {MAX_CHARS:,} "
                               f"that can be analysed; split it into its articles (JSONL: one record a line)")
    notes = list(meta.notes)
    marked = [(n.raw_start, n.raw_end) for n in notes if n.raw_start is not None and n.raw_end is not None]

    def is_marked(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in marked)

    lines = split_lines(raw)
    body = [ln for ln in lines if not is_marked(ln.start, ln.end)]
    body = _strip_stamps(meta, body, notes)
    if not body:
        raise NoArticleText(source, "no article text (only a title and header lines)")
    body_text = "\n".join(ln.text for ln in body)

    # 1. dateline
    dateline = find_dateline(body[0].text)
    if dateline:
        notes.append(
            Note("boilerplate", f"removed: dateline ({dateline.describe()})", body[0].start, body[0].start + dateline.length)
        )

    # 2. sign-offs
    authors = meta.authors
    signoff_outlet = None
    for signoff in find_signoffs(body):
        if signoff.authors and not meta.authors:
            authors = tuple(dict.fromkeys(authors + signoff.authors))
        signoff_outlet = signoff_outlet or signoff.outlet

    # 3. publication date
    date, time, inferred = None, None, False
    for stated in ("published", "updated"):
        if (parsed := getattr(meta, stated)) and not _plausible(parsed.date):
            setattr(meta, stated, None)
            notes.append(Note("warning", f"{stated} date {parsed.date.isoformat()} ignored: not between "
                                         f"{PUBLISHED_YEARS[0]} and {PUBLISHED_YEARS[1]}"))
    if meta.published:
        date, time = meta.published.date, meta.published.time
    elif dateline and dateline.month and dateline.day:
        month, day = dateline.month, dateline.day
        if dateline.year:
            date = _safe_date(dateline.year, month, day)
        else:
            notes.append(partial_note(month, day, f"dateline '{dateline.text}'"))
            year, why = None, ""
            if published:
                year, why = infer_year(month, day, [published]), "the publication date given by the caller"
            elif meta.updated:
                year, why = infer_year(month, day, [meta.updated.date]), "the page's last-updated stamp"
            # Full dates only: a bare "in 2019" is as often the past as the present.
            elif hints := dates_in(body_text):
                year, why = infer_year(month, day, hints), "dates mentioned in the text"
            if year and (date := _safe_date(year, month, day)):
                inferred = True
                notes.append(Note("inferred", f"year {year} of the dateline date {month:02d}-{day:02d} taken from {why}"))
    elif meta.updated:
        date, time, inferred = meta.updated.date, meta.updated.time, True
        notes.append(Note("inferred", f"published date taken from the last-updated stamp ({date.isoformat()})"))
    elif published:
        date = published

    # 4. outlet
    outlet, outlet_from = meta.outlet, meta.outlet_from if meta.outlet else None
    for candidate, origin in (
        (outlet_from_url(meta.url), "url"),
        (dateline.outlet if dateline else None, "dateline"),
        (signoff_outlet, "signoff"),
    ):
        if not outlet and candidate:
            outlet, outlet_from = candidate, origin

    # 5. language
    if reason := detect_non_english(body_text):
        raise NotEnglish(source, reason)

    return Article(
        id=article_id(raw),
        source=source,
        raw_text=raw,
        text=raw,
        title=meta.title,
        outlet=outlet,
        outlet_from=outlet_from,
        url=meta.url,
        published=date,
        published_time=time,
        published_inferred=inferred,
        authors=authors,
        notes=tuple(dict.fromkeys(notes)),
        external_id=meta.external_id,
    )


def _strip_stamps(meta: Meta, body: list, notes: list[Note]) -> list:
    """The body without the time-stamp lines that open it; a title that is a stamp gives way to the next line.

    Pages copied as text often open with "Thursday, December 11, 2008" or "21 July 2013
    Last updated at 11:11 GMT": a date, not a headline, and no part of the report.
    """
    stamp_title = meta.title if meta.title and take_stamp(meta, meta.title) else None
    if stamp_title:
        meta.title = ""
    # a record's text that repeats its headline has the stamp under it ("Headline\nUpdated 9/14/2013 1:03 PM\n...")
    head = 1 if meta.title and body and body[0].text.strip() == meta.title.strip() else 0
    k = head  # the body of a record repeats its title line: it goes with the other stamps
    while k < len(body) - 1 and (body[k].text == stamp_title or take_stamp(meta, body[k].text)):
        notes.append(Note("boilerplate", "removed: header (date)", body[k].start, body[k].end))
        k += 1
    if stamp_title and k < len(body) - 1 and looks_like_title(body[k].text):
        meta.title = body[k].text
        notes.append(Note("boilerplate", "removed: title", body[k].start, body[k].end))
        k += 1
    rest = body[k:]
    if meta.published is None and meta.updated is None:
        # ...or under a standfirst: "Headline / The deck that sums it up / Monday, Sep 10, 2012 | Updated 9:01 AM"
        for j in range(1, min(STAMP_LINES, len(rest) - 1)):
            if take_stamp(meta, rest[j].text):
                notes.append(Note("boilerplate", "removed: header (date)", rest[j].start, rest[j].end))
                rest = rest[:j] + rest[j + 1 :]
                break
    return body[:head] + rest


# A stated date outside these years is a placeholder or a slip ("9999-12-31", "0001-01-01", a year 2205), not the
# day the article came out: it would resolve "Monday" to a day that never was and file the article out of its
# story. Fixed bounds, not the clock: the same file reads the same on any day (see crosswire.ingest).
PUBLISHED_YEARS = (1800, 2100)


def _plausible(date: dt.date) -> bool:
    return PUBLISHED_YEARS[0] <= date.year <= PUBLISHED_YEARS[1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
