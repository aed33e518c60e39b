"""A Comparison built by hand: two invented reports of one city council vote.

Planted: a conflict on the vote count (7-2 vs 6-3), a corroborated date
(construction begins March 3), and one unique fact per source.
No spaCy, no pipeline: every offset is computed from the invented text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from crosswire.model import (
    Article,
    Comparison,
    Evidence,
    Finding,
    Note,
    PersonSummary,
    Problem,
    QuoteSummary,
    Segment,
    TimelineEvent,
)

LEDGER_TEXT = (
    "The Riverton city council voted 7-2 on Tuesday to approve the new bus depot.\n"
    "The depot will cost $12 million, paid from the transit levy.\n"
    'Mayor Ana Ortiz called the vote "a win for commuters".\n'
    "Construction begins on March 3."
)
HERALD_TEXT = (
    "Riverton's council approved the bus depot by a 6-3 vote on Tuesday.\n"
    "Construction begins on March 3, officials said.\n"
    "Councillor Ben Osei, who chairs the transport committee, voted against the plan.\n"
    "A council aide, speaking on condition of anonymity, said the cost could rise."
)
HEADER = "RIVERTON LEDGER | Subscribe now\n"


def make_article(aid: str, text: str, *, outlet: str, title: str, raw_prefix: str = "", **kw) -> Article:
    raw = raw_prefix + text
    segments = (Segment(0, len(raw_prefix), len(text)),) if raw_prefix else ()
    return Article(id=aid, source=f"data/{aid}.txt", raw_text=raw, text=text, segments=segments,
                   title=title, outlet=outlet, **kw)


def ev(article: Article, sentence: str, value: str | None = None, *, val=None, display=None, kind="fact") -> Evidence:
    """Evidence for `sentence` (a substring of the article text), its value located inside it."""
    start = article.text.index(sentence)
    end = start + len(sentence)
    vs = ve = None
    if value is not None:
        vs = article.text.index(value, start)
        ve = vs + len(value)
    return Evidence(article_id=article.id, text=sentence, start=start, end=end,
                    raw_start=article.to_raw(start), raw_end=article.to_raw(end),
                    value=val, display=display, value_start=vs, value_end=ve, kind=kind)


def build(*, conflicts: bool = True, ledger_text: str = LEDGER_TEXT) -> Comparison:
    ledger = make_article("a1ledger", ledger_text, outlet="Riverton Ledger",
                          title="Council backs bus depot | 7-2 vote", raw_prefix=HEADER,
                          published=dt.date(2025, 2, 12), published_inferred=True,
                          authors=("Mara Lind",), outlet_from="header")
    herald = make_article("b2herald", HERALD_TEXT, outlet="Valley Herald",
                          title="Depot approved", published=dt.date(2025, 2, 12),
                          published_time="09:15", url="https://herald.example/depot")
    findings = []
    if conflicts:
        findings.append(Finding(
            verdict="conflicting", statement="council vote count on the bus depot", slot="count",
            topic="vote",
            evidence=(
                ev(ledger, "The Riverton city council voted 7-2 on Tuesday to approve the new bus depot.",
                   "7-2", val={"for": 7, "against": 2}, display="7-2"),
                ev(herald, "Riverton's council approved the bus depot by a 6-3 vote on Tuesday.",
                   "6-3", val={"for": 6, "against": 3}, display="6-3"),
            )))
    findings.append(Finding(
        verdict="corroborated", statement="construction of the depot begins", slot="date", topic="schedule",
        shared_origin=True,
        evidence=(
            ev(ledger, "Construction begins on March 3.", "March 3",
               val=(dt.date(2025, 3, 3), dt.date(2025, 3, 3))),
            ev(herald, "Construction begins on March 3, officials said.", "March 3",
               val=("2025-03-03", "2025-03-03"), display="2025-03-03"),
        )))
    findings.append(Finding(
        verdict="unique", statement="depot cost", slot="amount",
        evidence=(ev(ledger, "The depot will cost $12 million, paid from the transit levy.", "$12 million",
                     val={"amount": 1.2e7, "unit": "USD", "per": None}, display="$12 million = 1.2e7 USD"),)))
    findings.append(Finding(
        verdict="unique", statement="Ben Osei voted against", slot="person",
        evidence=(ev(herald, "Councillor Ben Osei, who chairs the transport committee, voted against the plan.",
                     "Ben Osei", val="Ben Osei"),)))
    quote_ev = ev(ledger, 'Mayor Ana Ortiz called the vote "a win for commuters".', "a win for commuters")
    anon_ev = ev(herald, "A council aide, speaking on condition of anonymity, said the cost could rise.")
    return Comparison(
        articles=[ledger, herald],
        findings=findings,
        entities=[
            PersonSummary("Ana Ortiz", "PERSON", ("Ortiz",), {ledger.id: ("Mayor",)}, {ledger.id: 1}),
            PersonSummary("Ben Osei", "PERSON", (), {herald.id: ("Councillor", "transport committee chair")},
                          {herald.id: 1}),
            PersonSummary("Riverton City Council", "ORG", ("council",), {}, {ledger.id: 1, herald.id: 1}),
        ],
        timeline=[
            TimelineEvent("2025-02-11", dt.date(2025, 2, 11), dt.date(2025, 2, 11), "council vote", False,
                          (findings[0].evidence if conflicts else ())),
            TimelineEvent("2025-03-03", dt.date(2025, 3, 3), dt.date(2025, 3, 3), "construction begins", True,
                          findings[-3].evidence),
        ],
        quotes=[
            QuoteSummary("Ana Ortiz", False, "a win for commuters", "direct", quote_ev),
            QuoteSummary("a council aide", True, "the cost could rise", "indirect", anon_ev),
        ],
        notes={
            ledger.id: [Note("boilerplate", "site header removed", 0, len(HEADER)),
                        Note("inferred", "year of the publication date inferred", None, None)],
            herald.id: [Note("disclosure", "AI-assisted translation")],
        },
        stats={ledger.id: {"filler_share": 0.25, "opinion_share": 0.1, "sentences": 4},
               herald.id: {"filler_share": 0.0, "opinion_share": 0.0, "sentences": 4}},
        problems=[Problem("data/broken.pdf", "binary file", "error")],
    )


@pytest.fixture(scope="session")
def factory() -> SimpleNamespace:
    """The builders, for tests that make their own articles (session-scoped for Hypothesis)."""
    return SimpleNamespace(build=build, make_article=make_article, ev=ev)


@pytest.fixture
def comparison() -> Comparison:
    return build()


@pytest.fixture(scope="session")
def validator():
    """A validator of comparison-v1, the JSON report's schema (itself checked)."""
    import jsonschema

    from crosswire.report import load_schema

    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def agreeing() -> Comparison:
    return build(conflicts=False)
