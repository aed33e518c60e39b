"""Cue words and the parse around a cue.

The word tables (cue verbs, stance verbs, anonymous-source heads, quotation marks
and the limits of each search), whether a token is a cue, the cue's own offsets
and its subject, and the token at a character offset.
"""

from __future__ import annotations

import bisect


# Lemmas of verbs that report speech or a stated position.
CUE_VERBS = frozenset(
    """
    say tell add state note ask reply respond confirm warn claim argue insist explain
    announce report write tweet post acknowledge admit deny suggest continue declare
    agree recall urge predict estimate testify assert contend maintain reiterate
    stress emphasize emphasise observe remark comment complain concede boast promise
    vow pledge threaten caution allege charge accuse indicate reveal disclose learn
    conclude counter quip joke recount mention speculate question wonder demand
    shout yell chant exclaim affirm reaffirm underscore inform assure rule find
    show believe hope expect fear predict hint brag lament tout worry
    know think feel understand assume consider point
    """.split()
)
# Verbs that report a stance through their object rather than a clause:
# "called the charges fabricated", "cited his record", "called for a recount".
# PolNeAR counts stated support and opposition too ("backed the bill", "denounced the
# raid"); "support", "want" and "plan" were wrong more often than right until
# attributions nested in another's content were dropped.
OBJECT_CUES = frozenset(
    """
    call cite attack criticize criticise describe blast accuse urge pledge vow
    demand propose oppose defend praise condemn label slam refuse decline reject
    welcome applaud endorse mention promise find show question thank encourage express
    articulate promote complain acknowledge claim note report announce echo reference
    document release bemoan lament liken compare recognize discuss examine
    support back offer highlight publish denounce mock view respond stress
    detail downplay rail speak
    """.split()
)
# Verbs of saying whose object is not what was said: the thing known or believed
# ("knows the city"), the hearer ("told reporters"), or another sense ("added a line",
# "continued the tour", "confirmed the date"). Every other cue verb's object is the
# content when it has no clause ("said little", "denied the report", "tweeted a photo").
NO_OBJECT = frozenset(
    """
    tell know think assume add continue expect consider learn maintain recall
    understand believe hope fear feel confirm post write
    """.split()
)
# "call" that convenes or phones, not speaks: "called an emergency meeting", "called off the strike",
# "called into a radio show"; "called for", "called on" and "called X Y" stay speech
CALL_NOT_SPEECH = frozenset({"into", "in", "off", "back", "up"})
CALLED_EVENTS = frozenset(
    "meeting meetings session sessions vote votes election elections strike strikes conference summit hearing "
    "recess timeout halt referendum".split()
)
# Verbs whose object is speech only when it is a text or a message: "released a statement", "published his
# plan"; "released video of the shooting", "published his tax returns" put out records, not words
RECORD_OBJECT_CUES = frozenset({"release", "publish"})
RECORD_NOUNS = frozenset(
    """
    video videos footage recording recordings tape tapes image images photo photos picture pictures record records
    return returns document documents data file files email emails
    """.split()
)
# Verbs that state an intention or a commitment through a to-infinitive
# ("agreed to release the cash", "vowed to fight on"): PolNeAR counts
# the infinitive clause as the content; wishes and plans too ("wants to cut taxes").
XCOMP_CUES = frozenset(
    """
    agree decide seek offer intend aim hope expect promise vow pledge
    refuse threaten propose want plan urge encourage
    """.split()
)
# Nouns of saying or believing whose that-clause is the content: "his claim that the
# vote was rigged", "the message that help is coming". Only with "that": "a plan to
# ..." or "an effort to ..." is rarely an attribution on PolNeAR.
NOUN_CUES = frozenset(
    """
    claim message charge concern case emphasis doubt acknowledgment acknowledgement
    admission assertion allegation accusation argument belief idea threat report
    speculation conviction warning statement suggestion insistence promise pledge
    assurance announcement prediction complaint denial fear hope view notion
    contention theory recognition
    """.split()
)
# Prepositions that start an adjunct of time or place after a stance verb's object
# ("described the law as a mess during a stop in Flint"): the content ends there.
_ADJUNCT_PREPOSITIONS = frozenset(
    {"during", "at", "after", "before", "since", "amid", "in", "on", "while", "following"}
)
# Particles that belong to the cue: "called for", "called on", "pointed to".
_CUE_PARTICLES = {
    "call": ("for", "on"),
    "point": ("to",),
    "accuse": ("of",),
    "mention": ("as",),
    "complain": ("about",),
    "rail": ("against",),
    "speak": ("of", "about"),
}

