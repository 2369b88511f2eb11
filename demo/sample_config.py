"""The demo's config: three sources pointing at a running SampleSite, and the titles a crawl must store."""

from __future__ import annotations

from typing import Any

# Article path (and query) on the sample server -> the title a reader sees on that page.
EXPECTED_TITLES: dict[str, str] = {
    # 빛고을뉴스 (RSS, UTF-8)
    "/news/articles/581201.html": '광주시장 "AI·모빌리티로 성장엔진 다시 켠다"…내년 예산 7조6823억',
    "/news/articles/581377.html": "전남도, 내년 국비 9조2148억원 확보…3년 연속 최대치 경신",
    "/news/articles/590045.html": "광주 서구, 1회 추경 1,102억원 편성…민생 회복에 방점",
    "/news/articles/602118.html": "나주시, 에너지신산업 육성에 5년간 2,350억원 투입",
    "/news/articles/604530.html": "광주시, 폭염 대비 그늘막·쿨링포그 확충에 15억 들인다",
    # 나주시 보도자료 (paginated listing, CP949; 1007 has 똠, which EUC-KR lacks)
    "/board/view.html?id=1001": "나주시, 2025년 제1회 추경 예산안 1,246억원 편성",
    "/board/view.html?id=1002": "나주시, 영산강 정원 조성 국비 48억 확보",
    "/board/view.html?id=1003": "나주시, 생활SOC 복합화 공모 선정…총사업비 126억 원",
    "/board/view.html?id=1004": "나주시, 2026년 본예산 1조3,570억원 편성…전년 대비 6.1% 증가",
    "/board/view.html?id=1005": "나주시, 설 명절 물가 안정에 3억5천만원 긴급 투입",
    "/board/view.html?id=1006": "나주시, 혁신도시 연계 청년일자리 사업에 42억 원 투입",
    "/board/view.html?id=1007": "남평읍 ‘똠바위’ 마을 안길 정비에 5000만원 투입",
    "/board/view.html?id=1008": "나주시, 2027년 정부예산 1,890억원 건의…국비 확보 총력",
    # 솔뫼군 (sitemap index -> news sitemap, UTF-8, two pages in English)
    "/county/news/2026-budget-draft.html": "솔뫼군, 2026년 본예산안 6,812억원 편성…군 출범 이후 최대",
    "/county/news/national-funding-2026.html": "솔뫼군, 내년도 국비 1,035억 원 확보",
    "/county/news/farm-drone-support.html": "솔뫼군, 농업용 드론 방제 지원에 3억5천만원…1만2천㏊ 공동방제",
    "/county/news/sister-city-delegation.html": "Solmoe County Welcomes Delegation from Sister City Brixton Falls",
    "/county/news/riverside-trail-investment.html": "Solmoe County to Invest $1.2 Million in Riverside Trail Upgrade",
}

# Linked from the first board list page (a 공지 row matched by "td.title a") but disallowed by
# /robots.txt: a crawler that obeys robots.txt never requests it.
ROBOTS_DISALLOWED_PATH = "/private/secret.html"


def sample_config(base_url: str, database: str) -> dict[str, Any]:
    """The config mapping (YAML-compatible) for the three sample sources served at `base_url`."""
    base = base_url.rstrip("/")
    return {
        "database": database,
        "timezone": "Asia/Seoul",
        "sources": [
            {
                "name": "bitgoeul-news",
                "org": "광주광역시",
                "kind": "rss",
                "url": f"{base}/news/rss.xml",
                "schedule": "every 30 minutes",
                "allow_private": True,
                "delay": 0,
            },
            {
                "name": "naju-press",
                "org": "나주시",
                "kind": "listing",
                "url": f"{base}/board/list.html?page=1",
                "links": "td.title a",
                "next_page": "a.next",
                "max_pages": 5,
                # No "encoding": two view pages declare no charset anywhere, so the crawler must
                # detect CP949 itself (see BOARD_HEADER_CHARSET in demo/site.py).
                "article": {
                    "title": "table.view tbody tr:nth-child(1) td",
                    "body": "div.view_cont",
                    "published": "table.view tbody tr:nth-child(2) td:nth-of-type(2)",
                    "department": "table.view tbody tr:nth-child(2) td:nth-of-type(1)",
                },
                "schedule": "every 1 hours",
                "allow_private": True,
                "delay": 0,
            },
            {
                "name": "solmoe-news",
                "org": "솔뫼군",
                "kind": "sitemap",
                "url": f"{base}/county/sitemap.xml",
                "schedule": "every 6 hours",
                "allow_private": True,
                "delay": 0,
            },
        ],
    }
