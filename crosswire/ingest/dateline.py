"""Datelines: "SEOUL, Oct. 25 (Yonhap) --", "Washington, Oct 25 (Outlet.com): ".

A dateline opens the first paragraph and gives the place, often a month and
day without a year, and for wire copy the outlet. The reader records it and
marks its span so that `clean` keeps it out of the facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.ingest.dates import MONTH, month_number

PLACE = r"[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,4}"
SEPARATOR = r"\s*(?::|--|—|–|-)\s+"

DATED = re.compile(
    rf"^(?P<place>{PLACE}),\s+(?P<mname>{MONTH})\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?"
    rf"\s*(?:\((?P<outlet>[^()]{{2,60}})\))?{SEPARATOR}"
)
# Without a date the place must be in capitals ("WASHINGTON (Reuters) -"), or
# any sentence opening "Officials (who ...) -" would look like a dateline.
UNDATED = re.compile(rf"^(?P<place>[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][\w.'’-]*){{0,3}})\s*\((?P<outlet>[^()]{{2,40}})\){SEPARATOR}")


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    month: int | None
    day: int | None
    year: int | None
    outlet: str | None
    length: int  # characters from the start of the paragraph to the story's first word
    text: str

    def describe(self) -> str:
        parts = [self.place]
        if self.month and self.day:
            parts.append(self.text[len(self.place) :].strip(" ,").split("(")[0].strip(" :-—–"))
        if self.outlet:
            parts.append(self.outlet)
        return ", ".join(p for p in parts if p)


def find_dateline(paragraph: str) -> Dateline | None:
    if m := DATED.match(paragraph):
        month = month_number(m.group("mname"))
        day = int(m.group("day"))
        if month and 1 <= day <= 31:
            year = int(m.group("year")) if m.group("year") else None
            outlet = m.group("outlet").strip() if m.group("outlet") else None
            return Dateline(m.group("place").strip(), month, day, year, outlet, m.end(), m.group().strip())
    if m := UNDATED.match(paragraph):
        return Dateline(m.group("place").strip(" ,"), None, None, None, m.group("outlet").strip(), m.end(), m.group().strip())
    return None
