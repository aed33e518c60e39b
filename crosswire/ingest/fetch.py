"""Fetching URLs politely and safely (the only module importing httpx).

    fetch(url, *, client=None, settings=None, conditional=None) -> FetchResult
    read_url(url, *, settings=None, client=None, published=None) -> Batch

One GET, with:

- safety: every URL, the first and each redirect's, goes through
  `netguard.check_url` (http/https, public addresses only unless a range is
  allowed), and the connection goes to one of the checked addresses (the name
  is not resolved again; https still verifies the certificate for the name);
- redirects followed by hand, at most `max_redirects`;
- timeouts: `fetch_timeout` seconds per connect/read/write, and three times
  that for the whole response, headers included: every read on the
  connection waits at most until that deadline, so a server that trickles a
  byte at a time cannot hold a fetch;
- a size cap: a Content-Length over `fetch_max_bytes` is refused before
  reading, and a body is streamed and reading stops at the cap; a compressed
  body (gzip, deflate, brotli, stacked or not) is inflated here piece by
  piece, so the cap applies to the decompressed bytes and a small "bomb"
  never inflates past it in memory; the body of a response that is not 2xx
  is not read;
- retries on 429 and 5xx, at most `fetch_retries`, with exponential backoff,
  honouring Retry-After (seconds or a date; a negative or unreadable one
  means the backoff); a Retry-After longer than `retry_max_wait` is not
  waited for: the fetch fails instead;
- a User-Agent naming crosswire and its version (`user_agent` replaces it);
- conditional requests: pass the previous ETag / Last-Modified and a 304 comes
  back as `not_modified=True` with an empty body;
- a per-host rate limit: at least `rate_limit` seconds between two requests to
  one host from this process;
- robots.txt (read through this same safe path, cached per host for an hour,
  its first 500 kB parsed when it is longer, as RFC 9309 allows) unless
  `robots` is false.

A response that is not 2xx or 304 after retries, a timeout, a refused URL, a
page robots.txt disallows or an oversized body raises FetchError (UnsafeURL
for a refused URL) with a one-line message; its `outcome` attribute is one of
OUTCOMES, for the fetch log.

Proxies from the environment are not used (trust_env=False): a proxy would
resolve names itself and undo the address check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import json
import re
import threading
import time
import urllib.parse
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

try:
    import brotli
except ImportError:  # pragma: no cover - brotli comes with crosswire
    brotli = None

from crosswire import __version__
from crosswire.errors import BinaryInput, FetchError, UnsafeURL
from crosswire.ingest import netguard

OUTCOMES = ("ok", "not_modified", "robots", "unsafe", "http_error", "timeout", "network", "too_large")
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
BACKOFF = 0.5  # seconds before the first retry when the server gives no Retry-After; doubles each time
ROBOTS_TTL = 3600.0
ROBOTS_MAX_BYTES = 500_000  # RFC 9309: parse at least 500 KiB; what follows is ignored
PIECE = 65_536  # the most bytes one step of inflating a compressed body gives at a time
DEFAULT_USER_AGENT = f"crosswire/{__version__} (news comparison; +https://pypi.org/project/crosswire/)"

# The settings fetch() reads (crosswire/settings.py has their defaults and help).
FETCH_SETTINGS = ("allow_network", "robots", "user_agent", "fetch_timeout", "fetch_max_bytes", "fetch_retries",
                  "retry_max_wait", "max_redirects", "rate_limit")  # fmt: skip


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes
    etag: str | None
    last_modified: str | None
    not_modified: bool
    outcome: str  # "ok" | "not_modified"
    redirects: tuple[str, ...] = field(default=())
    attempts: int = 1


def _fail(message: str, outcome: str, status: int | None = None, cls: type[FetchError] = FetchError) -> FetchError:
    exc = cls(message)
    exc.outcome = outcome  # type: ignore[attr-defined]
    exc.status = status  # type: ignore[attr-defined]
    return exc


def outcome_of(exc: BaseException) -> str:
    """The fetch-log outcome of an error fetch() raised."""
    if isinstance(exc, UnsafeURL):
        return "unsafe"
    return getattr(exc, "outcome", "network")


# -- per-host state, shared by every fetch in this process ---------------------


class RateLimiter:
    """At least `interval` seconds between the starts of two requests to one host."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def wait(self, host: str, interval: float) -> float:
        """Sleep until `host` may be asked again; return the seconds slept."""
        if interval <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return max(delay, 0.0)


