"""Which URLs crosswire may fetch: http(s) to public addresses only.

    check_url(url, *, allow=()) -> Target(url, scheme, host, port, addresses)
    parse_networks("127.0.0.0/8, ::1") -> tuple of ip networks

A URL is refused (UnsafeURL, one-line reason) unless its scheme is http or
https and EVERY address its host resolves to is public: not private,
loopback, link-local, site-local, multicast, reserved, unspecified, shared
(100.64/10), nor an IPv4 address hidden in IPv6 (IPv4-mapped, NAT64, 6to4,
Teredo) that is one of those. A host name in Unicode (IDN) is turned into its
ASCII form (IDNA 2008 with UTS 46 mapping, as browsers do) before it is
resolved, and that ASCII name is what the request names (Host header, TLS).
A network the user allows explicitly (``allow_network`` setting,
``--allow-network``) lifts the refusal for addresses inside it.

The fetcher (fetch.py) calls this for the first URL and again for every
redirect, and connects to one of the checked addresses rather than resolving
the name a second time, so a name that changes its answer between the check
and the connection (DNS rebinding) cannot reach an internal address.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass

import idna

from crosswire.errors import UnsafeURL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SCHEMES = {"http": 80, "https": 443}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Target:
    url: str
    scheme: str
    host: str  # the URL's host in ASCII (an IDN as its xn-- form), without brackets or a final dot, lower case
    port: int
    addresses: tuple[IPAddress, ...]  # every address the host resolves to, all checked


def parse_networks(value: str | Iterable[str] | None) -> tuple[IPNetwork, ...]:
    """'127.0.0.0/8, ::1' -> networks; a bad range is a ValueError naming it."""
    if not value:
        return ()
    items = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    networks = []
    for item in items:
        if isinstance(item, (ipaddress.IPv4Network, ipaddress.IPv6Network)):
            networks.append(item)
            continue
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"allow_network: {item!r} is not a network range like 127.0.0.0/8") from None
    return tuple(networks)


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def why_not_public(ip: IPAddress) -> str | None:
    """None for a public address, else what it is ("loopback", "private", ...)."""
    inner = _embedded_v4(ip)
    if inner is not None:
        reason = why_not_public(inner)
        return f"{reason} (IPv4 {inner} inside IPv6)" if reason else None
    for name in ("unspecified", "loopback", "link_local", "site_local", "multicast", "reserved", "private"):
        if getattr(ip, f"is_{name}", False):  # site-local (fec0::/10): IPv6 only, deprecated but still internal
            return name.replace("_", "-")
    if not ip.is_global:
        return "not globally reachable"
    return None


def check_address(ip: IPAddress, allow: tuple[IPNetwork, ...] = ()) -> str | None:
    """None when crosswire may connect to `ip`, else the reason it may not."""
    candidates = [ip] + ([inner] if (inner := _embedded_v4(ip)) is not None else [])
    if any(c in net for c in candidates for net in allow if c.version == net.version):
        return None
    return why_not_public(ip)


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def resolve(host: str, port: int) -> tuple[IPAddress, ...]:
    """Every address `host` resolves to (a literal address is parsed, not looked up)."""
    try:
        return (ipaddress.ip_address(host),)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnsafeURL(f"{host}: cannot resolve the host name ({exc.__class__.__name__})") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])  # drop an IPv6 zone id
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise UnsafeURL(f"{host}: the host name resolves to no address")
    return tuple(addresses)


def ascii_host(host: str) -> str:
    """The host name as it is resolved and sent: an IDN in its xn-- form; UnsafeURL when it is no valid name."""
    if host.isascii():
        return host.lower()
    try:
        return idna.encode(host, uts46=True).decode("ascii").lower()
    except (idna.IDNAError, UnicodeError, ValueError) as exc:
        raise UnsafeURL(f"{host}: not a valid host name ({exc})".splitlines()[0]) from None


def check_url(url: str, *, allow: Iterable[IPNetwork] | str = ()) -> Target:
    """The URL's target with its checked addresses, or UnsafeURL saying why it may not be fetched."""
    networks = parse_networks(allow) if isinstance(allow, str) else tuple(allow)
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"{url}: not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UnsafeURL(f"{url}: only http and https URLs are fetched, not {scheme or 'a URL without a scheme'}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURL(f"{url}: no host name")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL(f"{url}: URLs with a user name or password are not fetched")
    if port == 0:
        raise UnsafeURL(f"{url}: not a valid URL (port 0)")
    host = ascii_host(host).rstrip(".")  # a full-width dot can map to a final "."
    if not host:
        raise UnsafeURL(f"{url}: no host name")
    port = port or SCHEMES[scheme]
    addresses = resolve(host, port)
    for ip in addresses:
        reason = check_address(ip, networks)
        if reason:
            what = host if _is_literal(host) else f"{host} resolves to {ip}, which"
            raise UnsafeURL(f"{url}: refused: {what} is {reason} (allow a range explicitly with --allow-network)")
    return Target(url=url, scheme=scheme, host=host, port=port, addresses=addresses)
