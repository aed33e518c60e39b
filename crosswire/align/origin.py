"""Shared origin: sources that repeat each other's wording are not independent.

Wire copy reprinted by several outlets, or one outlet rewriting another, makes
agreement look broader than it is. Two articles that share runs of eight or more
identical words in a large part of their sentences are flagged, the later one as
the likely copy, and findings they alone support are marked `shared_origin`.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter, defaultdict

from crosswire.align.evidence import SHINGLE_WORDS, wording_shingles
from crosswire.model import Article, Finding, Note

COPY_SHARE = 0.5  # share of a text's sentences with copied wording that makes it a copy
REWRITE_SHARE = 0.2


def origin_notes(articles: list[Article]) -> tuple[dict[str, list[Note]], set[frozenset[str]]]:
    """Notes for articles that copy or rewrite another, and the pairs that share an origin.

    Each article's shingles are made once, and only pairs that share one are looked at: a story of
    hundreds of articles has tens of thousands of pairs, nearly all of them with no wording in common.
    """
    notes: dict[str, list[Note]] = {a.id: [] for a in articles}
    related: set[frozenset[str]] = set()
    paragraphs = [_paragraph_shingles(article) for article in articles]
    copied = _copied_paragraphs(articles, paragraphs)  # (i, j) -> paragraphs of articles[i] repeating articles[j]
    for i, j in sorted({(min(pair), max(pair)) for pair in copied}):
        a, b = articles[i], articles[j]
        (later, k), (earlier, m) = ((a, i), (b, j)) if _is_later(a, b) else ((b, j), (a, i))
        # the share of the later one's paragraphs that repeat the earlier one's words
        share = copied.get((k, m), 0) / max(1, len(paragraphs[k]))
        if share < REWRITE_SHARE:
            continue
        related.add(frozenset((a.id, b.id)))
        kind = "a copy" if share >= COPY_SHARE else "partly a rewrite"
        notes[later.id].append(
            Note("origin", f"{share:.0%} of its paragraphs repeat {earlier.label} word for word: {kind} of it")
        )
    return notes, related


def _copied_paragraphs(articles: list[Article], paragraphs: list[list[set]]) -> Counter[tuple[int, int]]:
    """(i, j) -> how many paragraphs of articles[i] (their shingles: `paragraphs[i]`) share a run of words with
    the text of articles[j]."""
    holders: dict[tuple[str, ...], set[int]] = defaultdict(set)  # a run of words -> the articles whose text has it
    for j, article in enumerate(articles):
        for shingle in wording_shingles(article.text):
            holders[shingle].add(j)
    copied: Counter[tuple[int, int]] = Counter()
    for i, shingles_of_paragraphs in enumerate(paragraphs):
        for shingles in shingles_of_paragraphs:
            sources = set().union(*(holders.get(shingle, ()) for shingle in shingles)) - {i}
            copied.update((i, j) for j in sources)
    return copied


def _paragraph_shingles(article: Article) -> list[set[tuple[str, ...]]]:
    """The shingles of each of the article's paragraphs long enough to hold one."""
    return [wording_shingles(p) for p in article.text.split("\n") if len(p.split()) >= SHINGLE_WORDS]


def mark_shared_origin(findings: list[Finding], related: set[frozenset[str]]) -> list[Finding]:
    """A corroboration whose sources all repeat one another is not independent agreement."""
    marked = []
    for finding in findings:
        ids = finding.article_ids
        if finding.verdict == "corroborated" and len(ids) > 1 and all(
            frozenset(pair) in related for pair in itertools.combinations(ids, 2)
        ):
            finding = dataclasses.replace(finding, shared_origin=True)
        marked.append(finding)
    return marked


def _is_later(a: Article, b: Article) -> bool:
    if a.published and b.published and a.published != b.published:
        return a.published > b.published
    return len(a.text) <= len(b.text)  # the shorter text is more often the excerpt