LIMITER = RateLimiter()
_ROBOTS: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
_ROBOTS_LOCK = threading.Lock()


def reset_state() -> None:
    """Forget rate-limit times and cached robots.txt files (for tests and long-running watchers)."""
    global LIMITER
    LIMITER = RateLimiter()
    with _ROBOTS_LOCK:
        _ROBOTS.clear()


# -- settings -------------------------------------------------------------------


def _options(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    from crosswire.settings import SETTINGS

    options = {s.name: s.default for s in SETTINGS if s.name in FETCH_SETTINGS}
    if settings:
        options.update({k: v for k, v in settings.items() if k in FETCH_SETTINGS})
    try:
        options["allow_network"] = netguard.parse_networks(options["allow_network"])
    except ValueError as exc:
        raise _fail(str(exc), "unsafe", cls=UnsafeURL) from None
    options["user_agent"] = options["user_agent"] or DEFAULT_USER_AGENT
    return options


# -- the fetch -------------------------------------------------------------------


def new_client() -> httpx.Client:
    """A client to share between fetches (connections are reused); close it, or use it in a with block.

    No proxies from the environment: a proxy would resolve names itself and undo the address check.
    """
    return httpx.Client(follow_redirects=False, trust_env=False)


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    settings: Mapping[str, Any] | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
    refuse_types: tuple[str, ...] = (),
) -> FetchResult:
    """GET `url` under the rules in the module docstring; `etag`/`last_modified` make it conditional.

    A 2xx response whose media type starts with one of `refuse_types` ("image/", ...) is refused with a
    BinaryInput before its body is read.
    """
    options = _options(settings)
    options["refuse_types"] = tuple(refuse_types)
    own = client is None
    if own:
        client = new_client()
    try:
        return _get(url, client, options, sleep, etag=etag, last_modified=last_modified)
    finally:
        if own:
            client.close()


def _header_safe(value: str | None) -> str | None:
    """A validator from an earlier response, if it can be sent back as it is (printable ASCII only)."""
    return value if value and value.isascii() and value.isprintable() else None


def _get(url, client, options, sleep, *, etag=None, last_modified=None, robots_check=True) -> FetchResult:
    headers = {"User-Agent": options["user_agent"], "Accept-Encoding": ACCEPT_ENCODING}
    # a validator that cannot be sent (a server put other bytes in its ETag) means an unconditional request
    if _header_safe(etag):
        headers["If-None-Match"] = etag
    if _header_safe(last_modified):
        headers["If-Modified-Since"] = last_modified
    current, redirects, attempts = url, [], 0
    while True:
        target = netguard.check_url(current, allow=options["allow_network"])
        if robots_check and options["robots"]:
            _check_robots(current, client, options, sleep)
        retries = 0
        while True:
            attempts += 1
            status, response_headers, body = _request(target, client, headers, options)
            if status not in RETRY_STATUSES or retries >= options["fetch_retries"]:
                break
            wait = _retry_after(response_headers.get("retry-after"))
            if wait is None:
                wait = BACKOFF * 2**retries
            if wait > options["retry_max_wait"]:
                raise _fail(f"{current}: HTTP {status}; the server asks to wait {wait:.0f}s, more than "
                            f"retry_max_wait ({options['retry_max_wait']:g}s)", "http_error", status)  # fmt: skip
            sleep(wait)
            retries += 1
        if status in REDIRECT_STATUSES:
            location = response_headers.get("location")
            if not location:
                raise _fail(f"{current}: HTTP {status} redirect without a Location", "http_error", status)
            if len(redirects) >= options["max_redirects"]:
                raise _fail(f"{url}: more than {options['max_redirects']} redirects", "http_error", status)
            current = urllib.parse.urljoin(current, location.strip())
            redirects.append(current)
            continue
        break
    if status == 304:
        return FetchResult(url, current, status, response_headers, b"", response_headers.get("etag") or etag,
                           response_headers.get("last-modified") or last_modified, True, "not_modified",
                           tuple(redirects), attempts)  # fmt: skip
    if not 200 <= status < 300:
        raise _fail(f"{current}: HTTP {status}", "http_error", status)
    return FetchResult(url, current, status, response_headers, body, response_headers.get("etag"),
                       response_headers.get("last-modified"), False, "ok", tuple(redirects), attempts)  # fmt: skip


