"""Refuse requests to loopback, private and link-local addresses unless the source opts in."""

from __future__ import annotations

import ipaddress
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_private_host(host: str) -> bool:
    """True for an IP literal that is not globally routable, or a name for this machine.

    Only literals and local names are judged here; names that resolve to private addresses are
    a known gap (DNS rebinding) to close together with a resolver hook.
    """
    host = host.strip("[]").lower()
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


class PrivateAddressGuard:
    """Downloader middleware; the spider's source decides with ``allow_private``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        from urllib.parse import urlsplit

        source = getattr(self.crawler.spider, "source", None)
        if source is not None and source.allow_private:
            return None
        host = urlsplit(request.url).hostname or ""
        if is_private_host(host):
            raise IgnoreRequest(f"{request.url}: refused, {host} is a private or local address")
        return None
