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
    r"represents?|reflects?|indicates?|illustrates?|shows? how|aligns? with|seemingly|appears? to|seem(?:s|ed)?)"
)
_EVALUATIVE = (
    r"(?:significant|crucial|critical|pivotal|historic|remarkable|defining|unprecedented|"
    r"important|vital|key to|stakes are high|remains? high|optimism|watching closely)"
)
# "may" in lower case only: "in May" is a month
_SPECULATION = (r"\b(?:could|might|(?-i:may)|would likely|is likely to|are likely to|possibly|perhaps|if finalized|"
                r"if approved)\b")

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


# The writer's own voice, outside quotation marks: news reports keep "I", "we" and "you" inside quotes.
# ("US" is the country; "World War I" a war.)
_WRITER_VOICE = re.compile(r"(?<!War )(?<!Title )(?<!Phase )\bI\b|\b(?:[Ww]e|[Oo]ur|us|[Mm]y|me|[Yy]ou|[Yy]our)\b")
# What ought to be done, the writer's own judgement of it, and the asides that mark a view.
_NORMATIVE = re.compile(r"\b(?:should|shouldn['’]t|ought to)\b", re.I)
_INDIRECT_QUESTION = re.compile(r"\b(?:how|whether|what|why|which)\b(?:\s+\S+){0,3}\s*$", re.I)  # "how race should be"
# "what Republicans see as a misguided plan": their view, not the writer's
_THEIR_VIEW = re.compile(
    r"\bwhat\s+(?:\S+\s+){1,3}(?:see|sees|saw|call|calls|called|describe|describes|described)\s+as\b", re.I
)
_JUDGEMENT = re.compile(
    r"\b(?:absurd|appalling|baseless|brazen|deplorable|disgrace|disgraceful|farce|fiasco|foolish|hellish|"
    r"hypocrisy|hypocritical|ignominious|inexcusable|laughable|misguided|nonsense|outrageous|preposterous|"
    r"reckless|ridiculous|sham|shameful|shameless|unconscionable|wrongheaded|wrong-headed|"
    r"riddled with|disingenuous|ludicrous|idiotic|despicable|grotesque|pathetic|delusional|egregious|"
    r"blatantly)\b",  # not "hoax", "smear", "falsehoods": news reports who calls what so ("banned jab falsehoods")
    re.I,
)
_STANCE_OPENER = re.compile(
    r"^(?:Of course|Indeed|Surely|Clearly|Obviously|Notably|Sadly|Fortunately|Unfortunately|Ironically|"
    r"Tellingly|Worse|Worse still|To be sure|In other words|Make no mistake)\b"
    r"|, (?:of course|to be sure|sadly|ironically|tellingly|needless to say),"  # "Mr. Biden also, of course, withdrew"
)
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _outside_quotes(sentence: str) -> str:
    """The sentence less what it quotes (an unclosed quotation runs to its end)."""
    return _QUOTED.sub(" ", sentence)


def _writers_view(sentence: str, quoted: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The writer speaking: in the first or second person, asking, prescribing or judging.
    `quoted`: spans of the sentence that quote someone without marks of their own (a sentence
    in the middle of a quotation several sentences long)."""
    for start, end in quoted:
        sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    own = _outside_quotes(sentence)
    if match := _WRITER_VOICE.search(own):
        return f"the writer's own voice ({match.group(0)!r})"
    if own.rstrip(" .…").endswith("?"):
        return "a question, not a statement"
    own = own.strip()
    if (match := _NORMATIVE.search(own)) and not _INDIRECT_QUESTION.search(own[: match.start()]):
        return f"what should be done ({match.group(0)!r})"
    if (match := _JUDGEMENT.search(own)) and not _THEIR_VIEW.search(own[: match.start()]):
        return f"judgement ({match.group(0)!r})"
    if match := _STANCE_OPENER.search(own):
        return f"the writer's aside ({match.group(0)!r})"
    return None


def opinion_reason(sentence: str, *, has_values: bool = False, quoted: tuple[tuple[int, int], ...] = ()) -> str | None:
    """Why a sentence reads as opinion or speculation, or None for reporting (`quoted`: spans of
    the sentence that are someone's quoted words, never the writer's).

    `has_values`: the sentence gives a precise date or amount. Then evaluative
    wording ("marking a crucial moment") colours a report of an event rather
    than replacing it, and the sentence stays a fact.
    """
    if _PUNDIT_VIEW.search(sentence):
        return "attributed to unnamed analysts or observers"
    if _ATTRIBUTED.search(sentence):
        return None
    if reason := _writers_view(sentence, quoted):
        return reason
    for pattern in _OPINION_PATTERNS[1:]:
        match = _first_match(pattern, sentence)
        if match and not (has_values and pattern is not _SPECULATION_PATTERN):
            return f"interpretive wording ({match.group(0).strip()!r})"
    return None


# A modal in a clause that qualifies a noun or states a purpose speculates about that, not about what the
# sentence reports: "urged voters Sunday to turn back a recall vote that could remove him", "cleared the
# debris so rescuers could start".
_SUBORDINATE_BEFORE = re.compile(r"(?:\b(?:that|which|who|whom|where)|\bso(?:\s+that)?\s+\w+)\s+$", re.I)


def _first_match(pattern: re.Pattern, sentence: str) -> re.Match | None:
    """The first match of `pattern`; for speculation, the first outside a subordinate clause."""
    for match in pattern.finditer(sentence):
        if pattern is not _SPECULATION_PATTERN or not _SUBORDINATE_BEFORE.search(sentence, 0, match.start()):
            return match
    return None


_PUNDIT_VIEW = _OPINION_PATTERNS[0]
_SPECULATION_PATTERN = _OPINION_PATTERNS[3]


def is_opinion(sentence: str) -> bool:
    return opinion_reason(sentence) is not None
