"""Web archives (WARC / ARC): every HTML page is an article, the rest passed over, damage reported in one line.

The archives are written here with warcio from our own example page and pages made up for the test.
"""

import datetime as dt
import gzip
import io
import pathlib

import brotli
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosswire.errors import InputError
from crosswire.extract import extract_source
from crosswire.ingest import archives, read_all, read_batch, read_source
from crosswire.report.common import published_text
from crosswire.store import open_store
from crosswire.store.ingest import ingest

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
COURIER = (EXAMPLES / "harbor-strike-courier.html").read_bytes()  # states its own date (2025-10-13)
COURIER_URL = "https://www.coastalcourier.example/news/2025/10/13/halvergate-port-strike"
UNDATED_URL = "https://bayherald.example/2025/10/14/ferry"
UNDATED = ("<html><head><title>Ferry service resumes</title></head><body><article><h1>Ferry service resumes</h1>"
           + "".join(f"<p>The island ferry ran again on its morning route after a week of repairs to the landing "
                     f"ramp, and the operator said the timetable would be back to normal by the weekend. Paragraph "
                     f"{k} of the report.</p>" for k in range(4))
           + "</article></body></html>").encode()
NAV_URL = "https://bayherald.example/"
NAV = b"<html><body><nav><a href='/a'>News</a> <a href='/b'>Sport</a></nav></body></html>"


def _write(path: pathlib.Path, records: list[tuple], compress: bool = True) -> pathlib.Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "crosswire tests"}))
        for kind, url, status, content_type, body, *encoding in records:
            headers = None
            if kind == "response":
                fields = [("Content-Type", content_type)] + [("Content-Encoding", e) for e in encoding]
                headers = StatusAndHeaders(status, fields, protocol="HTTP/1.1")
            warc_headers = {"WARC-Date": "2025-10-14T09:30:00Z"}
            if kind == "resource":
                warc_headers["Content-Type"] = content_type
            writer.write_record(writer.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=headers,
                                                          warc_headers_dict=warc_headers))
    return path


