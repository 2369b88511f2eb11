"""Render a Digest as a subject line, a plain-text part and an HTML part (Jinja2 templates)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from digest.compose import Digest

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    item_count: int
    csv: str = ""  # every figure of the listed articles, attached as budget-figures.csv


def http_url(url: str) -> str:
    """Links only to web pages: a crawled href of "javascript:..." must not become a live link."""
    return url if url.lower().startswith(("http://", "https://")) else "#"


def _environment() -> Environment:
    # Every value in the HTML template is escaped: article titles and diffs are text from other
    # people's pages, and "<script>" in a title must show as text.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["http_url"] = http_url
    return env


_ENV = _environment()


def digest_subject(digest: Digest, zone: ZoneInfo, prefix: str) -> str:
    day = digest.end.astimezone(zone).strftime("%Y-%m-%d")
    if digest.is_empty:
        return f"{prefix} {day} 예산 소식: 새 소식 없음".strip()
    counts = []
    if digest.amount_changes:
        counts.append(f"금액 변경 {len(digest.amount_changes)}건")
    if digest.story_count:
        counts.append(f"새 기사 {digest.story_count}건")
    if digest.revisions:
        counts.append(f"수정 {len(digest.revisions)}건")
    if digest.health:
        counts.append(f"수집 문제 {len(digest.health)}곳")
    if digest.backlog and not counts:
        counts.append(f"이전 기사 {digest.backlog_count}건 저장")
    return f"{prefix} {day} 예산 소식: {', '.join(counts)}".strip()


def render_digest(digest: Digest, zone: ZoneInfo, *, prefix: str, unsubscribe_url: str | None = None) -> Rendered:
    """The three texts of the message; the same digest always renders the same bytes."""
    fmt = "%Y-%m-%d %H:%M"
    values = {
        "digest": digest,
        "subject": digest_subject(digest, zone, prefix),
        "start": digest.start.astimezone(zone).strftime(fmt),
        "end": digest.end.astimezone(zone).strftime(fmt),
        "zone": str(zone),
        "unsubscribe_url": unsubscribe_url,
    }
    return Rendered(
        subject=str(values["subject"]),
        text=_ENV.get_template("digest.txt.j2").render(values),
        html=_ENV.get_template("digest.html.j2").render(values),
        item_count=digest.item_count,
        csv=digest.csv,
    )
