"""Live sources into a store: web pages by URL (and, later, feeds).

    ingest_urls(store, urls, *, settings=None, nlp=None, embedder=None, ...) -> IngestResult
    store_articles(store, articles, *, nlp, embedder, result, api=None) -> None

Each URL goes through `fetch.read_url` (safe, polite fetching, then the HTML
reader), is cleaned like a file, and is stored through the same batched,
idempotent path as `crosswire ingest` of files (`store.ingest`): the URL asked
for is the article's external id, so a changed page becomes a new revision. A
URL that is refused or fails is one Problem and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from crosswire.errors import CrosswireError, FetchError, InputError
from crosswire.model import Article, Problem
from crosswire.store.base import Store
from crosswire.store.ingest import BATCH_SIZE, MIN_WORDS, IngestResult, _default_embedder, _store_batch, stories_api


def problem_for(url: str, exc: CrosswireError) -> Problem:
    """A one-line Problem for a URL that could not be read (the URL is not repeated in the reason)."""
    reason = exc.reason if isinstance(exc, InputError) else str(exc)
    prefix = f"{url}: "
    return Problem(url, reason[len(prefix):] if reason.startswith(prefix) else reason)


def read_urls(
    urls: Iterable[str],
    *,
    settings: Mapping[str, Any] | None = None,
    client=None,
    published: dt.date | None = None,
    on_problem: Callable[[Problem], None] | None = None,
):
    """(url, cleaned articles or None) per URL, in order; a failure is reported to on_problem."""
    from crosswire.clean import clean
    from crosswire.ingest.fetch import read_url

    for url in urls:
        try:
            batch = read_url(url, settings=settings, client=client, published=published)
        except (FetchError, InputError) as exc:
            if on_problem:
                on_problem(problem_for(url, exc))
            yield url, None
            continue
        kept = []
        for article in batch.articles:
            article = clean(article)
            if len(article.text.split()) < MIN_WORDS:
                if on_problem:
                    on_problem(Problem(url, "no article text left after removing boilerplate"))
            else:
                kept.append(article)
        yield url, kept


def store_articles(store: Store, articles: list[Article], *, nlp, embedder, result: IngestResult, api=None) -> None:
    """Analyse, cluster and store articles already read and cleaned, in batches (as `store.ingest.ingest`)."""
    api = api or stories_api()
    index = api.StoryIndex.rebuild([(api.features_from_row(row), sid) for row, sid in store.feature_rows()])
    seen: set[str] = set()
    pending: list[Article] = []
    for article in articles:
        if article.id in seen:
            result.unchanged += 1
            continue
        seen.add(article.id)
        pending.append(article)
        if len(pending) >= BATCH_SIZE:
            _store_batch(store, pending, nlp, embedder, index, api, result)
            pending = []
    if pending:
        _store_batch(store, pending, nlp, embedder, index, api, result)


def ingest_urls(
    store: Store,
    urls: Iterable[str],
    *,
    settings: Mapping[str, Any] | None = None,
    nlp=None,
    embedder=None,
    published: dt.date | None = None,
    client=None,
    on_problem: Callable[[Problem], None] | None = None,
    api=None,
) -> IngestResult:
    """Fetch, read and store every URL; the counts are those of `crosswire ingest` (files = URLs)."""
    from crosswire.analyze.nlp import load_nlp

    started = time.perf_counter()
    urls = list(urls)
    result = IngestResult(files=len(urls))

    def report(problem: Problem) -> None:
        result.problems.append(problem)
        if on_problem:
            on_problem(problem)

    articles: list[Article] = []
    for _url, kept in read_urls(urls, settings=settings, client=client, published=published, on_problem=report):
        articles.extend(kept or ())
    result.read = len(articles)
    if articles:
        store_articles(store, articles, nlp=nlp or load_nlp(), embedder=embedder or _default_embedder(),
                       result=result, api=api)  # fmt: skip
    result.seconds = time.perf_counter() - started
    return result
