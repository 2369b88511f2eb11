"""The saved list pages of real Korean boards, served at their real paths from a local server: a
source that names the board's profile finds the labelled first three articles and asks for page 2
the way the board does (a page-number or row-offset URL, or the form POST of movePage/pageLink).

The pages are read from ../shared/eval/kr-pages at test time, never copied into the repository.
Every other URL on the server answers with a stub article (no title: the crawler then keeps the
title the list gave) or, for POSTs, an empty list page that ends the walk.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml
from scrapy.http import HtmlResponse

from config.catalog import load_catalog
from crawler.discovery import listing_links
from store.db import make_engine
from store.queries import list_articles
from tests.forked_cli import run_cli
from tests.shared import shared_path

ROOT = Path(__file__).resolve().parents[2]
# The saved Korean board pages live in the shared eval data: skipped without it, failed in CI.
KR_PAGES = shared_path("eval/kr-pages/labels.json", module_level=True).parent
# The board profile of each saved list page (gwangju's list is the 시정소식 board, not 보도자료).
PROFILES = {
    "gwangju": "gwangju-news",
    "naju": "naju-press",
    "gangjin": "gangjin-press",
    "jindo": "jindo-news",
    "wando": "wando-news",
    "gyeongbuk": "gyeongbuk-press",
    "koreakr": "koreakr-press",
}


@dataclass(frozen=True)
class ListPage:
    site: str
    label: dict[str, Any]
    html: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.label["url"]).path

    @property
    def query(self) -> str:
        return urlsplit(self.label["url"]).query

    @property
    def page_field(self) -> tuple[str, str]:
        """The form or URL field that carries the page, and its value for page 2."""
        pagination = self.label["pagination"]
        fields = pagination.get("post_fields") or dict(parse_qsl(urlsplit(pagination["template"]).query))
        for key, value in fields.items():
            if value == "{n}":
                return key, "2"
            if value == "{offset}":
                return key, str(pagination["per_page"])
        raise AssertionError(f"{self.site}: no page field in the labelled pagination")


def list_pages() -> list[ListPage]:
    labels = json.loads((KR_PAGES / "labels.json").read_text(encoding="utf-8"))["pages"]
    return [
        ListPage(rec["site"], rec, (KR_PAGES / rec["file"]).read_bytes()) for rec in labels if rec["kind"] == "list"
    ]


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def stub_article(path: str) -> bytes:
    return (
        "<html><body><div class='stub'><p>시험용 본문입니다. 이 글은 목록의 링크를 따라온 요청에 답하는 자리표시입니다.</p>"
        f"<p>요청 경로: {path}</p></div></body></html>"
    ).encode()


class Boards(BaseHTTPRequestHandler):
    pages: dict[tuple[str, str], bytes] = {}
    requests: list[tuple[str, str, dict[str, str]]] = []

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # stdlib signature
        return

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.requests.append(("GET", parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))))
        if parts.path == "/robots.txt":
            self._send(b"User-agent: *\nAllow: /\n")
        else:
            self._send(self.pages.get((parts.path, parts.query)) or stub_article(self.path))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = dict(parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
        self.requests.append(("POST", urlsplit(self.path).path, form))
        self._send(b"<html><body><p>no rows</p></body></html>")


@dataclass(frozen=True)
class Crawl:
    articles: dict[str, dict[str, str]]  # source name -> {path?query: title}
    requests: list[tuple[str, str, dict[str, str]]]
    output: str


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    pages = list_pages()
    Boards.pages = {(page.path, page.query): page.html for page in pages}
    Boards.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Boards)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    tmp = tmp_path_factory.mktemp("kr-lists")
    database = f"sqlite:///{tmp}/bw.sqlite"
    sources = [
        {"name": page.site, "profile": PROFILES[page.site], "url": base + path_and_query(page.label["url"]),
         "allow_private": True, "delay": 0, "max_pages": 2}
        for page in pages
    ]  # fmt: skip
    config = tmp / "c.yaml"
    config.write_text(yaml.safe_dump({"database": database, "sources": sources}, allow_unicode=True))
    try:
        result = run_cli("--config", str(config), "crawl", timeout=300)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stdout + result.stderr
    engine = make_engine(database)
    articles: dict[str, dict[str, str]] = {}
    for row in list_articles(engine):
        articles.setdefault(row.source, {})[path_and_query(row.url)] = row.title
    engine.dispose()
    yield Crawl(articles, list(Boards.requests), result.stdout + result.stderr)


@pytest.mark.parametrize("page", list_pages(), ids=lambda page: page.site)
def test_profile_finds_the_first_three_articles_on_the_saved_page(page: ListPage) -> None:
    rules = load_catalog().named(PROFILES[page.site]).list_rules
    assert rules is not None and rules.links is not None
    response = HtmlResponse(page.label["url"], body=page.html, encoding="utf-8")
    links = listing_links(response, rules.links, rules.title_from)
    wanted = page.label["article_links"]
    assert len(links) == wanted["count"]
    assert [link.title for link in links[:3]] == wanted["first_titles"]
    assert [path_and_query(link.url) for link in links[:3]] == [path_and_query(u) for u in wanted["first_urls"]]


@pytest.mark.parametrize("page", list_pages(), ids=lambda page: page.site)
def test_crawl_stores_the_first_three_articles_with_their_list_titles(crawl: Crawl, page: ListPage) -> None:
    stored = crawl.articles.get(page.site, {})
    wanted = page.label["article_links"]
    for url, title in zip(wanted["first_urls"], wanted["first_titles"], strict=True):
        assert stored.get(path_and_query(url)) == title, crawl.output
    assert len(stored) == wanted["count"], crawl.output


@pytest.mark.parametrize("page", list_pages(), ids=lambda page: page.site)
def test_crawl_asks_for_page_two_the_way_the_board_does(crawl: Crawl, page: ListPage) -> None:
    key, value = page.page_field
    pagination = page.label["pagination"]
    if pagination.get("post_fields"):  # a pager that submits a form by POST (movePage, pageLink)
        posts = [form for method, path, form in crawl.requests if method == "POST" and path == page.path]
        assert [form[key] for form in posts] == [value], crawl.requests
        assert set(pagination["post_fields"]) <= set(posts[0])
    else:
        path = urlsplit(pagination["template"]).path
        asked = [
            query for method, p, query in crawl.requests if method == "GET" and p == path and query.get(key) == value
        ]
        assert len(asked) == 1, crawl.requests
