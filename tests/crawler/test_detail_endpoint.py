"""A board whose view page is an empty template filled from a JSON endpoint (담양군 getBoardDetail):
the crawler sends that POST and stores the JSON's article under the link's URL."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from config.catalog import load_catalog
from config.parts import DetailConfig
from config.schema import SourceConfig
from crawler.detail import DetailError, detail_page, detail_request
from store.db import make_engine
from store.models import ArticleVersion
from store.queries import list_articles
from tests.forked_cli import run_cli

ROOT = Path(__file__).resolve().parents[2]
LINK = "/board/view.do?boardId=BBS_0000007&dataSid=123"
TITLE = "담양군, 죽녹원 정비에 15억원 투입"
BODY = "<p>담양군은 죽녹원 정비사업에 <b>15억원</b>을 투입한다고 밝혔다.</p><p>사업은 2026년 완료된다.</p>"
RULE = {"method": "POST", "url": "/board/getBoardDetail", "fields": {"dataSid": "{dataSid}", "boardId": "{boardId}"},
        "json_root": None, "fill": {"title": "dataTitle", "published": "regDate", "author": "userNm",
                                    "body": "dataContent"}}  # fmt: skip
SHELL = (b"<html><body><div class='tbl-dtlCon-area'><h3 id='dev-title'></h3><span id='dev-regDate'></span>"
         b"<div id='dev-contents'></div></div></body></html>")  # fmt: skip


class Board(BaseHTTPRequestHandler):
    posts: list[dict[str, str]] = []

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # stdlib signature
        return

    def _send(self, body: bytes, kind: str = "text/html; charset=utf-8", status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/robots.txt":
            self._send(b"User-agent: *\nAllow: /\n")
        elif path == "/board/list.do":
            self._send(
                f"<html><body><ul class='list'><li><a href='{LINK}'>{TITLE}</a></li></ul></body></html>".encode()
            )
        elif path == "/board/view.do":
            self._send(SHELL)  # the rendered page is empty without its script
        else:
            self._send(b"", status=404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        Board.posts.append(form)
        if self.path == "/board/getBoardDetail" and form == {"dataSid": "123", "boardId": "BBS_0000007"}:
            detail = {"dataSid": 123, "dataTitle": TITLE, "regDate": "2026-03-05 10:20:00", "userNm": "홍보팀",
                      "dataContent": BODY}  # fmt: skip
            # the envelope the page script reads: RLST_DATA.boardDetail.boardContentsDetail
            reply = {"RSLT_CD": "0000", "RLST_DATA": {"boardDetail": {"boardContentsDetail": detail,
                                                                       "boardContentsFileList": []}}}  # fmt: skip
            self._send(json.dumps(reply, ensure_ascii=False).encode(), "application/json; charset=utf-8")
        else:
            self._send(b"", status=404)


@pytest.fixture
def board() -> Iterator[str]:
    Board.posts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Board)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_crawl_reads_the_article_through_its_detail_endpoint(board: str, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    source = {"name": "damyang", "org": "담양군", "kind": "listing", "url": f"{board}/board/list.do",
              "links": "ul.list a", "title_from": "text", "allow_private": True, "delay": 0,
              "detail": RULE}  # fmt: skip
    config = tmp_path / "c.yaml"
    config.write_text(yaml.safe_dump({"database": database, "sources": [source]}, allow_unicode=True))
    result = run_cli("--config", str(config), "crawl", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert Board.posts == [{"dataSid": "123", "boardId": "BBS_0000007"}]
    engine = make_engine(database)
    rows = list(list_articles(engine))
    with Session(engine) as session:
        version = session.scalars(select(ArticleVersion)).one()
        body, author = version.body, version.author
    engine.dispose()
    assert len(rows) == 1, result.stdout
    row = rows[0]
    assert row.title == TITLE
    assert row.url == board + LINK  # the link, not the endpoint
    # 10:20 in Asia/Seoul, stored in UTC
    assert row.published is not None and row.published.strftime("%Y-%m-%d %H:%M") == "2026-03-05 01:20"
    assert "죽녹원 정비사업에 15억원을 투입한다고" in body and "2026년 완료된다" in body
    assert author == "홍보팀"


def test_damyang_profile_brings_its_detail_rule() -> None:
    source = SourceConfig.model_validate({"name": "d", "profile": "damyang-press", "kind": "listing",
                                          "url": "https://www.damyang.go.kr/board/list.do", "links": "a"},
                                         context={"catalog": load_catalog()})  # fmt: skip
    assert source.detail is not None
    assert source.detail.url == "/board/getBoardDetail"
    assert source.detail.fill["body"] == "dataContent"
    url, fields = detail_request(source.detail, "https://www.damyang.go.kr/board/view.do?boardId=BBS_0000007&dataSid=9")
    assert url == "https://www.damyang.go.kr/board/getBoardDetail"
    assert fields == {"dataSid": "9", "boardId": "BBS_0000007"}


def test_detail_request_get_and_missing_parameter() -> None:
    rule = DetailConfig(url="api/detail?x=1", method="GET", fields={"id": "{no}"}, fill={"title": "t"})
    url, _ = detail_request(rule, "https://b.kr/news/view?no=7")
    assert url == "https://b.kr/news/api/detail?x=1&id=7"
    with pytest.raises(DetailError, match="'no'"):
        detail_request(rule, "https://b.kr/news/view?id=7")


def test_detail_page_escapes_fields_keeps_body_and_follows_json_root() -> None:
    rule = DetailConfig(url="/d", json_root="data.items.0", fill={"title": "t", "author": "a", "body": "b"})
    reply = {"data": {"items": [{"t": "<script>x</script> 제목", "a": "A&B", "b": "&lt;p&gt;본문&lt;/p&gt;"}]}}
    page = detail_page(json.dumps(reply), rule)
    assert "&lt;script&gt;x&lt;/script&gt; 제목" in page and "<script>" not in page
    assert '<p class="author">A&amp;B</p>' in page
    assert '<div class="body"><p>본문</p></div>' in page
    with pytest.raises(DetailError):
        detail_page("not json", rule)
    with pytest.raises(DetailError, match="data.items.0"):
        detail_page(json.dumps({"data": {}}), rule)