def _request(target: netguard.Target, client: httpx.Client, headers: dict, options) -> tuple[int, dict, bytes]:
    """One request to one of the target's checked addresses: (status, lower-case headers, body)."""
    timeout = float(options["fetch_timeout"])
    last_error: Exception | None = None
    for ip in target.addresses:
        request = _pinned_request(client, "GET", target, ip, headers, timeout)
        LIMITER.wait(f"{target.host}:{target.port}", float(options["rate_limit"]))
        deadline = time.monotonic() + 3 * timeout
        with _reads_until(deadline):
            try:
                response = client.send(request, stream=True, follow_redirects=False)  # each hop is checked here
            except httpx.ConnectError as exc:
                last_error = exc
                continue  # the next checked address, if any
            except httpx.TimeoutException:
                raise _timed_out(target.url, timeout, deadline) from None
            except httpx.HTTPError as exc:
                raise _fail(f"{target.url}: {type(exc).__name__}: {exc}".splitlines()[0], "network") from None
            try:
                return _read_response(target, response, options, deadline)
            except httpx.TimeoutException:
                raise _timed_out(target.url, timeout, deadline) from None
            except httpx.HTTPError as exc:
                raise _fail(f"{target.url}: {type(exc).__name__}: {exc}".splitlines()[0], "network") from None
            finally:
                response.close()
    raise _fail(f"{target.url}: cannot connect ({last_error})".splitlines()[0], "network")


def _read_response(target: netguard.Target, response: httpx.Response, options, deadline: float):
    """(status, lower-case headers, body) of a streamed response: the body inflated here, under the size cap."""
    cap, url = int(options["fetch_max_bytes"]), target.url
    truncate = options.get("truncate", False)  # robots.txt: keep the first `cap` bytes rather than fail
    status = response.status_code
    response_headers = {k.lower(): v for k, v in response.headers.items()}
    if not 200 <= status < 300:
        return status, response_headers, b""  # redirects, 304 and errors: their body is not needed
    media = response_headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media and media.startswith(tuple(options.get("refuse_types", ()))):
        raise BinaryInput(url, f"not an article: the server sent {media}")
    length = response_headers.get("content-length", "")
    if not truncate and re.fullmatch(r"[0-9]+", length) and int(length) > cap:
        raise _fail(f"{url}: {int(length):,} bytes is over fetch_max_bytes ({cap:,}); not read", "too_large", status)
    codings = _codings(response_headers.get("content-encoding", ""), url, status)
    too_large = f"{url}: larger than fetch_max_bytes ({cap:,}); stopped reading"

    def raw() -> Iterator[bytes]:
        received = 0
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > cap:  # compressed bytes count too: a stream that inflates to nothing is no way round
                if not truncate:
                    raise _fail(too_large, "too_large", status)
                yield chunk
                return
            yield chunk
            if time.monotonic() > deadline:
                raise _timed_out(url, float(options["fetch_timeout"]), deadline)

    chunks, size = [], 0
    try:
        for piece in _inflated(raw(), codings):
            size += len(piece)
            if size > cap:
                if truncate:
                    chunks.append(piece[: len(piece) - (size - cap)])
                    break
                raise _fail(too_large + (" once decompressed" if codings else ""), "too_large", status)
            chunks.append(piece)
            if time.monotonic() > deadline:
                raise _timed_out(url, float(options["fetch_timeout"]), deadline)
    except (zlib.error, EOFError) + ((brotli.error,) if brotli else ()) as exc:
        name = " and ".join(c.coding for c in codings)
        raise _fail(f"{url}: damaged {name} content ({exc})".splitlines()[0], "network", status) from None
    return status, response_headers, b"".join(chunks)


