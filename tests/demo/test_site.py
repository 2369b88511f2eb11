"""The sample sites over real HTTP: feed, sitemaps, CP949 board, validators, overrides, robots.txt."""

from __future__ import annotations

import email.message
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import parsel
import pytest

from demo.sample_config import EXPECTED_TITLES, ROBOTS_DISALLOWED_PATH, sample_config
from demo.site import BOARD_HEADER_CHARSET, SAMPLE_ROOT, SampleSite

# No proxy, whatever the environment says: the only network in tests is 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: email.message.Message
    body: bytes


def fetch(url: str, headers: dict[str, str] | None = None) -> Reply:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=5) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:  # 304 and 404 arrive as exceptions in urllib
        with error:
            return Reply(error.code, error.headers, error.read())


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def site() -> Iterator[SampleSite]:
    with SampleSite() as running:
        yield running


def test_feed_lists_five_articles_at_the_servers_base(site: SampleSite) -> None:
    reply = fetch(site.base_url + "/news/rss.xml")
    assert reply.status == 200
    assert reply.headers.get_content_type() == "application/rss+xml"
    assert b"{{BASE}}" not in reply.body
    links = [item.findtext("link", "") for item in ET.fromstring(reply.body).iter("item")]
    assert len(links) == 5
    assert all(link.startswith(site.base_url + "/news/articles/") for link in links)
    assert {path_of(link) for link in links} == {p for p in EXPECTED_TITLES if p.startswith("/news/")}


