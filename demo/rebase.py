"""Keep the demo's stored URLs in step with the port its sample sites are served on.

The sample sites run on 127.0.0.1 at whatever port is free. Article keys contain the port, so a
second demo on another port would store every article again under new URLs. Before crawling,
the demo moves its own sources' stored URLs to the new address: the same articles stay the same
rows, and nothing is stored twice whatever port the demo gets.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crawler.urls import url_key
from store.models import Article, Source


def base_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def stored_base(engine: Engine, names: Sequence[str]) -> str | None:
    """The address (scheme://host:port) the demo's sources were last crawled at, if any."""
    with Session(engine) as session:
        urls = session.scalars(select(Source.url).where(Source.name.in_(names))).all()
    return base_of(urls[0]) if urls else None


def rebase(engine: Engine, names: Sequence[str], old: str, new: str) -> int:
    """Move the URLs of the named sources and their articles from ``old`` to ``new``; returns
    how many articles moved. One transaction: a failure leaves the database as it was."""
    if old == new:
        return 0
    moved = 0
    with Session(engine) as session, session.begin():
        sources = session.scalars(select(Source).where(Source.name.in_(names))).all()
        for source in sources:
            if source.url.startswith(old + "/"):
                source.url = new + source.url[len(old) :]
        ids = [s.id for s in sources]
        articles = session.scalars(select(Article).where(Article.source_id.in_(ids))).all()
        taken = {(a.source_id, a.url_key) for a in articles}
        for article in articles:
            if not article.url.startswith(old + "/"):
                continue
            url = new + article.url[len(old) :]
            key = url_key(url)
            if (article.source_id, key) in taken:
                continue  # already stored at the new address (a demo of an older version did that)
            taken.discard((article.source_id, article.url_key))
            article.url, article.url_key = url, key
            taken.add((article.source_id, key))
            moved += 1
    return moved