def _timed_out(url: str, timeout: float, deadline: float) -> FetchError:
    if time.monotonic() >= deadline - 0.05:
        return _fail(f"{url}: the response took over {3 * timeout:g}s", "timeout")
    return _fail(f"{url}: timed out after {timeout:g}s", "timeout")


# -- a whole-response deadline on every read --------------------------------------
# httpx has per-read timeouts only: a server sending a byte just inside each would hold a fetch for hours
# (headers included, which no loop over the body sees). So each network stream httpcore opens for our requests
# (seen through its documented "trace" extension) has its reads bounded by the deadline of the request this
# thread is making; the deadline passed, a read is a ReadTimeout, as httpx reports any other.

_DEADLINE = threading.local()


@contextlib.contextmanager
def _reads_until(deadline: float):
    previous = getattr(_DEADLINE, "at", None)
    _DEADLINE.at = deadline
    try:
        yield
    finally:
        _DEADLINE.at = previous


def _bound_reads(stream) -> None:
    read = getattr(stream, "read", None)
    if read is None or getattr(stream, "_crosswire_deadline", False):
        return

    def read_until_deadline(max_bytes: int, timeout: float | None = None) -> bytes:
        deadline = getattr(_DEADLINE, "at", None)
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ReadTimeout("the time for the whole response is over")
            timeout = left if timeout is None else min(timeout, left)
        return read(max_bytes, timeout)

    try:
        stream.read = read_until_deadline
        stream._crosswire_deadline = True
    except AttributeError:  # pragma: no cover - a stream that cannot be wrapped keeps its per-read timeouts
        pass


def _trace(event: str, info: dict) -> None:
    if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
        _bound_reads(info.get("return_value"))


# -- content codings, undone a bounded piece at a time -----------------------------

_BROTLI_BOUNDED = brotli is not None and hasattr(brotli.Decompressor(), "can_accept_more_data")
ACCEPT_ENCODING = "gzip, deflate, br" if _BROTLI_BOUNDED else "gzip, deflate"


