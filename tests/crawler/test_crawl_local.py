"""Real Scrapy crawls of the bundled sample sites served on 127.0.0.1, through the CLI.

Each crawl runs `budgetwatch crawl` in a child process: Twisted's reactor cannot be restarted
inside the pytest process.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from demo.sample_config import EXPECTED_TITLES, sample_config
from demo.site import SampleSite
from store.db import make_engine
from store.models import Article, ArticleVersion, CrawlRun, Source
from store.queries import count_rows
from tests.forked_cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site() -> Iterator[SampleSite]:
    with SampleSite() as running:
        yield running


def write_config(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def budgetwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=120)


def titles_by_source(database: str) -> dict[str, dict[str, str]]:
    engine = make_engine(database)
    with Session(engine) as session:
        rows = session.execute(select(Source.name, Article.url, Article.title).join(Article))
        found: dict[str, dict[str, str]] = {}
        for name, url, title in rows:
            found.setdefault(name, {})[url] = title
    engine.dispose()
    return found


def path_of(url: str, base: str) -> str:
    return url.removeprefix(base)


def test_each_source_kind_crawls_into_the_store(site: SampleSite, tmp_path: Path, database_url: str) -> None:
    data = sample_config(site.base_url, database_url)
    config = write_config(tmp_path / "budgetwatch.yaml", data)
    kinds = {s["kind"]: s["name"] for s in data["sources"]}
    assert set(kinds) == {"rss", "listing", "sitemap"}
    for kind in ("rss", "listing", "sitemap"):
        result = budgetwatch("--config", str(config), "crawl", kinds[kind])
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.startswith(f"{kinds[kind]}: ok"), result.stdout
    stored = titles_by_source(database_url)
    expected_total = len(EXPECTED_TITLES)
    assert sum(len(v) for v in stored.values()) == expected_total
    for urls in stored.values():
        for url, title in urls.items():
            assert title == EXPECTED_TITLES[path_of(url, site.base_url)], url
    assert "/private/secret.html" not in site.requests  # robots.txt is obeyed
    engine = make_engine(database_url)
    with Session(engine) as session:
        runs = session.scalars(select(CrawlRun)).all()
        assert [r.status for r in runs] == ["ok", "ok", "ok"]
        assert sum(r.new_items for r in runs) == expected_total
        encodings = set(session.scalars(select(ArticleVersion.encoding)))
        assert "cp949" in encodings
    engine.dispose()


@pytest.mark.parametrize("rechecks", [False, True])
def test_second_crawl_adds_nothing(site: SampleSite, tmp_path: Path, rechecks: bool) -> None:
    """Without rechecks no article page is fetched again; with them (the default while articles
    are young) every stored article is asked for with a validator and answers 304."""
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    data = sample_config(site.base_url, database)
    if not rechecks:
        for source in data["sources"]:
            source["recheck"] = {"every_crawl_days": 0, "daily_days": 0}
    config = write_config(tmp_path / "c.yaml", data)
    first = budgetwatch("--config", str(config), "crawl")
    assert first.returncode == 0, first.stdout + first.stderr
    engine = make_engine(database)
    before = count_rows(engine)
    fetched_before = len(site.requests)
    second = budgetwatch("--config", str(config), "crawl")
    assert second.returncode == 0, second.stderr
    after = count_rows(engine)
    engine.dispose()
    assert {k: v for k, v in after.items() if k != "crawl_runs"} == {
        k: v for k, v in before.items() if k != "crawl_runs"
    }
    assert after["crawl_runs"] == before["crawl_runs"] + 3
    refetched = [p for p in site.requests[fetched_before:] if p in EXPECTED_TITLES]
    lines = second.stdout.splitlines()
    assert all(", new 0, changed 0," in line for line in lines), second.stdout
    if rechecks:
        assert sorted(refetched) == sorted(EXPECTED_TITLES)
        assert sum(int(line.split("unchanged ")[1].split(",")[0]) for line in lines) == len(EXPECTED_TITLES)
        answers = [status for target, status in site.statuses if target in EXPECTED_TITLES]
        assert answers[-len(EXPECTED_TITLES) :] == [304] * len(EXPECTED_TITLES)
    else:
        assert refetched == []
        assert sum(int(line.split("already stored ")[1].split(",")[0]) for line in lines) == len(EXPECTED_TITLES)


def test_recheck_finds_an_edited_article(site: SampleSite, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    data = sample_config(site.base_url, database)
    rss = next(s for s in data["sources"] if s["kind"] == "rss")
    config = write_config(tmp_path / "c.yaml", data)
    assert budgetwatch("--config", str(config), "crawl", rss["name"]).returncode == 0
    target = next(p for p in EXPECTED_TITLES if p.startswith("/news/") and '"' not in EXPECTED_TITLES[p])
    import urllib.request

    with urllib.request.urlopen(site.base_url + target) as response:
        original = response.read()
    edited = original.replace(EXPECTED_TITLES[target].encode(), (EXPECTED_TITLES[target] + " (수정)").encode())
    assert edited != original
    site.override(target, edited)
    result = budgetwatch("--config", str(config), "crawl", "--recheck", rss["name"])
    assert result.returncode == 0, result.stderr
    assert ", changed 1," in result.stdout, result.stdout
    engine = make_engine(database)
    with Session(engine) as session:
        article = session.scalars(select(Article).where(Article.url == site.base_url + target)).one()
        assert article.current_version == 2 and article.title.endswith("(수정)")
    engine.dispose()


def test_unreachable_source_fails_alone(site: SampleSite, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    data = sample_config(site.base_url, database)
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    data["sources"].append(
        {
            "name": "dead-feed",
            "org": "없는군",
            "kind": "rss",
            "url": f"http://127.0.0.1:{dead_port}/rss.xml",
            "allow_private": True,
            "delay": 0,
        }
    )
    config = write_config(tmp_path / "c.yaml", data)
    result = budgetwatch("--config", str(config), "crawl")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = {line.split(":")[0]: line for line in result.stdout.splitlines()}
    assert lines["dead-feed"].startswith("dead-feed: failed")
    assert "ConnectionRefused" in lines["dead-feed"]
    assert all(lines[s["name"]].startswith(f"{s['name']}: ok") for s in data["sources"][:3])
    engine = make_engine(database)
    with Session(engine) as session:
        run = session.scalars(select(CrawlRun).join(Source).where(Source.name == "dead-feed")).one()
        assert run.status == "failed" and run.error_count >= 1 and run.finished_at is not None
    engine.dispose()


def test_private_address_refused_without_opt_in(site: SampleSite, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    data = sample_config(site.base_url, database)
    data["sources"] = [{**data["sources"][0], "allow_private": False}]
    config = write_config(tmp_path / "c.yaml", data)
    before = len(site.requests)
    result = budgetwatch("--config", str(config), "crawl")
    assert result.returncode == 1
    assert len(site.requests) == before  # not even robots.txt was fetched


@pytest.mark.parametrize(
    ("mutate", "pieces"),
    [
        (lambda s: s.update(kind="ftp"), ["field kind"]),
        (lambda s: s.pop("org"), ["field org"]),
        (lambda s: s.update(url="htp:/nowhere"), ["field url"]),
        (lambda s: s.update(kind="listing", links="a[["), ["field links", "bad CSS selector"]),
    ],
)
def test_bad_config_exits_2_naming_source_and_field(tmp_path: Path, mutate: Any, pieces: list[str]) -> None:
    data = sample_config("http://127.0.0.1:9", f"sqlite:///{tmp_path}/x.sqlite")
    mutate(data["sources"][0])
    config = write_config(tmp_path / "c.yaml", data)
    result = budgetwatch("--config", str(config), "crawl")
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert f"source {data['sources'][0]['name']!r}" in message
    for piece in pieces:
        assert piece in message
    assert not (tmp_path / "x.sqlite").exists()


def test_unknown_source_name_is_usage_error(tmp_path: Path) -> None:
    data = sample_config("http://127.0.0.1:9", f"sqlite:///{tmp_path}/x.sqlite")
    config = write_config(tmp_path / "c.yaml", data)
    result = budgetwatch("--config", str(config), "crawl", "no-such-source")
    assert result.returncode == 2 and "unknown source 'no-such-source'" in result.stderr
