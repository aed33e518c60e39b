"""Alignment: claims across articles -> findings with a verdict.

1. score   - every pair of fact claims from two different articles that could
             match or conflict (`candidates`) gets a text similarity
             (embeddings, else word overlap) and a comparison of their slots
             (same amount? same day? same people?)
2. match   - pairs that say the same thing are joined into groups (paraphrase
             included: a quote and its paraphrase are one statement)
3. verdict - a value two or more sources state compatibly is *corroborated*;
             a near-identical statement with an incompatible value for the same
             slot, both values of one thing (`_one_thing`), is *conflicting*; a
             fact no other source states is *unique*
4. people  - the same person named differently is one entity; title variants
             are listed, never a conflict
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosswire.align.candidates import candidate_pairs
from crosswire.align.compatible import NUMERIC_SLOTS, Agreement, compare_values
from crosswire.align.evidence import clause_around, clip, evidence_for, in_quotes, relative_day, shares_wording
from crosswire.align.similarity import keyword_weights, lexical_similarity
from crosswire.analyze._units import VAGUE
from crosswire.model import Article, Claim, Finding, Slot

ALIGN_VERSION = "align.v1"

# Thresholds on sentence similarity (cosine of MiniLM embeddings, or the
# lexical stand-in scaled to a similar range). Tuned on our example articles.
SAME_STATEMENT = 0.70  # alike enough to be one statement without shared values
WITH_ONE_VALUE = 0.50  # ... when they also share a compatible amount or date
WITH_TWO_VALUES = 0.40  # ... when they share two
SAME_FACT_FOR_CONFLICT = 0.62  # alike enough that a different value is a contradiction
LEXICAL_SCALE = 1.25
LEXICAL_BONUS = 0.35  # weight of word overlap added to the embedding cosine
ANCHOR_WINDOW = 90  # characters around a shared value whose words must overlap
CLASH_WINDOW = 40  # ... around two different values, which must be of one thing

VALUE_SLOTS = NUMERIC_SLOTS + ("date", "tally")


@dataclass(slots=True)
class PairScore:
    similarity: float
    same: list[tuple[Slot, Slot]] = field(default_factory=list)
    different: list[tuple[Slot, Slot]] = field(default_factory=list)
    shared_people: int = 0
    people_apart: bool = False  # both name people, and none in common
    anchored: bool = False  # a precise shared value with shared words around it

    @property
    def matches(self) -> bool:
        strong = [a for a, _ in self.same if a.name in VALUE_SLOTS and not _vague(a)]
        if self.people_apart and self.similarity < SAME_STATEMENT + 0.1:
            return False
        # A day alone is weak evidence: many things in one story happen on the same day
        # ("talks in Busan on Thursday" / "a state visit Wednesday and Thursday").
        one_value = len(strong) >= 1 and (strong[0].name != "date" or len(strong) > 1 or self.anchored)
        return (
            self.similarity >= SAME_STATEMENT
            or (self.similarity >= WITH_ONE_VALUE and one_value)
            or (self.similarity >= WITH_TWO_VALUES and len(strong) >= 2)
            or self.anchored
        )


@dataclass(slots=True)
class Alignment:
    findings: list[Finding]
    pairs: list[tuple[Claim, Claim]]  # the claims matched across articles


def align(articles: list[Article], claims: list[Claim], *, embedder=None,
          conflicts: Sequence[Finding] = ()) -> Alignment:
    """Compare the fact claims of different articles and give every finding a verdict.
    `conflicts`: conflicts found outside the claims' values (a quotation given to two people),
    whose sentences are then not counted as corroborating each other."""
    by_id = {a.id: a for a in articles}
    facts = [c for c in claims if c.kind in ("fact", "caption")]
    sentences = [by_id[c.sentence.article_id].text[c.sentence.start : c.sentence.end] for c in facts]
    vectors = embedder.encode(sentences) if (embedder is not None and facts) else None
    weights = keyword_weights([c.keywords for c in facts])

    texts = [by_id[c.sentence.article_id].text for c in facts]
    scores: dict[tuple[int, int], PairScore] = {}
    for i, j in candidate_pairs(facts, texts, vectors, weights):  # the pairs that can match or conflict
        score = score_pair(facts[i], facts[j], _similarity(i, j, facts, vectors, weights))
        score.anchored = _anchored(score, texts[i], texts[j])
        scores[(i, j)] = score

    pairs = _matched_pairs(facts, scores)
    findings = _conflicts(facts, scores, by_id, pairs) + list(conflicts)
    conflicting = {(e.article_id, e.start) for f in findings for e in f.evidence}
    findings += _corroborations(pairs, facts, scores, by_id, conflicting)
    grouped = {i for pair in pairs for i in pair}
    in_conflict = {c.id for f in findings if f.verdict == "conflicting" for c in _claims_of(f, facts)}
    findings += _uniques(facts, grouped, in_conflict, by_id)
    return Alignment(findings=order_findings(findings, articles), pairs=[(facts[i], facts[j]) for i, j in pairs])


def score_pair(a: Claim, b: Claim, similarity: float) -> PairScore:
    score = PairScore(similarity=similarity)
    for sa in a.slots:
        for sb in b.slots:
            if sa.name != sb.name or sa.name not in VALUE_SLOTS:
                continue
            agreement = compare_values(sa.name, sa.value, sb.value)
            if agreement is Agreement.SAME:
                score.same.append((sa, sb))
            elif agreement is Agreement.DIFFERENT:
                score.different.append((sa, sb))
    people_a = {s.value for s in a.slots if s.name == "person"}
    people_b = {s.value for s in b.slots if s.name == "person"}
    score.shared_people = len(_shared_names(people_a, people_b))
    score.people_apart = bool(people_a and people_b and not score.shared_people)
    return score


# ---------------------------------------------------------------------------
# scoring helpers


def _similarity(i: int, j: int, facts, vectors, weights) -> float:
    """Embedding cosine, raised by shared rare words (names, technical terms) that
    a small embedding model under-weights; the words alone without a model."""
    lexical = lexical_similarity(facts[i].keywords, facts[j].keywords, weights)
    if vectors is None:
        return min(1.0, LEXICAL_SCALE * lexical)
    return min(1.0, float(vectors[i] @ vectors[j]) + LEXICAL_BONUS * lexical)


def _anchored(score: PairScore, text_a: str, text_b: str) -> bool:
    """Two sentences that give the same precise value (a day, an exact amount) about
    the same thing, told by a content word near the value in both ("summit
    scheduled for Oct. 29" / "summit ... scheduled for Wednesday")."""
    if score.people_apart:
        return False
    for sa, sb in score.same:
        if sa.name not in ("date", "amount", "rate") or _vague(sa):
            continue
        if sa.name == "date" and (sa.value or {}).get("granularity") not in ("day", "range", "time"):
            continue
        if _context_words(text_a, sa) & _context_words(text_b, sb):
            return True
    return False


def _context_words(text: str, slot: Slot) -> set[str]:
    """Lower-case content words near the value: what happens then ("summit", "scheduled").
    Names and titles ("President Trump") are left to the people compared: they recur
    all over one story's sentences."""
    before = text[max(0, slot.start - ANCHOR_WINDOW) : slot.start]
    after = text[slot.end : slot.end + ANCHOR_WINDOW // 2]
    return _content_words(before + " " + after)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"(?<![A-Za-z])[a-z]{4,}", text) if w not in _FUNCTION_WORDS}


