"""Web archives: the article pages of a WARC (or older ARC) file, as a crawler or an archiving tool saved them.

Every HTML page the archive holds (a `response` record with HTTP status 200, or a
`resource` record, whose type is text/html or application/xhtml+xml) is read with
the HTML reader, as a page fetched from its URL would be: the URL it was captured
from is its `url` and its external id, and names it in messages
("crawl.warc.gz:https://example.org/a: too large"). Requests, metadata,
revisits, redirects, error pages, images and scripts are not articles and are passed
over without a message. A crawl captures section fronts, tag and search pages with the
articles: the pages with no article text are one message for the whole archive, with
a few of their URLs, not a line each. A page that states no date of its own gets the day it was
captured (WARC-Date), marked as inferred.

The archive is streamed record by record (warcio; gzip per record, as crawlers
write it), so its size is not limited; each page is, by `max_bytes`. A file that is
no archive is one error; an archive damaged part way keeps the pages before the
damage and says where it stopped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import pathlib
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from crosswire.errors import CrosswireError, InputError, NoArticleText
from crosswire.ingest.batch import Batch
from crosswire.model import Note, Problem

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_RECORDS = ("response", "resource")


def is_web_archive(name: str) -> bool:
    """A WARC or ARC file, by its name (compressed or not)."""
    return name.lower().endswith(SUFFIXES)


def read_archive(path: pathlib.Path, *, source: str, published: dt.date | None = None, max_bytes: int,
                 stream: BinaryIO | None = None) -> Batch:  # fmt: skip
    """The articles of every HTML page in a web archive (read from `stream` when given); pages that cannot
    be read become Problems."""
    whole = Batch()
    for batch in iter_archive(path, source=source, published=published, max_bytes=max_bytes, stream=stream):
        whole.articles.extend(batch.articles)
        whole.problems.extend(batch.problems)
    return whole


# Pages per batch `iter_archive` yields: a crawl's archive can hold tens of thousands, which ingestion
# stores as they come instead of holding them all
CHUNK_PAGES = 256


def iter_archive(path: pathlib.Path, *, source: str, published: dt.date | None = None, max_bytes: int,
                 chunk: int | None = None, stream: BinaryIO | None = None) -> Iterator[Batch]:  # fmt: skip
    """`read_archive` as it reads: batches of at most `chunk` (CHUNK_PAGES) articles, with the problems met
    meanwhile. `stream`: the archive's bytes, read from there instead of `path` (which then only names it).

    Raises InputError, before yielding anything, for a file that cannot be opened or is no archive.
    """
    if stream is None:
        try:
            stream = path.open("rb")
        except FileNotFoundError as exc:
            raise InputError(source, "file not found") from exc
        except OSError as exc:
            raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    with stream:
        if not _starts_as_archive(stream):
            raise InputError(source, "not a WARC or ARC web archive (it does not open with a WARC or ARC header)")
        batch, records, pages, problems, chunk = Batch(), 0, 0, 0, chunk or CHUNK_PAGES
        textless: list[str] = []  # URLs of the pages with no article text
        try:
            for record, page in _records(stream, max_bytes):
                records += 1
                if page is None:
                    continue
                _add_page(*page, record, source, published, max_bytes, batch, textless)
                if len(batch.articles) >= chunk:
                    pages, problems = pages + len(batch.articles), problems + len(batch.problems)
                    yield batch
                    batch = Batch()
            damage = None
        except _Damaged as exc:
            damage = Problem(source, f"archive damaged after record {records} ({exc}); "
                                     f"the {pages + len(batch.articles)} pages before it were read")
        if textless:
            batch.problems.append(Problem(source, _textless_reason(textless)))
        if damage:
            batch.problems.append(damage)
        if not pages + len(batch.articles) and not problems + len(batch.problems):
            batch.problems.append(Problem(source, f"no HTML pages among its {records} records"))
        yield batch


def _textless_reason(urls: list[str], shown: int = 3) -> str:
    """"2 HTML pages with no article text (section fronts, tag or search pages?): https://a, https://b"."""
    more = f" and {len(urls) - shown:,} more" if len(urls) > shown else ""
    pages = "1 HTML page" if len(urls) == 1 else f"{len(urls):,} HTML pages"
    return f"{pages} with no article text (section fronts, tag or search pages?): {', '.join(urls[:shown])}{more}"


class _Damaged(Exception):
    """The archive cannot be read on from here."""


def _records(stream, max_bytes: int) -> Iterator[tuple[Any, tuple[str, bytes] | None]]:
    """(record, `_page` of it) for each whole record; _Damaged where the archive stops making sense."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import BufferedReader

    # warcio decodes a body the server sent as Content-Encoding: br through the old brotlipy API, which
    # brotli (Google's, now the package of that name) lacks: without this a brotli page breaks the archive
    BufferedReader.DECOMPRESSORS["br"] = _BrotliDecoder
    archive = ArchiveIterator(stream, arc2warc=True)
    reading = iter(archive)
    while True:
        try:
            record = next(reading, None)
            if record is None:
                end = archive.get_record_offset() + (archive.get_record_length() or 0)
                if end and _left_over(stream, end):
                    raise EOFError("the file ends inside a record's header")
                return
            page = _page(record, max_bytes)
            _drain(record)  # before the page is read: a record cut short is damage, not a page
        except Exception as exc:  # warcio raises what its parsing meets (ValueError, zlib.error, AttributeError)
            raise _Damaged(_damage(exc)) from exc
        yield record, page


