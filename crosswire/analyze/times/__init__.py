"""Time expressions in news text, normalised to TimeML (TIMEX3) against the publication date.

Pure Python: a grammar of compiled regular expressions finds candidates, each rule's
handler normalises its match against the document creation time (DCT), and a few
passes then pick non-overlapping expressions, attach modifiers ("late", "about"),
join ranges ("October 31 to November 1") and resolve what depends on other
expressions (a clock time takes the day its sentence names; "a year earlier" takes
the quarter the story is about).

Direction of bare weekdays and months comes from tense cues near the expression
(`_direction`): "will", "scheduled" point forward, "said", "-ed" verbs point back;
without a cue a weekday is the nearest one and a month the most recent.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from crosswire.analyze import _timewords as W
from crosswire.model import TimeExpr

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

# ---------------------------------------------------------------------------
# Candidates


@dataclass(slots=True)
class _Cand:
    """A time expression found by one rule, before the passes that combine them."""

    start: int
    end: int
    type: str
    value: str
    begin: dt.date | None = None
    end_date: dt.date | None = None
    granularity: str | None = None
    mod: str | None = None
    anaphor: str | None = None  # "year_ago" | "quarter": resolved against earlier expressions
    needs_day: bool = False  # a clock time whose day comes from its sentence
    quarter: tuple[int, int] | None = None  # (year, q) of an explicit quarter


class _Ctx:
    """The text being read, its DCT and sentence starts (for tense cues)."""

    _SENT = re.compile(r"\n+|(?<=[.!?])[\"'”’)]*\s+(?=[\"“(]?[A-Z])")
    # A period after these ends an abbreviation, not a sentence ("at 8 p.m. Tuesday").
    _ABBREV = re.compile(r"(?:\b[ap]\.m|\b(?:Mrs?|Ms|Dr|St|Gen|Sen|Rep|Gov|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$")

    def __init__(self, text: str, dct: dt.date | None, relaxed: bool = False) -> None:
        self.text = text
        self.dct = dct
        self.relaxed = relaxed  # a hint span vouches for it: accept bare "May"
        self.sent_starts = [0] + [
            m.end() for m in self._SENT.finditer(text)
            if m.group().startswith("\n") or not self._ABBREV.search(text, max(0, m.start() - 6), m.start())
        ]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        end = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return self.sent_starts[i], end

    def before(self, pos: int, n: int = 30) -> str:
        return self.text[max(0, pos - n) : pos]

    def after(self, pos: int, n: int = 30) -> str:
        return self.text[pos : pos + n]


# ---------------------------------------------------------------------------
# Calendar helpers


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _season_of(d: dt.date) -> tuple[int, str]:
    """Meteorological season; December belongs to the winter of its own year."""
    if d.month in (1, 2):
        return d.year - 1, "WI"
    return d.year, ("SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[d.month - 3]


_SEASON_ORDER = ("SP", "SU", "FA", "WI")


def _number(word: str) -> float | None:
    """2 for "two", "2" or "two-"; None for vague amounts ("several")."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if re.fullmatch(r"\d+ 1/2", w):
        return int(w.split()[0]) + 0.5
    if w in W.NUMBER_WORDS:
        return W.NUMBER_WORDS[w]
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in W.NUMBER_WORDS and parts[1] in W.NUMBER_WORDS:
        return W.NUMBER_WORDS[parts[0]] + W.NUMBER_WORDS[parts[1]]
    return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else str(n)


# A fraction of a unit is written in the next smaller one: P2Y6M, PT5H30M.
_SMALLER = {"year": (12, "month"), "month": (30, "day"), "week": (7, "day"), "day": (24, "hour"),
            "hour": (60, "minute"), "minute": (60, "second")}


def _duration_value(n: float | None, unit: str) -> str:
    """TimeML duration: P2D, PT3H, P20Y for two decades, PXW for "weeks", P2Y6M."""
    unit = unit.lower().rstrip("s")
    if n is not None and n != int(n) and unit in _SMALLER:
        factor, smaller = _SMALLER[unit]
        whole = _duration_value(int(n), unit) if int(n) else ("PT" if unit in W.TIME_UNITS else "P")
        part = _duration_value(round((n - int(n)) * factor), smaller)
        if "T" in part and "T" in whole:
            part = part.replace("PT", "")
        elif "T" in part:
            part = part.replace("P", "")
        else:
            part = part[1:]
        return whole + part
    if unit == "centurie":
        unit = "century"
    if unit in ("decade", "century"):
        factor = 10 if unit == "decade" else 100
        return f"P{_fmt_num(n * factor)}Y" if n is not None else "PXY" if unit == "decade" else "PXC"
    if unit == "fortnight":
        return f"P{_fmt_num(n * 2)}W" if n is not None else "PXW"
    if unit == "night":
        unit = "day"
    letter = W.UNITS[unit]
    prefix = "PT" if unit in W.TIME_UNITS else "P"
    return f"{prefix}{_fmt_num(n)}{letter}"


# ---------------------------------------------------------------------------
# Normalised values: one constructor per granularity. Without a DCT the year
# (or more) is unknown and TimeML writes it with X.


