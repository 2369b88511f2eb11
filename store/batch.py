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
from store.health import first_line, storage_exhausted
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
    exhausted: bool = False  # the store takes no more writes (a full disk): the crawl stops


def record_batch(engine: Engine, source_id: int, batch: Sequence[ArticleInput], run_id: int | None) -> list[Recorded]:
    """Store ``batch`` in one transaction; results in the batch's order. Any failure but a
    unique-key conflict falls back to one transaction per article (``record_each``)."""
    committed = commit_batch(engine, source_id, batch, run_id)
    return committed if isinstance(committed, list) else record_each(engine, source_id, batch, run_id)


def commit_batch(
    engine: Engine, source_id: int, batch: Sequence[ArticleInput], run_id: int | None
) -> list[Recorded] | BatchFailed:
    """Store ``batch`` in one transaction, or nothing of it and why. A unique-key conflict with a
    concurrent writer redoes the batch (it then sees that row); the caller decides what a failure
    means (a full store stops the crawl before the articles are tried one by one)."""
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
        except Exception as exc:  # noqa: BLE001 - the caller isolates the article that fails
            return BatchFailed(exc)
    return BatchFailed(None)


@dataclass(frozen=True)
class BatchFailed:
    """A batch that was not stored; ``error`` None: concurrent inserts kept conflicting."""

    error: Exception | None


def record_each(engine: Engine, source_id: int, batch: Sequence[ArticleInput], run_id: int | None) -> list[Recorded]:
    """One transaction per article, so one bad article costs only itself; stops at a full store."""
    results: list[Recorded] = []
    for item in batch:  # one at a time stores what still fits, and finds the article that fails
        result = _record_one(engine, source_id, item, run_id)
        results.append(result)
        if result.exhausted:  # the rest would fail the same way: not stored, not tried
            break
    return results


def _record_one(engine: Engine, source_id: int, item: ArticleInput, run_id: int | None) -> Recorded:
    try:
        outcome = record_article(engine, source_id, item.read, item.statements, item.fetch, run_id, item.mentions)
    except Exception as exc:  # noqa: BLE001 - reported per article, the crawl goes on
        return Recorded(item.fetch.url, None, first_line(exc), exhausted=storage_exhausted(exc))
    return Recorded(item.fetch.url, outcome)
