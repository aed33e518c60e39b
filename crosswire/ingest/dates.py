"""Publication dates: parse what the source says, infer only what it leaves out.

A dateline often gives a month and day without a year ("Washington, Oct 25").
The year is then taken from other evidence, never from the machine's clock:
the caller's `published` date, full dates in the text, or later the dates of
other sources on the same story (the pipeline calls `infer_year` again and
`with_published` to set it). A date that had to be completed is flagged
`published_inferred=True` and carries a Note(kind="inferred") saying why. When
no year can be known at all, the month and day wait in a Note that
`partial_date` reads back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from crosswire.model import Article, Note

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?"

DATE_PATTERNS = tuple(
    re.compile(p, re.I)
    for p in (
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2})?)?",
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mname>{MONTH})\.?,?\s+(?P<year>\d{{4}}){TIME}",
        rf"(?P<mname>{MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){TIME}",
        r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})",
    )
)
PARTIAL_NOTE = re.compile(r"partial date: month (\d{1,2}), day (\d{1,2})")


@dataclasses.dataclass(frozen=True, slots=True)
class ParsedDate:
    date: dt.date
    time: str | None  # "11:02"


def _month(match: re.Match[str]) -> int:
    if match.groupdict().get("month"):
        return int(match.group("month"))
    return MONTHS[match.group("mname").lower().rstrip(".")]


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_date(text: str) -> ParsedDate | None:
    """The first full date (with year) in `text`, with its time when given."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                date = dt.date(int(match.group("year")), _month(match), int(match.group("day")))
            except (ValueError, KeyError):
                continue
            time = None
            groups = match.groupdict()
            if groups.get("hour") and groups.get("minute"):
                hour = int(groups["hour"])
                ampm = (groups.get("ampm") or "").lower()
                if ampm.startswith("p") and hour < 12:
                    hour += 12
                elif ampm.startswith("a") and hour == 12:
                    hour = 0
                if hour < 24 and int(groups["minute"]) < 60:
                    time = f"{hour:02d}:{groups['minute']}"
            return ParsedDate(date, time)
    return None


# A line that is only a time stamp ("Thursday, December 11, 2008", "Posted 11/27/2005 7:21 AM",
# "21 July 2013 Last updated at 11:11 GMT"): scraped pages often open with one, before or instead
# of the headline. What may stand beside the date: labels, weekdays, clock times, time zones.
_STAMP_WORDS = re.compile(
    r"\b(?:first|last|originally|published|posted|updated|modified|created|story|date|time|on|at|hrs|uk|"
    r"for immediate release|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?|[ap])?|[ap]\.?\s?m\b\.?|\d{4}\s*(?=gmt|utc|hkt|[ecmp][sd]t\b)|"
    r"(?:gmt|utc)(?:[+-]\d{1,2}(?::\d{1,2})?)?|bst|cet|cest|ist|aest|aedt|hkt|jst|kst|sgt|sast|ak[sd]t|[ecmp][sd]?t)\b"
    r"|[+-]\d{4}\b|[,|@/()\s:.–—-]+",
    re.I,
)
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})\b")
_YEAR_FIRST = re.compile(r"\b(?P<year>(?:19|20)\d\d)[./-](?P<month>\d{1,2})[./-](?P<day>\d{1,2})\b")
# a U.S. time zone beside a numeric date says the month comes first ("05/03/2013 at 11:00 AM EDT"), a British,
# European, Indian, South African or Australian one that the day does ("05/03/2013 10:00 BST")
_US_ZONE = re.compile(r"\b(?:[ecmp][sd]?t|et|pt)\b", re.I)
_DAY_FIRST_ZONE = re.compile(r"\b(?:bst|cet|cest|ist|sast|aest|aedt)\b", re.I)


