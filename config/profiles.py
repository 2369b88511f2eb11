"""Site profiles: known boards (config/sites/*.yaml), matched to a page by host, path and query.

A profile is checked by the same models as a source (selectors, pagination, detail endpoint), and
what it provides has the names of source fields, so a source that names a profile takes its
values as they are. ``config/sites/README.md`` shows the file format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from config.parts import (
    ArticleSelectorsConfig,
    DetailConfig,
    PaginationConfig,
    check_encoding,
    check_http_url,
    check_selector,
    text_values,
)

PROFILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
# Host prefixes that serve the same board ("www.naju.go.kr", "naju.go.kr", "m.naju.go.kr").
HOST_PREFIXES = ("www.", "m.")


def bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


class MatchConfig(BaseModel):
    """Which pages are the board's: the host (``www.`` and ``m.`` ignored), a path prefix and
    query parameters that must be present with these values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(min_length=1)
    path: str = ""
    query: dict[str, str] = Field(default_factory=dict)

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        return value.strip().lower()

    @field_validator("query", mode="before")
    @classmethod
    def _query(cls, value: Any) -> Any:
        return text_values(value)


class ListConfig(BaseModel):
    """How the crawler walks the board: the source fields of a listing, with the same names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str | None = None
    links: str | None = None
    title_from: str = "text"
    next_page: str | None = None
    pagination: PaginationConfig | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else check_http_url(value)

    @field_validator("links", "next_page")
    @classmethod
    def _selector(cls, value: str | None) -> str | None:
        return check_selector(value)


class SiteProfile(BaseModel):
    """One board: how to recognise its pages, read its articles and walk its list."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str
    org: str | None = None
    encoding: str | None = None
    match: MatchConfig
    article: ArticleSelectorsConfig = ArticleSelectorsConfig()
    list_rules: ListConfig | None = Field(default=None, alias="list")
    detail: DetailConfig | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not PROFILE_NAME.match(value):
            raise ValueError("use lowercase letters, digits, '-', '_' or '.'")
        return value

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str | None) -> str | None:
        return check_encoding(value)

    def matches(self, url: str) -> bool:
        """Whether ``url`` is on this board (host, path prefix and required query values)."""
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
        except ValueError:  # a malformed URL ("http://[::1") is on no board
            return False
        if bare_host(host) != bare_host(self.match.host) or not parts.path.startswith(self.match.path):
            return False
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        return all(params.get(key) == value for key, value in self.match.query.items())

    @property
    def specificity(self) -> int:
        """Longer paths and more query conditions are more specific."""
        return len(self.match.path) + 100 * len(self.match.query)

    def source_fields(self) -> dict[str, Any]:
        """The source fields this profile provides (a source that names it sets the rest and may
        override any): org, encoding, article, detail and, with list rules, a listing's fields."""
        fields: dict[str, Any] = {"org": self.org, "encoding": self.encoding, "detail": self.detail}
        if not self.article.empty:
            fields["article"] = self.article
        if self.list_rules is not None:
            fields["kind"] = "listing"
            fields.update({name: getattr(self.list_rules, name) for name in ListConfig.model_fields})
        return {key: value for key, value in fields.items() if value is not None}


@dataclass(frozen=True)
class Catalog:
    """The site profiles a config is read with (config.catalog.load_catalog), in file name order."""

    profiles: tuple[SiteProfile, ...] = ()

    def named(self, name: str) -> SiteProfile:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        known = ", ".join(sorted(p.name for p in self.profiles)) or "no profiles"
        raise ValueError(f"unknown site profile {name!r}; the catalog has: {known}")

    def for_url(self, url: str) -> SiteProfile | None:
        """The most specific profile matching ``url``, or None."""
        matching = [p for p in self.profiles if p.matches(url)]
        return max(matching, key=lambda p: p.specificity) if matching else None