def _day(d: dt.date) -> dict:
    return dict(type="DATE", value=d.isoformat(), begin=d, end_date=d, granularity="day")


def _month(year: int, month: int) -> dict:
    return dict(
        type="DATE", value=f"{year:04d}-{month:02d}", begin=dt.date(year, month, 1),
        end_date=_month_end(year, month), granularity="month",
    )


def _year(year: int) -> dict:
    return dict(type="DATE", value=f"{year:04d}", begin=dt.date(year, 1, 1),
                end_date=dt.date(year, 12, 31), granularity="year")


def _quarter(year: int, q: int) -> dict:
    first = 3 * (q - 1) + 1
    return dict(type="DATE", value=f"{year:04d}-Q{q}", begin=dt.date(year, first, 1),
                end_date=_month_end(year, first + 2), granularity="quarter")


def _week(d: dt.date) -> dict:
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=iso.weekday - 1)
    return dict(type="DATE", value=f"{iso.year:04d}-W{iso.week:02d}", begin=monday,
                end_date=monday + dt.timedelta(days=6), granularity="week")


def _weekend(d: dt.date) -> dict:
    iso = d.isocalendar()
    saturday = d + dt.timedelta(days=6 - iso.weekday)
    return dict(type="DATE", value=f"{iso.year:04d}-W{iso.week:02d}-WE", begin=saturday,
                end_date=saturday + dt.timedelta(days=1), granularity="week")


def _season(year: int, code: str) -> dict:
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    last_y, last_m = _shift_months(year, first, 2)
    return dict(type="DATE", value=f"{year:04d}-{code}", begin=dt.date(year, first, 1),
                end_date=_month_end(last_y, last_m), granularity="season")


def _decade(first_year: int) -> dict:
    return dict(type="DATE", value=f"{first_year // 10:03d}X", begin=dt.date(first_year, 1, 1),
                end_date=dt.date(first_year + 9, 12, 31), granularity="decade")


def _unknown(value: str, granularity: str | None, type_: str = "DATE") -> dict:
    return dict(type=type_, value=value, granularity=granularity)


def _ref(value: str) -> dict:
    return dict(type="DATE", value=value)


# ---------------------------------------------------------------------------
# Tense cues: which way a bare "Friday" or "July" points from the DCT.

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_CLAUSE_BREAK = re.compile(r"[;\n\"“”]")
_BE = frozenset({"be", "been", "being"})


def _cue(words: list[str], i: int) -> str | None:
    """The direction word i gives, if any: "future", "past" or "neutral" (stop looking)."""
    w = words[i]
    low = w.lower()
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    prev = words[i - 1].lower() if i > 0 else ""
    if low == "would" or low == "could" or low == "might":
        return "neutral"  # reported future or conditional: let the calendar decide
    if low == "set":
        return "future" if nxt in ("to", "for") else None
    if low == "to" and prev in ("is", "are", "am"):
        return "future"
    if low in W.FUTURE_CUES:
        return "future"
    past = low in W.PAST_CUES or (
        w.islower() and len(low) > 4 and low.endswith("ed") and low not in W.NOT_PAST_ED
    )
    if past:
        return None if prev in _BE else "past"  # "will be held": keep looking for "will"
    return None


def _direction(ctx: _Ctx, start: int, end: int) -> str | None:
    """"future", "past" or None from the nearest tense cue in the sentence."""
    s0, s1 = ctx.sentence(start)
    left = ctx.text[s0:start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    words = _WORD.findall(left)[-14:]
    for i in range(len(words) - 1, -1, -1):
        cue = _cue(words, i)
        if cue:
            return None if cue == "neutral" else cue
    right = _WORD.findall(ctx.text[end:s1])[:8]
    for i in range(len(right)):
        cue = _cue(right, i)
        if cue:
            return None if cue == "neutral" else cue
    return None


# ---------------------------------------------------------------------------
# Resolution of partial dates against the DCT


def _resolve_weekday(dct: dt.date, weekday: int, direction: str | None) -> dt.date:
    back = (dct.isoweekday() - weekday) % 7
    fwd = (weekday - dct.isoweekday()) % 7
    if direction == "past":
        return dct - dt.timedelta(days=back)
    if direction == "future":
        return dct + dt.timedelta(days=fwd)
    return dct - dt.timedelta(days=back) if back <= 3 else dct + dt.timedelta(days=fwd)


def _resolve_month_day(dct: dt.date, month: int, day: int, direction: str | None) -> dt.date | None:
    """The nearest occurrence; a tense cue moves it across the DCT only when it is far.

    Tense cues are noisy ("the vote, delayed, is Dec. 7"), and news mostly names
    dates close to the story, so a cue only decides the ambiguous middle band
    (four to six months either way)."""
    options = [d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := _safe_date(y, month, day))]
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - dct).days))
    gap = (best - dct).days
    if direction == "past" and gap > _FLIP_DAYS:
        best = max((d for d in options if d <= dct), default=best)
    elif direction == "future" and gap < -_FLIP_DAYS:
        best = min((d for d in options if d >= dct), default=best)
    return best


