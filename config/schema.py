"""The user-facing configuration: its shape, defaults and per-field validation (pydantic)."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import soupsieve
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from config.schedule import Schedule, parse_schedule

if TYPE_CHECKING:
    from extract.article.profiles import SiteProfile

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


class PaginationConfig(BaseModel):
    """How a listing reaches its next page, when a plain "next" link (next_page) is not enough.

    template: a URL with {n} (page number, 2 for the second page); offset: a URL with {offset}
    (rows skipped: (n - 1) * per_page); post: a form sent to post_url, {n} in post_fields values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["template", "offset", "post"]
    template: str | None = None
    per_page: int = Field(default=10, ge=1)
    post_url: str | None = None
    post_fields: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete(self) -> PaginationConfig:
        if self.kind == "template" and (not self.template or "{n}" not in self.template):
            raise ValueError("template: a URL with {n} for the page number")
        if self.kind == "offset" and (not self.template or "{offset}" not in self.template):
            raise ValueError("template: a URL with {offset} for the rows skipped")
        if self.kind == "post" and not self.post_url:
            raise ValueError("post_url: where the page form is sent")
        return self


DETAIL_FILL = ("title", "published", "updated", "author", "department", "body")


class DetailConfig(BaseModel):
    """An article whose content a script loads from a JSON endpoint (extract.article.profiles.DetailRule).

    url: a path resolved against the article link; {name} in fields values: that query parameter
    of the link; json_root: dotted path to the reply object (None: the first object, depth first,
    holding the title key); fill: article field -> key of that object."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    method: Literal["GET", "POST"] = "POST"
    fields: dict[str, str] = Field(default_factory=dict)
    json_root: str | None = None
    fill: dict[str, str]

    @field_validator("fill")
    @classmethod
    def _fill(cls, value: dict[str, str]) -> dict[str, str]:
        wrong = set(value) - set(DETAIL_FILL)
        if wrong:
            raise ValueError(f"fill keys must be among {DETAIL_FILL}, not {sorted(wrong)}")
        if not {"title", "body"} & set(value):
            raise ValueError("fill needs 'title' or 'body'")
        return value


class SourceConfig(BaseModel):
    """One watched source: a feed, a listing (board) or a sitemap.

    ``profile`` names a board of the shipped catalog (config/sites); it fills every field the
    source leaves out: org, kind, url, links, pagination, article selectors, detail and encoding."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    profile: str | None = None
    org: str
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
    def _from_profile(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not data.get("profile"):
            return data
        from config.catalog import profile_named

        try:
            profile = profile_named(str(data["profile"]))
        except ValueError as exc:
            raise ValueError(f"profile: {exc}") from None
        return {**profile_defaults(profile), **data}

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


def profile_defaults(profile: SiteProfile) -> dict[str, Any]:
    """Source fields a catalog profile provides."""
    found: dict[str, Any] = {"org": profile.org, "encoding": profile.encoding}
    art = profile.article
    selectors = {"title": art.title, "body": art.body, "published": art.published, "updated": art.updated,
                 "author": art.author, "department": art.department, "drop": list(art.drop)}  # fmt: skip
    found["article"] = {k: v for k, v in selectors.items() if v}
    if profile.detail is not None:
        rule = profile.detail
        found["detail"] = {"url": rule.url, "method": rule.method, "fields": dict(rule.fields),
                           "json_root": rule.json_root, "fill": dict(rule.fill)}  # fmt: skip
    rules = profile.list_rules
    if rules is not None:
        found.update(kind="listing", url=rules.url, links=rules.links, title_from=rules.title_from)
        page = rules.pagination
        if page.kind == "href" and (page.next_selector or not page.template):
            found["next_page"] = page.next_selector
        elif page.kind in ("offset", "post") or page.template:
            kind = "template" if page.kind == "href" else page.kind
            found["pagination"] = {"kind": kind, "template": page.template, "per_page": page.per_page or 10,
                                   "post_url": page.post_url, "post_fields": dict(page.post_fields)}  # fmt: skip
            if page.kind == "offset" and page.template and "{offset}" not in page.template:
                found["pagination"]["kind"] = "template"
    return {k: v for k, v in found.items() if v is not None}


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
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, SourceConfig]:
        """Sources by name, built once: a lookup per source stays linear in the sources."""
        return {source.name: source for source in self.sources}
