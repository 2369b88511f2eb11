"""Fuzzing what reads untrusted input and had no fuzz test yet: the config loader (only
ConfigError may escape) and the crawler's pure readers of fetched bytes (feeds, sitemaps,
encodings, URLs). The amount parser, statement extractor and article reader are fuzzed in
tests/extract/*/test_fuzz_*.py."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scrapy.http import HtmlResponse, Response, XmlResponse

from config.load import ConfigError, parse_config
from crawler.charset import repaired_encoding
from crawler.discovery import DiscoveryError, feed_links, listing_links, sitemap_links
from crawler.urls import url_key

BASE: dict[str, Any] = {
    "database": "sqlite:///x.sqlite",
    "timezone": "Asia/Seoul",
    "sources": [{"name": "a", "org": "군", "kind": "listing", "url": "https://a.go.kr/l", "links": "a.t"}],
    "digest": {"to": ["x@y.kr"], "smtp": {"port": 25}},
}
FIELDS = [
    ("database",), ("timezone",), ("user_agent",), ("sources",), ("digest",), ("sources", 0),
    ("sources", 0, "name"), ("sources", 0, "kind"), ("sources", 0, "url"), ("sources", 0, "links"),
    ("sources", 0, "pagination"), ("sources", 0, "max_pages"), ("sources", 0, "encoding"),
    ("sources", 0, "schedule"), ("sources", 0, "timeout"), ("sources", 0, "max_bytes"), ("sources", 0, "profile"),
    ("sources", 0, "article"), ("sources", 0, "recheck"), ("digest", "to"), ("digest", "schedule"),
    ("digest", "smtp"), ("digest", "smtp", "port"), ("digest", "from"),
]  # fmt: skip
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["listing", "rss", "every 0 hours", "a[[", "{n}", "euc-kr", "x-windows-949", "../../etc", "0 7 * *"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def check_config(text: str) -> None:
    try:
        parse_config(text, origin="fuzz.yaml")
    except ConfigError as exc:
        assert "\n" not in str(exc).strip() or str(exc).count("\n") < 3  # a message for a terminal


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=300))
def test_config_loader_raises_only_config_error_on_any_text(text: str) -> None:
    check_config(text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), values)
def test_config_loader_raises_only_config_error_on_any_field_value(path: tuple[Any, ...], value: Any) -> None:
    import copy

    data = copy.deepcopy(BASE)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    check_config(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=5, deadline=None)
@given(st.sampled_from(["[" * 2000, "a: " + "{x: " * 500, "&a [*a]", "!!python/object:os.system x", "a: !!binary ?"]))
def test_config_loader_hostile_yaml(text: str) -> None:
    check_config(text)


xml_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: f'<?xml version="1.0"?><rss><channel><item><link>{t}</link></item>'.encode()),
    st.text(max_size=300).map(lambda t: f"<urlset><url><loc>{t}</loc></url><sitemapindex>{t}".encode()),
)


def response(cls: type[Response], body: bytes) -> Response:
    return cls(url="https://a.go.kr/feed", body=body)


@settings(max_examples=100, deadline=None)
@given(xml_bytes)
def test_feed_and_sitemap_readers_raise_only_discovery_error(body: bytes) -> None:
    for read in (feed_links, sitemap_links):
        try:
            read(response(XmlResponse, body))
        except DiscoveryError:
            pass


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["utf-8", "euc-kr", "cp949", "latin-1", "ascii", "no-such"]))
def test_encoding_repair_never_fails(body: bytes, declared: str) -> None:
    repaired = repaired_encoding(body, declared)
    if repaired is not None:
        body.decode(repaired)  # it only ever proposes an encoding the bytes decode in


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_listing_reader_never_fails(body: bytes) -> None:
    listing_links(response(HtmlResponse, b"<a class=t href='" + body + b"'>x</a>"), "a.t", "@title")  # type: ignore[arg-type]


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=200))
def test_url_key_never_fails(tail: str) -> None:
    url_key("https://a.go.kr/" + tail)