_FUNCTION_WORDS = {
    "that", "this", "with", "from", "into", "than", "they", "their", "there", "which", "while", "would",
    "will", "have", "been", "were", "said", "says", "also", "about", "after", "before", "over", "under",
    "during", "between", "more", "most", "other", "some", "such", "these", "those", "what", "when",
    "where", "whether", "week", "weeks", "year", "years", "month", "months", "percent", "billion",
    "million", "trillion", "dollars", "according", "official", "officials",
}


def _shared_names(a: set, b: set) -> set:
    from crosswire.align.people import same_name

    return {x for x in a if any(same_name(x, y) for y in b)}


def _vague(slot: Slot) -> bool:
    return slot.name == "date" and (slot.value or {}).get("granularity") in ("week", "season", "decade", None)


# ---------------------------------------------------------------------------
# grouping


def _matched_pairs(facts: list[Claim], scores: dict[tuple[int, int], PairScore]) -> list[tuple[int, int]]:
    """Matched pairs of claims from two articles.

    Pairs that share a precise value always count: one sentence can state
    several facts. Pairs matched on wording alone count only when each claim is
    the other's best match in its article (or they are nearly identical), so
    that a chain of loose matches cannot pull unrelated sentences together.
    """
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), score in scores.items():
        if not score.matches:
            continue
        for x, y in ((i, j), (j, i)):
            key = (x, facts[y].sentence.article_id)
            if score.similarity > best.get(key, (-1.0, -1))[0]:
                best[key] = (score.similarity, y)
    pairs = {(i, j) for (i, j), score in scores.items() if score.matches and _shared_values(score)}
    mutual_pairs = set()
    for (x, _), (similarity, y) in best.items():
        mutual = best.get((y, facts[x].sentence.article_id), (0.0, -1))[1] == x
        if mutual or similarity >= SAME_STATEMENT + 0.1:
            pairs.add((min(x, y), max(x, y)))
        if mutual:
            mutual_pairs.add((min(x, y), max(x, y)))
    # Mutual best matches first: when findings merge, their sentences are the evidence kept.
    return sorted(pairs, key=lambda p: (p not in mutual_pairs, -scores[p].similarity, p))


