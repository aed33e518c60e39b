"""Who said what: direct quotes, reported speech, and the speaker of each.

Passes over one parsed document, each linear in its length (tables of cue words
are at the top; every rule is a local look at the parse around one token):

1. direct quotes: every span in quotation marks (“curly”, "straight", or ''two
   apostrophes'' as some wires print them; an opening mark at a paragraph start with
   no closing one runs on into the next paragraph when that one reopens with the
   same mark) that reads as an utterance is attributed from its own sentence: the
   verb the quoted words hang from in the parse (“...,” Kim said / Trump said: “...”),
   a cue right after the closing mark, or a signature after a dash (“...” ― Name).
   Quoted words that continue a reported clause ("said that, “...”", a lower-case
   start) are left to pass 2, which calls them "mixed".
   SPLIT QUOTES: the fragments around one attribution (“A,” she said, “B.”), and
   later fragments in that paragraph with no attribution of their own, make ONE
   quote whose content runs from the first fragment to the last, the way PolNeAR
   annotates them; the attribution words inside that range are not cut out.
2. reported speech: a cue verb (CUE_VERBS) with a clausal complement ("X said (that)
   <clause>", "<clause>, sources said", "The plan, he said, will fail"), a stance
   verb with an object (OBJECT_CUES: "called for a recount"), or "according to X";
   the clause is the content, "mixed" when it holds quoted words, else "indirect".
3. leftovers: a quote that opens a paragraph with no attribution continues the
   speaker of the quote just before; transcript lines ("PENCE: Well, ...").
4. "he"/"she" speakers are resolved last, to the latest person named as a subject
   or the latest singular speaker.

Speakers are resolved to names through the entities: a named person gives their
canonical name (a bare "Kim" already carries the right full name), anonymous
sources ("a senior U.S. official", later "the official") their first description
with anonymous=True. Speaker spans cover the whole subject phrase, appositive
included ("Brian Fallon, the campaign's press secretary").

Content offsets of direct quotes exclude the quotation marks.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from crosswire.analyze.nlp import doc_text
from crosswire.model import Entity, Quote

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
    """.split()
)
# Verbs that report a stance through their object rather than a clause:
# "called the charges fabricated", "cited his record", "called for a recount".
# Not "want", "plan" or "support": on PolNeAR they were wrong more often than right.
OBJECT_CUES = frozenset(
    """
    call cite attack criticize criticise describe blast accuse urge pledge vow
    demand propose oppose defend praise condemn label slam refuse decline reject
    welcome applaud endorse mention promise find show question thank encourage express
    articulate promote complain acknowledge
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


@dataclass(slots=True)
class _Quoted:
    """A span in quotation marks; `start`/`end` exclude the marks."""

    start: int
    end: int
    used: bool = False
    open_len: int = 1  # "''" (two apostrophes, as some wires print quotes) is two long
    close_len: int = 1

    @property
    def opening(self) -> int:
        """Offset of the opening mark."""
        return self.start - self.open_len

    @property
    def closing_end(self) -> int:
        """Offset just past the closing mark."""
        return self.end + self.close_len


@dataclass(slots=True)
class _Speaker:
    start: int
    end: int
    name: str | None
    anonymous: bool


def find_quotes(doc, entities: list[Entity]) -> list[Quote]:
    """Direct, mixed and indirect quotes in `doc`, with resolved speakers, in text order."""
    text = doc_text(doc)
    speakers = _SpeakerResolver(doc, entities)
    quoted = _quoted_spans(text)
    quotes: list[Quote] = []
    used_cues: set[int] = set()
    for i, span in enumerate(quoted):
        if not span.used:
            quote = _attribute_direct(doc, quoted, i, speakers, used_cues)
            if quote:
                quotes.append(quote)
    direct_ranges = [(q.content_start, q.content_end) for q in quotes]
    for token in doc:
        if token.i in used_cues or not _is_cue(token):
            continue
        quote = _reported(doc, token, quoted, speakers)
        if quote is not None:
            quote = _clip(doc_text(doc), quote, direct_ranges)
        if quote is not None:
            quotes.append(quote)
    quotes.extend(_continuations(text, quoted, quotes))
    quotes.extend(_transcript_lines(doc, speakers, quotes))
    return _resolve_pronouns(doc, sorted(quotes, key=lambda q: (q.content_start, q.content_end)), speakers)


# ---------------------------------------------------------------------------
# Quotation marks


def _quoted_spans(text: str) -> list[_Quoted]:
    """Spans between matching marks, paragraph by paragraph.

    An opening mark left open at the end of a paragraph runs on when the next
    paragraph opens with the same mark again (the convention for multi-paragraph
    quotes); otherwise it is dropped as unbalanced.
    """
    spans: list[_Quoted] = []
    open_at: int | None = None
    open_mark = ""
    continued = False
    for match in _MARKS.finditer(text):
        mark, pos = match.group(), match.start()
        if mark == "\n":
            if open_at is not None and not _reopens(text, pos, open_mark):
                open_at = None
            continued = open_at is not None
            continue
        if continued and _is_paragraph_start(text, pos):
            continued = False  # the mark that reopens a continued quote
            continue
        continued = False
        if open_at is not None and _closes(open_mark, mark):
            if pos > open_at + len(open_mark):
                spans.append(_Quoted(open_at + len(open_mark), pos, open_len=len(open_mark), close_len=len(mark)))
            open_at = None
        elif mark != "”" and (open_at is None or mark == "“"):
            open_at, open_mark = pos, mark  # a second “ means the first was unbalanced
    return spans


_MARKS = re.compile(r"''|[“”\"\n]")


def _closes(open_mark: str, mark: str) -> bool:
    if open_mark == "''":
        return mark == "''"
    return mark in CLOSING_MARKS


def _reopens(text: str, newline: int, mark: str) -> bool:
    """True when the paragraph after `newline` starts with the same opening mark."""
    return text[newline : newline + 8].lstrip().startswith(mark)


def _is_paragraph_start(text: str, pos: int) -> bool:
    """Only spaces between `pos` and the previous newline (or the text start)."""
    return text[:pos].rstrip(" \t").endswith("\n")


# ---------------------------------------------------------------------------
# Direct quotes


def _attribute_direct(doc, quoted: list[_Quoted], i: int, speakers, used_cues: set[int]) -> Quote | None:
    span = quoted[i]
    cue = _governing_cue(doc, span) or _cue_after(doc, span) or _cue_before(doc, span)
    if cue is None:
        return _dash_attribution(doc, quoted, i, speakers)
    speaker = _speaker_of(doc, cue, speakers, after=span.end)
    if speaker is None:
        return None
    span.used = True
    used_cues.add(cue.i)
    end = _merge_fragments(doc, quoted, i, cue)
    cue_start, cue_end = _cue_offsets(doc, cue)
    return Quote(
        content_start=span.start,
        content_end=end,
        cue_start=cue_start,
        cue_end=cue_end,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        speaker=speaker.name,
        anonymous=speaker.anonymous,
        kind="direct",
    )


def _is_utterance(text: str, span: _Quoted) -> bool:
    """Quoted words that stand as speech, not a scare-quoted phrase inside a clause:
    they open a paragraph or follow a colon or comma, or end in a comma, question
    or exclamation mark (“...,” she said). A final period alone proves nothing:
    American style puts it inside the marks of any phrase that ends a sentence."""
    before = text[: span.opening].rstrip(" \t\xa0")
    inner = text[span.start : span.end].rstrip()
    if before == "" or before[-1] == "\n":
        return True
    if inner[:1].islower() or re.search(r"\bthat,?$", before):
        return False  # the tail of a reported clause: said that, “...” / Obama, “the ...”
    if before[-1] in ":,":
        return True
    if before[-1].isalpha() and len(inner.split()) < 4:
        return False  # a title or a phrase: on “Fox News Sunday,” / called it a “rant,”
    return inner[-1:] in ",?!—–"


def _ends_speech(text: str, span: _Quoted) -> bool:
    """The quoted words end in punctuation: the sentence does not run on after them
    (“... jail time” for criminal behavior, she said is a mixed sentence)."""
    return text[span.start : span.end].rstrip()[-1:] in ",.?!—–…"


def _quote_tokens(doc, span: _Quoted) -> tuple[int, int] | None:
    first = _token_at(doc, span.start)
    last = _token_at(doc, span.end - 1)
    if first is None or last is None:
        return None
    return first, last + 1


def _governing_cue(doc, span: _Quoted):
    """The verb outside the marks that the quoted words hang from in the parse:
    a cue verb, or any verb that introduces it with a colon or comma or follows
    it directly (“...,” Kim said / Trump boasted, “...”)."""
    bounds = _quote_tokens(doc, span)
    if bounds is None:
        return None
    first, end = bounds
    heads = {t.head.i for t in doc[first:end] if not first - 1 <= t.head.i <= end}
    candidates = sorted((doc[h] for h in heads), key=lambda h: min(abs(h.i - first), abs(h.i - end)))
    for verb in candidates:
        if verb.pos_ not in ("VERB", "AUX") or _subject(verb) is None:
            continue
        if verb.i > end and "\n" in doc_text(doc)[span.end : verb.idx]:
            continue
        if _is_cue(verb) and verb.i > end and _is_utterance(doc_text(doc), span):
            if _ends_speech(doc_text(doc), span) or _adjacent(doc, span, verb, first, end):
                return verb
        if _adjacent(doc, span, verb, first, end):
            return verb
    return None


def _adjacent(doc, span: _Quoted, verb, first: int, end: int) -> bool:
    """The verb is the attribution itself: right after the quote (with its subject)
    or right before it, up to a colon or comma."""
    if verb.i >= end:
        subject = _subject(verb)
        start = min(verb.i, subject.left_edge.i) if subject is not None else verb.i
        gap = doc[end + 1 : start] if doc[end].text in _MARK_TOKENS else doc[end:start]
        return _is_utterance(doc_text(doc), span) and all(t.is_punct or t.is_space for t in gap)
    before = doc_text(doc)[: span.opening].rstrip()
    if not _is_utterance(doc_text(doc), span):
        return False
    if before and before[-1] in ":," and first - verb.i <= 3:
        return True
    # Trump declared “I think ...”: a cue verb right before a capitalised quote
    return first - verb.i == 2 and _is_cue(verb) and doc_text(doc)[span.start : span.start + 1].isupper()


def _cue_after(doc, span: _Quoted):
    """A cue verb whose clause starts right after the closing mark: “...,” Kim said."""
    if not _is_utterance(doc_text(doc), span):
        return None
    first = _token_at(doc, span.closing_end)
    if first is None or "\n" in doc_text(doc)[span.end : doc[first].idx]:
        return None
    while first < len(doc) and doc[first].is_punct and doc[first].text not in _MARK_TOKENS:
        first += 1
    for token in doc[first : first + _WINDOW]:
        if token.is_space or token.text in _MARK_TOKENS or token.text in ".?!;":
            return None
        if _is_cue(token):
            subject = _subject(token)
            if subject is None or subject.left_edge.i == first or token.i == first:
                return token
            return None
    return None


def _cue_before(doc, span: _Quoted):
    """The cue verb of a sentence that ends in a colon or comma before the quote:
    He said: “...”, possibly in the paragraph before."""
    before = doc_text(doc)[: span.opening].rstrip()
    if not before or before[-1] not in ":," or not _is_utterance(doc_text(doc), span):
        return None
    end = _token_at(doc, len(before) - 1)
    if end is None:
        return None
    sentence = doc[end].sent
    for token in reversed(doc[sentence.start : end + 1]):
        if _is_cue(token) and _subject(token) is not None:
            return token
    return None


_DASHES = "―—–"


def _dash_attribution(doc, quoted: list[_Quoted], i: int, speakers) -> Quote | None:
    """A reader's comment signed after a dash: “...” ― Name, to the end of the line."""
    span = quoted[i]
    text = doc_text(doc)
    rest = text[span.closing_end : span.closing_end + 3].lstrip(" \xa0")
    if not rest or rest[0] not in _DASHES:
        return None
    dash = text.index(rest[0], span.closing_end)
    line_end = text.find("\n", dash)
    line_end = len(text) if line_end < 0 else line_end
    name = doc.char_span(dash + 1, line_end, alignment_mode="contract")
    while name is not None and len(name) and (name[-1].is_punct or name[-1].is_space):
        name = name[:-1]
    while name is not None and len(name) and name[0].is_space:
        name = name[1:]
    if name is None or not len(name) or len(name) > 6 or not name[0].text[:1].isupper():
        return None
    span.used = True
    speaker = speakers.resolve_span(name)
    return Quote(span.start, span.end, dash, dash + 1, speaker.start, speaker.end, speaker.name, False, "direct")


def _merge_fragments(doc, quoted: list[_Quoted], i: int, cue) -> int:
    """Extend quote `i` over the fragments after it in its paragraph that have no
    attribution of their own (“A,” she said, “B.”); return the new content end.

    A fragment introduced by another cue (“A,” he said, adding, “B.”) stays apart."""
    text = doc_text(doc)
    end, previous_close = quoted[i].end, quoted[i].closing_end
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for span in quoted[i + 1 :]:
        if span.start >= paragraph_end or span.used:
            break
        between = doc.char_span(previous_close, span.opening, alignment_mode="expand")
        if between is None or len(between) > _MAX_BETWEEN:
            break
        if any(_is_cue(t) and t.i != cue.i for t in between):
            break
        if text[: span.opening].rstrip()[-1:].isalnum():
            break  # a title or phrase inside the attribution: said on CNN's “State of the Union.”
        opens_sentence = text[: span.opening].rstrip()[-1:] in ".?!,:"
        if not opens_sentence and text[span.start : span.end].rstrip()[-1:] not in ".?!,—–…":
            break  # a phrase quoted inside a reported clause, not a fragment of speech
        if _cue_after(doc, span) is not None or _governing_cue(doc, span) not in (None, cue):
            break
        span.used = True
        end, previous_close = span.end, span.closing_end
    return end


# ---------------------------------------------------------------------------
# Reported speech


def _reported(doc, cue, quoted: list[_Quoted], speakers) -> Quote | None:
    """"X said (that) <clause>", "<clause>, X said", "according to X, <clause>"."""
    if cue.lower_ == "according":
        found = _according_to(doc, cue)
    else:
        found = _complement(doc, cue) or _object(doc, cue)
    if found is None:
        return None
    start, end, speaker_token = found
    text = doc_text(doc)
    newline = text.find("\n", start, end)
    end = end if newline < 0 else newline  # reported speech stays in its paragraph
    start = _skip_conjunction(text, start, end)
    start, end = _trim(text, start, end)
    if end - start < 3:
        return None
    speaker = _speaker_of(doc, cue, speakers, after=None, subject=speaker_token)
    if speaker is None:
        return None
    cue_start, cue_end = _cue_offsets(doc, cue)
    kind = _reported_kind(doc_text(doc), start, end)
    return Quote(start, end, cue_start, cue_end, speaker.start, speaker.end, speaker.name, speaker.anonymous, kind)


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
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if not clauses:
        return _parenthetical(doc, cue, subject)
    clause = clauses[0] if clauses[0].i > cue.i else clauses[-1]
    start_token = clause.left_edge
    end_token = clause.right_edge
    if clause.i < cue.i:
        # "<A, but B>, sources said": the parse keeps only B; the content is the
        # sentence up to the attribution
        start_token = doc[min(start_token.i, _sentence_start(doc, cue))]
        end_token = doc[min(end_token.i, subject.left_edge.i - 1, cue.i - 1)]
    return start_token.idx, end_token.idx + len(end_token), subject


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
    """What a stance verb takes: its dependents to the right, up to a clause of its own."""
    if cue.lemma_.lower() not in OBJECT_CUES:
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
        right.append(child)
    if not right:
        return None
    start_token = right[0].left_edge
    if start_token.i == cue.i + 1 and start_token.lower_ in _CUE_PARTICLES.get(cue.lemma_.lower(), ()):
        start_token = doc[start_token.i + 1]
    end_token = right[-1].right_edge
    if end_token.i < start_token.i:
        return None
    return start_token.idx, end_token.idx + len(end_token), subject


def _according_to(doc, cue):
    """"according to X, <clause>" or "<clause>, according to X"."""
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    # the object of "to"; the parser sometimes reads "according to show insiders" as a verb
    source = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None) if to is not None else None
    if source is None:
        return None
    sentence = cue.sent
    source_end = source.right_edge.i + 1
    if cue.i == sentence.start or doc[cue.i - 1].is_punct and cue.i - 1 == sentence.start:
        if source_end >= sentence.end:
            return None
        start_token, end_token = doc[source_end], doc[sentence.end - 1]
    else:
        if cue.i - 1 <= sentence.start:
            return None
        start_token, end_token = doc[sentence.start], doc[cue.i - 1]
    return start_token.idx, end_token.idx + len(end_token), source


