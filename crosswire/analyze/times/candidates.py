"""The candidate a grammar rule produces (`_Cand`) and the text it reads (`_Ctx`)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

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
