"""A real HTTP server on 127.0.0.1 for the fetch tests, with our own routes.

`server.route(path, handler)` registers handler(request) -> (status, headers, body)
where body is bytes or an iterator of bytes (streamed); `server.hits[path]`
counts the requests each path received. Only loopback is ever contacted.
"""

from __future__ import annotations

import collections
import http.server
import threading

import pytest

from crosswire.ingest import fetch as fetch_module

LOOPBACK = "127.0.0.1/32"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):
        server = self.server.owner
        path = self.path.split("?", 1)[0]
        with server.lock:
            server.hits[path] += 1
            server.requests.append((path, dict(self.headers)))
        handler = server.routes.get(path)
        if handler is None:
            status, headers, body = 404, {}, b"not here"
        else:
            status, headers, body = handler(self)
        self.send_response(status)
        streamed = not isinstance(body, bytes)
        for name, value in headers.items():
            self.send_header(name, value)
        if streamed:
            self.send_header("Connection", "close")
        elif "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            if streamed:
                for chunk in body:
                    self.wfile.write(chunk)
                    with server.lock:
                        server.sent[path] += len(chunk)
                self.close_connection = True
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class Server:
    def __init__(self) -> None:
        self.routes: dict = {}
        self.hits: collections.Counter = collections.Counter()
        self.sent: collections.Counter = collections.Counter()
        self.requests: list = []
        self.lock = threading.Lock()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # a client that hung up on purpose
        self.httpd.owner = self
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def route(self, path: str, handler) -> str:
        self.routes[path] = handler
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def fresh_fetch_state():
    fetch_module.reset_state()
    yield
    fetch_module.reset_state()


@pytest.fixture
def settings():
    """Loopback allowed explicitly, no rate limit, short timeouts: what every local test needs."""
    return {"allow_network": LOOPBACK, "rate_limit": 0, "fetch_timeout": 2.0, "robots": True}
