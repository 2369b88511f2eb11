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
# Not an amount: "2046억원", "$2018", "2,019 million" are no years.
_YEAR = re.compile(
    r"(?<![\d.,$£€¥₩])(?:FY\s?'?(?P<fy>\d{2}(?:\d{2})?)|(?P<y>(?:19|20)\d{2}))"
    r"(?:\s?[-–/~]\s?(?P<tail>\d{1,4})(?!\d))?(?!\d|[.,]\d)"
    r"(?!\s?(?:[조억만천원%]|million|billion|thousand|[mk]\b|bn\b|per\s?cent|percent))",
    re.I,
)
_RELATIVE = re.compile(
    r"내후년|내년|다음\s?해|새해|올해|금년|당해|지난해|작년|전년|"
    r"next year|this year|last year|coming year|current year|previous year|following year",
    re.I,
)
_REACH = 160
_LEAD = 400  # the lead says which year the whole report is about
_OFFSET = {"내후년": 2, "내년": 1, "다음해": 1, "새해": 1, "올해": 0, "금년": 0, "당해": 0, "지난해": -1, "작년": -1,
           "전년": -1, "nextyear": 1, "thisyear": 0, "lastyear": -1, "comingyear": 1, "currentyear": 0,
           "previousyear": -1, "followingyear": 1}  # fmt: skip
# "전년(도) 당초예산 4조1035억원보다" in a report on next year's budget: the year before the budget
# year the report is about, not before the year of writing.
_BEFORE_FOCUS = frozenset({"전년", "previousyear"})


