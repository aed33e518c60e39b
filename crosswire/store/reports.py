"""A story's comparison: the stored one while the story's articles are unchanged, else a fresh one."""

from __future__ import annotations

import difflib
import re

from crosswire.errors import StoreError
from crosswire.model import Comparison, Note
from crosswire.store.base import Store
from crosswire.store.serialize import comparison_from_dict


def story_comparison(
    store: Store, story_id: str, *, nlp=None, settings: dict | None = None
) -> tuple[Comparison, bool]:
    """(comparison, recomputed): recomputed only when the story's version differs from the stored one."""
    from crosswire import pipeline
    from crosswire.analyze import ANALYSIS_VERSION
    from crosswire.report.jsonreport import comparison_to_dict

    story = store.story(story_id)
    if story is None:
        raise StoreError(f"no story {story_id!r} in {store.where}: `crosswire stories --db {store.where}` lists them")
    articles = store.articles(story["article_ids"])
    stored = store.comparison(story_id, story["version"])
    if stored is not None:
        comparison = comparison_from_dict(stored, articles)
        recomputed = False
    else:
        # the analyses stored at ingestion spare spaCy (the costly part) for every unchanged article
        analyses = store.analyses(story["article_ids"], ANALYSIS_VERSION)
        # and the sentence vectors made for an earlier version of the story spare the embedding model
        comparison = pipeline.compare(articles, nlp=nlp, settings=settings, analyses=analyses, vector_cache=store)
        store.save_comparison(story_id, story["version"], comparison_to_dict(comparison))
        recomputed = True
    _note_revisions(store, comparison)
    return comparison, recomputed


def _note_revisions(store: Store, comparison: Comparison) -> None:
    """Say which articles were revised since first stored, and what changed, so the report shows it."""
    from crosswire.store.serialize import article_key

    for article in comparison.articles:
        versions = store.revisions(article_key(article))
        if len(versions) > 1:
            before = versions[-2]
            message = (f"revised: this is version {len(versions)} of this article; "
                       f"the previous one (first seen {before['first_seen'][:19]}) "
                       f"{revision_changes(before['text'], article.text)}")  # fmt: skip
            comparison.notes.setdefault(article.id, []).append(Note("warning", message))


_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|\n+")


def revision_changes(before: str, after: str, *, most: int = 3, width: int = 160) -> str:
    """What changed between two versions of a text, sentence by sentence, in one line.

    'differs in 1 sentence: was "About 1,200 ...", now "About 1,400 ..."'; at most `most`
    changes are quoted, each clipped to `width` characters.
    """
    old = [x.strip() for x in _SENTENCE_END.split(before) if x.strip()]
    new = [x.strip() for x in _SENTENCE_END.split(after) if x.strip()]
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "replace":
            changes += [f"was {_clip(a, width)}, now {_clip(b, width)}" for a, b in zip(old[i1:i2], new[j1:j2])]
            changes += [f"removed {_clip(a, width)}" for a in old[i1 + (j2 - j1) : i2]]
            changes += [f"added {_clip(b, width)}" for b in new[j1 + (i2 - i1) : j2]]
        elif tag == "delete":
            changes += [f"removed {_clip(a, width)}" for a in old[i1:i2]]
        elif tag == "insert":
            changes += [f"added {_clip(b, width)}" for b in new[j1:j2]]
    if not changes:
        return "has the same sentences (the change was in spacing or in what cleaning removes)"
    more = f"; and {len(changes) - most} more" if len(changes) > most else ""
    count = f"{len(changes)} sentence{'s' if len(changes) > 1 else ''}"
    return f"differs in {count}: " + "; ".join(changes[:most]) + more


def _clip(sentence: str, width: int) -> str:
    return '"' + (sentence if len(sentence) <= width else sentence[: width - 1].rstrip() + "…") + '"'
