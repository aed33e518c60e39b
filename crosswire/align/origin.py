"""Shared origin: sources that repeat each other's wording are not independent.

Wire copy reprinted by several outlets, or one outlet rewriting another, makes
agreement look broader than it is. Two articles that share runs of eight or more
identical words in a large part of their sentences are flagged, the later one as
the likely copy, and findings they alone support are marked `shared_origin`.
"""

from __future__ import annotations

import dataclasses
import itertools

from crosswire.align.evidence import SHINGLE_WORDS, wording_shingles
from crosswire.model import Article, Finding, Note

COPY_SHARE = 0.5  # share of a text's sentences with copied wording that makes it a copy
REWRITE_SHARE = 0.2


def copied_share(article: Article, other: Article) -> float:
    """Share of `article`'s paragraphs that repeat eight or more words of `other` verbatim (outside quotations,
    not only a name: evidence.wording_shingles)."""
    theirs = wording_shingles(other.text)
    paragraphs = [p for p in article.text.split("\n") if len(p.split()) >= SHINGLE_WORDS]
    if not paragraphs:
        return 0.0
    return sum(1 for p in paragraphs if wording_shingles(p) & theirs) / len(paragraphs)


def origin_notes(articles: list[Article]) -> tuple[dict[str, list[Note]], set[frozenset[str]]]:
    """Notes for articles that copy or rewrite another, and the pairs that share an origin."""
    notes: dict[str, list[Note]] = {a.id: [] for a in articles}
    related: set[frozenset[str]] = set()
    for a, b in itertools.combinations(articles, 2):
        later, earlier = (a, b) if _is_later(a, b) else (b, a)
        share = copied_share(later, earlier)
        if share < REWRITE_SHARE:
            continue
        related.add(frozenset((a.id, b.id)))
        kind = "a copy" if share >= COPY_SHARE else "partly a rewrite"
        notes[later.id].append(
            Note("origin", f"{share:.0%} of its paragraphs repeat {earlier.label} word for word: {kind} of it")
        )
    return notes, related


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