def _offset(word: str, focus: int) -> int:
    """The year a relative word names, as an offset from the year of writing; focus is the offset
    of the year the report is about."""
    return focus - 1 if word in _BEFORE_FOCUS else _OFFSET[word]


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
    budget_years = [y for y, f in feats.items() if "doc_budget" in f]
    if budget_years:
        feats[max(budget_years)].append("doc_latest_budget")  # not a target year ("2045년 탄소중립")
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
    season: int | None = None,
) -> list[tuple[int, list[str]]]:
    """(year, features) for every candidate fiscal year of the amount in window.

    written_in: the year an undated text says it was written in (written_year()); relative words
    are then read against it as against a publication date. season: the fiscal year a report of
    that date and country is most likely about (fiscal_calendar.season_year())."""
    text = window.text
    lo, hi = max(0, window.start - _REACH), min(len(text), window.end + _REACH // 2)
    mentions = year_mentions(text, lo, hi)
    relatives = [  # a word that opens the base of a comparison the amount is not in speaks of the base
        m.group().lower().replace(" ", "")
        for m in _RELATIVE.finditer(text, lo, hi)
        if (end := _base_end(text, m.end())) is None or m.start() < window.start < end
    ]
    nearest_rel = _nearest_relative(text, window)
    years: dict[int, list[str]] = {}
    if rule_year:
        years.setdefault(rule_year, []).append("rule")
    base = published.year if published else written_in
    lead_offset = _lead_offset(text, base)
    focus = lead_offset if lead_offset is not None and lead_offset >= 0 else 0
    compared = _compared_years(text, window, base, focus)
    if "is_base" in compared.values():
        nearest_rel = lead_offset = None  # the base's own year speaks for the amount
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
        if published is not None and not -1 <= year - published.year <= 2:
            continue  # a dated report is about last, this or next year: "2045년 탄소중립" is a goal
        rel = "?" if base is None else f"{year - base:+d}" if -2 <= year - base <= 2 else "far"
        full = [*feats, f"rel={rel}", f"month{(month - 1) // 3 if month else 'x'}|rel={rel}"]
        full += [f"ctx={r}|rel={rel}" for r in relatives]
        if nearest_rel:
            full.append(f"nearest={nearest_rel}|rel={rel}")
            if base is not None and year - base == _offset(nearest_rel, focus):
                full.append("nearest_means")
        if year in compared:
            full.append(compared[year])
        if season is not None:
            full.append(f"season={year == season}")
        if base is not None and lead_offset is not None:
            full.append(f"lead_means={year - base == lead_offset}")
        if base is not None:
            means = sum(1 for r in relatives if _offset(r, focus) == year - base)
            full.append(f"ctx_means={min(means, 3)}")
        if base is not None and feats == [f"pub{year - base:+d}"]:
            full.append("pub_only")
        out.append((year, full))
    return out


# "내년도 예산을 올해 대비 1911억원 증가한", "올해 본예산(4천16억원)보다 187억원 증가한": a year word
# that opens the base of a comparison names the base's year, not the year of what follows the
# comparison (the base amount itself, inside it, does take it).
_BASE_AFTER = re.compile(r"[^.\n]{0,20}?(?:보다|대비|에 비해|compared (?:to|with)|than)", re.I)
_SENTENCE_END = re.compile(r"[.?!](?!\d)")


def _base_end(text: str, end: int) -> int | None:
    """Where the comparison a year word at text[:end] opens ends ("올해 본예산(…)보다"), or None when
    it opens none; the base holds no other year word ("내년도 예산을 올해 대비": 올해 is the base)."""
    m = _BASE_AFTER.match(text, end)
    if m is None or _RELATIVE.search(text, end, m.end()) or _YEAR.search(text, end, m.end()):
        return None
    return m.end()


def _compared_years(text: str, window: AmountWindow, base: int | None, focus: int) -> dict[int, str]:
    """Years a comparison in the amount's sentence points to: the base's own year when the amount
    is the base ("올해 본예산(4천16억원)보다"), the year after it when the amount is what the base is
    compared with ("7조121억 원으로, 올해보다 11.6% 증가", "올해 대비 1911억원 증가한")."""
    lo, hi = max(0, window.start - 80), min(len(text), window.end + 40)
    found: dict[int, str] = {}
    words: list[tuple[int, int, int]] = []  # (year, start, end)
    if base is not None:
        words += [(base + _offset(m.group().lower().replace(" ", ""), focus), m.start(), m.end())
                  for m in _RELATIVE.finditer(text, lo, hi)]  # fmt: skip
    words += [(m.year, m.start, m.end) for m in year_mentions(text, lo, hi)]
    for year, start, end in words:
        cmp_end = _base_end(text, end)
        if cmp_end is None:
            continue
        if start < window.start and window.end <= cmp_end:
            found.setdefault(year, "is_base")
        elif not (start <= window.start < cmp_end) and not _SENTENCE_END.search(
            text, min(end, window.end), max(start, window.start)
        ):
            found.setdefault(year + 1, "beyond_base")
    return found


def _lead_offset(text: str, base: int | None) -> int | None:
    """The year the lead speaks of, as an offset from the year of writing: its first relative year
    word or year within two of writing that is not the base of a comparison ("올해보다 11.6% 증가"
    is next year's news)."""
    hi = min(len(text), _LEAD)
    found = [(m.start(), m.end(), _OFFSET[m.group().lower().replace(" ", "")]) for m in _RELATIVE.finditer(text, 0, hi)]
    if base is not None:
        found += [(m.start, m.end, m.year - base) for m in year_mentions(text, 0, hi) if -1 <= m.year - base <= 2]
    for _, end, offset in sorted(found):
        if _base_end(text, end) is None:
            return offset
    return None


def _nearest_relative(text: str, window: AmountWindow) -> str | None:
    """The relative year word closest before the amount in its sentence that is not the year of a
    comparison's base the amount lies beyond."""
    lo = max(0, window.start - 80)
    for m in reversed(list(_RELATIVE.finditer(text, lo, window.start))):
        base_end = _base_end(text, m.end())
        if base_end is None or base_end > window.start:
            return m.group().lower().replace(" ", "")
    return None


# "내년 예산 확정 … 2018년도 예산을 이같이 확정": an undated text that calls a budget next year's and
# names its year was written the year before; where the only named budget year is the base of a
# comparison ("내년도 예산안은 … 2022년 본예산보다 3.5% 증가"), that base is this year's. On the
# labelled texts that are dated, this reading gives the publication year for all eight that have it.
_NEXT_YEAR_BUDGET = re.compile(r"(?:내년도?|새해)\s?(?:본?예산|국비|정부\s?예산|예산안|살림)")
_NAMED_YEAR_BUDGET = re.compile(
    r"((?:19|20)\d{2})년도?\s?(?:[가-힣·∙ㆍ]{1,8}\s)?(?:본?예산|국비|정부\s?예산|예산안|살림)"
)
# "2018년도 예산안 심사에 돌입", "2026년도 예산안을 최종 의결할 예정": a year's main budget proposal is
# debated the year before (on the labelled Korean texts that are dated, 7 of 7 are pub+1); a
# supplementary one (추경, 제N회) is this year's.
_NAMED_PROPOSAL = re.compile(r"((?:19|20)\d{2})년도?\s?(?!추경|추가|제\d)(?:[가-힣·]{1,8}\s)?(?:본|당초)?예산안")
_COMPARED_AFTER = re.compile(r"[^.\n]{0,25}?(?:보다|대비|에 비해)")
_HEAD = 800


def written_year(text: str) -> int | None:
    """The year a Korean text says it was written in, where it speaks of next year's budget and
    names a year's budget; None when it does not say."""
    head = text[:_HEAD]
    proposals = [int(m.group(1)) for m in _NAMED_PROPOSAL.finditer(head)]
    if proposals:
        return max(proposals) - 1
    if not _NEXT_YEAR_BUDGET.search(head):
        return None
    named: list[int] = []
    bases: list[int] = []
    for m in _NAMED_YEAR_BUDGET.finditer(head):
        (bases if _COMPARED_AFTER.match(head, m.end()) else named).append(int(m.group(1)))
    if named:
        return max(named) - 1
    return max(bases) if bases else None
