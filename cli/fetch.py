"""One page fetched for `budgetwatch article URL`: the crawler's User-Agent, time and size limits."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from config.schema import Config

TIMEOUT_S = 30.0
MAX_BYTES = 10 * 1024 * 1024


class FetchError(Exception):
    """The page could not be fetched; the message is one line naming the URL."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str | None


def fetch(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Fetched:
    user_agent = Config.model_fields["user_agent"].default
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"{url}: larger than {max_bytes // (1024 * 1024)} MB")
            return Fetched(response.geturl(), body, response.headers.get("Content-Type"))
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: cannot fetch: {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        raise FetchError(f"{url}: cannot fetch: {type(exc).__name__}: {exc}") from None
    except ValueError as exc:
        raise FetchError(f"{url}: not a URL: {exc}") from None
