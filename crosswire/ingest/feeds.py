"""Live sources into a store: web pages by URL, and RSS/Atom feeds (feedparser is imported only here).

    ingest_urls(store, urls, *, settings=None, nlp=None, embedder=None, ...) -> IngestResult
    store_articles(store, articles, *, nlp, embedder, result, api=None) -> None
    poll_feeds(store, *, settings=None, nlp=None, embedder=None, ...) -> list[FeedRound]

Each URL goes through `fetch.read_url` (safe, polite fetching, then the HTML
reader), is cleaned like a file, and is stored through the same batched,
idempotent path as `crosswire ingest` of files (`store.ingest`): the URL asked
for is the article's external id, so a changed page becomes a new revision. A
URL that is refused or fails is one Problem and the batch goes on.

A feed round (`crosswire watch --once`): each feed is fetched with a
conditional request (an unchanged feed costs one 304), parsed with
feedparser (RSS 0.9x/1.0/2.0, Atom), and its entries not seen before (by id,
else link; duplicates within the feed count once) are read: the entry's link
through `read_url`, or, when the page cannot be fetched or has no article
text, the feed's own title and summary, stored with a "partial" warning note
and marked partial in `feed_entries`. What happened to every fetch goes to the
fetch log (`store/feeds.py`). Articles are stored before their entries are
marked seen, so a round killed midway redoes only the unmarked entries.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import contextlib
import dataclasses

from crosswire.errors import CrosswireError, FetchError, InputError
from crosswire.ingest.feedfile import Entry, parse_feed
from crosswire.model import Article, Note, Problem
from crosswire.store.base import Store
from crosswire.clean import NO_ARTICLE_TEXT, has_article_text
from crosswire.store.ingest import IngestResult, default_embedder, store_groups


def problem_for(url: str, exc: CrosswireError) -> Problem:
    """A one-line Problem for a URL that could not be read (the URL is not repeated in the reason)."""
    reason = exc.reason if isinstance(exc, InputError) else str(exc)
    prefix = f"{url}: "
    return Problem(url, reason[len(prefix):] if reason.startswith(prefix) else reason)


def read_page(url: str, *, settings=None, client=None, published: dt.date | None = None):
    """(cleaned article or None, fetch-log outcome, HTTP status or None, one-line reason or "") for one page."""
    from crosswire.ingest.fetch import outcome_of, read_url

    try:
        batch = read_url(url, settings=settings, client=client, published=published)
    except FetchError as exc:
        return None, outcome_of(exc), getattr(exc, "status", None), problem_for(url, exc).reason
    except InputError as exc:
        return None, "no_article_text", None, problem_for(url, exc).reason
    article = _first_clean(batch.articles)
    if article is None:
        return None, "no_article_text", None, NO_ARTICLE_TEXT
    return article, "ok", None, ""


def store_articles(store: Store, articles: list[Article], *, nlp, embedder, result: IngestResult, api=None) -> None:
    """Analyse, cluster and store fetched articles, in batches (as `crosswire ingest` does for files)."""
    store_groups(store, ([article] for article in articles), nlp=nlp, embedder=embedder, result=result, api=api)


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
    """Fetch, read and store every URL; the counts are those of `crosswire ingest` (files = URLs).

    Every fetch goes to the fetch log (with no feed), its outcome and reason.
    """
    from crosswire.analyze.nlp import load_nlp

    started = time.perf_counter()
    urls = list(urls)
    result = IngestResult(files=len(urls))

    def report(problem: Problem) -> None:
        result.problems.append(problem)
        if on_problem:
            on_problem(problem)

    from crosswire.ingest.fetch import new_client
    from crosswire.store import feeds as feed_store

    articles: list[Article] = []
    with contextlib.nullcontext(client) if client else new_client() as shared:
        for url in urls:
            article, outcome, status, reason = read_page(url, settings=settings, client=shared, published=published)
            feed_store.log_fetch(store, None, url, outcome, status, reason)
            if article is None:
                report(Problem(url, reason))
            else:
                articles.append(article)
    result.read = len(articles)
    if articles:
        store_articles(store, articles, nlp=nlp or load_nlp(), embedder=embedder or default_embedder(),
                       result=result, api=api)  # fmt: skip
    result.seconds = time.perf_counter() - started
    return result


# -- feeds ----------------------------------------------------------------------


@dataclasses.dataclass
class FeedRound:
    """What one poll of one feed did."""

    url: str
    outcome: str  # fetch outcome of the feed itself, or "malformed"
    detail: str = ""
    entries: int = 0  # entries in the feed (duplicates counted once)
    seen: int = 0  # already taken in an earlier round
    new: int = 0  # articles stored from their page
    partial: int = 0  # stored from the feed's summary only
    failed: int = 0  # neither the page nor the summary could be stored
    ingest: IngestResult | None = None
    article_ids: list[str] = dataclasses.field(default_factory=list)  # stored this round (for conflict alerts)

    def __str__(self) -> str:
        if self.outcome not in ("ok", "not_modified"):
            return f"feed {self.url}: {self.outcome}: {self.detail}"
        if self.outcome == "not_modified":
            return f"feed {self.url}: not modified"
        salvaged = f" ({self.detail}; entries salvaged)" if self.detail else ""
        return (f"feed {self.url}{salvaged}: {self.entries} entries, {self.seen} seen before, {self.new} new, "
                f"{self.partial} partial (summary only), {self.failed} failed")  # fmt: skip


def summary_article(entry: Entry, feed_url: str, reason: str, published=None) -> Article:
    """The entry's title and summary as an article, with a warning note saying it is partial."""
    from crosswire.clean import clean
    from crosswire.ingest import read_text

    source = entry.link or feed_url
    text = f"{entry.title}\n\n{entry.summary}" if entry.title else entry.summary
    article = read_text(text, source=source, published=published, fmt="text")
    note = Note("warning", f"partial: the feed's summary only; the page could not be read ({reason})")
    article = dataclasses.replace(article, url=entry.link, external_id=entry.link or entry.key,
                                  notes=(*article.notes, note))  # fmt: skip
    return clean(article)


