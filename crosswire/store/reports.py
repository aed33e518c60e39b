"""A story's comparison: the stored one while the story's articles are unchanged, else a fresh one."""

from __future__ import annotations

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
    stored = store.comparison(story_id)
    if stored is not None and stored[0] == story["version"]:
        comparison = comparison_from_dict(stored[1], articles)
        recomputed = False
    else:
        # the analyses stored at ingestion spare spaCy (the costly part) for every unchanged article
        analyses = store.analyses(story["article_ids"], ANALYSIS_VERSION)
        comparison = pipeline.compare(articles, nlp=nlp, settings=settings, analyses=analyses)
        store.save_comparison(story_id, story["version"], comparison_to_dict(comparison))
        recomputed = True
    _note_revisions(store, comparison)
    return comparison, recomputed


def _note_revisions(store: Store, comparison: Comparison) -> None:
    """Say which articles were revised since first stored, so the report shows that they changed."""
    from crosswire.store.serialize import article_key

    for article in comparison.articles:
        versions = store.revisions(article_key(article))
        if len(versions) > 1:
            before = versions[-2]
            message = (f"revised: this is version {len(versions)} of this article; "
                       f"the previous one (first seen {before['first_seen']}) "
                       f"had {len(before['text'])} characters, this one {len(article.text)}")  # fmt: skip
            comparison.notes.setdefault(article.id, []).append(Note("warning", message))