# Verbs whose title-case or odd forms the tagger may not lemmatise ("Says" in a headline).
CUE_FORMS = frozenset({"says", "said", "adds", "added", "tells", "told", "asks", "asked"})

# Head nouns of an unnamed source; "person"/"people" only with a cue word beside.
ANONYMOUS_HEADS = frozenset(
    """
    official officials source sources spokesperson spokesman spokeswoman spokespeople
    aide aides insider insiders diplomat diplomats
    """.split()
)
_VAGUE_HEADS = frozenset({"person", "people"})
_VAGUE_CUES = frozenset({"familiar", "close", "knowledgeable", "briefed"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})

OPENING_MARKS = "“\""
CLOSING_MARKS = "”\""
_MARK_TOKENS = ("“", "”", '"', "''")
_TRAILING = " \t\n,;:.—–-"
_CUE_LEFT = ("aux", "auxpass", "neg", "advmod")  # "has also said", "now says"
_WINDOW = 10  # tokens after a closing mark searched for "Kim said"
_MAX_DESCRIPTION = 10  # tokens of "a senior official from the ministry"
_MAX_BETWEEN = 40  # tokens of attribution between two fragments of one quote


# ---------------------------------------------------------------------------
# Cues and speakers


def _is_cue(token) -> bool:
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor().lower_ == "to"
    if token.pos_ not in ("VERB", "AUX", "PROPN") and token.lower_ not in CUE_FORMS:
        return False
    if token.pos_ == "PROPN" and token.ent_type_:  # "Post" of "The Huffington Post", not a headline verb
        return False
    lemma = token.lemma_.lower()
    if _is_idiom(token, lemma):
        return False
    if lemma == "speak":  # "speaking of her health", "spoke about his faith"; not "spoke at a rally"
        return token.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ in ("of", "about") and c.i == token.i + 1
                                            for c in token.children)
    if lemma == "put":  # "as the mayor put it": only in an as-clause is putting saying
        return _as_clause(token) and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lemma in SEE_AS_CUES:  # "critics see the program as a loophole": a stance; "she saw him" is not
        return token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in token.rights) \
            and any(c.dep_ == "prep" and c.lower_ == "as" for c in token.rights)
    return lemma in CUE_VERBS or lemma in OBJECT_CUES or lemma in XCOMP_CUES or token.lower_ in CUE_FORMS


def _is_idiom(token, lemma: str) -> bool:
    """A verb of saying that says nothing: "it goes without saying", "let's say you ...", "(think Brexit)", a
    credit line's "additional reporting by ..."."""
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if lemma == "say" and (before == "without" or before in ("'s", "’s") and token.i > 1
                           and token.doc[token.i - 2].lower_ == "let"):  # fmt: skip
        return True
    if before in ("(", "[") and token.tag_ == "VB":
        return True  # the writer's aside, "(think Brexit, for example)", "(say, a tariff)": an imperative
    return lemma == "report" and token.lower_ == "reporting" and before in ("additional", "contributed", "contributing")


# Verbs of saying that attribute the clause an as-clause hangs on: "<clause>, as police have said", "As
# economists have pointed out, <clause>"; not wishes or knowledge ("as she asked", "as we know")
AS_CUES = frozenset(
    """
    say put note point write report explain argue observe remark state claim predict warn suggest
    acknowledge admit insist testify recount contend stress emphasize emphasise mention comment tweet
    """.split()
)


def _as_clause(token) -> bool:
    """The verb heads an adverbial clause opened by "as" ("as police have said")."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)


# Verbs of perception that state a view when they take "X as Y"
SEE_AS_CUES = frozenset({"see", "regard"})


def _opens_sentence(token) -> bool:
    """The token starts its sentence, or comes right after a mark that does ("“According to ...")."""
    start = token.sent.start
    return token.i == start or (token.i - 1 == start and token.doc[start].is_punct)


def _source_comma(doc, source, sentence):
    """The comma that ends the source of a sentence-opening "According to X, <clause>" whose parse hangs
    the clause on X ("According to host Rush Limbaugh, the move reeks of fear": 'reeks' read as a noun);
    None when the source's phrase ends before the sentence does, or no comma follows it."""
    if any(not (t.is_punct or t.is_space) for t in doc[source.right_edge.i + 1 : sentence.end]):
        return None
    return next((t for t in doc[source.i + 1 : sentence.end - 2] if t.text == ","), None)  # a clause after it


# Adjectives of an impersonal judgement: "it is clear that ...", "it was unclear whether ...".
JUDGEMENT_ADJECTIVES = frozenset("clear unclear obvious apparent evident".split())


