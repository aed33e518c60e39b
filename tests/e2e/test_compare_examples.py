"""The example articles in examples/ (our own writing) with planted agreements and conflicts."""

import pytest

import crosswire
import pathlib

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"

COURIER, GAZETTE, WIRE = "The Coastal Courier", "Halvergate Gazette", "Meridian Wire"


@pytest.fixture(scope="module")
def comparison(nlp):
    return crosswire.compare(sorted(EXAMPLES.glob("harbor-strike-*")), nlp=nlp)


def by_outlet(comparison, finding):
    return {comparison.article(e.article_id).outlet: e for e in finding.evidence}


def conflict(comparison, slot):
    hits = [f for f in comparison.findings if f.verdict == "conflicting" and f.slot == slot]
    assert len(hits) == 1, [f.statement for f in comparison.findings if f.verdict == "conflicting"]
    return by_outlet(comparison, hits[0])


def test_all_three_formats_are_read(comparison):
    assert {a.outlet for a in comparison.articles} == {COURIER, GAZETTE, WIRE}
    assert comparison.problems == []


def test_a_different_offer_is_a_conflict_with_every_source_and_value(comparison):
    evidence = conflict(comparison, "rate")
    assert {o: e.value["amount"] for o, e in evidence.items()} == {COURIER: 4.0, GAZETTE: 4.5, WIRE: 4.5}
    for outlet, e in evidence.items():
        text = next(a for a in comparison.articles if a.outlet == outlet).text
        assert text[e.value_start : e.value_end].startswith(("4 percent", "4.5 percent"))


def test_a_different_ship_count_is_a_conflict(comparison):
    evidence = conflict(comparison, "count")
    assert {o: e.value["amount"] for o, e in evidence.items()} == {COURIER: 17, GAZETTE: 17, WIRE: 14}


def test_two_estimates_of_the_daily_cost_conflict(comparison):
    evidence = conflict(comparison, "amount")
    assert {o: e.value["amount"] for o, e in evidence.items()} == {COURIER: 4e7, GAZETTE: 3.8e7}
    assert all(e.value["per"] == "day" for e in evidence.values())


def corroborated(comparison, slot, predicate):
    return [
        f for f in comparison.findings
        if f.verdict == "corroborated" and f.slot == slot and all(predicate(e.value) for e in f.evidence)
    ]


def test_what_the_sources_agree_on_is_corroborated(comparison):
    assert corroborated(comparison, "rate", lambda v: v["amount"] == 9)  # the union's demand
    walkout = corroborated(comparison, "date", lambda v: v["begin"] == "2025-10-13")
    assert any(len(f.evidence) == 3 for f in walkout)  # "Monday" in all three
    assert corroborated(comparison, "duration", lambda v: v["amount"] == 11 and v["unit"] == "day")


def test_the_mediator_meeting_is_reported_by_the_courier_alone(comparison):
    unique = [f for f in comparison.findings if f.verdict == "unique" and f.slot == "date"]
    meeting = [f for f in unique if f.evidence[0].value["begin"] == "2025-10-15"]
    assert [comparison.article(f.evidence[0].article_id).outlet for f in meeting] == [COURIER]


def test_a_conflicting_pair_is_not_also_reported_as_agreeing(comparison):
    conflicted = {(e.article_id, e.start) for f in comparison.findings if f.verdict == "conflicting"
                  for e in f.evidence}
    for f in comparison.findings:
        if f.verdict == "corroborated" and f.slot is None:
            assert not {(e.article_id, e.start) for e in f.evidence} <= conflicted


def test_organisations_and_bodies_are_quoted_and_people_and_places_are_right(comparison):
    quotes = {(q.speaker, q.text[:30]) for q in comparison.quotes}
    # reported speech of an organisation, named or described, is a quote like a person's
    assert ("Halvergate Port Authority", "it had offered 4.5 percent") in quotes
    assert any(speaker == "the union" and text.startswith("The strike began") for speaker, text in quotes)
    assert any(speaker == "Harbor Workers' Union Local 14" for speaker, _ in quotes)
    people = {p.name: p.label for p in comparison.entities}
    assert people["Harbor Workers' Union Local 14"] == "ORG"
    assert people[WIRE] == "ORG"  # "data compiled by Meridian Wire": the outlet, no person
    assert not any(name.startswith("Terminal") for name, label in people.items() if label in ("PERSON", "ORG"))
    assert not any(f.statement.startswith(("names Meridian", "names Terminal")) for f in comparison.findings)
