"""When do two values for the same slot agree?

Values are compared after normalisation: amounts in base units and the same
unit, dates as day ranges. Agreement is tolerant where news is loose ("July"
and "late July" agree; "about $350 billion" and "$348 billion" agree), and a
value is only *incompatible* when both are precise enough to tell them apart.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import Enum

# Relative difference under which two amounts are the same figure.
EXACT_TOLERANCE = 0.005
APPROX_TOLERANCE = 0.03  # "about $38 million" and "roughly $40 million" are two estimates
ROUND_TOLERANCE = 0.10  # "about 10,000" is 10,503 rounded, but not 11,200 (which is "about 11,000")
# Expressions this vague never contradict a day ("this week", "recently").
VAGUE_GRANULARITIES = {"week", "season", "decade", None}
NUMERIC_SLOTS = ("amount", "rate", "count", "duration")


class Agreement(Enum):
    SAME = "same"  # the two values state the same thing
    DIFFERENT = "different"  # both precise, and they cannot both be true of one fact
    UNRELATED = "unrelated"  # not comparable (other units, a rate vs a total, vague dates)


def compare_values(slot: str, a, b) -> Agreement:
    if slot in NUMERIC_SLOTS:
        return compare_amounts(a, b)
    if slot == "date":
        return compare_dates(a, b)
    if slot == "tally":  # "220-212" and "220-to-212" are one count of a vote; "219-212" is another
        return Agreement.SAME if (a["for"], a["against"]) == (b["for"], b["against"]) else Agreement.DIFFERENT
    if slot in ("person", "place", "org", "actor"):
        return Agreement.SAME if str(a).casefold() == str(b).casefold() else Agreement.UNRELATED
    return Agreement.UNRELATED


def compare_amounts(a: dict, b: dict) -> Agreement:
    agreement = _compare_amounts(a, b)
    if agreement is Agreement.DIFFERENT and _difference(a) != _difference(b):
        return Agreement.UNRELATED  # "16 cents more than a month ago" is no price to hold against "$3.04"
    return agreement


def _difference(value: dict) -> bool:
    """A change by so much ("up 3%", "16 cents more than"), not a level ("3%", "from 2% to 5%")."""
    return value.get("change") in ("up", "down") and value.get("from") is None


def _compare_amounts(a: dict, b: dict) -> Agreement:
    a, b = as_percent(a), as_percent(b)
    if (a.get("unit") or "") != (b.get("unit") or ""):
        return Agreement.UNRELATED
    if a.get("per") != b.get("per"):
        # "$25 billion a year" and "$200 billion" are different slots, not a conflict.
        return Agreement.UNRELATED
    va, vb = a.get("amount"), b.get("amount")
    if va is None or vb is None:
        return Agreement.UNRELATED
    if a.get("change") == "range" and a.get("approx") or b.get("change") == "range" and b.get("approx"):
        return Agreement.UNRELATED  # "millions of doses", "dozens of Republicans": no figure to hold against one
    tolerance = _tolerance(a, b)
    if (_bound(a) or _bound(b)) and not _close(va, vb, tolerance):
        # "at least 1,800" and "more than 1,000", "nearly six hours" and "more than five":
        # a bound that the other figure satisfies says nothing against it
        return Agreement.UNRELATED if _within_bounds(a, b) else Agreement.DIFFERENT
    if _close(va, vb, tolerance):
        # Two changes that end at the same figure agree only if they start at the same one too.
        fa, fb = a.get("from"), b.get("from")
        if fa is not None and fb is not None and not _close(fa, fb, tolerance):
            return Agreement.DIFFERENT
        return Agreement.SAME
    # One side's figure is the other's starting point: the same change, seen from one end.
    if a.get("from") is not None and _close(a["from"], vb, tolerance):
        return Agreement.UNRELATED
    if b.get("from") is not None and _close(b["from"], va, tolerance):
        return Agreement.UNRELATED
    return Agreement.DIFFERENT


def _tolerance(a: dict, b: dict) -> float:
    """How far apart two figures may be and still be the same: an exact figure and an estimate rounded to one
    significant digit ("10,503" migrants and "about 10,000") more than two estimates ("about $38 million" and
    "roughly $40 million") or an exact figure and a finer estimate."""
    if not (a.get("approx") or b.get("approx")):
        return EXACT_TOLERANCE
    if bool(a.get("approx")) != bool(b.get("approx")) and _rounded(a if a.get("approx") else b):
        return ROUND_TOLERANCE
    return APPROX_TOLERANCE


def _rounded(value: dict) -> bool:
    """An estimate with one significant digit ("about 10,000", "some 300"), not a bound ("more than 300")."""
    amount = abs(value.get("amount") or 0)
    return not _bound(value) and amount > 0 and (amount / 10 ** math.floor(math.log10(amount))).is_integer()


def as_percent(value: dict) -> dict:
    """A share written as a fraction ("two-thirds", 0.667) in percent (66.7), to hold against "64%"."""
    if value.get("unit") != "fraction":
        return value
    scaled = {key: (value[key] * 100 if value.get(key) is not None else None) for key in ("amount", "from")}
    return {**value, **scaled, "unit": "percent"}


# Hedges that make a figure a bound: "more than 1,000" is at least 1,000, "nearly 6" at most 6.
LOWER_BOUNDS = frozenset({
    "more than", "over", "at least", "upwards of", "in excess of", "above", "well over", "just over",
    "no fewer than", "no less than",
})
UPPER_BOUNDS = frozenset({
    "nearly", "almost", "up to", "less than", "fewer than", "under", "just under", "well under", "below",
    "at most", "no more than", "as many as", "as much as", "close to",
})


def _bound(value: dict) -> str | None:
    approx = value.get("approx")
    return "lower" if approx in LOWER_BOUNDS else "upper" if approx in UPPER_BOUNDS else None


def _interval(value: dict) -> tuple[float, float]:
    amount = value["amount"]
    low, high = amount * (1 - APPROX_TOLERANCE), amount * (1 + APPROX_TOLERANCE)
    bound = _bound(value)
    return (low, float("inf")) if bound == "lower" else (float("-inf"), high) if bound == "upper" else (low, high)


def _within_bounds(a: dict, b: dict) -> bool:
    (la, ha), (lb, hb) = _interval(a), _interval(b)
    return la <= hb and lb <= ha


def compare_dates(a: dict, b: dict) -> Agreement:
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return Agreement.SAME if a.get("value") == b.get("value") else Agreement.UNRELATED
    if ra[0] <= rb[1] and rb[0] <= ra[1]:
        return Agreement.UNRELATED if _inside_period(a, ra, rb) or _inside_period(b, rb, ra) else Agreement.SAME
    if a.get("granularity") in VAGUE_GRANULARITIES or b.get("granularity") in VAGUE_GRANULARITIES:
        # "this week" vs a day a few days later is loose wording, not a contradiction.
        return Agreement.UNRELATED
    return Agreement.DIFFERENT


def _inside_period(value: dict, period: tuple[dt.date, dt.date], other: tuple[dt.date, dt.date]) -> bool:
    """`value` is a stated period ("from 1979 through 2009") and `other` a time strictly inside it ("in 2007"):
    something that happened during the period, neither the period nor a contradiction of it. A day at either
    end ("Oct. 31 to Nov. 1" and "on Nov. 1") can be the period's own start or end."""
    return value.get("granularity") == "range" and period[0] < other[0] and other[1] < period[1]


def date_range(value: dict) -> tuple[dt.date, dt.date] | None:
    begin, end = value.get("begin"), value.get("end")
    if not begin:
        return None
    b = dt.date.fromisoformat(begin)
    e = dt.date.fromisoformat(end) if end else b
    return b, e


def _close(a: float, b: float, tolerance: float) -> bool:
    if a == b:
        return True
    scale = max(abs(a), abs(b))
    return scale > 0 and abs(a - b) / scale <= tolerance
