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
  that for the whole response;
- a size cap: a Content-Length over `fetch_max_bytes` is refused before
  reading, and a body is streamed and reading stops at the cap;
- retries on 429 and 5xx, at most `fetch_retries`, with exponential backoff,
  honouring Retry-After (seconds or a date); a Retry-After longer than
  `retry_max_wait` is not waited for: the fetch fails instead;
- a User-Agent naming crosswire and its version (`user_agent` replaces it);
- conditional requests: pass the previous ETag / Last-Modified and a 304 comes
  back as `not_modified=True` with an empty body;
- a per-host rate limit: at least `rate_limit` seconds between two requests to
  one host from this process;
- robots.txt (read through this same safe path, cached per host for an hour)
  unless `robots` is false.

A response that is not 2xx or 304 after retries, a timeout, a refused URL, a
page robots.txt disallows or an oversized body raises FetchError (UnsafeURL
for a refused URL) with a one-line message; its `outcome` attribute is one of
OUTCOMES, for the fetch log.

Proxies from the environment are not used (trust_env=False): a proxy would
resolve names itself and undo the address check.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import threading
import time
import urllib.parse
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from crosswire import __version__
from crosswire.errors import FetchError, UnsafeURL
from crosswire.ingest import netguard

OUTCOMES = ("ok", "not_modified", "robots", "unsafe", "http_error", "timeout", "network", "too_large")
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
BACKOFF = 0.5  # seconds before the first retry when the server gives no Retry-After; doubles each time
ROBOTS_TTL = 3600.0
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
) -> FetchResult:
    """GET `url` under the rules in the module docstring; `etag`/`last_modified` make it conditional."""
    options = _options(settings)
    own = client is None
    if own:
        client = new_client()
    try:
        return _get(url, client, options, sleep, etag=etag, last_modified=last_modified)
    finally:
        if own:
            client.close()


def _get(url, client, options, sleep, *, etag=None, last_modified=None, robots_check=True) -> FetchResult:
    headers = {"User-Agent": options["user_agent"], "Accept-Encoding": "gzip, deflate, br"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
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
    cap = int(options["fetch_max_bytes"])
    last_error: Exception | None = None
    for ip in target.addresses:
        request = _pinned_request(client, "GET", target, ip, headers, timeout)
        LIMITER.wait(f"{target.host}:{target.port}", float(options["rate_limit"]))
        deadline = time.monotonic() + 3 * timeout
        try:
            response = client.send(request, stream=True, follow_redirects=False)  # each hop is checked here
        except httpx.ConnectError as exc:
            last_error = exc
            continue  # the next checked address, if any
        except httpx.TimeoutException:
            raise _fail(f"{target.url}: timed out after {timeout:g}s", "timeout") from None
        except httpx.HTTPError as exc:
            raise _fail(f"{target.url}: {type(exc).__name__}: {exc}".splitlines()[0], "network") from None
        try:
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code in REDIRECT_STATUSES or response.status_code == 304:
                return response.status_code, response_headers, b""
            length = response_headers.get("content-length", "")
            if length.isdigit() and int(length) > cap:
                raise _fail(f"{target.url}: {int(length):,} bytes is over fetch_max_bytes ({cap:,}); not read",
                            "too_large", response.status_code)  # fmt: skip
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise _fail(f"{target.url}: larger than fetch_max_bytes ({cap:,}); stopped reading",
                                "too_large", response.status_code)  # fmt: skip
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise _fail(f"{target.url}: the response took over {3 * timeout:g}s", "timeout")
            return response.status_code, response_headers, b"".join(chunks)
        except httpx.TimeoutException:
            raise _fail(f"{target.url}: timed out after {timeout:g}s", "timeout") from None
        except httpx.HTTPError as exc:
            raise _fail(f"{target.url}: {type(exc).__name__}: {exc}".splitlines()[0], "network") from None
        finally:
            response.close()
    raise _fail(f"{target.url}: cannot connect ({last_error})".splitlines()[0], "network")


def _pinned_request(client: httpx.Client, method: str, target: netguard.Target, ip, headers: dict, timeout: float,
                    content: bytes | None = None) -> httpx.Request:
    """A request to one checked address of the target, for the target's name (Host header, TLS name)."""
    parts = urllib.parse.urlsplit(target.url)
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    pinned = urllib.parse.urlunsplit((target.scheme, f"{literal}:{target.port}", parts.path or "/", parts.query, ""))
    extra, extensions = {"Host": parts.netloc.rpartition("@")[2]}, {}
    if target.scheme == "https":
        # TLS to the checked address, with the certificate verified for the name. The connection pool
        # knows connections by address only, so an https connection is never kept for reuse: one made
        # for another name on the same address must not carry this request.
        extensions["sni_hostname"] = target.host
        extra["Connection"] = "close"
    return client.build_request(method, pinned, headers={**headers, **extra}, content=content,
                                timeout=httpx.Timeout(timeout), extensions=extensions)  # fmt: skip


def post_json(url: str, payload: Any, *, settings: Mapping[str, Any] | None = None, client=None) -> int:
    """POST `payload` as JSON under the same safety rules as fetching: the HTTP status, or FetchError/UnsafeURL.

    One attempt, no redirects followed (a webhook that moves is misconfigured), a timeout.
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
            try:
                response = client.send(request, follow_redirects=False)
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
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
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
    """The site's robots.txt: a missing file (4xx) allows all; 401/403 and 5xx disallow all (RFC 9309)."""
    parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
    robots_options = dict(options, fetch_max_bytes=min(int(options["fetch_max_bytes"]), 500_000))
    try:
        result = _get(root + "/robots.txt", client, robots_options, sleep, robots_check=False)
        parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
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

    Raises FetchError (see fetch) or an InputError from the HTML reader.
    """
    import dataclasses

    from crosswire.ingest import _parse
    from crosswire.ingest.batch import Batch
    from crosswire.ingest.decode import decode
    from crosswire.ingest.outlets import outlet_from_url

    result = fetch(url, client=client, settings=settings)
    text = decode(result.body, url)
    batch = _parse(text, source=url, name="", published=published, fmt="html")
    articles = []
    for article in batch.articles:
        article = dataclasses.replace(article, url=result.final_url, external_id=url)
        if not article.outlet and (outlet := outlet_from_url(result.final_url)):
            article = dataclasses.replace(article, outlet=outlet, outlet_from="url")
        articles.append(article)
    return Batch(articles, batch.problems)