_LEADING_CONJUNCTION = re.compile(r"(?:But|And|Yet|So|Or)\s+")


def _skip_conjunction(text: str, start: int, end: int) -> int:
    """"But X, a source said": the conjunction links to the sentence before, not the content."""
    match = _LEADING_CONJUNCTION.match(text, start, end)
    return match.end() if match else start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and clause punctuation at both ends, keeping closing quote marks."""
    while start < end and text[start] in _TRAILING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


# ---------------------------------------------------------------------------
# Continued quotes


def _continuations(text: str, quoted: list[_Quoted], quotes: list[Quote]) -> list[Quote]:
    """A paragraph-opening quote with no attribution continues the speaker of the
    quote that ended in the paragraph before."""
    found = []
    ordered = sorted(quotes, key=lambda q: q.content_end)
    ends = [q.content_end for q in ordered]
    for span in quoted:
        if span.used or not _is_paragraph_start(text, span.opening):
            continue
        if _overlaps_any(span.start, span.end, [(q.content_start, q.content_end) for q in quotes]):
            continue
        k = bisect.bisect_left(ends, span.start) - 1
        if k < 0:
            continue
        previous = ordered[k]
        if text.count("\n", previous.content_end, span.start) > 1 or previous.kind == "indirect":
            continue
        span.used = True
        found.append(
            Quote(span.start, span.end, None, None, None, None, previous.speaker, previous.anonymous, "direct")
        )
    return found


_TRANSCRIPT = re.compile(r"""^["“]?([A-Z][A-Z.'’ -]{1,40}):[ \t\xa0]+(\S.*)$""", re.MULTILINE)


