"""A real SMTP server on 127.0.0.1 (aiosmtpd) that can refuse or drop, and the seed article in a database."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from config.schema import Config, SourceConfig
from crawler.known import source_rows
from extract.article.page import Article as ReadArticle
from extract.statements.extractor import extract_statements
from store.articles import record_article
from store.records import FetchInfo
from store.runs import sync_sources

# A budget report written for these tests (a city's 2021 budget proposal: a total and four
# allocations), so the digest tests run on any clone.
SEED = Path(__file__).resolve().parent / "data" / "budget-report.txt"
# The report is fetched at 2020-11-27 15:30 KST; the 07:00 KST digest of 2020-11-28 covers it.
FETCHED = datetime(2020, 11, 27, 6, 30, tzinfo=UTC)
DIGEST_TIME = datetime(2020, 11, 27, 22, 5, tzinfo=UTC)  # 2020-11-28 07:05 KST


@dataclass
class Sink:
    """Accepts messages; ``script`` makes the next DATA commands answer "451", "550", "drop" or
    "accept-drop" (kept, then the connection lost before the 250)."""

    messages: list[bytes] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    script: list[str] = field(default_factory=list)
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.script:
            action = self.script.pop(0)
            if action == "drop":
                server.transport.close()  # the connection is lost before the server answers
                return "451 4.3.0 never seen"
            if action == "accept-drop":  # the server keeps the message, then the connection dies
                self.messages.append(bytes(envelope.original_content))
                server.transport.close()
                return "250 never seen"
            return {"451": "451 4.3.0 try again later", "550": "550 5.7.1 message refused"}[action]
        self.messages.append(bytes(envelope.original_content))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class SmtpServer:
    sink: Sink
    port: int


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(sink, port)
    finally:
        controller.stop()


def digest_config(port: int, **digest: Any) -> Config:
    values: dict[str, Any] = {
        "schedule": "0 7 * * *",
        "to": ["reader@example.kr"],
        "from": "budgetwatch@example.kr",
        "smtp": {"host": "127.0.0.1", "port": port, "security": "none", "timeout": 10},
        "unsubscribe_url": "https://budgetwatch.example.kr/unsubscribe",
    }
    values.update(digest)
    return Config.model_validate({"timezone": "Asia/Seoul", "digest": values})


def record_text(
    engine: Engine, text: str, *, title: str, url: str, fetched: datetime = FETCHED, source: str = "news1"
) -> None:
    config = SourceConfig(name=source, org="광주광역시", kind="rss", url=f"https://{source}.example.kr/rss")
    ids = sync_sources(engine, source_rows([config]), fetched)
    published = datetime(2020, 11, 27, 6, 1, tzinfo=UTC)
    read = ReadArticle(url=url, title=title, body=text, published=published)
    statements = extract_statements(text, published=published.date(), org=config.org, lang="ko")
    record_article(engine, ids[source], read, statements, FetchInfo(url=url, url_key=url, fetched_at=fetched))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seeded(engine: Engine, seed_text: str) -> Engine:
    """The database with the budget report recorded."""
    record_text(engine, seed_text, title="이용섭 시장 \"광주형 3대뉴딜 속도…내년 AI 선도도시 도약\"",
                url="https://news1.example.kr/articles/4131234")  # fmt: skip
    return engine
