"""The quotation-mark scanner: spans in “curly”, "straight", ''two-apostrophe'' or ‘single’ marks.

A span left open at a paragraph's end runs on when the next paragraph reopens
with the same mark.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from crosswire.analyze.quotes.cues import CLOSING_MARKS


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


# ---------------------------------------------------------------------------
# Quotation marks


def _quoted_spans(text: str) -> list[_Quoted]:
    """Spans in double marks (`_double_quoted`) and, outside them, in single curly marks ‘...’ (the
    British style: "‘I thought it was a brick,’ Mrs Armstead said"), in text order."""
    spans = _double_quoted(text)
    starts, ends = [s.opening for s in spans], [s.closing_end for s in spans]
    for match in itertools.chain(_SINGLE.finditer(text), _STRAIGHT_SINGLE.finditer(text)):
        k = bisect.bisect_right(starts, match.start()) - 1
        if k >= 0 and match.start() < ends[k]:
            continue  # a quotation inside a quotation is part of it
        if re.fullmatch(r"\w", match.group(1)):
            continue  # rock ‘n’ roll
        spans.append(_Quoted(match.start(1), match.end(1)))
    return sorted(spans, key=lambda s: s.start)


# ‘...’ with apostrophes inside (‘I don’t know’) and no paragraph break; the closing mark is not followed by a
# letter (that is an apostrophe: ‘90s is no quote, nor is the ’ of don’t)
_SINGLE = re.compile(r"‘((?:[^’‘\n]|’(?=[A-Za-z]))+)’(?![A-Za-z])")


# 'Straight single marks' are apostrophes too, so only a span that reads as a quotation: opening at a word's
# start with a capital, closing after , . ? or ! before a space ('I don't know,' she said); an apostrophe
# between letters inside (don't) or ending a word (Lopez' half-brother) closes nothing.
_STRAIGHT_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[—–]))'([A-Z](?:[^'\n]|(?<=[A-Za-z])'(?=[A-Za-z]))*?[,.?!])'(?=\s|$)", re.MULTILINE)


def _double_quoted(text: str) -> list[_Quoted]:
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
            if open_at is not None and _reads_as_opening(text, open_at, open_mark) \
                    and _closes_in_next_lines(text, pos, open_mark):
                continue  # one sentence a line: the quote closes a line or two on
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
        elif mark in ('"', "''") and open_at is None and _reads_as_closing(text, pos, mark):
            continue  # a closing mark left over ('He had said so," the aide added.') opens nothing
        elif mark != "”" and (open_at is None or mark == "“"):
            open_at, open_mark = pos, mark  # a second “ means the first was unbalanced
        elif mark == "”" and open_at is None and (pos == 0 or _is_paragraph_start(text, pos)):
            open_at, open_mark = pos, mark  # a paragraph that opens with ” opens a quote: a typesetting slip
    return spans


_MARKS = re.compile(r"''|[“”\"\n]")


def _closes(open_mark: str, mark: str) -> bool:
    if open_mark == "''":
        return mark == "''"
    return mark in CLOSING_MARKS


def _reopens(text: str, newline: int, mark: str) -> bool:
    """True when the paragraph after `newline` starts with the same opening mark."""
    return text[newline : newline + 8].lstrip().startswith(mark)


def _reads_as_opening(text: str, pos: int, mark: str) -> bool:
    """A mark at a paragraph's or a word's start, before a word: not a closing mark left unmatched."""
    after = text[pos + len(mark) : pos + len(mark) + 1]
    return (pos == 0 or text[pos - 1].isspace() or text[pos - 1] in "([—–") and after.isalnum()


def _reads_as_closing(text: str, pos: int, mark: str) -> bool:
    """A mark after a word or , . ? ! and before a space or the end."""
    before, after = text[pos - 1 : pos], text[pos + len(mark) : pos + len(mark) + 1]
    return (before.isalnum() or before in ",.?!") and before != "" and (not after or after.isspace())


def _closes_in_next_lines(text: str, newline: int, mark: str) -> bool:
    """The next mark after `newline`, within three lines and 600 characters, closes a quote opened with `mark`
    and reads as closing (after a word or , . ? !, before a space): texts printed one sentence a line ("''Mission
    accomplished.\nThat's all I can say,'' Arians said.") break a quote where the writer did not."""
    ahead = text[newline + 1 : newline + 600]
    found = next((m for m in _MARKS.finditer(ahead) if m.group() != "\n"), None)
    if found is None or ahead.count("\n", 0, found.start()) > 2 or not _closes(mark, found.group()):
        return False
    return _reads_as_closing(ahead, found.start(), found.group())


def _is_paragraph_start(text: str, pos: int) -> bool:
    """Only spaces between `pos` and the previous newline (or the text start)."""
    return text[:pos].rstrip(" \t").endswith("\n")
