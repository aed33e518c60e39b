"""The timeline: dated events, past and scheduled, with the sources that give them."""

from __future__ import annotations

import datetime as dt
import re

from crosswire.align.compatible import Agreement, compare_dates
from crosswire.align.evidence import SPEECH_WORDS, clause_around, clause_cuts, evidence_for, in_quotes, relative_day
from crosswire.model import Article, Claim, Evidence, Finding, TimelineEvent

# An event of the day of publication told in the future: "is set to vote today", "will meet on Tuesday".
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:set|due|scheduled|expected|slated|poised|planning|going)\s+to"
    r"|to\s+be\s+held|later\s+(?:today|tonight|this\s+(?:morning|afternoon|evening)))\b",
    re.IGNORECASE,
)

# A verb in the past before the day, in its clause ("dismissed", "voted"), makes a future after the day another
# clause's; "is expected", "scheduled" are no past
_PAST_VERB = re.compile(r"(?!(?:expected|scheduled|planned|slated|poised|intended|supposed|needed)\b)[a-z]{3,}ed")

# Dates this coarse say little on a timeline ("this year", "the 1990s").
_TIMELINE_GRANULARITIES = {"day", "range", "month", "time"}


def build_timeline(articles: list[Article], claims: list[Claim], findings: list[Finding] = ()) -> list[TimelineEvent]:
    """One event per date and happening, the sources that state it merged into it.

    Two sources' sentences on the same date are one event when the comparison
    matched them (a corroborated or conflicting finding holds both); two things
    that merely fall on the same day ("a state visit Wednesday and Thursday", "talks
    in Busan on Thursday") stay two events.
    """
    by_id = {a.id: a for a in articles}
    matched = _matched_sentences(findings)
    events: list[dict] = []
    for claim in claims:
        if claim.kind == "opinion":
            continue
        article = by_id[claim.sentence.article_id]
        for slot in claim.slots:
            value = slot.value or {}
            if slot.name != "date" or not value.get("begin"):
                continue
            if value.get("granularity") not in _TIMELINE_GRANULARITIES:
                continue
            if relative_day(slot) and in_quotes(article.text, claim, slot):
                continue  # “Today's debate is ...”: a day inside quoted words is the speaker's, on a day unknown
            evidence = evidence_for(article, claim, slot)
            # matched by the comparison, "Tuesday evening" is the event of "Tuesday"; unmatched, "by Monday night"
            # is an event of its own beside the article's "on Monday"
            near = [e for e in events if _same_date(e["value"], value, time_is_day=True)]
            event = _matched_event(near, matched.get((article.id, evidence.start), set()), matched)
            same_date = [e for e in near if _same_date(e["value"], value)]
            if event is not None:
                if all(e.article_id != article.id for e in event["evidence"]):
                    event["evidence"].append(evidence)
            elif not any(x.article_id == article.id for e in same_date for x in e["evidence"]) and not any(
                    x.article_id == article.id and x.start == evidence.start for e in near for x in e["evidence"]):
                # one sentence is one event of its day: "a midnight curfew it put in place Thursday" is no two
                events.append({"value": value, "display": slot.display, "evidence": [evidence],
                               # the clause that holds the date: the sentence may be about another day
                               "description": clause_around(evidence), "published": article.published})
    return [_event(e) for e in sorted(events, key=lambda e: (e["value"]["begin"], e["value"].get("end") or ""))]


def _matched_sentences(findings: list[Finding]) -> dict[tuple[str, int], set[int]]:
    """(article id, sentence start) -> the findings that match that sentence with another source's."""
    matched: dict[tuple[str, int], set[int]] = {}
    for i, finding in enumerate(findings):
        if finding.verdict == "unique" or finding.slot == "person" or len(finding.article_ids) < 2:
            continue
        for e in finding.evidence:
            matched.setdefault((e.article_id, e.start), set()).add(i)
    return matched


def _matched_event(events: list[dict], findings_of_sentence: set[int], matched: dict) -> dict | None:
    """The event holding a sentence that a finding matched with this one."""
    for event in events:
        if any(findings_of_sentence & matched.get((x.article_id, x.start), set()) for x in event["evidence"]):
            return event
    return None


def _same_date(a: dict, b: dict, time_is_day: bool = False) -> bool:
    """The same day, month or range; with `time_is_day` a time of day counts as its day ("Tuesday evening")."""
    granularities = {"day" if g == "time" and time_is_day else g for g in (a.get("granularity"), b.get("granularity"))}
    return compare_dates(a, b) is Agreement.SAME and len(granularities) == 1


def _event(event: dict) -> TimelineEvent:
    value = event["value"]
    begin = dt.date.fromisoformat(value["begin"])
    end = dt.date.fromisoformat(value["end"]) if value.get("end") else begin
    published = event["published"]
    return TimelineEvent(
        date=event["display"] or value.get("value"),
        begin=begin,
        end=end,
        description=event["description"],
        scheduled=_scheduled(begin, end, published, event["evidence"][0]),
        evidence=tuple(event["evidence"]),
    )


def _scheduled(begin: dt.date, end: dt.date, published: dt.date | None, evidence: Evidence) -> bool:
    """Still to come when the article appeared: after its day; starting on it and running on after it
    ("later this month"); or on that very day and told in the future ("the board will vote today")."""
    if published is None:
        return False
    return begin > published or begin == published < end or (begin == published == end and _told_in_future(evidence))


def _told_in_future(evidence: Evidence) -> bool:
    """The date's own clause puts it in the future, and no verb of saying comes between the two: in
    "Merck on Friday said it will seek approval", "said Monday it will ease" and "..., officials said
    today" the day is the day something was said."""
    text, at, end = evidence.text, evidence.value_start - evidence.start, evidence.value_end - evidence.start
    cuts = clause_cuts(text)
    lo = max(c for c in cuts if c <= at)
    hi = min((c for c in cuts if c >= end), default=len(text))
    before = text[lo:at].split()
    if _says(" ".join(before[-4:])):  # "said Monday", "announced on Monday", "told Al-Jazeera TV on Sunday"
        return False
    happened = any(_PAST_VERB.fullmatch(w) for w in before)
    for future in _FUTURE.finditer(text, lo, hi):
        if future.start() >= end and happened:
            continue  # "The court dismissed the case on Thursday in a decision that will ...": it has happened
        between = text[end : future.start()] if future.start() >= end else text[future.end() : at]
        if not _says(between):
            return True
    return False


def _says(words: str) -> bool:
    return not SPEECH_WORDS.isdisjoint(re.findall(r"[a-z]+", words.casefold()))
