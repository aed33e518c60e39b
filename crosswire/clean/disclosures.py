"""Translation and AI disclosures: a fact about the article, not about the event.

The paragraph leaves the facts and becomes one Note(kind="disclosure") with a
one-line summary ("AI-assisted translation from Korean, reviewed by editors"), so
a report can say how the source was made without quoting its boilerplate.
"""

from __future__ import annotations

import re

# Any one of these in a paragraph's first sentence marks it as a disclosure.
TRIGGERS = tuple(
    re.compile(p, re.I)
    for p in (
        r"\b(?:originally|first)\s+(?:written|published|reported)\s+in\s+[A-Z]\w+",
        r"\btranslated\s+(?:from\s+\w+\s+)?(?:by|with|using)\b.{0,80}\b(?:AI|artificial intelligence|machine|generative)",
        r"\b(?:produced|written|generated|created|drafted|translated)\s+with\s+(?:the\s+)?(?:help|assistance|aid|use)\s+of\s+(?:generative\s+)?(?:AI|artificial intelligence)",
        r"\bwith\s+AI\s+assistance\b",
        r"\b(?:AI|machine)[- ](?:assisted|generated)\s+(?:translation|article|story|content)",
        r"\bthis (?:article|story|content) (?:was|has been) (?:machine[- ])?translated\b",
    )
)


def is_disclosure(text: str) -> bool:
    first = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
    return len(text) < 800 and any(t.search(first) for t in TRIGGERS)


def summarize(text: str) -> str:
    """One line saying what the disclosure discloses."""
    ai = re.search(r"\b(?:AI|artificial intelligence|machine[- ]translat|generative)", text, re.I)
    language = re.search(r"\b(?:written|published|reported)\s+in\s+([A-Z][a-z]+)|\btranslated\s+from\s+([A-Z][a-z]+)", text)
    translated = re.search(r"\btranslat", text, re.I)
    reviewed = re.search(r"\b(?:edited|reviewed|checked|refined|verified)\b", text, re.I)
    if translated:
        summary = "AI-assisted translation" if ai else "translation"
        if language:
            summary += f" from {language.group(1) or language.group(2)}"
    else:
        summary = "produced with AI assistance" if ai else "production disclosure"
    if reviewed:
        summary += ", reviewed by editors"
    return summary
