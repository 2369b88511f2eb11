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
