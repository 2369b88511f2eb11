"""A metropolitan paper on 127.0.0.1: one RSS feed carrying the metro city (광주광역시), one of its
districts (광주 서구), the province (전라남도) and its counties (나주시, 담양군). Texts written for this
test. ``phase`` (1, 2, 3) is what the site shows at each of three crawls."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Page:
    slug: str
    phase: int  # first crawl that sees it
    day: date
    time: str | None  # None: the page gives a date only
    title: str
    body: str


def pages(today: date) -> list[Page]:
    d = timedelta(days=1)
    return [
        # phase 1: the source's first crawl, its backlog
        Page("gj-budget-2027", 1, today - 4 * d, "10:00", "광주시, 2027년도 예산안 7조6823억원 편성",
             "광주광역시는 2027년도 예산안을 7조6823억원 규모로 편성해 시의회에 제출했다고 밝혔다.\n"
             "인공지능 산업 육성에 1324억원, 광주천 생태하천 복원 사업에 210억원을 반영했다."),
        Page("seogu-budget-2027", 1, today - 4 * d, "14:20", "광주 서구, 2027년도 예산 1조4710억원 편성",
             "광주 서구는 2027년도 예산을 1조4710억원 규모로 편성했다고 밝혔다.\n"
             "서구는 경로당 냉난방 개선에 35억원을 투입한다."),
        Page("jn-national-2027", 1, today - 3 * d, "09:00", "전남도, 2027년 국비 9조2148억원 확보",
             "전라남도는 2027년도 국비 9조2148억원을 확보했다고 밝혔다.\n"
             "전라남도의 2027년도 예산안은 10조3000억원 규모다.\n"
             "전남도는 해상풍력 배후항만 조성 사업에 870억원을 반영했다."),
        # phase 2: news (one page dated without a time), a copy of one story, a long-delayed old page
        Page("council-2027", 2, today - d, None, "광주시의회, 2027년도 예산 7조6500억원으로 확정",
             "광주시의회는 광주광역시가 제출한 2027년도 예산안 7조6823억원 가운데 323억원을 삭감한 "
             "7조6500억원으로 확정했다."),
        Page("council-2027-copy", 2, today - d, None, "[종합] 광주시의회, 2027년도 예산 7조6500억원으로 확정",
             "광주시의회는 광주광역시가 제출한 2027년도 예산안 7조6823억원 가운데 323억원을 삭감한 "
             "7조6500억원으로 확정했다."),
        Page("damyang-2027", 2, today, "09:30", "담양군, 2027년 예산 6200억원 편성",
             "담양군은 2027년도 예산을 6200억원 규모로 편성했다.\n담양군은 메타버스 체험관 조성에 45억원을 투입한다."),
        Page("naju-national", 2, today, "11:00", "나주시, 국비 630억원 확보",
             "나주시는 2027년도 국비 630억원을 확보했다고 밝혔다.\n"
             "나주시는 빛가람 혁신도시 공동주택 건립에 120억원을 투입한다."),
        Page("gj-budget-2025", 2, today - 600 * d, "10:00", "광주시, 2025년도 예산안 7조1000억원 편성",
             "광주광역시는 2025년도 예산안을 7조1000억원 규모로 편성했다고 밝혔다."),
        # phase 3: a 추경, a new fiscal year's budget; naju-national is revised (see below)
        Page("seogu-supp-2027", 3, today, "10:00", "광주 서구, 제1회 추경 1조5200억원 편성",
             "광주 서구는 본예산 1조4710억원보다 490억원 늘어난 1조5200억원 규모의 2027년도 "
             "제1회 추가경정예산안을 편성했다고 밝혔다."),
        Page("jn-budget-2028", 3, today, "15:00", "전남도, 2028년도 예산안 10조9000억원 편성",
             "전라남도는 2028년도 예산안을 10조9000억원 규모로 편성했다고 밝혔다."),
    ]  # fmt: skip


REVISED = {  # slug -> (from phase, old text, new text): an article whose figure is corrected
    "naju-national": (3, "공동주택 건립에 120억원", "공동주택 건립에 150억원"),
}


class MetroSite:
    def __init__(self, today: date) -> None:
        self.today = today
        self.phase = 1
        self.pages = {p.slug: p for p in pages(today)}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if "-copy" in self.path:
                    # a rewrite appears after the report it copies: the original is stored first and
                    # leads its story whatever order the two requests were sent in
                    time.sleep(1.0)
                status, kind, body = site.respond(self.path)
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> MetroSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, slug: str) -> str:
        return f"{self.base_url}/news/{slug}.html"

    def body(self, page: Page) -> str:
        text = page.body
        if page.slug in REVISED and self.phase >= REVISED[page.slug][0]:
            text = text.replace(REVISED[page.slug][1], REVISED[page.slug][2])
        return text

    def respond(self, path: str) -> tuple[int, str, str]:
        if path == "/robots.txt":
            return 200, "text/plain", "User-agent: *\nAllow: /\n"
        visible = [p for p in self.pages.values() if p.phase <= self.phase]
        if path == "/rss.xml":
            items = "".join(f"<item><title>{escape(p.title)}</title><link>{self.url(p.slug)}</link></item>"
                            for p in reversed(visible))  # fmt: skip
            return (
                200,
                "application/rss+xml",
                (
                    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>빛고을일보</title>'
                    f"<link>{self.base_url}/</link><description>광주·전남</description>{items}</channel></rss>"
                ),
            )
        slug = path.removeprefix("/news/").removesuffix(".html")
        page = self.pages.get(slug)
        if page is None or page.phase > self.phase:
            return 404, "text/html", "<html><body>없는 기사</body></html>"
        when = page.day.isoformat() + (f" {page.time}" if page.time else "")
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in self.body(page).split("\n"))
        return (
            200,
            "text/html",
            (
                f'<html lang="ko"><head><meta charset="utf-8"><title>{escape(page.title)} - 빛고을일보</title></head>'
                f'<body><div class="menu">광주 전남 정치 경제</div><h1 class="headline">{escape(page.title)}</h1>'
                f'<div class="info">입력 <span class="date">{when}</span> 빛고을일보 기자</div>'
                f'<div class="article-body">{paragraphs}</div><div class="footer">무단 전재 금지</div></body></html>'
            ),
        )
