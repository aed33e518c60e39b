"""The Markdown report escapes article text, so `|` never breaks a table."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from crosswire.model import Comparison, Finding
from crosswire.report import render_markdown
from crosswire.report.markdown import md_escape


def _cells(line: str) -> list[str]:
    """Split a GFM table row at unescaped pipes (a backslash escapes the next character)."""
    cells, cell, i = [], "", 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            cell += line[i : i + 2]
            i += 2
            continue
        if ch == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += ch
        i += 1
    cells.append(cell)
    return cells[1:-1]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _tables_are_rectangular(out: str) -> None:
    widths: list[int] = []
    for line in out.splitlines() + [""]:
        if line.startswith("|"):
            widths.append(len(_cells(line)))
        elif widths:
            assert len(set(widths)) == 1, widths
            widths = []


def test_pipes_in_article_text_do_not_break_tables(factory):
    text = "Vote | 7-2 | passed.\nA *bold* claim_with [link](x) <b>."
    article = factory.make_article("m1", text, outlet="Pipe | Post", title="A | B")
    finding = Finding("conflicting", "vote | count", (factory.ev(article, "Vote | 7-2 | passed.", "7-2"),))
    out = render_markdown(Comparison(articles=[article], findings=[finding]))
    _tables_are_rectangular(out)
    assert "Vote \\| **7-2** \\| passed." in out
    assert "Pipe \\| Post" in out


def test_markdown_tables_are_rectangular_for_the_fixture(comparison):
    out = render_markdown(comparison)
    _tables_are_rectangular(out)
    assert "Council backs bus depot \\| 7-2 vote" in out
    assert "The Riverton city council voted **7-2** on Tuesday" in out


def test_markdown_escapes_html_and_emphasis():
    assert md_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_escape("a*b*_c_ `code` [x]") == "a\\*b\\*\\_c\\_ \\`code\\` \\[x\\]"
    assert md_escape("line one\nline two") == "line one line two"


@given(st.text())
def test_md_escape_keeps_text_on_one_line_and_round_trips(text):
    escaped = md_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert _cells(f"| {escaped} |") == [f" {escaped} "]
    assert _unescape(escaped) == " ".join(text.split())
