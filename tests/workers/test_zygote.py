"""The worker's zygote: each crawl a fork of one warmed-up process, its death only its own."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.boards import Boards, boards_config
from store.db import make_engine
from store.models import Article, Source
from tests.scheduling.conftest import write_config
from workers.zygote_client import ZygoteClient


@pytest.fixture
def zygote(tmp_path: Path) -> Iterator[tuple[ZygoteClient, Boards, str]]:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    with Boards(3, articles=3, delay=0.0) as boards:
        config = write_config(tmp_path / "c.yaml", boards_config(boards.base_url, database, 3))
        with (tmp_path / "zygote.log").open("wb") as log:
            client = ZygoteClient(str(config), None, stderr=log)
            client.start()
            try:
                yield client, boards, database
            finally:
                client.close()


def stored(database: str) -> dict[str, int]:
    engine = make_engine(database)
    with Session(engine) as session:
        rows = session.execute(select(Source.name, func.count(Article.id)).join(Article).group_by(Source.name))
        found = {name: int(count) for name, count in rows}
    engine.dispose()
    return found


def test_crawls_are_forks_that_store_and_report(zygote: tuple[ZygoteClient, Boards, str]) -> None:
    client, _, database = zygote
    first = client.crawl("board-000", timeout=120)
    assert first.code == 0 and first.summary.startswith("board-000: ok, pages 4, new 3,"), first
    assert first.cpu_s > 0
    again = client.crawl("board-000", timeout=120)  # a second fork: a fresh reactor, nothing twice
    assert again.code == 0 and ", new 0, changed 0, unchanged 3," in again.summary, again  # young: rechecked
    assert stored(database) == {"board-000": 3}


def test_a_refused_or_killed_crawl_leaves_the_zygote_serving(
    zygote: tuple[ZygoteClient, Boards, str], tmp_path: Path
) -> None:
    client, _, database = zygote
    unknown = client.crawl("no-such-board", timeout=120)
    assert (unknown.code, unknown.summary) == (2, "")
    message = "budgetwatch: unknown source 'no-such-board'; configured: board-000, board-001, board-002\n"
    assert (tmp_path / "zygote.log").read_text(encoding="utf-8").endswith(message)
    killed = client.crawl("board-001", timeout=0.01)  # past its time limit: killed
    assert killed.code == -9
    assert client.process is not None and client.process.poll() is None
    after = client.crawl("board-002", timeout=120)
    assert after.code == 0 and after.summary.startswith("board-002: ok"), after
    assert stored(database).get("board-002") == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a parent's death signal is Linux only")
def test_a_dead_zygote_fails_its_crawls_and_is_started_again(zygote: tuple[ZygoteClient, Boards, str]) -> None:
    client, _, _ = zygote
    assert client.process is not None
    client.process.kill()
    client.process.wait()
    after = client.crawl("board-000", timeout=120)
    assert after.code == 0, after
