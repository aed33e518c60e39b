"""ingest: anything -> Article.

    read_source(source, *, published=None, max_bytes=20_000_000) -> list[Article]
    read_all(sources, *, published=None) -> (articles, problems)
    expand_sources(sources) -> paths: a folder becomes the files under it
    read_text(text, *, source="<stdin>", published=None, fmt="auto") -> Article
    read_texts(text, *, source="<stdin>", published=None, fmt="auto") -> list[Article]

A source is a path, or "-" for standard input. Its format comes from the file
extension, else from sniffing the first characters ("<html"/"<!doctype" ->
html; "{"/"[" -> json, falling back to text when it does not parse; else
text). Readers live in `READERS`, a plain dict: add a format by adding a row.
A web archive (.warc, .warc.gz, .arc, .arc.gz) is read page by page
(`crosswire.ingest.archives`): each HTML page in it is one article.

Articles come out *uncleaned* (`text == raw_text`) with Notes marking the
title, header lines and dateline; run `crosswire.clean.clean` next.

What `raw_text` is, per format: text files -> the whole file as decoded
(newlines normalised to "\\n"); HTML -> the text trafilatura extracts; JSON ->
the record's text field (markup in it, "<p>...</p>", read as HTML: its text,
one paragraph per line). `Article.id` is a short sha256 of `raw_text`.

`published` is the caller's date: used when the source states none, and as
the year source for a dateline without a year (then flagged inferred). The
machine's clock is never used.
"""

from __future__ import annotations

import datetime as dt
import io
import pathlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator

from crosswire.errors import CrosswireError, InputError
from crosswire.ingest.archives import is_web_archive, iter_archive, read_archive
from crosswire.ingest.batch import Batch
from crosswire.ingest.dates import infer_year, partial_date, with_published
from crosswire.ingest.decode import (
    DEFAULT_MAX_BYTES, check_size, check_text, decode, decode_page, inflated, read_bytes, read_stream,
)
from crosswire.ingest.records import read_records
from crosswire.ingest.text import read_plain
from crosswire.model import Article, Problem

__all__ = [
    "READERS",
    "Batch",
    "detect_format",
    "expand_sources",
    "infer_year",
    "partial_date",
    "read_all",
    "read_batch",
    "read_chunks",
    "read_source",
    "read_text",
    "read_texts",
    "with_published",
]


def _read_html(text: str, *, source: str, published: dt.date | None = None) -> Batch:
    from crosswire.ingest.html import read_html  # trafilatura loads only for HTML

    return read_html(text, source=source, published=published)


def _read_feed(text: str, *, source: str, published: dt.date | None = None) -> Batch:
    from crosswire.ingest.feedfile import read_feed  # feedparser loads only for feeds

    return read_feed(text, source=source, published=published)


def _read_xml(text: str, *, source: str, published: dt.date | None = None) -> Batch:
    raise InputError(source, "an XML file that is no RSS or Atom feed: crosswire reads text, HTML, JSON, feeds "
                             "and web archives")  # fmt: skip


Reader = Callable[..., Batch]  # reader(text, *, source, published) -> Batch
READERS: dict[str, Reader] = {"text": read_plain, "html": _read_html, "json": read_records, "feed": _read_feed,
                              "xml": _read_xml}  # fmt: skip

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".rss": "feed", ".atom": "feed",
}  # fmt: skip
# The root elements of RSS 2.0 / 0.9x, Atom and RSS 1.0 (RDF)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b")
STDIN = "<stdin>"


def detect_format(text: str, name: str = "") -> str:
    """ "text" | "html" | "json" | "feed" | "xml" (any other XML): by extension, else by the first characters."""
    suffix = pathlib.PurePath(name).suffix.lower() if name else ""
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    head = text.lstrip()[:1000].lower()
    if re.match(r"<(?:!doctype\s+html|html|head|body|meta|article)\b", head) or (
        head.startswith("<") and "<html" in head
    ):
        return "html"
    if head.startswith(("<?xml", "<rss", "<feed", "<rdf:rdf")) or suffix == ".xml":
        return "feed" if _FEED_ROOT.search(head) else "xml"
    if head[:1] in ("{", "["):
        return "json"
    return "text"


def _parse(text: str, *, source: str, name: str, published: dt.date | None, fmt: str = "auto") -> Batch:
    text = check_text(text, source)
    if fmt == "auto":
        fmt = detect_format(text, name)
        sniffed = pathlib.PurePath(name).suffix.lower() not in EXTENSIONS
    else:
        sniffed = False
    if fmt not in READERS:
        raise InputError(source, f"unknown format {fmt!r} (known: {', '.join(READERS)})")
    if fmt == "json" and sniffed:
        # "[Update] Port strike ends" is text that happens to open with a bracket.
        try:
            return READERS["json"](text, source=source, published=published)
        except InputError:
            return READERS["text"](text, source=source, published=published)
    return READERS[fmt](text, source=source, published=published)


