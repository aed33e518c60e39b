"""Photo captions: the caption text stays (as a low-weight fact), the credit goes.

A caption is recognised by its credit, since that is what captions have and
sentences do not: a bracketed all-caps name at the end ("[KANG TAE-HWA]",
"[JOONGANG ILBO]"), a "(Photo: Reuters)" / "(AP Photo/Jane Doe)" tag, or a
trailing agency name such as "Getty Images". "Left: ...; Right: ..." lines are
captions even without a credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CREDIT_PATTERNS = tuple(
    re.compile(p)
    for p in (
        # "[KANG TAE-HWA]", "[JOONGANG ILBO]", "[YONHAP]", "[AP/REUTERS]"
        r"\s*\[[A-Z][A-Z0-9 .,&'’/-]{1,48}\]\s*$",
        # "(Photo: Reuters)", "(Photo by Jane Doe/Harbor Gazette)", "(AP Photo/Jane Doe)"
        r"\s*\((?:[A-Z]{2,10}\s+)?(?:Photo|Photograph|Image|Picture|Credit|File photo)s?\b(?:\s*(?:by|:|/)\s*)[^()]{1,60}\)\s*$",
        # "Photo: Reuters", "Photo by Jane Doe / Getty Images" at the end of the line
        r"\s*(?:[|/·—–-]\s*)?(?:Photo|Photograph|Image|Picture|Credit)s?\s*(?::|by)\s*[A-Z][^.!?]{1,60}$",
        # "... in Busan. Getty Images", "... Reuters/Jane Doe"
        r"\s*(?:[|/·—–-]\s*)?(?:Getty Images|AFP via Getty Images|Shutterstock|EPA-EFE|AP Photo|Reuters|AFP|Yonhap)(?:\s*/\s*[A-Z][\w .'-]{1,40})?$",
    )
)
# "Left: union president Dolores Okafor; Right: port chief Leonard Vance"
LEFT_RIGHT = re.compile(r"^(?:Left|Right|Top|Bottom|From left|Above|Below)\s*:", re.I)


@dataclass(frozen=True, slots=True)
class Caption:
    keep_end: int  # the caption text is line.text[:keep_end]
    credit: str | None  # the credit removed, if any


def match_caption(text: str) -> Caption | None:
    if len(text) > 400:
        return None
    for pattern in CREDIT_PATTERNS:
        m = pattern.search(text)
        # A credit alone on a line is still a credit; otherwise it must follow text.
        if m and not re.search(r"@|email protected", m.group()):
            keep = text[: m.start()].rstrip()
            if keep and not re.search(r"[\w.!?”\"')]$", keep):
                continue
            return Caption(len(keep), m.group().strip(" |/·—–-"))
    if LEFT_RIGHT.match(text) and len(text) < 250:
        return Caption(len(text), None)
    return None
