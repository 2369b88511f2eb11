"""A crawl killed with -9 between batches loses nothing it stored and doubles nothing on restart.

Articles are committed a batch per transaction (crawler/pipelines.py). The test kills a real
crawl of a local board once some batches are committed, restarts it, and compares the database
with a crawl of the same board that was never interrupted."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.db import make_engine
from store.models import Article, ArticleVersion, Change, CrawlRun, Statement
from tests.forked_cli import run_cli
from tests.forked_process import spawn

ARTICLES, PER_PAGE = 60, 15
HELD_FROM = 20  # articles from this one on wait until the test opens the gate: the kill lands mid-crawl

PLACES = ("한빛시", "Riverton")


def article_html(n: int) -> str:
    if n % 2:
        title = f"Riverton council approves ${n + 2} million for bridge repair ({n})"
        body = (
            f"<p>Riverton City Council approved ${n + 2} million on Tuesday to repair the Elm Street bridge, "
            f"and set aside ${n % 7 + 1} million for flood barriers next year.</p>"
        )
    else:
        title = f"한빛시, 공공도서관 건립에 {n + 30}억원 투입 ({n})"
        body = (
            f"<p>한빛시는 공공도서관 건립 사업에 총 {n + 30}억원을 투입한다고 밝혔다.</p>"
            f"<p>사업비는 국비 {n + 10}억원과 시비 20억원으로 마련하며 내년 상반기 착공할 계획이다.</p>"
        )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<h1>{title}</h1><span class='date'>2026-11-{n % 20 + 1:02d}</span>"
        f"<div class='body'>{body}</div></body></html>"
    )


def list_html(page: int) -> str:
    first = (page - 1) * PER_PAGE
    rows = "".join(
        f"<li><a href='/a/{i}.html'>기사 {i}</a></li>" for i in range(first, min(first + PER_PAGE, ARTICLES))
    )
    nxt = f"<a class='next' href='/list?page={page + 1}'>next</a>" if first + PER_PAGE < ARTICLES else ""
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body><ul>{rows}</ul>{nxt}</body></html>"


class Handler(BaseHTTPRequestHandler):
    gate = threading.Event()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # stdlib signature
        return

    def do_GET(self) -> None:
        if self.path.startswith("/list?page="):
            body = list_html(int(self.path.split("=")[1]))
        elif self.path.startswith("/a/") and self.path.endswith(".html"):
            n = int(self.path[3:-5])
            if n >= HELD_FROM:
                self.gate.wait(60)
            body = article_html(n)
        else:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def board() -> Iterator[str]:
    Handler.gate = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def config_file(path: Path, base: str, database: str) -> Path:
    source = {
        "name": "board", "org": "한빛시", "kind": "listing", "url": f"{base}/list?page=1", "links": "ul a",
        "next_page": "a.next", "max_pages": 10, "max_articles": 200, "allow_private": True, "delay": 0,
        "article": {"title": "h1", "body": "div.body", "published": "span.date"},
    }  # fmt: skip
    path.write_text(yaml.safe_dump({"database": database, "sources": [source]}, allow_unicode=True), encoding="utf-8")
    return path


def crawl_args(config: Path) -> list[str]:
    return ["-m", "cli.main", "--config", str(config), "crawl"]


def contents(database: str) -> dict[str, Any]:
    """Everything a crawl stores, keyed so that two databases compare equal when nothing is
    lost or doubled (ids and times left out)."""
    engine = make_engine(database)
    with Session(engine) as session:
        articles = {k: v for k, v in session.execute(select(Article.url_key, Article.content_hash))}
        versions = session.execute(
            select(Article.url_key, func.count(ArticleVersion.id)).join(ArticleVersion).group_by(Article.url_key)
        ).all()
        statements = session.execute(
            select(Article.url_key, Statement.amount_start, Statement.value).join(
                Statement, Statement.article_id == Article.id
            )
        ).all()
        changes = session.execute(
            select(Change.kind, Article.url_key, Change.summary).outerjoin(Article, Article.id == Change.article_id)
        ).all()
        found = {
            "articles": articles,
            "versions": {k: v for k, v in versions},
            "statements": sorted(tuple(r) for r in statements),
            "changes": sorted((tuple(r) for r in changes), key=repr),
        }
    engine.dispose()
    return found


def stored_count(database: str) -> int:
    engine = make_engine(database)
    try:
        with Session(engine) as session:
            return int(session.scalar(select(func.count(Article.id))) or 0)
    except Exception:  # the schema is not created yet
        return 0
    finally:
        engine.dispose()


def test_kill_9_mid_crawl_loses_nothing_stored_and_doubles_nothing(board: str, tmp_path: Path) -> None:
    reference_db = f"sqlite:///{tmp_path}/reference.sqlite"
    Handler.gate.set()
    done = run_cli("--config", str(config_file(tmp_path / "ref.yaml", board, reference_db)), "crawl")
    assert done.returncode == 0, done.stderr
    expected = contents(reference_db)
    assert len(expected["articles"]) == ARTICLES and set(expected["versions"].values()) == {1}
    assert expected["statements"] and any(kind == "statement_new" for kind, _, _ in expected["changes"])

    Handler.gate.clear()
    database = f"sqlite:///{tmp_path}/crashed.sqlite"
    config = config_file(tmp_path / "crash.yaml", board, database)
    child = spawn(crawl_args(config), new_session=True, pipe=None)
    try:
        deadline = time.monotonic() + 120
        while stored_count(database) == 0 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the crawl and any process it started
        child.wait()
        Handler.gate.set()
    assert child.returncode == -signal.SIGKILL, "the crawl ended before it could be killed"
    acknowledged = contents(database)
    assert 0 < len(acknowledged["articles"]) < ARTICLES
    engine = make_engine(database)
    with Session(engine) as session:
        assert session.scalars(select(CrawlRun.status)).all() == ["running"]  # it really died mid-crawl
    engine.dispose()

    again = run_cli("--config", str(config), "crawl")
    assert again.returncode == 0, again.stderr
    # The stored ones are young, so the restart rechecks them (unchanged); the rest are new.
    kept = len(acknowledged["articles"])
    assert f"new {ARTICLES - kept}, changed 0, unchanged {kept}," in again.stdout
    final = contents(database)
    for key, digest in acknowledged["articles"].items():  # nothing stored before the kill was lost or changed
        assert final["articles"][key] == digest
    assert final == expected  # nothing lost, nothing doubled: the same rows as a crawl never killed
