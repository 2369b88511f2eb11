"""Turn a fetched page into an article and its statements, using the source's selectors."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from config.parts import ArticleSelectorsConfig
from config.profiles import Catalog
from config.schema import SourceConfig
from crawler.items import PageItem
from crawler.page_reading import ReadPage, page_html, read_plain_page, statement_text
from extract.article.page import ArticleSelectors

__all__ = ["ReadPage", "page_html", "plain_selectors", "read_page", "selectors_for", "statement_text"]


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


def read_page(page: PageItem, source: SourceConfig, timezone: ZoneInfo, catalog: Catalog) -> ReadPage:
    """The page read with its source's selectors (or its catalog profile's)."""
    return read_plain_page(page, selectors_for(source, page.url, catalog), timezone, source.country)
