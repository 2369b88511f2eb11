"""Site profiles: loading and validating the catalog, matching by host, path and query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.article.page import ArticleSelectors
from extract.article.profiles import Pagination, ProfileError, load_profiles, match_profile, parse_profile

CATALOG = Path(__file__).resolve().parents[3] / "config" / "sites"
KR_LABELS = Path(__file__).resolve().parents[4] / "shared" / "eval" / "kr-pages" / "labels.json"

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
    post_fields: {pageIndex: "{n}", searchWord: ""}
    per_page: 10
"""


def write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def test_load_profiles_reads_selectors_and_list_rules(tmp_path: Path) -> None:
    write(tmp_path, "example-press.yaml", BOARD)
    (profile,) = load_profiles(tmp_path)
    assert profile.name == "example-press"
    assert profile.org == "예시시"
    assert profile.article == ArticleSelectors(
        title="div.view h3", published="div.view dd.date", body="div.view_text", drop=("div.file_box",)
    )
    assert profile.list_rules is not None
    assert profile.list_rules.title_from == "@title"
    assert profile.list_rules.pagination == Pagination(
        kind="post",
        per_page=10,
        post_url="https://www.example.go.kr/news/pressList.do",
        post_fields=(("pageIndex", "{n}"), ("searchWord", "")),
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.go.kr/news/press?idx=1&mode=view", "example-press"),
        ("http://example.go.kr/news/press", "example-press"),  # without www, plain http
        ("https://m.example.go.kr/news/press/view?idx=2", "example-press"),
        ("https://www.example.go.kr/board.do?boardId=B7", "example-b7"),
        ("https://www.example.go.kr/board.do?boardId=B8", "example-site"),
        ("https://www.example.go.kr/other", "example-site"),
        ("https://www.elsewhere.go.kr/news/press", None),
        ("not a url", None),
    ],
)
def test_match_profile_picks_the_most_specific(tmp_path: Path, url: str, expected: str | None) -> None:
    write(tmp_path, "a.yaml", BOARD)
    write(tmp_path, "b.yaml", "name: example-b7\nmatch: {host: www.example.go.kr, query: {boardId: B7}}\n")
    write(tmp_path, "c.yaml", "name: example-site\nmatch: {host: example.go.kr}\n")
    profile = match_profile(load_profiles(tmp_path), url)
    assert (profile.name if profile else None) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just a list\n", "mapping"),
        ("name: x\n", "'match'"),
        ("name: x\nmatch: {path: /a}\n", "'host' is required"),
        ("match: {host: a.kr}\n", "'name' is required"),
        ("name: x\nmatch: {host: a.kr}\narticle: {titel: h1}\n", "unknown article keys"),
        ("name: x\nmatch: {host: a.kr}\nlist: {pagination: {kind: scroll}}\n", "kind must be one of"),
        ("name: x\nmatch: {host: a.kr}\nlist: {pagination: {per_page: ten}}\n", "per_page"),
        ("name: x\nmatch: {host: a.kr, query: [a]}\n", "match.query"),
        ("name: [x\n", "name"),
    ],
)
def test_a_broken_profile_names_its_file(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "broken.yaml", text)
    with pytest.raises(ProfileError, match="broken.yaml") as info:
        load_profiles(tmp_path)
    assert message in str(info.value)


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BOARD)
    write(tmp_path, "b.yaml", BOARD)
    with pytest.raises(ProfileError, match="duplicate"):
        load_profiles(tmp_path)


def test_a_single_drop_selector_may_be_a_string() -> None:
    profile = parse_profile({"name": "x", "match": {"host": "a.kr"}, "article": {"drop": "div.ad"}})
    assert profile.article.drop == ("div.ad",)
    assert profile.list_rules is None


def test_profiles_are_frozen_values(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BOARD)
    (profile,) = load_profiles(tmp_path)
    with pytest.raises(AttributeError):
        profile.name = "other"  # type: ignore[misc]
    assert hash(profile) == hash(load_profiles(tmp_path)[0])


def test_the_shipped_catalog_loads() -> None:
    profiles = load_profiles(CATALOG)
    names = {p.name for p in profiles}
    assert {"naju-press", "gwangju-press", "gyeongbuk-press", "koreakr-press"} <= names
    for profile in profiles:
        assert profile.article.body or profile.list_rules, profile.name


@pytest.mark.skipif(not KR_LABELS.exists(), reason=f"kr-pages labels not found at {KR_LABELS}")
def test_every_saved_kr_page_matches_its_board_profile() -> None:
    profiles = load_profiles(CATALOG)
    pages = json.loads(KR_LABELS.read_text(encoding="utf-8"))["pages"]
    for page in pages:
        profile = match_profile(profiles, page["url"])
        assert profile is not None, page["file"]
        assert profile.name.split("-")[0] == page["site"], (page["file"], profile.name)
        if page["kind"] == "detail":
            assert profile.article.body and profile.article.title, profile.name
        else:
            assert profile.list_rules is not None and profile.list_rules.links, profile.name


def test_detail_rule_is_parsed_and_checked() -> None:
    text = (
        BOARD
        + """detail:
  url: /news/getDetail
  fields: {id: "{idx}", board: B1}
  json_root: data.item
  fill: {title: subject, body: contents, published: regDate}
"""
    )
    import yaml

    from extract.article.profiles import DetailRule

    profile = parse_profile(yaml.safe_load(text))
    assert profile.detail == DetailRule(url="/news/getDetail", method="POST", fields=(("id", "{idx}"), ("board", "B1")),
                                        json_root="data.item",
                                        fill=(("title", "subject"), ("body", "contents"), ("published", "regDate")))  # fmt: skip
    assert parse_profile(yaml.safe_load(BOARD)).detail is None
    for bad in ("detail: {url: /d, method: PUT, fill: {title: t}}", "detail: {url: /d, fill: {headline: t}}",
                "detail: {url: /d, fill: {author: a}}", "detail: {fill: {title: t}}", "detail: {url: /d, x: 1, fill: {title: t}}"):  # fmt: skip
        with pytest.raises(ProfileError):
            parse_profile(yaml.safe_load(BOARD + bad))
    damyang = next(p for p in load_profiles(CATALOG) if p.name == "damyang-press")
    assert damyang.detail is not None and dict(damyang.detail.fields) == {
        "dataSid": "{dataSid}",
        "boardId": "{boardId}",
    }
