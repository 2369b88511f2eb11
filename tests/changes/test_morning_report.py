"""What a reader receives, end to end: three real crawls (Scrapy, the CLI, SQLite) of a metropolitan
paper served on 127.0.0.1, then the digest of each crawl and the change log, against what was
written by hand. Fails on any false amount change, any figure under the wrong organisation, any
wrong date and any true change missed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from changes.naming import org_key
from digest.build import build_digest
from digest.render import render_digest
from store.db import make_engine
from store.models import Article, ArticleVersion, Change, Statement
from tests.forked_cli import run_cli

from .metro_site import MetroSite

ROOT = Path(__file__).resolve().parents[2]
KST = ZoneInfo("Asia/Seoul")

# Every figure the paper prints, and whose it is (organisation keys: 광주 = 광주광역시).
OWNER = {
    7_682_300_000_000: "광주", 7_650_000_000_000: "광주", 32_300_000_000: "광주", 132_400_000_000: "광주",
    21_000_000_000: "광주", 7_100_000_000_000: "광주",
    1_471_000_000_000: "광주서구", 3_500_000_000: "광주서구", 1_520_000_000_000: "광주서구", 49_000_000_000: "광주서구",
    9_214_800_000_000: "전남", 10_300_000_000_000: "전남", 87_000_000_000: "전남", 10_900_000_000_000: "전남",
    620_000_000_000: "담양군", 4_500_000_000: "담양군",
    63_000_000_000: "나주", 12_000_000_000: "나주", 15_000_000_000: "나주",
}  # fmt: skip

# The change log's amount events, written by hand: (crawl, kind, summary).
EXPECTED_CHANGES = [
    (2, "amount_changed", "광주광역시 예산 총규모 2027: 7조6,823억원 -> 7조6,500억원 (삭감)"),
    (3, "stage_changed", "광주 서구 2027 본예산 1조4,710억원 -> 제1회 추가경정예산 1조5,200억원 (추경)"),
    (3, "amount_changed", "나주시 빛가람 혁신도시 공동주택 건립 2027: 120억원 -> 150억원 (정정)"),
]


@pytest.fixture
def site() -> Iterator[MetroSite]:
    with MetroSite(datetime.now(KST).date()) as running:
        yield running


def crawl(config: Path, *extra: str) -> tuple[datetime, datetime]:
    start = datetime.now(UTC)
    result = run_cli("--config", str(config), "crawl", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return start, datetime.now(UTC) + timedelta(seconds=1)


def cli(config: Path, *args: str) -> str:
    result = run_cli("--config", str(config), *args, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def digest_text(engine: Engine, period: tuple[datetime, datetime]) -> str:
    digest = build_digest(engine, period[0], period[1], KST)
    return render_digest(digest, KST, prefix="[bw]").text


def section(text: str, heading: str) -> list[str]:
    """The lines of one "== heading ==" section, without blank lines."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"== {heading}")), None)
    if start is None:
        return []
    out = []
    for line in lines[start + 1 :]:
        if line.startswith(("== ", "이전 기사 ")) or line == "--":
            break
        if line.strip():
            out.append(line)
    return out


