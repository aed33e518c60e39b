"""Candidate finding: the grammar of (pattern, handler, trigger) rules and `_find`.

Every rule runs, only in windows around its trigger words; each match goes to its
handler (in `handlers`), and the passes in `passes` later choose among the candidates.
"""

from __future__ import annotations

import re

from crosswire.analyze import _timewords as W
from crosswire.analyze.times.candidates import _Cand, _Ctx
from crosswire.analyze.times.handlers import (
    _REL_DIRECTIONS,
    Handler,
    _ago_match,
    _clock_match,
    _date_match,
    _decade_match,
    _deictic_match,
    _duration_match,
    _holiday_match,
    _iso_match,
    _month_match,
    _month_year_match,
    _quarter_match,
    _quarter_ref_match,
    _ref_match,
    _rel_part_match,
    _rel_unit_match,
    _season_match,
    _set_match,
    _slash_match,
    _spoken_year_match,
    _vague_duration_match,
    _weekday_match,
    _weekend_match,
    _year_ago_match,
    _year_match,
)
from crosswire.analyze.times.patterns import (
    _END,
    _ONES,
    _TENS,
    DAY,
    MONTH,
    MONTH_ABBR,
    MONTH_FULL,
    NUM,
    PART,
    SEASON,
    UNIT,
    WEEKDAY,
    WEEKDAY_ABBR,
    YEAR,
    _alt,
)

# ---------------------------------------------------------------------------
# The grammar: (pattern, handler). All rules run; the longest candidate wins.

