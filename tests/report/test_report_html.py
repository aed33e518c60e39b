"""The HTML report is one self-contained file in which article text is always text."""

from __future__ import annotations

import dataclasses
import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.model import Comparison, Finding
from crosswire.report import render_html

HOSTILE = "<script>alert(1)</script> and <img src=x onerror=alert(1)> & \"quotes\""
_TEXT_DIV = re.compile(r'<div class="article-text" id="text-(\d+)">(.*?)</div>', re.S)
_MARK = re.compile(r"<mark[^>]*>|</mark>")


def _article_texts(out: str) -> dict[int, str]:
    return {int(n): html.unescape(_MARK.sub("", body)) for n, body in _TEXT_DIV.findall(out)}


def _hostile_comparison(factory) -> Comparison:
    text = f"Councillors met. {HOSTILE} The vote was 7-2.\nIt passed."
    article = factory.make_article("h1", text, outlet="<b>Evil</b> Times", title=HOSTILE,
                                   url="javascript:alert(1)")
    sentence = f"{HOSTILE} The vote was 7-2."
    finding = Finding("unique", f"statement {HOSTILE}", (factory.ev(article, sentence, "7-2", display=HOSTILE),))
    return Comparison(articles=[article], findings=[finding])


def test_hostile_article_text_shows_as_text(factory):
    out = render_html(_hostile_comparison(factory))
    assert len(re.findall(r"<script", out, re.I)) == 1  # ours, at the end
    assert "<img" not in out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert 'href="javascript:' not in out
    assert _article_texts(out)[1] == f"Councillors met. {HOSTILE} The vote was 7-2.\nIt passed."


def test_html_is_self_contained(comparison):
    out = render_html(comparison)
    assert out.startswith("<!DOCTYPE html>")
    assert "<style>" in out
    for external in ("<link", " src=", "@import", "url(", "cdn"):
        assert external not in out.lower()


def test_finding_sentences_are_marked_in_every_article(comparison):
    out = render_html(comparison)
    texts = dict(_TEXT_DIV.findall(out))
    for n in ("1", "2"):
        assert '<mark class="conflicting" data-finding="f1"' in texts[n]
        assert '<mark class="corroborated" data-finding="f2"' in texts[n]
    assert 'data-finding="f1"' in out.split('id="articles"')[0]  # the clickable finding card
    assert _article_texts(out) == {1: comparison.articles[0].text, 2: comparison.articles[1].text}


def test_value_is_highlighted_inside_the_quoted_sentence(comparison):
    out = render_html(comparison)
    assert 'The Riverton city council voted <mark class="value">7-2</mark> on Tuesday' in out
    assert "badge conflicting" in out and "badge corroborated" in out and "badge unique" in out


def test_overlapping_findings_share_a_mark(factory, comparison):
    first = comparison.findings[0]
    extra = Finding("unique", "a vote happened", (first.evidence[0],))
    comparison.findings.append(extra)
    out = render_html(comparison)
    assert '<mark class="conflicting" data-finding="f1 f5"' in out


_alphabet = st.sampled_from(list("ab <>&\"'/=\n") + ["<script>", "</script>", "&amp;", "<img src=x>"])


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(_alphabet, min_size=1, max_size=40), data=st.data())
def test_any_text_round_trips_and_never_opens_a_script(factory, pieces, data):
    text = "".join(pieces)
    article = factory.make_article("p1", text, outlet=text[:20] or "x", title=text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    vstart = data.draw(st.integers(start, end))
    vend = data.draw(st.integers(vstart, end))
    sentence = text[start:end]
    evidence = dataclasses.replace(factory.ev(article, sentence), start=start, end=end,
                                   value_start=vstart, value_end=vend, display=text)
    verdict = data.draw(st.sampled_from(["conflicting", "corroborated", "unique"]))
    comparison = Comparison(articles=[article], findings=[Finding(verdict, text, (evidence,))])
    out = render_html(comparison)
    assert len(re.findall(r"<script", out, re.I)) == 1
    assert _article_texts(out) == {1: text}
    quoted = re.search(r"<q>(.*?)</q>", out, re.S).group(1)
    assert html.unescape(_MARK.sub("", quoted)) == sentence
