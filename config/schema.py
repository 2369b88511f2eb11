"""The user-facing configuration: its shape, defaults and per-field validation (pydantic)."""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import soupsieve
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from config.schedule import Schedule, parse_schedule

DEFAULT_DATABASE = "sqlite:///budgetwatch.sqlite"
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def check_selector(value: str | None) -> str | None:
    """Reject a CSS selector that soupsieve (what BeautifulSoup uses) cannot compile."""
    if value is None:
        return None
    try:
        soupsieve.compile(value)
    except Exception as exc:  # soupsieve raises SelectorSyntaxError and a few others
        raise ValueError(f"bad CSS selector {value!r}: {str(exc).splitlines()[0]}") from None
    return value


def check_http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value


class ArticleSelectorsConfig(BaseModel):
    """CSS selectors for a source's article pages (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    body: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    department: str | None = None
    drop: tuple[str, ...] = ()

    @field_validator("title", "body", "published", "updated", "author", "department")
    @classmethod
    def _selector(cls, value: str | None) -> str | None:
        return check_selector(value)

    @field_validator("drop")
    @classmethod
    def _drop(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            check_selector(item)
        return value


class RecheckConfig(BaseModel):
    """How long stored articles are fetched again to catch edits (conditional GET)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    every_crawl_days: float = Field(default=3, ge=0, description="recheck on every crawl while this young")
    daily_days: float = Field(default=30, ge=0, description="then once a day while this young")


class SourceConfig(BaseModel):
    """One watched source: a feed, a listing (board) or a sitemap."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    org: str
    kind: Literal["rss", "listing", "sitemap"]
    url: str
    links: str | None = None
    next_page: str | None = None
    max_pages: int = Field(default=5, ge=1, le=1000)
    article: ArticleSelectorsConfig = ArticleSelectorsConfig()
    encoding: str | None = None
    schedule: str = "every 1 hours"
    enabled: bool = True
    delay: float = Field(default=1.0, ge=0, description="seconds between requests to the site")
    max_articles: int = Field(default=200, ge=1, description="article pages fetched per crawl at most")
    allow_private: bool = Field(default=False, description="allow loopback/private addresses")
    recheck: RecheckConfig = RecheckConfig()

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
        if value is None:
            return None
        import codecs

        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
        return value

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        parse_schedule(value)
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
        parse_schedule(value)
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
    """The whole configuration file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    database: str = DEFAULT_DATABASE
    timezone: str = "Asia/Seoul"
    user_agent: str = "budgetwatch/0.1 (+https://github.com/budgetwatch/budgetwatch; municipal budget monitor)"
    sources: tuple[SourceConfig, ...] = ()
    digest: DigestConfig = DigestConfig()

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

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def source(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        raise KeyError(name)
