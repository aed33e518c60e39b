"""Ingestion into a store: read, clean, analyse, extract claims, cluster, commit per batch.

Idempotent and resumable: an article's id is a hash of its text, articles
already stored are skipped before the (costly) analysis, and each batch is
stored in one transaction together with its story assignments. A run killed
at any moment loses at most the batch in flight, and the next run redoes just
that batch. The story index is rebuilt from the stored features at the start
of a run (no reclustering), so it always matches what was committed.
"""

from __future__ import annotations

import datetime as dt
import time
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crosswire.ingest import expand_sources
from crosswire.model import Analysis, Article, Problem
from crosswire.store import serialize
from crosswire.store.base import Store

BATCH_SIZE = 64


@dataclass
class IngestResult:
    files: int = 0
    read: int = 0  # articles read from the files
    added: int = 0  # new articles stored (first revisions)
    revisions: int = 0  # changed versions of articles already stored
    unchanged: int = 0  # already stored: skipped
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


def stories_api() -> types.SimpleNamespace:
    """The clustering engine's functions, in one place so that a test can pass another."""
    from crosswire.stories.cluster import StoryIndex
    from crosswire.stories.features import features_from_row, features_to_row, story_features

    return types.SimpleNamespace(StoryIndex=StoryIndex, story_features=story_features,
                                 features_to_row=features_to_row, features_from_row=features_from_row)  # fmt: skip


