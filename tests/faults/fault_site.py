"""The fault site of the crawl-fault tests: a source per fault, what each serves when healthy,
broken and fixed, and how a crawl's outcome is read back from the database."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import make_engine
from store.models import Article, CrawlRun, Source
from tests.faults.server import (
    Behaviour,
    FaultHandler,
    FaultServer,
    article_html,
    cut,
    gzip_bomb,
    huge,
    huge_unannounced,
    page,
    redirect,
    reset,
    rss,
    sitemap,
    slow,
    status,
    truncated,
)

TIMEOUT_S = 1.0  # the slow sources' fetch timeout: their slow page sleeps past it
SLOW_PAGE_S = 30  # how long the slow page sleeps before it answers
# Every other source's: its pages answer at once, but on a loaded machine (the suite runs on
# several workers) a good page can take more than a second to be fetched and read.
PATIENT_TIMEOUT_S = 15.0
MAX_BYTES = 256 * 1024
CRAWL_LIMIT_S = 45.0  # the broken crawl (every source at once) must end well within this
BODY = "군은 올해 도로 정비 사업에 예산 12억원을 편성했다고 밝혔다. 사업은 연말까지 마무리된다."
FIXED_TITLE = "고친 기사"


@dataclass
class Fault:
    """A source of the fault site: how it breaks, and what its tests expect."""

    name: str
    kind: str = "rss"
    breaks: Callable[[FaultSite], dict[str, Behaviour]] = lambda site: {}
    extra: dict[str, Any] = field(default_factory=dict)


def good(title: str) -> Behaviour:
    return page(article_html(title, BODY))


class FaultSite:
    def __init__(self, server: FaultServer) -> None:
        self.server = server
        self.base = server.base_url

    def url(self, fault: str, path: str) -> str:
        return f"{self.base}/{fault}/{path}"

    def healthy(self, fault: Fault) -> None:
        self._index(fault, ["good.html"])
        self.server.route(f"/{fault.name}/good.html", good(f"{fault.name} 좋은 기사"))

    def broken(self, fault: Fault) -> None:
        self._index(fault, ["good.html", "bad.html"])
        for path, behaviour in fault.breaks(self).items():
            self.server.route(path if path.startswith("/") else f"/{fault.name}/{path}", behaviour)

    def fixed(self, fault: Fault) -> None:
        self._index(fault, ["good.html", "bad.html"])
        self.server.route(f"/{fault.name}/bad.html", good(FIXED_TITLE))

    def _index(self, fault: Fault, pages: list[str]) -> None:
        urls = [self.url(fault.name, p) for p in pages]
        if fault.kind == "sitemap" and fault.extra.get("url", "").endswith(".gz"):  # a sitemap.xml.gz
            self.server.route(
                f"/{fault.name}/feed.xml.gz", page(gzip.compress(sitemap(urls).encode()), "application/x-gzip")
            )
        elif fault.kind == "sitemap":
            self.server.route(f"/{fault.name}/feed.xml", page(sitemap(urls), "application/xml"))
        elif fault.kind == "listing":
            links = "".join(f'<li><a class="t" href="{u}">{p} 제목</a></li>' for u, p in zip(urls, pages, strict=True))
            self.server.route(f"/{fault.name}/feed.xml", page(f"<html><body><ul>{links}</ul></body></html>"))
        else:
            items = [(u, f"{fault.name} {p}") for u, p in zip(urls, pages, strict=True)]
            self.server.route(f"/{fault.name}/feed.xml", page(rss(items), "application/rss+xml"))


def endless_pages(site: FaultSite) -> Behaviour:
    """Every list page has one new article and a next link: a pager that never ends."""

    def answer(h: FaultHandler) -> None:
        n = int(h.path.rsplit("=", 1)[1]) if "=" in h.path else 1
        html = (
            f'<html><body><ul><li><a class="t" href="/endless/a.html?id={n}">기사 {n}</a></li></ul>'
            f'<a class="next" href="/endless/feed.xml?page={n + 1}">다음</a></body></html>'
        )
        page(html)(h)

    return answer


def endless_redirects(h: FaultHandler) -> None:
    n = int(h.path.rsplit("=", 1)[1]) if "=" in h.path else 0
    redirect(f"/redirect_chain/bad.html?hop={n + 1}")(h)


def mislabeled(charset: str, real: str) -> Behaviour:
    html = article_html("예산 편성 발표", BODY, charset=charset).encode(real)
    return page(html, f"text/html; charset={charset}")


FAULTS = [
    Fault("slow", breaks=lambda s: {"bad.html": slow(SLOW_PAGE_S, good("늦은 기사"))}),
    Fault("http_500", breaks=lambda s: {"bad.html": status(500)}),
    Fault("http_503", breaks=lambda s: {"bad.html": status(503, **{"Retry-After": "1"})}),
    Fault("reset", breaks=lambda s: {"bad.html": reset()}),
    Fault("truncated", breaks=lambda s: {"bad.html": truncated(b"<html><body><h1>half", 10_000)}),
    # a size test, not a timeout test: a loaded CI machine must not hit the 1 s timeout first
    Fault("big", breaks=lambda s: {"bad.html": huge(20 * 1024 * 1024)}, extra={"timeout": 15}),
    Fault("gzip_bomb", breaks=lambda s: {"bad.html": gzip_bomb(64 * 1024 * 1024)}),
    # the half page of a connection cut without Content-Length is not an article (issue 16)
    Fault("cut_unannounced", breaks=lambda s: {"bad.html": cut(article_html("잘린 기사", BODY).encode()[:150])}),
    Fault(
        "cut_chunked", breaks=lambda s: {"bad.html": cut(article_html("잘린 기사", BODY).encode()[:150], chunked=True)}
    ),
    Fault("big_unannounced", breaks=lambda s: {"bad.html": huge_unannounced(20 * 1024 * 1024)}, extra={"timeout": 15}),
    Fault("redirect_file", breaks=lambda s: {"bad.html": redirect("file:///etc/passwd")}),
    Fault("redirect_ftp", breaks=lambda s: {"bad.html": redirect(f"ftp://127.0.0.1:{s.server.port}/bad.html")}),
    Fault(
        "redirect_loop",
        breaks=lambda s: {"bad.html": redirect("/redirect_loop/b.html"), "b.html": redirect("/redirect_loop/bad.html")},
    ),  # fmt: skip
    Fault("redirect_chain", breaks=lambda s: {"bad.html": endless_redirects}),
    Fault("redirect_host", breaks=lambda s: {"bad.html": redirect(f"http://127.0.0.2:{s.server.port}/x.html")}),
    Fault(
        "bad_bytes",
        breaks=lambda s: {
            "bad.html": page(article_html("깨진 바이트", BODY).encode().replace("도로".encode(), b"\xff\xfe\xc3"))
        },
    ),  # fmt: skip
    Fault("euckr_is_utf8", breaks=lambda s: {"bad.html": mislabeled("euc-kr", "utf-8")}),
    Fault("utf8_is_euckr", breaks=lambda s: {"bad.html": mislabeled("utf-8", "cp949")}),
    Fault("koi8r_is_cp949", breaks=lambda s: {"bad.html": mislabeled("koi8-r", "cp949")}),
    Fault("no_body", breaks=lambda s: {"bad.html": page("<html><head></head></html>")}),
    Fault("empty_page", breaks=lambda s: {"bad.html": page(b"")}),
    Fault("robots", breaks=lambda s: {}),
    Fault("feed_503", breaks=lambda s: {"feed.xml": status(503, **{"Retry-After": "1"})}),
    Fault("feed_reset", breaks=lambda s: {"feed.xml": reset()}),
    Fault("feed_slow", breaks=lambda s: {"feed.xml": slow(30, status(200))}),
    Fault(
        "malformed_rss",
        breaks=lambda s: {"feed.xml": page(b"<rss><channel><item><title>x</ti\x00<<<", "application/rss+xml")},
    ),
    Fault(
        "malformed_sitemap",
        kind="sitemap",
        breaks=lambda s: {"feed.xml": page(b"<urlset><url><loc>", "application/xml")},
    ),
    Fault(
        "gzip_bomb_sitemap",
        kind="sitemap",
        breaks=lambda s: {"feed.xml": page(gzip.compress(b" " * (64 * 1024 * 1024)), "application/x-gzip")},
    ),  # fmt: skip
    Fault(  # read, not rejected (issue 16)
        "sitemap_gz", kind="sitemap", breaks=lambda s: {"bad.html": good("둘째 기사")}, extra={"url": "feed.xml.gz"}
    ),
    Fault(
        "huge_feed",
        breaks=lambda s: {
            "feed.xml": page(
                rss([(f"/huge_feed/a.html?id={i}", f"기사 {i}") for i in range(10_000)]), "application/rss+xml"
            )
        },
        extra={"max_articles": 5, "max_bytes": 2 * 1024 * 1024},
    ),  # fmt: skip
    Fault(
        "endless",
        kind="listing",
        breaks=lambda s: {"feed.xml": endless_pages(s)},
        extra={"max_pages": 4, "next_page": "a.next"},
    ),  # fmt: skip
]
BY_NAME = {f.name: f for f in FAULTS}


def source_entry(site: FaultSite, fault: Fault) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": fault.name,
        "org": "시험군",
        "kind": fault.kind,
        "url": site.url(fault.name, "feed.xml"),
        "allow_private": True,
        "delay": 0,
        "timeout": TIMEOUT_S if "slow" in fault.name else PATIENT_TIMEOUT_S,
        "max_bytes": MAX_BYTES,
        "recheck": {"every_crawl_days": 0, "daily_days": 0},
        **fault.extra,
    }
    entry["url"] = site.url(fault.name, fault.extra.get("url", "feed.xml"))
    if fault.kind == "listing":
        entry["links"] = "a.t"
    return entry


@dataclass
class Crawl:
    stdout: str
    seconds: float
    requests: list[str]


@dataclass
class Outcome:
    """The three crawls of the fault site."""

    site: FaultSite
    database: str
    healthy: Crawl
    broken: Crawl
    fixed: Crawl
    titles_after_broken: dict[str, set[str]]

    def run(self, fault: str, nth: int) -> CrawlRun:
        engine = make_engine(self.database)
        with Session(engine) as session:
            runs = session.scalars(
                select(CrawlRun).join(Source).where(Source.name == fault).order_by(CrawlRun.id)
            ).all()
            session.expunge_all()
        engine.dispose()
        return runs[nth]

    def titles(self, fault: str) -> set[str]:
        return stored_titles(self.database)[fault]


def stored_titles(database: str) -> dict[str, set[str]]:
    engine = make_engine(database)
    with Session(engine) as session:
        found: dict[str, set[str]] = {}
        for name, title in session.execute(select(Source.name, Article.title).join(Article)):
            found.setdefault(name, set()).add(title)
    engine.dispose()
    return found


# A race inside Twisted, seen once in CI under load: a timed call fires a download Deferred that
# has just fired (the crawl itself goes on and records the fault). It is logged, not raised, and
# no frame of ours is in it; every other traceback still fails the test.
TWISTED_TIMER_RACE = re.compile(
    r"while handling timed call\nTraceback \(most recent call last\):\n(?:  .*\n)*?"
    r"twisted\.internet\.defer\.AlreadyCalledError: ?\n"
)


def our_errors(stderr: str) -> str:
    return TWISTED_TIMER_RACE.sub("", stderr)
