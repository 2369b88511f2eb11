"""Many small press-release boards on one 127.0.0.1 server, each page answered after a delay.

Board ``i`` lists its articles at ``/b{i}/list?page=1``; the distributed tests and the worker
benchmark crawl them as one source each.
"""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.bigsite import article_html


def board_list_html(board: int, articles: int) -> str:
    rows = "".join(
        f"<tr><td class='title'><a href='/b{board}/a/{n}.html'>기사 {n}</a></td></tr>" for n in range(articles)
    )
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body><table>{rows}</table></body></html>"


def article_number(board: int, n: int) -> int:
    """Unique across boards, so every article has its own title and body."""
    return board * 1000 + n


class Boards:
    """Context manager serving ``count`` boards of ``articles`` articles each."""

    def __init__(self, count: int, articles: int = 5, delay: float = 0.0) -> None:
        self.count, self.articles, self.delay = count, articles, delay
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # stdlib signature
                return

            def do_GET(self) -> None:
                if outer.delay:
                    time.sleep(outer.delay)  # a slow municipal server, per page
                body = outer.page(self.path)
                data = (body or "not found").encode("utf-8")
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def page(self, path: str) -> str | None:
        if path == "/robots.txt":
            return "User-agent: *\nAllow: /\n"
        if (match := re.fullmatch(r"/b(\d+)/list\?page=1", path)) and int(match.group(1)) < self.count:
            return board_list_html(int(match.group(1)), self.articles)
        if match := re.fullmatch(r"/b(\d+)/a/(\d+)\.html", path):
            board, n = int(match.group(1)), int(match.group(2))
            if board < self.count and n < self.articles:
                return article_html(article_number(board, n))
        return None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def article_urls(self) -> set[str]:
        return {f"{self.base_url}/b{b}/a/{n}.html" for b in range(self.count) for n in range(self.articles)}

    def __enter__(self) -> Boards:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def boards_config(base: str, database: str, count: int, schedule: str = "every 1 days") -> dict[str, Any]:
    """One listing source per board."""
    return {
        "database": database,
        "timezone": "Asia/Seoul",
        "sources": [
            {
                "name": f"board-{i:03d}",
                "org": f"시{i}",
                "kind": "listing",
                "url": f"{base}/b{i}/list?page=1",
                "links": "td.title a",
                "max_pages": 1,
                "article": {"title": "table.view tr:nth-child(1) td", "body": "div.view_cont"},
                "allow_private": True,
                "delay": 0,
                "schedule": schedule,
            }
            for i in range(count)
        ],
    }