def _transcript_lines(doc, speakers, quotes: list[Quote]) -> list[Quote]:
    """Interview transcripts: "PENCE: Well, look, ..." is the speaker's own words.
    No quotation marks, so by our definition the kind is "indirect"."""
    found = []
    # reported speech inside a line is nested in it; a direct quote is the line itself
    taken = [(q.content_start, q.content_end) for q in quotes if q.kind == "direct"]
    for match in _TRANSCRIPT.finditer(doc_text(doc)):
        start, end = _trim(doc_text(doc), match.start(2), match.end(2))
        if end <= start or _overlaps_any(start, end, taken):
            continue
        name = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if name is None or not len(name):
            continue
        speaker = speakers.resolve_span(name)
        found.append(
            Quote(start, end, match.end(1), match.end(1) + 1, speaker.start, speaker.end,
                  speaker.name, speaker.anonymous, "indirect")
        )
    return found


# ---------------------------------------------------------------------------
# Cues and speakers


def _is_cue(token) -> bool:
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor().lower_ == "to"
    if token.pos_ not in ("VERB", "AUX", "PROPN") and token.lower_ not in CUE_FORMS:
        return False
    lemma = token.lemma_.lower()
    return lemma in CUE_VERBS or lemma in OBJECT_CUES or token.lower_ in CUE_FORMS