# ---------------------------------------------------------------------------
# verdicts


def _corroborations(pairs, facts, scores, by_id, conflicting: set) -> list[Finding]:
    """A finding per value a matched pair shares, else one for the statement; merged
    across pairs that share a claim, so three sources give one finding. A pair
    that is part of a conflict corroborates only the values it shares."""
    merged: dict[tuple, dict] = {}
    for i, j in pairs:
        score = scores.get((i, j)) or scores.get((j, i))
        values = _shared_values(score)
        in_conflict = {(facts[k].sentence.article_id, facts[k].sentence.start) for k in (i, j)} & conflicting
        if not values and in_conflict:
            continue
        for key, sa, sb in values or [(("statement",), None, None)]:
            entry = _entry_for(merged, key, i, j, facts)
            for k, slot in ((i, sa), (j, sb)):
                aid = facts[k].sentence.article_id
                if aid not in entry["evidence"]:
                    entry["evidence"][aid] = evidence_for(by_id[aid], facts[k], slot)
                    entry["claims"].add(k)
                elif key == ("statement",) and k not in entry["claims"]:
                    # the same statement put twice by one source (a paraphrase and the quote it
                    # paraphrases): one finding with both sentences, not two findings that look alike
                    entry["more"].append(evidence_for(by_id[aid], facts[k], slot))
                    entry["claims"].add(k)
            entry["slot"] = sa.name if sa else None
            entry["display"] = sa.display if sa else None
    findings = []
    for entry in merged.values():
        evidence = tuple(entry["evidence"].values()) + tuple(entry["more"])
        statement = clause_around(evidence[0]) if entry["display"] else clip(evidence[0].text)
        findings.append(
            Finding(
                verdict="corroborated",
                statement=f"{entry['display']}: {statement}" if entry["display"] else statement,
                evidence=evidence,
                slot=entry["slot"],
                topic=_topic([facts[k] for k in entry["claims"]]),
                shared_origin=shares_wording([e.text for e in entry["evidence"].values()]),  # one sentence per source
            )
        )
    return findings


def _shared_values(score: PairScore) -> list[tuple]:
    values, seen = [], set()
    for sa, sb in score.same:
        if sa.name not in VALUE_SLOTS or _vague(sa) or not _worth_listing(sa):
            continue
        key = (sa.name, _value_key(sa))
        if key not in seen:
            seen.add(key)
            values.append((key, sa, sb))
    return values


def _entry_for(merged: dict, key: tuple, i: int, j: int, facts) -> dict:
    """The finding under construction for this value that holds claim i or j.

    A pair joins it when it brings a new source, or a second sentence of a source to a
    statement one of its claims already makes (a paraphrase and the quote it paraphrases).
    """
    for (value_key, _), entry in merged.items():
        if value_key != key or not (i in entry["claims"] or j in entry["claims"]):
            continue
        return entry  # a value or statement put in several sentences of one article is still one
    entry = {"evidence": {}, "more": [], "claims": set(), "slot": None, "display": None}
    merged[(key, len(merged))] = entry
    return entry


def _conflicts(facts, scores, by_id, pairs) -> list[Finding]:
    """Near-identical statements that give incompatible values for one slot.

    Conflicting pairs that share a claim become one finding, and every other
    source that states one of the values for the same statement joins it, so
    that "17 ships" in two outlets against "14 ships" in a third is one
    conflict with three sources.
    """
    stated = _values_by_article(facts)
    drafts: list[dict] = []
    for (i, j), score in scores.items():
        if score.similarity < SAME_FACT_FOR_CONFLICT or score.people_apart:
            continue
        for sa, sb in score.different:
            if any(x.name == sa.name and x.unit == sa.unit for x, _ in score.same):
                continue  # they share a value of this kind: the clash is another sub-value
            single = _only_value(facts[i], sa), _only_value(facts[j], sb)
            if not (all(single) if sa.name == "date" else any(single)):
                continue  # which of a sentence's figures is the other's is unclear; of its dates, always
            a_id, b_id = facts[i].sentence.article_id, facts[j].sentence.article_id
            if _states(stated[b_id], sa) or _states(stated[a_id], sb):
                continue  # each article also states the other's value somewhere
            if not _one_thing(facts[i], facts[j], sa, sb, by_id[a_id], by_id[b_id]):
                continue
            if not _partners(facts[i], facts[j], sa, sb, by_id[a_id].text, by_id[b_id].text):
                continue
            _add_conflict(drafts, sa.name, {i: sa, j: sb})
    for draft in drafts:
        _add_supporters(draft, facts, scores, pairs)
    drafts = [draft for draft in drafts if not _one_source_gives_two(draft, facts)]
    findings = [_conflict_finding(draft, facts, by_id) for draft in drafts]
    seen = {(i, j, d["slot"]) for d in drafts for i in d["members"] for j in d["members"]}
    findings += _place_conflicts(facts, scores, by_id, seen)
    return findings