def stamp_date(line: str) -> tuple[ParsedDate, bool] | None:
    """(date, is an update) when the whole line is a date stamp; None for a line that says anything else.

    Numeric dates are read month first (11/27/2005) only when the order cannot be the
    other way round or a U.S. time zone stands beside them ("05/03/2013 11:00 AM EDT"), day first
    beside a British, European or Australian one ("05/03/2013 10:00 BST"); "11/09/2010" alone
    names no day for sure and is not taken.
    """
    text = re.sub(r"\s*([:/])\s*", r"\1", line.strip())  # "1: 12 PM", "11 / 27 / 2005" (tokenised copies)
    text = re.sub(r"(?<=\d)\s*([.-])\s*(?=\d)", r"\1", text)  # "2012. 08. 08", "2012 - 04 - 04"
    if not 6 <= len(text) <= 90 or not re.search(r"\d{4}|\d/\d{1,2}/\d\d\b", text):
        return None
    parsed, rest = None, text
    for pattern in DATE_PATTERNS[:3]:  # every date goes ("Posted: Nov 27, 2005 Last Updated: Nov 28, 2005"), the first counts
        if matches := list(pattern.finditer(text)):
            parsed, rest = parse_date(matches[0].group()), pattern.sub(" ", text)
            break
    if parsed is None and (match := _YEAR_FIRST.search(text)):
        parsed = _numeric(int(match.group("year")), int(match.group("month")), int(match.group("day")))
        rest = text[: match.start()] + " " + text[match.end() :]
    if parsed is None and (match := _NUMERIC_DATE.search(text)):
        a, b = int(match.group("a")), int(match.group("b"))
        rest = text[: match.start()] + " " + text[match.end() :]
        day_first = a > 12 or (b <= 12 and _DAY_FIRST_ZONE.search(rest) is not None)
        if (a > 12) == (b > 12) and a != b and not _US_ZONE.search(rest) and not day_first:
            return None  # both could be the month: which is the day is unknown
        month, day = (b, a) if day_first else (a, b)
        year = int(match.group("year"))
        if year < 100:  # "11/28/05": the POSIX pivot, 69-99 -> 1900s (no clock is read)
            year += 1900 if year >= 69 else 2000
        parsed = _numeric(year, month, day)
    if parsed is None or _STAMP_WORDS.sub("", rest).strip():
        return None
    labels = rest.lower()
    return parsed, "updated" in labels and not re.search(r"published|posted", labels)


def _numeric(year: int, month: int, day: int) -> ParsedDate | None:
    try:
        return ParsedDate(dt.date(year, month, day), None)
    except ValueError:
        return None


def dates_in(text: str, limit: int = 50) -> list[dt.date]:
    """Full dates mentioned in a text (hints for a missing year)."""
    found = []
    for pattern in DATE_PATTERNS[1:3]:
        for match in pattern.finditer(text):
            try:
                found.append(dt.date(int(match.group("year")), _month(match), int(match.group("day"))))
            except ValueError:
                continue
            if len(found) >= limit:
                return found
    return found


def years_in(text: str) -> list[int]:
    """Four-digit years a text mentions, e.g. "in 2025" (weak hints)."""
    return [int(y) for y in re.findall(r"(?<![\d$€£.,])(?:19[5-9]\d|20\d\d)(?![\d%])", text)]


def infer_year(month: int, day: int, hints: Iterable[dt.date | int]) -> int | None:
    """The most likely year of a month/day, from other dates; None without hints.

    Each full date votes for the year that puts month/day nearest to it (so
    "Dec 30" with a hint of 2026-01-02 votes 2025). Bare years are used only
    when there is no full date, each voting for itself. Ties go to the later year.
    """
    votes: Counter[int] = Counter()
    dates = [h for h in hints if isinstance(h, dt.date)]
    years = [h for h in hints if isinstance(h, int) and not isinstance(h, bool)] if not dates else []
    for hint in dates:
        best = None
        for year in (hint.year - 1, hint.year, hint.year + 1):
            try:
                distance = abs((dt.date(year, month, day) - hint).days)
            except ValueError:  # Feb 29 in a common year
                continue
            if best is None or distance < best[0]:
                best = (distance, year)
        if best:
            votes[best[1]] += 1
    for year in years:
        votes[year] += 1
    if not votes:
        return None
    top = max(votes.values())
    return max(year for year, count in votes.items() if count == top)


def partial_note(month: int, day: int, origin: str) -> Note:
    return Note("inferred", f"partial date: month {month}, day {day} (from {origin}); year not stated")


def partial_date(article: Article) -> tuple[int, int] | None:
    """The month and day an article gave without a year, if it did."""
    for note in article.notes:
        if note.kind == "inferred" and (m := PARTIAL_NOTE.search(note.message)):
            return int(m.group(1)), int(m.group(2))
    return None


def with_published(
    article: Article, date: dt.date, inferred: bool = True, reason: str | None = None
) -> Article:
    """A copy of `article` published on `date`, with a Note saying why."""
    message = reason or f"published date set to {date.isoformat()}" + (" (inferred)" if inferred else "")
    return dataclasses.replace(
        article,
        published=date,
        published_inferred=inferred,
        notes=article.notes + (Note("inferred", message),),
    )
