"""Pass 3, leftovers: paragraph-opening quotes that continue the previous speaker,
and transcript lines ("PENCE: Well, ...").
"""

from __future__ import annotations

import bisect
import re

from crosswire.analyze.nlp import doc_text
from crosswire.analyze.quotes.marks import _Quoted, _is_paragraph_start
from crosswire.analyze.quotes.reported import _trim
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


def _transcript_lines(doc, speakers, quotes: list[Quote]) -> list[Quote]:
    """Interview transcripts: "PENCE: Well, look, ..." is the speaker's own words.
    No quotation marks, so by our definition the kind is "indirect"."""
    found = []
    # reported speech inside a line is nested in it; a direct quote is the line itself
    taken = [(q.content_start, q.content_end) for q in quotes if q.kind == "direct"]
    for match in _TRANSCRIPT.finditer(doc_text(doc)):
        start, end = _trim(doc_text(doc), match.start(2), match.end(2))
        if end <= start or _overlaps_any(start, end, taken):
            continue
        name = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if name is None or not len(name):
            continue
        speaker = speakers.resolve_span(name)
        found.append(
            Quote(start, end, match.end(1), match.end(1) + 1, speaker.start, speaker.end,
                  speaker.name, speaker.anonymous, "indirect")
        )
    return found


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start < r_end and r_start < end for r_start, r_end in ranges)
