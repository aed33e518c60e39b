"""Which source gave a finding first: by publication day, then by time of day when that day's sources give it."""

import dataclasses
import datetime as dt

import pytest

from crosswire.report import render
from crosswire.report.common import first_reported


def dated(comparison, ledger, herald):
    """The comparison with its two articles dated as given ((day, time) each; None for no date)."""
    articles = []
    for article, when in zip(comparison.articles, (ledger, herald)):
        day, time = when if when else (None, None)
        articles.append(dataclasses.replace(article, published=day, published_time=time, published_inferred=False))
    return dataclasses.replace(comparison, articles=articles)


@pytest.mark.parametrize(("ledger", "herald", "first"), [
    ((dt.date(2025, 2, 11), None), (dt.date(2025, 2, 12), "09:15"), ["a1ledger"]),  # a day earlier
    ((dt.date(2025, 2, 12), "08:00"), (dt.date(2025, 2, 12), "09:15"), ["a1ledger"]),  # the same day, earlier
    ((dt.date(2025, 2, 12), None), (dt.date(2025, 2, 12), "09:15"), []),  # the same day, one time unknown
    ((dt.date(2025, 2, 12), "09:15"), (dt.date(2025, 2, 12), "09:15"), []),  # at once
    (None, (dt.date(2025, 2, 12), "09:15"), []),  # an undated source could have been first
])
def test_the_first_source_is_named_only_when_the_dates_tell(comparison, ledger, herald, first):
    comparison = dated(comparison, ledger, herald)
    corroborated = comparison.by_verdict("corroborated")[0]
    assert first_reported(comparison, corroborated) == first
    unique = comparison.by_verdict("unique")[0]
    assert first_reported(comparison, unique) == []


def test_reports_name_the_first_source(comparison, validator):
    import json

    comparison = dated(comparison, (dt.date(2025, 2, 11), "17:40"), (dt.date(2025, 2, 12), "09:15"))
    assert "first: Riverton Ledger, 2025-02-11 17:40" in render(comparison, "md")
    assert "first: Riverton Ledger, 2025-02-11 17:40" in render(comparison, "html")
    report = json.loads(render(comparison, "json"))
    validator.validate(report)
    assert [f["first_reported"] for f in report["findings"] if f["verdict"] == "corroborated"] == [["a1ledger"]]