def _one_thing(a: Claim, b: Claim, sa: Slot, sb: Slot, article_a: Article, article_b: Article) -> bool:
    """Do two different values measure one thing? Sentences of one story are alike, and
    each holds several figures: "56 planes" and "four days", "thousands of refugees" and
    "two officials", growth "this year" and "next year" are not one figure told two ways.

    - a count counts the same thing: a word after the number in common ("1,800 flights" /
      "1,000 flights");
    - any other value has a lower-case content word near it in both ("growth ... at 4.9%" /
      "growth ... to 6%"), as for a shared value;
    - no other date in the two sentences sets them apart ("this year" / "next year");
    - a duration that names what a figure is measured over ("the sharpest 12-month inflation
      spike" / "the largest 1-month spike", "the 30-year mortgage rate") is no duration of an event,
      two gaps count from the same event ("one week after the U.S. left" / "three weeks after the
      Taliban took Kabul" do not), and two ages are of the same person ("a 17-year-old boy" /
      "an 18-year-old boy", not "... woman");
    - two dates hang from the same preposition ("on Thursday" / "on Friday"; not "by 2030" /
      "from 2005", and not "said Tuesday", which dates the saying);
    - a day named relative to publication ("Thursday", "yesterday") is compared only between
      articles published the same day ("a Thursday attack" a week later is another Thursday),
      and never inside a quote, whose own day is unknown.
    """
    text_a, text_b = article_a.text, article_b.text
    if sa.name in NUMERIC_SLOTS and (_writes_figure(text_b, b, sa) or _writes_figure(text_a, a, sb)):
        return False  # "landed 178 punches to just 30" / "landing 178 of 369 punches ... 30 of 207"
    if sa.name in NUMERIC_SLOTS and _about_other_people(a, sa, b, sb):
        return False  # "she'd worked for 15 years" of Hiller / "Dorsey's been at the plant for 37 years"
    if sa.name == "duration" and (_measuring_window(text_a, sa) or _measuring_window(text_b, sb)
                                  or not _same_anchor(text_a, sa, text_b, sb)
                                  or not _same_age_of(text_a, sa, text_b, sb)):
        return False
    if sa.name == "count" and (_one_more_named(text_a, sa, sb) or _one_more_named(text_b, sb, sa)):
        return False  # "Biles and three fellow gymnasts" / "the four gymnasts": one count, the named one beside it
    if sa.name == "count":
        words_a, words_b = _counted_words(text_a, sa), _counted_words(text_b, sb)
        heads = _count_head(words_a), _count_head(words_b)
        if all(heads):
            if heads[0] != heads[1]:
                return False  # "two pirate boats" / "1,500 pirates", "four prior arrests" / "seven bullets"
        elif not _counted(words_a) & _counted(words_b):
            return False
    elif not _near_words(text_a, sa) & _near_words(text_b, sb):
        return False
    if sa.name in ("amount", "count") and _multiyear_window(text_a, a) != _multiyear_window(text_b, b):
        return False  # "$5 trillion over the next decade" / "$6 trillion in the 2022 fiscal year"
    if sa.name != "date" and _dated_apart(a, b, text_a, text_b):
        return False
    if sa.name == "date":
        # "by 2030" / "from 2005", "since March" / "on Sunday": two dates of a story; "said Tuesday"
        # dates the saying
        preposition = _preposition(text_a, sa)
        if preposition is None or preposition != _preposition(text_b, sb):
            return False
        if relative_day(sa) or relative_day(sb):
            quoted = in_quotes(text_a, a, sa) or in_quotes(text_b, b, sb)  # “Tomorrow morning I'm ...”
            return not quoted and article_a.published is not None and article_a.published == article_b.published
    return True


def _partners(a: Claim, b: Claim, sa: Slot, sb: Slot, text_a: str, text_b: str) -> bool:
    """Is each value the other's closest match among its sentence's values of the kind? "37.3% of U.S. adults
    were fully vaccinated" is held against "39% have been fully vaccinated", not against the "over 55% of
    adults" who had one dose in the same sentence."""
    return _closest(sa, text_a, b, text_b, sb) and _closest(sb, text_b, a, text_a, sa)


