"""Regex building blocks of the time grammar.

Month, weekday, year, day, number, unit and hedge patterns that the rules in
`recognise` are written with, and the prepositions that vouch for a bare date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crosswire.analyze import _timewords as W

# ---------------------------------------------------------------------------
# Building blocks of the grammar. Month and weekday names must be capitalised
# (news text capitalises them, and lower-case "may"/"march" are verbs); other
# words are matched case-insensitively with scoped (?i:...) groups.


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "sept" wins over "sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_END = r"(?![A-Za-z])"
MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
MONTH_ABBR_NODOT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}|{MONTH_ABBR_NODOT}{_END})"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAY_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\."
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%.,]\d)(?!\d)"
_ONES = "one two three four five six seven eight nine".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SIMPLE_NUMS = [w for w in W.NUMBER_WORDS if w not in _TENS]
NUM = (
    rf"(?:\d+(?:\s+1/2|\.\d+)?|(?i:(?:{_alt(_TENS)})(?:[\s-](?:{_alt(_ONES)}))?"
    rf"|{_alt(_SIMPLE_NUMS)}|{_alt(W.VAGUE_NUMBERS)}){_END})"
)
UNIT = r"(?i:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie)"
PART = r"(?i:morning|afternoon|evening|night)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
HEDGE = rf"(?i:{_alt(W.HEDGES)})"

_PREPS = frozenset(
    "in on since by of until till during through throughout before after from to for early late "
    "mid this last next each every the fiscal year calendar between and or around".split()
)
