"""clean: keep only the reporting; say what was removed and where it was.

    clean(article) -> Article

The clean `text` is built from raw spans (see `lines.build_text`), so
`article.text[i] == article.raw_text[article.to_raw(i)]` for every i. Every
removal leaves a Note with its raw range. `clean` works from `raw_text` each
time, so it is idempotent: cleaning a clean article changes nothing.

The rules, in the order they are tried on each line (one paragraph per line):

1. spans the reader already marked (title, header lines, dateline): Notes
   of kind boilerplate/signoff/disclosure with a raw range
2. page furniture: comment prompts, counters, share lines ... (boilerplate.py)
3. translation / AI disclosures (disclosures.py)
4. reporter and outlet sign-offs near the end (signoffs.py)
5. photo captions: credit removed, caption kept and listed in `captions`
6. the closing promotional section ("Final Thoughts from ...") (structure.py)
7. section headings (structure.py), and a newsletter's run-in label ("Why it matters: ...")
   before the paragraph's sentence, which is kept
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from crosswire.clean import boilerplate, captions, disclosures, signoffs, structure
from crosswire.clean.lines import Line, build_text, split_lines
from crosswire.model import Article, Note

__all__ = ["clean", "REMOVING_KINDS"]

# Notes of these kinds with a raw range mean "this range is not reporting".
REMOVING_KINDS = frozenset({"boilerplate", "signoff", "disclosure"})


@dataclass(slots=True)
class _Verdict:
    """What to do with one line: keep raw[keep_start:keep_end], and say why."""

    keep_start: int
    keep_end: int
    notes: list[Note] = field(default_factory=list)
    caption: bool = False

    @property
    def dropped(self) -> bool:
        return self.keep_end <= self.keep_start


def _drop(line: Line, kind: str, message: str) -> _Verdict:
    return _Verdict(line.start, line.start, [Note(kind, message, line.start, line.end)])


def _trim_marked(line: Line, ranges: list[tuple[int, int]]) -> Line | None:
    """The line less the parts the reader (or an earlier clean) marked; None if nothing is left."""
    start, end = line.start, line.end
    for r_start, r_end in ranges:
        if r_end <= start or r_start >= end:
            continue
        if r_start <= start and r_end >= end:
            return None
        if r_start <= start:
            start = r_end
        elif r_end >= end:
            end = r_start
        elif r_start - start >= end - r_end:  # a hole in the middle: keep the longer side
            end = r_start
        else:
            start = r_end
    if (start, end) == (line.start, line.end):
        return line
    text = line.text[start - line.start : end - line.start]
    stripped = text.strip()
    if not stripped:
        return None
    start += len(text) - len(text.lstrip())
    return Line(line.index, start, start + len(stripped), stripped)


def _first_pass(article: Article, line: Line, n_lines: int) -> _Verdict:
    text = line.text
    if line.index == 0 and n_lines > 1 and article.title and _headline_key(text) == _headline_key(article.title):
        return _drop(line, "boilerplate", "removed: title")  # a text of one line is the story, titled by itself
    if name := boilerplate.match_line(text):
        return _drop(line, "boilerplate", f"removed: {name}")
    if disclosures.is_disclosure(text):
        return _drop(line, "disclosure", disclosures.summarize(text))
    if line.index >= n_lines - signoffs.TAIL_LINES and (found := signoffs.match_signoff(line)):
        return _drop(line, "signoff", f"removed: {found.what}")
    if cap := captions.match_caption(text):
        verdict = _Verdict(line.start, line.start + cap.keep_end, caption=True)
        if cap.credit:
            verdict.notes.append(Note("boilerplate", "removed: photo credit", line.start + cap.keep_end, line.end))
        if cap.keep_end:
            shown = text[: cap.keep_end]
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            verdict.notes.append(Note("caption", f"caption: {shown}", line.start, line.start + cap.keep_end))
        else:
            verdict.caption = False
        return verdict
    if label_end := structure.run_in_label_end(text):
        label = text[:label_end].rstrip(" :\t\xa0")
        return _Verdict(line.start + label_end, line.end,
                        [Note("boilerplate", f"removed: run-in label \"{label}\"", line.start, line.start + label_end)])
    return _Verdict(line.start, line.end)


def _headline_key(text: str) -> str:
    """The title as a first line prints it: a full stop added, spaces or case changed ("Clinton Hid Health Problems."
    under the title "Clinton Hid Health Problems")."""
    return " ".join(text.split()).rstrip(".!?:; ").casefold()


# Fewer words than this left after cleaning is not an article (a stub, a page of furniture).
MIN_WORDS = 5
NO_ARTICLE_TEXT = "no article text left after removing boilerplate"


def has_article_text(article: Article) -> bool:
    """Did cleaning leave an article's worth of reporting? (Every driver applies this one rule.)"""
    return len(article.text.split()) >= MIN_WORDS


def clean(article: Article) -> Article:
    """Remove what is not reporting; keep captions apart; map clean offsets to raw."""
    raw = article.raw_text
    lines = split_lines(raw)
    marked = [
        (n.raw_start, n.raw_end)
        for n in article.notes
        if n.kind in REMOVING_KINDS and n.raw_start is not None and n.raw_end is not None
    ]
    # Captions found by an earlier clean: their credit is marked, so the rule would not fire.
    known_captions = {(n.raw_start, n.raw_end) for n in article.notes if n.kind == "caption"}
    verdicts: dict[int, _Verdict] = {}
    for line in lines:
        trimmed = _trim_marked(line, marked)
        if trimmed is None:
            verdict = _Verdict(line.start, line.start)
        elif (trimmed.start, trimmed.end) in known_captions:
            verdict = _Verdict(trimmed.start, trimmed.end, caption=True)
        else:
            verdict = _first_pass(article, trimmed, len(lines))
        verdicts[line.index] = verdict

    # The closing promotional section, judged on what is left after pass one; again after a removal,
    # since fewer lines remain (so that cleaning a clean text changes nothing).
    dropped = {i for i, v in verdicts.items() if v.dropped}
    while (promo := structure.promo_section_start(lines, dropped)) is not None:
        section = [ln for ln in lines[promo:] if ln.index not in dropped]
        for ln in section:
            verdicts[ln.index] = _Verdict(ln.start, ln.start)
        dropped |= {ln.index for ln in section}
        verdicts[promo].notes.append(
            Note("boilerplate", "removed: promotional sign-off section", section[0].start, section[-1].end)
        )

    # Headings: a title-cased label line followed by more reporting.
    kept = [ln for ln in lines if not verdicts[ln.index].dropped]
    for ln in kept[:-1]:
        verdict = verdicts[ln.index]
        if not verdict.caption and structure.is_heading(raw[verdict.keep_start : verdict.keep_end]):
            verdicts[ln.index] = _drop(ln, "boilerplate", "removed: heading")

    spans, is_caption, notes = [], [], []
    for ln in lines:
        verdict = verdicts[ln.index]
        notes.extend(verdict.notes)
        if not verdict.dropped:
            spans.append((verdict.keep_start, verdict.keep_end))
            is_caption.append(verdict.caption)
    text, segments, starts = build_text(raw, spans)
    caption_spans = tuple(
        (start, start + (end - begin))
        for start, (begin, end), cap in zip(starts, spans, is_caption)
        if cap
    )
    return dataclasses.replace(
        article,
        text=text,
        segments=segments,
        captions=caption_spans,
        notes=tuple(dict.fromkeys(article.notes + tuple(notes))),
    )
