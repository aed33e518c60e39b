"""The batch driver: `crosswire ingest --spark MASTER` spreads the costly part over a Spark cluster.

Reading, cleaning, spaCy analysis (about 8 articles/s per core, nearly all of an ingestion's
time) and the story features with their lead embeddings run on the executors, a partition of
files at a time, with the same functions `crosswire ingest` runs (`crosswire.store.ingest._read`
and `_analysed`, `crosswire.stories.features.story_features`; spaCy and the embedding model load
once per Python worker). The analysed articles stream back to this machine (`toLocalIterator`: one
partition in memory at a time), which stores them with their claims, clusters them into stories and
keeps their comparisons through `store_groups`, exactly as a local run does: the store and its
stories are the same, whichever driver filled them.

Sources given as URIs (hdfs://, s3a://, gs://, file://; a folder is read whole, hidden files and
those starting with "_" skipped, as Hadoop lists them) are read by Spark itself (`binaryFiles`),
so they need only be where the cluster can reach them; plain paths are listed here and read by the
executors at the same paths (shared storage). Every executor needs crosswire and its models in the
Python it runs (PYSPARK_PYTHON); with a `local[...]` master that is this Python. pyspark is
imported here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from crosswire.errors import CrosswireError, ModelError, SparkError
from crosswire.ingest import expand_sources
from crosswire.model import Analysis, Article, Problem
from crosswire.stories.features import StoryFeatures
from crosswire.store.base import Store
from crosswire.store.ingest import BATCH_SIZE, IngestResult, store_groups

__all__ = ["ingest_with_spark", "is_spark_uri", "spark_session"]

PYSPARK_MISSING = "pyspark is not installed: pip install 'crosswire[spark]' (and Java 17 or newer)"


def spark_session(master: str):
    """A SparkSession on `master` (local[4], spark://host:7077, yarn, ...), or the one already running."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ModelError(PYSPARK_MISSING) from exc
    builder = (SparkSession.builder.master(master).appName("crosswire ingest")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive", "true"))  # folders whole
    for key, value in _driver_options().items():
        builder = builder.config(key, value)
    if master.startswith("local"):  # the workers run this Python, which has crosswire and its models
        # pyspark takes the workers' Python from PYSPARK_PYTHON (else "python3" on PATH, maybe another one)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.pyspark.python", os.environ["PYSPARK_PYTHON"])
    try:
        return builder.getOrCreate()
    except Exception as exc:  # py4j and the JVM launcher raise assorted errors; Java missing is the usual one
        raise SparkError(f"Spark could not start on {master!r} (is Java 17+ installed, JAVA_HOME set?): "
                         f"{_one_line(exc, 200)}") from exc


def _driver_options() -> dict[str, str]:
    """The driver logs errors only, not Spark's start-up notes (log4j2.properties here), unless the user
    keeps a Spark configuration of their own (SPARK_CONF_DIR)."""
    if "SPARK_CONF_DIR" in os.environ:
        return {}
    log_config = Path(__file__).with_name("log4j2.properties")
    return {"spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={log_config.as_uri()}"}


def ingest_with_spark(
    store: Store,
    sources: Iterable[str | Path],
    *,
    spark,
    embedding_model: str | None = None,
    spacy_model: str | None = None,
    published: dt.date | None = None,
    partitions: int | None = None,
    batch_size: int = BATCH_SIZE,
    on_file: Callable[[int, int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_cluster: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """`crosswire.store.ingest.ingest` with reading and analysis on `spark`'s executors.

    `spacy_model`, `embedding_model`: what the executors load (a package name or a directory each can
    read; None: the packaged defaults).
    `sources`: paths (listed here, read on the executors at the same paths) or URIs (read by
    Spark). `partitions`: how many slices the files are cut into (default: four per core Spark
    offers, at most one per listed file), so that a slow file holds up little. on_file(done, total)
    is called as each slice's files come back (total None for URIs: Spark lists them).
    """
    import time
    import types

    from crosswire.store.ingest import stories_api

    started = time.perf_counter()
    sources = [str(source) for source in sources]
    uris = [source for source in sources if is_spark_uri(source)]
    paths = expand_sources(source for source in sources if not is_spark_uri(source))
    result = IngestResult(files=len(paths))
    if not paths and not uris:
        return result
    context = spark.sparkContext
    cores = 4 * context.defaultParallelism
    slices = partitions or (cores if uris else max(1, min(len(paths), cores)))
    # the ids stored already go to every executor once (~60 bytes an article): a re-run, or a run resumed after
    # a kill, analyses only what is new, as a local run does
    stored = context.broadcast(frozenset(store.all_article_ids()))
    analyse = functools.partial(_analyse_files, published=published, spacy_model=spacy_model,
                                embedding_model=embedding_model, stored=stored)  # fmt: skip
    returned = _Returned(result, None if uris else len(paths), on_file, on_problem)
    api = types.SimpleNamespace(**{**vars(stories_api()), "story_features": returned.features_of})
    try:
        parts = [context.parallelize(paths, slices)] if paths else []
        if uris:  # (uri, bytes) pairs: Spark reads them where they are
            parts.append(context.binaryFiles(",".join(uris), minPartitions=slices))
        files = parts[0] if len(parts) == 1 else context.union(parts)
        groups = returned.groups(files.mapPartitions(analyse).toLocalIterator())
        store_groups(store, groups, nlp=None, embedder=None, api=api, result=result, batch_size=batch_size,
                     analyze=returned.analyses_of, on_problem=on_problem, on_cluster=on_cluster)  # fmt: skip
    except CrosswireError:
        raise
    except Exception as exc:  # a failed Spark job (a lost executor, a worker without crosswire) comes as py4j's
        raise SparkError(f"the Spark job failed: {_one_line(exc, 300)}") from exc
    finally:
        stored.destroy()
    result.files = returned.files_done
    result.seconds = time.perf_counter() - started
    return result


def _one_line(exc: Exception, limit: int) -> str:
    """The start of a Java stack trace's message, on one line."""
    return " ".join(str(exc).split())[:limit]


def is_spark_uri(source: str) -> bool:
    """hdfs://..., s3a://..., file:///...: a place Spark reads, not a path on this machine."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and scheme.isalnum()


class _Returned:
    """What the executors send back, on its way into the store: the articles as groups for store_groups,
    their analyses and story features until it asks for them, the end of each slice as progress."""

    def __init__(self, result: IngestResult, files: int | None, on_file, on_problem) -> None:
        self.result, self.files, self.on_file, self.on_problem = result, files, on_file, on_problem
        self.analyses: dict[str, Analysis | Exception] = {}
        self.features: dict[str, StoryFeatures] = {}
        self.files_done = 0

    def groups(self, messages: Iterable[tuple]) -> Iterator[list[Article]]:
        for kind, *rest in messages:
            if kind == "analysed":  # the executors left out what was stored: store_groups asks for all of it
                batch, analyses, features = rest
                self.analyses.update((a.id, x) for a, x in zip(batch, analyses))
                self.features.update((f.article_id, f) for f in features)
                yield batch
            else:
                self._slice_done(*rest)

    def _slice_done(self, files: int, read: int, unchanged: int, problems: list[Problem]) -> None:
        self.files_done += files
        self.result.read += read
        self.result.unchanged += unchanged
        for problem in problems:
            self.result.problems.append(problem)
            if self.on_problem:
                self.on_problem(problem)
        if self.on_file:
            self.on_file(self.files_done, self.files)

    def analyses_of(self, batch: list[Article]) -> list[Analysis | Exception]:
        return [self.analyses.pop(article.id) for article in batch]

    def features_of(self, batch: list[Article], _analyses, _embedder) -> list[StoryFeatures]:
        """As `story_features`, from what the executors made: nothing is embedded here."""
        return [self.features.pop(article.id) for article in batch]


def _analyse_files(files: Iterable[str | tuple[str, bytes]], *, published: dt.date | None, spacy_model: str | None,
                   embedding_model: str | None, stored) -> Iterator[tuple]:  # fmt: skip
    """On an executor: ("analysed", articles, analyses, story features of those analysed) per batch of
    one slice's files (paths, or (uri, bytes) as Spark read them), the articles whose ids are in
    `stored.value` (a broadcast set) left out, then ("done", files, articles read, articles left
    out, problems)."""
    from crosswire.align.embed import Embedder, get_embedder
    from crosswire.analyze.nlp import load_nlp
    from crosswire.stories.features import story_features
    from crosswire.store.ingest import _analysed, _read

    files = list(files)
    local = IngestResult(files=len(files))
    groups = (new for new in _new_ones(_read(files, published, local, None, [0]), stored.value, local) if new)
    embedder = get_embedder(embedding_model) or Embedder(embedding_model)  # cached per worker; else says why
    for batch, analyses in _analysed(groups, load_nlp(spacy_model), 1):  # once per worker: load_nlp caches
        done = [(a, x) for a, x in zip(batch, analyses) if not isinstance(x, Exception)]
        made = story_features([a for a, _ in done], [x for _, x in done], embedder) if done else []
        yield "analysed", batch, analyses, made
    yield "done", len(files), local.read, local.unchanged, local.problems


def _new_ones(groups: Iterable[list[Article]], stored: frozenset[str],
              result: IngestResult) -> Iterator[list[Article]]:  # fmt: skip
    """Each group without the articles stored already, counted in result.unchanged."""
    for group in groups:
        new = [article for article in group if article.id not in stored]
        result.unchanged += len(group) - len(new)
        yield new
