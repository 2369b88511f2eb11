"""The daemon crawls and then mails the digest of what it found to a real SMTP server."""

from __future__ import annotations

import email
from collections.abc import Callable
from email.header import decode_header, make_header
from email.message import Message
from pathlib import Path

from aiosmtpd.controller import Controller

from demo.site import SampleSite
from tests.digest.conftest import Sink, free_port
from tests.scheduling.conftest import DaemonProcess, fast_config, write_config

Start = Callable[..., DaemonProcess]


def test_daemon_sends_the_digest_once_per_period(site: SampleSite, tmp_path: Path, daemons: Start) -> None:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        database = f"sqlite:///{tmp_path}/bw.sqlite"
        data = fast_config(site.base_url, database, every="every 1 hours")
        # a period ends every 4 seconds: the first digest after the first crawls has their news
        data["digest"] = {"schedule": "every 4 seconds", "to": ["desk@example.kr"], "from": "bw@example.kr",
                          "smtp": {"host": "127.0.0.1", "port": port, "security": "none"}}  # fmt: skip
        config = write_config(tmp_path / "c.yaml", data)
        daemon = daemons(config)
        for name in ("bitgoeul-news", "naju-press", "solmoe-news"):
            daemon.wait_event("crawl_done", source=name, timeout=40)
        # the crawls may straddle a period's end: wait for two more periods to be mailed after them
        mailed = len(sink.messages)
        daemon.wait_for(lambda: len(sink.messages) >= mailed + 2, timeout=40)
        assert daemon.stop() == 0, daemon.log()
    finally:
        controller.stop()
    messages = [email.message_from_bytes(raw) for raw in sink.messages]
    ids = [m["Message-ID"] for m in messages]
    assert len(ids) == len(set(ids))  # one message per period, never the same period twice
    rich = [m for m, raw in zip(messages, sink.messages, strict=True) if "새 소식 없음" not in _subject(raw)]
    assert rich, [_subject(raw) for raw in sink.messages]
    texts = [_part(m, "text/plain") for m in rich]
    # a source's first crawl is its backlog: recorded and counted in exactly one digest, never announced
    import re

    counted = [int(n) for t in texts for n in re.findall(r"이전 기사 (\d+)건은 저장만", t)]
    assert counted and sum(counted) >= 3, texts
    for path in ("/board/view.html?id=1004", "/news/articles/581201.html", "/county/news/2026-budget-draft.html"):
        assert sum(site.base_url + path in t for t in texts) == 0, path


def _subject(raw: bytes) -> str:
    return str(make_header(decode_header(email.message_from_bytes(raw)["Subject"])))


def _part(message: Message, content_type: str) -> str:
    for part in message.walk():
        if part.get_content_type() == content_type:
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no {content_type} part")
