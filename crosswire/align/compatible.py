"""When do two values for the same slot agree?

Values are compared after normalisation: amounts in base units and the same
unit, dates as day ranges. Agreement is tolerant where news is loose ("July"
and "late July" agree; "about $350 billion" and "$348 billion" agree), and a
value is only *incompatible* when both are precise enough to tell them apart.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

# Relative difference under which two amounts are the same figure.
EXACT_TOLERANCE = 0.005
APPROX_TOLERANCE = 0.03  # "about $38 million" and "roughly $40 million" are two estimates
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
    if slot in ("person", "place", "org", "actor"):
        return Agreement.SAME if str(a).casefold() == str(b).casefold() else Agreement.UNRELATED
    return Agreement.UNRELATED


def compare_amounts(a: dict, b: dict) -> Agreement:
    if (a.get("unit") or "") != (b.get("unit") or ""):
        return Agreement.UNRELATED
    if a.get("per") != b.get("per"):
        # "$25 billion a year" and "$200 billion" are different slots, not a conflict.
        return Agreement.UNRELATED
    va, vb = a.get("amount"), b.get("amount")
    if va is None or vb is None:
        return Agreement.UNRELATED
    tolerance = APPROX_TOLERANCE if (a.get("approx") or b.get("approx")) else EXACT_TOLERANCE
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


def compare_dates(a: dict, b: dict) -> Agreement:
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return Agreement.SAME if a.get("value") == b.get("value") else Agreement.UNRELATED
    if ra[0] <= rb[1] and rb[0] <= ra[1]:
        return Agreement.SAME
    if a.get("granularity") in VAGUE_GRANULARITIES or b.get("granularity") in VAGUE_GRANULARITIES:
        # "this week" vs a day a few days later is loose wording, not a contradiction.
        return Agreement.UNRELATED
    return Agreement.DIFFERENT


def _range(value: dict) -> tuple[dt.date, dt.date] | None:
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