def ingest(
    store: Store,
    sources: Iterable[str | Path | tuple[str, bytes]],
    *,
    nlp=None,
    embedder=None,
    published: dt.date | None = None,
    batch_size: int = BATCH_SIZE,
    on_file: Callable[[int, int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    api: types.SimpleNamespace | None = None,
    analyze: Callable[[list[Article]], list[Analysis]] | None = None,
    processes: int = 1,
    on_cluster: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Store every article of `sources`; see the module docstring for what makes it safe to re-run.

    A source is a path (a folder: the files under it), or a (name, bytes) pair read by something
    else, named in problems and as the source of its articles. on_file(done, total) reports
    progress per file, then on_cluster(done, total) per article placed in a story; on_problem gets
    each bad file or record; `analyze` and `processes` as in store_groups.
    """
    from crosswire.analyze.nlp import load_nlp

    started = time.perf_counter()
    api = api or stories_api()
    nlp = nlp or load_nlp()
    embedder = embedder or default_embedder()
    paths = expand_sources(sources)
    result = IngestResult(files=len(paths))
    files_read = [0]  # a web archive's pages come in several groups: progress counts files
    store_groups(
        store, _read(paths, published, result, on_problem, files_read), nlp=nlp, embedder=embedder, api=api,
        result=result, batch_size=batch_size,
        on_group=(lambda _: on_file(files_read[0], len(paths))) if on_file else None,
        analyze=analyze, processes=processes, on_problem=on_problem, on_cluster=on_cluster,
    )
    result.seconds = time.perf_counter() - started
    return result


def store_groups(
    store: Store,
    groups: Iterable[list[Article]],
    *,
    nlp,
    embedder,
    result: IngestResult,
    api: types.SimpleNamespace | None = None,
    batch_size: int = BATCH_SIZE,
    on_group: Callable[[int], None] | None = None,
    analyze: Callable[[list[Article]], list[Analysis]] | None = None,
    processes: int = 1,
    on_problem: Callable[[Problem], None] | None = None,
    on_cluster: Callable[[int, int], None] | None = None,
) -> None:
    """Analyse, cluster and store articles already read and cleaned, one transaction per batch.

    `groups` are lists of articles (one per file, or one per fetched page); the same
    text twice in one run is stored once. on_group(done) is called after each group
    is read. spaCy runs in `processes` worker processes over the whole stream (they
    start once, not per batch) while this process stores what comes back;
    `analyze(articles)` replaces spaCy analysis (a benchmark passes analyses made
    beforehand). An article whose analysis fails is a problem (on_problem) and the
    rest go on. Once all is stored, the articles without a story are placed
    (`_cluster_unassigned`; on_cluster(done, total) after each batch). Every driver
    (files, URLs, feeds) stores through here.
    """
    from crosswire.pipeline import analysis_problem

    api = api or stories_api()
    index = api.StoryIndex.rebuild((api.features_from_row(row), sid) for row, sid in store.feature_rows())
    batches = _new_batches(store, groups, batch_size, result, on_group)
    if analyze is None:
        analysed = _analysed(batches, nlp, processes)
    else:
        analysed = ((batch, analyze(batch)) for batch in batches)
    for batch, analyses in analysed:
        kept = []
        for article, analysis in zip(batch, analyses):
            if isinstance(analysis, Exception):
                result.problems.append(problem := analysis_problem(article, analysis))
                if on_problem:
                    on_problem(problem)
            else:
                kept.append((article, analysis))
        if kept:
            _store_batch(store, [a for a, _ in kept], [x for _, x in kept], embedder, api, result)
    _cluster_unassigned(store, index, api, batch_size, on_cluster)


def _new_batches(store: Store, groups: Iterable[list[Article]], batch_size: int, result: IngestResult,
                 on_group: Callable[[int], None] | None) -> Iterator[list[Article]]:  # fmt: skip
    """Batches of the articles not stored yet (never empty); the others are counted as unchanged."""
    seen: set[str] = set()
    pending: list[Article] = []

    def new_ones(batch: list[Article]) -> list[Article]:
        known = store.known_article_ids([a.id for a in batch])
        result.unchanged += len(known)
        return [a for a in batch if a.id not in known]

    for done, articles in enumerate(groups, start=1):
        for article in articles:
            if article.id in seen:  # the same text twice in one run
                result.unchanged += 1
                continue
            seen.add(article.id)
            pending.append(article)
        if len(pending) >= batch_size:
            if new := new_ones(pending):
                yield new
            pending = []
        if on_group:
            on_group(done)
    if pending and (new := new_ones(pending)):
        yield new


def _analysed(batches: Iterator[list[Article]], nlp, processes: int) -> Iterator[tuple[list[Article], list]]:
    """(batch, its analyses) in order, from a spaCy pipe over every batch's texts.

    An analysis that raised is its exception instead: one article's bug does not stop the run. When spaCy
    raises inside its pipe, which cannot go on after that, the texts it had taken and not answered are
    analysed one at a time (each failure that article's alone) and a new pipe takes the batches after them.
    An error reading the batches themselves (the store, the files) is raised as it is.
    """
    from collections import deque

    from crosswire.analyze import parser_text
    from crosswire.analyze.nlp import load_nlp

    nlp = nlp or load_nlp()
    batches = iter(batches)
    while True:
        waiting: deque[list[Article]] = deque()  # batches whose texts went into the pipe, oldest first

        def texts() -> Iterator[tuple[str, dt.date | None]]:
            while True:
                try:
                    batch = next(batches)
                except StopIteration:
                    return
                except Exception as exc:  # noqa: BLE001 - not spaCy's: raised past the retry below
                    raise _SourceFailed(exc) from exc
                waiting.append(batch)
                for article in batch:
                    yield parser_text(article.text), article.published

        analyses: list = []
        try:
            for doc, published in nlp.pipe(texts(), as_tuples=True, batch_size=16, n_process=processes):
                analyses.append(_analysis_or_error(doc, published))
                if len(analyses) == len(waiting[0]):
                    yield waiting.popleft(), analyses
                    analyses = []
            return
        except _SourceFailed as failed:
            raise failed.error from None
        except Exception:  # noqa: BLE001 - spaCy broke on one of the waiting texts
            if not waiting:
                raise  # before it took any text: not one article's problem
            for k, batch in enumerate(waiting):
                done = analyses if k == 0 else []
                yield batch, done + [_analysed_alone(nlp, article) for article in batch[len(done):]]


class _SourceFailed(Exception):
    """Reading the batches failed (not spaCy): `error` is what they raised."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _analysis_or_error(doc, published: dt.date | None):
    from crosswire.analyze import analysis_of_doc

    try:
        return analysis_of_doc(doc, published)
    except Exception as exc:  # noqa: BLE001 - reported per article by store_groups
        return exc


def _analysed_alone(nlp, article: Article):
    """The article's analysis from a pipe of its own, or the exception that stopped it."""
    from crosswire.pipeline import analyze_articles

    try:
        return analyze_articles([article], nlp=nlp)[0]
    except Exception as exc:  # noqa: BLE001 - reported per article by store_groups
        return exc


def default_embedder():
    from crosswire.align.embed import Embedder, get_embedder

    # Clustering compares leads by meaning: without the model there are no stories, so say how to get it.
    return get_embedder() or Embedder(None)  # Embedder() raises ModelError with the pip command


def _read(sources: Iterable[str | tuple[str, bytes]], published, result: IngestResult, on_problem,
          files_read: list[int]) -> Iterator[list[Article]]:  # fmt: skip
    """Clean articles, one list per file (a web archive's in several); problems reported as they come.
    A source is a path, or (its name, its bytes) when something else read it (Spark). files_read[0]
    counts the files whose last list has been handed on."""
    from crosswire.ingest import read_chunks

    for source in sources:
        if isinstance(source, tuple):
            chunks = read_chunks(source[0], published=published, data=source[1])
        else:
            chunks = read_chunks(source, published=published)
        chunk = next(chunks, None)
        while chunk is not None:
            following = next(chunks, None)  # read ahead: the file is read once its last list is handed on
            files_read[0] += following is None
            yield _kept(chunk, result, on_problem)
            chunk = following


def _kept(chunk: tuple[list[Article], list[Problem]], result: IngestResult, on_problem) -> list[Article]:
    """The chunk's articles cleaned, those left with no article text counted as problems with the chunk's."""
    from crosswire.clean import NO_ARTICLE_TEXT, clean, has_article_text

    articles, problems = chunk
    kept = []
    for article in articles:
        article = clean(article)
        if has_article_text(article):
            kept.append(article)
        else:
            problems.append(Problem(article.source, NO_ARTICLE_TEXT))
    result.read += len(kept)
    for problem in problems:
        result.problems.append(problem)
        if on_problem:
            on_problem(problem)
    return kept


def _store_batch(store: Store, new: list[Article], analyses: list[Analysis], embedder, api,
                 result: IngestResult) -> None:  # fmt: skip
    """Store analysed articles with their claims and story features, in one transaction; their stories
    come after the whole run is stored (`_cluster_unassigned`)."""
    from crosswire.analyze import ANALYSIS_VERSION
    from crosswire.claims import build_claims

    features = api.story_features(new, analyses, embedder)
    stale: set[str] = set()
    with store.transaction():
        for article, analysis, feature in zip(new, analyses, features):
            revision, replaced = store.add_article(
                article, serialize.dumps(analysis), ANALYSIS_VERSION, build_claims(article, analysis)
            )
            store.add_features(article.id, api.features_to_row(feature))
            stale |= replaced
            if revision == 1:
                result.added += 1
            else:
                result.revisions += 1
        store.refresh_stories(stale)


def _arrival_order(store: Store) -> list[str]:
    """Ids of the articles in no story yet, in the order to cluster them (`crosswire.stories.arrival_order`)."""
    import numpy as np

    from crosswire.stories.cluster import arrival_order
    from crosswire.stories.features import DIM

    ids: list[str] = []
    days: list[dt.date | None] = []
    vectors = np.zeros((1024, DIM), dtype=np.float32)
    for article_id, published, vector in store.unassigned_articles():
        if len(ids) == len(vectors):
            vectors = np.concatenate([vectors, np.zeros_like(vectors)])
        vectors[len(ids)] = np.frombuffer(vector, dtype=np.float32)
        ids.append(article_id)
        days.append(dt.date.fromisoformat(published[:10]) if published else None)
    return [ids[k] for k in arrival_order(days, vectors[: len(ids)], ids)]


def _cluster_unassigned(store: Store, index, api, batch_size: int,
                        on_cluster: Callable[[int, int], None] | None = None) -> None:  # fmt: skip
    """Put every stored article that has no story yet into one, in `arrival_order` (by date, undated last), a
    transaction per batch; then the one-article stories each batch came near are looked at again.

    Online clustering depends on the order articles come in: a folder or a feed gives them in any
    order, so the run's articles are clustered by date (eval.stories --features, ECB+ in file order:
    B-cubed F1 0.884 and 3 topics merged; by date 0.926 and 1), and within a day the least typical
    first, whatever order the files came in. Articles a killed run stored without a story are
    clustered by the next run.
    """
    pending = _arrival_order(store)
    for start in range(0, len(pending), batch_size):
        ids = pending[start : start + batch_size]
        rows = store.features_of(ids)
        touched: set[str] = set()
        with store.transaction():
            for article_id in ids:
                assignment = index.add(api.features_from_row(rows[article_id]))
                touched |= store.assign(article_id, assignment.story_id, assignment.merged,
                                        assignment.duplicate_of, assignment.derived_from)  # fmt: skip
            for absorbed, kept in index.adopt_orphans():  # stories of one article this batch came near
                touched |= store.fold_story(absorbed, kept)
            store.refresh_stories(touched)
        if on_cluster:
            on_cluster(start + len(ids), len(pending))
