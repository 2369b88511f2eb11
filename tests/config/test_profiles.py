"""Site profiles: one schema with the source's (selectors, pagination, detail), the catalog read
once and passed in, errors naming file and line, matching by host, path and query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from config.catalog import SITES_DIR, load_catalog
from config.load import ConfigError, parse_config
from config.parts import ArticleSelectorsConfig, DetailConfig, PaginationConfig
from config.profiles import Catalog, SiteProfile
from tests.shared import shared_path

BOARD = """
name: example-press
org: 예시시
match:
  host: www.example.go.kr
  path: /news/press
article:
  title: "div.view h3"
  published: "div.view dd.date"
  body: "div.view_text"
  drop: ["div.file_box"]
list:
  url: https://www.example.go.kr/news/press
  links: "table.list td.title a"
  title_from: "@title"
  pagination:
    kind: post
    post_url: https://www.example.go.kr/news/pressList.do
    post_fields: {pageIndex: "{n}", searchWord: "", rows: 10, empty:}
"""


def write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def test_a_profile_is_read_with_the_source_models(tmp_path: Path) -> None:
    write(tmp_path, "example-press.yaml", BOARD)
    (profile,) = load_catalog(tmp_path).profiles
    assert profile.name == "example-press" and profile.org == "예시시"
    assert profile.article == ArticleSelectorsConfig(
        title="div.view h3", published="div.view dd.date", body="div.view_text", drop=("div.file_box",)
    )
    assert profile.list_rules is not None and profile.list_rules.title_from == "@title"
    assert profile.list_rules.pagination == PaginationConfig(
        kind="post",
        post_url="https://www.example.go.kr/news/pressList.do",
        post_fields={"pageIndex": "{n}", "searchWord": "", "rows": "10", "empty": ""},  # as a browser sends them
    )


def test_a_source_naming_a_profile_gets_its_fields_and_wins_where_it_sets_its_own(tmp_path: Path) -> None:
    write(tmp_path, "example-press.yaml", BOARD)
    catalog = load_catalog(tmp_path)
    config = parse_config(
        "sources:\n  - {name: ex, profile: example-press}\n  - {name: mine, profile: example-press, org: 다른시, "
        "article: {title: h1}, max_pages: 2}\n",
        origin="c.yaml",
        catalog=catalog,
    )
    ex, mine = config.sources
    assert (ex.org, ex.kind, ex.url, ex.links, ex.title_from) == (
        "예시시", "listing", "https://www.example.go.kr/news/press", "table.list td.title a", "@title"
    )  # fmt: skip
    assert ex.pagination is not None and ex.pagination.kind == "post" and ex.article.body == "div.view_text"
    assert (mine.org, mine.article, mine.max_pages) == ("다른시", ArticleSelectorsConfig(title="h1"), 2)
    assert config.catalog is catalog  # the crawler reads pages with the catalog the config was read with


def test_the_catalog_is_passed_in_not_read_behind_the_callers_back(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"field profile: unknown site profile 'naju-press'; the catalog has: no profiles"
    ):
        parse_config("sources:\n  - {name: n, profile: naju-press}\n", origin="c.yaml", catalog=Catalog())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.go.kr/news/press?idx=1&mode=view", "example-press"),
        ("http://example.go.kr/news/press", "example-press"),  # without www, plain http
        ("https://m.example.go.kr/news/press/view?idx=2", "example-press"),
        ("https://WWW.EXAMPLE.GO.KR/news/press", "example-press"),
        ("https://www.example.go.kr/board.do?boardId=B7", "example-b7"),
        ("https://www.example.go.kr/board.do?boardId=B8", "example-site"),
        ("https://www.example.go.kr/other", "example-site"),
        ("https://www.elsewhere.go.kr/news/press", None),
        ("not a url", None),
        ("http://[::1", None),
    ],
)
def test_the_most_specific_profile_matches(tmp_path: Path, url: str, expected: str | None) -> None:
    write(tmp_path, "a.yaml", BOARD)
    write(tmp_path, "b.yaml", "name: example-b7\nmatch: {host: www.example.go.kr, query: {boardId: B7}}\n")
    write(tmp_path, "c.yaml", "name: example-site\nmatch: {host: Example.go.kr}\n")
    profile = load_catalog(tmp_path).for_url(url)
    assert (profile.name if profile else None) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just a list\n", "broken.yaml: a site profile is a mapping"),
        ("name: x\n", "broken.yaml:1: field match: Field required"),
        ("name: x\nmatch: {path: /a}\n", "broken.yaml:2: field match.host: Field required"),
        ("match: {host: a.kr}\n", "broken.yaml:1: field name: Field required"),
        ("name: X Y\nmatch: {host: a.kr}\n", "broken.yaml:1: field name: use lowercase"),
        ("name: x\nmatch: {host: a.kr}\narticle: {titel: h1}\n", "broken.yaml:3: field article.titel: Extra inputs"),
        (
            "name: x\nmatch: {host: a.kr}\narticle:\n  body: 'div[['\n",
            "broken.yaml:4: field article.body: bad CSS selector",
        ),
        (
            "name: x\nmatch: {host: a.kr}\nlist:\n  pagination: {kind: scroll}\n",
            "broken.yaml:4: field list.pagination.kind",
        ),
        (
            "name: x\nmatch: {host: a.kr}\nlist:\n  pagination: {kind: template, template: /p}\n",
            "{n} for the page number",
        ),
        (
            "name: x\nmatch: {host: a.kr}\nlist:\n  pagination: {kind: offset, template: '/p?s={offset}', per_page: ten}\n",
            "field list.pagination.per_page",
        ),
        ("name: x\nmatch: {host: a.kr}\nlist: {url: ftp://a.kr/}\n", "field list.url: not an http(s) URL"),
        ("name: x\nmatch: {host: a.kr, query: [a]}\n", "field match.query"),
        ("name: x\nmatch: {host: a.kr}\nencoding: klingon\n", "field encoding: unknown encoding"),
        ("name: x\nmatch: {host: a.kr}\ndetail: {url: /d, method: PUT, fill: {title: t}}\n", "field detail.method"),
        ("name: x\nmatch: {host: a.kr}\ndetail: {url: /d, fill: {headline: t}}\n", "fill keys must be among"),
        ("name: x\nmatch: {host: a.kr}\ndetail: {url: /d, fill: {author: a}}\n", "fill needs 'title' or 'body'"),
        ("name: x\nmatch: {host: a.kr}\ndetail: {fill: {title: t}}\n", "field detail.url: Field required"),
        ("name: [x\n", "not valid YAML"),
    ],
)
def test_a_broken_profile_is_one_line_naming_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "broken.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_catalog(tmp_path)
    assert str(info.value).startswith(str(tmp_path / "broken.yaml"))
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_name_used_twice_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BOARD)
    write(tmp_path, "b.yaml", BOARD)
    with pytest.raises(ConfigError, match=r"b\.yaml: profile name 'example-press' is already used by a\.yaml"):
        load_catalog(tmp_path)


def test_a_single_drop_selector_may_be_a_string() -> None:
    profile = SiteProfile.model_validate({"name": "x", "match": {"host": "a.kr"}, "article": {"drop": "div.ad"}})
    assert profile.article.drop == ("div.ad",)
    assert profile.list_rules is None and profile.source_fields() == {"article": profile.article}


def test_profiles_are_frozen_values(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BOARD)
    (profile,) = load_catalog(tmp_path).profiles
    with pytest.raises(ValueError, match="frozen"):
        profile.name = "other"
    assert profile == load_catalog(tmp_path).profiles[0]


def test_the_shipped_catalog_loads() -> None:
    catalog = load_catalog()
    names = {p.name for p in catalog.profiles}
    assert {"naju-press", "gwangju-press", "gyeongbuk-press", "koreakr-press", "damyang-press"} <= names
    assert len(names) == len(list(SITES_DIR.glob("*.yaml")))
    for profile in catalog.profiles:
        assert not profile.article.empty or profile.list_rules, profile.name
        if profile.list_rules is not None:  # every list walks on: a next link or a page request
            assert profile.list_rules.next_page or profile.list_rules.pagination, profile.name


def test_detail_rule_is_read_with_the_source_model() -> None:
    text = (
        BOARD
        + """detail:
  url: /news/getDetail
  method: post
  fields: {id: "{idx}", board: B1}
  json_root: data.item
  fill: {title: subject, body: contents, published: regDate}
"""
    )
    profile = SiteProfile.model_validate(yaml.safe_load(text))
    assert profile.detail == DetailConfig(url="/news/getDetail", method="POST", fields={"id": "{idx}", "board": "B1"},
                                          json_root="data.item",
                                          fill={"title": "subject", "body": "contents", "published": "regDate"})  # fmt: skip
    assert SiteProfile.model_validate(yaml.safe_load(BOARD)).detail is None
    damyang = load_catalog().named("damyang-press")
    assert damyang.detail is not None and damyang.detail.fields == {"dataSid": "{dataSid}", "boardId": "{boardId}"}


def test_every_saved_kr_page_matches_its_board_profile() -> None:
    labels = shared_path("eval/kr-pages/labels.json")
    catalog = load_catalog()
    for page in json.loads(labels.read_text(encoding="utf-8"))["pages"]:
        profile = catalog.for_url(page["url"])
        assert profile is not None, page["file"]
        assert profile.name.split("-")[0] == page["site"], (page["file"], profile.name)
        if page["kind"] == "detail":
            assert profile.article.body and profile.article.title, profile.name
        else:
            assert profile.list_rules is not None and profile.list_rules.links, profile.name
