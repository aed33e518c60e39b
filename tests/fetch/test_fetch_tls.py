"""https to the checked address: TLS on 127.0.0.1 with a throw-away certificate for news.test.

The name is resolved once (by the check), the connection goes to that address, and the certificate
is still verified for the name (SNI), so a certificate for another name is refused.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import ssl
import subprocess
import threading

import httpx
import pytest

from crosswire.errors import FetchError
from crosswire.ingest import netguard
from crosswire.ingest.fetch import fetch, post_json

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


def certificate(tmp_path, name: str):
    key, cert = tmp_path / f"{name}.key", tmp_path / f"{name}.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    return key, cert


class _Page(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self._answer(f"host={self.headers['Host']}".encode())

    def do_POST(self):  # a webhook receiver: echoes what it got, with the Host it was sent to
        length = int(self.headers["Content-Length"])
        self.server.posted.append((self.headers["Host"], self.headers["Content-Type"], self.rfile.read(length)))
        self._answer(b"")

    def _answer(self, body: bytes):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def tls_server(tmp_path):
    key, cert = certificate(tmp_path, "news.test")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None
    httpd.posted = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd.server_address[1], cert, httpd.posted
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def names(monkeypatch):
    """news.test and other.test both resolve to 127.0.0.1, and only through the check."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "127.0.0.1":
            return real(host, port, *args, **kwargs)
        assert host in ("news.test", "other.test"), host
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)


SETTINGS = {"allow_network": "127.0.0.1/32", "rate_limit": 0, "robots": False, "fetch_timeout": 5}


def test_https_goes_to_the_checked_address_and_verifies_the_name(tls_server, names):
    port, cert, _ = tls_server
    with httpx.Client(verify=ssl.create_default_context(cafile=str(cert)), trust_env=False) as client:
        result = fetch(f"https://news.test:{port}/story", client=client, settings=SETTINGS)
        assert result.body == f"host=news.test:{port}".encode()
        with pytest.raises(FetchError, match="(?i)certificate|hostname"):  # the certificate is for news.test only
            fetch(f"https://other.test:{port}/story", client=client, settings=SETTINGS)


def test_a_webhook_over_https_goes_to_the_checked_address_and_verifies_the_name(tls_server, names):
    port, cert, posted = tls_server
    with httpx.Client(verify=ssl.create_default_context(cafile=str(cert)), trust_env=False) as client:
        assert post_json(f"https://news.test:{port}/hook", {"story": "s1", "title": "Ümlaut"}, client=client,
                         settings=SETTINGS) == 200  # fmt: skip
        assert posted == [(f"news.test:{port}", "application/json", '{"story": "s1", "title": "Ümlaut"}'.encode())]
        with pytest.raises(FetchError, match="(?i)certificate|hostname"):
            post_json(f"https://other.test:{port}/hook", {"story": "s2"}, client=client, settings=SETTINGS)
        assert len(posted) == 1