def test_three_crawls_of_a_metro_paper(site: MetroSite, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'metro.sqlite'}"
    source = {"name": "bitgoeul-daily", "org": "광주광역시", "kind": "rss", "url": f"{site.base_url}/rss.xml",
              "allow_private": True, "delay": 0,
              "article": {"title": "h1.headline", "body": "div.article-body", "published": "span.date"}}  # fmt: skip
    config = tmp_path / "budgetwatch.yaml"
    data = {"database": database, "timezone": "Asia/Seoul", "sources": [source]}
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    periods, digests = {}, {}
    engine = make_engine(database)
    for phase in (1, 2, 3):  # each digest is built after its crawl, as the daemon does
        site.phase = phase
        periods[phase] = crawl(config, "--recheck") if phase > 1 else crawl(config)
        digests[phase] = digest_text(engine, periods[phase])
        print(f"---- digest of crawl {phase}\n" + digests[phase])
    today, yesterday = site.today, site.today - timedelta(days=1)
    url = site.url

    # -- the change log: exactly the hand-written amount events, in the crawl that found them
    with Session(engine) as session:
        events = session.execute(
            select(Change.at, Change.kind, Change.summary, Change.detail)
            .where(Change.kind.in_(("amount_changed", "stage_changed"))).order_by(Change.id)
        ).all()  # fmt: skip
    found = [(next(p for p, (s, e) in periods.items() if s <= at.replace(tzinfo=UTC) < e), kind, summary)
             for at, kind, summary, _ in events]  # fmt: skip
    assert sorted(found) == sorted(EXPECTED_CHANGES)
    assert all(str(detail.get("reason", "")) for *_, detail in events)  # every event keeps its reason

    # -- every figure under the organisation it belongs to
    with Session(engine) as session:
        rows = session.execute(
            select(Statement.value, Statement.org, Article.url)
            .join(ArticleVersion, ArticleVersion.id == Statement.version_id)
            .join(Article, Article.id == Statement.article_id)
            .where(ArticleVersion.version == Article.current_version)
        ).all()
    wrong = [(value, org, link) for value, org, link in rows if org_key(org or "") != OWNER[value]]
    assert wrong == []

    # -- dates: a date-only page is that calendar day, stored and shown
    with Session(engine) as session:
        published = dict(session.execute(select(Article.url, Article.published_at)).all())
    council = published[url("council-2027")]
    assert council is not None and council.replace(tzinfo=UTC).astimezone(KST).date() == yesterday

    # -- crawl 1: the first crawl of the source is backlog, counted, not announced
    first = digests[1]
    assert "이전 기사 3건은 저장만 했습니다" in first
    assert section(first, "새 기사") == [] and section(first, "바뀐 금액") == []

    # -- crawl 2: the cut first, then the news per organisation, each story once, with its date
    second = digests[2]
    assert section(second, "바뀐 금액") == [
        "- 광주광역시 예산 총규모 (2027년도): 7조6,823억원 -> 7조6,500억원 "
        "(삭감; 7,682,300,000,000 KRW -> 7,650,000,000,000 KRW)",
        f"  이전 {today - timedelta(days=4)}: 광주시, 2027년도 예산안 7조6823억원 편성 <{url('gj-budget-2027')}>",
        f"  이번 {yesterday}: 광주시의회, 2027년도 예산 7조6500억원으로 확정 <{url('council-2027')}>",
    ]
    assert "== 새 기사 3건 ==" in second
    news = section(second, "새 기사")
    assert news == [
        "[광주광역시]",
        f"- {yesterday} (2027년도) 광주시의회, 2027년도 예산 7조6500억원으로 확정 <{url('council-2027')}>",
        "  예산 총규모 7조6,823억원 · 예산 총규모 7조6,500억원 · 2027년도 예산안 증감 323억원",
        f"  같은 기사: bitgoeul-daily <{url('council-2027-copy')}>",
        "[나주시]",
        f"- {today} (2027년도) 나주시, 국비 630억원 확보 <{url('naju-national')}>",
        "  2027년도 국비 630억원 · 빛가람 혁신도시 공동주택 건립 120억원",
        "[담양군]",
        f"- {today} (2027년도) 담양군, 2027년 예산 6200억원 편성 <{url('damyang-2027')}>",
        "  예산 총규모 6,200억원 · 메타버스 체험관 조성 45억원",
        "모든 금액: 첨부 파일 budget-figures.csv",
    ]
    assert "이전 기사 1건은 저장만 했습니다" in second  # the 600-day-old page
    assert "2025년도" not in second

    # -- crawl 3: a 추경 as a stage, a correction, a new fiscal year (no change)
    third = digests[3]
    assert section(third, "바뀐 금액")[0::3] == [
        "- 광주 서구 제1회 추가경정예산 (2027년도): 본예산 1조4,710억원 -> 1조5,200억원 "
        "(추경; 1,471,000,000,000 KRW -> 1,520,000,000,000 KRW)",
        "- 나주시 빛가람 혁신도시 공동주택 건립 (2027년도): 120억원 -> 150억원 "
        "(정정; 12,000,000,000 KRW -> 15,000,000,000 KRW)",
    ]
    assert section(third, "새 기사") == [
        "[광주 서구]",
        f"- {today} (2027년도) 광주 서구, 제1회 추경 1조5200억원 편성 <{url('seogu-supp-2027')}>",
        "  제1회 추가경정예산 1조5,200억원 · 예산 총규모 1조4,710억원 · 2027년도 제1회 추가경정예산안 증감 490억원",
        "[전라남도]",
        f"- {today} (2028년도) 전남도, 2028년도 예산안 10조9000억원 편성 <{url('jn-budget-2028')}>",
        "  예산 총규모 10조9,000억원",
        "모든 금액: 첨부 파일 budget-figures.csv",
    ]
    assert section(third, "수정된 기사")[0].startswith(f"- {today} 나주시, 국비 630억원 확보")

    # -- the CLI explains each change with its reason
    explained = cli(config, "changes", "--explain")
    for _, _, summary in EXPECTED_CHANGES:
        at = explained.index(summary)
        assert "why: " in explained[at : explained.index("\n", explained.index("\n", at) + 1)]
    # -- --org filters use the statements' organisation: 광주 서구 is not 광주광역시
    seogu = cli(config, "changes", "--org", "광주 서구")
    assert "제1회 추경 1조5200억원 편성" in seogu and "(추경)" in seogu
    assert "담양군" not in seogu and "7조6,500억원" not in seogu
    metro = cli(config, "changes", "--org", "광주광역시", "--since", periods[2][0].isoformat())
    assert "7조6,823억원 -> 7조6,500억원 (삭감)" in metro and "1조5,200억원" not in metro
    timeline = cli(config, "timeline", "--org", "광주 서구")
    assert "광주 서구 · 제1회 추가경정예산" in timeline and "why: 추경 1 of fiscal year 2027" in timeline
    assert "광주광역시" not in timeline
    engine.dispose()
