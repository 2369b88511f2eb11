"""Record many fetched articles in one transaction: what the crawler calls per batch of pages.

One transaction per batch instead of per article: one commit, one session, the source row read
once. A batch commits whole or not at all, so what a crawl reports as stored is stored, and
what a crash loses was never reported (the next crawl does not know it and fetches it again)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extract.article.page import Article as ReadArticle
from extract.statements.extractor import Statement as ReadStatement
from extract.statements.mentions import Mention
from store.articles import RECORD_ATTEMPTS, content_hash, record_article, record_in
from store.records import FetchInfo, Outcome


@dataclass(frozen=True)
class ArticleInput:
    """One fetched page as the reader gave it: the article, its statements and mentions."""

    read: ReadArticle
    statements: Sequence[ReadStatement]
    fetch: FetchInfo
    mentions: Sequence[Mention] = ()


@dataclass(frozen=True)
class Recorded:
    """What became of one article of a batch: its outcome, or why it could not be stored."""

    url: str
    outcome: Outcome | None
    error: str | None = None


def record_batch(engine: Engine, source_id: int, batch: Sequence[ArticleInput], run_id: int | None) -> list[Recorded]:
    """Store ``batch`` in one transaction; results in the batch's order.

    A unique-key conflict with a concurrent writer redoes the batch (it then sees that row). Any
    other failure falls back to one transaction per article, so one bad article costs only itself."""
    if not batch:
        return []
    digests = [content_hash(item.read.title, item.read.body) for item in batch]
    for _attempt in range(RECORD_ATTEMPTS):
        try:
            with Session(engine) as session, session.begin():
                return [
                    Recorded(item.fetch.url, record_in(session, source_id, item.read, item.statements,
                                                      item.mentions, item.fetch, run_id, digest))
                    for item, digest in zip(batch, digests, strict=True)
                ]  # fmt: skip
        except IntegrityError:
            continue
        except Exception:  # noqa: BLE001 - isolate the article that fails, below
            break
    return [_record_one(engine, source_id, item, run_id) for item in batch]


def _record_one(engine: Engine, source_id: int, item: ArticleInput, run_id: int | None) -> Recorded:
    try:
        outcome = record_article(engine, source_id, item.read, item.statements, item.fetch, run_id, item.mentions)
    except Exception as exc:  # noqa: BLE001 - reported per article, the crawl goes on
        return Recorded(item.fetch.url, None, f"{type(exc).__name__}: {exc}")
    return Recorded(item.fetch.url, outcome)
