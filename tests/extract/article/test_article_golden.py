"""Golden Korean pages in the real layouts: a wire-service story (the seed article's shape), a city
board view page served as EUC-KR bytes, and a local paper's news CMS page. Every sentence here was
written for these tests; the figures of the wire story are the seed article's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from scrapy.http import HtmlResponse

from extract.article.reader import KST, read_article
from extract.statements.extractor import extract_statements

PAGES = Path(__file__).parent / "golden"


def kst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=KST)


def decoded(name: str, url: str, content_type: str = "text/html") -> str:
    """The page as the crawler hands it on: bytes decoded once by Scrapy (header, then <meta> charset)."""
    body = (PAGES / name).read_bytes()
    return HtmlResponse(url, body=body, headers={"Content-Type": content_type}).text


def test_wire_story_reads_title_dateline_byline_and_body_without_boxes() -> None:
    url = "https://www.hanbit.example.kr/articles/4123456"
    article = read_article(decoded("wire-story.html", url), url)
    assert article.title == '김시장 "빛고을 3대 전환 속도…내년 데이터 도시로"'
    assert article.published == kst(2020, 11, 27, 15, 1)
    assert article.author == "최기자 기자"
    assert article.canonical_url == url
    lines = article.body.split("\n\n")
    assert lines[0] == "2021년 예산안 시정연설…6조2817억원 규모"  # the sub-headline opens the body box
    assert lines[-1] == '김시장은 "시의회가 예산안을 꼼꼼히 살펴 힘을 보태 주기를 바란다"고 덧붙였다.'
    assert "시정연설을 하고 있다" not in article.body  # photo captions
    for chrome in ("이런 일", "다온시", "새봄군", "가람도", "많이 본 뉴스", "누리시", "무단 전재", "종로구", "@"):
        assert chrome not in article.body


def test_wire_story_body_yields_the_six_statements_of_the_seed_and_none_from_related_news() -> None:
    url = "https://www.hanbit.example.kr/articles/4123456"
    article = read_article(decoded("wire-story.html", url), url)
    assert article.published is not None
    statements = extract_statements(article.body, published=article.published.date(), org="빛고을시", lang="ko")
    assert [s.amount.text for s in statements] == [
        "6조2817억원",
        "6조2817억원",
        "239억원",
        "1324억원",
        "91억원",
        "1250억원",
    ]


def test_euc_kr_city_board_page_read_from_its_bytes() -> None:
    url = "http://www.garam.go.kr/board/view.jsp?bbsId=press&nttId=20417"
    html = decoded("euc-kr-board.html", url)
    assert "가람시" in html  # decoded once, by the <meta> charset (the header names none)
    article = read_article(html, url)
    assert article.title == "가람시, 2025년 본예산 1조4320억원 시의회 제출"
    assert article.published == kst(2024, 11, 20, 10, 5)
    assert article.department == "예산법무담당관"
    assert article.author == "박주무관"
    assert article.body.split("\n\n") == [
        "가람시는 2025년도 본예산안을 1조4320억원 규모로 편성해 시의회에 제출했다고 20일 밝혔다.",
        "올해보다 610억원 늘었으며, 사회복지 분야가 5120억원으로 가장 많다.",
        "도로와 하천 정비에는 880억원, 청년 일자리에는 97억원을 배정했다.",
        '시 관계자는 "꼭 필요한 곳에 먼저 쓰도록 사업을 다시 살폈다"고 말했다.',
    ]


def test_local_paper_cms_page_reads_input_time_byline_and_drops_related_articles() -> None:
    url = "https://www.namnyeok.example.kr/news/articleView.html?idxno=98765"
    article = read_article(decoded("local-paper.html", url, "text/html; charset=utf-8"), url)
    assert article.title == "바다군, 어촌 활력 사업비 120억원 확보"
    assert article.published == kst(2023, 11, 28, 13, 2)
    assert article.updated == kst(2023, 11, 28, 14, 10)
    assert article.author == "이기자 기자"
    assert article.body.split("\n\n") == [
        "바다군이 해양수산부 공모에 뽑혀 어촌 활력 사업비 120억원을 확보했다.",
        "군은 이 돈으로 항구 세 곳의 방파제를 보강하고 공동 작업장을 새로 짓는다.",
        "사업은 2024년부터 3년 동안 이어진다.",
    ]
    for chrome in ("관련기사", "추경 50억", "무단전재", "남녘일보 주소"):
        assert chrome not in article.body
