"""Normalisation against the document date (DCT).

Tense cues say which way a bare "Friday" or "July" points from the DCT
(`_direction`); the resolvers then pick the weekday, month, day or season that
the expression names.
"""

from __future__ import annotations

import datetime as dt
import re

from crosswire.analyze import _timewords as W
from crosswire.analyze.times.candidates import _Ctx
from crosswire.analyze.times.values import _SEASON_ORDER, _safe_date, _season_of

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
    if low == "next" and nxt in ("to", "door"):
        return None  # "the office building next to the embassy": a place, not a time
    if prev in ("than", "as") and low in _COMPARED_WITH:
        return None  # "fewer jobs than expected in April": a comparison, not a plan
    if low in ("plan", "plans") and nxt not in _PLANS_WHAT:
        return None  # "forged ahead with Biden's economic plans Tuesday": a noun, no tense
    if low == "coming" and prev not in ("the", "this", "these", "in"):
        return None  # "the huzzahs coming out of her headquarters Monday night": a motion, not "the coming week"
    if low == "going" and nxt != "to":
        return None  # "going out", "going on": no "going to"
    if low in W.FUTURE_CUES:
        return "future"
    past = low in W.PAST_CUES or (
        w.islower() and len(low) > 4 and low.endswith("ed") and low not in W.NOT_PAST_ED
        and not _ADJECTIVE_BEFORE.fullmatch(prev)  # "federally authorized vaccines", "the planned vote"
    )
    if past:
        return None if prev in _BE else "past"  # "will be held": keep looking for "will"
    return None


_PLANS_WHAT = frozenset("to a an the for on its their his her".split())  # "plans to vote", "plans a vote"
_COMPARED_WITH = frozenset({"expected", "anticipated", "planned", "scheduled", "forecast", "predicted", "hoped"})
_EXTENT_WORDS = frozenset({"until", "till", "through", "into", "thru"})
_EXTENT_FILLER = frozenset("at least the end of early late mid beginning start middle".split())
_SAYING = frozenset({"said", "told", "announced", "added", "noted", "stated", "explained", "wrote", "reported"})
_ADJECTIVE_BEFORE = re.compile(r"[a-z]+ly|the|a|an|its|their|his|her|our|newly|already")
_HYPHENATED_ED = re.compile(r"(?<=[A-Za-z.])-[a-z]+ed\b")  # "U.S.-authorized", "state-owned": adjectives


def _after_extent_word(words: list[str]) -> bool:
    """Does the expression follow "until", "through" or "into", across "at least the end of"?"""
    i = len(words) - 1
    while i >= 0 and words[i].lower() in _EXTENT_FILLER:
        i -= 1
    return i >= 0 and words[i].lower() in _EXTENT_WORDS


def _direction(ctx: _Ctx, start: int, end: int) -> str | None:
    """"future", "past" or None from the nearest tense cue in the sentence."""
    s0, s1 = ctx.sentence(start)
    left = ctx.text[s0:start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    words = _WORD.findall(_HYPHENATED_ED.sub("", left))[-14:]
    if _after_extent_word(words):
        return None  # "extend the limit through early December": a deadline, whatever the tense
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _SAYING and i < len(words) - 3:
            continue  # "said the rules, which go into effect in November": the saying dates itself only
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


def _resolve_month_day(dct: dt.date, month: int, day: int, direction: str | None,
                       deadline: bool = False, happened: bool = False) -> dt.date | None:
    """The nearest occurrence; a tense cue moves it across the DCT only when it is far.

    Tense cues are noisy ("the vote, delayed, is Dec. 7"), and news mostly names
    dates close to the story, so a cue only decides the ambiguous middle band
    (four to six months either way); with no cue, a date five months ahead or more
    is taken as the past one ("the Jan. 6 attack" in a July article), unless it is a
    deadline ("extending the pause through Jan. 31"); a day that names what happened ("the Jan. 6 attack")
    is the last one, however far back."""
    options = [d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := _safe_date(y, month, day))]
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - dct).days))
    gap = (best - dct).days
    if happened:
        return max((d for d in options if d <= dct), default=best)
    if direction is None and gap > _FAR_AHEAD_DAYS and not deadline:
        # half a year either way and no tense: news looks back more than five months ahead
        best = max((d for d in options if d <= dct), default=best)
    if direction == "past" and gap > _FLIP_DAYS:
        best = max((d for d in options if d <= dct), default=best)
    elif direction == "future" and gap < -_FLIP_DAYS:
        best = min((d for d in options if d >= dct), default=best)
    return best


_FLIP_DAYS = 120
_FAR_AHEAD_DAYS = 150


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
