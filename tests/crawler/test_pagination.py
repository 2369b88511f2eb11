"""Listing pagination kinds against a real local board: page-number URLs, row offsets, and a
pager that POSTs a form (movePage(n) boards); link texts cut with "…" and full titles in @title."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from scrapy.http import HtmlResponse

from config.schema import SourceConfig
from crawler.pagination import next_list_request
from store.db import make_engine
from store.queries import list_articles
from tests.forked_cli import run_cli

ROOT = Path(__file__).resolve().parents[2]
PAGES, PER_PAGE = 3, 4


def title(n: int) -> str:
    return f"빛고을구, 제{n}호 생활도로 정비사업에 {n}억원 투입 확정"


def list_page(page: int) -> bytes:
    rows = "".join(
        f'<li><a href="/view?id={n}" title="{title(n)}">{title(n)[:12]}…</a></li>'
        for n in range((page - 1) * PER_PAGE + 1, page * PER_PAGE + 1)
    ) if 1 <= page <= PAGES else ""  # fmt: skip
    pager = "".join(f'<a href="javascript:movePage({p})">{p}</a>' for p in range(1, PAGES + 1))
    return f"<html><body><ul class='list'>{rows}</ul><div class='pager'>{pager}</div></body></html>".encode()


def article(n: int) -> bytes:
    return (f"<html><body><h1 class='t'>{title(n)}</h1><p class='d'>2026-03-0{n % 9 + 1}</p>"
            f"<div class='c'><p>빛고을구는 제{n}호 생활도로 정비사업에 {n}억원을 투입한다고 밝혔다.</p></div>"
            "</body></html>").encode()  # fmt: skip


class Board(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # stdlib signature
        return

    def _send(self, body: bytes) -> None:
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/robots.txt":
            self._send(b"User-agent: *\nAllow: /\n")
        elif parts.path == "/list":
            page = int(query.get("page", 0)) or int(query.get("start", 0)) // PER_PAGE + 1
            self._send(list_page(page))
        elif parts.path == "/view":
            self._send(article(int(query["id"])))
        else:
            self._send(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if self.path == "/list" and form.get("boardId") == "B1":
            self._send(list_page(int(form["movePage"])))
        else:
            self._send(b"")


@pytest.fixture
def board() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Board)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


PAGINATIONS = {
    "template": {"kind": "template", "template": "/list?page={n}"},
    "offset": {"kind": "offset", "template": "/list?start={offset}", "per_page": PER_PAGE},
    "post": {"kind": "post", "post_url": "/list", "post_fields": {"boardId": "B1", "movePage": "{n}"}},
}


@pytest.mark.parametrize("kind", sorted(PAGINATIONS))
def test_every_pagination_kind_reaches_every_article(board: str, tmp_path: Path, kind: str) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    source = {"name": "gu-board", "org": "빛고을구", "kind": "listing", "url": f"{board}/list?page=1",
              "links": "ul.list a", "title_from": "@title", "pagination": PAGINATIONS[kind], "max_pages": 10,
              "article": {"title": "h1.t", "body": "div.c", "published": "p.d"}, "allow_private": True,
              "delay": 0}  # fmt: skip
    config = tmp_path / "c.yaml"
    config.write_text(yaml.safe_dump({"database": database, "sources": [source]}, allow_unicode=True))
    result = run_cli("--config", str(config), "crawl", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    engine = make_engine(database)
    titles = sorted(row.title for row in list_articles(engine))
    engine.dispose()
    assert titles == sorted(title(n) for n in range(1, PAGES * PER_PAGE + 1))
    # the pager stops at the first page with nothing new (page 4 is empty), not at max_pages
    assert "pages 16," in result.stdout, result.stdout


def test_post_request_carries_the_form() -> None:
    source = SourceConfig(name="b", org="o", kind="listing", url="https://x.kr/list", links="a",
                          pagination={"kind": "post", "post_url": "/list.do",  # type: ignore[arg-type]
                                      "post_fields": {"movePage": "{n}", "q": "예산"}})  # fmt: skip
    response = HtmlResponse("https://x.kr/list", body=b"<html></html>", encoding="utf-8")
    request = next_list_request(source, response, 3)
    assert request is not None and request.method == "POST" and request.url == "https://x.kr/list.do"
    assert parse_qs(request.body.decode()) == {"movePage": ["3"], "q": ["예산"]}