_FLIP_DAYS = 120


def _resolve_month(dct: dt.date, month: int, direction: str | None) -> int:
    """Year of a bare month: by tense when there is a cue, else the nearest one.

    "In July" (published in October) is this July; "in January" is next January:
    on TimeBank the nearest month is right far more often than the most recent.
    Six months either way is a tie, and ties go to the past.
    """
    if direction == "future":
        return dct.year if month >= dct.month else dct.year + 1
    if direction == "past":
        return dct.year if month <= dct.month else dct.year - 1
    ahead = (month - dct.month) % 12
    if 0 < ahead < 6:
        return dct.year if month > dct.month else dct.year + 1
    return dct.year if month <= dct.month else dct.year - 1


def _relative_month(dct: dt.date, month: int, rel: str) -> int:
    """Year of "last November", "next March", "this September"."""
    if rel in ("last", "past", "previous", "this past"):
        return dct.year if month < dct.month else dct.year - 1
    if rel in ("next", "coming", "this coming", "following"):
        return dct.year if month > dct.month else dct.year + 1
    return dct.year


def _relative_season(dct: dt.date, code: str, rel: str | None, direction: str | None) -> int:
    cur_y, cur = _season_of(dct)
    cur_i = cur_y * 4 + _SEASON_ORDER.index(cur)
    target = _SEASON_ORDER.index(code)
    if rel is None and direction != "future":
        step = -1  # a bare "the summer": the most recent one, this one included
    elif rel in ("last", "past", "previous", "this past"):
        step = -1
        cur_i -= 1
    elif rel in ("next", "coming", "this coming", "following"):
        step = 1
        cur_i += 1
    elif rel == "this":
        return dct.year if not (code == "WI" and dct.month <= 2) else dct.year - 1
    else:
        step = 1
    i = cur_i
    while i % 4 != target:
        i += step
    return i // 4


# ---------------------------------------------------------------------------
# Rule handlers. Each gets the match and the context and returns a _Cand or None.

Handler = Callable[[re.Match, _Ctx], "_Cand | None"]


def _cand(m: re.Match, fields: dict, start: int | None = None, end: int | None = None, **extra) -> _Cand:
    return _Cand(start=m.start() if start is None else start, end=m.end() if end is None else end,
                 **fields, **extra)


def _month_num(word: str) -> int:
    return W.MONTHS[word.lower().rstrip(".")]


def _date_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """Month Day[, Year] and Day Month [Year], with an optional weekday and day range."""
    month, day = _month_num(m["mon"]), int(re.match(r"\d+", m["day"]).group())
    year = int(m["year"]) if m["year"] else None
    day2 = int(m["day2"]) if m.groupdict().get("day2") else None
    if year is None and ctx.dct is None:
        if _safe_date(2000, month, day) is None:
            return None
        return _cand(m, _unknown(f"XXXX-{month:02d}-{day:02d}", "day"))
    if year is None:
        d = _resolve_month_day(ctx.dct, month, day, _direction(ctx, m.start(), m.end()))
    else:
        d = _safe_date(year, month, day)
    if d is None:
        return None
    fields = _day(d)
    if day2 and day2 > day and (d2 := _safe_date(d.year, month, day2)):
        fields.update(end_date=d2, granularity="range")
    return _cand(m, fields)


def _iso_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    d = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    if d is None:
        return None
    if m["h"]:
        return _cand(m, dict(type="TIME", value=f"{d.isoformat()}T{m['h']}:{m['mi']}", begin=d,
                             end_date=d, granularity="time"))
    return _cand(m, _day(d))


def _slash_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    d = _safe_date(y, month, day)
    return _cand(m, _day(d)) if d else None


