"""Candidate fiscal years for an amount and the features a learned ranker scores them by.

Candidates are the rules' year, the years around the publication date and every year written
near the amount; the ranker learns which relative words ("내년", "last year"), split-year forms
and distances point to which candidate.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from extract.statements.window import AmountWindow

# "2024년", "2024-25", "2024/5", "FY2025", "FY 2014-15", "FY25".
_YEAR = re.compile(
    r"(?<![\d.])(?:FY\s?'?(?P<fy>\d{2}(?:\d{2})?)|(?P<y>(?:19|20)\d{2}))"
    r"(?:\s?[-–/~]\s?(?P<tail>\d{1,4})(?!\d))?(?!\d|[.,]\d)",
    re.I,
)
_RELATIVE = re.compile(
    r"내후년|내년|다음\s?해|새해|올해|금년|당해|지난해|작년|전년|"
    r"next year|this year|last year|coming year|current year|previous year|following year",
    re.I,
)
_REACH = 160


@dataclass(frozen=True)
class YearMention:
    year: int
    start: int
    end: int
    split: bool


def _ending_year(first: int, tail: str | None) -> tuple[int, bool]:
    if not tail:
        return first, False
    t = int(tail)
    if len(tail) == 4:
        return (t, True) if first < t <= first + 2 else (first, False)
    mod = 10 ** len(tail)
    candidate = first - first % mod + t
    if candidate <= first:
        candidate += mod
    return (candidate, True) if candidate - first <= 2 else (first, False)


def year_mentions(text: str, lo: int, hi: int) -> list[YearMention]:
    found = []
    for m in _YEAR.finditer(text, lo, hi):
        if m.group("fy"):
            raw = m.group("fy")
            first = int(raw) if len(raw) == 4 else 2000 + int(raw)
            if m.group("tail"):
                year, split = _ending_year(first, m.group("tail"))
            else:
                year, split = first, False
        else:
            year, split = _ending_year(int(m.group("y")), m.group("tail"))
        if 1990 <= year <= 2100:
            found.append(YearMention(year, m.start(), m.end(), split))
    return found


_BUDGET_WORD = re.compile(r"예산|추경|회계|세입|세출|국비|budget|fiscal|financial|spending|plan|rates|levy", re.I)


def document_years(text: str) -> dict[int, list[str]]:
    """Every year the text names, with how: how often, whether in its first lines, next to a budget word."""
    mentions = year_mentions(text, 0, min(len(text), 20000))
    counts: dict[int, int] = {}
    for m in mentions:
        counts[m.year] = counts.get(m.year, 0) + 1
    feats: dict[int, list[str]] = {}
    for order, year in enumerate(sorted(counts, key=lambda y: -counts[y])):
        feats[year] = [f"doc_count={min(counts[year], 4)}", f"doc_order={min(order, 3)}"]
    for m in mentions:
        f = feats[m.year]
        if m.start < 300 and "doc_head" not in f:
            f.append("doc_head")
        if _BUDGET_WORD.search(text, max(0, m.start - 25), min(len(text), m.end + 25)) and "doc_budget" not in f:
            f.append("doc_budget")
        if m.split and "doc_split" not in f:
            f.append("doc_split")
    if mentions:
        feats[max(counts)].append("doc_latest")
    return feats


def url_years(url: str | None) -> dict[int, list[str]]:
    """Years in the address ("/2017-budget-and-", "approves-budget-2024-25"): slugs often name the budget."""
    if not url:
        return {}
    path = re.sub(r"[?#].*$", "", url.split("//", 1)[-1].split("/", 1)[-1])
    found: dict[int, list[str]] = {}
    for m in year_mentions(path.replace("_", "-"), 0, len(path)):
        found.setdefault(m.year, []).append("url_split" if m.split else "url")
    return found


def _bucket(n: int) -> str:
    return "0" if n < 10 else "1" if n < 30 else "2" if n < 80 else "3"


def year_candidates(
    window: AmountWindow,
    rule_year: int | None,
    published: datetime.date | None,
    doc_years: list[int],
    named_years: dict[int, list[str]],
    written_in: int | None = None,
) -> list[tuple[int, list[str]]]:
    """(year, features) for every candidate fiscal year of the amount in window.

    written_in: the year an undated text says it was written in (written_year()); relative words
    are then read against it as against a publication date."""
    text = window.text
    lo, hi = max(0, window.start - _REACH), min(len(text), window.end + _REACH // 2)
    mentions = year_mentions(text, lo, hi)
    relatives = [m.group().lower().replace(" ", "") for m in _RELATIVE.finditer(text, lo, hi)]
    nearest_rel = _nearest_relative(text, window)
    years: dict[int, list[str]] = {}
    if rule_year:
        years.setdefault(rule_year, []).append("rule")
    base = published.year if published else written_in
    if base is not None:
        for k in (-1, 0, 1, 2):
            years.setdefault(base + k, []).append(f"pub{k:+d}")
    for m in mentions:
        side = "B" if m.end <= window.start else "A"
        dist = window.start - m.end if side == "B" else m.start - window.end
        feats = years.setdefault(m.year, [])
        feats.append(f"near{side}{_bucket(dist)}")
        if m.split:
            feats.append("split")
        feats.append(f"yafter={text[m.end : m.end + 2].strip()}")
        before_year = text[max(0, m.start - 6) : m.start].strip().split(" ")[-1:]
        feats.append(f"ybefore={before_year[0].lower() if before_year else ''}")
    for k, y in enumerate(doc_years[:3]):
        years.setdefault(y, []).append(f"doc{k}")
    for y, feats in named_years.items():
        years.setdefault(y, []).extend(feats)
    out = []
    month = published.month if published else 0
    for year, feats in years.items():
        rel = f"{year - base:+d}" if base is not None else "?"
        full = [*feats, f"rel={rel}", f"month{(month - 1) // 3 if month else 'x'}|rel={rel}"]
        full += [f"ctx={r}|rel={rel}" for r in relatives]
        if nearest_rel:
            full.append(f"nearest={nearest_rel}|rel={rel}")
        if base is not None and feats == [f"pub{year - base:+d}"]:
            full.append("pub_only")
        out.append((year, full))
    return out


def _nearest_relative(text: str, window: AmountWindow) -> str | None:
    """The relative year word closest before the amount in its sentence."""
    lo = max(0, window.start - 80)
    found = list(_RELATIVE.finditer(text, lo, window.start))
    return found[-1].group().lower().replace(" ", "") if found else None


# "내년 예산 확정 … 2018년도 예산을 이같이 확정": an undated text that calls a budget next year's and
# names its year was written the year before; where the only named budget year is the base of a
# comparison ("내년도 예산안은 … 2022년 본예산보다 3.5% 증가"), that base is this year's. On the
# labelled texts that are dated, this reading gives the publication year for all eight that have it.
_NEXT_YEAR_BUDGET = re.compile(r"(?:내년도?|새해)\s?(?:본?예산|국비|정부\s?예산|예산안|살림)")
_NAMED_YEAR_BUDGET = re.compile(
    r"((?:19|20)\d{2})년도?\s?(?:[가-힣·∙ㆍ]{1,8}\s)?(?:본?예산|국비|정부\s?예산|예산안|살림)"
)
_COMPARED_AFTER = re.compile(r"[^.\n]{0,25}?(?:보다|대비|에 비해)")
_HEAD = 800


def written_year(text: str) -> int | None:
    """The year a Korean text says it was written in, where it speaks of next year's budget and
    names a year's budget; None when it does not say."""
    head = text[:_HEAD]
    if not _NEXT_YEAR_BUDGET.search(head):
        return None
    named: list[int] = []
    bases: list[int] = []
    for m in _NAMED_YEAR_BUDGET.finditer(head):
        (bases if _COMPARED_AFTER.match(head, m.end()) else named).append(int(m.group(1)))
    if named:
        return max(named) - 1
    return max(bases) if bases else None
