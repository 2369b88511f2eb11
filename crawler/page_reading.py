"""Read a fetched page into its article and statements, given the selectors to read it with.

This is what a read pool process runs, and all it imports: no configuration (pydantic and the
configuration's models cost a reading process ~24 MB), only the readers of extract/. The
crawl's side picks the selectors (crawler/reading.py) and sends them as plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from w3lib.encoding import html_to_unicode

from crawler.items import PageItem
from extract.article.bounds import bound_html
from extract.article.page import Article, ArticleSelectors
from extract.article.reader import read_article
from extract.statements.extractor import Statement, extract_statements, reported_figures
from extract.statements.mentions import Mention, extract_mentions


@dataclass(frozen=True)
class ReadPage:
    article: Article
    statements: list[Statement]
    mentions: list[Mention]


def statement_text(article: Article) -> str:
    """The text statements are read from: the title, a blank line, the body."""
    return f"{article.title}\n\n{article.body}" if article.title else article.body


def page_html(page: PageItem) -> str:
    """The page's markup, as far as the reader reads it: its bytes decoded now, in the read slot
    (exactly as Scrapy's ``TextResponse.text`` does), so a page waiting for one holds no text."""
    if page.html or not page.body:
        return page.html
    return bound_html(html_to_unicode(f"charset={page.encoding}", page.body)[1])


def read_plain_page(
    page: PageItem, selectors: ArticleSelectors | None, timezone: ZoneInfo, country: str | None
) -> ReadPage:
    """The page's article (read with ``selectors``, generic reading when None) and its statements."""
    article = read_article(page_html(page), page.url, selectors=selectors, timezone=timezone)
    if not article.title and page.link_title:
        article = replace(article, title=page.link_title)
    published = article.published.date() if article.published else None
    text = statement_text(article)
    # no default organisation: a statement names its own or none; the store gives the source's to
    # those with none (a metropolitan paper's feed carries its districts, province and counties)
    statements = extract_statements(
        text, published=published, org=None, lang=article.lang, url=page.url, country=country
    )
    statements = reported_figures(statements)
    return ReadPage(article, statements, extract_mentions(text, published))
