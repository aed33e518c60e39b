"""Tell reporting apart from opinion, analysis and speculation.

News copy mixes what happened ("the official said Friday...") with what the
writer or unnamed pundits make of it ("Analysts note...", "could become one of
the largest..."). Only the first kind can corroborate or contradict another
source, so the second is kept apart and counted as a source's filler share.
The rules are word tables over the sentence, cheap enough for every sentence.
"""

from __future__ import annotations

import re

# Who is offering a view rather than reporting one.
_PUNDITS = r"(?:analysts?|observers?|experts?|critics?|commentators?|pundits?|watchers?)"
_VIEW_VERBS = r"(?:note|notes|say|says|said|expect|expects|believe|believes|argue|argues|predict|predicts|suggest|suggests|warn|warns|think|thinks|see|sees)"
# Words that present an interpretation, not an event.
_ANALYSIS_VERBS = (
    r"(?:suggests?|suggested|underscores?|underscored|highlights?|highlighted|signals?|signaling|signalling|"
    r"represents?|reflects?|indicates?|illustrates?|shows? how|aligns? with|seemingly|appears? to|seems? to)"
)
_EVALUATIVE = (
    r"(?:significant|crucial|critical|pivotal|historic|remarkable|defining|unprecedented|"
    r"important|vital|key to|stakes are high|remains? high|optimism|watching closely)"
)
_SPECULATION = r"\b(?:could|might|may|would likely|is likely to|are likely to|possibly|perhaps|if finalized|if approved)\b"

_OPINION_PATTERNS = [
    re.compile(rf"\b{_PUNDITS}\s+(?:\w+\s+){{0,2}}{_VIEW_VERBS}\b", re.I),
    re.compile(rf"\b{_ANALYSIS_VERBS}\b", re.I),
    re.compile(rf"\b{_EVALUATIVE}\b", re.I),
    re.compile(_SPECULATION, re.I),
    re.compile(r"\b(?:the world|everyone|all eyes) will be\b", re.I),
    re.compile(r"\b(?:for (?:both|the) \w+|for washington|for [A-Z]\w+(?: [A-Z]\w+)?),\s+the \w+ (?:represents|means|aligns)", re.I),
]
# Attribution to a named or official source keeps speculation a reported fact
# ("the official said schedules can be changed").
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|stated|added|told|according to|confirmed|announced|replied|noted that|reaffirmed)\b", re.I
)


def opinion_reason(sentence: str, *, has_values: bool = False) -> str | None:
    """Why a sentence reads as opinion or speculation, or None for reporting.

    `has_values`: the sentence gives a precise date or amount. Then evaluative
    wording ("marking a crucial moment") colours a report of an event rather
    than replacing it, and the sentence stays a fact.
    """
    if _PUNDIT_VIEW.search(sentence):
        return "attributed to unnamed analysts or observers"
    if _ATTRIBUTED.search(sentence):
        return None
    for pattern in _OPINION_PATTERNS[1:]:
        match = pattern.search(sentence)
        if match and not (has_values and pattern is not _SPECULATION_PATTERN):
            return f"interpretive wording ({match.group(0).strip()!r})"
    return None


_PUNDIT_VIEW = _OPINION_PATTERNS[0]
_SPECULATION_PATTERN = _OPINION_PATTERNS[3]


def is_opinion(sentence: str) -> bool:
    return opinion_reason(sentence) is not None
