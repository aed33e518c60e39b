"""Evidence: the sentence behind a finding, as offsets into the article's clean text."""

from __future__ import annotations

import dataclasses
import re

from crosswire.model import Article, Claim, Evidence, Slot

SHINGLE_WORDS = 8  # a run of this many identical words is copied wording, not chance
# Verbs of saying as written: what makes reported speech a quote, and a date a day something was said.
SPEECH_WORDS = frozenset("""
    said says say told tells stated states added adds noted notes confirmed confirms announced announces
    replied replies reaffirmed explained acknowledged acknowledge insisted warned argued asked wrote
    testified declared claimed stressed emphasized urged announcing saying reported reports tweeted
""".split())


def evidence_for(article: Article, claim: Claim, slot: Slot | None = None) -> Evidence:
    """The claim's sentence, and the slot's value in it when one is given."""
    evidence = evidence_for_span(article, claim.sentence.start, claim.sentence.end, kind=claim.kind)
    if slot is None:
        return evidence
    return dataclasses.replace(
        evidence, value=slot.value, display=slot.display, value_start=slot.start, value_end=slot.end
    )


def clip(text: str, limit: int = 160) -> str:
    """A sentence cut at a word boundary, for a finding's short statement."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(",;:—- ") + "…"


def clause_around(evidence: Evidence, min_words: int = 8) -> str:
    """The clause of the sentence that holds the value, widened to a readable length."""
    text = evidence.text
    if evidence.value_start is None:
        return clip(text)
    at = evidence.value_start - evidence.start
    cuts = clause_cuts(text)
    i = max(k for k in range(len(cuts) - 1) if cuts[k] <= at)
    start, end = cuts[i], cuts[i + 1]
    while len(text[start:end].split()) < min_words and (i > 0 or end < len(text)):
        if end < len(text):
            end = next((c for c in cuts if c > end), len(text))
        else:
            i -= 1
            start = cuts[i]
    clause = text[start:end].strip(" ,;:—–-")
    prefix = "…" if start > 0 else ""
    return clip(prefix + clause)


_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[—–]\s+|\s+-\s+")


def clause_cuts(text: str) -> list[int]:
    """Where the clauses of a sentence start, and its end: 0, each offset after a comma, semicolon,
    colon or dash, len(text)."""
    return [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text)]


def shares_wording(texts: list[str]) -> bool:
    """True when two of the texts share a run of SHINGLE_WORDS identical words (see wording_shingles)."""
    seen: set[tuple[str, ...]] = set()
    for text in texts:
        shingles = wording_shingles(text)
        if shingles & seen:
            return True
        seen |= shingles
    return False


# A quotation on one line: two outlets quoting one statement share the speaker's words, not an origin.
_QUOTATION = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_FUNCTION_WORDS = frozenset("""
    about after also been before from have into more most once only over said says since some than that their them
    then there these they this those under until very were what when where which while will with would your
""".split())


def wording_shingles(text: str) -> set[tuple[str, ...]]:
    """The runs of SHINGLE_WORDS words (case-folded) that only copying repeats: outside quotation marks,
    and holding two or more ordinary words (lower-case, four letters or more, not "from" or "which"):
    a long name ("the Justice Department's Office of Legal Counsel") or a list of places is written
    the same way by everyone."""
    shingles = set()
    for part in _QUOTATION.split(text):
        words = re.findall(r"\w+", part)
        ordinary = [w.islower() and len(w) >= 4 and w not in _FUNCTION_WORDS for w in words]
        folded = [w.casefold() for w in words]
        for k in range(len(words) - SHINGLE_WORDS + 1):
            if sum(ordinary[k : k + SHINGLE_WORDS]) >= 2:
                shingles.add(tuple(folded[k : k + SHINGLE_WORDS]))
    return shingles


def evidence_for_span(article: Article, start: int, end: int, kind: str = "fact") -> Evidence:
    """Evidence for any span of the clean text (a sentence, a quote's content, a mention)."""
    return Evidence(
        article_id=article.id,
        text=article.text[start:end],
        start=start,
        end=end,
        raw_start=article.to_raw(start),
        raw_end=article.to_raw(end - 1) + 1 if end > start else article.to_raw(end),
        kind=kind,
    )


def in_quotes(text: str, claim: Claim, slot: Slot) -> bool:
    """The slot lies inside quotation marks opened in its claim's sentence."""
    before = text[claim.sentence.start : slot.start]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def relative_day(slot: Slot) -> bool:
    """A day told from the publication date: "Thursday", "yesterday", or a time of day alone ("shortly
    before midnight", "at 3 a.m."), which is the day of the article that gives it."""
    if (slot.value or {}).get("granularity") == "time":
        return not _NAMES_A_DAY.search(slot.text)
    return bool(_RELATIVE_DAY.search(slot.text)) and not re.search(r"\d", slot.text)


_RELATIVE_DAY = re.compile(r"(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|tomorrow"
                           r"|week|weekend)\b")
# A month or a year in a date's words: it names its day itself ("at noon on March 5", "3 a.m. on 5/3/2021").
_NAMES_A_DAY = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?|\b\d{4}\b|\d/\d")
