"""Translation and AI disclosures, editors' notes and corrections: facts about the article, not the event.

The paragraph leaves the facts and becomes one Note(kind="disclosure") with a
one-line summary ("AI-assisted translation from Korean, reviewed by editors",
"correction: An earlier version of this story misstated ..."), so a report can say
how the source was made, or what it corrected, without quoting it as reporting.
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


# A paragraph the outlet's editors add: "Editor’s note: ...", "Editors' Note — ...", "Correction: ..."
EDITORS_NOTE = re.compile(r"^\W{0,3}(editor['’]?s['’]?\s+note|correction|clarification)\s*[:—–-]\s*", re.I)


def is_disclosure(text: str) -> bool:
    first = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
    return len(text) < 800 and (any(t.search(first) for t in TRIGGERS) or EDITORS_NOTE.match(text) is not None)


def summarize(text: str) -> str:
    """One line saying what the disclosure discloses."""
    if note := EDITORS_NOTE.match(text):
        kind = "editor's note" if note.group(1).lower().startswith("editor") else note.group(1).lower()
        rest = text[note.end() :]
        return f"{kind}: {rest if len(rest) <= 100 else rest[:99].rstrip() + '…'}"
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