class _BrotliDecoder:
    """brotli.Decompressor with the interface of zlib's decompress objects that warcio's reader drives."""

    unused_data = b""  # brotli keeps no bytes past the end of its stream for the next member

    def __init__(self) -> None:
        import brotli

        self._decompressor = brotli.Decompressor()

    def decompress(self, data: bytes) -> bytes:
        return self._decompressor.process(data)

    def flush(self) -> bytes:
        return b""


def _damage(exc: Exception) -> str:
    """What a user is told of the damage: warcio's own message, but not the text of an error its code met on
    a header it did not expect ("'NoneType' object has no attribute 'startswith'")."""
    if isinstance(exc, (AttributeError, TypeError, KeyError, IndexError)):
        return "a record whose header cannot be read"
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _starts_as_archive(stream) -> bool:
    """The file opens with a WARC record ("WARC/1.1") or an ARC file header ("filedesc://"), gzipped or not."""
    head = stream.read(2)
    stream.seek(0)
    try:
        start = gzip.GzipFile(fileobj=stream).read(16) if head == b"\x1f\x8b" else stream.read(16)
    except (OSError, EOFError, zlib.error):
        start = b""
    stream.seek(0)
    return start.startswith((b"WARC/", b"filedesc://"))


def _left_over(stream, end: int) -> bool:
    """Bytes other than blank lines after the end of the last record read: a record the reader stopped at."""
    stream.seek(end)
    return bool(stream.read(4096).strip())


def _page(record, max_bytes: int) -> tuple[str, bytes] | None:
    """(captured URL, body up to max_bytes + 1 bytes) of an HTML page record; None for any other record."""
    if record.rec_type not in PAGE_RECORDS or not _is_html_page(record):
        return None
    return record.rec_headers.get_header("WARC-Target-URI") or "", record.content_stream().read(max_bytes + 1)


def _drain(record) -> None:
    """Read the rest of the record; raise EOFError when the file ends inside it (before the length its header
    gives, or inside the header, which then lacks the length every record states)."""
    if not (record.rec_headers.get_header("Content-Length") or "").strip():
        raise EOFError("a record without its length")
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise EOFError("the file ends inside a record")


def _add_page(url: str, body: bytes, record, source: str, published: dt.date | None, max_bytes: int,
              batch: Batch, textless: list[str]) -> None:  # fmt: skip
    """Add the page's article, or its Problem, to `batch`; a page with no article text to `textless`."""
    from crosswire.ingest import parse_bytes, problem_of
    from crosswire.ingest.outlets import outlet_from_url

    label = f"{source}:{url}" if url else source
    try:
        page = parse_bytes(body, label, "", published, max_bytes, fmt="html",  # body: up to max_bytes + 1
                           content_type=_content_type(record))
    except NoArticleText:
        textless.append(url or label)
        return
    except CrosswireError as exc:
        batch.problems.append(problem_of(label, exc))
        return
    captured = _capture_day(record)
    for article in page.articles:
        article = dataclasses.replace(article, url=article.url or url or None, external_id=url or None)
        if not article.outlet and (outlet := outlet_from_url(url)):
            article = dataclasses.replace(article, outlet=outlet, outlet_from="url")
        if article.published is None and captured is not None:
            note = Note("inferred", f"published date taken from the day the page was archived ({captured.isoformat()})")
            article = dataclasses.replace(article, published=captured, published_inferred=True,
                                          notes=(*article.notes, note))  # fmt: skip
        batch.articles.append(article)
    batch.problems.extend(page.problems)


def _is_html_page(record) -> bool:
    """An HTML page as served: status 200 for a response (a redirect or an error page is no article)."""
    if record.rec_type == "response" and (record.http_headers is None or record.http_headers.get_statuscode() != "200"):
        return False
    return _content_type(record).split(";")[0].strip().lower() in HTML_TYPES


def _content_type(record) -> str:
    """The Content-Type the page was served with (a response's HTTP header; a resource record's own)."""
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    return (headers.get_header("Content-Type") if headers is not None else None) or ""


def _capture_day(record) -> dt.date | None:
    """The day of the record's WARC-Date ("2025-10-25T11:02:00Z")."""
    stamp = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return dt.date.fromisoformat(stamp[:10])
    except ValueError:
        return None
