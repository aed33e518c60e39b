"""fetch() against a real HTTP server on 127.0.0.1 (allowed explicitly); nothing beyond loopback is contacted."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib

import brotli
import pytest

from crosswire import __version__
from crosswire.errors import FetchError, UnsafeURL
from crosswire.ingest import fetch as fetch_module
from crosswire.ingest import netguard
from crosswire.ingest.fetch import fetch, outcome_of

PAGE = b"<html><body><p>hello</p></body></html>"


def ok(body=PAGE, **headers):
    return lambda request: (200, {"Content-Type": "text/html", **headers}, body)


def redirect(location, status=302):
    return lambda request: (status, {"Location": location, "Content-Length": "0"}, b"")


def test_a_page_is_fetched_with_a_user_agent_naming_crosswire(server, settings):
    url = server.route("/page", ok())
    result = fetch(url, settings=settings)
    assert (result.status, result.body, result.outcome, result.not_modified) == (200, PAGE, "ok", False)
    agent = dict(server.requests[-1][1])["User-Agent"]
    assert agent.startswith(f"crosswire/{__version__} ")


@pytest.mark.parametrize("encoding, encode", [("br", brotli.compress), ("gzip", gzip.compress)])
def test_a_compressed_page_is_asked_for_and_decoded(server, settings, encoding, encode):
    url = server.route("/packed", ok(encode(PAGE), **{"Content-Encoding": encoding}))
    assert fetch(url, settings=settings).body == PAGE
    assert encoding in dict(server.requests[-1][1])["Accept-Encoding"]


def test_loopback_is_refused_unless_allowed(server, settings):
    url = server.route("/page", ok())
    with pytest.raises(UnsafeURL, match="loopback"):
        fetch(url, settings={**settings, "allow_network": ""})
    assert server.hits["/page"] == 0 and server.hits["/robots.txt"] == 0  # refused before any request


def test_a_slow_endpoint_times_out(server, settings):
    release = threading.Event()

    def slow(request):
        release.wait(5)
        return 200, {}, PAGE

    url = server.route("/slow", slow)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as caught:
        fetch(url, settings={**settings, "fetch_timeout": 0.3, "robots": False})
    release.set()
    assert outcome_of(caught.value) == "timeout"
    assert time.monotonic() - started < 2


def test_a_slow_drip_body_hits_the_whole_response_deadline(server, settings):
    def drip():
        for _ in range(40):
            time.sleep(0.05)
            yield b"x" * 10

    url = server.route("/drip", lambda request: (200, {}, drip()))
    started = time.monotonic()
    with pytest.raises(FetchError, match="took over") as caught:
        fetch(url, settings={**settings, "fetch_timeout": 0.2, "robots": False})
    assert outcome_of(caught.value) == "timeout" and time.monotonic() - started < 1.5


def test_a_429_with_retry_after_is_retried_after_the_wait(server, settings):
    calls = []

    def busy_once(request):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return 429, {"Retry-After": "1"}, b"slow down"
        return 200, {}, PAGE

    url = server.route("/busy", busy_once)
    result = fetch(url, settings={**settings, "robots": False})
    assert result.body == PAGE and result.attempts == 2
    assert calls[1] - calls[0] >= 0.95  # Retry-After honoured


def test_retries_are_bounded(server, settings, monkeypatch):
    waits = []
    url = server.route("/always-503", lambda request: (503, {}, b"down"))
    with pytest.raises(FetchError, match="HTTP 503") as caught:
        fetch(url, settings={**settings, "robots": False, "fetch_retries": 2}, sleep=waits.append)
    assert outcome_of(caught.value) == "http_error"
    assert server.hits["/always-503"] == 3  # the first try and two retries
    assert waits == [fetch_module.BACKOFF, fetch_module.BACKOFF * 2]  # exponential backoff


def test_a_retry_after_beyond_the_bound_is_not_waited_for(server, settings):
    url = server.route("/later", lambda request: (429, {"Retry-After": "3600"}, b""))
    started = time.monotonic()
    with pytest.raises(FetchError, match="retry_max_wait"):
        fetch(url, settings={**settings, "robots": False})
    assert server.hits["/later"] == 1 and time.monotonic() - started < 1


def test_retry_after_as_an_http_date():
    assert fetch_module._retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert fetch_module._retry_after("12") == 12.0
    assert fetch_module._retry_after("soon") is None


def test_redirects_are_followed_and_each_hop_checked(server, settings):
    server.route("/final", ok())
    server.route("/hop2", redirect("/final", 301))
    url = server.route("/hop1", redirect(f"{server.base}/hop2"))
    result = fetch(url, settings=settings)
    assert result.final_url == f"{server.base}/final" and result.redirects == (f"{server.base}/hop2", result.final_url)


def test_a_redirect_to_a_loopback_address_that_is_not_allowed_is_refused(server, settings):
    # only 127.0.0.1 is allowed: 127.0.0.2 is loopback, and ::1 too; 10.0.0.1 is private
    for n, target in enumerate((f"http://127.0.0.2:{server.port}/secret", f"http://[::1]:{server.port}/secret",
                                "http://10.0.0.1/admin", "file:///etc/passwd")):
        url = server.route(f"/to-internal-{n}", redirect(target))
        with pytest.raises(UnsafeURL, match="refused|only http") as caught:
            fetch(url, settings=settings)
        assert outcome_of(caught.value) == "unsafe"
    assert server.hits["/secret"] == 0


def test_a_redirect_loop_stops_at_the_limit(server, settings):
    url = server.route("/loop", redirect("/loop"))
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(url, settings={**settings, "max_redirects": 3, "robots": False})
    assert server.hits["/loop"] == 4


def test_a_huge_response_is_cut_at_the_cap(server, settings):
    def endless():
        chunk = b"y" * 65536
        for _ in range(3200):  # 200 MB if nobody stopped reading
            yield chunk

    url = server.route("/huge", lambda request: (200, {"Content-Type": "text/html"}, endless()))
    started = time.monotonic()
    with pytest.raises(FetchError, match="stopped reading") as caught:
        fetch(url, settings={**settings, "fetch_max_bytes": 100_000, "robots": False})
    assert outcome_of(caught.value) == "too_large"
    assert time.monotonic() - started < 5
    time.sleep(0.2)
    assert server.sent["/huge"] < 20_000_000  # the server stopped when the client hung up


def test_a_declared_length_over_the_cap_is_refused_before_reading(server, settings):
    url = server.route("/big", ok(b"z" * 300_000))
    with pytest.raises(FetchError, match="not read") as caught:
        fetch(url, settings={**settings, "fetch_max_bytes": 100_000, "robots": False})
    assert outcome_of(caught.value) == "too_large"


def test_robots_txt_is_honoured_and_read_once_per_host(server, settings):
    server.route("/robots.txt", ok(b"User-agent: *\nDisallow: /private\n", **{"Content-Type": "text/plain"}))
    server.route("/private/page", ok())
    public = server.route("/public", ok())
    assert fetch(public, settings=settings).body == PAGE
    with pytest.raises(FetchError, match="disallowed by") as caught:
        fetch(f"{server.base}/private/page", settings=settings)
    assert outcome_of(caught.value) == "robots"
    assert server.hits["/private/page"] == 0 and server.hits["/robots.txt"] == 1
    assert fetch(f"{server.base}/private/page", settings={**settings, "robots": False}).body == PAGE


def test_robots_of_the_redirect_target_is_honoured(server, settings):
    server.route("/robots.txt", ok(b"User-agent: crosswire\nDisallow: /members\n"))
    url = server.route("/go", redirect("/members/story"))
    with pytest.raises(FetchError, match="disallowed"):
        fetch(url, settings=settings)
    assert server.hits["/members/story"] == 0


@pytest.mark.parametrize("status, allowed", [(404, True), (403, False), (500, False)])
def test_robots_txt_errors(server, settings, status, allowed):
    server.route("/robots.txt", lambda request: (status, {}, b""))
    url = server.route("/page", ok())
    if allowed:
        assert fetch(url, settings={**settings, "fetch_retries": 0}).body == PAGE
    else:
        with pytest.raises(FetchError, match="disallowed"):
            fetch(url, settings={**settings, "fetch_retries": 0})


def test_a_conditional_request_gets_a_304_the_second_time(server, settings):
    def tagged(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"', "Content-Length": "0"}, b""
        return 200, {"ETag": '"v1"', "Last-Modified": "Tue, 21 Oct 2025 08:00:00 GMT"}, PAGE

    url = server.route("/feed.xml", tagged)
    first = fetch(url, settings=settings)
    assert first.etag == '"v1"' and first.last_modified == "Tue, 21 Oct 2025 08:00:00 GMT"
    second = fetch(url, settings=settings, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.status == 304 and second.body == b"" and second.outcome == "not_modified"
    assert second.etag == '"v1"'
    sent = dict(server.requests[-1][1])
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == first.last_modified


def test_requests_to_one_host_are_spaced_by_the_rate_limit(server, settings):
    url = server.route("/page", ok())
    started = time.monotonic()
    for _ in range(3):
        fetch(url, settings={**settings, "robots": False, "rate_limit": 0.25})
    assert time.monotonic() - started >= 0.5  # three requests: two waits


def test_the_connection_goes_to_the_checked_address_not_a_second_lookup(server, settings, monkeypatch):
    # DNS rebinding: the first answer is checked; a second lookup would give another one (here: none at all).
    real, names = socket.getaddrinfo, []

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "127.0.0.1":  # the pinned connection: a literal, no lookup
            return real(host, port, *args, **kwargs)
        names.append(host)
        if len(names) > 1:
            raise socket.gaierror(socket.EAI_NONAME, "second lookup")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)
    server.route("/page", ok())
    result = fetch(f"http://news.test:{server.port}/page", settings={**settings, "robots": False})
    assert result.body == PAGE and result.final_url == f"http://news.test:{server.port}/page"
    assert dict(server.requests[-1][1])["Host"] == f"news.test:{server.port}"
    assert names == ["news.test"]


def test_a_bad_allowed_range_is_one_line(settings):
    with pytest.raises(UnsafeURL, match="not a network range"):
        fetch("http://127.0.0.1:9/", settings={**settings, "allow_network": "everything"})


# -- hostile and broken servers -----------------------------------------------------


def raw_server(answer):
    """A one-connection TCP server on 127.0.0.1 that runs answer(socket) after reading the request: its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def serve():
        conn, _ = listener.accept()
        with conn, listener:
            conn.recv(65536)
            try:
                answer(conn)
            except OSError:
                pass  # the client hung up

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


