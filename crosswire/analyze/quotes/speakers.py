"""Speakers: from a cue's subject to a name, an organisation or an anonymous source.

`_SpeakerResolver` maps subject phrases to canonical entity names or to the first
description of an unnamed source; pass 4 (`_resolve_pronouns`) gives "he"/"she"
the latest person named as a subject or the latest singular speaker.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from crosswire.analyze.entities import FEMALE_WORDS, MALE_WORDS
from crosswire.analyze.nlp import doc_text
from crosswire.analyze.quotes.cues import (
    _MAX_DESCRIPTION,
    _PRONOUNS,
    _VAGUE_CUES,
    _VAGUE_HEADS,
    ANONYMOUS_HEADS,
    _agent_source,
    _opens_sentence,
    _source_comma,
    _subject,
    _token_at,
)
from crosswire.model import Entity, Quote


@dataclass(slots=True)
class _Speaker:
    start: int
    end: int
    name: str | None
    anonymous: bool


def _speaker_of(doc, cue, speakers, after: int | None, subject=None,
                quoted: tuple[int, int] | None = None) -> _Speaker | None:
    if cue.lower_ == "according" and subject is not None:
        comma = _source_comma(doc, subject, cue.sent) if _opens_sentence(cue) else None  # "According to X, ..."
        return speakers.resolve(subject, end_before=None if comma is None else comma.i)
    if subject is None:  # a passive cue's speaker is its "by" phrase: “...” was written by Kim
        subject = _agent_source(cue)
    subject = subject if subject is not None else _subject(cue)
    if subject is not None and quoted is not None and quoted[0] <= subject.idx < quoted[1]:
        # “An announcement: ...,” tweeted Ruiz: the parse made the quoted words the subject and the
        # speaker the object; the words after the cue name the speaker (none when the cue comes first)
        if cue.idx < quoted[0]:
            return None
        subject = None
    if subject is not None and (clause := _relative_clause(cue, subject)) is not None:
        # "Senator Ruiz, who said ...": the span stays "who" (as PolNeAR marks it); the name is the noun's
        noun, end = _antecedent(clause)
        antecedent = speakers.resolve(noun, end_before=end)
        return _Speaker(subject.idx, subject.idx + len(subject), antecedent.name, antecedent.anonymous)
    if subject is not None:
        return speakers.resolve(subject, end_before=cue.i if subject.i < cue.i else None)
    if quoted is not None and (named := _words_before_cue(doc, cue, quoted[1])) is not None:
        return speakers.resolve_span(named, head=named[-1])  # the phrase's last word is its head
    if after is not None:  # a headline “...,” Says U.S. Official: the words after the cue
        end = cue.i + 1
        while end < len(doc) and not doc[end].is_punct and not doc[end].is_space and end - cue.i < 8:
            end += 1
        if end > cue.i + 1:
            return speakers.resolve_span(doc[cue.i + 1 : end])
    return None


def _words_before_cue(doc, cue, quote_end: int):
    """“...,” Tulsa police Chief Chuck Jordan said: the words between the closing mark and the cue, when the parse
    gave the cue no subject (it took "Tulsa" for a verb); a name or a noun phrase of a few words, nothing else."""
    if cue.idx < quote_end:
        return None
    first = next((t.i for t in doc[cue.sent.start : cue.i] if t.idx >= quote_end and not (t.is_punct or t.is_space)),
                 None)  # fmt: skip
    if first is None or not 1 <= cue.i - first <= 8:
        return None
    words = doc[first : cue.i]
    if any(t.is_punct and t.text not in (".", "-") or t.is_space for t in words):
        return None
    last = words[-1]
    return words if last.pos_ in ("PROPN", "NOUN", "PRON") or last.ent_type_ in ("PERSON", "ORG", "NORP") else None


def _antecedent(clause):
    """The noun a relative clause is about, and the token its phrase ends before: the noun it hangs from,
    or, after a participle phrase set off by commas, the noun that phrase describes ("a fact sheet, issued
    in the final days of the Trump administration, which said ...": the fact sheet said it)."""
    doc, node = clause.doc, clause.head
    if node.dep_ == "appos" and node.pos_ == "NOUN" and node.head.pos_ == "PROPN" and node.head.i < node.i:
        return node.head, clause.left_edge.i  # "McConnell, now the Senate majority leader, who ... said": McConnell
    if clause.left_edge.i == 0 or doc[clause.left_edge.i - 1].text != ",":
        return clause.head, clause.left_edge.i
    while node.dep_ in ("pobj", "prep", "acl") and node.head.i != node.i:
        if node.dep_ == "acl" and node.tag_ == "VBN" and doc[node.left_edge.i - 1].text == ",":
            return node.head, node.left_edge.i - 1
        node = node.head
    return clause.head, clause.left_edge.i


def _relative_clause(cue, subject):
    """The relative clause whose pronoun ("who", "which", "that") is the cue's subject, or None."""
    if subject.tag_ not in ("WP", "WDT") or subject.lower_ not in ("who", "which", "that"):
        return None
    clause = cue
    for _ in range(3):  # the cue itself or a verb it hangs from ("who has long said")
        if clause.dep_ == "relcl":
            return clause if clause.head.pos_ in ("NOUN", "PROPN") else None
        if clause.head.i == clause.i:  # the root: no relative clause above
            return None
        clause = clause.head
    return None


def _resolve_pronouns(doc, quotes: list[Quote], speakers) -> list[Quote]:
    """"He said" refers to the most recent subject that is a person: a speaker of an
    earlier quote or a person named as a subject; a name in a caption or an object
    ("met Xi Jinping") rarely is the "he" of the next sentence. "They said" is the group
    that spoke just before ("Police said ... They said ..."), when nobody spoke between."""
    text = doc_text(doc)
    by_speaker = sorted((q for q in quotes if q.speaker_start is not None), key=lambda q: q.speaker_start)
    resolved: dict[int, Quote] = {}
    previous: list[tuple[int, str, bool]] = []  # (offset, speaker, anonymous) of named speakers
    bodies: list[tuple[int, str, bool]] = []  # ... of speakers that are no person: the county, the agency
    groups: list[tuple[int, str, bool]] = []  # ... of speakers that are several: "officials", "Ruiz and Hale"
    latest: tuple[int, str, bool] | None = None  # the speaker before, whoever it was
    spoken_by: dict[tuple[int, str, bool], tuple[int, int]] = {}  # what each of `previous` said
    for quote in by_speaker:
        said = text[quote.speaker_start : quote.speaker_end].lower()
        if said == "they" and groups and latest is groups[-1] and text.count("\n", latest[0], quote.speaker_start) < 2:
            # in this paragraph or the one before; after anyone else, "they" may be others
            resolved[_quote_key(quote)] = dataclasses.replace(quote, speaker=latest[1], anonymous=latest[2])
            continue  # the group stays the speaker before
        if said in _PRONOUNS:
            subjects = [c for c in speakers.subject_people_before(quote.speaker_start)  # not one the quoted words
                        if quote.kind != "direct" or not quote.content_start <= c[0] < quote.content_end]  # name
            found = _latest_subject(previous, subjects[-1] if subjects else None)
            wanted = "f" if said in ("she", "her") else "m"
            if found is not None and previous and found is not previous[-1] \
                    and speakers.gender(previous[-1][1]) == wanted \
                    and spoken_by[previous[-1]][0] <= found[0] < spoken_by[previous[-1]][1]:
                found = previous[-1]  # "he testified, Timmons pulled the trigger. “...,” he said": the witness
            if found is not None and speakers.gender(found[1]) not in (None, wanted):
                # "Clinton says it means Trump never paid. She says ...": the latest who can be "she"
                found = max((c for c in previous + subjects if speakers.gender(c[1]) in (None, wanted)),
                            key=lambda c: c[0], default=None)
            if found is not None:
                quote = dataclasses.replace(quote, speaker=found[1], anonymous=found[2])
                resolved[_quote_key(quote)] = quote
        elif said == "it" and bodies and "\n" not in text[bodies[-1][0] : quote.speaker_start]:
            # "The county confirmed the result. Instead, it slammed the report": the body that spoke just before
            quote = dataclasses.replace(quote, speaker=bodies[-1][1], anonymous=bodies[-1][2])
            resolved[_quote_key(quote)] = quote
        if not quote.speaker:
            continue
        latest = (quote.speaker_start, quote.speaker, quote.anonymous)
        if _could_be_he_or_she(doc, quote, speakers):
            previous.append(latest)
            spoken_by[latest] = (quote.content_start, quote.content_end)
        elif said not in ("it", "they", "who", "which", "that"):  # a pronoun names no body or group
            if _one_body(doc, quote):
                bodies.append(latest)
            elif _several(doc, quote):
                groups.append(latest)
    return [resolved.get(_quote_key(q), q) for q in quotes]


def _several(doc, quote: Quote) -> bool:
    """A speaker that is several people or bodies: a plural noun ("officials", "police", "the two companies")
    or names joined ("Ruiz and Hale")."""
    span = _speaker_span(doc, quote)
    if span is None:
        return False
    if " and " in quote.speaker and span.root.ent_type_ == "PERSON":  # not "Centers for Disease Control and ..."
        return True
    if span.root.ent_type_ == "ORG" and len(span) > 3:
        return False  # "the Centers for Disease Control and Prevention": one body with a plural name
    return span.root.tag_ in ("NNS", "NNPS") or span.root.lower_ in ("police", "people")


def _one_body(doc, quote: Quote) -> bool:
    """A speaker that is one organisation or body ("the county", "the agency"), not people ("officials")."""
    head = _singular_head(doc, quote)
    return head is not None and head.ent_type_ not in ("PERSON", "NORP")


def _could_be_he_or_she(doc, quote: Quote, speakers) -> bool:
    """A named person, or one unnamed source ("the official", not "officials" or "Washington")."""
    if not quote.anonymous:
        return quote.speaker in speakers.person_names
    return _singular_head(doc, quote) is not None


def _singular_head(doc, quote: Quote):
    """The head word of the speaker's phrase when it is a singular noun, else None."""
    span = _speaker_span(doc, quote)
    return span.root if span is not None and span.root.tag_ in ("NN", "NNP") else None


def _speaker_span(doc, quote: Quote):
    return doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")


def _quote_key(quote: Quote) -> tuple:
    """Identity of a quote within one document (Quote is a value type)."""
    return (quote.content_start, quote.content_end, quote.cue_start, quote.speaker_start)


def _latest_subject(previous, person) -> tuple[int, str, bool] | None:
    candidates = [c for c in (previous[-1] if previous else None, person) if c is not None]
    return max(candidates, key=lambda c: c[0]) if candidates else None


class _SpeakerResolver:
    """Turns a subject phrase into a speaker: a person's canonical name, an
    organisation's, or an anonymous description introduced earlier."""

    def __init__(self, doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.entities = sorted(entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.entities]
        self.persons = [e for e in self.entities if e.label == "PERSON"]
        self.person_starts = [e.start for e in self.persons]
        self.person_names = {e.name for e in self.persons}
        # (offset, head lemma, description) of each unnamed source the text introduces
        self.anonymous = [intro for intro in map(_introduction, doc.noun_chunks) if intro]
        self.anonymous_starts = [offset for offset, _, _ in self.anonymous]
        self._subjects: list[Entity] | None = None  # people named as subjects, on demand
        self._genders: dict[str, str] | None = None
        self._subject_starts: list[int] = []

    def resolve(self, subject, end_before: int | None = None) -> _Speaker:
        """The subject's whole phrase, appositive included ("Brian Fallon, the campaign's
        press secretary,"), as PolNeAR marks sources; never across a paragraph break.
        `end_before`: a token the phrase stops before (the relative clause holding the cue)."""
        doc = self.doc
        subject = _past_dateline(subject)
        start, end = subject.left_edge.i, subject.right_edge.i + 1
        end = _before_writer_clause(subject, end if end_before is None else min(end, end_before))
        end = _before_main_verb(subject, end)
        while end - 1 > subject.i and (doc[end - 1].text in ",;:—–-" or doc[end - 1].is_space):
            end -= 1
        for i in range(subject.i - 1, start - 1, -1):
            if "\n" in doc[i].text_with_ws:
                start = i + 1
                break
        start = _after_lead_in(subject, start)
        while start < subject.i and (doc[start].is_punct or doc[start].is_space):
            start += 1  # the closing mark of the quote before, which the parse can hang on the speaker
        for i in range(end - 2, subject.i - 1, -1):  # the head's phrase runs on into the paragraph of the cue
            if "\n" in doc[i].text_with_ws:
                return self.resolve_span(doc[i + 1 : end])
        return self.resolve_span(doc[start:end], head=subject)

    def resolve_span(self, span, head=None) -> _Speaker:
        head = head if head is not None else span.root
        start, end = span.start_char, span.end_char
        if head.lower_ in _PRONOUNS:
            person = self._person_before(start)
            return _Speaker(start, end, person.name if person else span.text, False)
        named = _without_clauses(span, head)  # the name is the noun phrase; the span may hold "who ..." too
        anonymous = self._anonymous_description(named, head)
        if anonymous is not None:  # "the spokesman" after "spokesman Tom Hale" is Hale
            titled = self._titled_person(named, head)
            return _Speaker(start, end, titled, False) if titled else _Speaker(start, end, anonymous, True)
        entity = self._entity_in(start, end, head.idx)
        if entity is None and head.tag_ in ("NNP", "NNPS"):
            named = _without_appositive(named, head)  # "Ana Ruiz, a Republican," is named Ana Ruiz
        name = entity.name if entity is not None else (
            self._surname_of(named.text, start) or self._titled_person(named, head) or named.text)
        if entity is not None and entity.label == "PERSON":
            name = joined_names(self._people_joined_to(head, named) or [name])
        return _Speaker(start, end, name, False)

    def _people_joined_to(self, head, span) -> list[str]:
        """Everyone of "Ana Ruiz and Tom Hale said", in the order named. The parse joins the names as
        conjuncts, takes the second of "Ana Ruiz, Li Wei and Tom Hale" for an apposition, or hangs the
        first on the last ("Ruiz" a modifier of "Hale")."""
        if not any(t.lower_ == "and" and t.dep_ == "cc" for t in span):
            return []
        joined = [t for t in span if t.ent_type_ == "PERSON" and (t == head or (
            t.dep_ in ("conj", "appos", "nmod") and head in t.ancestors))]
        names = []
        for token in joined:
            k = bisect.bisect_right(self.person_starts, token.idx) - 1
            if k >= 0 and token.idx < self.persons[k].end and self.persons[k].name not in names:
                names.append(self.persons[k].name)
        return names

    def _surname_of(self, word: str, pos: int) -> str | None:
        """A bare surname the model did not tag ("Italiano tweeted", "Mr DeSantis claimed"): the person named
        before with it."""
        word = _HONORIFIC.sub("", word)
        if " " in word or not word[:1].isupper():
            return None
        k = bisect.bisect_left(self.person_starts, pos)  # "PENCE:" in a transcript is the Mike Pence named before
        return next((p.name for p in reversed(self.persons[:k])
                     if p.name.split()[-1].casefold() == word.casefold() and " " in p.name), None)

    def _titled_person(self, span, head) -> str | None:
        """"the president said" after "President Joe Biden": the one person named before with that title
        ("the former president" only one with "former"); none when two people had it."""
        words = [t.lower_ for t in span]
        if words[0] != "the" or head.tag_ != "NN" or head.i != span.end - 1 or len(words) > 4 \
                or any(t.ent_type_ or t.is_punct for t in span[1:]):
            return None
        wanted = [_TITLE_ABBREVIATIONS.get(w, w) for w in words[1:]]
        k = bisect.bisect_left(self.person_starts, span.start_char)
        names = {p.name for p in self.persons[:k] if any(_titled(role, wanted) for role in p.roles)}
        return names.pop() if len(names) == 1 else None

    def subject_people_before(self, pos: int) -> list[tuple[int, str, bool]]:
        """The people named as the subject of a clause before `pos`, in text order."""
        if self._subjects is None:
            self._subjects = [p for p in self.persons if self._is_subject(p)]
            self._subject_starts = [p.start for p in self._subjects]
        k = bisect.bisect_left(self._subject_starts, pos)
        return [(p.start, p.name, False) for p in self._subjects[:k]]

    def gender(self, name: str) -> str | None:
        """"m" or "f" as the text shows it (`_genders`), for a person's canonical name; None when it does not."""
        if self._genders is None:
            self._genders = _genders(self.doc, self.persons)
        return self._genders.get(name)

    def _is_subject(self, person: Entity) -> bool:
        i = _token_at(self.doc, person.end - 1)
        return i is not None and self.doc[i].dep_ in ("nsubj", "nsubjpass")

    def _person_before(self, pos: int) -> Entity | None:
        k = bisect.bisect_left(self.person_starts, pos) - 1
        return self.persons[k] if k >= 0 else None

    def _entity_in(self, start: int, end: int, head_pos: int) -> Entity | None:
        """The entity holding the phrase's head word, else the last person in it, else any."""
        lo = bisect.bisect_left(self.starts, start)
        inside = [e for e in self.entities[lo:] if e.start < end and e.end <= end]
        for entity in inside:
            if entity.start <= head_pos < entity.end:  # "The top Republican on the committee" is no party
                return None if entity.label == "NORP" and entity.start > start else entity
        inside = [e for e in inside if not self._in_phrase_of(e, head_pos)]
        # "the Trump administration", "Trump's lawyer": the person only qualifies who speaks
        people = [e for e in inside if e.label == "PERSON" and not self._qualifies_head(e, head_pos)]
        if people:
            return people[-1]
        if len(inside) != 1 or inside[0].label == "NORP" or self._modifies_common_noun(inside[0]) \
                or self._qualifies_head(inside[0], head_pos) or self._place_of(inside[0], head_pos):
            return None  # "the current Democratic presidential nominee" is not "Democratic"
        return inside[0]

    def _place_of(self, entity: Entity, head_pos: int) -> bool:
        """"police in Palermo, Sicily": a place beside people named by a common noun is where they are."""
        head = _token_at(self.doc, head_pos)
        if head is None or entity.label not in ("GPE", "LOC"):
            return False
        token = self.doc[head]
        return token.tag_ in ("NN", "NNS") and token.lemma_.lower() not in _RECORD_HEADS

    def _in_phrase_of(self, entity: Entity, head_pos: int) -> bool:
        """"One of the mothers with Horton", "a spokesman for Ruiz", "a clerk at Kings County Hospital",
        "the head of the WHO": the name is in a phrase that says whom the speaker is with, for or part
        of, not the speaker; but "data from the Labor Department", "the state of Mississippi" speak
        for the body they come from."""
        i, head = _token_at(self.doc, entity.end - 1), _token_at(self.doc, head_pos)
        if i is None or head is None:
            return False
        token = self.doc[i]
        from_record = self.doc[head].lemma_.lower() in _RECORD_HEADS
        while token.i != head and token.head.i != token.i:
            if token.dep_ == "pobj" and (token.head.lower_ in _BESIDE_PREPOSITIONS or not from_record):
                return True
            token = token.head
        return False

    def _qualifies_head(self, entity: Entity, head_pos: int) -> bool:
        """The entity is a compound or possessive of the phrase's head, a common noun."""
        i, head = _token_at(self.doc, entity.end - 1), _token_at(self.doc, head_pos)
        if i is None or head is None:
            return False
        token = self.doc[i]
        token = token.head if token.dep_ == "case" else token  # the entity ends with its "'s"
        return token.head.i == head and token.dep_ in ("compound", "poss") and token.head.tag_ in ("NN", "NNS")

    def _modifies_common_noun(self, entity: Entity) -> bool:
        """"the U.S. ambassador", "the New York City Board of Elections": the entity only qualifies the
        noun the phrase is about (a name the model did not tag, when that noun is capitalised)."""
        i = _token_at(self.doc, entity.end - 1)
        if i is None:
            return False
        token = self.doc[i]
        return token.dep_ in ("compound", "amod") and token.head.tag_ in ("NN", "NNS", "NNP", "NNPS")

    def _anonymous_description(self, span, head) -> str | None:
        """"a senior U.S. official" -> itself; a later "the official" -> the first description."""
        lemma = head.lemma_.lower()
        if head.lower_ not in ANONYMOUS_HEADS and lemma not in ANONYMOUS_HEADS:
            if lemma not in _VAGUE_HEADS or not any(t.lower_ in _VAGUE_CUES for t in span):
                return None
        if any(t.ent_type_ == "PERSON" for t in span):
            return None  # "spokesman John Smith" is named
        if span[0].lower_ in ("the", "that", "this") and head.tag_ in ("NN", "NNP"):
            k = bisect.bisect_left(self.anonymous_starts, span.start_char) - 1
            for _, known_lemma, description in reversed(self.anonymous[: k + 1]):
                if known_lemma == lemma:
                    return description
        return _describe(span)


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+(?=[A-Z])")  # "Mr DeSantis", as British papers write it


def _genders(doc, persons: list[Entity]) -> dict[str, str]:
    """Each person's gender as the text shows it: a form of address or a title before a mention ("Mrs. Ruiz",
    "spokeswoman Ana Ruiz"), a word of kin or a title given ("Tom Hale's wife"), and pronouns as subjects or owners
    after the name, outside quotation marks, in sentences naming no one else ("Clinton says she hopes ..."). None
    where the signs disagree or there are none; "she" is then nobody's to take away."""
    votes: dict[str, list[int]] = {}
    for person in persons:
        before = doc_text(doc)[max(0, person.start - 16) : person.start].split()
        words = [w.casefold() for w in before[-1:]] + [r.casefold().split()[-1] for r in person.roles if r]
        tally = votes.setdefault(person.name, [0, 0])
        tally[0] += sum(w in MALE_WORDS for w in words)
        tally[1] += sum(w in FEMALE_WORDS for w in words)
    surnames = Counter(name.split()[-1] for name in votes if name.split())
    for sentence in doc.sents:
        inside = [p for p in persons if sentence.start_char <= p.start < sentence.end_char]
        if len({p.name for p in inside}) != 1 or all(
                " " not in p.text.strip() and surnames[p.name.split()[-1]] > 1 for p in inside):
            continue  # a bare "Gray" where Kimani and Mahnefah Gray are named may be either
        first = min(p.end for p in inside)
        tally = votes[inside[0].name]
        quoted = False  # inside quotation marks the pronouns are the speaker's, of anyone
        for token in sentence:
            if token.is_quote:
                quoted = not quoted
            elif not quoted and token.idx >= first and token.lower_ in ("he", "his", "she", "her") \
                    and token.dep_ in ("nsubj", "nsubjpass", "poss"):  # "described her" is someone else
                tally[token.lower_ in ("she", "her")] += 1
    return {name: "m" if m > f else "f" for name, (m, f) in votes.items() if m != f}


# A title as written before a name and as a description says it ("Gov. Ana Ruiz" ... "the governor said")
_TITLE_ABBREVIATIONS = {"gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general",
                        "lt.": "lieutenant", "sgt.": "sergeant", "col.": "colonel", "capt.": "captain",
                        "det.": "detective", "supt.": "superintendent", "atty.": "attorney", "sec.": "secretary"}
_ROLE_PREPOSITIONS = frozenset({"of", "for", "at", "to", "with", "in", "on"})  # "spokesman for the company"
_FORMER = frozenset({"former", "then", "ex", "then-", "ex-", "late"})


def _titled(role: str, wanted: list[str]) -> bool:
    """The role's head (before "of"/"for") is the wanted title's and the role holds every word of it;
    "former President" is no "president"."""
    words = [_TITLE_ABBREVIATIONS.get(w, w) for w in re.split(r"[\s-]+", role.lower()) if w]
    words = words[: next((k for k, w in enumerate(words) if w in _ROLE_PREPOSITIONS), len(words))]
    return bool(words) and words[-1] == wanted[-1] and set(wanted) <= set(words) \
        and not (_FORMER & set(words)) - set(wanted)


def joined_names(names: list[str]) -> str:
    """"Ana Ruiz", "Ana Ruiz and Tom Hale", "Ana Ruiz, Tom Hale and Li Wei"."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _without_clauses(span, head):
    """The span up to the first relative or participle clause on its head ("the official, who asked
    not to be named," -> "the official"), trailing commas dropped; the span itself when it has none."""
    end = span.end
    for child in head.rights:
        if child.dep_ in ("relcl", "acl") and span.start < child.left_edge.i < end:
            end = child.left_edge.i
            break
    while end - 1 > head.i and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[span.start : end] if end < span.end else span


def _without_appositive(span, head):
    """A name's phrase up to the description after it ("DeSantis, a Republican," -> "DeSantis")."""
    appos = next((c for c in head.rights if c.dep_ == "appos" and span.start < c.left_edge.i < span.end), None)
    if appos is None:
        return span
    end = appos.left_edge.i
    while end - 1 > head.i and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[span.start : end]


# "with X", "for X": the speaker is someone beside X or acting for X
_BESIDE_PREPOSITIONS = frozenset("with for".split())
# Heads that speak for the body named after them: a record it put out, or the place itself
_RECORD_HEADS = frozenset("""
    data datum figure report statement study survey estimate analysis memo release suit lawsuit filing poll number
    statistic document letter excerpt book assessment calculation footage plan order ruling opinion complaint
    record article story tweet post video transcript projection forecast review audit investigation inquiry
    state city government county country nation people
""".split())


# Prepositions of a phrase that says when or how someone spoke, not who
_CIRCUMSTANCE = frozenset("during after before amid following despite".split())


def _before_writer_clause(subject, end: int) -> int:
    """The speaker ends before a participle the writer adds after a comma ("Trump,
    speaking to veterans, said ...") and before a "which" clause about a thing named in
    the description ("Kim, head of the union, which has 900 members,"), and before a date
    ("an arbitration panel in 2001 found"). A relative clause about the speaker ("Kim, who
    ran the port,") stays: PolNeAR keeps it more often than not."""
    doc = subject.doc
    for token in subject.subtree:
        if token.i > subject.i and token.head.i >= subject.i and token.dep_ == "acl" and token.tag_ == "VBG" \
                and doc[token.left_edge.i - 1].text == ",":
            return min(end, token.left_edge.i - 1)
        if token.head.i > subject.i and token.dep_ == "relcl" and token.left_edge.lower_ == "which" \
                and doc[token.left_edge.i - 1].text == ",":
            return min(end, token.left_edge.i - 1)
        if token.head.i == subject.i and token.dep_ == "prep" and token.i > subject.i \
                and any(t.dep_ == "pobj" and t.ent_type_ == "DATE" for t in token.children):
            return min(end, token.i)  # "an arbitration panel in 2001 found": when, not who
        if token.head.i == subject.i and token.dep_ == "prep" and token.lower_ in _CIRCUMSTANCE \
                and doc[token.i - 1].text == ",":
            return min(end, token.i - 1)  # "the commander in chief, during a forceful explanation ..., conceded"
    return end


def _past_dateline(subject):
    """"LISBON -- Prime Minister Luis Montenegro, ..., said": the parse makes the dateline the subject and
    the speaker its appositive; the speaker is the appositive."""
    doc = subject.doc
    first = subject.left_edge.i
    at_paragraph_start = first == 0 or "\n" in doc[first - 1].text_with_ws
    dash = next((t for t in doc[first : subject.i + 2] if t.text in _LEAD_IN_PUNCT and t.text != ","), None)
    if not at_paragraph_start or dash is None:
        return subject
    if not all(t.text.isupper() or t.is_punct for t in doc[first : dash.i]):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > dash.i), subject)


_LEAD_IN_PUNCT = frozenset({",", "-", "--", "–", "—"})
_LEAD_IN_WORDS = frozenset({"both", "even", "also"})


def _after_lead_in(subject, start: int) -> int:
    """The speaker starts at its own noun phrase: not at a dateline or words the parse hung on it
    before a comma or dash ("LISBON - European ministers", "the vote, Dana Moreno"), nor at
    "Both"/"Even" ("Even Portugal")."""
    doc = subject.doc
    for p in range(subject.i - 1, start - 1, -1):
        spaced = p > 0 and doc[p - 1].whitespace_ and doc[p].whitespace_  # a dash, not a hyphen
        if doc[p].text in _LEAD_IN_PUNCT and (doc[p].text == "," or spaced):
            if all(p < doc[k].head.i <= subject.i for k in range(p + 1, subject.i)):
                start = p + 1
            break
    while start < subject.i and doc[start].lower_ in _LEAD_IN_WORDS and doc[start].dep_ in ("preconj", "advmod"):
        start += 1
    return start


def _before_main_verb(subject, end: int) -> int:
    """A subject phrase the parse ran on into a clause of its own ("A union representing hospital
    nurses endorsed Ruiz ...") ends before that clause's finite verb; the verbs of a
    clause inside the phrase ("Kim, who ran the port,") do not end it."""
    doc = subject.doc
    for token in doc[subject.i + 1 : end]:
        if token.tag_ in ("VBD", "VBZ", "VBP") and token.dep_ not in ("aux", "auxpass") \
                and not _inside_clause(token, subject):
            cut = token.i
            while cut > subject.i + 1 and doc[cut - 1].is_punct:
                cut -= 1
            return cut
    return end


def _inside_clause(token, subject) -> bool:
    """A clause on the way up from `token` to `subject` (or to the root) holds it."""
    while token.i != subject.i:
        if token.dep_ in ("relcl", "acl", "advcl", "ccomp", "csubj", "pcomp"):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _introduction(chunk) -> tuple[int, str, str] | None:
    """An indefinite unnamed source ("a senior U.S. official", "sources") that a later
    "the official" can refer to; described by its phrase with any "from ..." after it."""
    head = chunk.root
    lemma = head.lemma_.lower()
    if lemma not in ANONYMOUS_HEADS or chunk[0].lower_ in ("the", "that", "this", "these", "those"):
        return None
    if head.tag_ != "NNS" and chunk[0].lower_ not in ("a", "an", "another"):
        return None  # a bare singular ("Says U.S. Official") is headline style, not an introduction
    if any(t.ent_type_ == "PERSON" for t in chunk):
        return None
    end = chunk.end
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "in", "at", "with"):
            if child.right_edge.i - chunk.start < _MAX_DESCRIPTION:
                end = child.right_edge.i + 1
            break
    return chunk.start_char, lemma, _describe(chunk.doc[chunk.start : end])


def _describe(span) -> str:
    """The phrase as a description: a sentence-initial article in lower case."""
    text = span.text
    first = span[0].text
    if first.lower() in ("a", "an", "the", "another"):
        text = first.lower() + text[len(first) :]
    return text
