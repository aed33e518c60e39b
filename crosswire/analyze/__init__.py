"""Analysis: text -> sentences, entities with roles, quantities, times, quotes.

spaCy lives in this package and nowhere else: `analyze_texts` runs the pipeline
in batches (`nlp.pipe`) and converts every `Doc` to our plain `Analysis` at the
edge, so the stages downstream import fast and never see a spaCy object.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from crosswire.model import Analysis, Sentence

# Stored with each analysis; raise it when an extractor's output changes, so that stores analysed
# by an older crosswire do not serve stale analyses to comparisons (v2: the quote rules of 2026-11-30;
# v3: a relative pronoun speaker named by its antecedent, speaker names without their clauses,
# reported content without a closing ", which ..." clause; v4: a quoted transcript's turn runs over the
# paragraphs after its line, an interrupted turn keeps its dash; "According to X, <clause>" and "told the
# leaders that <clause>" read whole when the parse hangs the clause on X or on the leaders; a paragraph that
# opens with ” opens a quote; "see X as Y" is a stance; "released video", "called a meeting" and "it goes
# without saying" are no speech; v5: the second of two weekdays named together follows the first;
# of two reported clauses that each hold the other's cue, the one after its cue is kept; "said after the vote he
# would ..." and "appeared and began by saying ..." read; a possessive ends a person's name, "Union Local 14" and
# "Terminal B" keep their names; "won 53 percent to 47 percent" is two figures, not a range; "federally
# authorized" and "U.S.-authorized" are no past tense for a date; "COVID-19" is no entity, no name holds a digit;
# a month after "until/through/into" and one far from a verb of saying take no tense from it; a day five
# months ahead with no tense is the past one; "said on Monday" says nothing; v6: a nickname is part of a name
# and no quote (Anthony "The Hammer" Russo); a quote after a long subject, a short cry after a verb of saying;
# a title after a preposition is no quote; a lone adjective or modifier in a description names no speaker; a
# speaker's span stops before a clause the parse ran it into, starts after a dateline or "Even", and leaves a date out;
# v7: a verb of saying in a relative clause or an as-clause is an attribution; "next to" is no tense cue;
# "three quarters of the vote" is a share, not a duration; "two-thirds of" is a share in the unit "fraction";
# a person's age between commas after the name is kept on the entity; a title before "Dr."/"Mr." is a role;
# a year is no count; a bill number is no person; a name has a capital past its article; "rose by X to Y" is
# two figures; a one-word "person" naming a company the text gives in full is an organisation; quoted words are
# never their own speaker, and an untagged bare surname is the person named before with it; "it" speaks for the
# body that spoke just before; no dateline, cut-off word or "Responding to a request for comment" is content;
# a time zone is no organisation, a platform like Twitter no person; "dropped 29,000 to 348,000" is two figures;
# v8: people who speak together ("Ana Ruiz and Tom Hale said") are all the quote's speaker; a name after a
# noun for a body ("the advocacy group Brady United") is an organisation, a place before its state ("Chula
# Vista, California,") a place; "Martin Luther King Jr." keeps his name and "Olsen" is "Peter Olsen Jr.";
# Fahrenheit, Celsius and a lone "Jr." are no names; "than expected in April" plans nothing; "16 cents more than
# a month ago" is a difference; "CBS This Morning" and the Today show are no times;
# a place before a capitalised noun ("the New York City Board of Elections") is not the speaker; a name right
# after "drug", "vaccine" ... is a product, no person or place; a figure in brackets in another unit is a rounded
# conversion, "about"; v9: "$160MM" is millions and "$140-150MM", "$140m-150m" are ranges of money; a score
# or tally ("a 14-0 lead", "a 5-4 decision") gives no count; "67 Republicans" is a count; "urged voters to
# reject the recall" says whom and what, and a "while ..." clause after a cue is nobody's words; "learned" is a
# verb in the past; a name before "missile", "tank" ... is a weapon's, no person; "Customs and Border
# Protection" is one organisation, "the U.S.-Mexico border" none, and "Border Patrol agents" work for a body;
# "testified at the trial" and "said of her injury" say nothing of what was said; "one of the mothers with
# Horton" is not Horton; ‘single’ quotation marks, the British style, quote directly; "said late Tuesday the
# group would ..." says when, and the clause after it what; Sharia is no organisation; "said live on X that
# ..." says the that-clause; an untagged speaker is named without the description after it; "Senate Bill
# 90" is no person; 'straight single' marks quote when they read as a quotation: 'I don't know,' she said;
# "The Justice Department" had been named "Department"; a name ends before a bracket it does not close;
# v10: no-break spaces read as spaces; "H. Res. 601" ends no sentence; "declared “I think ...”" quotes directly;
# "wrote a letter" says nothing, "wrote in a letter that ..." the that-clause; "Meanwhile, according to X, ..."
# the clause after X; "the Trump administration", "Reid's rep", "a clerk at Kings County Hospital" are not
# Trump, Reid or the hospital; roles keep "former", "acting" and end before a relative clause; "Pfizer-BioNTech"
# is an organisation; "economic plans Tuesday" gives no tense; v11: roles "chief of staff", "Secretary of
# State", "his wife" before a name and "the physician, Dr. Omar Reyes" beside it; a cited case's parties,
# "Planned Parenthood v. Casey", are no entities; "the Pfizer or Moderna immunizations" name companies; "INS
# Mysore" and "the supertanker Sirius Star" are ships; "they" after a group that spoke is that group; v12: the
# role of kin set beside a name, "Ana Ruiz, Tom Hale's sister,"; a month, season or day takes the year of the
# one listed after it, "in May and June 2019", "the fall or winter of next year"; "The summit is on March 31"
# months ahead is still to come; "Health and Human Services Secretary", "strength and conditioning coach" are
# whole titles; "White House" of "White House press secretary" is a body; "Port Authority" after "the
# Brookfield Port Authority" is that body; "#MeToo" is no person; "..., the governor's office said, according to
# the Herald" keeps the office's attribution beside the Herald's; "Mr DeSantis" speaks as the Ron DeSantis named
# before; "his home state’s Gazette-Mail" is no person "’s Gazette-Mail"; an organisation's name loses a small
# word the model ran on to, "Council on Ethics and", or opened with, "for Rural Health"; "the House Jan. 6 Select
# Committee" names a day gone by; "Sgt." or "Sheriff" tagged alone is no person; "the Jaguars" is a team;
# "Moderna’s COVID-19 vaccine" names a company; "State" of "Secretary of State" and a ship tagged in two, "INS"
# "Tabar", are no entities; "GM Ed Stefanski" is Ed Stefanski, his title GM; v13: "the governor said" after "Gov.
# Ana Ruiz" is Ana Ruiz, the one person named before with that title; a quote broken over the lines of a text
# printed one sentence a line closes on the next line; a closing mark left over opens no quote; a player's
# position is a title, "Colts QB Andrew Luck" is Andrew Luck, "Saints" of "Saints quarterback" a team; "she said"
# is the latest person who can be "she", as the text shows each one's gender; "(think Brexit)" quotes no one;
# "the committee's investigation former Secretary of State X" gives X the title "former Secretary of State";
# "the cheers coming out of the hall Monday night" is the Monday gone by, "coming" no "the coming week";
# "Trump’s 2017" tax law is no organisation; "De Blasio said" after "Bill de Blasio" is Bill de Blasio; "Mr. Obama"
# is not "the first lady, Michelle Obama", nor then is a bare "President Obama"; "McConnell, now the Senate
# majority leader, who said" is McConnell; "Suu Kyi", "Levine Cava" after the full name are that person; "the
# federal Securities and Exchange Commission" is the Securities and Exchange Commission; "vice-presidential nominee"
# is one title whatever the tagger calls its hyphen; "blasted X as a “disgrace” Wednesday on a show" takes
# "X as a “disgrace”"; "PENCE:" in a transcript is the Mike Pence named before, "HOST:" a speaker "Host"; a body
# the model ran on into a clause or a poll's figure, "the Minnesota Vikings - while", "Trump 47.3 percent", is cut;
# "Ham" alone after "Norman Ham" is his mention though the model left it untagged; "he said" after a man's words
# that name someone else is that man again; "POSTED: 05/02/07" is a page's stamp, no transcript line).
ANALYSIS_VERSION = "analyze.v15"

# Parts of speech whose lemmas say what a sentence is about.
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
# Verbs too common in news to tell two statements apart.
_WEAK_LEMMAS = {"say", "be", "have", "do", "tell", "add", "state", "note", "make", "also"}


# No-break and thin spaces: web pages put them between words ("former\xa0President", "California\xa0Gov.");
# the tokenizer keeps each as a token of its own, which breaks the names and titles it sits in.
_ODD_SPACES = str.maketrans({c: " " for c in "\xa0\u2007\u2009\u202f"})


def parser_text(text: str) -> str:
    """The text as the parser reads it: odd spaces made plain, one character for one, so that every
    offset into it is an offset into `text`. An analysis holds this text (`Analysis.text`)."""
    return text.translate(_ODD_SPACES)


def analyze_texts(
    texts: Sequence[str],
    published: Sequence[dt.date | None],
    *,
    nlp=None,
    batch_size: int = 16,
    n_process: int = 1,
) -> list[Analysis]:
    """Analyse many texts in one batched pass; `published` gives each text's date."""
    from crosswire.analyze.nlp import load_nlp

    nlp = nlp or load_nlp()
    pairs = zip(map(parser_text, texts), range(len(texts)))
    analyses: list[Analysis] = [None] * len(texts)  # type: ignore[list-item]
    for doc, i in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        analyses[i] = analysis_of_doc(doc, published[i])
    return analyses


