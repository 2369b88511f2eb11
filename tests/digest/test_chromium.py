"""The HTML part rendered by headless Chromium (Debian's `chromium`): the text a reader sees, no
network requests, and a screenshot kept as a test artifact.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: fd 3 in, fd 4
out, NUL-separated JSON), so the test needs no websocket library.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from digest.preview import write_demo_digest

from .conftest import DIGEST_TIME, digest_config, record_text

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / ".artifacts" / "digest"
TIMEOUT_S = 60


class DevTools:
    def __init__(self, proc: subprocess.Popen[bytes], to_browser: int, from_browser: int) -> None:
        self.proc, self.to_browser, self.from_browser = proc, to_browser, from_browser
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.from_browser], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError(f"chromium closed the pipe (exit {self.proc.poll()})")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        request: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            request["sessionId"] = session
        os.write(self.to_browser, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message["result"]
                return result
            self.events.append(message)

    def wait_event(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            for event in self.events:
                if event.get("method") == method:
                    self.events.remove(event)
                    return event
            self.events.append(self._read_message(deadline))


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[DevTools]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    child_in, to_browser = os.pipe()
    from_browser, child_out = os.pipe()

    def wire_pipes() -> None:  # the DevTools pipe is fds 3 and 4 in the child
        high_in, high_out = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (child_in, child_out))
        os.dup2(high_in, 3)  # dup2 clears close-on-exec, so both survive into chromium
        os.dup2(high_out, 4)

    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--remote-debugging-pipe", "--no-first-run", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=900,1200", "about:blank"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=wire_pipes, close_fds=False,
    )  # fmt: skip
    os.close(child_in)
    os.close(child_out)
    try:
        yield DevTools(proc, to_browser, from_browser)
    finally:
        try:
            os.write(to_browser, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
        except OSError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(to_browser)
        os.close(from_browser)


def open_page(chromium: DevTools, page: Path, width: int) -> str:
    """A new tab of ``width`` CSS pixels (a phone is about 400) showing ``page``; its session id."""
    target = chromium.call("Target.createTarget", url="about:blank")["targetId"]
    session = str(chromium.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"])
    chromium.call("Page.enable", session)
    chromium.call("Network.enable", session)
    chromium.call("Emulation.setDeviceMetricsOverride", session, width=width, height=800, deviceScaleFactor=1,
                  mobile=width < 600)  # fmt: skip
    chromium.call("Page.navigate", session, url=page.as_uri())
    chromium.wait_event("Page.loadEventFired")
    return session


def evaluate(chromium: DevTools, session: str, expression: str) -> Any:
    return chromium.call("Runtime.evaluate", session, expression=expression, returnByValue=True)["result"]["value"]


def screenshot(chromium: DevTools, session: str, name: str) -> bytes:
    shot = chromium.call("Page.captureScreenshot", session, format="png", captureBeyondViewport=True)
    png = base64.b64decode(shot["data"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(png)
    return png


@pytest.mark.parametrize("width", [400, 1000])
def test_html_part_renders_in_chromium(
    engine: Engine, seed_text: str, chromium: DevTools, tmp_path: Path, width: int
) -> None:
    record_text(engine, seed_text, title="<script>alert(1)</script> 광주 예산", url="https://news1.example.kr/1")
    page = write_demo_digest(digest_config(25), engine, tmp_path / "digest.html", now=DIGEST_TIME)
    session = open_page(chromium, page, width)

    seen = str(evaluate(chromium, session, "document.body.innerText"))
    # the article once, with its date, headline and its largest figures; the rest counted
    for expected in ("새 기사 1건", "광주광역시", "2020-11-27", "<script>alert(1)</script> 광주 예산", "6조2,817억원",
                     "1,324억원", "외 ", "budget-figures.csv"):  # fmt: skip
        assert expected in seen, expected
    hover = evaluate(
        chromium, session, "[...document.querySelectorAll('b[title]')].map(s => s.title + '=' + s.innerText)"
    )
    assert "6,281,700,000,000 KRW=6조2,817억원" in hover
    assert evaluate(chromium, session, "document.scripts.length") == 0
    # nothing wider than the screen: no sideways scrolling on a phone
    assert evaluate(chromium, session, "document.documentElement.scrollWidth") <= width
    requested = [
        e["params"]["request"]["url"] for e in chromium.events if e.get("method") == "Network.requestWillBeSent"
    ]
    assert all(url.startswith("file://") for url in requested), requested  # no remote images or fonts
    png = screenshot(chromium, session, f"digest-chromium-{width}.png")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


PHONE_SCREEN = 844  # CSS pixels of a common phone's viewport height (390-430 px wide)


def test_a_typical_day_fits_two_phone_screens(chromium: DevTools, tmp_path: Path) -> None:
    """20 new articles, each with three figures and more behind "외 N건", one changed amount."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from digest.compose import compose
    from digest.render import render_digest
    from store.digest_queries import AmountChangeRow, ArticleInfo, FigureRow, NewArticleRow, PeriodRows

    zone = ZoneInfo("Asia/Seoul")
    end = datetime(2026, 3, 4, 22, tzinfo=UTC)
    orgs = ("광주광역시", "광주 서구", "전라남도", "나주시", "담양군")
    projects = (
        "도시철도 2호선 건설",
        "광주천 생태하천 복원",
        "청년 일자리 지원",
        "공공도서관 건립",
        "경로당 냉난방 개선",
    )

    def info(n: int) -> ArticleInfo:
        return ArticleInfo(n, f"{orgs[n % 5]}, {projects[n % 5]} 등 2027년 예산 편성 발표 ({n})",
                           f"https://news.example.kr/{n}", "metro", "광주광역시", end - timedelta(hours=n), end)  # fmt: skip

    rows = [
        NewArticleRow(
            info(n),
            n,
            tuple(
                FigureRow(
                    10**9 * (k + 1) * (n + 3),
                    "KRW",
                    "",
                    projects[(n + k) % 5],
                    projects[(n + k) % 5],
                    "allocation",
                    2027,
                    orgs[n % 5],
                    "편성",
                )
                for k in range(6)
            ),
            None,
        )  # fmt: skip
        for n in range(20)
    ]
    change = AmountChangeRow("amount_changed", "광주광역시", "예산 총규모", "예산 총규모", 2027, 7_682_300_000_000,
                             7_650_000_000_000, "KRW", "decrease", "same organisation", info(1), info(2), False)  # fmt: skip
    digest = compose(PeriodRows(end - timedelta(days=1), end, tuple(rows), (change,), (), ()), zone)
    page = tmp_path / "day.html"
    page.write_text(render_digest(digest, zone, prefix="[budgetwatch]").html, encoding="utf-8")
    session = open_page(chromium, page, 400)
    assert evaluate(chromium, session, "document.documentElement.scrollWidth") <= 400
    height = int(evaluate(chromium, session, "document.documentElement.scrollHeight"))
    screenshot(chromium, session, "digest-20-articles-400.png")
    (ARTIFACTS / "digest-20-articles-400.height.txt").write_text(f"{height}\n")
    assert height <= 2 * PHONE_SCREEN, height
