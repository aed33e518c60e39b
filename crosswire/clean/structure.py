"""Section headings and the outlet's promotional closing section.

Headings ("High Stakes Ahead of the Visit") are labels, not sentences: they
state nothing with a verb and a speaker, and a claim extractor would read them
as fragments. They leave the clean text with a Note each.

A closing section under a heading such as "Final Thoughts from <Outlet>",
"Conclusion" or "The Bottom Line" is the outlet's own commentary (and often
self-promotion), not reporting: the heading and everything under it go.
"""

from __future__ import annotations

import re

from crosswire.clean.lines import Line

# Words that stay lower case in a title-cased heading.
SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on onto or over per so than the to up via vs with "
    "is are be was were its it".split()
)
# Headings that open the outlet's closing section. Matched against the whole line.
PROMO_HEADINGS = tuple(
    re.compile(p, re.I)
    for p in (
        r"^final\s+(?:thoughts|words|take|verdict)(?:\s+(?:from|by)\s+.{1,60})?\W*$",
        r"^(?:in\s+)?conclusion\W*$",
        r"^(?:the\s+)?bottom\s+line\W*$",
        r"^(?:our|the\s+\w+)\s+(?:take|verdict|view)\W*$",
        r"^key\s+takeaways\W*$",
        r"^wrapping\s+up\W*$",
    )
)
# The closing section must really close the piece: at most this many paragraphs
# may follow the heading (otherwise "Conclusion" is an ordinary section).
PROMO_MAX_PARAGRAPHS = 6


# Run-in labels that open a paragraph of a newsletter-style article ("Why it matters: The summit
# offers ..."): a signpost of the outlet's format, not part of the sentence after it.
_RUN_IN_LABEL = re.compile(
    r"^(?:why\s+it\s+matters?|the\s+big\s+picture|driving\s+the\s+news|what\s+(?:they|we|he|she)(?:'|’)(?:re|s)"
    r"\s+(?:saying|hearing|watching)|by\s+the\s+numbers|state\s+of\s+play|(?:the\s+)?details|what(?:'|’)s\s+"
    r"(?:happening|next|new|inside)|between\s+the\s+lines|yes,?\s+but|be\s+smart|(?:the\s+)?context|what\s+to\s+watch|"
    r"(?:the\s+)?bottom\s+line|go\s+deeper|flashback|zoom\s+(?:in|out)|catch\s+up\s+quick|reality\s+check|"
    r"the\s+other\s+side|(?:the\s+)?backstory|behind\s+the\s+scenes|the\s+intrigue|our\s+thought\s+bubble|"
    r"worth\s+noting|of\s+note|the\s+fine\s+print|follow\s+the\s+money|the\s+catch|the\s+kicker)"
    r"\s*:[\s\xa0]+(?=\S)",
    re.IGNORECASE,
)


def run_in_label_end(text: str) -> int:
    """Where the text after a run-in label starts (0 when the paragraph opens with none)."""
    match = _RUN_IN_LABEL.match(text)
    return match.end() if match else 0


def is_heading(text: str) -> bool:
    """A short title-cased line without a sentence's final punctuation."""
    if len(text) > 100 or len(text) < 3:
        return False
    if text[-1] in ".,;:!" or text.endswith(("…", "...")):
        return False
    words = re.findall(r"[^\s\"“”‘’'()]+", text)
    if not 1 <= len(words) <= 14:
        return False
    if not words[0][:1].isupper() and not words[0][:1].isdigit() and not words[0][:1] in "$€£":
        return False
    content = [w for w in words if w[:1].isalpha() and w.lower().strip(":?,") not in SMALL_WORDS]
    if not content:
        return False
    capped = sum(1 for w in content if w[:1].isupper())
    # A question is a heading only when fully title-cased ("Will the Deal Be Signed?").
    needed = 1.0 if text.endswith("?") else 0.75
    return capped / len(content) >= needed


def promo_section_start(lines: list[Line], removed: set[int]) -> int | None:
    """Index of the heading that opens a closing promotional section, if any."""
    kept = [line for line in lines if line.index not in removed]
    for n, line in enumerate(kept):
        if len(kept) - n - 1 > PROMO_MAX_PARAGRAPHS:
            continue
        if any(p.match(line.text) for p in PROMO_HEADINGS):
            return line.index
    return None