def _closest(slot: Slot, text: str, other: Claim, other_text: str, chosen: Slot) -> bool:
    """No other value of the kind in `other` shares more words around it with `slot` than `chosen` does."""
    rivals = [s for s in other.slots if s.name == chosen.name and s.unit == chosen.unit and s is not chosen]
    if not rivals:
        return True
    words = _near_words(text, slot)
    shared = len(words & _near_words(other_text, chosen))
    return all(len(words & _near_words(other_text, rival)) <= shared for rival in rivals)


_COUNT_STOP = frozenset("and the of in on at for with from than more who that were was are have had has been "
                        "its their his her about some".split())


# What a figure measured over a period is ("12-month inflation", "a 30-year rate", "the 4-week average").
_MEASURES = frozenset("""inflation spike high low rate rates yield yields average mortgage treasury bond bonds note
    notes gain gains increase rise jump drop decline change growth peak record moving rolling trailing""".split())


# What a gap counts from; "ago" counts back from the article's own day
_ANCHOR = re.compile(r"\s*(?:after|before|since|ahead of|prior to|earlier than|later than|ago)\b", re.IGNORECASE)


def _same_anchor(text_a: str, sa: Slot, text_b: str, sb: Slot) -> bool:
    """Two durations are one gap when neither counts from an event, or both count from one: a word
    (any case: "the Taliban") in common in the few words after "after", "before", "since" ("eight days
    ago" counts from the day of its article, and is never held against another)."""
    anchors = [_ANCHOR.match(text, slot.end) for text, slot in ((text_a, sa), (text_b, sb))]
    if not any(anchors):
        return True
    if not all(anchors):
        return False  # "a nine-day strike" / "nine days after the vote"
    words = [_content_words(_clause_start(_whole_words(text, m.end(), m.end() + 40)).casefold())
             for text, m in zip((text_a, text_b), anchors)]
    return bool(words[0] & words[1])


def _clause_start(text: str) -> str:
    """`text` up to the end of its clause (a period only where a sentence ends: "the U.S. left" runs on)."""
    return re.split(r"[,;:—–]|\.(?=\s+[A-Z]|\s*$)", text, maxsplit=1)[0]


def _aged(text: str, slot: Slot) -> frozenset[str] | None:
    """Who an age is of, by the first word after it ("a 38-year-old Troy resident" -> {resident}, "a
    17-year-old boy was shot" -> {boy}; empty for "he is 38 years old.") when the duration is an age,
    else None."""
    if not re.search(r"\bold$", slot.text) and not re.match(r"-old\b", text[slot.end : slot.end + 4]):
        return None
    words = re.findall(r"(?<![A-Za-z-])[a-z]{3,}", text[slot.end : slot.end + 60].split(",")[0])
    return frozenset([w for w in words if w not in _NOT_WHO][:1])


def _same_age_of(text_a: str, sa: Slot, text_b: str, sb: Slot) -> bool:
    """Two ages are of one person when both qualify the same word ("resident"), or neither names one;
    an age is never held against a span of time ("a 38-year-old" / "38 years in prison")."""
    a, b = _aged(text_a, sa), _aged(text_b, sb)
    if a is None or b is None:
        return a is None and b is None
    return bool(a & b) or not (a or b)


_NOT_WHO = frozenset("old was were has had have who that and the his her its said says is are will would".split())


# A total over several years: "over the next decade", "over 10 years", "across five years" (not "in two years",
# which is when)
_MULTIYEAR = re.compile(r"\b(?:over|across|during)\s+(?:the\s+)?(?:next|coming|past|last|following)?\s*"
                        r"(?:decade|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+years)\b",
                        re.IGNORECASE)


def _multiyear_window(text: str, claim: Claim) -> str | None:
    window = _MULTIYEAR.search(text, claim.sentence.start, claim.sentence.end)
    return None if window is None else re.sub(r"\W+", " ", window.group().lower().split(None, 1)[1])


def _one_more_named(text: str, slot: Slot, other: Slot) -> bool:
    """The count follows "<someone> and" and counts the others ("Biles and three fellow gymnasts", "the mayor and
    two other officials"), and the other count is one more: the same people, the named one counted in."""
    amount, other_amount = (slot.value or {}).get("amount"), (other.value or {}).get("amount")
    if amount is None or other_amount != amount + 1:
        return False
    before, after = text[max(0, slot.start - 8) : slot.start], text[slot.end : slot.end + 10]
    return re.search(r"\band\s+$", before) is not None and re.match(r"\s+(?:fellow|other)\b", after) is not None


def _about_other_people(a: Claim, sa: Slot, b: Claim, sb: Slot) -> bool:
    """The person each figure follows (the nearest named before it in its sentence, other than who said it) is
    another in the other sentence: two players' yards, two workers' years at a plant ("Hiller" / "Yvonne Hiller" is
    one, by surname)."""
    owner_a, owner_b = _owner(a, sa), _owner(b, sb)
    return owner_a is not None and owner_b is not None and owner_a != owner_b


