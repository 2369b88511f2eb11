"""Articles whose content a script loads from a JSON endpoint (a source's ``detail:`` rule).

Some boards serve an empty view page and fill it from JavaScript (담양군: ``POST
/board/getBoardDetail`` with ``dataSid`` and ``boardId`` from the link). The spider sends that
request instead of fetching the view page (``detail_request``); the JSON reply becomes a minimal
HTML page (``detail_page``) that goes down the usual PageItem -> ReadPipeline road, read with
``DETAIL_SELECTORS`` (``reading_source``). The article keeps the link's URL, not the endpoint's.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from config.parts import ArticleSelectorsConfig, DetailConfig
from config.schema import SourceConfig

# The page detail_page writes, and the selectors that read it back.
DETAIL_SELECTORS = ArticleSelectorsConfig(
    title="h1.title",
    published="p.date",
    updated="p.updated",
    author="p.author",
    department="p.department",
    body="div.body",
)
_LINES = (("published", "date"), ("updated", "updated"), ("author", "author"), ("department", "department"))
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


class DetailError(ValueError):
    """The detail request cannot be built, or its reply does not hold the article."""


def detail_request(rule: DetailConfig, link_url: str) -> tuple[str, dict[str, str]]:
    """The endpoint URL (the rule's path resolved against the link) and the fields to send.

    ``{name}`` in a field value is the link's query parameter ``name``; a missing one is an error.
    For ``method: GET`` the fields are already in the returned URL's query (and also returned)."""
    params = dict(parse_qsl(urlsplit(link_url).query, keep_blank_values=True))

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise DetailError(f"{link_url}: no query parameter {name!r} for the detail request")
        return params[name]

    fields = {key: _PLACEHOLDER.sub(fill, value) for key, value in rule.fields.items()}
    url = urljoin(link_url, rule.url)
    if rule.method == "GET" and fields:
        url = f"{url}{'&' if urlsplit(url).query else '?'}{urlencode(fields)}"
    return url, fields


def detail_page(reply: str, rule: DetailConfig) -> str:
    """The JSON reply as a small HTML page: escaped title, dates, author, department; the body's
    HTML as given (unescaped first when the reply carries it escaped, ``&lt;p&gt;``)."""
    try:
        data = json.loads(reply)
    except ValueError as exc:
        raise DetailError(f"the detail reply is not JSON: {exc}") from None
    root = _root(data, rule)
    values = {field: _value(root.get(key)) for field, key in rule.fill.items()}
    if not values.get("title") and not values.get("body"):
        raise DetailError("the detail reply has neither a title nor a body")
    title = html.escape(values.get("title", ""))
    lines = [f'<p class="{css}">{html.escape(values[field])}</p>' for field, css in _LINES if values.get(field)]
    body = values.get("body", "")
    if "<" not in body and "&lt;" in body:
        body = html.unescape(body)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>' + title + "</title></head>"
        f'<body><article><h1 class="title">{title}</h1>{"".join(lines)}<div class="body">{body}</div>'
        "</article></body></html>"
    )


def reading_source(source: SourceConfig) -> SourceConfig:
    """The source as its fetched pages are read: with DETAIL_SELECTORS when it has a detail rule."""
    if source.detail is None:
        return source
    return source.model_copy(update={"article": DETAIL_SELECTORS})


def _root(data: Any, rule: DetailConfig) -> dict[str, Any]:
    if rule.json_root:
        node = data
        for step in rule.json_root.split("."):
            if isinstance(node, list) and step.isdigit() and int(step) < len(node):
                node = node[int(step)]
            elif isinstance(node, dict) and step in node:
                node = node[step]
            else:
                raise DetailError(f"the detail reply has no {rule.json_root!r}")
        if not isinstance(node, dict):
            raise DetailError(f"{rule.json_root!r} in the detail reply is not an object")
        return node
    key = rule.fill.get("title") or rule.fill.get("body") or ""
    found = _find(data, key)
    if found is None:
        raise DetailError(f"no object in the detail reply has {key!r}")
    return found


def _find(node: Any, key: str) -> dict[str, Any] | None:
    """The first object (depth first) holding ``key``."""
    if isinstance(node, dict):
        if key in node:
            return node
        children: list[Any] = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _find(child, key)
        if found is not None:
            return found
    return None


def _value(value: Any) -> str:
    return "" if value is None else str(value).strip()