class _Inflater:
    """One content coding undone: feed() gives pieces of about PIECE bytes at most, however well it compressed."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._raw_deflate_fallback = coding == "deflate"  # some servers send deflate without its zlib header
        if coding == "br":
            self._brotli = brotli.Decompressor()
        else:
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.coding == "br":
            out = self._brotli.process(data, output_buffer_limit=PIECE)
            while out:
                yield out
                out = self._brotli.process(b"", output_buffer_limit=PIECE)
            return
        while True:
            try:
                out = self._zlib.decompress(data, PIECE)
            except zlib.error:
                if not self._raw_deflate_fallback:
                    raise
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self._raw_deflate_fallback = False
                continue
            self._raw_deflate_fallback = False
            data = self._zlib.unconsumed_tail
            if out:
                yield out
            if self._zlib.eof or (not data and len(out) < PIECE):
                return

    def end(self) -> bytes:
        return b"" if self.coding == "br" else self._zlib.flush()


def _codings(header: str, url: str, status: int) -> list[_Inflater]:
    """Inflaters for a Content-Encoding, the last coding applied first; identity and unknown codings are
    passed over (the bytes are taken as they are, as httpx does)."""
    inflaters = []
    for coding in reversed([c.strip().lower() for c in header.split(",") if c.strip()]):
        if coding == "br" and not _BROTLI_BOUNDED:
            raise _fail(f"{url}: brotli-compressed, and this brotli cannot inflate it safely", "network", status)
        if coding in ("gzip", "x-gzip", "deflate", "br"):
            inflaters.append(_Inflater(coding))
    return inflaters


def _inflated(chunks: Iterator[bytes], inflaters: list[_Inflater]) -> Iterator[bytes]:
    """The pieces of the body, each coding undone lazily: nothing is inflated beyond what is asked for."""

    def undo(data: bytes, rest: list[_Inflater]) -> Iterator[bytes]:
        if not rest:
            if data:
                yield data
            return
        for piece in rest[0].feed(data):
            yield from undo(piece, rest[1:])

    for chunk in chunks:
        yield from undo(chunk, inflaters)
    for n, inflater in enumerate(inflaters):
        yield from undo(inflater.end(), inflaters[n + 1 :])


def _pinned_request(client: httpx.Client, method: str, target: netguard.Target, ip, headers: dict, timeout: float,
                    content: bytes | None = None) -> httpx.Request:
    """A request to one checked address of the target, for the target's name (Host header, TLS name)."""
    parts = urllib.parse.urlsplit(target.url)
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    pinned = urllib.parse.urlunsplit((target.scheme, f"{literal}:{target.port}", parts.path or "/", parts.query, ""))
    host = f"[{target.host}]" if ":" in target.host else target.host  # ASCII: an IDN is in its xn-- form
    extra = {"Host": host if parts.port is None else f"{host}:{parts.port}"}
    extensions: dict[str, Any] = {"trace": _trace}
    if target.scheme == "https":
        # TLS to the checked address, with the certificate verified for the name. The connection pool
        # knows connections by address only, so an https connection is never kept for reuse: one made
        # for another name on the same address must not carry this request.
        extensions["sni_hostname"] = target.host
        extra["Connection"] = "close"
    try:
        return client.build_request(method, pinned, headers={**headers, **extra}, content=content,
                                    timeout=httpx.Timeout(timeout), extensions=extensions)  # fmt: skip
    except (httpx.InvalidURL, UnicodeError) as exc:  # a control character in the path, say
        raise _fail(f"{target.url}: not a valid URL ({exc})".splitlines()[0], "unsafe", cls=UnsafeURL) from None


def post_json(url: str, payload: Any, *, settings: Mapping[str, Any] | None = None, client=None) -> int:
    """POST `payload` as JSON under the same safety rules as fetching: the HTTP status, or FetchError/UnsafeURL.

    One attempt, no redirects followed (a webhook that moves is misconfigured), a timeout for the whole answer;
    the answer's body is not read.
    """
    options = _options(settings)
    target = netguard.check_url(url, allow=options["allow_network"])
    timeout = float(options["fetch_timeout"])
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"User-Agent": options["user_agent"], "Content-Type": "application/json"}
    own = client is None
    client = client or new_client()
    try:
        last_error: Exception | None = None
        for ip in target.addresses:
            request = _pinned_request(client, "POST", target, ip, headers, timeout, content=body)
            LIMITER.wait(f"{target.host}:{target.port}", float(options["rate_limit"]))
            deadline = time.monotonic() + 3 * timeout
            try:
                with _reads_until(deadline):
                    response = client.send(request, stream=True, follow_redirects=False)
                response.close()  # the status is all a webhook's answer is read for
            except httpx.ConnectError as exc:
                last_error = exc
                continue
            except httpx.TimeoutException:
                raise _fail(f"{url}: webhook timed out after {timeout:g}s", "timeout") from None
            except httpx.HTTPError as exc:
                raise _fail(f"{url}: webhook: {type(exc).__name__}: {exc}".splitlines()[0], "network") from None
            if not 200 <= response.status_code < 300:
                raise _fail(f"{url}: webhook answered HTTP {response.status_code} (redirects are not followed)",
                            "http_error", response.status_code)  # fmt: skip
            return response.status_code
        raise _fail(f"{url}: webhook: cannot connect ({last_error})".splitlines()[0], "network")
    finally:
        if own:
            client.close()


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date, never below 0); None when absent or
    unreadable (a negative number, "soon", a digit that is not 0-9)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]+", value):  # ASCII digits only: "²".isdigit() is true, and float("²") fails
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())


