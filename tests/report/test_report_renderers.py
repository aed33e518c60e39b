"""Every renderer shows the sections in order: conflicts, corroborated, unique."""

from __future__ import annotations

import dataclasses

import pytest

from crosswire.errors import ConfigError
from crosswire.report import RENDERERS, render
from crosswire.report.common import NO_CONFLICTS, SHARED_ORIGIN
from crosswire.report.terminal import render_terminal

CONFLICT = "council vote count on the bus depot"
CORROBORATED = "construction of the depot begins"
UNIQUE = "depot cost"


def _render(comparison, fmt):
    if fmt == "terminal":
        return render_terminal(comparison, width=220)
    return render(comparison, fmt)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_renderer_returns_text(comparison, fmt):
    out = _render(comparison, fmt)
    assert isinstance(out, str) and out.strip()


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_conflicts_come_before_corroborated_before_unique(comparison, fmt):
    out = _render(comparison, fmt)
    positions = [out.index(s) for s in (CONFLICT, CORROBORATED, UNIQUE)]
    assert positions == sorted(positions)
    assert NO_CONFLICTS not in out


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_section_order_people_timeline_quotes_notes_problems(comparison, fmt):
    out = _render(comparison, fmt)
    order = ["Conflicting findings", "Corroborated findings", "Reported by one source only",
             "People and organisations", "Timeline", "Quotes", "Notes per source", "Problems"]
    positions = [out.index(s) for s in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_no_conflicts_sentence_when_sources_agree(agreeing, fmt):
    out = _render(agreeing, fmt)
    assert NO_CONFLICTS in out
    assert out.index(NO_CONFLICTS) < out.index(CORROBORATED)


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_report_shows_sources_values_and_marks(comparison, fmt):
    out = _render(comparison, fmt)
    for text in ("Riverton Ledger", "Valley Herald", "7-2", "6-3", "(year inferred)", "anonymous",
                 "2025-02-12", "scheduled", "filler share", "25%", "site header removed",
                 "data/broken.pdf", "Councillor", "Mayor"):
        assert text in out, (fmt, text)
    assert SHARED_ORIGIN in out


def test_unique_findings_grouped_per_source(comparison):
    out = render(comparison, "md")
    ledger = out.index("### Riverton Ledger", out.index("Reported by one source only"))
    herald = out.index("### Valley Herald", ledger)
    assert ledger < out.index(UNIQUE, ledger) < herald < out.index("Ben Osei voted against", herald)


def test_terminal_renders_without_tty_and_with_colour(comparison):
    plain = render_terminal(comparison)
    assert "\x1b[" not in plain
    coloured = render_terminal(comparison, color=True)
    assert "\x1b[" in coloured


def test_terminal_keeps_rich_markup_in_text_as_text(comparison):
    comparison.articles[1] = dataclasses.replace(comparison.articles[1], title="[bold red]Depot[/] approved")
    comparison.findings[0] = dataclasses.replace(comparison.findings[0], statement="vote [i]count[/i]")
    out = render_terminal(comparison, width=220)
    assert "[bold red]Depot[/] approved" in out
    assert "vote [i]count[/i]" in out


def test_render_unknown_format_raises_config_error(comparison):
    with pytest.raises(ConfigError, match="unknown report format"):
        render(comparison, "pdf")


def test_empty_comparison_renders_everywhere():
    from crosswire.model import Comparison

    for fmt in RENDERERS:
        assert NO_CONFLICTS in _render(Comparison(articles=[]), fmt) or fmt == "json"
