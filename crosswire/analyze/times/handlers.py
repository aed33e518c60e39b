"""Rule handlers: each turns one grammar match into a normalised `_Cand`, or None.

The patterns they serve are in `recognise`; the values they build come from
`values`, and a partial date is resolved against the DCT with `resolve`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from crosswire.analyze import _timewords as W
from crosswire.analyze.times.candidates import _Cand, _Ctx
from crosswire.analyze.times.passes import _apply_position
from crosswire.analyze.times.patterns import _PREPS, DAY, MONTH, SEASON, YEAR
from crosswire.analyze.times.resolve import (
    _WORD,
    _after_extent_word,
    _direction,
    _relative_month,
    _relative_season,
    _resolve_month,
    _resolve_month_day,
    _resolve_weekday,
)
from crosswire.analyze.times.values import (
    _day,
    _decade,
    _duration_value,
    _last_complete_quarter,
    _month,
    _month_end,
    _number,
    _quarter,
    _quarter_of,
    _ref,
    _safe_date,
    _season,
    _shift_months,
    _unknown,
    _week,
    _weekend,
    _year,
)

# ---------------------------------------------------------------------------
# Rule handlers. Each gets the match and the context and returns a _Cand or None.

Handler = Callable[[re.Match, _Ctx], "_Cand | None"]


def _cand(m: re.Match, fields: dict, start: int | None = None, end: int | None = None, **extra) -> _Cand:
    return _Cand(start=m.start() if start is None else start, end=m.end() if end is None else end,
                 **fields, **extra)


def _month_num(word: str) -> int:
    return W.MONTHS[word.lower().rstrip(".")]


# The year a day shares with the day after it: "from May 5 to June 9, 2019", "on March 3 and April 7, 2020"
_DAYS_YEAR = re.compile(rf"\s*(?:-|–|(?i:to|through|until|and|or))\s*{MONTH}\s+{DAY},?\s+(?P<year>{YEAR})")


def _date_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """Month Day[, Year] and Day Month [Year], with an optional weekday and day range."""
    month, day = _month_num(m["mon"]), int(re.match(r"\d+", m["day"]).group())
    year = int(m["year"]) if m["year"] else None
    if year is None and (shared := _DAYS_YEAR.match(ctx.text, m.end())):
        year = int(shared["year"])
    day2 = int(m["day2"]) if m.groupdict().get("day2") else None
    if year is None and ctx.dct is None:
        if _safe_date(2000, month, day) is None:
            return None
        return _cand(m, _unknown(f"XXXX-{month:02d}-{day:02d}", "day"))
    if year is None:
        direction = _direction(ctx, m.start(), m.end())
        ahead = _after_extent(ctx, m) or _is_on(ctx, m)
        d = _resolve_month_day(ctx.dct, month, day, direction, deadline=direction is None and ahead,
                               happened=_names_what_happened(ctx, m))
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


# The year a month shares with the months listed after it: "in May and June 2019", "from May to June 2019",
# "March, April or May of next year"
_MONTHS_YEAR = re.compile(
    rf"(?:,\s+{MONTH})*,?\s+(?i:and|or|to|through|until)\s+{MONTH},?\s+(?:(?i:of)\s+)?(?:(?P<year>{YEAR})"
    rf"|(?P<rel>(?i:this|last|next))\s+(?i:year)\b)"
)


def _month_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """A month without a day or year: "in July", "last November", "each July" (SET)."""
    if not _bare_month_ok(m, ctx):
        return None
    month = _month_num(m["mon"])
    rel = m["rel"].lower().split() if m["rel"] else []
    rel_s = " ".join(rel)
    if rel_s in ("each", "every"):
        return _cand(m, _unknown(f"XXXX-{month:02d}", None, "SET"))
    shared = _MONTHS_YEAR.match(ctx.text, m.end()) if not rel_s else None
    if shared and shared["year"]:
        return _cand(m, _month(int(shared["year"]), month))
    if ctx.dct is None:
        return _cand(m, _unknown(f"XXXX-{month:02d}", "month"))
    if shared:
        year = ctx.dct.year + _REL_DIRECTIONS[shared["rel"].lower()]
    elif rel_s:
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
    """The year of a quarter named without one: the nearest one the tense points to ("sales rose in the fourth
    quarter" in May: last year's; "the plant will open in the first quarter" in October: next year's)."""
    if ctx.dct is None:
        return None
    now, future = _quarter_of(ctx.dct), _direction(ctx, m.start(), m.end()) == "future"
    if q < now:  # the quarter just ended stays this year's: its results "will be released" in the future tense
        return ctx.dct.year + 1 if future and q < now - 1 else ctx.dct.year
    if q == now:
        return ctx.dct.year
    return ctx.dct.year if future else ctx.dct.year - 1


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


_COORDINATED_WEEKDAY = re.compile(
    r"(?<![A-Za-z])(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s*,?\s*(?:and|or|and\s+then|through|thru|to|until|till)\s+|\s*[-–]\s*)$")


def _names_what_happened(ctx: _Ctx, m: re.Match) -> bool:
    """"the Jan. 6 attack", "the Sept. 11 Capitol riot", "the House Jan. 6 Select Committee": a day that names an
    attack, a shooting, a crash ... is a day that has been; no one schedules one."""
    words = _WORD.findall(ctx.after(m.end(), 40))[:3]
    return re.search(r"\b(?i:the)\s+(?:[A-Z][\w.]*\s+){0,2}$", ctx.before(m.start(), 30)) is not None and any(
        w.lower() in _UNSCHEDULED_EVENTS for w in words)


# Events no one announces ahead, and the bodies that look into one ("the Jan. 6 committee")
_UNSCHEDULED_EVENTS = frozenset("""
    attack attacks riot riots insurrection shooting shootings bombing bombings massacre crash raid siege storming
    uprising explosion blast earthquake quake assault killing killings murder murders fire hurricane flood
    derailment collapse coup committee panel probe investigation inquiry commission
""".split())


def _after_extent(ctx: _Ctx, m: re.Match) -> bool:
    """Does the expression follow "until", "through" or "into"? (a deadline: it lies ahead)"""
    return _after_extent_word(_WORD.findall(ctx.before(m.start(), 60)))


def _is_on(ctx: _Ctx, m: re.Match) -> bool:
    """Does the expression follow "is" or "are" ("The summit is on Oct. 31", "The deadline is Dec. 7")? In the
    present, a day months away is still to come."""
    return bool(re.search(r"\b(?:is|are)\s+(?:on\s+)?$", ctx.before(m.start(), 12)))


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
    elif (first := _COORDINATED_WEEKDAY.search(ctx.before(m.start(), 40))) is not None:
        # "on Wednesday and Thursday": two days named together lie within days of each
        # other, the second after the first ("made Friday and Thursday": before it),
        # whichever way the first points; a tense cue may sit too far back for the second.
        start = m.start() - len(first.group())
        first_day = W.WEEKDAYS[first["wd"].lower()]
        d = _resolve_weekday(ctx.dct, first_day, _direction(ctx, start, start + len(first["wd"])))
        gap = (weekday - first_day) % 7
        d += dt.timedelta(days=gap if gap <= 4 else gap - 7)
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


# "of" + a determiner after "N quarters": a share of something ("three quarters of the vote", "of its food"), not
# "of the year" or "of its fiscal year"; "several quarters of losses" and "the first two quarters of 1990" are times
_SHARE_OF = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|all|those|these|a|an)\s+"
                       r"(?!(?:fiscal\s+|financial\s+|calendar\s+)?year\b)", re.I)


