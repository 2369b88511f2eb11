"""Turn a fetched page into an article and its statements, using the source's selectors."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from w3lib.encoding import html_to_unicode

from config.parts import ArticleSelectorsConfig
from config.profiles import Catalog
from config.schema import SourceConfig
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


def plain_selectors(conf: ArticleSelectorsConfig) -> ArticleSelectors:
    """The reader's own value for configured selectors (extract/ imports nothing of config/)."""
    return ArticleSelectors(
        title=conf.title,
        body=conf.body,
        published=conf.published,
        updated=conf.updated,
        author=conf.author,
        department=conf.department,
        drop=tuple(conf.drop),
    )


def selectors_for(source: SourceConfig, url: str, catalog: Catalog) -> ArticleSelectors | None:
    """The source's own selectors; else those of the catalog profile matching the page's URL
    (a feed or sitemap can point to a known board); else None (generic reading)."""
    if source.article.empty:
        profile = catalog.for_url(url)
        return plain_selectors(profile.article) if profile is not None else None
    return plain_selectors(source.article)


def statement_text(article: Article) -> str:
    """The text statements are read from: the title, a blank line, the body."""
    return f"{article.title}\n\n{article.body}" if article.title else article.body


def page_html(page: PageItem) -> str:
    """The page's markup, as far as the reader reads it: its bytes decoded now, in the read slot
    (exactly as Scrapy's ``TextResponse.text`` does), so a page waiting for one holds no text."""
    if page.html or not page.body:
        return page.html
    return bound_html(html_to_unicode(f"charset={page.encoding}", page.body)[1])


def read_page(page: PageItem, source: SourceConfig, timezone: ZoneInfo, catalog: Catalog) -> ReadPage:
    selectors = selectors_for(source, page.url, catalog)
    article = read_article(page_html(page), page.url, selectors=selectors, timezone=timezone)
    if not article.title and page.link_title:
        from dataclasses import replace

        article = replace(article, title=page.link_title)
    published = article.published.date() if article.published else None
    text = statement_text(article)
    # no default organisation: a statement names its own or none; the store gives the source's to
    # those with none (a metropolitan paper's feed carries its districts, province and counties)
    statements = extract_statements(
        text, published=published, org=None, lang=article.lang, url=page.url, country=source.country
    )
    statements = reported_figures(statements)
    return ReadPage(article, statements, extract_mentions(text, published))
