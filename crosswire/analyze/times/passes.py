"""Passes over the candidates, after every rule has run.

Pick non-overlapping expressions (`_select`), take in modifiers ("late", "about"),
join ranges ("October 31 to November 1"), resolve "the quarter" and "a year
earlier" against the quarter the story names, and give clock times their day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from crosswire.analyze import _timewords as W
from crosswire.analyze.times.candidates import _Cand, _Ctx
from crosswire.analyze.times.patterns import HEDGE
from crosswire.analyze.times.values import _last_complete_quarter, _quarter, _year

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


def _set_fields(c: _Cand, fields: dict) -> None:
    for k, v in fields.items():
        setattr(c, k, v)
