"""A generated press-release board of N articles on 127.0.0.1, for crawl benchmarks."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PER_PAGE = 20
PARAGRAPH = (
    "{city}는 {n}일 {topic} 사업에 총 {amount}억원을 투입한다고 밝혔다. 사업비는 국비 {gov}억원과 "
    "시비 {own}억원으로 마련하며, 올해 하반기 실시설계를 거쳐 내년 상반기 착공할 계획이다. "
)
TOPICS = ("도시철도 2호선", "스마트 그린산단", "공공도서관 건립", "하천 정비", "청년 일자리", "노인복지관 증축")


def article_html(n: int) -> str:
    topic = TOPICS[n % len(TOPICS)]
    amount = 100 + n % 900
    paragraphs = "".join(
        "<p>"
        + PARAGRAPH.format(city="빛고을시", n=(n + i) % 28 + 1, topic=topic, amount=amount, gov=60 + i, own=40 + i)
        + "</p>"
        for i in range(12)
    )
    chrome = "".join(f"<li><a href='/a/{(n + k) % 1000}.html'>다른 기사 {k}</a></li>" for k in range(30))
    return (
        "<!doctype html><html lang='ko'><head><meta charset='utf-8'>"
        f"<title>{topic} {amount}억 투입 | 빛고을시</title></head><body><nav><ul>{chrome}</ul></nav>"
        f"<table class='view'><tr><th>제목</th><td>{topic} {amount}억 투입 ({n})</td></tr>"
        f"<tr><th>등록일</th><td>2026-0{n % 9 + 1}-1{n % 9}</td></tr></table>"
        f"<div class='view_cont'>{paragraphs}</div><footer>빛고을시청 | 공공누리 제1유형</footer></body></html>"
    )


def list_html(page: int, total: int) -> str:
    first = (page - 1) * PER_PAGE
    rows = "".join(
        f"<tr><td class='title'><a href='/a/{i}.html'>기사 {i}</a></td></tr>"
        for i in range(first, min(first + PER_PAGE, total))
    )
    pages = (total + PER_PAGE - 1) // PER_PAGE
    nxt = f"<a class='next' href='/list?page={page + 1}'>다음</a>" if page < pages else ""
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body><table>{rows}</table>{nxt}</body></html>"


class BigSite:
    """Context manager serving ``articles`` article pages behind paginated list pages."""

    def __init__(self, articles: int = 2000) -> None:
        self.articles = articles
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # stdlib signature
                return

            def do_GET(self) -> None:
                body: str | None = None
                if self.path == "/robots.txt":
                    body = "User-agent: *\nAllow: /\n"
                elif match := re.fullmatch(r"/list\?page=(\d+)", self.path):
                    body = list_html(int(match.group(1)), outer.articles)
                elif match := re.fullmatch(r"/a/(\d+)\.html", self.path):
                    body = article_html(int(match.group(1)))
                data = (body or "not found").encode("utf-8")
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> BigSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
