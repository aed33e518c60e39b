"""Time expressions in news text, normalised to TimeML (TIMEX3) against the publication date.

Pure Python: a grammar of compiled regular expressions finds candidates, each rule's
handler normalises its match against the document creation time (DCT), and a few
passes then pick non-overlapping expressions, attach modifiers ("late", "about"),
join ranges ("October 31 to November 1") and resolve what depends on other
expressions (a clock time takes the day its sentence names; "a year earlier" takes
the quarter the story is about).

Direction of bare weekdays and months comes from tense cues near the expression
(`resolve._direction`): "will", "scheduled" point forward, "said", "-ed" verbs point back;
without a cue a weekday is the nearest one and a month the most recent.

The package, in reading order: `patterns` (regex building blocks), `recognise`
(the rules and `_find`), `handlers` (one per rule), `values` (TimeML values and
calendar arithmetic), `resolve` (tense cues, resolution against the DCT),
`passes` (selection, modifiers, ranges, anaphora, clock days), `candidates`
(`_Cand`, `_Ctx`); the word tables are in `crosswire.analyze._timewords`.
"""

from __future__ import annotations

import datetime as dt
import re

from crosswire.analyze.times.candidates import _Ctx
from crosswire.analyze.times.passes import _anaphora, _clock_days, _modifiers, _ranges, _select
from crosswire.analyze.times.recognise import _find
from crosswire.model import TimeExpr

# ---------------------------------------------------------------------------
# Public API


# Time words written with a capital in mid-sentence belong to a name: “CBS This Morning”, the Today show.
_NAME_WORD = re.compile(r"(?:This|Today|Tonight|Tomorrow|Yesterday|Morning|Evening|Night)\b")


def _in_a_name(ctx: _Ctx, cand) -> bool:
    """A time that opens with a capitalised "This", "Today", "Morning" ... away from a sentence's start."""
    if not _NAME_WORD.match(ctx.text, cand.start):
        return False
    sentence_start, _ = ctx.sentence(cand.start)
    before = ctx.text[sentence_start : cand.start].strip(" \t\"“‘'(")
    return bool(before) and not before.endswith((":", "—", "–"))


def find_times(
    text: str, published: dt.date | None, *, spans: list[tuple[int, int]] | None = None
) -> list[TimeExpr]:
    """Time expressions in `text`, normalised against the publication date `published`.

    `spans` are optional hints (e.g. spaCy DATE/TIME entities): inside them the
    grammar also accepts words it would doubt alone (a bare "May"). Returns
    non-overlapping expressions sorted by start.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    ctx = _Ctx(text, published)
    cands = _find(ctx)
    if spans:
        relaxed = _Ctx(text, published, relaxed=True)
        relaxed.sent_starts = ctx.sent_starts
        for a, b in spans:
            cands.extend(_find(relaxed, a, b))
    cands = _select([c for c in cands if not _in_a_name(ctx, c)])
    _modifiers(ctx, cands)
    cands = _ranges(ctx, cands)
    _anaphora(ctx, cands)
    cands = _clock_days(ctx, cands)
    out = []
    for c in cands:
        if c.anaphor and published is None:
            c.begin = c.end_date = None
        out.append(TimeExpr(
            start=c.start, end=c.end, text=text[c.start : c.end], type=c.type, value=c.value,
            begin=c.begin, end_date=c.end_date, granularity=c.granularity, mod=c.mod,
        ))
    return out