def test_headers_trickled_a_byte_at_a_time_hit_the_whole_response_deadline(settings):
    stop = threading.Event()

    def trickle(conn):
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 300:
            if stop.wait(0.05):
                return
            conn.sendall(bytes([byte]))

    port = raw_server(trickle)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took over") as caught:
        fetch(f"http://127.0.0.1:{port}/", settings={**settings, "fetch_timeout": 0.3, "robots": False})
    stop.set()
    assert outcome_of(caught.value) == "timeout" and time.monotonic() - started < 2


def test_a_webhook_answer_is_not_read(settings):
    def endless_answer(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
        for _ in range(400):
            conn.sendall(b"x" * 10)
            time.sleep(0.05)

    port = raw_server(endless_answer)
    started = time.monotonic()
    assert fetch_module.post_json(f"http://127.0.0.1:{port}/hook", {"story": "s1"}, settings=settings) == 200
    assert time.monotonic() - started < 2


def bomb_memory(url, settings):
    """Peak Python memory while fetching a small body that inflates far past the cap."""
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="once decompressed") as caught:
            fetch(url, settings={**settings, "fetch_max_bytes": 100_000, "robots": False})
        return tracemalloc.get_traced_memory()[1], caught.value
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("encoding", ["br", "gzip, gzip"])
def test_a_compression_bomb_is_stopped_at_the_cap_as_it_inflates(server, settings, encoding):
    zeros = b"\0" * 100_000_000
    packed = brotli.compress(zeros, quality=5) if encoding == "br" else gzip.compress(gzip.compress(zeros, 9), 9)
    assert len(packed) < 2_000  # a few hundred bytes, 100 MB inflated
    url = server.route("/bomb", ok(packed, **{"Content-Encoding": encoding}))
    peak, error = bomb_memory(url, settings)
    assert outcome_of(error) == "too_large"
    assert peak < 10_000_000  # the 100 MB never in memory


