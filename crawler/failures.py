"""What went wrong with a fetch, in one line that says what happened (never an empty reason)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError

from config.masking import mask_url

# The end of an HTML document. A page delivered without Content-Length and not chunked ends when
# the server closes the connection, so a connection that died mid-page looks complete: without
# this end tag near its end the page is taken as cut (servers send close-delimited pages rarely,
# and nearly every page that does ends with </html>).
_HTML_END = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)
_TAIL_BYTES = 4096


def is_policy_refusal(value: IgnoreRequest) -> bool:
    """robots.txt, or a link to another site: the crawl chose not to go, nothing failed."""
    text = str(value)
    return text.startswith(("Forbidden by robots.txt", "Filtered offsite request"))


def describe_failure(value: BaseException, request: Request | None, *, max_bytes: int | None = None) -> str:
    """One line: the HTTP status, the refusal, or the network error with its causes."""
    response = getattr(value, "response", None)
    if isinstance(value, HttpError) and response is not None:
        return _http_error(response)
    if request is not None and request.meta.get("redirect_urls") and isinstance(value, IgnoreRequest):
        if "max redirections" in str(value):
            return f"too many redirections (last {request.url})"
    name = type(value).__name__
    if "DataLoss" in name:
        return f"{name}: the body ended before its Content-Length (data loss, a cut connection)"
    if name in ("DownloadCancelledError", "CancelledError") and not str(value):
        # Scrapy cancels a body that grows past DOWNLOAD_MAXSIZE without saying so.
        limit = f"{max_bytes / 1_048_576:g} MB" if max_bytes else "the size limit"
        return f"cut at {limit}: the page is larger than max_bytes (it announced no Content-Length)"
    reasons = getattr(value, "reasons", None)  # ResponseFailed and friends wrap the real causes
    if reasons:
        causes = "; ".join(f"{type(r.value).__name__}: {r.value}" for r in reasons if hasattr(r, "value"))
        return f"{name}: {causes or 'the connection failed'}"
    return f"{name}: {value}" if str(value) else f"{name} (no detail given)"


def _http_error(response: Response) -> str:
    location = response.headers.get(b"Location")
    if 300 <= response.status < 400 and location:
        target = location.decode("latin-1")
        scheme = urlsplit(target).scheme.lower()
        if scheme and scheme not in ("http", "https"):
            return f"HTTP {response.status}: redirect to {scheme}:// refused ({mask_url(target)})"
    retry_after = response.headers.get(b"Retry-After")
    wait = f" (Retry-After {retry_after.decode('latin-1')})" if retry_after else ""
    return f"HTTP {response.status}{wait}"


def cut_short(response: Response) -> str | None:
    """Why a 200 page must be taken as cut mid-transfer, or None when it is whole.

    Twisted already fails a body shorter than its Content-Length and a chunked body without its
    last chunk; a close-delimited body (no length announced) is flagged "partial" by Scrapy
    whether whole or not (Twisted's PotentialDataLoss), and an HTML one is judged by its end tag.
    """
    if "partial" not in response.flags:
        return None
    if b"html" not in (response.headers.get(b"Content-Type") or b"").lower():
        return None
    if _HTML_END.search(response.body[-_TAIL_BYTES:]):
        return None
    if b"<html" not in response.body[:_TAIL_BYTES].lower():
        return None  # a fragment served as HTML: nothing says where it should end
    return (
        f"the connection closed before the page ended ({len(response.body)} bytes, no Content-Length, "
        "no </html>): cut mid-transfer, not stored"
    )