def _cue_offsets(doc, cue) -> tuple[int, int]:
    """The cue's own words: auxiliaries right before it, "to" of "according to",
    and a colon right after it ("said:"), the way PolNeAR marks cues."""
    start, end = cue.i, cue.i + 1
    while start > 0 and doc[start - 1].dep_ in _CUE_LEFT and doc[start - 1].head.i == cue.i:
        start -= 1
    if end < len(doc) and doc[end].dep_ == "agent":  # "is supported by"
        end += 1
    if cue.lower_ == "according" and end < len(doc) and doc[end].lower_ == "to":
        end += 1
    elif end < len(doc) and doc[end].lower_ in _CUE_PARTICLES.get(cue.lemma_.lower(), ()):
        end += 1
    elif end < len(doc) and doc[end].text == ":":
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _subject(cue):
    """The cue's subject; a conjoined verb ("smiled and said") or a participle ("..., saying")
    borrows the subject of the verb it hangs from."""
    borrows = cue.dep_ == "conj" or (cue.dep_ in ("advcl", "xcomp") and cue.tag_ == "VBG")
    lender = cue.head if borrows else None
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG":  # "began by saying he would ..."
        lender = cue.head.head
    for token in (cue, lender):
        if token is None:
            continue
        # two subjects happen when the parser takes a quoted clause's subject for
        # the cue's (“The shipment left,” Vega said): the nearest is the speaker
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - token.i))
    return None


