"""Do once in a worker's zygote what every crawl would otherwise do again: import the Scrapy
components a crawl loads lazily, and read one page, so parsers and caches are ready before the
fork. Nothing here may install a Twisted reactor (each crawl child installs its own)."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from scrapy.settings import BaseSettings, Settings
from scrapy.utils.misc import load_object
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from config.profiles import Catalog
from config.schema import Config, SourceConfig
from crawler.items import PageItem
from crawler.reading import ReadPage, read_page
from crawler.settings import build_settings
from store.articles import content_hash, record_in
from store.models import Source
from store.records import FetchInfo
from store.similarity import fingerprint

SAMPLE_PAGE = (
    "<!doctype html><html lang='ko'><head><meta charset='utf-8'><title>한빛시, 도서관 건립에 120억원 투입</title>"
    "</head><body><h1>한빛시, 도서관 건립에 120억원 투입</h1><p class='date'>2026-11-24 09:30</p>"
    "<div class='body'><p>한빛시는 2027년까지 공공도서관 건립 사업에 총 120억원을 투입한다고 24일 밝혔다. "
    "사업비는 국비 40억원과 시비 80억원으로 마련한다.</p><p>Riverton also set aside $3 million for the "
    "library's books next year, the council said on Tuesday.</p></div></body></html>"
)


def _dotted_paths(value: Any) -> Iterator[str]:
    if isinstance(value, str) and "." in value and " " not in value and not value.startswith(("http", "/")):
        yield value
    elif isinstance(value, dict | BaseSettings):
        for key, item in value.items():
            yield from _dotted_paths(key)
            yield from _dotted_paths(item)


def import_components(config: Config) -> int:
    """Import every class the crawl settings name (middlewares, handlers, extensions, queues...);
    returns how many loaded."""
    settings = Settings(build_settings(config))
    loaded = 0
    for name in settings:
        for path in _dotted_paths(settings[name]):
            try:
                load_object(path)
            except Exception:  # noqa: BLE001,S112 - not an object path (a URL, a value): nothing to warm
                continue
            loaded += 1
    return loaded


def read_sample() -> ReadPage:
    source = SourceConfig(name="warm-up", org="한빛시", kind="rss", url="https://example.kr/rss")
    page = PageItem("warm-up", "https://example.kr/a/1", "https://example.kr/a/1", SAMPLE_PAGE, "utf-8",
                    datetime.now(UTC))  # fmt: skip
    return read_page(page, source, ZoneInfo("Asia/Seoul"), Catalog())


def store_sample(engine: Engine, read: ReadPage) -> None:
    """Record the sample as new, revised and copied in a transaction that is rolled back: the
    engine's statement cache and the driver's query cache are filled, nothing is stored."""
    now = datetime.now(UTC)
    revised = replace(read.article, body=read.article.body + "\n\n시는 내년에 20억원을 더 편성한다.")
    with Session(engine) as session, session.begin():
        source = Source(name=f"warm-up-{uuid.uuid4().hex}", org="한빛시", kind="rss", url="https://example.kr/rss",
                        created_at=now, updated_at=now)  # fmt: skip
        session.add(source)
        session.flush()
        for key, article in (("1", read.article), ("1", revised), ("2", read.article)):
            fetch = FetchInfo(f"https://example.kr/a/{key}", f"https://example.kr/a/{key}", now, "utf-8")
            digest = content_hash(article.title, article.body)
            record_in(session, source.id, article, read.statements, read.mentions, fetch, None, digest)
        session.rollback()


def warm(config: Config, engine: Engine | None = None) -> None:
    import_components(config)
    read = read_sample()
    fingerprint(read.article.body * 4)
    if engine is not None:
        store_sample(engine, read)
    if "twisted.internet.reactor" in sys.modules:  # a fork would inherit it and could not install its own
        raise RuntimeError("warming up the crawl installed a Twisted reactor")
