"""Pass 3, leftovers: paragraph-opening quotes that continue the previous speaker,
transcript lines ("PENCE: Well, ...") and a title that names its speaker ("Poll: ...").
"""

from __future__ import annotations

import bisect
import re

from crosswire.analyze.nlp import doc_text
from crosswire.analyze.quotes.marks import _Quoted, _is_paragraph_start
from crosswire.analyze.quotes.reported import _reported_kind, _trim
from crosswire.model import Quote


# ---------------------------------------------------------------------------
# Continued quotes


def _continuations(text: str, quoted: list[_Quoted], quotes: list[Quote]) -> list[Quote]:
    """A paragraph-opening quote with no attribution continues the speaker of the
    quote that ended in the paragraph before."""
    found = []
    ordered = sorted(quotes, key=lambda q: q.content_end)
    ends = [q.content_end for q in ordered]
    for span in quoted:
        if span.used or not _is_paragraph_start(text, span.opening):
            continue
        if _overlaps_any(span.start, span.end, [(q.content_start, q.content_end) for q in quotes]):
            continue
        k = bisect.bisect_left(ends, span.start) - 1
        if k < 0:
            continue
        previous = ordered[k]
        if text.count("\n", previous.content_end, span.start) > 1 or previous.kind == "indirect":
            continue
        span.used = True
        found.append(
            Quote(span.start, span.end, None, None, None, None, previous.speaker, previous.anonymous, "direct")
        )
    return found


_TRANSCRIPT = re.compile(r"""^["“]?([A-Z][A-Z.'’ -]{1,40}):[ \t\xa0]+(\S.*)$""", re.MULTILINE)


# Newsroom labels that look like a transcript speaker ("CORRECTION: An earlier version ...").
_NOT_SPEAKERS = frozenset(
    {"CLARIFICATION", "CORRECTION", "CORRECTIONS", "UPDATE", "UPDATED", "EDITOR'S NOTE", "EDITOR’S NOTE",
     "NOTE", "NOTES", "WATCH", "RELATED", "READ MORE", "PHOTOS", "VIDEO", "SOURCE", "SOURCES", "BREAKING",
     "PUBLISHED", "POSTED", "LAST UPDATED", "REPORT", "MUST SEE", "ON DEADLINE", "EXCLUSIVE", "ANALYSIS"}
)
# A line's words that are a date or a time, a page's stamp ("POSTED: 05/02/07, 9:00 PM"), not anyone's words
_STAMP = re.compile(r"\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,4}\s*[/:.,-]|(?:jan|feb|mar|apr|may|jun|"
                    r"jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)", re.IGNORECASE)


def _transcript_lines(doc, speakers, quotes: list[Quote]) -> list[Quote]:
    """Interview transcripts: "PENCE: Well, look, ..." is the speaker's own words.
    No quotation marks, so by our definition the kind is "indirect"."""
    found = []
    # reported speech inside a line is nested in it; a direct quote is the line itself
    taken = [(q.content_start, q.content_end) for q in quotes if q.kind == "direct"]
    text = doc_text(doc)
    for match in _TRANSCRIPT.finditer(text):
        if match.group(1).strip().upper() in _NOT_SPEAKERS:
            continue
        if _STAMP.match(match.group(2)):
            continue
        turn_end = _turn_end(text, match)
        start, end = _trim(text, match.start(2), turn_end)
        if cut := _INTERRUPTED.search(text, match.start(2), turn_end):
            end = cut.start() + 2  # an interrupted turn ("I want to try to get —.") keeps its dash
        if end <= start or _overlaps_any(start, end, taken):
            continue
        name = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if name is None or not len(name):
            continue
        speaker = speakers.resolve_span(name)
        label = speaker.name  # "HOST" a name, "Host"; an acronym the model knows for a body stays ("NCAA")
        if label and label.isupper() and not any(t.ent_type_ in ("ORG", "GPE", "NORP") for t in name):
            label = label.title()
        found.append(
            Quote(start, end, match.end(1), match.end(1) + 1, speaker.start, speaker.end,
                  label, speaker.anonymous, "indirect")
        )
    return found


_STAGE = re.compile(r"""^["“]?[(\[][^)\]]*[)\]]\.?$""")  # "(CROSSTALK.)", "[APPLAUSE]"
_INTERRUPTED = re.compile(r"\s[—–]\.?\s*$")
_PARAGRAPH = re.compile(r"\n+([^\n]*)")


def _turn_end(text: str, match: re.Match) -> int:
    """Where a transcript turn ends: its line, and the paragraphs after it that go on with it.

    In a transcript quoted as a whole, each paragraph opens with a quotation mark and
    none closes; a turn goes on over such paragraphs until the next speaker's line, a
    stage direction ("(CROSSTALK.)") or a paragraph that closes the quotation (it may be
    the writer's again). An unquoted transcript's turn is its line alone: a paragraph
    after it may be the writer's.
    """
    end = match.end(2)
    opening = match.group(0)[:1]
    if opening not in "\"“":
        return end
    for paragraph in _PARAGRAPH.finditer(text, end):
        line = paragraph.group(1).strip()
        if paragraph.start() != end or not line.startswith(opening) or _TRANSCRIPT.match(line) or _STAGE.match(line) \
                or line.endswith(("\"", "”")):
            break
        end = paragraph.end()
    return end


_HEADLINE = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):[ \t]+(\S[^\n]*)")


def _headline(doc, speakers, quotes: list[Quote]) -> list[Quote]:
    """A title line that names who says its words: "Poll: Voters Sour on Plan",
    "Kim Lee: We Will Rebuild". The name is one word or holds a named person or
    organisation ("Stealth Over Health: ..." is a title of the writer's own)."""
    text = doc_text(doc)
    match = _HEADLINE.match(text)
    if match is None or match.group(1).split()[0] in ("The", "A", "An") or match.group(1).isupper():
        return []  # an upper-case name is a transcript line's
    if match.group(1).upper() in _NOT_SPEAKERS:  # "Update: ..."
        return []
    start, end = _trim(text, match.start(2), match.end(2))
    name = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
    if name is None or end <= start or _overlaps_any(start, end, [(q.content_start, q.content_end) for q in quotes]):
        return []
    if len(name) > 1 and not any(t.ent_type_ in ("PERSON", "ORG") for t in name):
        return []
    speaker = speakers.resolve_span(name)
    return [Quote(start, end, match.end(1), match.end(1) + 1, speaker.start, speaker.end,
                  speaker.name, speaker.anonymous, _reported_kind(text, start, end))]


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start < r_end and r_start < end for r_start, r_end in ranges)
