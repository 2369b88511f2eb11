"""A misbehaving web server on 127.0.0.1 for the fault tests: every fault of issue 9 on demand.

Routes map a path (or an absolute URL, when the server is used as an HTTP proxy) to a behaviour,
a function that answers one request however it likes: slowly, wrongly, with a reset socket or a
lying Content-Length. Tests swap behaviours between crawls to store a good site and then break it.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

Behaviour = Callable[["FaultHandler"], None]


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultHTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass

    def _serve(self) -> None:
        target = self.path
        parts = urlsplit(target)
        keys = [target, parts.path + (f"?{parts.query}" if parts.query else ""), parts.path]
        with self.server.lock:
            self.server.requests.append(target)
            self.server.arrivals.append((time.monotonic(), target))
            behaviour = next((self.server.routes[k] for k in keys if k in self.server.routes), None)
        if behaviour is None:
            behaviour = status(404)
        try:
            behaviour(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler gave up on us first (a timeout or a size limit): that is the point

    do_GET = do_POST = do_HEAD = _serve

    def send_body(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class FaultHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Behaviour]
    requests: list[str]
    arrivals: list[tuple[float, str]]  # (time.monotonic(), target) of each request, in order
    lock: threading.Lock
    closing: threading.Event

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on a misbehaving page is what these tests do


class FaultServer:
    """``with FaultServer() as site: site.route("/x", page(...))``; ``site.requests`` lists targets."""

    def __init__(self) -> None:
        self.httpd = FaultHTTPServer(("127.0.0.1", 0), FaultHandler)
        self.httpd.routes = {}
        self.httpd.requests = []
        self.httpd.arrivals = []
        self.httpd.lock = threading.Lock()
        self.httpd.closing = threading.Event()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[str]:
        with self.httpd.lock:
            return list(self.httpd.requests)

    def arrivals(self, target: str) -> list[float]:
        """When each request for target arrived (time.monotonic())."""
        with self.httpd.lock:
            return [at for at, t in self.httpd.arrivals if t == target]

    def route(self, path: str, behaviour: Behaviour) -> None:
        with self.httpd.lock:
            self.httpd.routes[path] = behaviour

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.httpd.closing.set()  # wakes the slow handlers
        self.httpd.shutdown()
        self.httpd.server_close()


# -- behaviours ---------------------------------------------------------------------------------
HTML = "text/html; charset=utf-8"


def page(body: bytes | str, content_type: str = HTML, code: int = 200, **headers: str) -> Behaviour:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def answer(h: FaultHandler) -> None:
        h.send_body(code, data, {"Content-Type": content_type, **headers})

    return answer


def status(code: int, **headers: str) -> Behaviour:
    return page(f"<html><body><p>error {code}</p></body></html>", code=code, **headers)


def slow(seconds: float, then: Behaviour) -> Behaviour:
    """Answer after ``seconds`` (past the crawler's timeout), or never if the server closes first."""

    def answer(h: FaultHandler) -> None:
        if not h.server.closing.wait(seconds):
            then(h)

    return answer


def reset() -> Behaviour:
    """Read the request, then reset the connection (RST, not a clean close)."""

    def answer(h: FaultHandler) -> None:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.close_connection = True
        h.connection.close()

    return answer


def truncated(body: bytes, claimed: int) -> Behaviour:
    """Promise ``claimed`` bytes, send ``body`` (fewer), close."""

    def answer(h: FaultHandler) -> None:
        h.send_body(200, body, {"Content-Type": HTML, "Content-Length": str(claimed), "Connection": "close"})
        h.wfile.flush()
        h.close_connection = True

    return answer


def cut(body: bytes, *, chunked: bool = False) -> Behaviour:
    """Announce no length (close-delimited, or chunked), send part of a page, close the connection
    cleanly: what a server or proxy dying mid-transfer looks like."""

    def answer(h: FaultHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        if chunked:
            h.send_header("Transfer-Encoding", "chunked")
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(f"{len(body):x}\r\n".encode() + body + b"\r\n" if chunked else body)
        h.wfile.flush()
        h.close_connection = True

    return answer


def huge_unannounced(size: int) -> Behaviour:
    """A ``size``-byte page without Content-Length (close-delimited), written in chunks."""

    def answer(h: FaultHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"<p>" + b"x" * 65_529 + b"</p>\n"
        sent = 0
        while sent < size and not h.server.closing.is_set():
            h.wfile.write(chunk)
            sent += len(chunk)
        h.close_connection = True

    return answer


def redirect(location: str, code: int = 302) -> Behaviour:
    return page(b"", code=code, Location=location)


def huge(size: int) -> Behaviour:
    """A ``size``-byte HTML page, written in chunks (no 20 MB string in memory)."""

    def answer(h: FaultHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", str(size))
        h.end_headers()
        chunk = b"<p>" + b"x" * 65_529 + b"</p>\n"  # 64 KiB
        sent = 0
        while sent < size and not h.server.closing.is_set():
            piece = chunk[: size - sent]
            h.wfile.write(piece)
            sent += len(piece)

    return answer


def gzip_bomb(expanded: int) -> Behaviour:
    """A small gzip body that inflates to ``expanded`` bytes of zeros-like HTML."""
    body = gzip.compress(b"<html><body>" + b" " * expanded + b"</body></html>", compresslevel=9)

    def answer(h: FaultHandler) -> None:
        h.send_body(200, body, {"Content-Type": HTML, "Content-Encoding": "gzip"})

    return answer


# -- content ------------------------------------------------------------------------------------
def article_html(title: str, body: str, charset: str = "utf-8") -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{u}</link></item>" for u, t in items)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>f</title>{entries}</channel></rss>'
    )


def sitemap(urls: list[str]) -> str:
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
