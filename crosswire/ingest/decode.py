"""Bytes in, text out, or a one-line reason why not.

Checks run cheapest first: size (from the file system, before reading a byte,
so a 50 MB file is refused at once), emptiness, byte-order marks, NUL bytes,
UTF-8, then charset-normalizer with a chaos threshold, and last a check that the
decoded text is mostly printable.
"""

from __future__ import annotations

import codecs
import gzip
import io
import pathlib
import re
import zlib

from crosswire.errors import BinaryInput, EmptyInput, InputError, TooLarge, UndecodableInput

DEFAULT_MAX_BYTES = 20_000_000
# charset-normalizer's "chaos" (0..1) above which a guess is not trusted: real
# text in a legacy encoding scores near 0; random bytes score far higher.
MAX_CHAOS = 0.2
# Share of control characters (other than tab/newline) above which decoded
# "text" is binary data that happened to decode.
MAX_CONTROL_SHARE = 0.05

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def check_size(size: int, source: str, max_bytes: int) -> None:
    """Refuse a source of `size` bytes over the limit."""
    if size > max_bytes:
        raise TooLarge(source, f"too large: {_megabytes(size)} is over the {_megabytes(max_bytes)} limit")


def read_bytes(path: pathlib.Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, refusing missing files, directories and big files first."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise InputError(source, "file not found") from exc
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    if path.is_dir():  # expand_sources gives the files under a folder, and an empty folder as itself
        if not any(p.is_file() for p in path.rglob("*")):
            raise InputError(source, "a folder with no files to read")
        raise InputError(source, "is a directory, not a file")
    check_size(info.st_size, source, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the size can change between stat and read
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise TooLarge(source, f"too large: over the {_megabytes(max_bytes)} limit")
    return data


def read_stream(stream, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Up to max_bytes from a binary stream (standard input)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(source, f"too large: over the {_megabytes(max_bytes)} limit")
    return data


def normalize_newlines(text: str) -> str:
    """\\r\\n and \\r become \\n: offsets then mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str, source: str) -> str:
    """Refuse decoded text that is empty or not text at all."""
    if not text.strip():
        raise EmptyInput(source, "empty file")
    if "\x00" in text:
        raise BinaryInput(source, "binary file (NUL bytes)")
    sample = text[:100_000]
    control = len(re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]", sample))
    if control > MAX_CONTROL_SHARE * len(sample):
        raise BinaryInput(source, "binary file (mostly non-text characters)")
    return normalize_newlines(text)


# Formats people save articles in that crosswire does not read, told by their first bytes: naming the format
# says what to do, where "binary file" leaves the user guessing
_SAVE_AS_TEXT = "crosswire reads text, HTML, JSON, feeds and web archives: save its text first"
KNOWN_BINARY = (
    (b"%PDF-", f"a PDF document; {_SAVE_AS_TEXT}"),
    (b"PK\x03\x04", f"a ZIP archive (or a Word, OpenDocument or EPUB file); {_SAVE_AS_TEXT}, or unpack it"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"an old Microsoft Office document; {_SAVE_AS_TEXT}"),
    (b"{\\rtf", f"an RTF document; {_SAVE_AS_TEXT}"),
    (b"\x89PNG", "an image (PNG), not an article"),
    (b"\xff\xd8\xff", "an image (JPEG), not an article"),
    (b"GIF8", "an image (GIF), not an article"),
)
GZIP_MAGIC = b"\x1f\x8b"


def inflated(data: bytes, source: str, max_bytes: int) -> bytes:
    """The bytes as they are, or the content of gzip-compressed ones ("news.jsonl.gz"), refused past max_bytes
    as it is inflated (a few kilobytes can inflate to gigabytes)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            content = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise UndecodableInput(source, f"damaged gzip file ({exc})".splitlines()[0]) from None
    if len(content) > max_bytes:
        raise TooLarge(source, f"too large: over the {_megabytes(max_bytes)} limit once decompressed")
    return content


def decode(data: bytes, source: str) -> str:
    """Decode bytes as text: BOM, then UTF-8, then a trusted charset-normalizer guess."""
    if not data.strip():
        raise EmptyInput(source, "empty file")
    for magic, what in KNOWN_BINARY:
        if data.startswith(magic):
            raise BinaryInput(source, what)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return check_text(data.decode(encoding), source)
            except UnicodeDecodeError as exc:
                raise UndecodableInput(source, f"cannot decode as {encoding} despite its byte-order mark") from exc
    if b"\x00" in data:
        raise BinaryInput(source, "binary file (NUL bytes)")
    try:
        return check_text(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only for the rare non-UTF-8 file

    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise UndecodableInput(source, "cannot decode: not UTF-8 and no other encoding fits")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UndecodableInput(source, f"cannot decode as {best.encoding}") from exc
    return check_text(text, source)


# A page's declared encoding: in its Content-Type, else in a <meta> tag
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{1,40})""", re.IGNORECASE)
_META = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{1,40})""", re.IGNORECASE)


def declared_charset(content_type: str, body: bytes) -> str | None:
    """The codec a page says it is in: the Content-Type's charset, else a <meta> one in its first 4 kB; None when
    there is none, or it is unknown or not ASCII-compatible (a UTF-16 label on bytes with no byte-order mark).
    Latin-1 and ASCII labels mean windows-1252, as in browsers (WHATWG Encoding)."""
    found = _CHARSET.search(content_type or "")
    label = found.group(1) if found else None
    if label is None and (meta := _META.search(body[:4096])):
        label = meta.group(1).decode("ascii")
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
        if "<p a='1'>".encode(name) != b"<p a='1'>":
            return None
    except (LookupError, UnicodeError, ValueError):
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_page(body: bytes, content_type: str, url: str) -> str:
    """A web page's text (fetched, or from a web archive). Valid UTF-8 (or a byte-order mark) is read as such;
    other bytes in the charset the page declares (its Content-Type, else its <meta>) when they decode in it; else
    as a file is (decode: a guess trusted only when it fits, so a short page in Latin-1 does not come out as
    "Seńor")."""
    charset = declared_charset(content_type, body)
    if charset and charset != "utf-8" and b"\x00" not in body:
        if not body.startswith(tuple(bom for bom, _ in BOMS) + tuple(magic for magic, _ in KNOWN_BINARY)):
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                for codec in (charset, "latin-1") if charset == "cp1252" else (charset,):
                    try:
                        return check_text(body.decode(codec), url)
                    except UnicodeDecodeError:
                        continue
    return decode(body, url)
