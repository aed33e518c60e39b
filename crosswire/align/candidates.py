"""Which pairs of claims alignment scores: those that could match or conflict, found without
looking at every pair.

A story of two hundred articles holds thousands of fact claims and millions of pairs of them,
nearly all of which say different things; scoring each in Python took minutes and most of the
comparison's memory. A pair can only come to count in two ways (see `PairScore.matches` and the
conflict passes in `crosswire.align`):

1. its similarity reaches WITH_TWO_VALUES, the lowest any match or conflict asks for. The
   similarity is the embedding cosine plus the weighted word overlap (or that overlap alone);
   both are worked out for a block of claims against all the others at once, the cosines as a
   matrix product and the overlaps from the claims that hold each word;
2. it is *anchored*: the two sentences give the same precise date, amount or rate with a content
   word near it in both, whatever else they say. Those come from an index of the values: amounts
   by their unit and size, dates by their days.

So the pairs left out would have scored nothing, and a comparison is the same as when every
pair was scored (a test checks this on the example articles).
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from crosswire.align.compatible import ROUND_TOLERANCE, Agreement, as_percent, compare_values, date_range

if TYPE_CHECKING:
    import numpy

    from crosswire.model import Claim, Slot

# Claims whose similarities are worked out at once (a block times all claims, float64: 2 MB per
# thousand claims)
BLOCK = 256
# Computed in blocks, a similarity can differ from the pair's own in the last digits: a pair this
# close under the threshold is scored anyway
MARGIN = 1e-4
ANCHOR_SLOTS = ("date", "amount", "rate")


def candidate_pairs(facts: Sequence[Claim], texts: Sequence[str], vectors: numpy.ndarray | None,
                    weights: dict[str, float]) -> list[tuple[int, int]]:  # fmt: skip
    """Pairs (i, j), i < j, of claims from two different articles that could match or conflict, in
    order; `texts[i]` is the text of the article of facts[i]."""
    pairs = _similar_pairs(facts, vectors, weights) | _anchored_pairs(facts, texts)
    return sorted(pairs)


def _similar_pairs(facts, vectors, weights) -> set[tuple[int, int]]:
    """Pairs whose similarity (as `crosswire.align._similarity` scores it) reaches WITH_TWO_VALUES."""
    import numpy as np

    from crosswire.align import LEXICAL_BONUS, LEXICAL_SCALE, WITH_TWO_VALUES

    n = len(facts)
    codes: dict[str, int] = {}
    articles = np.array([codes.setdefault(c.sentence.article_id, len(codes)) for c in facts])
    keywords = [set(c.keywords) for c in facts]
    holders: dict[str, list[int]] = defaultdict(list)  # a keyword -> the claims that hold it
    for j, words in enumerate(keywords):
        for word in words:
            holders[word].append(j)
    squared = {word: weights.get(word, 1.0) ** 2 for word in holders}
    held = {word: np.array(claims) for word, claims in holders.items()}
    norms = np.array([math.sqrt(sum(squared[w] for w in words)) for words in keywords])
    matrix = vectors.astype(np.float64) if vectors is not None else None
    pairs: set[tuple[int, int]] = set()
    for start in range(0, n, BLOCK):
        rows = range(start, min(n, start + BLOCK))
        shared = np.zeros((len(rows), n))
        for r, i in enumerate(rows):
            for word in keywords[i]:
                shared[r, held[word]] += squared[word]
        with np.errstate(divide="ignore", invalid="ignore"):
            lexical = np.nan_to_num(shared / np.outer(norms[start : start + len(rows)], norms))
        if matrix is None:
            similarity = LEXICAL_SCALE * lexical
        else:
            similarity = matrix[start : start + len(rows)] @ matrix.T + LEXICAL_BONUS * lexical
        close = similarity >= WITH_TWO_VALUES - MARGIN
        for r, i in enumerate(rows):
            js = np.flatnonzero(close[r, i + 1 :]) + i + 1
            pairs.update((i, int(j)) for j in js[articles[js] != articles[i]])
    return pairs


def _anchored_pairs(facts, texts) -> set[tuple[int, int]]:
    """Pairs that give the same precise date, amount or rate with a content word near it in both (what
    `crosswire.align._anchored` asks), either way round."""
    from crosswire.align import _context_words

    index = _ValueIndex(facts)
    context: dict[tuple[int, int], set[str]] = {}

    def words(i: int, slot: Slot) -> set[str]:
        key = (i, id(slot))
        if key not in context:
            context[key] = _context_words(texts[i], slot)
        return context[key]

    pairs: set[tuple[int, int]] = set()
    for i, claim in enumerate(facts):
        for slot in claim.slots:
            if slot.name not in ANCHOR_SLOTS or not _precise(slot):
                continue
            for j, other in index.same_as(slot):
                pair = (min(i, j), max(i, j))
                if (facts[i].sentence.article_id == facts[j].sentence.article_id or pair in pairs
                        or compare_values(slot.name, slot.value, other.value) is not Agreement.SAME):
                    continue
                if words(i, slot) & words(j, other):
                    pairs.add(pair)
    return pairs


def _precise(slot: Slot) -> bool:
    """A value an anchored match can rest on (`crosswire.align._anchored`): not a vague date, and a date of a
    day, a range or a time."""
    from crosswire.align import _vague

    if _vague(slot):
        return False
    return slot.name != "date" or (slot.value or {}).get("granularity") in ("day", "range", "time")


class _ValueIndex:
    """The date, amount and rate slots of `facts` by value, to find those `compare_values` can call the same as
    one."""

    def __init__(self, facts: Sequence[Claim]) -> None:
        import numpy as np

        amounts: dict[tuple, list[tuple[float, int, Slot]]] = defaultdict(list)  # (name, unit, per) -> entries
        dated: list[tuple[int, int, int, Slot]] = []  # (first day, last day, claim, slot) of dates with days
        self.by_value: dict[object, list[tuple[int, Slot]]] = defaultdict(list)  # every date, by its value
        for i, claim in enumerate(facts):
            for slot in claim.slots:
                if slot.name == "date":
                    self.by_value[_date_value(slot.value)].append((i, slot))
                    if (days := _days(slot.value)) is not None:
                        dated.append((*days, i, slot))
                elif slot.name in ANCHOR_SLOTS and (found := _amount_key(slot))[1] is not None:
                    amounts[found[0]].append((found[1], i, slot))
        self.amounts = {key: sorted(entries, key=lambda entry: entry[0]) for key, entries in amounts.items()}
        self.values = {key: [entry[0] for entry in entries] for key, entries in self.amounts.items()}
        self.dated = dated
        self.firsts = np.array([entry[0] for entry in dated], dtype=np.int64)
        self.lasts = np.array([entry[1] for entry in dated], dtype=np.int64)

    def same_as(self, slot: Slot) -> list[tuple[int, Slot]]:
        """The slots whose value could be the same as `slot`'s: a superset of those `compare_values` calls so
        (a date: the same value, or days in common; a figure: within ROUND_TOLERANCE, of the same unit)."""
        import numpy as np

        if slot.name == "date":
            found = list(self.by_value.get(_date_value(slot.value), []))
            if (days := _days(slot.value)) is not None:
                overlapping = np.flatnonzero((self.firsts <= days[1]) & (self.lasts >= days[0]))
                found += [self.dated[k][2:] for k in overlapping]
            return found
        key, amount = _amount_key(slot)
        if amount is None or key not in self.amounts:
            return []
        low, high = _same_figure_bounds(amount)
        values = self.values[key]
        return [(i, other) for _, i, other in
                self.amounts[key][bisect.bisect_left(values, low) : bisect.bisect_right(values, high)]]


def _amount_key(slot: Slot) -> tuple[tuple, float | None]:
    """((slot name, unit, per), amount) as `compare_amounts` compares them (a fraction in percent)."""
    value = as_percent(slot.value or {})
    amount = value.get("amount")
    return (slot.name, value.get("unit") or "", value.get("per")), (float(amount) if amount is not None else None)


def _same_figure_bounds(amount: float) -> tuple[float, float]:
    """The figures within ROUND_TOLERANCE (the widest `compare_amounts` allows) of `amount`, a little wider."""
    keep = 1 - ROUND_TOLERANCE - 1e-9
    if amount > 0:
        return amount * keep, amount / keep
    if amount < 0:
        return amount / keep, amount * keep
    return 0.0, 0.0


def _days(value) -> tuple[int, int] | None:
    """A date value's first and last day as ordinals, as `compare_dates` reads its range."""
    days = date_range(value or {})
    return (days[0].toordinal(), days[1].toordinal()) if days else None


def _date_value(value) -> object:
    return (value or {}).get("value")
