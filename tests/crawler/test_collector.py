"""A crawl process freezes what start-up built, once, and collects less often (crawler/collector.py).
Run in a fresh interpreter: freezing is process-wide and would change the test process itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, json, os
from crawler.collector import THRESHOLDS, settle_collector
before = gc.get_freeze_count()
first, again = settle_collector(), settle_collector()
frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
read, write = os.pipe()
pid = os.fork()
if pid == 0:  # a forked child settles its own collector once
    os.write(write, json.dumps([settle_collector(), settle_collector()]).encode())
    os._exit(0)
os.waitpid(pid, 0)
child = json.loads(os.read(read, 100))
print(json.dumps({"before": before, "first": first, "again": again, "frozen": frozen,
                  "threshold": list(threshold), "wanted": list(THRESHOLDS), "child": child}))
"""


def test_settle_collector_freezes_start_up_once_per_process() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, check=True, capture_output=True, text=True)
    found = json.loads(out.stdout)
    assert found["before"] == 0
    assert found["first"] is True and found["again"] is False
    assert found["frozen"] > 1000  # the interpreter's and the imports' objects
    assert found["threshold"] == found["wanted"]
    assert found["child"] == [True, False]


def test_a_crawl_process_settles_its_collector_when_its_crawler_is_made() -> None:
    probe = (
        "import gc, json\n"
        "from config.schema import Config\n"
        "from crawler.runner import SourceCrawler\n"
        "from store.db import make_engine\n"
        "from crawler.read_pool import PageReader\n"
        "SourceCrawler(Config.model_validate({'database': 'sqlite://'}), make_engine('sqlite://'), reader=PageReader(0))\n"
        "print(json.dumps(gc.get_freeze_count()))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) > 1000
