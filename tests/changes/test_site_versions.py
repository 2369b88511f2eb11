"""Crawl the sample sites in two states and check the change log records exactly what changed.

v2: one news article's body edited, one board article taken down (404), one new board article
giving a known project (나주시's 2026 budget) a new amount, one copy of a county story published on
the news site, and noise that must NOT count as a revision: a board page's view counter and a
news page's "많이 본 뉴스" box.
"""

from __future__ import annotations

import re
import subprocess
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from demo.sample_config import sample_config
from demo.site import SampleSite
from store.changes import changes_since
from store.db import make_engine
from store.models import Article
from tests.forked_cli import run_cli

ROOT = Path(__file__).resolve().parents[2]

EDITED = "/news/articles/590045.html"
REMOVED = "/board/view.html?id=1002"
COUNTER = "/board/view.html?id=1004"
SIDEBAR = "/news/articles/602118.html"
NEW_BOARD = "/board/view.html?id=1009"
COPY = "/news/articles/700001.html"
COPIED_FROM = "/county/news/2026-budget-draft.html"

NEW_BOARD_TITLE = "나주시 2026년 예산 1조3,712억원으로 확정…시의회 의결"
NEW_BOARD_BODY = (
    "<p>나주시의회는 15일 본회의를 열어 2026년도 나주시 예산을 1조3,712억원으로 의결했다.</p>"
    "<p>시가 제출한 예산안보다 142억원 늘어난 규모로, 시의회는 농로 포장과 경로당 보수 예산을 더했다.</p>"
)


def fetch(site: SampleSite, target: str) -> bytes:
    with urllib.request.urlopen(site.base_url + target) as response:
        return bytes(response.read())