@pytest.mark.parametrize("pack", [zlib.compress, lambda data: zlib.compress(data)[2:-4]], ids=["zlib", "raw"])
def test_deflate_with_and_without_its_zlib_header_is_inflated(server, settings, pack):
    url = server.route("/deflated", ok(pack(PAGE * 5000), **{"Content-Encoding": "deflate"}))
    assert fetch(url, settings={**settings, "robots": False}).body == PAGE * 5000


def test_stacked_codings_are_undone_in_order(server, settings):
    url = server.route("/twice", ok(brotli.compress(gzip.compress(PAGE)), **{"Content-Encoding": "gzip, br"}))
    assert fetch(url, settings={**settings, "robots": False}).body == PAGE


def test_a_damaged_gzip_body_is_one_line(server, settings):
    url = server.route("/damaged", ok(b"\x1f\x8b\x08\x00" + b"garbage" * 10, **{"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="damaged gzip content") as caught:
        fetch(url, settings={**settings, "robots": False})
    assert outcome_of(caught.value) == "network"


def test_the_body_of_an_error_is_not_read(server, settings):
    def endless():
        for _ in range(3200):
            yield b"e" * 65536

    url = server.route("/broken", lambda request: (500, {}, endless()))
    with pytest.raises(FetchError, match="HTTP 500") as caught:
        fetch(url, settings={**settings, "robots": False, "fetch_retries": 0, "fetch_max_bytes": 100_000})
    assert outcome_of(caught.value) == "http_error" and caught.value.status == 500


@pytest.mark.parametrize("value", ["\u00b2", "-5", "1e9", "3.5", "soon", "Mon, 99 Foo 2000 99:99:99"])
def test_an_unreadable_retry_after_means_the_backoff(server, settings, value):
    assert fetch_module._retry_after(value) is None
    waits = []
    url = server.route("/odd-wait", lambda request: (503, {"Retry-After": value}, b""))
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(url, settings={**settings, "robots": False, "fetch_retries": 1}, sleep=waits.append)
    assert waits == [fetch_module.BACKOFF]


def test_huge_retry_afters_are_not_waited_for(server, settings):
    for value in ("99999999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"):
        url = server.route("/much-later", lambda request, v=value: (429, {"Retry-After": v}, b""))
        with pytest.raises(FetchError, match="retry_max_wait"):
            fetch(url, settings={**settings, "robots": False}, sleep=pytest.fail)


def test_a_url_with_a_control_character_is_refused_in_one_line(server, settings):
    with pytest.raises(UnsafeURL, match="not a valid URL") as caught:
        fetch(f"{server.base}/news/\x01page", settings={**settings, "robots": False})
    assert outcome_of(caught.value) == "unsafe"


def test_an_idn_is_asked_for_by_its_ascii_name(server, settings, monkeypatch):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "127.0.0.1":  # the pinned connection
            return real(host, port, *args, **kwargs)
        assert host == "xn--bcher-kva.test", host
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)
    server.route("/page", ok())
    result = fetch(f"http://bücher.test:{server.port}/page", settings={**settings, "robots": False})
    assert result.body == PAGE and dict(server.requests[-1][1])["Host"] == f"xn--bcher-kva.test:{server.port}"


def test_a_validator_that_cannot_be_sent_back_makes_an_unconditional_request(server, settings):
    url = server.route("/feed.xml", ok(ETag='W/"caf\u00e9"'))
    first = fetch(url, settings={**settings, "robots": False})
    assert first.etag == 'W/"caf\u00e9"'  # the server sent a Latin-1 byte in it
    again = fetch(url, settings={**settings, "robots": False}, etag=first.etag, last_modified="\u00e9t\u00e9")
    assert again.body == PAGE and "If-None-Match" not in dict(server.requests[-1][1])


def test_a_robots_txt_over_the_limit_is_read_to_the_limit(server, settings):
    rules = b"User-agent: *\nDisallow: /private\n"
    server.route("/robots.txt", ok(rules + b"# padding\n" * 100_000, **{"Content-Type": "text/plain"}))
    assert fetch(server.route("/public", ok()), settings=settings).body == PAGE
    with pytest.raises(FetchError, match="disallowed by"):
        fetch(server.route("/private/page", ok()), settings=settings)
    assert server.hits["/robots.txt"] == 1


def test_binary_robots_txt_and_one_behind_a_redirect(server, settings):
    server.route("/robots.txt", redirect("/site/robots.txt", 301))
    server.route("/site/robots.txt", ok(b"User-agent: *\nDisallow: /private\n", **{"Content-Type": "text/plain"}))
    with pytest.raises(FetchError, match="disallowed by"):
        fetch(server.route("/private/page", ok()), settings=settings)
    fetch_module.reset_state()
    server.route("/robots.txt", ok(bytes(range(256)) * 50, **{"Content-Type": "image/png"}))
    assert fetch(server.route("/private/page", ok()), settings=settings).body == PAGE  # no rules in it


def test_an_image_is_refused_before_its_body_is_read(server, settings):
    from crosswire.errors import BinaryInput
    from crosswire.ingest.fetch import read_url

    def endless():
        for _ in range(3200):
            yield b"RIFF\0\0\0\0WEBPVP8 " * 4096

    server.route("/photo", lambda request: (200, {"Content-Type": "image/webp"}, endless()))
    with pytest.raises(BinaryInput, match="image/webp"):
        read_url(f"{server.base}/photo", settings={**settings, "robots": False})
    time.sleep(0.2)
    assert server.sent["/photo"] < 5_000_000  # not read to the cap


ARTICLE = ("<html><head>{meta}<title>Harbor talks</title></head><body><article><h1>Harbor talks resume</h1>"
           "<p>Se\u00f1or Mu\u00f1oz, who speaks for the dock workers, said on Tuesday that talks with the harbor "
           "authority would resume on Monday. About 1,200 workers have been on strike since Sunday, and forty "
           "ships are waiting outside the port, the harbor master said.</p></article></body></html>")


@pytest.mark.parametrize("content_type, meta", [("text/html; charset=ISO-8859-1", ""),
                                                ("text/html", '<meta charset="latin1">'),
                                                ("text/html", '<meta http-equiv="Content-Type" '
                                                              'content="text/html; charset=windows-1252">')])
def test_a_page_is_decoded_in_the_charset_it_declares(server, settings, content_type, meta):
    from crosswire.ingest.fetch import read_url

    body = ARTICLE.format(meta=meta).encode("latin-1")
    url = server.route("/latin", lambda request: (200, {"Content-Type": content_type}, body))
    [article] = read_url(url, settings={**settings, "robots": False}).articles
    assert "Se\u00f1or Mu\u00f1oz" in article.text


def test_a_wrong_charset_is_passed_over(server, settings):
    from crosswire.ingest.fetch import read_url

    body = ARTICLE.format(meta="").encode("utf-8")  # UTF-8 sent as Latin-1: the UTF-8 wins, as it decodes
    url = server.route("/mislabelled", lambda request: (200, {"Content-Type": "text/html; charset=latin1"}, body))
    [article] = read_url(url, settings={**settings, "robots": False}).articles
    assert "Se\u00f1or Mu\u00f1oz" in article.text