def _owner(claim: Claim, slot: Slot) -> str | None:
    speakers = {_surname_key(name) for name in re.split(r",\s*|\s+and\s+", claim.speaker or "") if name}
    before = [s for s in claim.slots if s.name == "person" and s.value and s.end <= slot.start
              and _surname_key(s.value) not in speakers]
    return _surname_key(max(before, key=lambda s: s.end).value) if before else None


def _surname_key(name: str) -> str:
    words = re.sub(r"['’]s\b", "", name).split()
    return re.sub(r"[\W_]+", "", words[-1].casefold()) if words else ""


def _measuring_window(text: str, slot: Slot) -> bool:
    """A duration written as a modifier ("12-month", "30-year") before what it measures."""
    if not re.fullmatch(r"[\w.,]+-(?:day|week|month|quarter|year|hour)", slot.text.strip(), re.IGNORECASE):
        return False
    return not _MEASURES.isdisjoint(re.findall(r"[a-z]+", text[slot.end : slot.end + 30].casefold())[:2])


def _counted(words: list[str]) -> set[str]:
    """What a count counts, from `_counted_words`: the first two ("1,800 domestic flights" -> domestic,
    flight; "1.6 billion doses of its vaccine" -> dose), plural or not."""
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words[:2]}


def _writes_figure(text: str, claim: Claim, slot: Slot) -> bool:
    """The claim's sentence writes the slot's figure too, as a number of its own (the extractor may have read it
    as no value: the "178" of "178 of 369 punches"): the two sentences share that figure, whatever else differs."""
    figure = " ".join(slot.text.split())
    if not any(c.isdigit() for c in figure):
        return False
    sentence = text[claim.sentence.start : claim.sentence.end]
    return re.search(rf"(?<![\w.,$€£]){re.escape(figure)}(?![\w]|[.,]\d)", sentence) is not None


def _counted_words(text: str, slot: Slot) -> list[str]:
    """The lower-case content words after a count, up to an "of" ("1.6 billion doses of ...": doses) or the
    end of its clause ("forecasts of 750,000. The ..." counts nothing)."""
    after = re.sub(r"^\s*of\s+", "", _whole_words(text, slot.end, slot.end + 40))
    after = re.split(r"\n|[.!?](?=\s+[^a-z\s])", after, maxsplit=1)[0]  # the sentence ends: "750,000.\n“With ..."
    after = re.split(r"\bof\b", _clause_start(after), maxsplit=1)[0]
    return [w for w in re.findall(r"(?<![A-Za-z])[a-z]{3,}", after) if w not in _COUNT_STOP]


_IRREGULAR_PLURALS = frozenset("people men women children police personnel staff feet teeth mice geese".split())


def _count_head(words: list[str]) -> str | None:
    """The plural noun a count counts, when one comes within the first three of its `_counted_words` ("two
    pirate boats" -> boat, "23 pirates arrested" -> pirate, "five people" -> people), else None (a verb or a
    singular: "five were hurt", "one dead")."""
    for word in words[:3]:
        if word in _IRREGULAR_PLURALS:
            return "people" if word in ("men", "women") else word  # "three men" / "four people" arrested
        if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
            return word[:-1]
    return None