def _duration_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"eight years", "two-day", "the past two years", "the first nine months"."""
    num = m["num"].lower()
    unit = m["unit"].lower()
    if _DURATION_BAD_AFTER.match(ctx.after(m.end(), 6)):
        return None  # "a 30-year-old man": an age, not a time expression
    if num in ("a", "an", "one") and unit in ("second", "quarter"):
        return None  # "a second term", "a quarter of the vote"
    if unit == "quarter" and _SHARE_OF.match(ctx.after(m.end(), 24)):
        return None  # "three quarters of voters", "about three-quarters of its food": a share, not a time
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
        ap = re.sub(r"[.\s]", "", (g.get("ap") or "").lower())
        if ap:
            if not 1 <= hh <= 12:
                return None
            hh = hh % 12 + (12 if ap == "pm" else 0)
        elif not g.get("oclock"):
            if not (g.get("tz") or _CLOCK_CUE.search(ctx.before(m.start(), 16))):
                return None  # a bare "11:02" is a time only where something says so
        text_value = f"T{hh:02d}:{mm:02d}"
    return _cand(m, dict(type="TIME", value=text_value, granularity="time"), needs_day=True)


# The year a season shares with the next one ("the summer and fall of 2019", "the fall or winter of next year"),
# or its own in words ("the spring of next year")
_SEASONS_YEAR = re.compile(
    rf"(?P<next>\s+(?:or|and)\s+(?:the\s+)?{SEASON})?,?\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>next|last|this)\s+year\b)",
    re.IGNORECASE,
)


def _season_match(m: re.Match, ctx: _Ctx) -> _Cand | None:
    """"this summer", "last fall", "the winter of 1994", "summer 2025", "the spring of next year"."""
    code = W.SEASONS[m["season"].lower()]
    rel = re.sub(r"\s+", " ", m["rel"].lower()) if m["rel"] else None
    shared = _SEASONS_YEAR.match(ctx.text, m.end()) if not m["year"] and rel in (None, "the") else None
    if shared and (shared["year"] or ctx.dct is not None):
        year = int(shared["year"]) if shared["year"] else ctx.dct.year + {"next": 1, "last": -1}.get(
            shared["rel"].lower(), 0)
        return _cand(m, _season(year, code), end=None if shared["next"] else shared.end())
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