_TENS_ALT = _alt(_TENS)
_ONES_ALT = _alt(_ONES)
_TEENS_ALT = _alt("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())
_REL_WORDS = _alt(_REL_DIRECTIONS)
_QUARTER_DET = (r"(?i:the\s+(?:fiscal\s+)?|its\s+(?:fiscal\s+)?|this\s+year's\s+|(?P<yrel>last|next)\s+year's\s+"
                r"|(?P<prev>the\s+year-(?:earlier|ago)|the\s+comparable\s+year-(?:earlier|ago))\s+)")

# Each rule also names a trigger: a cheap regex for a word every match contains.
# A rule runs only in windows around its triggers, which keeps the whole grammar
# fast on long texts (most rules never fire in a given article).
_T_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_T_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_T_UNIT = r"(?i:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur)"

_RULES: list[tuple[str, Handler, str]] = [
    (rf"(?:(?:{WEEKDAY}|{WEEKDAY_ABBR}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})"
     rf"(?:\s*(?:-|–|(?i:to|through))\s*(?P<day2>[12]\d|3[01]|0?[1-9])(?!\d))?"
     rf"(?:,?\s+(?P<year>{YEAR}))?(?!\s*(?:%|(?i:percent|million|billion|thousand)))", _date_match, _T_MONTH),
    (rf"(?:(?:{WEEKDAY}|{WEEKDAY_ABBR}),?\s+)?(?:(?i:the)\s+)?(?P<day>{DAY})(?:\s+(?i:of))?\s+(?P<mon>{MONTH})"
     rf"(?:,?\s+(?P<year>{YEAR}))?", _date_match, _T_MONTH),
    (rf"(?<![\d-])(?P<year>{YEAR})-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
     r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?!\d)", _iso_match, r"\d-\d"),
    (r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", _slash_match, r"\d/\d"),
    (rf"(?P<mon>{MONTH}),?\s+(?:(?i:of)\s+)?(?:(?P<year>{YEAR})|(?P<rel>(?i:this|last|next))\s+(?i:year){_END})",
     _month_year_match, _T_MONTH),
    (rf"(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|past|coming|each|every)\s+)?"
     rf"(?P<mon>{MONTH_FULL}|{MONTH_ABBR}){_END}", _month_match, _T_MONTH),
    (rf"(?P<pre>(?i:fiscal(?:\s+year)?|FY|calendar(?:\s+year)?|the\s+year|(?:the\s+)?fiscal\s+year)\s*)?(?<![\d.,$-])(?P<year>{YEAR})(?!\s*-\s*\d)(?!'?s\b)",
     _year_match, r"(?:1[6-9]|20)\d\d"),
    (rf"(?:(?i:the)\s+)?(?:(?P<pos>(?i:early|mid|late))[\s-]*)?(?:(?P<dec>(?:1[5-9]|20)\d0)'?s|'(?P<short>\d0)s)\b"
     , _decade_match, r"0'?s\b"),
    (rf"(?P<det>{_QUARTER_DET})?(?:(?P<year>{YEAR})\s+)?(?:(?i:fiscal)[\s-]+)?"
     rf"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))(?P<sep>[\s-]+)(?:(?i:fiscal)[\s-]+)?(?i:quarter)"
     rf"(?:\s+(?:(?i:of)\s+)?(?:(?i:fiscal)\s+)?(?P<year2>{YEAR}))?(?P<qn>)(?P<short>)(?P<ago>\s+(?i:a\s+year\s+(?:ago|earlier)))?", _quarter_match, r"(?i:quarter)"),
    (rf"(?P<det>)(?P<sep>)(?P<ord>)(?P<prev>)(?P<yrel>)\b[Qq](?P<qn>[1-4])(?:\s+(?P<year>{YEAR})|[\s']+(?P<short>\d\d)\b)?(?P<year2>)(?P<ago>)\b", _quarter_match, r"\b[Qq][1-4]\b"),
    (rf"(?i:the\s+(?:(?P<year>{YEAR})\s+)?(?:(?P<latest>latest|most\s+recent)|current|comparable|same|(?P<ago>year-(?:earlier|ago))|(?P<ago2>comparable\s+year-(?:earlier|ago)))?\s*"
     r"(?:fiscal\s+)?(?:quarter|period)(?:\s+(?P<ago3>a\s+year\s+(?:ago|earlier)))?)(?![\w-])", lambda m, c: _quarter_ref_match(_AgoAny(m), c), r"(?i:quarter|period)"),
    (r"(?i:\ba\s+year\s+(?:ago|earlier|before)|\b(?:the\s+)?year-(?:earlier|ago)(?:\s+period)?)(?![\w-])", _year_ago_match, r"(?i:year)"),
    (rf"(?P<rel>(?i:{_REL_WORDS}))\s+(?P<unit>(?i:week|weekend|month|year|quarter|decade|fiscal\s+year)){_END}", _rel_unit_match, r"(?i:week|month|year|quarter|decade)"),
    (rf"(?i:the\s+weekend){_END}", _weekend_match, r"(?i:weekend)"),
    (rf"(?P<rel>(?i:this|last|tomorrow))\s+(?P<part>{PART}){_END}", _rel_part_match, r"(?i:morning|afternoon|evening|night)"),
    (rf"(?P<rel>(?i:to))(?P<part>(?i:night)){_END}", _rel_part_match, r"(?i:tonight)"),
    (rf"(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow)){_END}"
     rf"(?:\s+(?P<part>{PART}){_END})?", _deictic_match, r"(?i:today|yesterday|tomorrow)"),
    (rf"(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|coming|past)\s+)?(?P<wd>{WEEKDAY})(?![a-z])"
     rf"(?:'s)?(?:\s+(?P<part>{PART}){_END})?", _weekday_match, _T_WEEKDAY),
    (rf"(?P<num>{NUM})\s+(?P<unit>{UNIT})s?\s+(?P<dir>(?i:ago|from\s+now|hence)){_END}", _ago_match, r"(?i:ago\b|from\s+now|hence)"),
    (rf"(?:(?i:the)\s+)?(?:(?i:past|last|next|coming|first|latest|previous|following|final|initial|remaining|ensuing)\s+)?"
     rf"(?:(?P<num0>{NUM})\s+(?i:to|or)\s+)?(?P<num>{NUM})(?:\s+(?i:and\s+a\s+half))?"
     rf"(?:\s+(?i:more|additional|full|straight|consecutive))?[\s-]+(?P<unit>{UNIT})(?P<pl>s)?(?![\w])(?!-\w)",
     _duration_match, _T_UNIT),
    (rf"(?:(?i:the)\s+)?(?:(?P<rel>(?i:recent|past|last|coming|next|following|previous))\s+)?"
     rf"(?P<vague>(?i:several|a\s+few|few|many|some))?\s*(?P<unit>(?i:hours|days|weeks|months|years|decades))(?:\s+(?i:ahead|to\s+come))?{_END}",
     _vague_duration_match, r"(?i:hours|days|weeks|months|years|decades)"),
    (rf"(?P<freq>(?i:{_alt(W.FREQUENCY_WORDS)})){_END}", _set_match, r"(?i:ly\b)"),
    (rf"(?i:every|each)\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})s?{_END}", _set_match, r"(?i:every|each)"),
    (rf"(?i:every|each)\s+(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?{_END}", _set_match, r"(?i:every|each)"),
    (rf"(?:on\s+)?(?P<wd>{WEEKDAY})s(?:\s+(?P<part>{PART})s?)?{_END}", _set_match, r"days\b"),
    (rf"(?P<times>(?i:once|twice|(?:\d+|{_alt(_ONES)}|several|three)\s+times)\s+)?(?P<per>(?i:a|an|per))\s+(?P<unit>{UNIT}){_END}", _set_match, _T_UNIT),
    (r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*"
     r"(?P<ap>(?i:a\.\s?m\.|p\.\s?m\.|a\.m|p\.m|am|pm)(?![A-Za-z]))"  # "p. m.": a page that spaces it out
     r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|(?i:local\s+time))\b)?", _clock_match, r"(?i:[ap]\.?\s?m)"),
    (r"(?<![\d:.])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|(?i:local\s+time))\b)?",
     _clock_match, r"\d:\d"),
    (rf"(?P<h>[01]?\d)\s+(?P<oclock>o'clock)", _clock_match, r"o'clock"),
    (rf"(?P<word>(?i:noon|midnight|midday)){_END}", _clock_match, r"(?i:noon|midnight|midday)"),
    (rf"(?:(?P<rel>(?i:this\s+past|this\s+coming|the\s+past|the\s+coming|this|last|next|past|coming|the))\s+)?"
     rf"(?P<season>{SEASON}){_END}(?:,?\s+(?:(?i:of)\s+)?(?P<year>{YEAR}))?", _season_match, r"(?i:spring|summer|fall|autumn|winter)"),
    (rf"(?P<name>(?i:{_alt(list(W.FIXED_HOLIDAYS) + list(W.WEEKDAY_HOLIDAYS))})){_END}(?:,?\s+(?P<year>{YEAR}))?",
     _holiday_match, r"(?i:day|eve|christmas|thanksgiving|halloween|fourth)"),
    (rf"(?P<word>(?i:{_alt(W.REFS)})){_END}", _ref_match, r"(?i:now|current|present|recent|late|days|moment|past|future)"),
    (rf"(?:(?i:the\s+year\s+))?(?:(?P<thousand>(?i:two\s+thousand))(?:\s+(?:(?i:and)\s+)?(?P<rest>(?i:{_ONES_ALT}|{_TEENS_ALT})))?"
     rf"|(?P<cent>(?i:nineteen|eighteen))[\s-]+(?P<rest2>(?i:(?:{_TENS_ALT})(?:[\s-](?:{_ONES_ALT}))?|{_TEENS_ALT}))){_END}",
     _spoken_year_match, r"(?i:thousand|nineteen|eighteen)"),
]


class _AgoAny:
    """Folds the three ways of saying "a year ago" in the quarter rule into one group."""

    def __init__(self, m: re.Match) -> None:
        self._m = m

    def __getitem__(self, key: str):
        if key == "ago":
            return self._m["ago"] or self._m["ago2"] or self._m["ago3"]
        return self._m[key]

    def start(self, *a):
        return self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)


_COMPILED: list[tuple[re.Pattern, Handler, re.Pattern]] = [
    (re.compile(r"(?<![\w'])" + pat if not pat.startswith("(?<") else pat), h, re.compile(trigger))
    for pat, h, trigger in _RULES
]
_WINDOW_BEFORE, _WINDOW_AFTER = 70, 50  # reach of a rule around its trigger word


def _windows(trigger: re.Pattern, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Merged [start, end) windows around each trigger hit."""
    out: list[list[int]] = []
    for t in trigger.finditer(text, lo, hi):
        a, b = max(lo, t.start() - _WINDOW_BEFORE), min(hi, t.end() + _WINDOW_AFTER)
        if out and a <= out[-1][1]:
            out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _find(ctx: _Ctx, lo: int = 0, hi: int | None = None) -> list[_Cand]:
    out: list[_Cand] = []
    hi = len(ctx.text) if hi is None else hi
    for pattern, handler, trigger in _COMPILED:
        for a, b in _windows(trigger, ctx.text, lo, hi):
            for m in pattern.finditer(ctx.text, a, b):
                cand = handler(m, ctx)
                if cand is not None and cand.end > cand.start:
                    out.append(cand)
    return out
