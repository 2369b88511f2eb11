"""The commands a newcomer tries first, through the real CLI on real SQLite and PostgreSQL."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from demo.sample_config import EXPECTED_TITLES, sample_config
from demo.site import SampleSite
from store.db import make_engine
from store.models import Article
from tests.cli.conftest import budgetwatch, write_config


def test_version_and_quiet_and_verbose_on_any_command(site: SampleSite, tmp_path: Path) -> None:
    shown = budgetwatch("--version")
    assert shown.returncode == 0 and shown.stdout == f"budgetwatch {version('budgetwatch')}\n"
    data = sample_config(site.base_url, f"sqlite:///{tmp_path}/q.sqlite")
    data["sources"] = data["sources"][2:]
    config = write_config(tmp_path / "bw.yaml", data)
    quiet = budgetwatch("--config", str(config), "crawl", "-q")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "" and quiet.stderr == ""  # nothing to look at: nothing said
    loud = budgetwatch("-v", "--config", str(config), "crawl")
    assert loud.returncode == 0 and loud.stdout.startswith("solmoe-news: ok")
    assert "INFO scrapy.core.engine: Spider closed" in loud.stderr  # Scrapy's INFO lines show with -v


def test_check_reports_every_mistake_at_once(tmp_path: Path) -> None:
    config = tmp_path / "bw.yaml"
    config.write_text(
        "timezone: Asia/Seol\n"
        "sources:\n"
        "  - {name: a, org: 나주시, kind: ftp, url: 'http://x.org/'}\n"
        "  - {name: b, org: 나주시, kind: rss, url: 'not-a-url', schedule: whenever}\n"
        "  - {name: c, org: 나주시, kind: rss, url: 'http://x.org/', max_pagez: 3}\n",
        encoding="utf-8",
    )
    result = budgetwatch("--config", str(config), "check")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 6 and lines[-1] == f"{config}: 5 mistakes"
    for piece in ("field timezone", "source 'a': field kind", "source 'b': field url", "source 'b': field schedule",
                  "source 'c': field max_pagez"):  # fmt: skip
        assert any(piece in line for line in lines), piece
    good = tmp_path / "good.yaml"
    good.write_text("sources:\n  - {name: a, org: 나주시, kind: rss, url: 'http://x.org/f'}\n", encoding="utf-8")
    ok = budgetwatch("--config", str(good), "check")
    assert ok.returncode == 0 and ok.stdout.startswith(f"{good}: OK, 1 sources (1 enabled)")


def test_test_source_shows_what_would_be_stored_and_stores_nothing(
    site: SampleSite, tmp_path: Path, database_url: str
) -> None:
    config = write_config(tmp_path / "bw.yaml", sample_config(site.base_url, database_url))
    result = budgetwatch("--config", str(config), "test", "naju-press", "--articles", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    shown = [t for p, t in EXPECTED_TITLES.items() if p.startswith("/board/") and t in result.stdout]
    assert 1 <= len(shown) <= 2
    assert "억원" in result.stdout and "nothing was stored" in result.stdout
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            tables = engine.dialect.get_table_names(connection)
        if "articles" in tables:
            with Session(engine) as session:
                assert session.scalar(select(func.count()).select_from(Article)) == 0
    finally:
        engine.dispose()
    unknown = budgetwatch("--config", str(config), "test", "naju")
    assert unknown.returncode == 2 and "unknown source 'naju'" in unknown.stderr


def test_sources_lists_org_kind_schedule_last_run_and_health(
    site: SampleSite, tmp_path: Path, database_url: str
) -> None:
    data = sample_config(site.base_url, database_url)
    data["sources"][1]["links"] = "td.nothing a"
    config = write_config(tmp_path / "bw.yaml", data)
    budgetwatch("--config", str(config), "crawl", "naju-press", "solmoe-news")
    listed = budgetwatch("--config", str(config), "sources")
    assert listed.returncode == 0, listed.stderr
    header, *rows = listed.stdout.splitlines()
    assert header.split() == ["SOURCE", "ORG", "KIND", "SCHEDULE", "LAST", "RUN", "HEALTH"]
    by_name = {row.split()[0]: row for row in rows}
    assert "never" in by_name["bitgoeul-news"] and "광주광역시" in by_name["bitgoeul-news"]
    assert "FLAGGED: found-nothing" in by_name["naju-press"] and "td.nothing a" in by_name["naju-press"]
    assert by_name["solmoe-news"].rstrip().endswith("ok") and "every 6 hours" in by_name["solmoe-news"]
    # Korean org names take two columns each: the KIND column starts at one display column in every row
    from cli.table import width

    starts = {width(row[: row.index(kind)]) for row in rows for kind in ("rss ", "listing ", "sitemap ") if kind in row}
    assert len(starts) == 1
    as_json = [
        json.loads(line) for line in budgetwatch("--config", str(config), "sources", "--json").stdout.splitlines()
    ]
    assert [s["name"] for s in as_json] == ["bitgoeul-news", "naju-press", "solmoe-news"]


def test_unknown_source_organisation_and_project_say_so(site: SampleSite, tmp_path: Path, database_url: str) -> None:
    data = sample_config(site.base_url, database_url)
    data["sources"] = data["sources"][1:2]
    config = write_config(tmp_path / "bw.yaml", data)
    assert budgetwatch("--config", str(config), "crawl").returncode == 0
    cases = [
        (("articles", "--source", "naju"), "unknown source 'naju'; known: naju-press"),
        (("reextract", "--source", "naju"), "unknown source 'naju'"),
        (("changes", "--org", "목포시"), "unknown organisation '목포시'; known: 나주시"),
        (("statements", "--org", "목포시"), "unknown organisation '목포시'"),
        (("timeline", "--org", "목포시"), "unknown organisation '목포시'"),
        (("timeline", "--project", "우주정거장"), "no project matches '우주정거장'"),
        (("crawl", "naju"), "unknown source 'naju'"),
    ]
    for args, message in cases:
        result = budgetwatch("--config", str(config), *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr and result.stderr.count("\n") == 1, (args, result.stderr)
    same = budgetwatch("--config", str(config), "changes", "--org", "나주")  # 나주 = 나주시
    assert same.returncode == 0 and same.stdout


def test_db_url_works_without_a_config_file(site: SampleSite, tmp_path: Path, database_url: str) -> None:
    data = sample_config(site.base_url, database_url)
    data["sources"] = data["sources"][2:]
    config = write_config(tmp_path / "conf" / "bw.yaml", data)
    assert budgetwatch("--config", str(config), "crawl").returncode == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    for args in (("articles",), ("changes",), ("statements",), ("timeline",), ("db", "upgrade"), ("digest",)):
        result = budgetwatch("--db", database_url, *args, cwd=empty)
        assert result.returncode == 0, (args, result.stderr)
    listed = budgetwatch("--db", database_url, "articles", cwd=empty).stdout.splitlines()
    assert len(listed) == len([p for p in EXPECTED_TITLES if p.startswith("/county/")])
    via_env = budgetwatch("articles", cwd=empty, env={"BUDGETWATCH_DB": database_url})
    assert via_env.returncode == 0 and via_env.stdout.splitlines() == listed
    needs_sources = budgetwatch("--db", database_url, "status", cwd=empty)
    assert needs_sources.returncode == 2 and "no such configuration file" in needs_sources.stderr


def test_digest_out_into_a_missing_folder_and_send_without_smtp_are_one_line(tmp_path: Path) -> None:
    config = tmp_path / "bw.yaml"
    config.write_text("database: sqlite:///d.sqlite\ndigest: {to: [desk@example.kr]}\n", encoding="utf-8")
    out = budgetwatch("--config", str(config), "digest", "--out", str(tmp_path / "nope" / "d.html"))
    assert out.returncode == 2
    assert (
        out.stderr
        == f"budgetwatch: --out {tmp_path / 'nope' / 'd.html'}: the folder {tmp_path / 'nope'} does not exist\n"
    )
    send = budgetwatch("--config", str(config), "digest", "--send")
    assert send.returncode == 2 and send.stderr.count("\n") == 1
    assert "--send needs an SMTP server: add digest.smtp" in send.stderr and "nothing was queued" in send.stderr
    from digest.outbox import outbox_status

    engine = make_engine(f"sqlite:///{tmp_path}/d.sqlite")
    try:
        from store.db import upgrade_schema

        upgrade_schema(engine)
        assert outbox_status(engine).counts == {}
    finally:
        engine.dispose()
