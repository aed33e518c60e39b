"""TimeML values: calendar arithmetic, number words, durations and normalised values.

Durations are written the TimeML way (P2D, PT3H, P2Y6M); dates get one constructor
per granularity (day, month, year, quarter, week, weekend, season, decade), each
returning the fields of a candidate: type, value, begin, end_date, granularity.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from crosswire.analyze import _timewords as W

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


def _last_complete_quarter(dct: dt.date) -> tuple[int, int]:
    y, m = _shift_months(dct.year, dct.month, -3)
    return y, (m - 1) // 3 + 1
