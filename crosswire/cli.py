"""The command line: parse -> call the library -> render -> exit code.

Exit status: 0 when a report was made (even if some files were skipped), 1
when no report could be made, 2 for a usage error. A bad file is one line on
stderr, never a traceback (``--debug`` shows tracebacks).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import click

from crosswire import __version__
from crosswire.errors import ConfigError, CrosswireError

FORMATS = ["terminal", "md", "html", "json"]


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-10-25") from None


def _warn(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosswire")
def main() -> None:
    """Compare how news outlets report the same story.

    Example: crosswire compare a.txt b.html --format html -o report.html
    """


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@click.option("--published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for sources that give none (or no year).")
@click.option("--no-embeddings", is_flag=True, help="Match paraphrases by shared words only (no model).")
@click.option("--embedding-model", metavar="DIR", help="Your own model directory (model.onnx + tokenizer.json).")
@click.option("--spacy-model", metavar="NAME|DIR", help="spaCy pipeline package or directory.")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Set a setting (see the README).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def compare(sources, fmt, output, published, no_embeddings, embedding_model, spacy_model, overrides, debug) -> None:
    """Compare articles: what sources agree on, where they conflict, what only one reports.

    SOURCES are text, HTML or JSON/JSONL files, saved RSS/Atom feeds (each entry an article), WARC/ARC web
    archives (each HTML page an article), folders (every file under them), or - for standard input.

    Example: crosswire compare ../shared/seeds/*.txt --format md -o report.md
    """
    from crosswire.pipeline import compare as run_compare
    from crosswire.report import render

    try:
        settings = _settings(overrides, spacy_model=spacy_model, embedding_model=embedding_model,
                             embeddings="false" if no_embeddings else None)
        comparison = run_compare(sources, published=published, settings=settings)
    except CrosswireError as exc:
        if debug:
            raise
        _warn(f"error: {exc}")
        sys.exit(1)
    for problem in comparison.problems:
        _warn(str(problem))
    if not comparison.articles:
        _warn("error: no article could be read; no report made")
        sys.exit(1)
    if fmt == "terminal" and not output:
        from crosswire.report.terminal import render_terminal

        width = shutil.get_terminal_size((100, 24)).columns
        sys.stdout.write(render_terminal(comparison, width=width, color=sys.stdout.isatty()))
        return
    _write(render(comparison, fmt), output, fmt)


@main.command()
@click.argument("source")
@click.option("--published", callback=_date, metavar="YYYY-MM-DD",
              help="Document date that relative dates are resolved against.")
@click.option("--format", "fmt", type=click.Choice(["json", "terminal"]), default="json", show_default=True)
@click.option("--spacy-model", metavar="NAME|DIR", help="spaCy pipeline package or directory.")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Set a setting (see the README).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def extract(source, published, fmt, spacy_model, overrides, debug) -> None:
    """Analyse one text as read (no cleaning): entities, quantities, times, quotes.

    Offsets (start, end) index the text exactly as read. SOURCE is a file or -.
    A JSON file with a "text" field is analysed on that field (its "published"
    or "dct" field gives the date unless --published is given).

    Example: crosswire extract article.txt --published 2025-10-25 --format json
    """
    from crosswire.extract import extract_source

    try:
        settings = _settings(overrides, spacy_model=spacy_model)
        result = extract_source(source, published=published, nlp=_nlp(settings["spacy_model"]),
                                max_bytes=settings["max_bytes"])
    except CrosswireError as exc:
        if debug:
            raise
        _warn(f"error: {exc}")
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_extract(result)


def _settings(overrides, **shortcuts) -> dict:
    """The settings, with an option such as --spacy-model counting as --set spacy_model=..."""
    from crosswire.settings import load_settings

    extra = [f"{name}={value}" for name, value in shortcuts.items() if value is not None]
    return load_settings([*overrides, *extra])


DB_HELP = "SQLite file, or a postgresql:// URL."


def _db_option(f):
    return click.option("--db", default="crosswire.db", show_default=True, metavar="PATH|URL", help=DB_HELP)(f)


def _fail(exc: CrosswireError, debug: bool, status: int = 1) -> None:
    if debug:
        raise exc
    _warn(f"error: {exc}")
    sys.exit(status)


def _open(db: str, *, create: bool = False):
    from crosswire.store import open_store

    return open_store(db, create=create)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--published", callback=_date, metavar="YYYY-MM-DD", help="Date for sources that give none.")
@click.option("--embedding-model", envvar="CROSSWIRE_EMBEDDING_MODEL", metavar="DIR",
              help="Your own sentence-embedding model directory (clustering needs one).")
@click.option("--spacy-model", envvar="CROSSWIRE_SPACY_MODEL", metavar="NAME|DIR")
@click.option("--allow-network", "allow_network", multiple=True, metavar="CIDR",
              help="Fetch from this internal network range too (e.g. 127.0.0.0/8); repeatable.")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Set a setting (see the README).")
@click.option("--spark", "spark_master", metavar="MASTER",
              help="Read and analyse the files on a Spark cluster (local[4], spark://host:7077, yarn); SOURCES may "
                   "then be URIs Spark reads (hdfs://, s3a://); stories and the store are made here. Needs "
                   "crosswire[spark].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def ingest(sources, db, published, embedding_model, spacy_model, allow_network, spark_master, overrides, quiet,
           debug) -> None:  # fmt: skip
    """Store articles and sort them into stories; safe to re-run, and to resume after a kill.

    SOURCES are files (WARC/ARC web archives too: each HTML page an article; saved RSS/Atom feeds: each
    entry), folders (every file inside) or http(s) URLs of article pages. Articles already stored are skipped; a changed
    version of a stored URL or record id is kept as a new revision. A URL is fetched politely
    (robots.txt, rate limit) and only from public addresses unless --allow-network names the range;
    a URL that fails is one line and the rest go on.

    Example: crosswire ingest ./articles/ more.jsonl https://example.org/news/1.html --db news.db
    """
    from crosswire.ingest.feeds import ingest_urls
    from crosswire.ingest.fetch import is_url
    from crosswire.spark import is_spark_uri
    from crosswire.store.ingest import ingest as run_ingest

    urls = [s for s in sources if is_url(s)]
    paths = [s for s in sources if not is_url(s)]
    try:
        settings = _settings(overrides, allow_network=",".join(allow_network) if allow_network else None)
        _check_networks(settings["allow_network"])
        if not spark_master and (uri := next((p for p in paths if is_spark_uri(p)), None)):
            raise ConfigError(f"{uri}: Spark reads such a URI: add --spark MASTER (e.g. --spark yarn)")
        with _open(db, create=True) as store, _progress(quiet) as progress:
            task = progress.add_task("ingesting", total=None)

            def on_problem(problem):
                progress.console.print(str(problem), markup=False, soft_wrap=True)  # one line, however long

            # with --spark the executors load spaCy and the embedding model; here only for URLs or a local run
            local = urls or (paths and not spark_master)
            nlp, embedder = (_nlp(spacy_model), _embedder(embedding_model)) if local else (None, None)
            results, read_from = [], []
            on_file = lambda done, total: progress.update(task, completed=done, total=total)  # noqa: E731
            on_cluster = lambda done, total: progress.update(task, description="placing in stories",  # noqa: E731
                                                             completed=done, total=total)  # fmt: skip
            if paths and spark_master:
                from crosswire.spark import ingest_with_spark, spark_session

                results.append(ingest_with_spark(
                    store, paths, spark=spark_session(spark_master), embedding_model=embedding_model,
                    spacy_model=spacy_model, published=published, on_file=on_file, on_problem=on_problem,
                    on_cluster=on_cluster))  # fmt: skip
                read_from.append(f"{results[-1].files} files")
            elif paths:
                results.append(run_ingest(
                    store, paths, nlp=nlp, published=published, embedder=embedder, on_problem=on_problem,
                    processes=settings["processes"], on_file=on_file, on_cluster=on_cluster))  # fmt: skip
                read_from.append(f"{results[-1].files} files")
            if urls:
                results.append(ingest_urls(store, urls, settings=settings, nlp=nlp, embedder=embedder,
                                           published=published, on_problem=on_problem))  # fmt: skip
                read_from.append(f"{len(urls)} URLs")
    except CrosswireError as exc:
        _fail(exc, debug, 2 if isinstance(exc, ConfigError) else 1)
    added, revisions, unchanged = (sum(getattr(r, k) for r in results) for k in ("added", "revisions", "unchanged"))
    _warn(f"{added} new, {revisions} revised, {unchanged} already stored, "
          f"{sum(len(r.problems) for r in results)} skipped, from {' and '.join(read_from)} "
          f"in {sum(r.seconds for r in results):.1f}s")


@main.command()
@_db_option
@click.option("--since", metavar="YYYY-MM-DD", help="Only stories with an article published on or after this date.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many stories.")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def stories(db, since, limit, fmt, debug) -> None:
    """List stories, biggest and newest first.

    Example: crosswire stories --db news.db --since 2025-10-20 --format json
    """
    keys = ("id", "title", "articles", "size", "first_published", "last_published")
    try:
        since_date = _filter_date("--since", since)
        with _open(db) as store:
            found = store.stories(since=since_date, limit=limit)
    except CrosswireError as exc:
        _fail(exc, debug, 2 if isinstance(exc, ConfigError) else 1)
    if fmt == "json":
        click.echo(json.dumps([{k: s[k] for k in keys} for s in found], ensure_ascii=False, indent=2))
        return
    if not found:  # on stderr: the listing itself stays empty for a script reading stdout
        _warn(f"no stories published on or after {since_date.isoformat()}" if since_date else
              f"no stories yet: `crosswire ingest SOURCES --db {db}` adds articles")
    for s in found:
        dates = f"{s['first_published'] or '?'}..{s['last_published'] or '?'}"
        click.echo(f"{s['id']}  {s['size']:>4}  {dates}  {s['title']}")


@main.command()
@click.argument("story_id")
@_db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to this file.")
@click.option("--no-embeddings", is_flag=True, help="Match paraphrases by shared words only (no model).")
@click.option("--spacy-model", envvar="CROSSWIRE_SPACY_MODEL", metavar="NAME|DIR")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def story(story_id, db, fmt, output, no_embeddings, spacy_model, debug) -> None:
    """One story's comparison report, recomputed only when its articles changed.

    Example: crosswire story 3f2a9c01 --db news.db --format html -o story.html
    """
    from crosswire.report import render
    from crosswire.store.reports import story_comparison

    try:
        with _open(db) as store:
            settings = _settings((), spacy_model=spacy_model, embeddings="false" if no_embeddings else None)
            comparison, _ = story_comparison(store, story_id, nlp=_LazyNlp(settings["spacy_model"]), settings=settings)
    except CrosswireError as exc:
        _fail(exc, debug)
    _write(render(comparison, fmt), output, fmt)


@main.command()
@click.argument("query")
@_db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def search(query, db, limit, fmt, debug) -> None:
    """Full-text search over stored articles (title and text) and claim sentences.

    Example: crosswire search "shipbuilding" --db news.db --format json
    """
    try:
        with _open(db) as store:
            hits = store.search(query, limit=limit)
    except CrosswireError as exc:
        _fail(exc, debug)
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
        return
    if not hits:
        _warn(f"no article or claim matches {query!r}" if query.strip() else "nothing to search for: give a word")
    for hit in hits:
        click.echo(f"{hit['kind']:<7} {hit['article']}  story {hit['story']}: {' '.join(hit['snippet'].split())}")


@main.group(invoke_without_command=True)
@_db_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def feeds(ctx, db, fmt, debug) -> None:
    """List the feeds followed: last success, last error, articles taken, partial ones, errors.

    Example: crosswire feeds --db news.db
    """
    if ctx.invoked_subcommand is not None:
        return
    from crosswire.store.feeds import feeds as list_feeds

    try:
        with _open(db) as store:
            found = list_feeds(store)
    except CrosswireError as exc:
        _fail(exc, debug)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        _warn("no feeds: add one with `crosswire feeds add URL`")
    for f in found:
        click.echo(f"{f['id']}  {f['url']}  {f['articles']} articles ({f['partial']} partial), {f['errors']} errors; "
                   f"last success {f['last_success'] or 'never'}"
                   + (f"; last error {f['last_error']}" if f["last_error"] else ""))  # fmt: skip


@feeds.command("add")
@click.argument("url")
@_db_option
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def feeds_add(url, db, debug) -> None:
    """Follow an RSS or Atom feed; `crosswire watch` polls it.

    Example: crosswire feeds add https://example.org/rss.xml --db news.db
    """
    from crosswire.ingest.fetch import is_url
    from crosswire.store.feeds import add_feed

    if not is_url(url):
        _fail(ConfigError(f"{url}: a feed is an http or https URL"), debug, 2)
    try:
        with _open(db, create=True) as store:
            fid, added = add_feed(store, url)
    except CrosswireError as exc:
        _fail(exc, debug)
    _warn(f"{'added' if added else 'already followed'}: feed {fid} {url}")


def _duration(ctx, param, value: str | None) -> float | None:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value)
    if not match or float(match[1]) <= 0:
        raise click.BadParameter(f"{value!r} is not a duration like 90s, 10m or 1h")
    return float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2]]


@main.command()
@_db_option
@click.option("--once", is_flag=True, help="One round over every feed, then exit (for cron).")
@click.option("--every", callback=_duration, metavar="DURATION",
              help="Poll every feed, then again this long after the round started (90s, 10m, 1h), until stopped.")
@click.option("--published", callback=_date, metavar="YYYY-MM-DD", help="Date for pages that give none.")
@click.option("--embedding-model", envvar="CROSSWIRE_EMBEDDING_MODEL", metavar="DIR",
              help="Your own sentence-embedding model directory (clustering needs one).")
@click.option("--spacy-model", envvar="CROSSWIRE_SPACY_MODEL", metavar="NAME|DIR")
@click.option("--allow-network", "allow_network", multiple=True, metavar="CIDR",
              help="Fetch from this internal network range too (e.g. 127.0.0.0/8); repeatable.")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Set a setting (see the README).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def watch(db, once, every, published, embedding_model, spacy_model, allow_network, overrides, debug) -> None:
    """Poll every feed: new entries' pages are fetched, analysed and sorted into stories.

    Unchanged feeds cost one conditional request (304). An entry whose page cannot be read is
    stored from the feed's summary, marked partial. Each feed's outcome is one line on stderr.
    A story that gains a conflicting finding is one line on stderr, once, and is POSTed as JSON
    to the webhook_url setting when set.
    With --every, Ctrl-C or SIGTERM lets the current article finish, stores what was read, and
    exits with status 0.

    Example: crosswire watch --db news.db --every 10m
    """
    import signal
    import threading
    import time

    from crosswire.ingest.alerts import report_conflicts
    from crosswire.ingest.feeds import poll_feeds

    if once == (every is not None):
        _fail(ConfigError("give one of --once and --every DURATION"), debug, 2)
    stop = threading.Event()

    def on_signal(signum, frame):
        if not stop.is_set():
            _warn("stopping after the current article ...")
        stop.set()

    previous = {}
    if every is not None and threading.current_thread() is threading.main_thread():
        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        settings = _settings(overrides, allow_network=",".join(allow_network) if allow_network else None)
        _check_networks(settings["allow_network"])
        with _open(db) as store:
            nlp, embedder = _LazyNlp(spacy_model), _LazyEmbedder(embedding_model)
            while True:
                started = time.monotonic()
                rounds = poll_feeds(store, settings=settings, nlp=nlp, embedder=embedder, published=published,
                                    on_feed=lambda r: _warn(str(r)), should_stop=stop.is_set)  # fmt: skip
                if not rounds:
                    _warn(f"no feeds to watch: add one with `crosswire feeds add URL --db {db}`")
                _warn(f"{len(rounds)} feeds: {sum(r.new for r in rounds)} new articles, "
                      f"{sum(r.partial for r in rounds)} partial, {sum(r.failed for r in rounds)} entries failed, "
                      f"{sum(r.outcome not in ('ok', 'not_modified') for r in rounds)} feeds failed")  # fmt: skip
                stored = [a for r in rounds for a in r.article_ids]
                if stored:
                    try:
                        report_conflicts(store, stored, nlp=nlp, settings=settings, echo=_warn)
                    except CrosswireError as exc:  # the articles are stored; the next change tries again
                        _warn(f"conflict check failed: {str(exc).splitlines()[0]}")
                if every is None or stop.wait(max(0.0, every - (time.monotonic() - started))):
                    break
    except CrosswireError as exc:
        _fail(exc, debug, 2 if isinstance(exc, ConfigError) else 1)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set():
        _warn("stopped")


class _LazyEmbedder:
    """The embedding model, loaded only when a round has something to store."""

    def __init__(self, model_dir: str | None) -> None:
        self._model_dir, self._embedder = model_dir, None

    def __getattr__(self, name):
        if self._embedder is None:
            from crosswire.store.ingest import default_embedder

            self._embedder = _embedder(self._model_dir) or default_embedder()
        return getattr(self._embedder, name)


def _check_networks(value: str) -> None:
    from crosswire.ingest.netguard import parse_networks

    try:
        parse_networks(value)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--read-token", is_flag=True, help="Reads need the token too (pages and GET requests).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests that name this host (on 127.0.0.1 only localhost names are answered, "
                   "so that no web page can reach the server by DNS rebinding; on a network, only these names).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; more serve more requests at once (each holds its own caches).")
@click.option("--debug", is_flag=True, help="Show tracebacks and log every request.")
def serve(db, host, port, read_token, allow_hosts, workers, debug) -> None:
    """Serve the web app and the HTTP API (/openapi.json) over a store; opens no browser.

    Writes (POST /api/articles) need the header 'Authorization: Bearer TOKEN'
    where TOKEN is the CROSSWIRE_TOKEN variable; without it writes are refused.

    Example: crosswire serve --db news.db
    """
    import os

    from crosswire.web import serve as run_server

    try:
        _open(db).close()  # a missing or newer database is refused before listening
    except CrosswireError as exc:
        _fail(exc, debug)
    _warn(f"serving {db} at http://{host}:{port}" + (f" with {workers} processes" if workers > 1 else "")
          + " (Ctrl+C stops)")  # fmt: skip
    run_server(db, host=host, port=port, token=os.environ.get("CROSSWIRE_TOKEN") or None,
               read_token_required=read_token, log_level="info" if debug else "warning", workers=workers,
               allow_hosts=allow_hosts)  # fmt: skip


def _filter_date(name: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{name}: {value!r} is not a date like 2025-10-25") from None


def _progress(quiet: bool):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=console, disable=quiet or not console.is_terminal)  # fmt: skip


def _embedder(model_dir: str | None):
    from crosswire.align.embed import get_embedder

    return get_embedder(model_dir)


class _LazyNlp:
    """The spaCy pipeline, loaded on first use: a stored report needs none."""

    def __init__(self, model: str | None) -> None:
        self._model, self._nlp = model, None

    def __getattr__(self, name):
        if self._nlp is None:
            self._nlp = _nlp(self._model)
        return getattr(self._nlp, name)


def _nlp(model: str | None):
    from crosswire.analyze.nlp import load_nlp

    return load_nlp(model)


def _write(report: str, output: str | None, fmt: str) -> None:
    if output:
        Path(output).write_text(report, encoding="utf-8")
        _warn(f"wrote {output}")
    elif fmt == "terminal":
        sys.stdout.write(report)
    else:
        click.echo(report)


def _print_extract(result: dict) -> None:
    text = result["text"]
    for key in ("entities", "quantities", "times", "quotes"):
        click.echo(f"{key}:")
        for item in result[key]:
            start = item.get("start", item.get("content", {}).get("start"))
            end = item.get("end", item.get("content", {}).get("end"))
            extra = {k: v for k, v in item.items() if k not in ("start", "end", "text")}
            click.echo(f"  {text[start:end]!r} {json.dumps(extra, ensure_ascii=False, default=str)}")


if __name__ == "__main__":  # pragma: no cover
    main()