def _crawl(tmp_path, name="crawl.warc.gz", compress=True):
    return _write(tmp_path / name, [
        ("request", COURIER_URL, None, None, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("response", COURIER_URL, "200 OK", "text/html; charset=utf-8", COURIER),
        ("response", "https://bayherald.example/old", "301 Moved Permanently", "text/html", b"<html>moved</html>"),
        ("response", "https://bayherald.example/missing", "404 Not Found", "text/html", UNDATED),
        ("response", "https://bayherald.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("response", NAV_URL, "200 OK", "text/html", NAV),
        ("resource", UNDATED_URL, None, "text/html", UNDATED),
    ], compress)


@pytest.mark.parametrize("name, compress", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_every_html_page_of_an_archive_is_an_article_named_by_its_url(tmp_path, name, compress):
    batch = read_batch(_crawl(tmp_path, name, compress))
    assert [a.external_id for a in batch.articles] == [COURIER_URL, UNDATED_URL]
    courier, ferry = batch.articles
    assert courier.outlet == "The Coastal Courier" and courier.published == dt.date(2025, 10, 13)
    assert "2,400 members" in courier.text and courier.source == f"{tmp_path / name}:{COURIER_URL}"
    # a page without a date of its own: the day it was archived, marked as a guess
    assert ferry.published == dt.date(2025, 10, 14) and ferry.published_inferred
    assert any("archived" in n.message for n in ferry.notes if n.kind == "inferred")
    assert ferry.url == UNDATED_URL and ferry.outlet  # from its address
    # the redirect, the 404, the image and the request are no articles and no problems; the nav page is a problem
    assert [(p.source, p.reason) for p in batch.problems] == [
        (str(tmp_path / name), f"1 HTML page with no article text (section fronts, tag or search pages?): {NAV_URL}")]


def test_a_crawls_pages_without_article_text_are_one_line_with_a_few_of_their_urls(tmp_path):
    fronts = [f"https://bayherald.example/section/{k}" for k in range(5)]
    archive = _write(tmp_path / "crawl.warc.gz", [("response", COURIER_URL, "200 OK", "text/html", COURIER)]
                     + [("response", url, "200 OK", "text/html", NAV) for url in fronts])
    articles, problems = read_all([archive])
    assert [a.external_id for a in articles] == [COURIER_URL]
    assert [str(p) for p in problems] == [f"skipped {archive}: 5 HTML pages with no article text (section fronts, "
                                          f"tag or search pages?): {', '.join(fronts[:3])} and 2 more"]


@pytest.mark.parametrize("encoding, encode", [("br", brotli.compress), ("gzip", gzip.compress)])
def test_a_page_saved_as_the_server_compressed_it_is_read(tmp_path, encoding, encode):
    # crawlers keep the body as served; brotli is what most sites send browsers now
    archive = _write(tmp_path / "crawl.warc.gz", [("response", COURIER_URL, "200 OK", "text/html", encode(COURIER),
                                                   encoding)])
    batch = read_batch(archive)
    assert [a.external_id for a in batch.articles] == [COURIER_URL] and not batch.problems
    assert "2,400 members" in batch.articles[0].text


def test_the_callers_date_comes_before_the_day_of_archiving(tmp_path):
    batch = read_batch(_crawl(tmp_path), published=dt.date(2025, 10, 12))
    assert batch.articles[1].published == dt.date(2025, 10, 12) and not batch.articles[1].published_inferred


def test_a_file_that_is_no_archive_is_one_line_and_the_batch_goes_on(tmp_path):
    fake = tmp_path / "notes.warc.gz"
    fake.write_bytes(b"this is not an archive at all\n")
    gzipped = tmp_path / "other.warc.gz"
    gzipped.write_bytes(gzip.compress(b"hello, plain words in a gzip file\n"))
    articles, problems = read_all([fake, gzipped, EXAMPLES / "harbor-strike-gazette.txt"])
    assert len(articles) == 1
    assert [p.source for p in problems] == [str(fake), str(gzipped)]
    assert all(p.reason.startswith("not a WARC or ARC web archive") and "\n" not in p.reason for p in problems)


@pytest.mark.parametrize("name, compress, cut_bytes", [("crawl.warc.gz", True, 200), ("crawl.warc.gz", True, 500),
                                                       ("crawl.warc", False, 200), ("crawl.warc", False, 2000)])
def test_an_archive_cut_short_keeps_the_pages_before_the_damage(tmp_path, name, compress, cut_bytes):
    whole = _crawl(tmp_path, name, compress).read_bytes()
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(whole[: len(whole) - cut_bytes])  # the last record (the ferry page) is cut short
    batch = read_batch(cut)
    assert [a.external_id for a in batch.articles] == [COURIER_URL]
    assert batch.problems[-1].source == str(cut) and "damaged after record" in batch.problems[-1].reason


def test_an_archive_of_nothing_but_non_pages_says_so(tmp_path):
    archive = _write(tmp_path / "images.warc.gz", [("response", "https://x.example/a.png", "200 OK", "image/png",
                                                      b"\x89PNG" + bytes(32))])
    articles, problems = read_all([archive])
    assert not articles and problems[0].reason == "no HTML pages among its 2 records"


def test_a_page_over_the_size_limit_is_refused_alone(tmp_path):
    batch = read_batch(_crawl(tmp_path), max_bytes=len(COURIER) - 1)
    assert [a.external_id for a in batch.articles] == [UNDATED_URL]
    assert any(p.source.endswith(COURIER_URL) and "too large" in p.reason for p in batch.problems)


def test_ingest_takes_an_archive_from_a_folder_and_keeps_each_pages_url_as_its_id(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _crawl(folder)
    with open_store(str(tmp_path / "news.db"), create=True) as store:
        result = ingest(store, [folder], processes=1)
        stored = sorted(e for story in store.stories() for e in story["articles"])
        again = ingest(store, [folder], processes=1)
    assert stored == sorted([COURIER_URL, UNDATED_URL])
    assert (result.added, again.added, again.unchanged) == (2, 0, 2)  # a second run stores nothing twice


def test_extract_takes_one_text_and_says_what_to_do_with_an_archive(tmp_path):
    with pytest.raises(InputError, match="web archive holds many pages: compare or ingest it"):
        extract_source(str(_crawl(tmp_path)))


def test_a_page_dated_by_its_archiving_shows_the_date_as_inferred_not_the_year(tmp_path):
    courier, ferry = read_batch(_crawl(tmp_path)).articles
    assert published_text(ferry) == "2025-10-14 (date inferred)" and published_text(courier) == "2025-10-13"


def test_ingest_stores_an_archive_as_it_reads_it_and_counts_progress_by_file(tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "CHUNK_PAGES", 1)  # every page its own group
    folder = tmp_path / "in"
    folder.mkdir()
    _crawl(folder)
    (folder / "gazette.txt").write_bytes((EXAMPLES / "harbor-strike-gazette.txt").read_bytes())
    assert [len(b.articles) for b in archives.iter_archive(folder / "crawl.warc.gz", source="a", max_bytes=10**7)] \
        == [1, 1, 0]  # the last with the navigation page's problem
    progress = []
    with open_store(str(tmp_path / "news.db"), create=True) as store:
        result = ingest(store, [folder], processes=1, on_file=lambda done, total: progress.append((done, total)))
    assert result.added == 3 and len(result.problems) == 1
    assert progress == sorted(progress) and progress[-1] == (2, 2) and all(done <= 2 for done, _ in progress)


def test_a_record_whose_header_lies_is_damage_told_in_words_not_pythons(tmp_path):
    lying = tmp_path / "lying.warc"
    lying.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\nshort")
    articles, problems = read_all([lying])
    assert not articles and [p.reason for p in problems] == [
        "archive damaged after record 0 (a record whose header cannot be read); the 0 pages before it were read"]


def test_an_archived_page_is_decoded_in_the_charset_it_was_served_with(tmp_path):
    # as a fetched page is: a short page in Latin-1 had been left to a guess ("Seńor")
    page = ("<html><head><title>Harbor talks</title></head><body><article><h1>Harbor talks resume</h1>"
            "<p>Se\u00f1or Mu\u00f1oz, who speaks for the dock workers, said on Tuesday that talks with the harbor "
            "authority would resume on Monday. About 1,200 workers have been on strike since Sunday, and forty "
            "ships are waiting outside the port, the harbor master said.</p></article></body></html>")
    archive = _write(tmp_path / "latin.warc.gz", [
        ("response", "https://harbor.example/a", "200 OK", "text/html; charset=ISO-8859-1", page.encode("latin-1")),
    ])
    [article] = read_source(archive)
    assert "Se\u00f1or Mu\u00f1oz" in article.text
