"""Pass 1, direct quotes: attribute each quoted utterance from its own sentence.

The governing verb in the parse, a cue right after the closing mark, a cue
before a colon or comma, or a signature after a dash; the fragments of a split
quote are merged into one.
"""

from __future__ import annotations

import re

from crosswire.analyze.entities import in_nickname
from crosswire.analyze.nlp import doc_text
from crosswire.analyze.quotes.cues import OBJECT_CUES, _MARK_TOKENS, _MAX_BETWEEN, _WINDOW, _cue_offsets, _is_cue, _subject, _token_at
from crosswire.analyze.quotes.marks import _Quoted
from crosswire.analyze.quotes.speakers import _speaker_of
from crosswire.model import Quote


# ---------------------------------------------------------------------------
# Direct quotes


def _attribute_direct(doc, quoted: list[_Quoted], i: int, speakers, used_cues: set[int]) -> Quote | None:
    span = quoted[i]
    cue = _governing_cue(doc, span) or _cue_after(doc, span) or _cue_before(doc, span)
    if cue is None:
        return _dash_attribution(doc, quoted, i, speakers)
    speaker = _speaker_of(doc, cue, speakers, after=span.end, quoted=(span.start, span.end))
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
    if _PREPOSITION_BEFORE.search(before):
        return False  # a title: an episode of “The Morning Hour,” the host said
    if before[-1].isalpha() and len(inner.split()) < 4:
        return False  # a title or a phrase: on “Fox News Sunday,” / called it a “rant,”
    return inner[-1:] in ",?!—–"


_PREPOSITION_BEFORE = re.compile(r"\b(?:of|on|in|at|from|for|with|by|to|about|into)$", re.IGNORECASE)


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
    text = doc_text(doc)
    before = text[: span.opening].rstrip()
    cue_right_before = first - verb.i == 2 and _is_cue(verb) and text[span.start : span.start + 1].isupper()
    if cue_right_before and text[span.start : span.end].rstrip()[-1:] in "?!":
        return True  # a cry, however short: protesters chanted “What curfew?”
    if cue_right_before and _is_clause(doc[first:end]):
        return True  # Trump declared “I think NATO may be obsolete.”
    if not _is_utterance(text, span):
        return False
    if before and before[-1] in ":," and first - verb.i <= 3:
        return True
    return cue_right_before  # Trump declared “I think ...”


def _is_clause(tokens) -> bool:
    """The quoted words hold a verb with its subject: a sentence, not a title or a phrase."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") and t.head in tokens
               for t in tokens)


def _cue_after(doc, span: _Quoted):
    """A cue verb whose clause starts right after the closing mark: “...,” Kim said."""
    if not _is_utterance(doc_text(doc), span):
        return None
    first = _token_at(doc, span.closing_end)
    if first is None or "\n" in doc_text(doc)[span.end : doc[first].idx]:
        return None
    while first < len(doc) and doc[first].is_punct and doc[first].text not in _MARK_TOKENS:
        first += 1
    for token in doc[first : first + _LONG_SUBJECT]:
        if token.text in _MARK_TOKENS and in_nickname(doc_text(doc), token.idx):
            continue  # “...,” said Anthony "The Hammer" Russo
        if token.is_space or token.text in _MARK_TOKENS or token.text in ".?!;":
            return None
        if _is_cue(token):
            subject = _subject(token)
            if token.i - first >= _WINDOW:  # only after the whole of a long subject, the quote a sentence
                long_subject = subject is not None and subject.left_edge.i == first
                return token if long_subject and _quote_opens_sentence(doc_text(doc), span) else None
            if subject is not None:  # its phrase opens right after the mark, a name's first words aside
                named = all(t.is_title for t in doc[first : subject.left_edge.i])  # "Tulsa" parsed as a verb
                return token if subject.left_edge.i == first or token.i == first or named else None
            # no subject: “...,” said Kim; not a verb inside the next sentence's clause
            # (“...” Trump was defensive when forced to defend ...), nor a cue further into the
            # sentence after a quote that ends one (“... information.” Under the law, according to ...)
            # a verb in a name is the tagger's slip ("Tulsa police Chief Chuck Jordan said": "Tulsa" as a verb)
            if any(t.pos_ in ("VERB", "AUX") and not (t.ent_type_ or t.is_title) for t in doc[first : token.i]):
                return None
            return token if token.i == first or not _ends_sentence(doc_text(doc), span) else None
    return None


def _ends_sentence(text: str, span: _Quoted) -> bool:
    return text[span.start : span.end].rstrip()[-1:] == "."


def _quote_opens_sentence(text: str, span: _Quoted) -> bool:
    """Nothing but a sentence's end or a paragraph break before the opening mark."""
    return text[: span.opening].rstrip(" \t\xa0")[-1:] in ("", "\n", ".", "?", "!")


# “...,” the mayor's sister, state Sen. Dana "Dee" Moreno (D-Porto), shouted: a subject with
# its appositions may run past _WINDOW when the cue's subject opens right after the quote
_LONG_SUBJECT = 25


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

    A fragment introduced by another verb of saying (“A,” he said, adding, “B.”) stays
    apart; a stance verb in the attribution ("who has backed her since 2008") does not
    introduce one."""
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
        if any(_is_cue(t) and t.i != cue.i and t.lemma_.lower() not in OBJECT_CUES for t in between):
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
