"""Our crawls resolve through Scrapy's caching resolver (crawler/dns.py): the private-address
guard and the connection read one answer, and a pass over the sources starts with an empty cache.
Run in a fresh interpreter: the reactor is process-wide and cannot restart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from crawler.reactor import run_on_reactor

async def probe():
    from scrapy.resolver import CachingThreadedResolver, dnscache
    from twisted.internet import reactor
    from crawler.dns import fresh_caching_resolver
    from crawler.guard import resolve_with_reactor
    before = type(reactor.resolver).__name__
    first = fresh_caching_resolver({"DNS_TIMEOUT": 7})
    address = await resolve_with_reactor("localhost")
    cached = dnscache.get("localhost")
    again = fresh_caching_resolver({})
    return {"before": before, "first": first, "again": again, "address": address, "cached": cached,
            "after_pass": "localhost" in dnscache, "timeout": reactor.resolver.timeout,
            "caching": isinstance(reactor.resolver, CachingThreadedResolver)}

print(json.dumps(run_on_reactor(probe)))
"""


def test_the_crawl_reactor_resolves_through_scrapys_cache_emptied_each_pass() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, check=True, capture_output=True, text=True)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["before"] != "CachingThreadedResolver"  # what a reactor we start has by itself
    assert found["first"] is True and found["again"] is False and found["caching"] is True
    assert found["timeout"] == 7
    assert found["address"] == "127.0.0.1" and found["cached"] == "127.0.0.1"  # the guard's answer, kept
    assert found["after_pass"] is False  # the next pass looks it up again


PASS = """
import json, sys
from config.schema import Config
from crawler.reactor import run_on_reactor
from crawler.read_pool import PageReader
from crawler.runner import SourceCrawler
from store.db import make_engine, upgrade_schema

engine = make_engine(f"sqlite:///{sys.argv[1]}/db.sqlite")
upgrade_schema(engine)
crawler = SourceCrawler(Config.model_validate({"database": "sqlite://"}), engine, reader=PageReader(0))

async def one_pass():
    from twisted.internet import reactor
    await crawler.crawl_sources([])
    return type(reactor.resolver).__name__

print(json.dumps(run_on_reactor(one_pass)))
"""


def test_a_pass_over_the_sources_installs_the_caching_resolver(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", PASS, str(tmp_path)], cwd=ROOT, check=True, capture_output=True, text=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == "CachingThreadedResolver"
