"""Config loading: defaults, overrides, and one-line errors naming file, line, source and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.load import ConfigError, load_config, parse_config
from config.schedule import parse_schedule

GOOD = """
database: sqlite:///watch.sqlite
sources:
  - name: gwangju-press
    org: 광주광역시
    kind: listing
    url: https://www.gwangju.go.kr/boardList.do?boardId=BD_0000000027
    links: "td.title a"
    next_page: "a.next"
    max_pages: 3
    article: {title: "h1", body: "div.article", published: "span.date"}
    encoding: cp949
    schedule: "0 */2 * * *"
  - name: news-feed
    org: 나주시
    kind: rss
    url: https://news.example.org/rss.xml
"""


def test_good_config_loads_with_defaults() -> None:
    config = parse_config(GOOD, origin="budgetwatch.yaml")
    assert config.timezone == "Asia/Seoul"
    board = config.source("gwangju-press")
    assert board.article.body == "div.article"
    assert board.parsed_schedule.cron == {"minute": "0", "hour": "*/2", "day": "*", "month": "*", "day_of_week": "*"}
    feed = config.source("news-feed")
    assert feed.parsed_schedule.interval_seconds == 3600
    assert feed.max_pages == 5 and feed.enabled


def test_database_override_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_config(path).database == f"sqlite:///{tmp_path.resolve()}/watch.sqlite"
    monkeypatch.setenv("BUDGETWATCH_DB", "sqlite:///from-env.sqlite")
    assert load_config(path).database == "sqlite:///from-env.sqlite"
    assert load_config(path, database="sqlite:///flag.sqlite").database == "sqlite:///flag.sqlite"


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.yaml: no such configuration file"):
        load_config(tmp_path / "nope.yaml")


BAD_CASES = [
    # (mutation of the first source, expected message pieces)
    ("    kind: listing\n", "    kind: ftp\n", ["c.yaml:6:", "source 'gwangju-press'", "field kind"]),
    ("    org: 광주광역시\n", "", ["c.yaml:4:", "source 'gwangju-press'", "field org", "Field required"]),
    (
        "    url: https://www.gwangju.go.kr/boardList.do?boardId=BD_0000000027\n",
        "    url: not-a-url\n",
        ["c.yaml:7:", "field url", "not an http(s) URL"],
    ),
    ('    links: "td.title a"\n', '    links: "td.title a[["\n', ["c.yaml:8:", "field links", "bad CSS selector"]),
    ('    links: "td.title a"\n', "", ["source 'gwangju-press'", "field links", "listing source needs"]),
    ('    schedule: "0 */2 * * *"\n', '    schedule: "whenever"\n', ["field schedule", "every N"]),
    ("    encoding: cp949\n", "    encoding: klingon-8\n", ["field encoding", "unknown encoding"]),
    ("    max_pages: 3\n", "    max_pages: 0\n", ["field max_pages"]),
    (
        '    article: {title: "h1", body: "div.article", published: "span.date"}\n',
        '    article: {title: "h1", body: "div..article"}\n',
        ["field article.body", "bad CSS selector"],
    ),
    ("    max_pages: 3\n", "    max_pagez: 3\n", ["field max_pagez", "Extra inputs"]),
]


@pytest.mark.parametrize(("old", "new", "pieces"), BAD_CASES)
def test_bad_config_message_names_source_and_field(old: str, new: str, pieces: list[str]) -> None:
    assert old in GOOD
    with pytest.raises(ConfigError) as info:
        parse_config(GOOD.replace(old, new, 1), origin="c.yaml")
    message = str(info.value)
    assert "\n" not in message
    for piece in pieces:
        assert piece in message


def test_duplicate_source_names_and_bad_yaml() -> None:
    doubled = GOOD + "  - name: news-feed\n    org: x\n    kind: rss\n    url: https://x.org/f\n"
    with pytest.raises(ConfigError, match="used twice"):
        parse_config(doubled, origin="c.yaml")
    with pytest.raises(ConfigError, match=r"c\.yaml:\d+: not valid YAML"):
        parse_config("sources: [\n  - {name: a\n", origin="c.yaml")
    with pytest.raises(ConfigError, match="unknown time zone"):
        parse_config("timezone: Mars/Olympus\n", origin="c.yaml")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("every 30 minutes", 1800), ("every 1 hour", 3600), ("every 2 days", 172800), ("Every 45 Seconds", 45)],
)
def test_interval_schedules(text: str, seconds: int) -> None:
    assert parse_schedule(text).interval_seconds == seconds


@pytest.mark.parametrize("text", ["every 0 minutes", "every minute", "61 * * * *", "* * *", "daily"])
def test_bad_schedules(text: str) -> None:
    with pytest.raises(ValueError):
        parse_schedule(text)


def test_profile_fills_what_the_source_leaves_out() -> None:
    config = parse_config("sources:\n  - name: naju\n    profile: naju-press\n    max_pages: 2\n", origin="c.yaml")
    naju = config.source("naju")
    assert (naju.org, naju.kind) == ("나주시", "listing")
    assert naju.url.startswith("https://www.naju.go.kr/") and naju.links and naju.next_page
    assert naju.article.title and naju.article.body and naju.max_pages == 2
    posted = parse_config("sources:\n  - name: brief\n    profile: koreakr-press\n    org: 정책브리핑\n", origin="c")
    brief = posted.source("brief")
    assert brief.org == "정책브리핑" and brief.pagination is not None and brief.pagination.kind == "post"
    assert brief.pagination.post_fields["pageIndex"] == "{n}"


def test_unknown_profile_lists_the_catalog() -> None:
    with pytest.raises(
        ConfigError, match=r"c\.yaml:3: source 'x': field profile: unknown site profile 'atlantis'.*naju-press"
    ):
        parse_config("sources:\n  - name: x\n    profile: atlantis\n", origin="c.yaml")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("database: sqlite:///watch.sqlite\n", "sqlite:///{base}/watch.sqlite"),
        ("database: sqlite:///data/w.sqlite?timeout=5\n", "sqlite:///{base}/data/w.sqlite?timeout=5"),
        ("database: sqlite+pysqlite:///../up.sqlite\n", "sqlite+pysqlite:///{parent}/up.sqlite"),
        ("", "sqlite:///{base}/budgetwatch.sqlite"),  # the default database sits beside the file too
        ("database: sqlite:////srv/abs.sqlite\n", "sqlite:////srv/abs.sqlite"),
        ("database: 'sqlite:///:memory:'\n", "sqlite:///:memory:"),
        ("database: postgresql+psycopg://u@h/db\n", "postgresql+psycopg://u@h/db"),
    ],
)
def test_relative_sqlite_paths_are_relative_to_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, expected: str
) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "budgetwatch.yaml").write_text(written, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("BUDGETWATCH_DB", raising=False)
    config = load_config(Path("../other/budgetwatch.yaml"))
    assert config.database == expected.format(base=folder.resolve(), parent=tmp_path.resolve())


def test_every_mistake_is_collected_with_its_line() -> None:
    text = GOOD.replace("    kind: listing\n", "    kind: ftp\n").replace("    max_pages: 3\n", "    max_pages: 0\n")
    text += "timezone: Mars/Olympus\n"
    with pytest.raises(ConfigError) as info:
        parse_config(text, origin="c.yaml")
    problems = info.value.problems
    assert len(problems) == 3, problems
    last_line = len(text.splitlines())
    assert problems[0] == f"c.yaml:{last_line}: field timezone: unknown time zone 'Mars/Olympus'"
    assert any(p.startswith("c.yaml:6: source 'gwangju-press': field kind") for p in problems)
    assert any(p.startswith("c.yaml:10: source 'gwangju-press': field max_pages") for p in problems)
    assert str(info.value).endswith("(and 2 more; `budgetwatch check` lists them all)")
    assert "\n" not in str(info.value)
