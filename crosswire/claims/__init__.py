"""Claims: each sentence of an article -> a `Claim` with typed slots.

A claim is what one sentence states: its main predicate, its content words, and
slots for the values that can agree or disagree across sources (amounts, rates,
counts, durations, dates, places, people, organisations, the actor). Opinion and
speculation become claims of kind "opinion" and never enter the comparison of
facts; photo captions become claims of kind "caption" (low weight).
"""

from __future__ import annotations

import hashlib

from crosswire.claims.opinion import opinion_reason
from crosswire.claims.slots import SentenceWindows, slots_in
from crosswire.model import Analysis, Article, Claim, Quote, Span

CLAIMS_VERSION = "claims.v1"


def build_claims(article: Article, analysis: Analysis) -> list[Claim]:
    """One claim per sentence of `article.text` (the analysis must be of that text)."""
    claims = []
    windows = SentenceWindows(analysis)
    for sentence in analysis.sentences:
        text = analysis.text[sentence.start : sentence.end]
        if not _is_statement(text):
            continue
        quote = _quote_in(analysis.quotes, sentence.start, sentence.end)
        slots = tuple(slots_in(windows.of(sentence), sentence, article.published))
        kind = _kind(article, sentence.start, sentence.end, text, _has_values(slots), _quoted_in(analysis, sentence))
        claims.append(
            Claim(
                id=_claim_id(article.id, sentence.start, sentence.end),
                sentence=Span(article.id, sentence.start, sentence.end),
                kind=kind,
                predicate=sentence.predicate,
                slots=slots,
                keywords=sentence.keywords,
                quote=quote,
                speaker=quote.speaker if quote else None,
            )
        )
    return claims


def _quoted_in(analysis: Analysis, sentence) -> tuple[tuple[int, int], ...]:
    """Spans of the sentence (offsets into it) that quote someone's words."""
    start, end = sentence.start, sentence.end
    return tuple((max(q.content_start, start) - start, min(q.content_end, end) - start) for q in analysis.quotes
                 if q.kind != "indirect" and q.content_start < end and start < q.content_end)


def _kind(article: Article, start: int, end: int, text: str, has_values: bool, quoted=()) -> str:
    if article.in_caption(start, end):
        return "caption"
    return "opinion" if opinion_reason(text, has_values=has_values, quoted=quoted) else "fact"


def _has_values(slots) -> bool:
    """Does the sentence give a precise date or an amount of money?"""
    for slot in slots:
        if slot.name == "amount":
            return True
        if slot.name == "date" and (slot.value or {}).get("granularity") in ("day", "range", "time", "month"):
            return True
    return False


def _is_statement(text: str) -> bool:
    """A sentence worth a claim: has a few words and is not a bare heading."""
    words = text.split()
    return len(words) >= 4


def _quote_in(quotes: tuple[Quote, ...], start: int, end: int) -> Quote | None:
    """The quote whose content overlaps the sentence most, if any."""
    best, best_overlap = None, 0
    for quote in quotes:
        overlap = min(end, quote.content_end) - max(start, quote.content_start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    return best


def _claim_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]
