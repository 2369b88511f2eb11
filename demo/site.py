"""Serves the bundled sample sites (demo/sample) on 127.0.0.1 for the demo, the tests and the bench."""

from __future__ import annotations

import hashlib
import math
import posixpath
import sys
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

SAMPLE_ROOT = Path(__file__).parent / "sample"

# The board's files are CP949 bytes. Like many Korean government boards, the server labels only
# some of them "charset=euc-kr" and sends the rest as bare "text/html". With the <meta> tags in
# the files (written by hand, see the pages themselves) every combination occurs once or more:
#   header + meta     list-1, view-1001, view-1005 (http-equiv form), view-1007 (has 똠, CP949-only)
#   header only       list-3, view-1003
#   meta only         list-2 (http-equiv form), view-1002, view-1006
#   neither           view-1004, view-1008  -> the reader has to detect CP949 itself
BOARD_HEADER_CHARSET: frozenset[str] = frozenset(
    {
        "board/list-1.html",
        "board/list-3.html",
        "board/view-1001.html",
        "board/view-1003.html",
        "board/view-1005.html",
        "board/view-1007.html",
    }
)

# Article pages carry Last-Modified and ETag and answer conditional requests with 304.
ARTICLE_PREFIXES = ("news/articles/", "board/view-", "county/news/")


@dataclass(frozen=True)
class _Page:
    body: bytes
    last_modified: float  # seconds since the epoch, whole seconds


def resolve_target(target: str) -> str | None:
    """Map a request target (path and query) to a file path under the sample root, or None."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    query = parse_qs(parts.query)
    if path == "/board/list.html":
        page = query.get("page", ["1"])[0]
        return f"board/list-{page}.html" if page.isdigit() else None
    if path == "/board/view.html":
        ident = query.get("id", [""])[0]
        return f"board/view-{ident}.html" if ident.isdigit() else None
    rel = path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    if ".." in rel.split("/") or posixpath.normpath(rel) != rel.rstrip("/"):
        return None
    return rel


def content_type(rel: str) -> str:
    """The Content-Type header for a file path under the sample root."""
    if rel.startswith("board/") and rel.endswith(".html"):
        return "text/html; charset=euc-kr" if rel in BOARD_HEADER_CHARSET else "text/html"
    if rel.endswith(".html"):
        return "text/html; charset=utf-8"
    if rel.endswith("rss.xml"):
        return "application/rss+xml; charset=utf-8"
    if rel.endswith(".xml"):
        return "application/xml; charset=utf-8"
    if rel.endswith(".txt"):
        return "text/plain; charset=utf-8"
    return "application/octet-stream"


class SampleSite:
    """The three sample sites behind one ThreadingHTTPServer on an ephemeral 127.0.0.1 port."""

    def __init__(self, root: Path = SAMPLE_ROOT, port: int = 0) -> None:
        self._root = root
        self._port = port
        self._lock = threading.Lock()
        self._requests: list[str] = []
        self._overrides: dict[str, _Page] = {}
        self._removed: set[str] = set()
        self._statuses: list[tuple[str, int]] = []
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        """Listen on the requested port, or on an ephemeral one when that port is taken."""
        try:
            server = _Server(("127.0.0.1", self._port), _Handler)
        except OSError:
            if not self._port:
                raise
            server = _Server(("127.0.0.1", 0), _Handler)
        server.site = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="sample-site", daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("SampleSite is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[str]:
        """Every request target (path and query) received so far, in order; a copy."""
        with self._lock:
            return list(self._requests)

    def override(self, target: str, body: bytes | None) -> None:
        """Serve `body` for `target` (e.g. "/board/view.html?id=1001") instead of its file; None restores it."""
        rel = resolve_target(target)
        if rel is None:
            raise ValueError(f"not a sample path: {target}")
        with self._lock:
            self._removed.discard(rel)
            if body is None:
                self._overrides.pop(rel, None)
                return
            # Always newer than what was served before, so If-Modified-Since sees the edit.
            previous = self._overrides.get(rel) or self._read_file(rel)
            floor = previous.last_modified + 1 if previous else 0.0
            self._overrides[rel] = _Page(body, max(float(math.ceil(time.time())), floor))

    def remove(self, target: str) -> None:
        """Answer 404 for ``target`` from now on (a page taken down); ``override`` brings it back."""
        rel = resolve_target(target)
        if rel is None:
            raise ValueError(f"not a sample path: {target}")
        with self._lock:
            self._removed.add(rel)

    @property
    def statuses(self) -> list[tuple[str, int]]:
        """(request target, HTTP status) of every response so far, in order; a copy."""
        with self._lock:
            return list(self._statuses)

    def _record_status(self, target: str, status: int) -> None:
        with self._lock:
            self._statuses.append((target, status))

    def _record(self, target: str) -> None:
        with self._lock:
            self._requests.append(target)

    def _page(self, rel: str) -> _Page | None:
        with self._lock:
            if rel in self._removed:
                return None
            page = self._overrides.get(rel)
        page = page or self._read_file(rel)
        if page is not None and rel.endswith(".xml"):
            page = _Page(page.body.replace(b"{{BASE}}", self.base_url.encode()), page.last_modified)
        return page

    def _read_file(self, rel: str) -> _Page | None:
        path = self._root / rel
        if not path.is_file():
            return None
        return _Page(path.read_bytes(), float(int(path.stat().st_mtime)))

    def _is_dir(self, rel: str) -> bool:
        return (self._root / rel).is_dir()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: SampleSite

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-response is routine for a crawler; anything else is a bug to see.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10  # closes idle keep-alive connections so threads do not outlive the server for long
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # stdlib signature
        """Quiet: the tests read SampleSite.requests instead."""

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        site = self.server.site
        site._record(self.path)
        rel = resolve_target(self.path)
        page = site._page(rel) if rel is not None else None
        if rel is not None and page is None and site._is_dir(rel):
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", {"Location": "/" + rel + "/"}, send_body)
            return
        if rel is None or page is None:
            self._send(HTTPStatus.NOT_FOUND, b"<h1>404 Not Found</h1>", "text/html", {}, send_body)
            return
        headers: dict[str, str] = {}
        if rel.startswith(ARTICLE_PREFIXES):
            etag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'
            headers = {"ETag": etag, "Last-Modified": formatdate(page.last_modified, usegmt=True)}
            if self._not_modified(etag, page.last_modified):
                self._send(HTTPStatus.NOT_MODIFIED, b"", None, headers, send_body)
                return
        self._send(HTTPStatus.OK, page.body, content_type(rel), headers, send_body)

    def _not_modified(self, etag: str, last_modified: float) -> bool:
        # RFC 9110 13.2.2: If-None-Match, when present, decides; If-Modified-Since is ignored then.
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
            return "*" in tags or etag in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError):
            return False
        return last_modified <= since

    def _send(
        self, status: HTTPStatus, body: bytes, ctype: str | None, headers: dict[str, str], send_body: bool
    ) -> None:
        self.server.site._record_status(self.path, int(status))
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and status != HTTPStatus.NOT_MODIFIED:
            self.wfile.write(body)