def _speaker_of(doc, cue, speakers, after: int | None, subject=None) -> _Speaker | None:
    if cue.lower_ == "according" and subject is not None:
        return speakers.resolve(subject)
    subject = subject if subject is not None else _subject(cue)
    if subject is not None:
        return speakers.resolve(subject)
    if after is not None:  # a headline “...,” Says U.S. Official: the words after the cue
        end = cue.i + 1
        while end < len(doc) and not doc[end].is_punct and not doc[end].is_space and end - cue.i < 8:
            end += 1
        if end > cue.i + 1:
            return speakers.resolve_span(doc[cue.i + 1 : end])
    return None


def _resolve_pronouns(doc, quotes: list[Quote], speakers) -> list[Quote]:
    """"He said" refers to the most recent subject that is a person: a speaker of an
    earlier quote or a person named as a subject; a name in a caption or an object
    ("met Xi Jinping") rarely is the "he" of the next sentence."""
    text = doc_text(doc)
    by_speaker = sorted((q for q in quotes if q.speaker_start is not None), key=lambda q: q.speaker_start)
    resolved: dict[int, Quote] = {}
    previous: list[tuple[int, str, bool]] = []  # (offset, speaker, anonymous) of named speakers
    for quote in by_speaker:
        is_pronoun = text[quote.speaker_start : quote.speaker_end].lower() in _PRONOUNS
        if is_pronoun:
            found = _latest_subject(previous, speakers.subject_person_before(quote.speaker_start))
            if found is not None:
                quote = dataclasses.replace(quote, speaker=found[1], anonymous=found[2])
                resolved[_quote_key(quote)] = quote
        if quote.speaker and _could_be_he_or_she(doc, quote, speakers):
            previous.append((quote.speaker_start, quote.speaker, quote.anonymous))
    return [resolved.get(_quote_key(q), q) for q in quotes]


