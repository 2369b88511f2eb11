"""Field checks and the small models that a source and a site profile share: article selectors,
listing pagination and JSON detail endpoints. A profile reuses them, so both are checked alike."""

from __future__ import annotations

import codecs
from typing import Any, Literal
from urllib.parse import urlsplit

import soupsieve
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


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


def check_encoding(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        codecs.lookup(value)
    except LookupError:
        raise ValueError(f"unknown encoding {value!r}") from None
    return value


def text_values(value: Any) -> Any:
    """A YAML mapping of form fields or query values: an empty value (``key:``) is empty text and a
    number is its text, as a browser would send it."""
    if isinstance(value, dict):
        return {key: "" if item is None else str(item) if isinstance(item, (int, float)) else item
                for key, item in value.items()}  # fmt: skip
    return value


class ArticleSelectorsConfig(BaseModel):
    """CSS selectors for article pages (all optional; what is left out is read generically)."""

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

    @field_validator("drop", mode="before")
    @classmethod
    def _one_drop(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @field_validator("drop")
    @classmethod
    def _drop(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            check_selector(item)
        return value

    @property
    def empty(self) -> bool:
        return not any((self.title, self.body, self.published, self.updated, self.author, self.department, self.drop))


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

    @field_validator("post_fields", mode="before")
    @classmethod
    def _fields(cls, value: Any) -> Any:
        return text_values(value)

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
    """An article whose content a script loads from a JSON endpoint (crawler/detail.py sends it).

    url: a path resolved against the article link; {name} in fields values: that query parameter
    of the link; json_root: dotted path to the reply object (None: the first object, depth first,
    holding the title key); fill: article field -> key of that object."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    method: Literal["GET", "POST"] = "POST"
    fields: dict[str, str] = Field(default_factory=dict)
    json_root: str | None = None
    fill: dict[str, str]

    @field_validator("method", mode="before")
    @classmethod
    def _method(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("fields", mode="before")
    @classmethod
    def _fields(cls, value: Any) -> Any:
        return text_values(value)

    @field_validator("fill")
    @classmethod
    def _fill(cls, value: dict[str, str]) -> dict[str, str]:
        wrong = set(value) - set(DETAIL_FILL)
        if wrong:
            raise ValueError(f"fill keys must be among {DETAIL_FILL}, not {sorted(wrong)}")
        if not {"title", "body"} & set(value):
            raise ValueError("fill needs 'title' or 'body'")
        return value
