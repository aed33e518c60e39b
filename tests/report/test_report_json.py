"""The JSON report validates against comparison-v1 and its offsets slice the text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.model import Comparison, Finding
from crosswire.report import SCHEMA_VERSION, comparison_to_dict, render


def _evidence_entries(report):
    for finding in report["findings"]:
        yield from finding["evidence"]
    for event in report["timeline"]:
        yield from event["evidence"]
    for quote in report["quotes"]:
        yield quote["evidence"]


def test_json_report_validates_against_schema(comparison, validator):
    report = json.loads(render(comparison, "json"))
    validator.validate(report)
    assert report["schema"] == SCHEMA_VERSION == "comparison-v1"
    assert report["generated_by"].startswith("crosswire ")


def test_json_report_without_conflicts_validates(agreeing, validator):
    validator.validate(comparison_to_dict(agreeing))


def test_empty_comparison_validates(validator):
    report = comparison_to_dict(Comparison(articles=[]))
    validator.validate(report)
    assert report["summary"] == {"corroborated": 0, "conflicting": 0, "unique": 0, "sources": 0}


def test_summary_counts_verdicts_and_sources(comparison):
    assert comparison_to_dict(comparison)["summary"] == {
        "corroborated": 1, "conflicting": 1, "unique": 2, "sources": 2}


def test_evidence_offsets_slice_the_article_text(comparison):
    report = comparison_to_dict(comparison)
    texts = {a["id"]: a["text"] for a in report["articles"]}
    raws = {a.id: a.raw_text for a in comparison.articles}
    entries = list(_evidence_entries(report))
    assert entries
    for e in entries:
        assert texts[e["article"]][e["start"]:e["end"]] == e["text"]
        assert raws[e["article"]][e["raw_start"]:e["raw_end"]] == e["text"]
        if e["value_start"] is not None:
            assert e["start"] <= e["value_start"] <= e["value_end"] <= e["end"]


def test_values_are_serialised_as_json_types(comparison):
    report = comparison_to_dict(comparison)
    by_statement = {f["statement"]: f for f in report["findings"]}
    cost = by_statement["depot cost"]["evidence"][0]
    assert cost["value"] == {"amount": 1.2e7, "unit": "USD", "per": None}
    date = by_statement["construction of the depot begins"]["evidence"][0]
    assert date["value"] == ["2025-03-03", "2025-03-03"]
    assert report["articles"][0]["published"] == "2025-02-12"
    assert report["articles"][0]["published_inferred"] is True
    assert report["timeline"][1]["begin"] == "2025-03-03"
    assert by_statement["council vote count on the bus depot"]["sources"] == 2
    assert by_statement["council vote count on the bus depot"]["evidence"][1]["outlet"] == "Valley Herald"


def test_notes_and_problems_are_reported(comparison):
    report = comparison_to_dict(comparison)
    assert report["notes"]["a1ledger"][0] == {
        "kind": "boilerplate", "message": "site header removed", "raw_start": 0,
        "raw_end": len("RIVERTON LEDGER | Subscribe now\n")}
    assert report["problems"] == [{"source": "data/broken.pdf", "reason": "binary file", "severity": "error"}]


def test_schema_is_package_data():
    from importlib import resources

    assert resources.files("crosswire.report").joinpath("comparison-v1.schema.json").is_file()


def _reject(name):
    raise AssertionError(f"not strict JSON: {name}")


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(value=_values, statement=st.text())
def test_any_value_serialises_and_validates(factory, validator, value, statement):
    comparison = factory.build()
    first = comparison.findings[0]
    evidence = tuple(e.__class__(**{**{f: getattr(e, f) for f in e.__slots__}, "value": value})
                     for e in first.evidence)
    comparison.findings[0] = Finding(first.verdict, statement, evidence, first.slot)
    report = json.loads(render(comparison, "json"), parse_constant=_reject)
    validator.validate(report)


def test_documented_example_validates(validator):
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "json-schema.md"
    example = doc.read_text(encoding="utf-8").split("```json", 1)[1].split("```", 1)[0]
    validator.validate(json.loads(example))
