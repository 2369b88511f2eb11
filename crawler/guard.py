"""Where a crawl may go: the source's own domain (redirects included) and no private addresses.

``OffsiteGuard`` is Scrapy's offsite filter, except that a redirect to another host is refused in
the downloader, where the request's errback hears why (Scrapy drops it silently at scheduling).
``PrivateAddressGuard`` refuses loopback, private and link-local addresses unless the source sets
``allow_private``: IP literals, local names, and host names whose DNS answer is such an address.
It runs on every request, redirected ones included, and resolves through Scrapy's caching resolver,
so the connection that follows uses the address that was checked (no DNS rebinding in between).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})

Resolve = Callable[[str], Awaitable[str]]


class RefusedAddress(IgnoreRequest):
    """A request to a private, loopback or link-local address the source did not allow."""


class RefusedRedirect(IgnoreRequest):
    """A redirect off the source's domain."""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215 local-use prefixes
# Where RFC 6052 puts the IPv4 address for each prefix length: (first bit, bits) pieces; bits
# 64-71 (the u octet) are skipped.
_RFC6052 = {
    32: ((32, 32),),
    40: ((40, 24), (72, 8)),
    48: ((48, 16), (72, 16)),
    56: ((56, 8), (72, 24)),
    64: ((72, 32),),
    96: ((96, 32),),
}


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: IPv4-mapped, IPv4-compatible, NAT64 (well-known
    and local-use), 6to4 and Teredo (server and client). A connection to such an address may reach
    the IPv4 host, so the guard judges those too."""
    value = int(ip)
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if value >> 32 == 0 and value > 1:  # ::a.b.c.d (deprecated "compatible"); not :: or ::1
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if ip in _NAT64_LOCAL:  # the prefix length is a local choice: every layout is judged
        for pieces in _RFC6052.values():
            v4 = 0
            for first, bits in pieces:
                v4 = (v4 << bits) | ((value >> (128 - first - bits)) & ((1 << bits) - 1))
            found.append(ipaddress.IPv4Address(v4))
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    return found


def is_private_address(address: str) -> bool:
    """True for an IP address that is not globally routable; an IPv6 address carrying an IPv4
    address (``embedded_ipv4``) is private when that IPv4 address is."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if any(not v4.is_global for v4 in embedded_ipv4(ip)):
            return True
        if ip in _NAT64_LOCAL:
            return True  # local use by definition (RFC 8215)
    return not ip.is_global


def is_private_host(host: str) -> bool:
    """True for an IP literal that is not globally routable, or a name for this machine."""
    host = host.strip("[]").lower().rstrip(".")
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    return is_private_address(host)


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


async def resolve_with_reactor(host: str) -> str:
    """The address Scrapy will connect to: its resolver caches the answer (DNSCACHE_ENABLED)."""
    from twisted.internet import reactor as installed

    reactor: Any = installed  # Twisted types the reactor module as interfaces only
    address: str = await maybe_deferred_to_future(reactor.resolve(host))
    return address


class PrivateAddressGuard:
    """Downloader middleware; the spider's source decides with ``allow_private``."""

    def __init__(self, crawler: Crawler, resolve: Resolve = resolve_with_reactor) -> None:
        self.crawler = crawler
        self.resolve = resolve

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        source = getattr(self.crawler.spider, "source", None)
        if source is not None and source.allow_private:
            return None
        host = urlsplit(request.url).hostname or ""
        if is_private_host(host):
            raise RefusedAddress(f"refused, {host} is a private or local address")
        if not host or is_ip_literal(host) or request.meta.get("proxy"):
            return None  # through a proxy, the proxy resolves (and is the operator's choice)
        try:
            address = await self.resolve(host)
        except Exception:  # a failed lookup fails the download itself, with its own error
            return None
        if is_private_address(address):
            raise RefusedAddress(f"refused, {host} resolves to {address}, a private or local address")
        return None


class OffsiteGuard(OffsiteMiddleware):
    """Scrapy's offsite filter; redirects off the source's domain are refused with a reason."""

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        if request.meta.get("redirect_urls"):
            return None  # judged in process_request, so the errback is told
        return super().request_scheduled(request, spider)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        redirected_from: Any = request.meta.get("redirect_urls")
        if redirected_from:
            assert self.crawler.spider is not None
            if not self.should_follow(request, self.crawler.spider):
                host = urlsplit(request.url).hostname
                raise RefusedRedirect(f"refused, redirected to another host ({host}): {request.url}")
            return None
        return super().process_request(request)