def _month_year_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"July 1997", "January of 2026", "June last year"."""
    if m["year"]:
        return _cand(m, _month(int(m["year"]), _month_num(m["mon"])))
    if ctx.dct is None:
        return _cand(m, _unknown(f"XXXX-{_month_num(m['mon']):02d}", "month"))
    step = _REL_DIRECTIONS[m["rel"].lower()]
    return _cand(m, _month(ctx.dct.year + step, _month_num(m["mon"])))


def _bare_month_ok(m: re.Match, ctx: _Ctx) -> bool:
    """A month name alone is a date only where nothing else reads better.

    "May" and "March" are also a verb and a noun: they need a preposition or
    modifier before them. Any month followed by a capitalised word may be a name
    ("April Ryan") unless a preposition vouches for it.
    """
    prev = _WORD.findall(ctx.before(m.start(), 20))
    prev_word = prev[-1].lower() if prev else ""
    vouched = prev_word in _PREPS or ctx.before(m.start(), 4).endswith("mid-")
    if ctx.relaxed or m["rel"]:
        return True
    if m["mon"].rstrip(".") in ("May", "March", "Mar") and not vouched:
        return False
    if re.match(r"\s+[A-Z][a-z]", ctx.after(m.end(), 3)) and not vouched:
        return False
    if m["mon"].endswith(".") and not vouched:
        return False
    return True


def _month_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """A month without a day or year: "in July", "last November", "each July" (SET)."""
    if not _bare_month_ok(m, ctx):
        return None
    month = _month_num(m["mon"])
    rel = m["rel"].lower().split() if m["rel"] else []
    rel_s = " ".join(rel)
    if rel_s in ("each", "every"):
        return _cand(m, _unknown(f"XXXX-{month:02d}", None, "SET"))
    if ctx.dct is None:
        return _cand(m, _unknown(f"XXXX-{month:02d}", "month"))
    if rel_s:
        year = _relative_month(ctx.dct, month, rel_s)
    else:
        year = _resolve_month(ctx.dct, month, _direction(ctx, m.start(), m.end()))
    return _cand(m, _month(year, month))


_NOT_YEAR_BEFORE = re.compile(r"(?:[$£€#]|\d[.,]?|\bNo\.\s*|(?i:\bpage|\bflight|\broute|\broom|\bnumber)\s+)$")
_NOT_YEAR_AFTER = re.compile(r"(?:[.,:]\d|\s*(?i:percent|per\s+cent|%|hours\b|GMT|local))")


def _year_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """A four-digit year, alone or as "fiscal 2024"; not a price, page or count."""
    if _NOT_YEAR_BEFORE.search(ctx.before(m.start(), 12)) or _NOT_YEAR_AFTER.match(ctx.after(m.end(), 12)):
        return None
    prev = _WORD.findall(ctx.before(m.start(), 20))
    prev_word = prev[-1].lower() if prev else ""
    if not m["pre"] and prev_word not in _PREPS and re.match(r"\s+[a-z]+s\b", ctx.after(m.end(), 20)):
        return None  # "2000 people"
    year = int(m["year"])
    return _cand(m, _year(year))


def _decade_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    if m["dec"]:
        first = int(m["dec"])
    else:  # "the '90s": the most recent such decade
        base = ctx.dct.year if ctx.dct else 2000
        first = (base // 100) * 100 + int(m["short"])
        if first > base:
            first -= 100
    fields = _decade(first)
    cand = _cand(m, fields)
    if m["pos"]:
        _apply_position(cand, W.POSITION_MODS[m["pos"].lower()])
    return cand


def _quarter_year(ctx: _Ctx, q: int, m: re.Match) -> int | None:
    """The year of a quarter named without one: this year's unless that is still ahead."""
    if ctx.dct is None:
        return None
    if q <= _quarter_of(ctx.dct):
        return ctx.dct.year
    return ctx.dct.year if _direction(ctx, m.start(), m.end()) == "future" else ctx.dct.year - 1


def _quarter_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"the third quarter", "third-quarter", "Q3 2025", "the fiscal first quarter"."""
    q = W.ORDINALS[m["ord"].lower()] if m["ord"] else int(m["qn"])
    year_s = m["year"] or m["year2"]
    if year_s:
        year = int(year_s)
    elif m["short"]:
        year = 2000 + int(m["short"])
    else:
        year = _quarter_year(ctx, q, m)
    start = m.start()
    if m["det"] and m["sep"] and "-" in m["sep"]:
        start = m.start("ord")  # "the third-quarter profit": the date is the adjective only
    if m["ago"]:
        return _cand(m, _unknown(f"XXXX-Q{q}", "quarter"), start=start, anaphor="year_ago_q")
    if year is None:
        return _cand(m, _unknown(f"XXXX-Q{q}", "quarter"), start=start)
    if m["prev"] or (m["yrel"] or "").lower() == "last":
        year -= 1
    elif (m["yrel"] or "").lower() == "next":
        year += 1
    return _cand(m, _quarter(year, q), start=start, quarter=(year, q))


def _quarter_ref_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"the quarter" (the one the story is about), "the latest quarter" (the last one
    finished), "the 1988 period" (the story's quarter in 1988)."""
    unknown = _unknown("XXXX-QX", "quarter")
    if m["ago"]:
        return _cand(m, unknown, anaphor="year_ago_q")
    if m["year"]:
        return _cand(m, unknown, anaphor=f"quarter_in:{m['year']}")
    if m["latest"] and ctx.dct is not None:
        y, q = _last_complete_quarter(ctx.dct)
        return _cand(m, _quarter(y, q), quarter=(y, q))
    return _cand(m, unknown, anaphor="quarter")