def _is_judgement(token) -> bool:
    """"it's obvious that <clause>": an attribution with no one named (PolNeAR's cue
    runs from "it" to the adjective)."""
    if token.pos_ != "ADJ" or token.dep_ != "acomp" or token.lemma_.lower() not in JUDGEMENT_ADJECTIVES:
        return False
    be = token.head
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" and c.i < token.i for c in be.children) \
        and any(c.dep_ == "ccomp" and c.i > token.i for c in list(token.children) + list(be.children))


def _is_noun_cue(token) -> bool:
    """A noun of saying ("claim", "warning"); its clause is checked by the caller."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in NOUN_CUES


def _cue_offsets(doc, cue) -> tuple[int, int]:
    """The cue's own words, the way PolNeAR marks cues: auxiliaries right before it,
    the "by" of a passive ("is supported by"), "to" of "according to", a particle
    ("pointed out"), a colon right after it ("said:"); a noun's modifiers ("his
    repeated claim" -> "repeated claim"), not its possessor, who is the speaker."""
    start, end = cue.i, cue.i + 1
    # nothing left of "according": the parse makes the "'s" of "That's according to" its auxiliary
    left = () if cue.lower_ == "according" else _NOUN_LEFT if cue.pos_ == "NOUN" else _CUE_LEFT
    while start > 0 and doc[start - 1].dep_ in left and doc[start - 1].head.i == cue.i:
        start -= 1
    if end < len(doc) and doc[end].dep_ == "agent":
        end += 1
    elif cue.lower_ == "according" and end < len(doc) and doc[end].lower_ == "to":
        end += 1
    elif end < len(doc) and _is_particle(cue, doc[end]):
        end += 1
    elif end < len(doc) and doc[end].text == ":":
        end += 1
    elif cue.lemma_.lower() == "put" and end < len(doc) and doc[end].lower_ == "it":  # "as he put it"
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


_NOUN_LEFT = ("det", "amod", "advmod")  # "a tacit acknowledgment", "growing concerns"


def _is_particle(cue, token) -> bool:
    """A word right after the cue that belongs to it: a particle ("pointed out",
    "backed off") or a preposition the cue's table names ("called for"). Other
    prepositions stay with the content: PolNeAR writes "responded <to the letter>"."""
    if token.i != cue.i + 1 or token.head.i != cue.i:
        return False
    if token.lower_ in _CUE_PARTICLES.get(cue.lemma_.lower(), ()):
        return True
    return token.dep_ == "prt" and cue.pos_ == "VERB"


def _subject(cue):
    """The cue's subject; a conjoined verb ("smiled and said") or a participle ("..., saying")
    borrows the subject of the verb it hangs from, and "by saying" that of the verb before
    it, or of the one that verb is conjoined to ("appeared on TV and began by saying ...")."""
    borrows = cue.dep_ == "conj" or (cue.dep_ in ("advcl", "xcomp") and cue.tag_ == "VBG")
    lenders = [_reporting_verb(cue) if cue.dep_ == "advcl" else cue.head] if borrows else []
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG":  # "began by saying he would ..."
        lenders = [cue.head.head] + ([cue.head.head.head] if cue.head.head.dep_ == "conj" else [])
    for token in (cue, *lenders):
        # two subjects happen when the parser takes a quoted clause's subject for
        # the cue's (“The shipment left,” Vega said): the nearest is the speaker
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - token.i))
    return None


def _reporting_verb(participle):
    """The verb a trailing participle ("..., arguing that ...") belongs to: the parse often hangs it on
    the last verb of the reported clause before it ("Ruiz said he doubted the figures, arguing ..."),
    whose subject is not the speaker; after a comma it is the reporting verb's."""
    lender = participle.head
    if participle.i == 0 or participle.doc[participle.i - 1].text != ",":
        return lender
    while lender.dep_ == "ccomp" and lender.i < participle.i and _is_cue(lender.head) and lender.head.i < lender.i:
        lender = lender.head
    return lender


def _agent_source(cue):
    """Who acts in a passive cue: the object of its "by" ("was endorsed by the union"), or None."""
    agent = next((c for c in cue.rights if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _token_at(doc, pos: int) -> int | None:
    """Index of the first token that ends after character `pos`."""
    starts = doc.user_data.get("crosswire.token_starts")
    if starts is None:  # cached on the doc: bisect instead of a scan per lookup
        starts = doc.user_data["crosswire.token_starts"] = [t.idx for t in doc]
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    while i < len(doc) and doc[i].idx + len(doc[i]) <= pos:
        i += 1
    return i if i < len(doc) else None
