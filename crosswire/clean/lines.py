"""Lines of raw text with their offsets, and the clean text built from kept spans.

Every rule in `clean/` works on `Line`s: a line is a paragraph (the readers give
one paragraph per line), stripped of surrounding blanks, that still knows where
it sits in `raw_text`. Rules never copy text; they say which raw span to keep, so
the clean -> raw offset map falls out of `build_text` by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.model import Segment


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of raw text: raw_text[start:end] == text (stripped)."""

    index: int  # position among the non-blank lines
    start: int
    end: int
    text: str


def split_lines(raw: str) -> list[Line]:
    """The non-blank lines of `raw`, stripped, with their raw offsets."""
    lines: list[Line] = []
    for match in re.finditer(r"[^\n]+", raw):
        chunk = match.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        start = match.start() + (len(chunk) - len(chunk.lstrip()))
        lines.append(Line(len(lines), start, start + len(stripped), stripped))
    return lines


def build_text(raw: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[Segment, ...], list[int]]:
    """Join the kept raw spans with "\\n" and map every clean character back to raw.

    The "\\n" between two paragraphs is mapped to a real newline of `raw` (the
    first one after the earlier span), so `text[i] == raw[to_raw(i)]` holds for
    every character, separators included. Contiguous runs merge into one segment.
    """
    parts: list[str] = []
    segments: list[list[int]] = []  # [start, raw_start, length]
    pos = 0

    def add(raw_start: int, length: int) -> None:
        nonlocal pos
        if length <= 0:
            return
        last = segments[-1] if segments else None
        if last and last[1] + last[2] == raw_start and last[0] + last[2] == pos:
            last[2] += length
        else:
            segments.append([pos, raw_start, length])
        parts.append(raw[raw_start : raw_start + length])
        pos += length

    starts: list[int] = []
    spans = [(s, e) for s, e in spans if e > s]
    for n, (start, end) in enumerate(spans):
        if n:
            newline = raw.find("\n", spans[n - 1][1], start)
            if newline < 0:  # two spans on one raw line: no newline to point at
                newline = raw.find("\n", spans[n - 1][1])
            if newline >= 0:
                add(newline, 1)
        starts.append(pos)
        add(start, end - start)
    return "".join(parts), tuple(Segment(*s) for s in segments), starts