def analyze_text(text: str, published: dt.date | None = None, *, nlp=None) -> Analysis:
    return analyze_texts([text], [published], nlp=nlp)[0]


def analysis_of_doc(doc, published: dt.date | None) -> Analysis:
    """Convert one parsed `Doc` into our plain types."""
    from crosswire.analyze.entities import find_entities
    from crosswire.analyze.quantities import find_quantities
    from crosswire.analyze.quotes import find_quotes
    from crosswire.analyze.times import find_times

    text = doc.text
    entities = find_entities(doc)
    time_hints = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    amount_hints = [
        (e.start_char, e.end_char)
        for e in doc.ents
        if e.label_ in ("MONEY", "PERCENT", "QUANTITY")  # CARDINAL would admit "Local 14"
    ]
    times = find_times(text, published, spans=time_hints)
    return Analysis(
        text=text,
        sentences=tuple(_sentences(doc)),
        entities=tuple(entities),
        quantities=tuple(_not_years(find_quantities(text, spans=amount_hints), times)),
        times=tuple(times),
        quotes=tuple(find_quotes(doc, entities)),
    )


def _not_years(quantities, times) -> list:
    """A bare number that the time rules read as a year is a date, not a count: "the 2022 midterms" (the
    time rules know "hired 2000 workers" is no year)."""
    dates = [(t.start, t.end) for t in times if t.type == "DATE"]
    return [q for q in quantities
            if q.unit or not re.fullmatch(r"(?:1[6-9]|20)\d\d", q.text) or not any(a <= q.start and q.end <= b
                                                                                  for a, b in dates)]


def _sentences(doc) -> Iterable[Sentence]:
    """spaCy's sentences, also cut at line breaks (a line is at least a paragraph)."""
    for sent in doc.sents:
        offset = sent.start_char
        for line in sent.text.split("\n"):
            a = offset + len(line) - len(line.lstrip())
            b = offset + len(line.rstrip())
            offset += len(line) + 1
            if b <= a:
                continue
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None and len(span):
                yield _sentence(span)


def _sentence(span) -> Sentence:
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return Sentence(span.start_char, span.end_char)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    root = next((t for t in tokens if t.dep_ == "ROOT"), tokens[0])
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    keywords = tuple(
        dict.fromkeys(
            t.lemma_.lower()
            for t in tokens
            if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha and len(t) > 1
            and t.lemma_.lower() not in _WEAK_LEMMAS
        )
    )
    negated = any(t.dep_ == "neg" for t in tokens)
    return Sentence(
        start=start,
        end=end,
        keywords=keywords,
        predicate=root.lemma_.lower(),
        subject=subject_text(subject) if subject is not None else "",
        negated=negated,
    )


def subject_text(token) -> str:
    """The words of a subject phrase ("the U.S. official")."""
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return span.text[:160]
