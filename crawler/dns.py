"""Scrapy's caching DNS resolver on the reactor our crawls run on.

Scrapy installs it (``DNS_RESOLVER``, ``DNSCACHE_ENABLED``) only when its own CrawlerProcess
starts the reactor; our crawls run on an ``AsyncCrawlerRunner`` on a reactor we start
(crawler/reactor.py, the daemon's scheduling/run.py), so every request was looked up twice in a
thread, uncached: once by the private-address guard (crawler/guard.py, ``reactor.resolve``) and
once more by the connection (Twisted's getaddrinfo resolver), which could answer otherwise (DNS
rebinding). With the caching resolver both read one answer, and a page costs no lookup in a
thread. The cache is emptied at the start of every pass over the sources, so a long-running
daemon follows a site that moved.
"""

from __future__ import annotations

from typing import Any


def fresh_caching_resolver(settings: dict[str, Any]) -> bool:
    """Install Scrapy's caching resolver on the running reactor, sized and timed by ``settings``
    (Scrapy's defaults where they say nothing), or empty its cache if it is installed already.
    True when it was installed now."""
    from scrapy.resolver import CachingThreadedResolver, dnscache
    from scrapy.settings import Settings
    from twisted.internet import reactor as installed

    reactor: Any = installed  # Twisted types the reactor module as interfaces only
    dnscache.clear()
    if isinstance(reactor.resolver, CachingThreadedResolver):
        return False
    values = Settings(settings)
    size = values.getint("DNSCACHE_SIZE") if values.getbool("DNSCACHE_ENABLED") else 0
    CachingThreadedResolver(reactor, size, values.getfloat("DNS_TIMEOUT")).install_on_reactor()
    return True
