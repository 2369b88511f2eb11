"""Site profiles: a catalog of known boards (config/sites/*.yaml), matched to a page by host, path and query.

A profile file looks like this (every key but ``name`` and ``match.host`` is optional)::

    name: naju-press
    org: 나주시
    encoding: null                 # override when a board declares its charset wrongly
    match:
      host: www.naju.go.kr         # also matches naju.go.kr and m.naju.go.kr
      path: /www/administration/reporting/coverage   # path prefix
      query: {}                    # query parameters that must be present with these values
    article:                       # CSS selectors (extract.article.page.ArticleSelectors)
      title: "#board_basic_view .view_title p.title"
      published: "..."
      department: "..."
      body: "..."                  # all matches, joined
      drop: ["div.file_area"]      # removed before reading
    list:                          # how the crawler walks the board (kept as plain data here)
      url: https://www.naju.go.kr/www/administration/reporting/coverage
      links: "table.table_list tbody tr td.align_left a"
      title_from: "span"           # "text", "@title", a CSS selector inside the link, "em::text" (own text)
      pagination:
        kind: href                 # href | offset | post
        next: "div.pagination > a.btn_text"
        template: "/www/.../coverage?page={n}"   # a path; {n}: page number; {offset}: row offset
        per_page: 10
        post_url: null             # kind post: where the form is sent (path only)
        post_fields: {}            # kind post: the form, with {n} for the page number
    detail:                        # the article body comes from a request the page's script sends
      method: POST                 # POST (a form) or GET (the fields as query parameters)
      url: /board/getBoardDetail   # a path, resolved against the article link
      fields: {dataSid: "{dataSid}"}   # {name}: that query parameter of the article link
      json_root: null              # dotted path to the object holding the fields; null: the first
                                   # object in the reply (depth first) that has the title key
      fill: {title: dataTitle, published: regDate, author: userNm, body: dataContent}

``load_profiles`` reads the files in name order and validates them once; a broken file raises
``ProfileError`` naming the file. ``match_profile`` picks the most specific profile for a URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

from extract.article.page import ArticleSelectors

_ARTICLE_KEYS = ("title", "body", "published", "updated", "author", "department", "drop")
_PAGINATION_KINDS = ("href", "offset", "post")
_DETAIL_METHODS = ("GET", "POST")
_DETAIL_FILL = ("title", "published", "updated", "author", "department", "body")
# Host prefixes that serve the same board ("www.naju.go.kr", "naju.go.kr", "m.naju.go.kr").
_HOST_PREFIXES = ("www.", "m.")


class ProfileError(ValueError):
    """A site profile file is not valid."""


@dataclass(frozen=True)
class Pagination:
    """How a list page reaches the next page: a link (href), a row offset, or a POSTed form."""

    kind: str = "href"
    next_selector: str | None = None
    template: str | None = None
    per_page: int | None = None
    post_url: str | None = None
    post_fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ListRules:
    """Where a board lists its articles and how to follow it."""

    url: str | None = None
    links: str | None = None
    title_from: str = "text"
    pagination: Pagination = field(default_factory=Pagination)


@dataclass(frozen=True)
class DetailRule:
    """An article whose content a script loads from a JSON endpoint: where to ask and what to read.

    ``fields`` values may hold ``{name}``, replaced by the article link's query parameter ``name``;
    ``fill`` maps article fields (title, published, updated, author, department, body) to keys of
    the reply object found at ``json_root`` (a dotted path; None: searched for)."""

    url: str
    method: str = "POST"
    fields: tuple[tuple[str, str], ...] = ()
    json_root: str | None = None
    fill: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SiteProfile:
    """One board: how to recognise its pages, read its articles and walk its list."""

    name: str
    host: str
    path: str = ""
    query: tuple[tuple[str, str], ...] = ()
    org: str | None = None
    encoding: str | None = None
    article: ArticleSelectors = field(default_factory=ArticleSelectors)
    list_rules: ListRules | None = None
    detail: DetailRule | None = None

    def matches(self, url: str) -> bool:
        """Whether ``url`` is on this board (host, path prefix and required query values)."""
        parts = urlsplit(url)
        if _bare_host(parts.hostname or "") != _bare_host(self.host):
            return False
        if not parts.path.startswith(self.path):
            return False
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        return all(params.get(key) == value for key, value in self.query)

    @property
    def specificity(self) -> int:
        """Longer paths and more query conditions are more specific."""
        return len(self.path) + 100 * len(self.query)


def load_profiles(directory: str | Path) -> tuple[SiteProfile, ...]:
    """Read every ``*.yaml`` profile in ``directory`` (sorted by file name)."""
    profiles = []
    names: set[str] = set()
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            profile = parse_profile(data)
        except (yaml.YAMLError, ProfileError, TypeError, ValueError) as exc:
            raise ProfileError(f"{path}: {exc}") from exc
        if profile.name in names:
            raise ProfileError(f"{path}: duplicate profile name {profile.name!r}")
        names.add(profile.name)
        profiles.append(profile)
    return tuple(profiles)


def match_profile(profiles: tuple[SiteProfile, ...], url: str) -> SiteProfile | None:
    """Return the most specific profile matching ``url``, or None."""
    matching = [p for p in profiles if p.matches(url)]
    return max(matching, key=lambda p: p.specificity) if matching else None


def parse_profile(data: Any) -> SiteProfile:
    """Build a profile from the mapping of one YAML file."""
    if not isinstance(data, dict):
        raise ProfileError("a profile is a mapping")
    name = _text(data, "name", required=True)
    match = data.get("match")
    if not isinstance(match, dict):
        raise ProfileError("'match' with at least 'host' is required")
    return SiteProfile(
        name=name or "",
        host=(_text(match, "host", required=True) or "").lower(),
        path=_text(match, "path") or "",
        query=_pairs(match.get("query"), "match.query"),
        org=_text(data, "org"),
        encoding=_text(data, "encoding"),
        article=_article(data.get("article") or {}),
        list_rules=_list_rules(data["list"]) if data.get("list") else None,
        detail=_detail(data["detail"]) if data.get("detail") else None,
    )


def _article(data: Any) -> ArticleSelectors:
    if not isinstance(data, dict):
        raise ProfileError("'article' is a mapping of selectors")
    unknown = set(data) - set(_ARTICLE_KEYS)
    if unknown:
        raise ProfileError(f"unknown article keys: {sorted(unknown)}")
    drop = data.get("drop") or []
    if isinstance(drop, str):
        drop = [drop]
    return ArticleSelectors(
        title=_text(data, "title"),
        body=_text(data, "body"),
        published=_text(data, "published"),
        updated=_text(data, "updated"),
        author=_text(data, "author"),
        department=_text(data, "department"),
        drop=tuple(str(d) for d in drop),
    )


def _list_rules(data: Any) -> ListRules:
    if not isinstance(data, dict):
        raise ProfileError("'list' is a mapping")
    pager = data.get("pagination") or {}
    if not isinstance(pager, dict):
        raise ProfileError("'list.pagination' is a mapping")
    kind = _text(pager, "kind") or "href"
    if kind not in _PAGINATION_KINDS:
        raise ProfileError(f"list.pagination.kind must be one of {_PAGINATION_KINDS}, not {kind!r}")
    per_page = pager.get("per_page")
    if per_page is not None and not isinstance(per_page, int):
        raise ProfileError("list.pagination.per_page is a number")
    return ListRules(
        url=_text(data, "url"),
        links=_text(data, "links"),
        title_from=_text(data, "title_from") or "text",
        pagination=Pagination(
            kind=kind,
            next_selector=_text(pager, "next"),
            template=_text(pager, "template"),
            per_page=per_page,
            post_url=_text(pager, "post_url"),
            post_fields=_pairs(pager.get("post_fields"), "list.pagination.post_fields"),
        ),
    )


def _detail(data: Any) -> DetailRule:
    if not isinstance(data, dict):
        raise ProfileError("'detail' is a mapping")
    unknown = set(data) - {"method", "url", "fields", "json_root", "fill"}
    if unknown:
        raise ProfileError(f"unknown detail keys: {sorted(unknown)}")
    method = (_text(data, "method") or "POST").upper()
    if method not in _DETAIL_METHODS:
        raise ProfileError(f"detail.method must be one of {_DETAIL_METHODS}, not {method!r}")
    fill = _pairs(data.get("fill"), "detail.fill")
    wrong = {key for key, _ in fill} - set(_DETAIL_FILL)
    if wrong:
        raise ProfileError(f"detail.fill keys must be among {_DETAIL_FILL}, not {sorted(wrong)}")
    if not any(key in ("title", "body") for key, _ in fill):
        raise ProfileError("detail.fill needs 'title' or 'body'")
    return DetailRule(
        url=_text(data, "url", required=True) or "",
        method=method,
        fields=_pairs(data.get("fields"), "detail.fields"),
        json_root=_text(data, "json_root"),
        fill=fill,
    )


def _text(data: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise ProfileError(f"{key!r} is required")
        return None
    if not isinstance(value, (str, int)):
        raise ProfileError(f"{key!r} must be text")
    return str(value)


def _pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not value:
        return ()
    if not isinstance(value, dict):
        raise ProfileError(f"{where} is a mapping")
    return tuple((str(k), "" if v is None else str(v)) for k, v in value.items())


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host