def _year_ago_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"a year ago", "a year earlier", "year-earlier": last year, or the same quarter of it."""
    return _cand(m, _unknown("XXXX", "year"), anaphor="year_ago")


_REL_DIRECTIONS = {
    "this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1,
    "the past": -1, "the last": -1, "the previous": -1, "this past": -1,
    "next": 1, "coming": 1, "following": 1, "the coming": 1, "the next": 1,
    "the following": 1, "this coming": 1,
}


def _rel_unit_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """this/last/next + week, month, year, quarter, weekend, decade."""
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    step = _REL_DIRECTIONS[rel]
    unit = re.sub(r"\s+", " ", m["unit"].lower())
    dct = ctx.dct
    if dct is None:
        value = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                 "quarter": "XXXX-QX", "decade": "XXX"}.get(unit, "XXXX")
        return _cand(m, _unknown(value, unit if unit != "fiscal year" else "year"))
    if unit == "week":
        fields = _week(dct + dt.timedelta(weeks=step))
    elif unit == "weekend":
        fields = _weekend(dct + dt.timedelta(weeks=step))
    elif unit == "month":
        fields = _month(*_shift_months(dct.year, dct.month, step))
    elif unit == "quarter":
        y, mth = _shift_months(dct.year, dct.month, 3 * step)
        fields = _quarter(y, (mth - 1) // 3 + 1)
    elif unit == "decade":
        fields = _decade((dct.year // 10 + step) * 10)
    else:  # year, fiscal year
        fields = _year(dct.year + step)
    return _cand(m, fields)


def _weekend_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"the weekend", "over the weekend": the one just past early in the week, else the next."""
    if ctx.dct is None:
        return _cand(m, _unknown("XXXX-WXX-WE", "week"))
    direction = _direction(ctx, m.start(), m.end())
    wd = ctx.dct.isoweekday()
    if wd >= 6 or direction is None and wd == 5:
        d = ctx.dct
    elif direction == "past" or direction is None and wd <= 3:
        d = ctx.dct - dt.timedelta(weeks=1)
    else:
        d = ctx.dct
    return _cand(m, _weekend(d))


def _rel_part_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"this morning", "last night", "tonight": a part of the DCT's day (or the day before)."""
    rel = m["rel"].lower()
    part = W.DAY_PARTS[m["part"].lower()]
    offset = -1 if rel == "last" else 1 if rel in ("tomorrow",) else 0
    if ctx.dct is None:
        return _cand(m, _unknown(f"XXXX-XX-XXT{part}", "time", "TIME"))
    d = ctx.dct + dt.timedelta(days=offset)
    return _cand(m, dict(type="TIME", value=f"{d.isoformat()}T{part}", begin=d, end_date=d, granularity="time"))


_DEICTIC_DAYS = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}


def _deictic_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """today / yesterday / tomorrow, optionally with a part of the day."""
    word = re.sub(r"\s+", " ", m["word"].lower())
    part = m["part"].lower() if m["part"] else ("night" if word == "tonight" else None)
    offset = _DEICTIC_DAYS[word]
    if ctx.dct is None:
        return _cand(m, _unknown("XXXX-XX-XX" + (f"T{W.DAY_PARTS[part]}" if part else ""),
                                 "time" if part else "day", "TIME" if part else "DATE"))
    d = ctx.dct + dt.timedelta(days=offset)
    if part:
        return _cand(m, dict(type="TIME", value=f"{d.isoformat()}T{W.DAY_PARTS[part]}", begin=d,
                             end_date=d, granularity="time"))
    return _cand(m, _day(d))


