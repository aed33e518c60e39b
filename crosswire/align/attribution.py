"""Who said it: the same quotation given to different people by different sources.

Outlets copy a quotation and now and then get its speaker wrong ("... said union president Marta
Lindqvist" in one, "... port chief Henrik Sol told reporters" in another). The quoted words then
agree, so the alignment would count them as corroboration; a reader needs the opposite: a conflict
over who said it, with each source's sentence.

Only direct quotations given to one person named beside them are compared: a paraphrase can fit
several speakers ("officials said ..." / "the minister said ..."), "the union" and its president
giving one statement is no contradiction, a "he said" rests on which person the pronoun is read as,
and "Zadan and Meron said" is two speakers that sources list in either order. Two names with one
surname are taken for one person ("Alexandros" / "Alexis Grigoropoulos", "Heller" / "Mark Jay
Heller"): a quotation moved between two relatives is rarer than a name written two ways.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from crosswire.align.evidence import clip, evidence_for_span
from crosswire.align.people import name_key, without_suffixes
from crosswire.model import Analysis, Article, Claim, Finding, Quote

SAME_WORDS = 0.8  # share of the shorter quotation's three-word runs the longer one holds
MIN_WORDS = 8  # a shorter quotation is a slogan or a stock phrase that two people may both say


def speaker_conflicts(articles: list[Article], analyses: list[Analysis], claims: list[Claim],
                      aliases: dict[str, str]) -> list[Finding]:
    """One conflicting finding (slot "speaker") per quotation that sources give to different people."""
    quoted = []  # (article, quote) of each direct quotation given to a person named at its cue
    for article, analysis in zip(articles, analyses):
        people = {_speaker_key(e.name, aliases) for e in analysis.entities if e.label == "PERSON"}
        quoted += [(article, q) for q in analysis.quotes if _named_person_quote(q, article, people, aliases)]
    runs = [_word_runs(article.text[q.content_start : q.content_end]) for article, q in quoted]
    groups = _groups([(a.id, r) for (a, _), r in zip(quoted, runs)])
    order = {a.id: n for n, a in enumerate(articles)}
    findings = []
    for members in groups:
        if not _different_people([quoted[k][1].speaker for k in members], aliases):
            continue
        first = {}  # one quotation per source: the first
        for k in sorted(members, key=lambda k: quoted[k][1].content_start):
            first.setdefault(quoted[k][0].id, k)
        evidence = tuple(_evidence(quoted[k][0], quoted[k][1], claims)
                         for k in sorted(first.values(), key=lambda k: order[quoted[k][0].id]))
        names = list(dict.fromkeys(e.display for e in evidence))
        article, quote = quoted[members[0]]
        words = clip(article.text[quote.content_start : quote.content_end], 120)
        findings.append(Finding(verdict="conflicting", statement=f"speaker: {' vs '.join(names)}: “{words}”",
                                evidence=evidence, slot="speaker", topic="who said it"))
    return findings


def _named_person_quote(quote: Quote, article: Article, people: set[str], aliases: dict[str, str]) -> bool:
    """A direct quotation whose speaker is one person (`people`: the article's, by speaker key), named where
    the cue is (not "he")."""
    if quote.kind != "direct" or quote.anonymous or not quote.speaker or quote.speaker_start is None:
        return False
    written = article.text[quote.speaker_start : quote.speaker_end]
    if re.search(r"\band\b|&", written) or _surname(quote.speaker) not in name_key(written):
        return False
    return _speaker_key(quote.speaker, aliases) in people


def _different_people(names: list[str], aliases: dict[str, str]) -> bool:
    """Two of the names are of different people: neither the same entity nor the same surname."""
    people = {(_speaker_key(n, aliases), _surname(n)) for n in names}
    return any(a[0] != b[0] and a[1] != b[1] for a in people for b in people)


def _speaker_key(name: str, aliases: dict[str, str]) -> str:
    key = name_key(name)
    return aliases.get(key, key)


def _surname(name: str) -> str:
    words = without_suffixes(name)
    return name_key(words[-1]) if words else ""


def _word_runs(text: str) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < MIN_WORDS:
        return frozenset()
    return frozenset(tuple(words[k : k + 3]) for k in range(len(words) - 2))


def _same_words(a: frozenset, b: frozenset) -> bool:
    shorter = min(len(a), len(b))
    return shorter > 0 and len(a & b) >= SAME_WORDS * shorter


def _groups(items: list[tuple[str, frozenset]]) -> list[list[int]]:
    """Quotations of different sources that hold the same words, joined transitively."""
    parent = list(range(len(items)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    holders: dict[tuple, list[int]] = defaultdict(list)  # a three-word run -> the quotations that hold it
    for k, (_, runs) in enumerate(items):
        for run in runs:
            holders[run].append(k)
    for i, (source, runs) in enumerate(items):
        # only quotations sharing a run with this one can hold its words: no comparison with every other
        for j in {j for run in runs for j in holders[run] if j > i}:
            if items[j][0] != source and _same_words(runs, items[j][1]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for k in range(len(items)):
        groups.setdefault(root(k), []).append(k)
    return [g for g in groups.values() if len({items[k][0] for k in g}) > 1]


def _evidence(article: Article, quote: Quote, claims: list[Claim]):
    """The sentence that opens the quotation, its speaker as the value (marked when the sentence holds it)."""
    sentence = next((c.sentence for c in claims if c.sentence.article_id == article.id
                     and c.sentence.start <= quote.content_start < c.sentence.end), None)
    start, end = (sentence.start, sentence.end) if sentence else (quote.content_start, quote.content_end)
    inside = quote.speaker_start is not None and start <= quote.speaker_start and quote.speaker_end <= end
    return dataclasses.replace(
        evidence_for_span(article, start, end, kind="caption" if article.in_caption(start, end) else "fact"),
        value=quote.speaker, display=quote.speaker,
        value_start=quote.speaker_start if inside else None, value_end=quote.speaker_end if inside else None,
    )