def crawl(config: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("--config", str(config), "crawl", timeout=120)


def make_v2(site: SampleSite) -> None:
    edited = fetch(site, EDITED).decode("utf-8")
    assert "특례보증 출연금 12억원" in edited
    site.override(EDITED, edited.replace("특례보증 출연금 12억원", "특례보증 출연금 15억원").encode("utf-8"))

    site.remove(REMOVED)

    counter = fetch(site, COUNTER).decode("cp949")
    counter, swaps = re.subn(r"(<th scope=\"row\">조회</th><td[^>]*>)\d+", r"\g<1>7021", counter)
    assert swaps == 1
    site.override(COUNTER, counter.encode("cp949"))

    sidebar = fetch(site, SIDEBAR).decode("utf-8")
    sidebar, swaps = re.subn(
        r"(<h3>많이 본 뉴스</h3><ol>)", r"\1<li><a href='/news/'>새로 뜬 기사 1위</a></li>", sidebar
    )
    assert swaps == 1
    site.override(SIDEBAR, sidebar.encode("utf-8"))

    board = fetch(site, "/board/view.html?id=1004").decode("cp949")
    board = re.sub(r"(<th scope=\"row\">제목</th><td[^>]*>)[^<]*", lambda m: m.group(1) + NEW_BOARD_TITLE, board)
    board = re.sub(r"<div class=\"view_cont\">.*?</div>", f'<div class="view_cont">{NEW_BOARD_BODY}</div>', board,
                   flags=re.S)  # fmt: skip
    board = board.replace("2025-11-20", "2025-12-15")
    site.override(NEW_BOARD, board.encode("cp949"))
    listing = fetch(site, "/board/list.html?page=1").decode("cp949")
    listing, swaps = re.subn(r"(<tbody>)", rf'\1<tr><td>9</td><td class="title"><a href="view.html?id=1009">'
                             rf"{NEW_BOARD_TITLE}</a></td><td>기획예산과</td><td>2025-12-15</td><td>1</td></tr>",
                             listing, count=1)  # fmt: skip
    assert swaps == 1
    site.override("/board/list.html?page=1", listing.encode("cp949"))

    county = fetch(site, COPIED_FROM).decode("utf-8")
    paragraphs = re.search(r'<div class="content">(.*?)</div>', county, re.S)
    assert paragraphs is not None
    news = fetch(site, EDITED).decode("utf-8")
    news = re.sub(r'(<div class="article_body" id="articleBody">).*?(<p class="reporter_email">)',
                  lambda m: m.group(1) + paragraphs.group(1) + m.group(2), news, flags=re.S)  # fmt: skip
    news = news.replace("광주 서구, 1회 추경 1,102억원 편성…민생 회복에 방점", "솔뫼군 내년 예산 6,812억원…역대 최대")
    news = news.replace("2026-03-19", "2025-11-21")
    site.override(COPY, news.encode("utf-8"))
    feed = fetch(site, "/news/rss.xml").decode("utf-8")
    feed = feed.replace("<item>", f"<item><title>솔뫼군 내년 예산 6,812억원…역대 최대</title><link>{site.base_url}{COPY}"
                        "</link><pubDate>Fri, 21 Nov 2025 12:00:00 +0900</pubDate></item><item>", 1)  # fmt: skip
    site.override("/news/rss.xml", feed.encode("utf-8"))


@pytest.fixture
def crawled_twice(tmp_path: Path, database_url: str) -> Iterator[tuple[SampleSite, str, list[str]]]:
    with SampleSite() as site:
        config = tmp_path / "c.yaml"
        config.write_text(yaml.safe_dump(sample_config(site.base_url, database_url), allow_unicode=True))
        first = crawl(config)
        assert first.returncode == 0, first.stdout + first.stderr
        engine = make_engine(database_url)
        v1_last = max(c.id for c in changes_since(engine))
        engine.dispose()
        make_v2(site)
        second = crawl(config)
        assert second.returncode == 0, second.stdout + second.stderr
        yield site, database_url, [str(v1_last), second.stdout]


def test_v2_yields_exactly_the_changes(crawled_twice: tuple[SampleSite, str, list[str]]) -> None:
    site, database, (v1_last, stdout) = crawled_twice
    engine = make_engine(database)
    events = [c for c in changes_since(engine) if c.id > int(v1_last)]
    base = site.base_url
    kinds = Counter((c.kind, (c.article_url or "").removeprefix(base)) for c in events
                    if c.kind in ("article_new", "article_revised", "article_removed"))  # fmt: skip
    assert kinds == Counter({("article_revised", EDITED): 1, ("article_removed", REMOVED): 1,
                             ("article_new", NEW_BOARD): 1, ("article_new", COPY): 1})  # fmt: skip
    revised = next(c for c in events if c.kind == "article_revised")
    assert "-" in revised.detail["diff"] and "15억원" in revised.detail["diff"] and "12억원" in revised.detail["diff"]

    changed = [c for c in events if c.kind == "amount_changed"]
    budget = [c for c in changed if c.detail["fiscal_year"] == 2026 and c.detail["new_value"] == 1_371_200_000_000]
    assert budget, [c.summary for c in changed]
    assert budget[0].detail["old_value"] == 1_357_000_000_000 and budget[0].detail["direction"] == "increase"
    assert budget[0].org and budget[0].org.startswith("나주")

    with Session(engine) as session:
        copy = session.scalars(select(Article).where(Article.url == base + COPY)).one()
        original = session.scalars(select(Article).where(Article.url == base + COPIED_FROM)).one()
        assert copy.story_id == original.id and copy.source_id != original.source_id
        assert copy.story_reason and "contained" in copy.story_reason
        removed = session.scalars(select(Article).where(Article.url == base + REMOVED)).one()
        assert removed.status == "removed" and removed.removed_at is not None
        for untouched in (COUNTER, SIDEBAR):
            article = session.scalars(select(Article).where(Article.url == base + untouched)).one()
            assert article.current_version == 1, untouched
    copy_new = next(c for c in events if c.kind == "article_new" and (c.article_url or "").endswith(COPY))
    assert copy_new.detail["duplicate_of"] == original.id
    # the copy's amounts are the original's: not reported again as new statements
    copy_statements = [c for c in events if c.kind == "statement_new" and (c.article_url or "").endswith(COPY)]
    assert copy_statements == []
    engine.dispose()