def _could_be_he_or_she(doc, quote: Quote, speakers) -> bool:
    """A named person, or one unnamed source ("the official", not "officials" or "Washington")."""
    if not quote.anonymous:
        return quote.speaker in speakers.person_names
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    return span is not None and span.root.tag_ in ("NN", "NNP")


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
        self._subject_starts: list[int] = []

    def resolve(self, subject) -> _Speaker:
        """The subject's whole phrase, appositive included ("Brian Fallon, the campaign's
        press secretary,"), as PolNeAR marks sources; never across a paragraph break."""
        doc = self.doc
        start, end = subject.left_edge.i, subject.right_edge.i + 1
        while end - 1 > subject.i and (doc[end - 1].text in ",;:—–-" or doc[end - 1].is_space):
            end -= 1
        for i in range(subject.i - 1, start - 1, -1):
            if "\n" in doc[i].text_with_ws:
                start = i + 1
                break
        return self.resolve_span(doc[start:end], head=subject)

    def resolve_span(self, span, head=None) -> _Speaker:
        head = head if head is not None else span.root
        start, end = span.start_char, span.end_char
        if head.lower_ in _PRONOUNS:
            person = self._person_before(start)
            return _Speaker(start, end, person.name if person else span.text, False)
        anonymous = self._anonymous_description(span, head)
        if anonymous is not None:
            return _Speaker(start, end, anonymous, True)
        entity = self._entity_in(start, end, head.idx)
        name = entity.name if entity is not None else span.text
        return _Speaker(start, end, name, False)

    def subject_person_before(self, pos: int) -> tuple[int, str, bool] | None:
        """The last person named as the subject of a clause before `pos`."""
        if self._subjects is None:
            self._subjects = [p for p in self.persons if self._is_subject(p)]
            self._subject_starts = [p.start for p in self._subjects]
        k = bisect.bisect_left(self._subject_starts, pos) - 1
        return (self._subjects[k].start, self._subjects[k].name, False) if k >= 0 else None

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
            if entity.start <= head_pos < entity.end:
                return entity
        people = [e for e in inside if e.label == "PERSON"]
        if people:
            return people[-1]
        return inside[0] if len(inside) == 1 else None

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


def _token_at(doc, pos: int) -> int | None:
    """Index of the first token that ends after character `pos`."""
    starts = doc.user_data.get("crosswire.token_starts")
    if starts is None:  # cached on the doc: bisect instead of a scan per lookup
        starts = doc.user_data["crosswire.token_starts"] = [t.idx for t in doc]
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    while i < len(doc) and doc[i].idx + len(doc[i]) <= pos:
        i += 1
    return i if i < len(doc) else None


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start < r_end and r_start < end for r_start, r_end in ranges)
