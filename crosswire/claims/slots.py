"""Typed slots of a sentence, from its analysis: the values a claim can be checked on."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re

from crosswire.analyze._units import VAGUE
from crosswire.model import Analysis, Quantity, Sentence, Slot, TimeExpr

# What slot a quantity fills, by its kind.
_QUANTITY_SLOTS = {
    "money": "amount",
    "measure": "amount",
    "percent": "rate",
    "count": "count",
    "duration": "duration",
}
_ENTITY_SLOTS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")]


class SentenceWindows:
    """The analysis cut down, sentence by sentence, to the times, quantities and entities that start inside the
    sentence, in their order: `slots_in` then reads a sentence's own values, not the whole text's (a text of
    2,000 sentences had every value read once per sentence). Sentences are asked for in any order."""

    _FIELDS = ("times", "quantities", "entities")

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._sorted = {}
        for name in self._FIELDS:
            items = getattr(analysis, name)
            order = sorted(range(len(items)), key=lambda k: items[k].start)
            self._sorted[name] = (order, [items[k].start for k in order])

    def of(self, sentence: Sentence) -> Analysis:
        kept = {}
        for name in self._FIELDS:
            order, starts = self._sorted[name]
            inside = order[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)]
            items = getattr(self.analysis, name)
            kept[name] = tuple(items[k] for k in sorted(inside))
        return dataclasses.replace(self.analysis, **kept)


def slots_in(analysis: Analysis, sentence: Sentence, published: dt.date | None = None) -> list[Slot]:
    """Every slot whose text lies inside `sentence`."""
    a, b = sentence.start, sentence.end
    slots: list[Slot] = []
    dates = [(t.start, t.end) for t in analysis.times if t.type in ("DATE", "TIME") and a <= t.start < b]
    measured = dates + [(q.start, q.end) for q in analysis.quantities if q.kind != "count"]  # "2-3 weeks"
    tallies = [t for t in tally_slots(analysis.text, a, b) if not any(s < t.end and t.start < e for s, e in measured)]
    slots.extend(tallies)
    for quantity in analysis.quantities:
        if a <= quantity.start and quantity.end <= b and not _age_band(analysis.text, quantity) and not (
                quantity.kind == "duration" and any(s <= quantity.start and quantity.end <= e for s, e in dates)) \
                and not any(t.start <= quantity.start and quantity.end <= t.end for t in tallies):
            slots.append(quantity_slot(quantity))  # "10 years ago" is a date, not also a duration
    for time in analysis.times:
        if a <= time.start and time.end <= b and time.type in ("DATE", "TIME"):
            slots.append(date_slot(time))
    seen: set[tuple[str, str]] = set()
    for entity in analysis.entities:
        name = _ENTITY_SLOTS.get(entity.label)
        if name and a <= entity.start and entity.end <= b and (name, entity.name) not in seen:
            seen.add((name, entity.name))
            slots.append(Slot(name, entity.text, entity.start, entity.end, value=entity.name, display=entity.name,
                              unit=entity.label if name == "place" else None))  # a country, a mountain, a building
    actor = _actor(analysis, sentence)
    if actor:
        slots.append(actor)
    return slots


# A vote's count, "220-212", "220-to-212", "52 to 47": two whole numbers joined by a dash or "to", not a range of a
# unit ("10-15 percent", "9-10 a.m.") nor part of a longer number or a score's decimals
_TALLY = re.compile(
    r"(?<![\d.,$€£/-])(\d{1,3})(?:\s?[-–—]\s?|-to-|\s+to\s+)(\d{1,3})(?!\d|[.,/:]\d|\s*(?:%|percent|[ap]\.?m\b))"
)
# Words that make such a pair a vote: "a 220-212 vote", "passed 220-212", "confirmed 52 to 47"
_VOTE_WORDS = frozenset("""
    vote votes voted voting passed passes approved approves confirmed confirms rejected rejects
    margin tally ballot party-line acquitted convicted overrode
