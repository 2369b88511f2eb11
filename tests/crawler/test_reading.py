"""Which selectors a fetched page is read with: the source's own, else those of the catalog profile
matching the page's URL (the catalog the config was read with), else none (generic reading)."""

from __future__ import annotations

from pathlib import Path

from config.catalog import load_catalog
from config.load import parse_config
from crawler.reading import selectors_for
from extract.article.page import ArticleSelectors

BOARD = (
    "name: garam-press\nmatch: {host: www.garam.go.kr, path: /board/}\narticle: {title: 'td.subject', drop: div.file}\n"
)
CONFIG = """sources:
  - {name: feed, org: 가람시, kind: rss, url: 'https://news.garam.kr/rss'}
  - {name: own, org: 가람시, kind: rss, url: 'https://news.garam.kr/rss', article: {body: div.text}}
"""


def test_a_page_is_read_with_its_sources_selectors_else_its_boards_profile(tmp_path: Path) -> None:
    (tmp_path / "garam.yaml").write_text(BOARD, encoding="utf-8")
    config = parse_config(CONFIG, origin="c.yaml", catalog=load_catalog(tmp_path))
    feed, own = config.sources
    on_board = "https://www.garam.go.kr/board/view.do?no=7"
    assert selectors_for(feed, on_board, config.catalog) == ArticleSelectors(title="td.subject", drop=("div.file",))
    assert selectors_for(feed, "https://news.garam.kr/1.html", config.catalog) is None
    assert selectors_for(own, on_board, config.catalog) == ArticleSelectors(body="div.text")
