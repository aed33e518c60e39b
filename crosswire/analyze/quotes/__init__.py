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
   verb with an object (OBJECT_CUES: "called for a recount"; a verb of saying with no
   clause takes its object too: "denied the report"), a wish or plan with an
   infinitive (XCOMP_CUES: "wants to cut taxes"), a noun of saying with a
   that-clause (NOUN_CUES: "her claim that ..."), a passive whose speaker is its
   by-phrase ("was endorsed by the union"), a passive without one, whose whole
   clause is the content and which names no speaker ("the plan is expected to pass"),
   "according to X", or an impersonal judgement ("it is clear that ...", no
   speaker); the clause is the content, "mixed" when it holds quoted words, else
   "indirect". A mixed clause
   before its attribution takes the quoted fragments after it, as a split quote does.
   Reported speech inside quotation marks, or inside the content of another quote
   or transcript line ("Kim said the mayor refused to resign": not "refused"), is
   not listed: it is part of what the outer speaker said (and PolNeAR marks almost
   none of it).
3. leftovers: a quote that opens a paragraph with no attribution continues the
   speaker of the quote just before; transcript lines ("PENCE: Well, ..."); a title
   line that names its speaker ("Poll: Voters Sour on the Plan").
4. "he"/"she" speakers are resolved last, to the latest person named as a subject
   or the latest singular speaker.

Speakers are resolved to names through the entities: a named person gives their
canonical name (a bare "Kim" already carries the right full name), anonymous
sources ("a senior U.S. official", later "the official") their first description
with anonymous=True. Speaker spans cover the whole subject phrase, appositive
included ("Brian Fallon, the campaign's press secretary"), but not a participle
after a comma ("Kim, speaking to reporters,"), a "which" clause about a thing in the
description ("head of the union, which has 900 members,"), nor a line above the
cue's paragraph.

Content offsets of direct quotes exclude the quotation marks.

The package: `marks` (the quotation-mark scanner), `direct` (pass 1), `reported`
(pass 2), `leftovers` (pass 3), `speakers` (speaker resolution and pass 4), `cues`
(the word tables and the parse around a cue).
"""

from __future__ import annotations

import bisect

from crosswire.analyze.entities import nickname_marks
from crosswire.analyze.nlp import doc_text
from crosswire.analyze.quotes.cues import _is_cue, _is_judgement, _is_noun_cue
from crosswire.analyze.quotes.direct import _attribute_direct
from crosswire.analyze.quotes.leftovers import _continuations, _headline, _transcript_lines
from crosswire.analyze.quotes.marks import _quoted_spans
from crosswire.analyze.quotes.reported import _clip, _reported
from crosswire.analyze.quotes.speakers import _resolve_pronouns, _SpeakerResolver
from crosswire.model import Entity, Quote


def find_quotes(doc, entities: list[Entity]) -> list[Quote]:
    """Direct, mixed and indirect quotes in `doc`, with resolved speakers, in text order."""
    text = doc_text(doc)
    speakers = _SpeakerResolver(doc, entities)
    nicknames = nickname_marks(text)
    quoted = [span for span in _quoted_spans(text) if span.opening not in nicknames]
    quotes: list[Quote] = []
    used_cues: set[int] = set()
    for i, span in enumerate(quoted):
        if not span.used:
            quote = _attribute_direct(doc, quoted, i, speakers, used_cues)
            if quote:
                quotes.append(quote)
    direct_ranges = [(q.content_start, q.content_end) for q in quotes]
    inside = _Inside(quoted)
    for token in doc:
        if token.i in used_cues or not (_is_cue(token) or _is_noun_cue(token) or _is_judgement(token)) or inside(token.idx):
            continue
        quote = _reported(doc, token, quoted, speakers)
        if quote is not None:
            quote = _clip(doc_text(doc), quote, direct_ranges)
        if quote is not None:
            quotes.append(quote)
    quotes.extend(_continuations(text, quoted, quotes))
    quotes.extend(_transcript_lines(doc, speakers, quotes))
    quotes = _outermost(quotes, text)
    quotes.extend(_headline(doc, speakers, quotes))
    return _resolve_pronouns(doc, sorted(quotes, key=lambda q: (q.content_start, q.content_end)), speakers)


def _outermost(quotes: list[Quote], text: str) -> list[Quote]:
    """Drop reported speech whose cue lies inside another quote's content ("Kim said
    the mayor refused to resign": "refused" is part of what Kim said). PolNeAR marks
    such nested attributions rarely, and a reader wants the outer one; but under an
    "according to" that sources the whole report ("..., the governor's office said, according
    to the Herald") the inner speaker is who said it, and both stay."""
    return [q for q in quotes if q.kind == "direct" or q.cue_start is None or not any(
        _holds_cue(outer, q) and not _misparsed(outer, q) and not _sources_a_report(outer, q, text)
        for outer in quotes)]


_SAID = frozenset("said says told tells stated announced confirmed added".split())


def _sources_a_report(outer: Quote, q: Quote, text: str) -> bool:
    """`outer` is an "according to" whose content is all of `q`, speaker and cue included ("<clause>, X said"
    or "X said <clause>", according to the Herald)."""
    if outer.cue_start is None or not text[outer.cue_start : outer.cue_end].lower().startswith("according"):
        return False
    if text[q.cue_start : q.cue_end].split()[-1].lower() not in _SAID:
        return False  # "Bloomberg reports that ..., according to ...": PolNeAR keeps the outer one alone
    starts = [p for p in (q.content_start, q.cue_start, q.speaker_start) if p is not None]
    ends = [p for p in (q.content_end, q.cue_end, q.speaker_end) if p is not None]
    before, after = text[outer.content_start : min(starts)], text[max(ends) : outer.content_end]
    return not before.strip(" ,") and not after.strip(" ,")


def _holds_cue(outer: Quote, q: Quote) -> bool:
    return outer.content_start <= q.cue_start < outer.content_end and (
        (outer.content_start, outer.content_end) != (q.content_start, q.content_end))


def _misparsed(outer: Quote, q: Quote) -> bool:
    """"X said <A>; they learned <B>": a parse that hangs A on "learned" gives "learned" the
    content "X said A", before its cue, while "said" holds "learned" in its own: each
    holds the other's cue. The content after its cue is the reading to keep."""
    return (outer.cue_start is not None and _holds_cue(q, outer)
            and outer.content_end <= outer.cue_start and q.content_start >= q.cue_end)


class _Inside:
    """Whether an offset lies between quotation marks. Reported speech inside quoted
    words ("I think he knew," she said) is the speaker's own, not the article's
    attribution: PolNeAR marks none of it."""

    def __init__(self, quoted) -> None:
        self.starts = [span.start for span in quoted]
        self.ends = [span.end for span in quoted]

    def __call__(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]
