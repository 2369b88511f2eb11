"""Stable keys for article URLs, so the same article is recognised however it is linked."""

from __future__ import annotations

from w3lib.url import canonicalize_url

# Query parameters that change the listing position, not the article (eGovFrame and common boards).
NAVIGATION_PARAMS = frozenset({"pageindex", "page", "pageno", "cpage", "curpage", "searchcnd", "searchwrd", "start"})


def url_key(url: str) -> str:
    """Canonical form of ``url``: sorted query, no fragment, no paging or search parameters."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(canonicalize_url(url))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in NAVIGATION_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, urlencode(query), ""))