""".split())
_TALLY_BEFORE, _TALLY_AFTER = 6, 4  # words searched before and after the pair ("passed the budget resolution 219-212")


def tally_slots(text: str, start: int, end: int) -> list[Slot]:
    """The vote counts of text[start:end] ("passed 220-212", "a 52 to 47 vote"), a "tally" slot each, whose
    value is the two numbers, the larger first; a pair with no word of voting beside it is no tally."""
    slots = []
    for match in _TALLY.finditer(text, start, end):
        before = re.findall(r"[\w-]+", text[max(start, match.start() - 60) : match.start()])[-_TALLY_BEFORE:]
        after = re.findall(r"[\w-]+", text[match.end() : min(end, match.end() + 60)])[:_TALLY_AFTER]
        if not _VOTE_WORDS & {w.lower() for w in before + after}:
            continue
        pair = sorted((int(match.group(1)), int(match.group(2))), reverse=True)
        slots.append(Slot("tally", match.group(), match.start(), match.end(),
                          value={"for": pair[0], "against": pair[1]}, display=f"{pair[0]}-{pair[1]}"))
    return slots


_AGE_BAND = re.compile(r"\s+(?:and|or)\s+(?:older|over|up|above|younger|under)\b")


def _age_band(text: str, quantity: Quantity) -> bool:
    """"people 12 years and older": who a figure is about, not how long something lasted."""
    return quantity.kind == "duration" and bool(_AGE_BAND.match(text, quantity.end))


def quantity_slot(quantity: Quantity) -> Slot:
    value = {
        "amount": quantity.value,
        "unit": quantity.unit,
        "per": quantity.per,
        "from": quantity.from_value,
        "approx": quantity.approx,
        "change": quantity.change,
    }
    return Slot(
        _QUANTITY_SLOTS.get(quantity.kind, "amount"),
        quantity.text,
        quantity.start,
        quantity.end,
        value=value,
        unit=quantity.unit,
        display=format_quantity(quantity),
    )


def date_slot(time: TimeExpr) -> Slot:
    value = {
        "value": time.value,
        "begin": time.begin.isoformat() if time.begin else None,
        "end": time.end_date.isoformat() if time.end_date else None,
        "granularity": time.granularity,
        "type": time.type,
    }
    return Slot("date", time.text, time.start, time.end, value=value, display=format_time(time))


def format_quantity(quantity: Quantity) -> str:
    """`$350 billion` -> "350 billion USD (3.5e+11)"; rates and changes spelled out."""
    number = format_number(quantity.value)
    unit = quantity.unit or ""
    if unit == "percent":
        shown = f"{number}%"
    elif unit == "fraction":  # "two-thirds" -> "66.67%", the way it is compared
        shown = f"{format_number(round(quantity.value * 100, 2))}%"
    elif unit:
        shown = f"{number} {_plural(unit, quantity.value)}"
    else:
        shown = number
    if quantity.approx in VAGUE and quantity.from_value is not None:  # "tens of millions (10 million to 100 million)"
        return f"{' '.join(quantity.text.split())} ({format_number(quantity.from_value)} to {shown})"
    if quantity.from_value is not None:
        start = format_number(quantity.from_value)
        start_unit = "%" if unit == "percent" else " " + _plural(unit, quantity.from_value) if unit else ""
        shown = f"from {start}{start_unit} to {shown}"
    if quantity.per:
        shown += f" per {quantity.per}"
    if quantity.approx:
        shown = f"{quantity.approx} {shown}"
    return shown


_NO_PLURAL = {"percent", "celsius", "fahrenheit", "kelvin", "mph", "horsepower"}


def _plural(unit: str, value: float) -> str:
    """ "240 kilometres", "8 years"; currency codes and "percent" stay as they are."""
    if value == 1 or not unit.isalpha() or not unit.islower() or unit in _NO_PLURAL or unit.endswith("s"):
        return unit
    return "centuries" if unit == "century" else unit + "s"


def format_number(value: float) -> str:
    """3.5e11 -> "350 billion"; 2400 -> "2,400"."""
    if abs(value) < 1e6:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    for scale, word in _SCALES:
        if abs(value) >= scale:
            scaled = value / scale
            return f"{scaled:g} {word}"
    return f"{value:g}"


def _period(begin: dt.date, end: dt.date) -> str:
    """A period in the unit it was written in: "from 1979 through 2009" is 1979..2009, not
    1979-01-01..2009-12-31; "from July to September" 2021-07..2021-09; days as days."""
    if (begin.month, begin.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{begin.year}..{end.year}"
    if begin.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        return f"{begin:%Y-%m}..{end:%Y-%m}"
    return f"{begin.isoformat()}..{end.isoformat()}"


def format_time(time: TimeExpr) -> str:
    if time.begin and time.end_date and time.begin != time.end_date:
        if time.granularity in ("range",):
            return _period(time.begin, time.end_date)
        return time.value + (f" ({time.mod.lower()})" if time.mod else "")
    if time.begin:
        return time.begin.isoformat()
    if "X" in time.value or time.value.endswith("_REF"):  # "XXXX-WXX-5": a day no date pins down
        return " ".join(time.text.split())  # is shown as written ("Friday")
    return time.value


def _actor(analysis: Analysis, sentence: Sentence) -> Slot | None:
    """The subject of the main verb, as the entity it names when it names one."""
    subject = sentence.subject
    if not subject:
        return None
    found = analysis.text.find(subject.split()[0], sentence.start, sentence.end)
    for entity in analysis.entities:
        if sentence.start <= entity.start < sentence.end and entity.text in subject:
            return Slot("actor", entity.text, entity.start, entity.end, value=entity.name, display=entity.name)
    if found < 0:
        return None
    return Slot("actor", subject, found, min(found + len(subject), sentence.end), value=subject.lower(), display=subject)
