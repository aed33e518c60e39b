"""Reporter and outlet sign-offs: who wrote it and for whom, then out of the facts.

Sign-offs sit at the end of a story and say nothing about the event. They are
also where many outlets put the only byline and the only outlet name, so the
readers in `ingest/` call `find_signoffs` for metadata and `clean` removes the
same lines. One table of patterns serves both, so the two can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.clean.lines import Line

# An address, or the "[email protected]" placeholder that Cloudflare writes in
# place of an obfuscated address when a page is saved as text.
EMAIL = r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|email\s+protected)"
NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"

# "HYEON YE-SEUL [[email protected]]", "By Jane Doe (jane@example.com)",
# "Jane Doe <jane@example.com>", optionally "... with the Korea JoongAng Daily".
EMAIL_SIGNOFF = re.compile(
    rf"^(?:By\s+)?(?P<name>{NAME})\s*[\[(<]\s*\[?\s*{EMAIL}\s*\]?\s*[\])>]"
    rf"(?:\s*,?\s*(?:with|for)\s+(?:the\s+)?(?P<outlet>[A-Z][\w&.'’ -]{{2,60}}))?\.?$"
)
# "Contact: jane@example.com", "Jane Doe can be reached at jane@example.com."
CONTACT_LINE = re.compile(
    rf"^(?:(?:Contact|E-?mail|Write to)[^@]{{0,40}}:?\s*{EMAIL}|(?P<name>{NAME}) can be reached at {EMAIL})\.?$",
    re.I,
)
# "Reporting by Jane Doe; Editing by John Roe", "(Reporting by Jane Doe in Seoul)"
CREDITS_LINE = re.compile(
    r"^\(?(?:Additional\s+)?(?:Reporting|Writing|Written|Editing|Edited)\s+by\s+(?P<names>[^;)]+)"
    r"(?:;[^)]*)?\)?\.?$",
    re.I,
)
# "with the Korea JoongAng Daily", "— for The Harbor Gazette"
OUTLET_SIGNOFF = re.compile(
    r"^(?:[-—–]\s*)?(?:with|for)\s+(?:the\s+)?(?P<outlet>[A-Z][\w&.'’ -]{2,60}?)\.?$"
)

# Sign-offs only count near the end: "with the Navy" in mid-story is not one.
TAIL_LINES = 12


@dataclass(frozen=True, slots=True)
class Signoff:
    """A sign-off line: what it says, and what it tells about the story."""

    line: Line
    what: str  # "reporter sign-off" | "reporting credits" | "contact line" | "outlet sign-off"
    authors: tuple[str, ...] = ()
    outlet: str | None = None


def _names(text: str) -> tuple[str, ...]:
    text = re.sub(r"\s+in\s+[A-Z][\w .-]*$", "", text.strip())  # "Jane Doe in Seoul"
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    return tuple(p.strip() for p in parts if p.strip())


def match_signoff(line: Line) -> Signoff | None:
    """The sign-off this line is, if any (position is checked by the caller)."""
    text = line.text
    if len(text) > 200:
        return None
    if m := EMAIL_SIGNOFF.match(text):
        outlet = m.group("outlet").strip() if m.group("outlet") else None
        return Signoff(line, "reporter sign-off", (m.group("name").strip(),), outlet)
    if m := CONTACT_LINE.match(text):
        name = m.group("name")
        return Signoff(line, "contact line", (name.strip(),) if name else ())
    if m := CREDITS_LINE.match(text):
        first = re.split(r";", m.group("names"))[0]
        authors = _names(first) if re.match(r"\(?(?:Additional\s+)?(?:Reporting|Writing|Written)", text, re.I) else ()
        return Signoff(line, "reporting credits", authors)
    if m := OUTLET_SIGNOFF.match(text):
        return Signoff(line, "outlet sign-off", (), m.group("outlet").strip())
    return None


def find_signoffs(lines: list[Line]) -> list[Signoff]:
    """Sign-off lines among the last `TAIL_LINES` lines."""
    found = []
    for line in lines[-TAIL_LINES:]:
        if signoff := match_signoff(line):
            found.append(signoff)
    return found