def test_sitemap_index_leads_to_five_dated_article_urls(site: SampleSite) -> None:
    index = ET.fromstring(fetch(site.base_url + "/county/sitemap.xml").body)
    child_urls = [loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert child_urls == [site.base_url + "/county/sitemap-news.xml"]
    urlset = ET.fromstring(fetch(site.base_url + "/county/sitemap-news.xml").body)
    entries = urlset.findall("sm:url", SITEMAP_NS)
    assert len(entries) == 5
    assert all(e.findtext("sm:lastmod", "", SITEMAP_NS).startswith(("2025-", "2026-")) for e in entries)
    locs = [e.findtext("sm:loc", "", SITEMAP_NS) for e in entries]
    assert {path_of(loc) for loc in locs} == {p for p in EXPECTED_TITLES if p.startswith("/county/")}


def test_board_page_decodes_as_cp949_and_keeps_the_cp949_only_syllable(site: SampleSite) -> None:
    reply = fetch(site.base_url + "/board/view.html?id=1007")
    assert reply.headers["Content-Type"] == "text/html; charset=euc-kr"
    text = reply.body.decode("cp949")
    assert EXPECTED_TITLES["/board/view.html?id=1007"] in text
    assert "똠" in text
    with pytest.raises(UnicodeDecodeError):  # strict EUC-KR has no 똠: CP949 is required
        reply.body.decode("euc-kr")


@pytest.mark.parametrize("rel", sorted(p.relative_to(SAMPLE_ROOT).as_posix() for p in SAMPLE_ROOT.glob("board/*.html")))
def test_board_charset_header_follows_the_documented_mapping(site: SampleSite, rel: str) -> None:
    name = rel.removeprefix("board/").removesuffix(".html")
    kind, number = name.split("-")
    target = f"/board/{kind}.html?{'page' if kind == 'list' else 'id'}={number}"
    reply = fetch(site.base_url + target)
    assert reply.body == (SAMPLE_ROOT / rel).read_bytes()
    assert reply.headers.get_content_charset() == ("euc-kr" if rel in BOARD_HEADER_CHARSET else None)


def test_some_board_pages_declare_no_charset_anywhere(site: SampleSite) -> None:
    reply = fetch(site.base_url + "/board/view.html?id=1004")
    assert reply.headers["Content-Type"] == "text/html"
    assert b"charset" not in reply.body.lower()
    assert EXPECTED_TITLES["/board/view.html?id=1004"] in reply.body.decode("cp949")


def test_every_expected_article_is_served_with_its_title(site: SampleSite) -> None:
    board = sample_config(site.base_url, "sqlite://")["sources"][1]["article"]
    for path, title in EXPECTED_TITLES.items():
        reply = fetch(site.base_url + path)
        assert reply.status == 200, path
        if path.startswith("/board/"):
            page = parsel.Selector(text=reply.body.decode("cp949"))
            assert page.css(board["title"]).xpath("string()").get("").strip() == title
            assert page.css(board["published"]).xpath("string()").get("").startswith(("2025-", "2026-"))
            assert page.css(board["department"]).xpath("string()").get("").endswith(("과", "실"))
            assert page.css(board["body"])
        else:
            page = parsel.Selector(text=reply.body.decode("utf-8"))
            assert page.css('meta[property="og:title"]::attr(content)').get() == title
            assert page.css('meta[property="article:published_time"]::attr(content)').get("")[:4] in {
                "2025",
                "2026",
            }


def test_list_pages_paginate_and_link_eight_articles_plus_a_private_notice(site: SampleSite) -> None:
    url: str | None = site.base_url + "/board/list.html?page=1"
    links: list[str] = []
    pages = 0
    while url is not None:
        pages += 1
        page = parsel.Selector(text=fetch(url).body.decode("cp949"))
        links += [path_of(urljoin(url, href)) for href in page.css("td.title a::attr(href)").getall()]
        next_href = page.css("a.next::attr(href)").get()
        url = urljoin(url, next_href) if next_href else None
    assert pages == 3
    assert links[0] == ROBOTS_DISALLOWED_PATH
    assert sorted(links[1:]) == sorted(p for p in EXPECTED_TITLES if p.startswith("/board/"))


def test_robots_txt_disallows_only_private(site: SampleSite) -> None:
    reply = fetch(site.base_url + "/robots.txt")
    assert reply.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert reply.body.decode() == "User-agent: *\nDisallow: /private/\n"
    assert fetch(site.base_url + ROBOTS_DISALLOWED_PATH).status == 200  # exists; robots.txt is the guard


def test_query_mapping_and_missing_pages(site: SampleSite) -> None:
    assert fetch(site.base_url + "/board/list.html?page=2").body == (SAMPLE_ROOT / "board/list-2.html").read_bytes()
    assert fetch(site.base_url + "/board/list.html").body == (SAMPLE_ROOT / "board/list-1.html").read_bytes()
    assert fetch(site.base_url + "/board/view.html?id=1003").body == (SAMPLE_ROOT / "board/view-1003.html").read_bytes()
    for missing in (
        "/board/view.html?id=9999",
        "/board/view.html?id=abc",
        "/board/list.html?page=4",
        "/news/articles/1.html",
        "/news/../../etc/passwd",
        "/nothing.html",
    ):
        assert fetch(site.base_url + missing).status == 404, missing


def test_conditional_requests_get_304(site: SampleSite) -> None:
    url = site.base_url + "/news/articles/581201.html"
    first = fetch(url)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag and last_modified
    assert fetch(url, {"If-None-Match": etag}).status == 304
    assert fetch(url, {"If-None-Match": '"other"'}).status == 200
    assert fetch(url, {"If-Modified-Since": last_modified}).status == 304
    assert fetch(url, {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status == 200
    assert "ETag" not in fetch(site.base_url + "/news/rss.xml").headers  # only article pages


def test_override_serves_new_bytes_until_restored() -> None:
    with SampleSite() as site:
        url = site.base_url + "/board/view.html?id=1001"
        original = fetch(url)
        edited = original.body.replace("1,246억원".encode("cp949"), "1,300억원".encode("cp949"))
        site.override("/board/view.html?id=1001", edited)
        changed = fetch(url, {"If-None-Match": original.headers["ETag"]})
        assert changed.status == 200 and changed.body == edited
        assert changed.headers["ETag"] != original.headers["ETag"]
        assert fetch(url, {"If-Modified-Since": original.headers["Last-Modified"]}).status == 200
        site.override("/board/view.html?id=1001", None)
        assert fetch(url).body == original.body


def test_override_can_add_a_page_and_xml_gets_the_base_substituted() -> None:
    with SampleSite() as site:
        site.override("/news/rss.xml", b"<rss><channel><item><link>{{BASE}}/x.html</link></item></channel></rss>")
        assert fetch(site.base_url + "/news/rss.xml").body.decode().count(site.base_url + "/x.html") == 1
        site.override("/board/view.html?id=1009", "새 글".encode("cp949"))
        assert fetch(site.base_url + "/board/view.html?id=1009").body.decode("cp949") == "새 글"


def test_requests_are_recorded_with_their_query() -> None:
    with SampleSite() as site:
        for target in ("/robots.txt", "/board/list.html?page=2", "/missing"):
            fetch(site.base_url + target)
        assert site.requests == ["/robots.txt", "/board/list.html?page=2", "/missing"]


def test_sample_config_points_the_three_sources_at_the_server() -> None:
    config = sample_config("http://127.0.0.1:1234/", "sqlite:///demo.db")
    assert config["database"] == "sqlite:///demo.db"
    by_kind = {s["kind"]: s for s in config["sources"]}
    assert set(by_kind) == {"rss", "listing", "sitemap"}
    assert by_kind["rss"]["url"] == "http://127.0.0.1:1234/news/rss.xml"
    assert by_kind["listing"]["url"] == "http://127.0.0.1:1234/board/list.html?page=1"
    assert by_kind["sitemap"]["url"] == "http://127.0.0.1:1234/county/sitemap.xml"
    assert "article" not in by_kind["rss"] and "article" not in by_kind["sitemap"]
    assert len({s["name"] for s in config["sources"]}) == 3
