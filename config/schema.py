"""The user-facing configuration: its shape, defaults and per-field validation (pydantic)."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from config.parts import (
    ArticleSelectorsConfig,
    DetailConfig,
    PaginationConfig,
    check_encoding,
    check_http_url,
    check_selector,
)
from config.profiles import Catalog
from config.schedule import Schedule, check_schedule, parse_schedule

DEFAULT_DATABASE = "sqlite:///budgetwatch.sqlite"
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class RecheckConfig(BaseModel):
    """How long stored articles are fetched again to catch edits (conditional GET)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    every_crawl_days: float = Field(default=3, ge=0, description="recheck on every crawl while this young")
    daily_days: float = Field(default=30, ge=0, description="then once a day while this young")


class SourceConfig(BaseModel):
    """One watched source: a feed, a listing (board) or a sitemap.

    ``profile`` names a board of the shipped catalog (config/sites); it fills every field the
    source leaves out: org, kind, url, links, pagination, article selectors, detail and encoding."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    profile: str | None = None
    org: str
    country: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{2}$",
        description='ISO 3166 code of the publisher ("CA"): which dollar a bare "$" is; else the URL decides',
    )
    kind: Literal["rss", "listing", "sitemap"]
    url: str
    links: str | None = None
    title_from: str = Field(default="text", description='"text", "@attr" or a CSS selector inside the link')
    next_page: str | None = None
    pagination: PaginationConfig | None = None
    max_pages: int = Field(default=5, ge=1, le=1000)
    article: ArticleSelectorsConfig = ArticleSelectorsConfig()
    detail: DetailConfig | None = Field(default=None, description="read articles from a JSON endpoint")
    encoding: str | None = None
    schedule: str = "every 1 hours"
    enabled: bool = True
    delay: float = Field(default=1.0, ge=0, description="seconds between requests to the site")
    max_articles: int = Field(default=200, ge=1, description="article pages fetched per crawl at most")
    allow_private: bool = Field(default=False, description="allow loopback/private addresses")
    timeout: float = Field(default=30, gt=0, le=600, description="seconds one fetch may take (each try)")
    max_bytes: int = Field(
        default=10 * 1024 * 1024, ge=1024, description="largest response accepted, also after decompression"
    )
    recheck: RecheckConfig = RecheckConfig()

    @model_validator(mode="before")
    @classmethod
    def _from_profile(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict) or not data.get("profile"):
            return data
        catalog = (info.context or {}).get("catalog")
        if not isinstance(catalog, Catalog):
            raise ValueError("profile: no site catalog to find it in (validate with context={'catalog': ...})")
        try:
            profile = catalog.named(str(data["profile"]))
        except ValueError as exc:
            raise ValueError(f"profile: {exc}") from None
        return {**profile.source_fields(), **data}

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not SOURCE_NAME.match(value):
            raise ValueError("use lowercase letters, digits, '-', '_' or '.'")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_http_url(value)

    @field_validator("links", "next_page")
    @classmethod
    def _selector(cls, value: str | None) -> str | None:
        return check_selector(value)

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str | None) -> str | None:
        return check_encoding(value)

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        check_schedule(value)
        return value

    @model_validator(mode="after")
    def _listing_needs_links(self) -> SourceConfig:
        if self.kind == "listing" and not self.links:
            raise ValueError("links: a listing source needs a CSS selector of its article links")
        return self

    @property
    def parsed_schedule(self) -> Schedule:
        return parse_schedule(self.schedule)


class SmtpConfig(BaseModel):
    """Where digests are sent. Credentials come from the environment variables named here."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(default=25, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username_env: str | None = None
    password_env: str | None = None
    timeout: float = Field(default=30, gt=0)


class DigestConfig(BaseModel):
    """The daily digest email."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schedule: str = "0 7 * * *"
    to: tuple[str, ...] = ()
    sender: str = Field(default="budgetwatch@localhost", alias="from")
    smtp: SmtpConfig = SmtpConfig()
    send_empty: Literal["one-line", "none"] = "one-line"
    unsubscribe_url: str | None = None
    subject_prefix: str = "[budgetwatch]"

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        check_schedule(value)
        return value

    @field_validator("to")
    @classmethod
    def _addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for address in value:
            if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", address):
                raise ValueError(f"not an email address: {address!r}")
        return value

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        if "@" not in value:
            raise ValueError(f"not an email address: {value!r}")
        return value


class Config(BaseModel):
    """The whole configuration file, and the site catalog it was read with (``catalog``: the
    crawler reads a page with the profile matching its URL when its source has no selectors)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    database: str = DEFAULT_DATABASE
    timezone: str = "Asia/Seoul"
    user_agent: str = "budgetwatch/0.1 (+https://github.com/budgetwatch/budgetwatch; municipal budget monitor)"
    # A crawl process is to stay under 300 MB. Its floor is ~145 MB, and the 2 pages it reads at
    # once cost more than their bytes: 8 sources of 3 pages of 9 MB of 3,000 amounts each peaked
    # at 294 MB with 64 MB of pages held, 272 with 48, 262 with 32 (16 sources: 286 with 48, 276
    # with 32; single runs, 2026-11-29, docs/faults.md).
    page_budget_mb: int = Field(
        default=32, ge=1, description="MB of fetched pages a crawl process holds at once (fetching or to read)"
    )
    # None: the read pool starts after a crawl's first pages, with a process per core they left
    # idle (crawler/read_pool.py); 0: pages are read in a thread of the crawl process.
    read_processes: int | None = Field(
        default=None, ge=0, le=64, description="processes reading pages beside a crawl (default: the idle cores)"
    )
    sources: tuple[SourceConfig, ...] = ()
    digest: DigestConfig = DigestConfig()
    _catalog: Catalog = PrivateAttr(default_factory=Catalog)

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("database")
    @classmethod
    def _database(cls, value: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(value)
        except ArgumentError:
            raise ValueError(f"not a SQLAlchemy database URL: {value!r}") from None
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(f"source name {source.name!r} is used twice")
            seen.add(source.name)
        return self

    @model_validator(mode="after")
    def _keep_catalog(self, info: ValidationInfo) -> Config:
        catalog = (info.context or {}).get("catalog")
        if isinstance(catalog, Catalog):
            self._catalog = catalog
        return self

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def source(self, name: str) -> SourceConfig:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, SourceConfig]:
        """Sources by name, built once: a lookup per source stays linear in the sources."""
        return {source.name: source for source in self.sources}
