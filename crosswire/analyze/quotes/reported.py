"""Pass 2, reported speech: a cue verb's clause, a stance verb's object, "according to X".

The content is clipped where it runs into a direct quote, and is "mixed" when it
holds quoted words, else "indirect".
"""

from __future__ import annotations

import dataclasses
import re

from crosswire.analyze.nlp import doc_text
from crosswire.analyze.quotes.cues import (
    _token_at,
    _ADJUNCT_PREPOSITIONS,
    _TRAILING,
    CUE_VERBS,
    NO_OBJECT,
    OBJECT_CUES,
    XCOMP_CUES,
    OPENING_MARKS,
    CALL_NOT_SPEECH,
    CALLED_EVENTS,
    RECORD_NOUNS,
    RECORD_OBJECT_CUES,
    SEE_AS_CUES,
    AS_CUES,
    _agent_source,
    _as_clause,
    _cue_offsets,
    _is_cue,
    _is_judgement,
    _is_particle,
    _opens_sentence,
    _source_comma,
    _subject,
)
from crosswire.analyze.quotes.direct import _merge_fragments
from crosswire.analyze.quotes.marks import _Quoted
from crosswire.analyze.quotes.speakers import _speaker_of
from crosswire.model import Quote


# ---------------------------------------------------------------------------
# Reported speech


def _reported(doc, cue, quoted: list[_Quoted], speakers) -> Quote | None:
    """"X said (that) <clause>", "<clause>, X said", "according to X, <clause>"."""
    if _is_judgement(cue):
        return _judgement(doc, cue)
    if cue.lower_ == "according":
        found = _according_to(doc, cue)
    elif cue.pos_ == "NOUN":
        found = _noun_clause(cue)
    elif _agent_source(cue) is not None:
        found = _passive(cue)
    elif _unsourced_passive(cue):
        found = _passive_clause(cue)
    else:
        found = _complement(doc, cue) or _object(doc, cue)
    if found is None:
        return None
    start, end, speaker_token = found
    if cue.lower_ != "according":
        start, end = _tidy(doc, start, end)
    text = doc_text(doc)
    newline = text.find("\n", start, end)
    end = end if newline < 0 else newline  # reported speech stays in its paragraph
    start = _skip_dateline(text, _skip_conjunction(text, start, end), end)
    start, end = _trim(text, start, end)
    if end - start < 3 or _cut_off(doc, start, end) or _ANONYMITY.fullmatch(text, start, end):
        return None
    if end <= cue.idx:
        end = _split_mixed(doc, quoted, end, cue)
    cue_start, cue_end = _cue_offsets(doc, cue)
    kind = _reported_kind(doc_text(doc), start, end)
    if speaker_token is None and (cue.pos_ == "NOUN" or _unsourced_passive(cue)):  # no one named
        return Quote(start, end, cue_start, cue_end, None, None, None, False, kind)
    speaker = _speaker_of(doc, cue, speakers, after=None, subject=speaker_token)
    if speaker is None:
        return None
    return Quote(start, end, cue_start, cue_end, speaker.start, speaker.end, speaker.name, speaker.anonymous, kind)


# "who asked not to be named", "requested anonymity": how a source is kept unnamed, not something it said
_ANONYMITY = re.compile(r"(?:not\s+to\s+be\s+(?:named|identified|quoted(?:\s+by\s+name)?)|anonymity|"
                        r"that\s+(?:his|her|their)\s+names?\s+not\s+be\s+used)", re.IGNORECASE)


def _cut_off(doc, start: int, end: int) -> bool:
    """"the agency said its...": the page cut the sentence off after a word or two of function words, so
    nothing of what was said is left ("endorsed them." says who was endorsed)."""
    text = doc_text(doc)
    if not text[end : end + 3].lstrip().startswith(("...", "…")):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) <= 2 and all(t.is_stop or t.is_punct for t in span)