def poll_feeds(
    store: Store,
    *,
    settings: Mapping[str, Any] | None = None,
    nlp=None,
    embedder=None,
    client=None,
    published: dt.date | None = None,
    on_feed: Callable[[FeedRound], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    api=None,
) -> list[FeedRound]:
    """One round over every feed; see the module docstring. `should_stop()` is asked between entries."""
    from crosswire.ingest.fetch import new_client

    if client is None:
        with new_client() as client:
            return poll_feeds(store, settings=settings, nlp=nlp, embedder=embedder, client=client, published=published,
                              on_feed=on_feed, should_stop=should_stop, api=api)  # fmt: skip
    return _poll(store, settings=settings, nlp=nlp, embedder=embedder, client=client, published=published,
                 on_feed=on_feed, should_stop=should_stop, api=api)  # fmt: skip


def _poll(store, *, settings, nlp, embedder, client, published, on_feed, should_stop, api) -> list[FeedRound]:
    from crosswire.ingest.fetch import fetch, outcome_of
    from crosswire.settings import _BY_NAME
    from crosswire.store import feeds as feed_store
    from crosswire.store.base import _now

    rounds = []
    for feed in feed_store.feeds(store):
        if should_stop():
            break
        fid, url = feed["id"], feed["url"]
        now = _now()
        try:
            result = fetch(url, client=client, settings=settings, etag=feed["etag"], last_modified=feed["last_modified"])
            title, entries, problem = (feed["title"], [], "") if result.not_modified else parse_feed(result.body, url)
        except FetchError as exc:
            outcome = outcome_of(exc)
            feed_store.log_fetch(store, fid, url, outcome, getattr(exc, "status", None), str(exc))
            feed_store.update_feed(store, fid, last_polled=now, last_error=f"{now} {outcome}: {exc}")
            rounds.append(round_ := FeedRound(url, outcome, str(exc)))
            if on_feed:
                on_feed(round_)
            continue
        feed_store.log_fetch(store, fid, url, "malformed" if problem else result.outcome, result.status,
                             f"{problem}; {len(entries)} entries salvaged" if problem else "")  # fmt: skip
        round_ = FeedRound(url, result.outcome, problem, entries=len(entries))
        if not result.not_modified:
            round_.ingest = _take_entries(store, fid, url, entries, round_, settings=settings, client=client, nlp=nlp,
                                          embedder=embedder, published=published, should_stop=should_stop, api=api)  # fmt: skip
        feed_store.update_feed(store, fid, title=title or feed["title"], etag=result.etag,
                               last_modified=result.last_modified, last_polled=now, last_success=now)  # fmt: skip
        rounds.append(round_)
        if on_feed:
            on_feed(round_)
    feed_store.prune_fetch_log(store, (settings or {}).get("fetch_log_days", _BY_NAME["fetch_log_days"].default))
    return rounds


def _take_entries(store, fid, feed_url, entries, round_, *, settings, client, nlp, embedder, published, should_stop,
                  api) -> IngestResult:  # fmt: skip
    from crosswire.analyze.nlp import load_nlp
    from crosswire.store import feeds as feed_store

    seen = feed_store.seen_entries(store, fid, [e.key for e in entries])
    round_.seen = sum(e.key in seen for e in entries)
    taken: list[tuple[Entry, Article | None, bool]] = []
    for entry in entries:
        if entry.key in seen:
            continue
        if should_stop():
            break
        article, partial, reason = None, False, "no link"
        if entry.link:
            article, outcome, status, reason = read_page(entry.link, settings=settings, client=client,
                                                         published=published)  # fmt: skip
            feed_store.log_fetch(store, fid, entry.link, outcome, status, reason)
        if article is None and entry.summary:
            try:
                article, partial = summary_article(entry, feed_url, reason, published), True
            except InputError:
                article = None
        taken.append((entry, article, partial))
    result = IngestResult(files=len(taken))
    articles = [a for _, a, _ in taken if a is not None and has_article_text(a)]
    result.read = len(articles)
    if articles:
        store_articles(store, articles, nlp=nlp or load_nlp(), embedder=embedder or default_embedder(),
                       result=result, api=api)  # fmt: skip
    stored = {a.id for a in articles}
    with store.transaction():
        for entry, article, partial in taken:
            if article is None or article.id not in stored:
                round_.failed += 1  # not marked seen: the next round tries again (the fetch log says why)
                continue
            feed_store.add_entry(store, fid, entry.key, entry.link, article.id, partial)
            round_.article_ids.append(article.id)
            if partial:
                round_.partial += 1
            else:
                round_.new += 1
    return result


def _first_clean(articles: list[Article]) -> Article | None:
    from crosswire.clean import clean

    for article in articles:
        article = clean(article)
        if has_article_text(article):
            return article
    return None
