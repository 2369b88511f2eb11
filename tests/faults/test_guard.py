"""The address guard and the redirect-aware offsite rule, as Scrapy components (no network)."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from config.schema import SourceConfig
from crawler.guard import (
    OffsiteGuard,
    PrivateAddressGuard,
    RefusedAddress,
    RefusedRedirect,
    is_private_address,
    is_private_host,
)
from crawler.spider import SourceSpider

DNS = {"news.example.kr": "211.234.10.20", "intranet.news.example.kr": "10.1.2.3", "meta.example.kr": "169.254.169.254"}


async def fake_resolve(host: str) -> str:
    return DNS[host]


def guard_for(allow_private: bool = False) -> tuple[PrivateAddressGuard, OffsiteGuard]:
    source = SourceConfig(name="s", org="o", kind="rss", url="https://news.example.kr/rss", allow_private=allow_private)
    crawler = get_crawler(SourceSpider)
    crawler.spider = SourceSpider(source)
    crawler.spider.crawler = crawler
    return PrivateAddressGuard(crawler, resolve=fake_resolve), OffsiteGuard.from_crawler(crawler)


@pytest.mark.parametrize(
    ("host", "private"),
    [("127.0.0.1", True), ("10.0.0.1", True), ("169.254.169.254", True), ("[::1]", True), ("::ffff:127.0.0.1", True),
     ("fe80::1", True), ("localhost", True), ("a.localhost", True), ("LOCALHOST.", True), ("8.8.8.8", False),
     ("news.example.kr", False)],
)  # fmt: skip
def test_private_hosts(host: str, private: bool) -> None:
    assert is_private_host(host) is private


def test_private_addresses() -> None:
    assert is_private_address("::ffff:10.0.0.1") and not is_private_address("203.0.113.0x")


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://news.example.kr/a", None),
        ("https://intranet.news.example.kr/a", "resolves to 10.1.2.3"),
        ("http://meta.example.kr/latest", "resolves to 169.254.169.254"),
        ("http://127.0.0.1:8080/", "private or local"),
    ],
)
def test_guard_checks_resolved_addresses(url: str, refused: str | None) -> None:
    guard, _ = guard_for()
    request = Request(url, meta={"redirect_urls": ["https://news.example.kr/a"]})  # a redirect is judged the same
    if refused is None:
        assert asyncio.run(guard.process_request(request)) is None
    else:
        with pytest.raises(RefusedAddress, match=refused):
            asyncio.run(guard.process_request(request))


def test_opt_in_allows_private_addresses() -> None:
    guard, _ = guard_for(allow_private=True)
    assert asyncio.run(guard.process_request(Request("http://127.0.0.1/"))) is None


def test_redirect_off_the_domain_is_refused_with_a_reason() -> None:
    _, offsite = guard_for()
    assert offsite.crawler.spider is not None
    offsite.spider_opened(offsite.crawler.spider)
    moved = Request(
        "https://evil.example.com/a", meta={"redirect_urls": ["https://news.example.kr/a"]}, dont_filter=True
    )
    with pytest.raises(RefusedRedirect, match="another host"):
        offsite.process_request(moved)
    sub = Request("https://www.news.example.kr/a", meta={"redirect_urls": ["https://news.example.kr/a"]})
    offsite.process_request(sub)  # a subdomain of the source is its own site: no refusal


# IPv6 addresses that carry an IPv4 address are judged by it (a NAT64 gateway or a 6to4/Teredo
# relay would deliver the request to the IPv4 host).
@pytest.mark.parametrize(
    ("address", "private"),
    [
        ("::ffff:127.0.0.1", True),  # IPv4-mapped
        ("::127.0.0.1", True),  # IPv4-compatible
        ("[::127.0.0.1]", True),
        ("::10.0.0.1", True),
        ("64:ff9b::7f00:1", True),  # NAT64 well-known prefix, 127.0.0.1
        ("[64:ff9b::a9fe:a9fe]", True),  # NAT64, 169.254.169.254
        ("64:ff9b::808:808", False),  # NAT64, 8.8.8.8
        ("64:ff9b:1:7f00:1::", True),  # NAT64 local-use /48 (RFC 8215)
        ("2002:7f00:1::1", True),  # 6to4, 127.0.0.1
        ("2002:c0a8:101::1", True),  # 6to4, 192.168.1.1
        ("2002:808:808::1", False),  # 6to4, 8.8.8.8
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", True),  # Teredo, client 127.0.0.1
        ("2606:4700:4700::1111", False),
        ("::1", True),
    ],
)
def test_embedded_ipv4_addresses_are_judged_as_ipv4(address: str, private: bool) -> None:
    assert is_private_address(address) is private
    assert is_private_host(address) is private
