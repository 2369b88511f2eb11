"""Find article links in a feed, a sitemap or a listing page (pure functions over responses)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import feedparser
from parsel import Selector
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None


class DiscoveryError(ValueError):
    """A feed, sitemap or list page that cannot be read at all."""


def feed_links(response: Response) -> list[Link]:
    """Article links of an RSS or Atom feed (feedparser reads the XML's own encoding)."""
    parsed = feedparser.parse(response.body, response_headers={"content-location": response.url})
    if parsed.bozo and not parsed.entries:
        raise DiscoveryError(f"{response.url}: not a readable feed: {parsed.get('bozo_exception')}")
    links: list[Link] = []
    for entry in parsed.entries:
        href = entry.get("link")
        if href:
            links.append(Link(response.urljoin(href), entry.get("title")))
    if parsed.bozo and not links:  # feedparser's lenient parse found entries, but nothing to follow
        raise DiscoveryError(f"{response.url}: not a readable feed: {parsed.get('bozo_exception')}")
    return links


@dataclass(frozen=True)
class SitemapLinks:
    sitemaps: list[str]
    pages: list[Link]


def sitemap_links(response: Response, max_bytes: int = 10 * 1024 * 1024) -> SitemapLinks:
    """Child sitemaps of a sitemap index, or the page URLs of a urlset (Scrapy's own parser);
    a gzipped sitemap (``sitemap.xml.gz``, the protocol's standard form) is read when it inflates
    to at most ``max_bytes``."""
    body = _sitemap_body(response, max_bytes)
    try:
        sitemap = Sitemap(body)
    except Exception as exc:  # lxml raises XMLSyntaxError and friends
        raise DiscoveryError(f"{response.url}: not a readable sitemap: {exc}") from None
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise DiscoveryError(f"{response.url}: not a sitemap (root element {sitemap.type!r})")
    entries = [entry.get("loc", "").strip() for entry in sitemap]
    entries = [response.urljoin(loc) for loc in entries if loc]
    if not entries and not _well_formed(body):
        raise DiscoveryError(f"{response.url}: not a readable sitemap: broken XML and no URLs in it")
    if sitemap.type == "sitemapindex":
        return SitemapLinks(sitemaps=entries, pages=[])
    return SitemapLinks(sitemaps=[], pages=[Link(url) for url in entries])


def _sitemap_body(response: Response, max_bytes: int) -> bytes:
    """The sitemap's XML: the body, or the body gunzipped (a gzip file, not a Content-Encoding)."""
    if response.body[:2] != b"\x1f\x8b":
        return response.body
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip header and trailer
    try:
        xml = inflate.decompress(response.body, max_bytes + 1)  # never more than the limit in memory
    except zlib.error as exc:
        raise DiscoveryError(f"{response.url}: not a readable gzipped sitemap: {exc}") from None
    if len(xml) > max_bytes:
        raise DiscoveryError(
            f"{response.url}: gzipped sitemap larger than {max_bytes / 1_048_576:g} MB when decompressed: cut"
        )
    return xml


def _well_formed(body: bytes) -> bool:
    from lxml import etree

    try:
        etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return False
    return True


def listing_links(response: TextResponse, links_selector: str, title_from: str = "text") -> list[Link]:
    """Article links on a list page. The title comes from the link text, an attribute ("@title":
    boards cut long titles with "…" in the text) or a CSS selector inside the link (ending in
    "::text" for the element's own text without its children's: a category tag in a child span);
    a ``title`` attribute is preferred whenever the text looks cut."""
    found: list[Link] = []
    for node in response.css(links_selector):
        try:
            link = _link_of(response, node, title_from)
        except ValueError:  # lxml refuses attributes with control characters in their names
            continue
        if link is not None:
            found.append(link)
    return found


def _link_of(response: TextResponse, node: Selector, title_from: str) -> Link | None:
    """The link of one matched element, or None when it leads nowhere."""
    href = node.attrib.get("href")
    if not href or href.startswith(("javascript:", "#", "mailto:")):
        return None
    text = " ".join(" ".join(node.css("::text").getall()).split())
    if title_from.startswith("@"):
        title = node.attrib.get(title_from[1:]) or text
    elif title_from != "text":
        query = title_from if title_from.endswith("::text") else f"{title_from} ::text"
        title = " ".join(" ".join(node.css(query).getall()).split()) or text
    else:
        title = text
    if node.attrib.get("title") and (not title or title.endswith(("…", "...", ".."))):
        title = node.attrib["title"]
    return Link(response.urljoin(href), title or None)


def next_page_url(response: TextResponse, next_selector: str | None) -> str | None:
    if not next_selector:
        return None
    for node in response.css(next_selector):
        try:
            href = node.attrib.get("href")
        except ValueError:  # as in listing_links
            continue
        if href and not href.startswith(("javascript:", "#")):
            return response.urljoin(href)
    return None
