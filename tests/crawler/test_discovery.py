"""Link discovery on real Scrapy response objects built from bytes (no network needed)."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, XmlResponse

from crawler.discovery import DiscoveryError, feed_links, listing_links, next_page_url, sitemap_links
from crawler.guard import is_private_host
from crawler.urls import url_key

RSS = """<?xml version="1.0" encoding="euc-kr"?>
<rss version="2.0"><channel><title>시정소식</title>
<item><title>광주시, 내년 예산 6조2817억 편성</title><link>https://news.example.kr/a/1</link></item>
<item><title>두 번째</title><link>/a/2</link></item>
</channel></rss>""".encode("cp949")

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>County news</title>
<entry><title>Council adopts $1.2 billion budget</title><link href="https://county.example.org/n/9"/></entry>
</feed>"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://county.example.org/sitemap-news.xml</loc></sitemap></sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://county.example.org/n/1</loc><lastmod>2026-05-01</lastmod></url>
<url><loc> https://county.example.org/n/2 </loc></url></urlset>"""

LISTING = """<html><head><meta charset="euc-kr"></head><body><table>
<tr><td class="title"><a href="view.do?id=7&amp;page=1" title="2026년 본예산 1조3500억원 확정 발표">2026년 본예산 1조3500억…</a></td></tr>
<tr><td class="title"><a href="javascript:void(0)">스크립트</a></td></tr>
<tr><td class="title"><a href="/board/view.do?id=8">똠방각하 지원사업 5000만원</a></td></tr>
</table><div class="pager"><a class="next" href="list.do?page=2">다음</a></div></body></html>""".encode("cp949")


def test_rss_links_in_feed_encoding() -> None:
    response = XmlResponse("https://news.example.kr/rss.xml", body=RSS)
    links = feed_links(response)
    assert [link.url for link in links] == ["https://news.example.kr/a/1", "https://news.example.kr/a/2"]
    assert links[0].title == "광주시, 내년 예산 6조2817억 편성"


def test_atom_feed() -> None:
    links = feed_links(XmlResponse("https://county.example.org/atom", body=ATOM))
    assert links[0].url == "https://county.example.org/n/9"


def test_unreadable_feed_raises_naming_url() -> None:
    with pytest.raises(DiscoveryError, match="https://x.example/feed"):
        feed_links(HtmlResponse("https://x.example/feed", body=b"<html><body>Service unavailable</body></html>"))


def test_sitemap_index_and_urlset() -> None:
    index = sitemap_links(XmlResponse("https://county.example.org/sitemap.xml", body=SITEMAP_INDEX))
    assert index.sitemaps == ["https://county.example.org/sitemap-news.xml"] and index.pages == []
    pages = sitemap_links(XmlResponse("https://county.example.org/sitemap-news.xml", body=URLSET))
    assert [p.url for p in pages.pages] == ["https://county.example.org/n/1", "https://county.example.org/n/2"]


def test_broken_sitemap_raises() -> None:
    with pytest.raises(DiscoveryError, match="not a readable sitemap"):
        sitemap_links(XmlResponse("https://c.example/sitemap.xml", body=b"<urlset><url><loc>"))


def test_listing_links_full_title_and_cp949() -> None:
    response = HtmlResponse("https://city.example.kr/board/list.do?page=1", body=LISTING)
    assert response.encoding == "cp949"
    links = listing_links(response, "td.title a")
    assert [link.url for link in links] == [
        "https://city.example.kr/board/view.do?id=7&page=1",
        "https://city.example.kr/board/view.do?id=8",
    ]
    assert links[0].title == "2026년 본예산 1조3500억원 확정 발표"
    assert links[1].title == "똠방각하 지원사업 5000만원"
    assert next_page_url(response, "a.next") == "https://city.example.kr/board/list.do?page=2"
    assert next_page_url(response, "a.missing") is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://x.kr/view.do?nttId=5&bbsId=B1&pageIndex=3", "https://x.kr/view.do?bbsId=B1&nttId=5"),
        ("https://X.kr/a/1#top", "https://x.kr/a/1"),
        ("https://x.kr/view.do?id=7&page=1", "https://x.kr/view.do?id=7&page=2"),
    ],
)
def test_url_key_ignores_paging_order_and_fragment(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


def test_url_key_keeps_article_ids() -> None:
    assert url_key("https://x.kr/view.do?id=7") != url_key("https://x.kr/view.do?id=8")


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("169.254.169.254", True),
        ("[::1]", True),
        ("localhost", True),
        ("192.168.0.1", True),
        ("www.gwangju.go.kr", False),
        ("8.8.8.8", False),
    ],
)
def test_private_hosts(host: str, private: bool) -> None:
    assert is_private_host(host) is private


def test_gzipped_sitemap_is_read_within_the_size_limit() -> None:
    import gzip

    body = gzip.compress(URLSET)
    pages = sitemap_links(XmlResponse("https://county.example.org/sitemap.xml.gz", body=body))
    assert pages.pages == sitemap_links(XmlResponse("https://county.example.org/s.xml", body=URLSET)).pages
    assert pages.pages
    bomb = gzip.compress(b"<urlset>" + b" " * 3_000_000 + b"</urlset>")
    with pytest.raises(DiscoveryError, match=r"larger than 2 MB when decompressed"):
        sitemap_links(XmlResponse("https://county.example.org/big.xml.gz", body=bomb), max_bytes=2 * 1_048_576)
    with pytest.raises(DiscoveryError, match="not a readable gzipped sitemap"):
        sitemap_links(XmlResponse("https://county.example.org/bad.xml.gz", body=b"\x1f\x8b\x08broken"))
