"""Statement extraction speed: median ms per ~3,000-character article over generated articles
and the dev texts, against the rules alone (the peer, same process), plus the memory the learned
model adds. Target (issue 13): median <= 10 ms per article, <= 150 MB added resident memory.

Run: .venv/bin/python bench/statement_speed.py [--articles 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from extract.statements.amounts import find_amounts
from extract.statements.extractor import extract_statements
from extract.statements.linear import shipped_model
from extract.statements.mentions import extract_mentions

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "budget_dev.jsonl"


def _rss_mb() -> float:
    """Resident memory now (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


TARGET_MS = 10.0

ORGS = ("광주광역시", "나주시", "전라남도", "솔뫼군", "부산시", "대전시", "광주 서구", "경상북도")
ITEMS = (
    "도시철도 2호선 건설",
    "AI 집적단지 2단계 사업",
    "노후 상수관망 정비",
    "청년 일자리 지원",
    "어린이 통학로 정비",
    "스마트팜 혁신밸리 운영",
    "생활SOC 복합화 사업",
    "공공도서관 건립",
    "하천 생태 복원",
    "소상공인 특례보증",
    "노인 일자리 사업",
    "탄소중립 에너지 전환",
    "전통시장 시설 현대화",
    "농업용 드론 방제",
    "폭염 대응 그늘막 설치",
)
VERBS = ("편성했다", "투입한다", "배정했다", "확보했다고 밝혔다", "반영됐다", "지원한다", "증액됐다", "삭감됐다")
FILLER = (
    "{org}는 {d}일 시청 브리핑룸에서 기자회견을 열고 이같이 밝혔다.",
    "이번 사업에는 주민 {n}명이 참여했으며 만족도는 {p}%로 조사됐다.",
    "시는 {n}개 읍면동을 대상으로 현장 설명회를 {k}차례 열 계획이다.",
    "전화 문의는 062-{n3}-{n4}로 하면 된다.",
    "지난 {m}월 {d}일부터 {k}주 동안 공모를 진행해 {n}건이 접수됐다.",
    "차량 {n}대와 인력 {k}백여 명이 투입돼 {k}시간 만에 복구를 마쳤다.",
    '관계자는 "시민 안전을 최우선으로 사업을 추진하겠다"고 말했다.',
    "{y}년 {m}월 착공해 내년 {m}월 준공할 예정이며 현재 공정률은 {p}%다.",
)
MONEY = (
    "{org}는 {item}에 {a}을 {verb}",
    "{item} 예산은 {a}으로 전년보다 {p}%({b}) 늘었다.",
    "내년도 예산안은 {a} 규모로 올해보다 {b} 증가했다.",
    "이 가운데 {b}은 {item}에 쓰인다.",
    "{org}는 국비 {a}을 포함해 총사업비 {b}을 들여 {item}을 추진한다.",
    "분야별로는 {item} {a}, 사회복지 {b}, 문화관광 {c} 순이다.",
)


def _amount(rng: random.Random) -> str:
    style = rng.randrange(5)
    if style == 0:
        return f"{rng.randint(1, 9)}조{rng.randint(1, 9999)}억원"
    if style == 1:
        return f"{rng.randint(1, 9999):,}억원"
    if style == 2:
        return f"{rng.randint(1, 99)}억{rng.randint(1, 9)}천만원"
    if style == 3:
        return f"{rng.randint(1, 9)}천{rng.randint(1, 9)}백억 원"
    return f"{rng.randint(1, 9999)}만원"


def generate_article(rng: random.Random, length: int = 3000) -> str:
    """A Korean budget article of about ``length`` characters: prose, amounts, non-amount numbers."""
    org = rng.choice(ORGS)
    parts = [f"{org}, {rng.choice(ITEMS)}에 {_amount(rng)} 투입\n"]
    size = len(parts[0])
    while size < length:
        if rng.random() < 0.2:  # about one sentence in five carries money, as in budget news
            template = rng.choice(MONEY)
        else:
            template = rng.choice(FILLER)
        sentence = template.format(
            org=org, item=rng.choice(ITEMS), verb=rng.choice(VERBS), a=_amount(rng), b=_amount(rng),
            c=_amount(rng), n=rng.randint(2, 9999), p=rng.randint(1, 99), d=rng.randint(1, 28),
            m=rng.randint(1, 12), k=rng.randint(2, 9), y=rng.randint(2020, 2030), n3=rng.randint(100, 999),
            n4=rng.randint(1000, 9999),
        )  # fmt: skip
        sep = "\n\n" if rng.random() < 0.25 else " "
        parts.append(sentence + sep)
        size += len(sentence) + len(sep)
    return "".join(parts)


def _time_one(text: str, rules_only: bool = False) -> float:
    """CPU milliseconds of this process: "one core of this machine", unaffected by other load."""
    start = time.process_time()
    extract_statements(text, rules_only=rules_only)
    return (time.process_time() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = [generate_article(rng) for _ in range(args.articles)]
    dev = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()] if DEV.exists() else []
    for text in texts[:20]:  # warm the caches and the regex compiler
        extract_statements(text, rules_only=True)
    rss_before_model = _rss_mb()
    shipped_model()
    rss_model = _rss_mb() - rss_before_model
    for text in texts[:20]:
        extract_statements(text)
    generated = [_time_one(t) for t in texts]
    rules = [_time_one(t, rules_only=True) for t in texts]
    dev_ms = [_time_one(t) for t in dev]
    start = time.process_time()
    for t in texts[:200]:
        extract_mentions(t)
    mention_ms = (time.process_time() - start) * 1000 / min(200, len(texts))
    tracemalloc.start()
    for t in texts[:200] + dev:
        extract_statements(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    avg_len = statistics.mean(len(t) for t in texts)
    median = statistics.median(generated)
    per_article = statistics.mean(len(find_amounts(t)) for t in texts[:100])
    print(f"generated: {len(texts)} articles, mean {avg_len:,.0f} chars, {per_article:.1f} amounts each")
    print(
        f"statements (CPU time): median {median:.2f} ms, p95 {sorted(generated)[int(len(generated) * 0.95)]:.2f} ms, "
        f"max {max(generated):.2f} ms per article"
    )
    if dev_ms:
        print(f"dev texts: {len(dev_ms)}, median {statistics.median(dev_ms):.2f} ms, max {max(dev_ms):.2f} ms")
    print(f"mentions: mean {mention_ms:.2f} ms per article")
    print(f"rules alone (peer): median {statistics.median(rules):.2f} ms per article")
    print(f"peak memory: tracemalloc {peak / 1e6:.1f} MB, RSS {rss_mb:.0f} MB; the model adds {rss_model:.1f} MB RSS")
    print(f"target {TARGET_MS} ms per 3,000-character article: {'met' if median < TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
