"""`budgetwatch demo` run twice on different ports stores nothing twice; `demo --serve` keeps the sites up."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from demo.sample_config import EXPECTED_TITLES
from store.db import make_engine
from store.models import Article, Source, Statement
from tests.cli.conftest import ROOT, budgetwatch
from tests.forked_process import spawn


def counts(database: Path) -> tuple[int, int, set[int | None]]:
    engine = make_engine(f"sqlite:///{database}")
    try:
        with Session(engine) as session:
            articles = session.scalar(select(func.count()).select_from(Article)) or 0
            statements = session.scalar(select(func.count()).select_from(Statement)) or 0
            ports = {urlsplit(u).port for u in session.scalars(select(Article.url))}
            ports |= {urlsplit(u).port for u in session.scalars(select(Source.url))}
    finally:
        engine.dispose()
    return articles, statements, ports


def demo_port(directory: Path) -> int:
    data = yaml.safe_load((directory / "budgetwatch.yaml").read_text(encoding="utf-8"))
    port = urlsplit(data["sources"][0]["url"]).port
    assert port is not None
    return port


def test_a_second_demo_on_another_port_stores_nothing_twice(tmp_path: Path) -> None:
    first = budgetwatch("demo", "--dir", "out", cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    out = tmp_path / "out"
    articles, statements, ports = counts(out / "demo.sqlite")
    assert articles == len(EXPECTED_TITLES) and statements > 0
    old_port = demo_port(out)
    assert ports == {old_port}
    with socket.socket() as busy:  # the port the first demo used is taken now
        busy.bind(("127.0.0.1", old_port))
        busy.listen()
        second = budgetwatch("demo", "--dir", "out", cwd=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    new_port = demo_port(out)
    assert new_port != old_port
    assert f"Moved {len(EXPECTED_TITLES)} articles" in second.stdout
    assert counts(out / "demo.sqlite") == (articles, statements, {new_port})
    assert "new 0" in second.stdout and "new 1" not in second.stdout


def test_the_demo_config_works_from_any_folder_and_the_last_lines_say_how_to_run_it(tmp_path: Path) -> None:
    result = budgetwatch("demo", "--dir", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    config = tmp_path / "out" / "budgetwatch.yaml"
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["database"] == "sqlite:///demo.sqlite"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listed = budgetwatch("--config", "../out/budgetwatch.yaml", "articles", cwd=elsewhere)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == len(EXPECTED_TITLES)
    assert list(elsewhere.iterdir()) == []  # no stray empty database where the command ran
    last = result.stdout.splitlines()[-1]
    assert last.startswith("Try: ") and "--config out/budgetwatch.yaml" in last
    suggested = shlex.split(last.removeprefix("Try: ").split(" changes")[0])
    ran = subprocess.run([*suggested, "sources"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert "naju-press" in ran.stdout


def test_demo_serve_keeps_the_sites_up_for_crawl_and_status(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BUDGETWATCH_DB"}
    env["PYTHONPATH"] = str(ROOT)
    serving = spawn(["-m", "cli.main", "demo", "--dir", "out", "--serve"], cwd=tmp_path, env=env, pipe="stdout")
    try:
        assert serving.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 120
        while not any("until Ctrl-C" in line for line in lines):
            assert time.monotonic() < deadline and serving.poll() is None, "".join(lines)
            lines.append(serving.stdout.readline())
        config = str(tmp_path / "out" / "budgetwatch.yaml")
        crawl = budgetwatch("--config", config, "crawl", "--recheck")
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
        assert "errors 0" in crawl.stdout and "new 0" in crawl.stdout
        status = budgetwatch("--config", config, "status")
        assert status.returncode == 0 and "last ok" in status.stdout and "FLAGGED" not in status.stdout
        serving.send_signal(signal.SIGINT)
        assert serving.wait(timeout=30) == 0
    finally:
        if serving.poll() is None:
            serving.kill()
            serving.wait()
