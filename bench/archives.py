"""Reading web archives, run by hand: `python bench/archives.py [--pages 250 1000]`.

Writes a gzipped WARC per size the way a crawler does: for each page a request record, the
response (an invented article, bench/feeds.py's, inside ~35 KB of navigation and script, as
real pages carry), and every fifth page an image; then reads it with crosswire's reader:

- pages/s through `crosswire.ingest.read_chunks` (what `crosswire ingest` uses), best of 2;
- peak Python memory (tracemalloc) reading it as ingestion does, a batch of pages at a time
  (each batch dropped once handed on), against reading it whole (`read_archive`, what
  `crosswire compare` uses): the first should stay flat as the archive grows, the second grow.
"""

from __future__ import annotations

import argparse
import io
import pathlib
import sys
import tempfile
import time
import tracemalloc

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feeds import article  # noqa: E402  (bench/feeds.py's invented articles)

NAVIGATION = "".join(f"<li><a href='/section/{k}'>Section {k}</a></li>" for k in range(300))
SCRIPT = "<script>" + "var x = 1;" * 800 + "</script>"


def page(i: int) -> bytes:
    title, text = article(i)
    paragraphs = "".join(f"<p>{text} (Paragraph {k}.)</p>" for k in range(4))
    return (f"<!doctype html><html><head><title>{title}</title>{SCRIPT}</head><body><nav><ul>{NAVIGATION}</ul>"
            f"</nav><article><h1>{title}</h1>{paragraphs}</article><footer>{NAVIGATION}</footer></body>"
            f"</html>").encode()


def write_archive(path: pathlib.Path, pages: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(pages):
            url = f"https://news.example/{i}.html"
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page(i)),
                                                          http_headers=headers))  # fmt: skip
            if i % 5 == 0:
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(f"https://news.example/{i}.png", "response",
                                                              payload=io.BytesIO(b"\x89PNG" + bytes(4000)),
                                                              http_headers=image))  # fmt: skip


def read_streaming(path: pathlib.Path) -> int:
    from crosswire.ingest import read_chunks

    return sum(len(articles) for articles, _ in read_chunks(path))


def read_whole(path: pathlib.Path) -> int:
    from crosswire.ingest import read_all

    articles, _ = read_all([path])
    return len(articles)


def peak_mb(read, path: pathlib.Path) -> float:
    tracemalloc.start()
    read(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[250, 1000])
    args = parser.parse_args()
    read_streaming(_tiny())  # imports and trafilatura's first-call setup, outside the timings
    print("| pages | archive MB | pages/s | peak MB, a batch at a time | peak MB, whole |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for pages in args.pages:
            path = pathlib.Path(folder) / f"crawl-{pages}.warc.gz"
            write_archive(path, pages)
            seconds = []
            for _ in range(2):
                started = time.perf_counter()
                assert read_streaming(path) == pages
                seconds.append(time.perf_counter() - started)
            streaming, whole = peak_mb(read_streaming, path), peak_mb(read_whole, path)
            print(f"| {pages:,} | {path.stat().st_size / 1e6:.1f} | {pages / min(seconds):,.0f} | {streaming:.1f} | "
                  f"{whole:.1f} |")
    return 0


def _tiny() -> pathlib.Path:
    path = pathlib.Path(tempfile.mkdtemp()) / "warm.warc.gz"
    write_archive(path, 2)
    return path


if __name__ == "__main__":
    raise SystemExit(main())