def _judgement(doc, cue) -> Quote | None:
    """"it's obvious that <clause>": the cue runs from "it" to the adjective; no speaker."""
    be = cue.head
    it = next(c for c in be.children if c.dep_ in ("nsubj", "expl") and c.lower_ == "it")
    clause = next(c for c in list(cue.children) + list(be.children) if c.dep_ == "ccomp" and c.i > cue.i)
    text = doc_text(doc)
    start, end = _trim(text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
    if end - start < 3 or "\n" in text[it.idx : end]:
        return None
    return Quote(start, end, it.idx, cue.idx + len(cue), None, None, None, False, _reported_kind(text, start, end))


def _split_mixed(doc, quoted: list[_Quoted], end: int, cue) -> int:
    """A mixed clause before its attribution that ends in quoted words takes the quoted
    fragments after the attribution, as a split quote does: The plan is "a mess,"
    Kim said. "Nobody asked us." -> one content to "Nobody asked us."."""
    text = doc_text(doc)
    for k, span in enumerate(quoted):
        if span.start < end <= span.end and not text[end : span.end].strip(" ,.?!"):
            return max(end, _merge_fragments(doc, quoted, k, cue))
    return end


def _clip(text: str, quote: Quote, direct_ranges: list[tuple[int, int]]) -> Quote | None:
    """Reported content must not run into a direct quote found before: a clause the
    parser joined to the next sentence's quote ends where that quote opens."""
    start, end = quote.content_start, quote.content_end
    for d_start, d_end in direct_ranges:
        if start < d_end and d_start < end:
            if start >= d_start - 1:
                return None
            end = min(end, d_start - 1)
    start, end = _trim(text, start, end)
    if end - start < 3:
        return None
    kind = _reported_kind(text, start, end)
    return dataclasses.replace(quote, content_start=start, content_end=end, kind=kind)


def _reported_kind(text: str, start: int, end: int) -> str:
    return "mixed" if re.search(r"[“”\"]|''", text[start:end]) else "indirect"


def _complement(doc, cue):
    """The clause a cue verb governs, and its subject."""
    subject = _subject(cue)
    if subject is None:
        return None
    clauses = [c for c in cue.children if c.dep_ == "ccomp" and not _adverbial(cue, c)]
    if not clauses and cue.lemma_.lower() in XCOMP_CUES:
        clauses = [c for c in cue.rights if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if not clauses and (clause := _addressee_clause(cue)) is not None:
        clauses = [clause]
    if not clauses and (clause := _clause_in_medium(cue)) is not None:
        clauses = [clause]
    if not clauses and (clause := _clause_after_adjunct(cue)) is not None:
        start = next(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")).left_edge
        return start.idx, clause.right_edge.idx + len(clause.right_edge), subject
    if not clauses and _as_clause(cue) and cue.lemma_.lower() in AS_CUES:
        return _as_attributed(doc, cue, subject)
    if not clauses:
        return _parenthetical(doc, cue, subject)
    clause = clauses[0] if clauses[0].i > cue.i else clauses[-1]
    # "said live on "Fox & Friends" that the new law ...": the parse takes "live" for a clause too; a clause
    # with a subject or a "that" of its own is what was said
    clause = next((c for c in clauses if c.i > cue.i and c.dep_ == "ccomp"
                   and any(ch.dep_ in ("nsubj", "nsubjpass", "mark") for ch in c.children)), clause)
    start_token = clause.left_edge
    if start_token.i == cue.i + 1:  # "said (late) Tuesday the group would ...": when it was said, not what
        while start_token.i < clause.i and _dates_the_saying(start_token):
            start_token = doc[start_token.i + 1]
    if clause.dep_ == "xcomp":  # "urged voters to reject the recall": whom and what, as PolNeAR marks it
        start_token = next((c.left_edge for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < clause.i),
                           start_token)
    end_token = _run_on(cue, clause.right_edge)
    if clause.i < cue.i:
        # "<A, but B>, sources said": the parse keeps only B; the content is the
        # sentence up to the attribution
        start_token = doc[min(start_token.i, _sentence_start(doc, cue))]
        end_token = doc[min(end_token.i, subject.left_edge.i - 1, cue.i - 1)]
    return start_token.idx, end_token.idx + len(end_token), subject


# A clause opening with one of these after the cue is a contrast the writer adds, however the parse hangs it:
# "urged voters to reject the recall, while Larry Elder criticized the media".
_CONTRAST_OPENERS = frozenset("while whereas although though".split())


def _adverbial(cue, clause) -> bool:
    return clause.i > cue.i and clause.left_edge.lower_ in _CONTRAST_OPENERS


def _dates_the_saying(token) -> bool:
    """A word of the date right after a cue, not the said clause's subject ("said Tuesday was the day")."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    in_date = token.ent_type_ in ("DATE", "TIME") or (
        token.lower_ in ("late", "early") and after is not None and after.ent_type_ == "DATE")
    return in_date and token.dep_ not in ("nsubj", "nsubjpass") and token.head.dep_ not in ("nsubj", "nsubjpass")


# Verbs of saying that take the person told before what they are told: "told reporters that ..."
ADDRESSEE_CUES = frozenset("tell assure warn inform remind notify promise caution advise convince persuade".split())


def _addressee_clause(cue):
    """"told a meeting of island leaders that few people understood ...": the parse hangs the that-clause
    on the addressee as a relative clause; with "that" as its conjunction and a subject of its own, it is
    what was said, not a description of the addressee."""
    if cue.lemma_.lower() not in ADDRESSEE_CUES:
        return None
    addressee = next((c for c in cue.rights if c.dep_ == "dobj"), None)
    if addressee is None:
        return None
    return next((t for t in addressee.subtree if t.i > addressee.i and _said_that(t)), None)


def _said_that(clause) -> bool:
    """A clause the parse hangs on a noun, with "that" as its conjunction and a subject of its own: what was
    said, not a description of the noun."""
    return clause.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _clause_in_medium(cue):
    """"wrote in a letter that federal officials see two issues": the parse hangs the that-clause on the
    letter, statement or interview the words were given in; with "that" as its conjunction and a subject
    of its own it is what was said."""
    medium = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "in"), None)
    noun = next((c for c in medium.children if c.dep_ == "pobj"), None) if medium is not None else None
    if noun is None:
        return None
    return next((c for c in noun.rights if _said_that(c)), None)


def _clause_after_adjunct(cue):
    """"said after the convention he would not accept ...": a phrase between the verb and its
    clause makes the parse hang the clause on the verb as an adverbial one; a clause with a
    subject of its own, a finite verb and no subordinator ("if", "when", "because") is what
    was said."""
    for child in cue.rights:
        if child.dep_ != "advcl" or child.tag_ not in ("VBD", "VBZ", "VBP", "VB", "VBN"):
            continue
        marks = [c for c in child.children if (c.dep_ == "mark" and c.lower_ != "that") or c.tag_ == "WRB"]
        subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        finite = child.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in child.children)
        if not marks and subject is not None and finite and subject.i > cue.i + 1:
            return child
    return None


def _as_attributed(doc, cue, subject):
    """"<clause>, as police have said" / "As economists have pointed out, <clause>": the clause the
    as-clause hangs on, without it; None when the as-clause sits inside that clause ("The island, as
    an aide said, ...": the parse is rarely right there) or the verb has an object of its own."""
    if any(c.dep_ in ("dobj", "obj") and c.lower_ != "it" for c in cue.children):
        return None  # "as she described the plan": not a clause's source
    after = doc[cue.i + 1 : cue.right_edge.i + 1]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in after):
        return None  # "as unemployment claims dropped": the parse took a noun for the verb
    head, first, last = cue.head, cue.left_edge.i, cue.right_edge.i
    sentence = cue.sent
    start, end = max(head.left_edge.i, _sentence_start(doc, cue)), min(head.right_edge.i, sentence.end - 1)
    if last < head.i and _only_punctuation(doc[start:first]):
        start_token, end_token = doc[last + 1], doc[end]
    elif first > head.i and _only_punctuation(doc[last + 1 : end + 1]):
        start_token, end_token = doc[start], doc[first - 1]
    else:
        return None  # the as-clause inside the clause: which part it vouches for is not clear
    if end_token.i < start_token.i:
        return None
    return start_token.idx, end_token.idx + len(end_token), subject


def _only_punctuation(tokens) -> bool:
    """Nothing but marks and linking words ("Yet, as ...", "If, as ...")."""
    return all(t.is_punct or t.is_space or (t.dep_ in ("cc", "mark", "advmod") and t.n_lefts + t.n_rights == 0)
               for t in tokens)


def _run_on(cue, end_token):
    """The clause's end, past a predicate the parser hung on the cue instead of the
    clause: "said she wanted to go and let them know ..." ("let" has no subject of
    its own and is no verb of saying: it continues what was said)."""
    if end_token.i < cue.i:
        return end_token
    for child in cue.rights:
        if child.i > end_token.i and child.dep_ == "conj" and child.pos_ == "VERB" and not _is_cue(child) \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            return child.right_edge
    return end_token


def _parenthetical(doc, cue, subject):
    """"The museum, Mr. Obama said, would make visitors face hard truths": the parse
    hangs the cue off the reported clause; the content is the whole sentence, with
    the attribution inside it (as for split quotes)."""
    if cue.dep_ != "parataxis":
        return None
    sentence = cue.sent
    start_token = doc[_sentence_start(doc, cue)]
    end_token = doc[sentence.end - 1]
    if start_token.i >= subject.left_edge.i:
        return None
    if cue.head.i < cue.i and all(t.is_punct or t.is_space for t in doc[cue.right_edge.i + 1 : sentence.end]):
        end_token = doc[subject.left_edge.i - 1]  # "<clause>, Graham said." ends at the attribution
    return start_token.idx, end_token.idx + len(end_token), subject


def _sentence_start(doc, token) -> int:
    """The first token of the token's sentence, past any opening quotation mark."""
    i = token.sent.start
    while i < token.i and (doc[i].is_space or doc[i].text in OPENING_MARKS):
        i += 1
    return i


def _object(doc, cue):
    """What a stance verb takes (or a verb of saying without a clause): its dependents
    to the right, up to a clause of its own."""
    lemma = cue.lemma_.lower()
    if lemma not in OBJECT_CUES and lemma not in SEE_AS_CUES and (lemma not in CUE_VERBS or lemma in NO_OBJECT):
        return None
    subject = _subject(cue)
    if subject is None:
        return None
    right = []
    for child in cue.rights:
        if child.dep_ in ("cc", "conj", "punct", "advcl", "npadvmod", "advmod") or child.is_space:
            break
        if child.dep_ == "prep" and child.lower_ in _ADJUNCT_PREPOSITIONS and right:
            break
        if child.dep_ == "prep" and child.lower_ in _ADJUNCT_PREPOSITIONS and _when_or_where(child):
            continue  # "officials said on Monday", "he asked on CNN": when and where, not what
        right.append(child)
    if not right or (len(right) == 1 and right[0].dep_ == "prep" and (
            right[0].lower_ in _SETTING_PREPOSITIONS or (right[0].lower_ == "of" and lemma == "say"))):
        return None  # "testified at the trial", "said of her injury": where, when or of what, not what was said
    if lemma in RECORD_OBJECT_CUES and any(c.dep_ == "dobj" and c.lower_ in RECORD_NOUNS for c in right):
        return None  # records put out ("released video of the stop"), not words
    # "Responding to a request for comment, the agency said ...": the saying has the answer ("did not respond to
    # requests for comment" stays: it says there was none)
    if lemma == "respond" and cue.tag_ == "VBG" and _asked_for_comment(right[0]):
        return None
    if lemma == "call" and (right[0].lower_ in CALL_NOT_SPEECH or (
            any(c.dep_ == "dobj" and c.lemma_.lower() in CALLED_EVENTS for c in right)
            and not any(c.dep_ in ("oprd", "ccomp") for c in cue.rights))):  # "called the vote a mistake" is said
        return None  # convened or phoned ("called an emergency meeting", "called into the show"), not said
    start_token = right[0].left_edge
    if start_token.i == cue.i + 1 and _is_particle(cue, start_token):
        start_token = doc[start_token.i + 1]
    end_token = right[-1].right_edge
    day = next((t for t in doc[start_token.i + 1 : end_token.i + 1] if t.lower_ in _BARE_DAYS
                and t.ent_type_ == "DATE" and (t.head.i == cue.i or doc[t.i - 1].text in ("”", '"'))), None)
    if day is not None:  # "blasted Clinton as a “disgrace” Wednesday on the show": the day is when, not what
        end_token = doc[day.i - 1]
    if end_token.i < start_token.i:
        return None
    return start_token.idx, end_token.idx + len(end_token), subject


# Days named without a preposition, which a parse may hang inside what a stance verb takes
_BARE_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight".split())


# Prepositions whose phrase alone, after a cue, sets the scene of the saying ("believe in", "speak of" take
# what is believed or spoken of; "said of" only names a quotation's subject)
_SETTING_PREPOSITIONS = frozenset("at during before after outside inside near".split())
_ASKING_NOUNS = frozenset("request requests inquiry inquiries query queries question questions email emails call calls "
                          "message messages".split())


def _asked_for_comment(prep) -> bool:
    """"to a request for comment", "to questions from reporters": what was asked, which a reply only follows."""
    head = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.lower_ == "to" and head is not None and head.lower_ in _ASKING_NOUNS


def _when_or_where(prep) -> bool:
    """A prepositional phrase that names a time or a place or outlet: "on Monday", "on CNN"."""
    head = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return head is not None and head.ent_type_ in ("DATE", "TIME", "ORG", "GPE", "FAC", "LOC")


def _passive(cue):
    """"<X> was endorsed by <Y>": Y is the speaker, X the content."""
    subject = next((c for c in cue.lefts if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    return subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge), _agent_source(cue)


def _unsourced_passive(cue) -> bool:
    """A passive cue with no by-phrase ("X is expected to win", "Y was charged with
    fraud"): its subject is what the claim is about, not who makes it."""
    return cue.pos_ == "VERB" and cue.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in cue.children) \
        and any(c.dep_ == "nsubjpass" for c in cue.children)


def _passive_clause(cue):
    """An unsourced passive: PolNeAR's content is the whole clause, subject and cue
    included ("<the plan is expected to pass>"); the text names no speaker."""
    subject = next(c for c in cue.children if c.dep_ == "nsubjpass")
    if "\n" in doc_text(cue.doc)[subject.left_edge.idx : cue.idx]:  # a parse across paragraphs
        return None
    end_token = cue
    for child in cue.rights:
        if child.dep_ in ("cc", "conj", "punct") or child.is_space:
            break
        end_token = child.right_edge
    return subject.left_edge.idx, end_token.idx + len(end_token), None


def _noun_clause(cue):
    """"Trump's claim that <clause>": the that-clause a noun of saying takes, and its
    possessor as the speaker (None when the text names none)."""
    clause = next((c for c in cue.rights if c.dep_ in ("acl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    owner = next((c for c in cue.children if c.dep_ == "poss"), None)
    return clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge), owner


def _according_to(doc, cue):
    """"according to X, <clause>" or "<clause>, according to X"."""
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    # the object of "to"; the parser sometimes reads "according to show insiders" as a verb
    source = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None) if to is not None else None
    if source is None:
        return None
    sentence = cue.sent
    source_end = source.right_edge.i + 1
    if _opens_sentence(cue):
        if (comma := _source_comma(doc, source, sentence)) is not None:
            source_end = comma.i  # the parse ran the source on into the clause: the comma ends it
        if source_end >= sentence.end:
            return None
        start_token, end_token = doc[source_end], doc[sentence.end - 1]
    elif _no_verb(doc[sentence.start : cue.i]) and doc[source_end].text == "," and source_end + 1 < sentence.end - 1:
        # "Under the board's reading, according to the ruling, the port must ...": the clause follows
        start_token, end_token = doc[source_end + 1], doc[sentence.end - 1]
    else:
        if cue.i - 1 <= sentence.start:
            return None
        start_token, end_token = doc[sentence.start], doc[cue.i - 1]
        if _points_back(doc[sentence.start : cue.i]):
            # "That's according to a source who ...": what the source says is the sentence before
            before = doc[sentence.start - 1].sent if sentence.start > 0 else None
            if before is None or "\n\n" in doc_text(doc)[before.end_char : sentence.start_char]:
                return None
            start_token, end_token = doc[_sentence_start(doc, before[0])], doc[before.end - 1]
    return start_token.idx, end_token.idx + len(end_token), source


def _no_verb(tokens) -> bool:
    """Words that are no clause: neither a verb nor the subject of one ("Meanwhile", "In the end";
    not "The Orioles" of "The Orioles, according to reports, have offered ...")."""
    return not any(t.pos_ in ("VERB", "AUX") or t.dep_ in ("nsubj", "nsubjpass") for t in tokens)


def _points_back(tokens) -> bool:
    """"That's", "This is", "That is all": words that only point at the sentence before."""
    words = [t.lower_ for t in tokens if not (t.is_punct or t.is_space)]
    return 1 < len(words) <= 3 and words[0] in ("that", "this", "it") and words[1] in ("'s", "’s", "is", "was")


# Where PolNeAR's content stops inside the parse's clause: a participle the writer
# adds after a comma (", arguing that ...", ", contradicting the police"), and a
# ", which ..." / ", who ..." clause that closes the content ("that the EPA overstepped
# its authority, which the court has put on hold"). Relative clauses inside the
# content and second predicates ("promised X and said Y") were tried too: PolNeAR
# keeps them more often than not.
_WRITER_CLAUSES = frozenset({"advcl", "acl"})


def _tidy(doc, start: int, end: int) -> tuple[int, int]:
    first, last = _token_at(doc, start), _token_at(doc, end - 1)
    if first is None or last is None:
        return start, end
    for token in doc[first + 2 : last + 1]:
        if token.left_edge.i <= first:  # the content opens inside this clause ("which Mr. Holt says he ..."): no cut
            continue
        if token.dep_ in _WRITER_CLAUSES and token.tag_ == "VBG" and token.left_edge.i == token.i \
                and doc[token.i - 1].text == ",":
            end_token = doc[token.i - 2]
            return start, end_token.idx + len(end_token)
        if token.dep_ in ("relcl", "advcl") and token.left_edge.lower_ in ("which", "who") \
                and token.right_edge.i >= last - 1 and doc[token.left_edge.i - 1].text == ",":
            end_token = doc[token.left_edge.i - 2]
            return start, end_token.idx + len(end_token)
    return start, end


_LEADING_CONJUNCTION = re.compile(r"(?:But|And|Yet|So|Or)\s+")
# "WASHINGTON — ", "LISBON, Portugal (AP) -- ": the place and wire of the story, not what was said
_DATELINE = re.compile(r"[A-Z][A-Z.' ]{2,}(?:,\s*[A-Z][\w.' ]+)?(?:\s*\([^)]{1,20}\))?\s*(?:—|–|--|-)\s+")


def _skip_dateline(text: str, start: int, end: int) -> int:
    match = _DATELINE.match(text, start, end)
    return match.end() if match else start


def _skip_conjunction(text: str, start: int, end: int) -> int:
    """"But X, a source said": the conjunction links to the sentence before, not the content."""
    match = _LEADING_CONJUNCTION.match(text, start, end)
    return match.end() if match else start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, clause punctuation and a dangling "and"/"but"/"or" at the end,
    keeping closing quote marks."""
    while start < end and text[start] in _TRAILING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    dangling = _DANGLING.search(text, start, end)
    if dangling is not None and dangling.start() > start:
        return _trim(text, start, dangling.start())
    return start, end


# "attacked as a fraud by", "cleared 200 people, including" where the page cuts the text off
_DANGLING = re.compile(r"[\s,]+(?:and|but|or|by|including)$")
