"""The timeline: dated events, past and scheduled, with the sources that give them."""

from __future__ import annotations

import datetime as dt

from crosswire.align.compatible import Agreement, compare_dates
from crosswire.align.evidence import clip, evidence_for
from crosswire.model import Article, Claim, TimelineEvent

# Dates this coarse say little on a timeline ("this year", "the 1990s").
_TIMELINE_GRANULARITIES = {"day", "range", "month", "time"}


def build_timeline(articles: list[Article], claims: list[Claim]) -> list[TimelineEvent]:
    """One event per distinct date, the sources that state it merged into it."""
    by_id = {a.id: a for a in articles}
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
            evidence = evidence_for(article, claim, slot)
            event = _find_event(events, value, claim)
            if event is None:
                events.append({"value": value, "display": slot.display, "evidence": [evidence],
                               "description": clip(evidence.text, 140), "published": article.published})
            elif all(e.article_id != article.id for e in event["evidence"]):
                event["evidence"].append(evidence)
    return [_event(e) for e in sorted(events, key=lambda e: (e["value"]["begin"], e["value"].get("end") or ""))]


def _find_event(events: list[dict], value: dict, claim: Claim) -> dict | None:
    for event in events:
        same_day = compare_dates(event["value"], value) is Agreement.SAME
        if same_day and event["value"].get("granularity") == value.get("granularity"):
            return event
    return None


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
        scheduled=bool(published and begin > published),
        evidence=tuple(event["evidence"]),
    )