def _weekday_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"Friday", "last Friday", "next Wednesday", "Monday morning"."""
    weekday = W.WEEKDAYS[m["wd"].lower()]
    rel = re.sub(r"\s+", " ", m["rel"].lower().strip()) if m["rel"] else None
    part = W.DAY_PARTS[m["part"].lower()] if m["part"] else None
    end = m.end("wd") if not part else m.end()
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        return _cand(m, _unknown(value, "time" if part else "day", "TIME" if part else "DATE"), end=end)
    if rel in ("last", "past", "this past"):
        d = ctx.dct - dt.timedelta(days=(ctx.dct.isoweekday() - weekday - 1) % 7 + 1)
    elif rel in ("next", "coming", "this coming"):
        d = ctx.dct + dt.timedelta(days=(weekday - ctx.dct.isoweekday() - 1) % 7 + 1)
    elif rel == "this":
        d = _resolve_weekday(ctx.dct, weekday, "future")
    else:
        d = _resolve_weekday(ctx.dct, weekday, _direction(ctx, m.start(), m.end()))
    if part:
        return _cand(m, dict(type="TIME", value=f"{d.isoformat()}T{part}", begin=d, end_date=d,
                             granularity="time"), end=end)
    return _cand(m, _day(d), end=end)


def _ago_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"two years ago", "three days from now": a date at the unit's granularity."""
    n = _number(m["num"])
    unit = m["unit"].lower()
    sign = 1 if m["dir"].lower() in ("from now", "hence") else -1
    if n is None or n != int(n) or unit in W.TIME_UNITS:
        value = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return _cand(m, _ref(value)) if n is None else None
    n = int(n) * sign
    if ctx.dct is None:
        return _cand(m, _unknown("XXXX", unit))
    d = ctx.dct
    if unit in ("day", "night"):
        fields = _day(d + dt.timedelta(days=n))
    elif unit == "week":
        fields = _week(d + dt.timedelta(weeks=n))
    elif unit == "month":
        fields = _month(*_shift_months(d.year, d.month, n))
    elif unit == "quarter":
        y, mth = _shift_months(d.year, d.month, 3 * n)
        fields = _quarter(y, (mth - 1) // 3 + 1)
    elif unit == "year":
        fields = _year(d.year + n)
    elif unit == "decade":
        fields = _decade((d.year + 10 * n) // 10 * 10)
    else:
        return None
    return _cand(m, fields)


_DURATION_BAD_AFTER = re.compile(r"(?:-|\s+)(?i:old)\b")


def _duration_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"eight years", "two-day", "the past two years", "the first nine months"."""
    num = m["num"].lower()
    unit = m["unit"].lower()
    if _DURATION_BAD_AFTER.match(ctx.after(m.end(), 6)):
        return None  # "a 30-year-old man": an age, not a time expression
    if num in ("a", "an", "one") and unit in ("second", "quarter"):
        return None  # "a second term", "a quarter of the vote"
    if re.fullmatch(r"\d+(?:\.\d+)?", num) and unit == "second":
        return None
    n = _number(m["num0"] or num)  # "two to three weeks": TimeBank takes the first number
    if re.fullmatch(r"\d+", num) and n and n > 1 and not m["pl"] and "-" not in m.group():
        return None  # "5 year" is not English; likely a table or a compound
    if n is not None and re.search(r"(?i:and\s+a\s+half)", m.group()):
        n += 0.5
    return _cand(m, dict(type="DURATION", value=_duration_value(n, unit)))


def _vague_duration_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"recent weeks", "the past few months", "for years", "in coming weeks"."""
    unit = m["unit"].lower()[:-1]
    rel = m["rel"].lower() if m["rel"] else None
    if not (rel or m["vague"]):
        prev = _WORD.findall(ctx.before(m.start(), 12))
        if not prev or prev[-1].lower() not in ("for", "in", "within", "over"):
            return None
    if rel == "recent" and unit == "year" and not m["vague"]:
        return _cand(m, _ref("PAST_REF"))  # TimeBank's reading of "recent years"
    if unit in ("hour", "minute"):
        return _cand(m, dict(type="DURATION", value=f"PTX{W.UNITS[unit]}"))
    return _cand(m, dict(type="DURATION", value=_duration_value(None, unit)))


def _set_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"annually", "every week", "each Monday", "twice a year", "$5 billion a year"."""
    g = m.groupdict()
    if g.get("freq"):
        return _cand(m, _unknown(W.FREQUENCY_WORDS[g["freq"].lower()], None, "SET"))
    if g.get("wd"):
        weekday = W.WEEKDAYS[g["wd"].lower()]
        part = f"T{W.DAY_PARTS[g['part'].lower()]}" if g.get("part") else ""
        return _cand(m, _unknown(f"XXXX-WXX-{weekday}{part}", None, "SET"))
    unit = g["unit"].lower()
    n = _number(g["num"]) if g.get("num") else 1
    if g.get("other"):
        n = 2 * (n or 1)
    if g.get("per"):
        # "a year" is a rate only after an amount ("$25 billion a year", "twice a week").
        if not g.get("times") and not re.search(
            r"(?:\d|%|(?i:times|billion|million|thousand|dollars|cents|percent|euros|pounds|yuan|won|each|once|twice))\s*$",
            ctx.before(m.start(), 20),
        ):
            return None
    return _cand(m, _unknown(_duration_value(n, unit), None, "SET"))


_CLOCK_CUE = re.compile(
    r"(?:\b(?i:at|around|about|by|until|till|before|after|from|since|to|approximately|updated|published|posted)"
    r"\s+|\d{4},?\s+(?:at\s+)?|\b\d{1,2},?\s+(?:at\s+)?|\|\s*)$"
)


def _clock_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """Clock times: "3 p.m.", "10:35 a.m. EST", "noon", and "11:02" where a cue says so."""
    g = m.groupdict()
    if g.get("word"):
        w = g["word"].lower()
        hh, mm = (0, 0) if w == "midnight" else (12, 0)
        text_value = "T24:00" if w == "midnight" else "T12:00"
    else:
        hh = int(g["h"])
        mm = int(g["mi"]) if g.get("mi") else 0
        ap = (g.get("ap") or "").lower().replace(".", "")
        if ap:
            if not 1 <= hh <= 12:
                return None
            hh = hh % 12 + (12 if ap == "pm" else 0)
        elif not g.get("oclock"):
            if not (g.get("tz") or _CLOCK_CUE.search(ctx.before(m.start(), 16))):
                return None  # a bare "11:02" is a time only where something says so
        text_value = f"T{hh:02d}:{mm:02d}"
    return _cand(m, dict(type="TIME", value=text_value, granularity="time"), needs_day=True)


def _season_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"this summer", "last fall", "the winter of 1994", "summer 2025"."""
    code = W.SEASONS[m["season"].lower()]
    rel = re.sub(r"\s+", " ", m["rel"].lower()) if m["rel"] else None
    if not m["year"] and rel in (None, "the"):
        prev = _WORD.findall(ctx.before(m.start(), 16))
        prev_word = prev[-1].lower() if prev else ""
        loose = code in ("FA", "SP")  # "the fall of Rome", "a spring in the garden"
        if prev_word not in ("in", "during", "over", "through", "by", "until", "since", "this", "early", "late", "mid", "next", "last", "before", "after") and (rel is None or loose):
            return None
        if re.match(r"\s+(?:of|in|from|to)\s+(?!\d)", ctx.after(m.end(), 10)):
            return None
    if m["year"]:
        return _cand(m, _season(int(m["year"]), code))
    if ctx.dct is None:
        return _cand(m, _unknown(f"XXXX-{code}", "season"))
    rel_key = {"the": None, "the past": "last", "the coming": "next"}.get(rel, rel)
    year = _relative_season(ctx.dct, code, rel_key, _direction(ctx, m.start(), m.end()))
    return _cand(m, _season(year, code))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = _month_end(year, month)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def _holiday_date(name: str, year: int) -> dt.date:
    if name in W.FIXED_HOLIDAYS:
        return dt.date(year, *W.FIXED_HOLIDAYS[name])
    if name == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    return _nth_weekday(year, *W.WEEKDAY_HOLIDAYS[name])


def _holiday_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    name = re.sub(r"\s+", " ", m["name"].lower())
    if m["year"]:
        return _cand(m, _day(_holiday_date(name, int(m["year"]))))
    if ctx.dct is None:
        if name in W.FIXED_HOLIDAYS:
            mo, da = W.FIXED_HOLIDAYS[name]
            return _cand(m, _unknown(f"XXXX-{mo:02d}-{da:02d}", "day"))
        return _cand(m, _unknown("XXXX-XX-XX", "day"))
    options = [_holiday_date(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    direction = _direction(ctx, m.start(), m.end())
    if direction == "past":
        options = [d for d in options if d <= ctx.dct] or options
    elif direction == "future":
        options = [d for d in options if d >= ctx.dct] or options
    return _cand(m, _day(min(options, key=lambda d: abs((d - ctx.dct).days))))


def _ref_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    word = re.sub(r"\s+", " ", m["word"].lower())
    return _cand(m, _ref(W.REFS[word]))


def _spoken_year_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """Transcripts: "nineteen ninety-six", "the year two thousand"."""
    if m["thousand"]:
        rest = _number(m["rest"]) if m["rest"] else 0
        return _cand(m, _year(2000 + int(rest or 0)))
    century = W.NUMBER_WORDS[m["cent"].lower()]
    rest = _number(m["rest2"])
    if rest is None:
        return None
    return _cand(m, _year(century * 100 + int(rest)))


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
    (rf"(?P<mon>{MONTH}),?\s+(?:(?:(?i:of)\s+)?(?P<year>{YEAR})|(?P<rel>(?i:this|last|next))\s+(?i:year){_END})",
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
    (r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?![A-Za-z]))"
     r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|(?i:local\s+time))\b)?", _clock_match, r"(?i:[ap]\.?m)"),
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


# ---------------------------------------------------------------------------
# Passes over the candidates


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then earliest; drop any that overlap one already kept."""
    kept: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect.bisect_left(taken, (c.start, c.end))
        if i > 0 and taken[i - 1][1] > c.start:
            continue
        if i < len(taken) and taken[i][0] < c.end:
            continue
        taken.insert(i, (c.start, c.end))
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _apply_position(c: _Cand, mod: str, dct: dt.date | None = None, word: str = "") -> None:
    """Narrow begin/end to the first, middle or last third ("late July" = 21-31 July)."""
    c.mod = mod
    if c.begin is None or c.end_date is None or c.granularity in ("day", "time"):
        return
    if word == "earlier" and dct and c.begin <= dct <= c.end_date:
        c.end_date = dct  # "earlier this year": from its start to now
        return
    if word == "later" and dct and c.begin <= dct <= c.end_date:
        c.begin = dct
        return
    n = (c.end_date - c.begin).days + 1
    third = n // 3
    if mod == "START":
        c.end_date = c.begin + dt.timedelta(days=third - 1)
    elif mod == "MID":
        c.begin, c.end_date = c.begin + dt.timedelta(days=third), c.begin + dt.timedelta(days=2 * third - 1)
    elif mod == "END":
        c.begin = c.begin + dt.timedelta(days=2 * third)


_POSITION_PREFIX = re.compile(
    r"(?<![\w-])(?P<w>(?i:early|mid|late|earlier|later|the\s+(?:beginning|start|middle|end)\s+of|"
    r"(?:beginning|start|middle|end)\s+of))(?:\s+|-|\s*-\s*)$"
)
_HEDGE_PREFIX = re.compile(rf"(?<![\w-])(?P<w>{HEDGE})\s+$")
_POSITION_GRANULARITIES = ("month", "year", "decade", "season", "quarter", "week")


def _modifiers(ctx: _Ctx, cands: list[_Cand]) -> None:
    """Take in "late"/"the end of" before dates and "about"/"nearly" before amounts of time."""
    prev_end = 0
    for c in cands:
        before = ctx.text[max(prev_end, c.start - 30) : c.start]
        p = _POSITION_PREFIX.search(before)
        if p and c.type in ("DATE", "TIME") and c.mod is None:
            word = re.sub(r"\s+", " ", p["w"].lower())
            if c.granularity in _POSITION_GRANULARITIES:
                c.start -= len(before) - p.start()
                _apply_position(c, W.POSITION_MODS[word], ctx.dct, word)
            elif c.granularity in ("day", "time") and word in ("early", "late", "earlier", "later"):
                c.start -= len(before) - p.start()  # "late Friday"; "earlier Friday" is still Friday
                if word in ("early", "late"):
                    c.mod = W.POSITION_MODS[word]
        h = _HEDGE_PREFIX.search(before)
        if h and (c.type == "DURATION" or c.value.endswith("_REF") is False and c.type in ("TIME", "DATE")
                  and c.granularity in ("time", "year", "month", "week", "day") and _is_ago(ctx, c)):
            word = re.sub(r"\s+", " ", h["w"].lower())
            # "over the past two years" is a span of time, not "more than" one.
            loose = word in ("over", "under", "within", "some", "up to")
            if (c.type == "DURATION" or not loose) and not (loose and ctx.text.startswith("the", c.start)):
                c.start -= len(before) - h.start()
                c.mod = W.HEDGES[word]
        prev_end = c.end


def _is_ago(ctx: _Ctx, c: _Cand) -> bool:
    """True for "two years ago" and for clock times ("around 7:15 p.m.")."""
    return c.type == "TIME" or bool(re.search(r"(?i:ago|from\s+now)$", ctx.text[c.start : c.end]))


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|(?i:to|through|thru|until|till|and))\s*$")
_RANGE_OPEN = re.compile(r"(?i:\b(?:from|between))\s+$")


def _ranges(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """"October 31 to November 1" and "between May 1 and May 5" become one range."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if b is not None and a.type == b.type == "DATE" and a.begin and b.end_date \
                and a.granularity in ("day", "month", "year") and b.granularity == a.granularity:
            gap = ctx.text[a.end : b.start]
            word = gap.strip().lower()
            opened = bool(_RANGE_OPEN.search(ctx.before(a.start, 12)))
            # "Wednesday and Thursday" are two dates; "between X and Y" is one range.
            if _RANGE_GAP.fullmatch(gap) and (opened or word != "and"):
                if b.end_date >= a.begin:
                    out.append(replace(a, end=b.end, end_date=b.end_date, granularity="range"))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_TIME_DAY_GAP = re.compile(r"\s*,?\s*(?:(?i:on)\s+)?")


def _clock_days(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Give clock times their day: the day right after them ("10 p.m. Wednesday"), else
    the nearest day named in the sentence, else the DCT."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if c.needs_day:
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            if nxt and nxt.granularity == "day" and _TIME_DAY_GAP.fullmatch(ctx.text[c.end : nxt.start]):
                out.append(_with_day(c, nxt.value, nxt.begin, end=nxt.end))
                i += 2
                continue
            s0, s1 = ctx.sentence(c.start)
            days = [d for d in cands if d.granularity == "day" and s0 <= d.start < s1 and d.value[:4] != "XXXX"]
            if days:
                d = min(days, key=lambda d: abs(d.start - c.start))
                out.append(_with_day(c, d.value, d.begin))
            elif ctx.dct is not None:
                out.append(_with_day(c, ctx.dct.isoformat(), ctx.dct))
            else:
                out.append(c)
        else:
            out.append(c)
        i += 1
    return out


def _with_day(c: _Cand, day_value: str, day: dt.date | None, end: int | None = None) -> _Cand:
    return replace(c, value=day_value + c.value, begin=day, end_date=day, needs_day=False,
                   end=c.end if end is None else end)


def _anaphora(ctx: _Ctx, cands: list[_Cand]) -> None:
    """Resolve "the quarter" and "a year earlier" against the quarter the story names.

    Earnings reports say "the third quarter ... a year earlier": the second means the
    third quarter of the year before, not the year before as a whole.
    """
    last_q: tuple[int, int] | None = None
    for c in cands:
        if c.quarter:
            last_q = c.quarter
            continue
        if c.anaphor is None:
            continue
        if c.anaphor == "quarter":
            q = last_q or (_last_complete_quarter(ctx.dct) if ctx.dct else None)
            if q:
                _set_fields(c, _quarter(*q))
            continue
        if c.anaphor.startswith("quarter_in:"):
            year = int(c.anaphor.split(":")[1])
            _set_fields(c, _quarter(year, last_q[1]) if last_q else _year(year))
            continue
        if c.anaphor == "year_ago_q" or (c.anaphor == "year_ago" and last_q):
            q = last_q or (_last_complete_quarter(ctx.dct) if ctx.dct else None)
            if q:
                _set_fields(c, _quarter(q[0] - 1, q[1]))
        elif ctx.dct is not None:
            _set_fields(c, _year(ctx.dct.year - 1))


def _last_complete_quarter(dct: dt.date) -> tuple[int, int]:
    y, m = _shift_months(dct.year, dct.month, -3)
    return y, (m - 1) // 3 + 1


def _set_fields(c: _Cand, fields: dict) -> None:
    for k, v in fields.items():
        setattr(c, k, v)


# ---------------------------------------------------------------------------
# Public API


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
    cands = _select(cands)
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