# -- robots.txt ----------------------------------------------------------------


def _check_robots(url: str, client, options, sleep) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in netguard.SCHEMES:
        return  # check_url refuses it with the better message
    root = f"{parts.scheme.lower()}://{parts.netloc.rpartition('@')[2].lower()}"
    now = time.monotonic()
    with _ROBOTS_LOCK:
        cached = _ROBOTS.get(root)
    if cached is None or now - cached[0] > ROBOTS_TTL:
        parser = _read_robots(root, client, options, sleep)
        with _ROBOTS_LOCK:
            _ROBOTS[root] = (now, parser)
    else:
        parser = cached[1]
    if not parser.can_fetch(options["user_agent"], url):
        raise _fail(f"{url}: disallowed by {root}/robots.txt (the robots setting can turn this off for your own sites)",
                    "robots")  # fmt: skip


def _read_robots(root: str, client, options, sleep) -> urllib.robotparser.RobotFileParser:
    """The site's robots.txt: a missing file (4xx) allows all; 401/403 and 5xx disallow all (RFC 9309).

    A longer file than ROBOTS_MAX_BYTES is read that far (to its last whole line) and parsed, as RFC 9309 allows.
    """
    parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
    cap = min(int(options["fetch_max_bytes"]), ROBOTS_MAX_BYTES)
    robots_options = dict(options, fetch_max_bytes=cap, truncate=True, refuse_types=())
    try:
        result = _get(root + "/robots.txt", client, robots_options, sleep, robots_check=False)
        body = result.body if len(result.body) < cap else result.body[: result.body.rfind(b"\n") + 1]
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
    except FetchError as exc:
        status = getattr(exc, "status", None)
        if status in (401, 403) or (status is not None and status >= 500):
            parser.disallow_all = True
        elif status is not None and 400 <= status < 500:
            parser.allow_all = True
        else:
            raise  # unsafe, timeout, network: the page itself would fail the same way
    return parser


# -- a page as an article -------------------------------------------------------


def is_url(source: str) -> bool:
    return str(source).lower().startswith(("http://", "https://"))


def read_url(url: str, *, settings: Mapping[str, Any] | None = None, client=None, published=None):
    """The article on a web page: fetch, decode, extract with the HTML reader; the URL is its url and id.

    Raises FetchError (see fetch) or an InputError: from the HTML reader, or a BinaryInput for an image, a sound,
    a video or a font (told by its Content-Type, before its body is read). The text is decoded by
    `decode.decode_page`.
    """
    import dataclasses

    from crosswire.ingest import parse_bytes
    from crosswire.ingest.batch import Batch
    from crosswire.ingest.outlets import outlet_from_url

    result = fetch(url, client=client, settings=settings, refuse_types=NOT_PAGES)
    cap = int(_options(settings)["fetch_max_bytes"])  # fetch kept the body under it
    batch = parse_bytes(result.body, url, "", published, cap, fmt="html",
                        content_type=result.headers.get("content-type", ""))  # fmt: skip
    articles = []
    for article in batch.articles:
        article = dataclasses.replace(article, url=result.final_url, external_id=url)
        if not article.outlet and (outlet := outlet_from_url(result.final_url)):
            article = dataclasses.replace(article, outlet=outlet, outlet_from="url")
        articles.append(article)
    return Batch(articles, batch.problems)


NOT_PAGES = ("image/", "audio/", "video/", "font/", "model/")