def _near_words(text: str, slot: Slot) -> set[str]:
    """Lower-case content words right around a value: what the value is of, in a few words."""
    before = _whole_words(text, max(0, slot.start - CLASH_WINDOW), slot.start)
    after = _whole_words(text, slot.end, slot.end + CLASH_WINDOW * 3 // 4)
    return _content_words(before + " " + after)


def _whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened so that it cuts no word in two."""
    while start > 0 and text[start - 1].isalpha() and text[start].isalpha():
        start -= 1
    while end < len(text) and text[end - 1].isalpha() and text[end].isalpha():
        end += 1
    return text[start:end]


_DATE_PREPOSITIONS = frozenset("on in at by for since from until till before after during through of".split())


def _preposition(text: str, slot: Slot) -> str | None:
    """The preposition a date hangs from ("by 2030", "since March"), if one comes right before it."""
    words = re.findall(r"[A-Za-z]+", text[max(0, slot.start - 12) : slot.start])
    word = words[-1].lower() if words else None
    return word if word in _DATE_PREPOSITIONS else None


def _dated_apart(a: Claim, b: Claim, text_a: str, text_b: str) -> bool:
    """Both sentences are dated and no date of one is the other's period ("in the first three
    months of this year" / "this year", "this year" / "next year"); a date an undated article leaves
    unresolved ("at 8 p.m.") sets nothing apart."""
    dates_a = [(s, _part_of(text_a, a, s)) for s in a.slots if _resolved_date(s)]
    dates_b = [(s, _part_of(text_b, b, s)) for s in b.slots if _resolved_date(s)]
    return bool(dates_a and dates_b) and not any(
        _period(x) == _period(y) and part_x == part_y and compare_values("date", x.value, y.value) is Agreement.SAME
        for x, part_x in dates_a for y, part_y in dates_b)


def _resolved_date(slot: Slot) -> bool:
    return slot.name == "date" and not _vague(slot) and bool((slot.value or {}).get("begin"))


# The part of a period that words before it name: "in the first three months of this year" is no figure of the year
_PART_OF = re.compile(r"\b(?:first|last|past|final|opening|closing)\s+(?:[a-z]+\s+)?"
                      r"(?:days?|weeks?|months?|quarters?|half|weekend)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _part_of(text: str, claim: Claim, slot: Slot) -> str | None:
    part = _PART_OF.search(text, claim.sentence.start, slot.start)
    return " ".join(part.group().lower().split()) if part else None


def _period(slot: Slot) -> str | None:
    granularity = slot.value.get("granularity")
    return "day" if granularity == "time" else granularity  # "Thursday evening" is Thursday


def _add_conflict(drafts: list[dict], slot: str, members: dict[int, Slot]) -> None:
    for draft in drafts:
        if draft["slot"] == slot and set(draft["members"]) & set(members):
            for k, value in members.items():
                draft["members"].setdefault(k, value)
            return
    drafts.append({"slot": slot, "members": dict(members)})


def _one_source_gives_two(draft: dict, facts) -> bool:
    """One article gives two of a conflict's different values: the pairs joined into it were of different
    figures ("two touchdowns in his last two games" / "11 touchdowns this year" in one game report), not
    one figure the sources tell differently."""
    by_article: dict[str, list[Slot]] = defaultdict(list)
    for k, slot in draft["members"].items():
        by_article[facts[k].sentence.article_id].append(slot)
    return any(compare_values(draft["slot"], a.value, b.value) is Agreement.DIFFERENT
               for slots in by_article.values() for a, b in itertools.combinations(slots, 2))


def _add_supporters(draft: dict, facts, scores, pairs) -> None:
    """Claims matched to a member that state the same value of the slot join the conflict."""
    members = draft["members"]
    articles = {facts[k].sentence.article_id for k in members}
    for i, j in pairs:
        for member, other in ((i, j), (j, i)):
            if member not in members or other in members or facts[other].sentence.article_id in articles:
                continue
            score = scores.get((i, j)) or scores.get((j, i))
            for sa, sb in score.same:
                mine, theirs = (sa, sb) if member == i else (sb, sa)
                if mine.name == draft["slot"] and mine.start == members[member].start:
                    members[other] = theirs
                    articles.add(facts[other].sentence.article_id)
                    break


def _conflict_finding(draft: dict, facts, by_id) -> Finding:
    members = sorted(draft["members"].items(), key=lambda kv: kv[0])
    evidence = tuple(evidence_for(by_id[facts[k].sentence.article_id], facts[k], slot) for k, slot in members)
    values = list(dict.fromkeys(slot.display for _, slot in members))
    return Finding(
        verdict="conflicting",
        statement=f"{draft['slot']}: {' vs '.join(values)}: {clause_around(evidence[0])}",
        evidence=evidence,
        slot=draft["slot"],
        topic=_topic([facts[k] for k, _ in members]),
    )


def _place_conflicts(facts, scores, by_id, seen) -> list[Finding]:
    """The same statement set in two different places, neither named by the other source."""
    findings = []
    for (i, j), score in scores.items():
        if score.similarity < SAME_STATEMENT or score.people_apart or (i, j, "place") in seen:
            continue
        pa = [s for s in facts[i].slots if s.name == "place"]
        pb = [s for s in facts[j].slots if s.name == "place"]
        if len(pa) != 1 or len(pb) != 1:
            continue
        a, b = pa[0], pb[0]
        if a.unit != b.unit:
            continue  # "in New Zealand" / "at Aoraki Mount Cook": a country and a mountain in it, maybe
        ta = by_id[facts[i].sentence.article_id].text
        tb = by_id[facts[j].sentence.article_id].text
        if a.value.casefold() in tb.casefold() or b.value.casefold() in ta.casefold():
            continue
        if _place_key(a.value) == _place_key(b.value) or not (_located(ta, a) and _located(tb, b)):
            continue  # "the U.S." / "the United States"; "Dallas-based", "U.S. travelers" say where no one is
        evidence = (evidence_for(by_id[facts[i].sentence.article_id], facts[i], a),
                    evidence_for(by_id[facts[j].sentence.article_id], facts[j], b))
        findings.append(
            Finding(
                verdict="conflicting",
                statement=f"place: {a.display} vs {b.display}: {clip(evidence[0].text)}",
                evidence=evidence,
                slot="place",
                topic=_topic([facts[i], facts[j]]),
            )
        )
    return findings


# Names of one country that news uses side by side.
_PLACE_ALIASES = {
    alias: group[0]
    for group in (
        ("united states", "us", "usa", "america", "the states"),
        ("united kingdom", "uk", "britain", "great britain"),
        ("united arab emirates", "uae"),
        ("south korea", "korea", "republic of korea"),
        ("democratic republic of the congo", "drc", "dr congo"),
    )
    for alias in group
}
_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|off|outside|inside|across)\s+(?:the\s+)?)$", re.IGNORECASE)


def _place_key(name: str) -> str:
    key = re.sub(r"[.\s]+", " ", name.casefold().replace(".", "")).strip()
    key = key[4:] if key.startswith("the ") else key
    return _PLACE_ALIASES.get(key, key)


def _located(text: str, slot: Slot) -> bool:
    """The place is where something happens ("in Lisbon"), not a modifier ("Lisbon-based")."""
    return bool(_LOCATIVE.search(text[max(0, slot.start - 16) : slot.start])) and text[slot.end : slot.end + 1] != "-"


def _uniques(facts, grouped: set[int], in_conflict: set[str], by_id) -> list[Finding]:
    """Facts no other source states: one finding per value the sentence alone gives."""
    stated = _values_by_article(facts)
    findings = []
    for i, claim in enumerate(facts):
        if claim.id in in_conflict:
            continue
        article = by_id[claim.sentence.article_id]
        others = [s for aid, slots in stated.items() if aid != article.id for s in slots]
        values = [s for s in claim.slots if _worth_listing(s) and not _states(others, s)]
        # A matched sentence can still carry a value no other source gives.
        for slot in values or ([None] if i not in grouped else []):
            evidence = (evidence_for(article, claim, slot),)
            statement = clause_around(evidence[0]) if slot else clip(evidence[0].text)
            findings.append(
                Finding(
                    verdict="unique",
                    statement=f"{slot.display}: {statement}" if slot else statement,
                    evidence=evidence,
                    slot=slot.name if slot else None,
                    topic=_topic([claim]),
                )
            )
    return findings


# ---------------------------------------------------------------------------
# small helpers


def _worth_listing(slot: Slot) -> bool:
    """A value precise enough to be a fact of its own (not "two sides", "thousands of people", "this week")."""
    if slot.name in NUMERIC_SLOTS and (slot.value or {}).get("approx") in VAGUE:
        return False
    if slot.name in ("amount", "rate", "duration", "tally"):
        return True
    if slot.name == "count":
        return (slot.value or {}).get("amount", 0) > 2
    return slot.name == "date" and not _vague(slot)


def _values_by_article(facts: list[Claim]) -> dict[str, list[Slot]]:
    values: dict[str, list[Slot]] = defaultdict(list)
    for claim in facts:
        values[claim.sentence.article_id] += [s for s in claim.slots if s.name in VALUE_SLOTS]
    return values


def _states(slots: list[Slot], wanted: Slot) -> bool:
    return any(
        s.name == wanted.name and compare_values(s.name, s.value, wanted.value) is Agreement.SAME for s in slots
    )


def _only_value(claim: Claim, slot: Slot) -> bool:
    """Is this the claim's only value of its kind (same slot, same unit)? Then a clash is unambiguous."""
    return sum(1 for s in claim.slots if s.name == slot.name and s.unit == slot.unit) == 1


def _claims_of(finding: Finding, facts: list[Claim]) -> list[Claim]:
    spans = {(e.article_id, e.start, e.end) for e in finding.evidence}
    return [c for c in facts if (c.sentence.article_id, c.sentence.start, c.sentence.end) in spans]


def _value_key(slot: Slot):
    value = slot.value or {}
    if slot.name == "date":
        return (value.get("begin"), value.get("end"))
    return (round(float(value.get("amount") or 0), 6), value.get("unit"), value.get("per"))


def _topic(claims: list[Claim]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for claim in claims:
        for keyword in claim.keywords[:8]:
            counts[keyword] += 1
    return " ".join(k for k, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:3])


_VERDICT_ORDER = {"conflicting": 0, "corroborated": 1, "unique": 2}


def order_findings(findings: list[Finding], articles: list[Article]) -> list[Finding]:
    """Conflicts first, then corroborated (most sources first), then each source's own facts."""
    position = {a.id: n for n, a in enumerate(articles)}

    def key(f: Finding):
        first = f.evidence[0]
        return (_VERDICT_ORDER[f.verdict], -len(f.article_ids), position[first.article_id], first.start)

    return sorted(findings, key=key)
