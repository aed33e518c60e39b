"""URL checks: only http(s) to public addresses, unless a range is allowed. No test connects anywhere."""

from __future__ import annotations

import socket

import pytest

from crosswire.errors import UnsafeURL
from crosswire.ingest import netguard


@pytest.fixture
def no_dns(monkeypatch):
    """Fail any name lookup: literal addresses must be judged without one."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected DNS lookup {args!r}")

    monkeypatch.setattr(netguard.socket, "getaddrinfo", refuse)


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://10.0.0.1/", "private"),
        ("http://172.16.0.1/news", "private"),
        ("https://192.168.1.1/", "private"),
        ("http://127.0.0.1:8080/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fc00::1]/", "private"),
        ("http://[fec0::1]/", "site-local"),
        ("http://[::ffff:10.0.0.1]/", "private (IPv4 10.0.0.1 inside IPv6)"),
        ("http://[::ffff:127.0.0.1]/", "loopback (IPv4 127.0.0.1 inside IPv6)"),
        ("http://[64:ff9b::a9fe:a9fe]/", "link-local (IPv4 169.254.169.254 inside IPv6)"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://100.64.0.1/", "not globally reachable"),
        ("file:///etc/passwd", "only http and https"),
        ("ftp://93.184.216.34/file", "only http and https"),
        ("gopher://93.184.216.34/", "only http and https"),
        ("//93.184.216.34/", "only http and https"),
        ("http://user:pw@93.184.216.34/", "user name or password"),
        ("http:///nohost", "no host"),
        ("http://93.184.216.34:0/", "port 0"),
        # full-width digits and dots: an IDN that maps to it
        ("http://１２７．０．０．１/", "127.0.0.1 is loopback"),
        ("http://[::ffff:7f00:1]/", "loopback"),
        ("http://[64:ff9b::7f00:1]/", "loopback"),
        ("http://[2002:7f00:1::]/", "loopback"),
        ("http://127.0.0.1#@93.184.216.34/", "127.0.0.1 is loopback"),
        ("http://93.184.216.34@127.0.0.1/", "user name or password"),
        ("data:text/html,hello", "only http and https"),
    ],
)
def test_unsafe_urls_are_refused_with_a_one_line_reason(url, reason, no_dns):
    with pytest.raises(UnsafeURL) as caught:
        netguard.check_url(url)
    message = str(caught.value)
    assert reason in message and "\n" not in message


@pytest.mark.parametrize(
    "url, port",
    [("http://93.184.216.34/", 80), ("https://8.8.8.8/dns", 443), ("http://[2606:4700:4700::1111]:8080/", 8080),
     ("HTTPS://1.1.1.1/", 443)],
)
def test_public_literal_addresses_are_accepted_without_a_lookup_or_a_connection(url, port, no_dns, monkeypatch):
    def no_connect(*args, **kwargs):
        raise AssertionError("check_url must not connect")

    monkeypatch.setattr(socket, "create_connection", no_connect)
    target = netguard.check_url(url)
    assert target.port == port and len(target.addresses) == 1
    assert target.scheme in ("http", "https")


def fake_dns(monkeypatch, answers: dict[str, list[str]]):
    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in answers[host]]

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)


def test_every_address_a_name_resolves_to_must_be_public(monkeypatch):
    fake_dns(monkeypatch, {"mixed.test": ["93.184.216.34", "10.1.2.3"], "public.test": ["93.184.216.34", "8.8.4.4"]})
    with pytest.raises(UnsafeURL, match=r"mixed\.test resolves to 10\.1\.2\.3, which is private"):
        netguard.check_url("http://mixed.test/a")
    assert [str(a) for a in netguard.check_url("http://public.test/a").addresses] == ["93.184.216.34", "8.8.4.4"]


def test_an_unresolvable_name_is_refused(monkeypatch):
    fake_dns(monkeypatch, {})
    with pytest.raises(UnsafeURL, match="cannot resolve"):
        netguard.check_url("http://nowhere.test/")


def test_an_explicitly_allowed_range_lifts_the_refusal_for_that_range_only(no_dns):
    assert netguard.check_url("http://127.0.0.1:9/", allow="127.0.0.0/8").port == 9
    assert netguard.check_url("http://[::ffff:127.0.0.5]/", allow="127.0.0.0/8")  # mapped form of an allowed address
    assert netguard.check_url("http://10.2.3.4/", allow=" 10.0.0.0/8 , ::1 ")
    with pytest.raises(UnsafeURL, match="private"):
        netguard.check_url("http://192.168.1.1/", allow="127.0.0.0/8")
    with pytest.raises(UnsafeURL, match="loopback"):
        netguard.check_url("http://[::1]/", allow="127.0.0.0/8")


def test_a_bad_allowed_range_is_named():
    with pytest.raises(ValueError, match="'localhost' is not a network range"):
        netguard.parse_networks("127.0.0.0/8,localhost")


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/",
                                 "http://0/", "http://localhost./", "http://LOCALHOST../"])
def test_numeric_and_dotted_forms_are_judged_by_the_address_they_resolve_to(url):
    # the system resolver reads these without asking any DNS server: whatever it makes of them is what is checked
    with pytest.raises(UnsafeURL, match="loopback|unspecified"):
        netguard.check_url(url)


def test_an_idn_is_resolved_and_named_in_its_ascii_form(monkeypatch):
    fake_dns(monkeypatch, {"xn--bcher-kva.test": ["93.184.216.34"], "xn--fa-hia.test": ["93.184.216.34"]})
    assert netguard.check_url("http://BÜCHER.test./a").host == "xn--bcher-kva.test"
    assert netguard.check_url("https://faß.test/").host == "xn--fa-hia.test"  # IDNA 2008, as browsers: not fass
    with pytest.raises(UnsafeURL, match="not a valid host name"):
        netguard.check_url("http://a\u200db.test/")