def read_batch(
    source: str | pathlib.Path, *, published: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Batch:
    """The articles in one source, and the records in it that could not be read.

    Raises an InputError when the source as a whole cannot be read.
    """
    if str(source) == "-":
        return parse_bytes(read_stream(sys.stdin.buffer, STDIN, max_bytes), STDIN, "", published, max_bytes)
    path = pathlib.Path(source)
    label = str(source)
    if is_web_archive(path.name):  # streamed page by page: no size limit on the archive, one on each page
        return read_archive(path, source=label, published=published, max_bytes=max_bytes)
    return parse_bytes(read_bytes(path, label, max_bytes), label, path.name, published, max_bytes)


def read_source(
    source: str | pathlib.Path, *, published: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Article]:
    """Every article in one source ("-" is standard input); one file may hold many records.

    Raises InputError (or a subclass) when nothing can be read. Records that fail
    while others succeed are skipped; `read_all` reports them as Problems.
    """
    batch = read_batch(source, published=published, max_bytes=max_bytes)
    if not batch.articles and batch.problems:
        raise InputError(str(source), f"no readable records ({batch.problems[0].reason})")
    return batch.articles


def expand_sources(sources: Iterable[str | pathlib.Path | tuple[str, bytes]]) -> list[str | tuple[str, bytes]]:
    """Files as given; a folder means every file under it, sorted, hidden ones skipped. A folder with no such file
    stays itself, so that reading it says so. A (name, bytes) pair, read by something else, stays as it is."""
    paths: list[str | tuple[str, bytes]] = []
    for source in sources:
        if isinstance(source, tuple):
            paths.append(source)
            continue
        path = pathlib.Path(source)
        if str(source) != "-" and path.is_dir():
            files = [str(p) for p in sorted(path.rglob("*"))
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)]
            paths.extend(files or [str(source)])
        else:
            paths.append(str(source))
    return paths


def read_all(
    sources: Iterable[str | pathlib.Path], *, published: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Article], list[Problem]]:
    """Read every source; a bad file or record becomes a Problem and the batch goes on."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for source in sources:
        label = STDIN if str(source) == "-" else str(source)
        try:
            batch = read_batch(source, published=published, max_bytes=max_bytes)
        except (CrosswireError, *UNFORESEEN) as exc:
            problems.append(problem_of(label, exc))
            continue
        articles.extend(batch.articles)
        problems.extend(batch.problems)
        if not batch.articles and not batch.problems:
            problems.append(Problem(label, "no articles"))
    return articles, problems


def read_chunks(
    source: str | pathlib.Path,
    *,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    data: bytes | None = None,
) -> Iterator[tuple[list[Article], list[Problem]]]:
    """`read_all` of one source as it is read: a web archive's pages a few hundred at a time (a crawl's
    archive holds tens of thousands), any other source at once.

    `data`: the source's bytes when something else read them (Spark, from HDFS or S3); `source` then
    only names it, a path or a URI whose last part is the file's name.
    """
    label = STDIN if str(source) == "-" else str(source)
    name = pathlib.PurePosixPath(label).name
    if data is None and (label == STDIN or not is_web_archive(name)):
        yield read_all([source], published=published, max_bytes=max_bytes)
        return
    try:
        if is_web_archive(name):
            stream = None if data is None else io.BytesIO(data)
            for batch in iter_archive(pathlib.Path(label), source=label, published=published, max_bytes=max_bytes,
                                      stream=stream):  # fmt: skip
                yield batch.articles, batch.problems
            return
        batch = parse_bytes(data, label, name, published, max_bytes)
        yield batch.articles, batch.problems or ([] if batch.articles else [Problem(label, "no articles")])
    except (CrosswireError, *UNFORESEEN) as exc:  # raised before any article: the source cannot be read
        yield [], [problem_of(label, exc)]


# Errors no reader raises on purpose, but one file must not stop the batch
UNFORESEEN = (OSError, ValueError, RecursionError)


def problem_of(label: str, exc: Exception) -> Problem:
    """The one-line Problem of a source that could not be read."""
    if isinstance(exc, CrosswireError):
        return Problem(label, getattr(exc, "reason", None) or str(exc))
    return Problem(label, f"cannot read: {type(exc).__name__}: {exc}".splitlines()[0])


def parse_bytes(data: bytes, label: str, name: str, published: dt.date | None, max_bytes: int,
                fmt: str = "auto", content_type: str | None = None) -> Batch:  # fmt: skip
    """The articles in a file's bytes, as `read_batch` reads a file (`name` gives the format by its extension).
    Gzip-compressed bytes ("news.jsonl.gz") are read as what they hold, named without ".gz". A web page's bytes
    come with the Content-Type it was served with (`content_type`): the charset it declares there, or in its
    <meta>, decodes what is not UTF-8."""
    check_size(len(data), label, max_bytes)
    if (content := inflated(data, label, max_bytes)) is not data:
        data, name = content, re.sub(r"(?i)\.gz(?:ip)?$", "", name)
    text = decode(data, label) if content_type is None else decode_page(data, content_type, label)
    return _parse(text, source=label, name=name, published=published, fmt=fmt)


def read_text(
    text: str, *, source: str = STDIN, published: dt.date | None = None, fmt: str = "auto"
) -> Article:
    """One article from a string (standard input, a web form, a test)."""
    articles = read_texts(text, source=source, published=published, fmt=fmt)
    if len(articles) != 1:
        raise InputError(source, f"holds {len(articles)} articles; read it with read_texts")
    return articles[0]


def read_texts(
    text: str, *, source: str = STDIN, published: dt.date | None = None, fmt: str = "auto"
) -> list[Article]:
    """Every article of a string, as of a file named `source` (JSON Lines records, a feed's entries); an
    InputError when none can be read."""
    batch = _parse(text, source=source, name="" if source == STDIN else source, published=published, fmt=fmt)
    if batch.problems and not batch.articles:
        raise InputError(source, batch.problems[0].reason)
    return batch.articles
