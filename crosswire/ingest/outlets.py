"""An outlet's name from a URL's host: a small table, else the registrable domain."""

from __future__ import annotations

import urllib.parse

# Hosts whose registrable domain is not the name readers know.
KNOWN_HOSTS = {
    "apnews.com": "AP",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "reuters.com": "Reuters",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "wsj.com": "The Wall Street Journal",
    "bloomberg.com": "Bloomberg",
    "aljazeera.com": "Al Jazeera",
    "koreajoongangdaily.joins.com": "Korea JoongAng Daily",
    "joins.com": "JoongAng Ilbo",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "yna.co.kr": "Yonhap",
    "en.yna.co.kr": "Yonhap",
    "thetrendingpeople.com": "TheTrendingPeople.com",
}
# Public suffixes of two labels common in news URLs (no public-suffix list dependency).
TWO_LABEL_SUFFIXES = frozenset(
    "co.uk org.uk ac.uk gov.uk co.kr or.kr go.kr ne.kr com.au net.au org.au co.jp ne.jp or.jp "
    "co.nz com.br com.cn com.hk com.sg com.tw co.in co.za com.mx com.ar".split()
)


def host_of(url: str) -> str | None:
    try:
        host = urllib.parse.urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def registrable_domain(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in TWO_LABEL_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def outlet_from_url(url: str | None) -> str | None:
    """ "https://www.reuters.com/world/..." -> "Reuters"; unknown hosts -> "example.com"."""
    if not url:
        return None
    host = host_of(url)
    if not host or "." not in host:
        return None
    if host in KNOWN_HOSTS:
        return KNOWN_HOSTS[host]
    domain = registrable_domain(host)
    return KNOWN_HOSTS.get(domain, domain)
