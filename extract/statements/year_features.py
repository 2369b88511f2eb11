"""Candidate fiscal years for an amount and the features a learned ranker scores them by.

Candidates are the rules' year, the years around the publication date and every year written
near the amount; the ranker learns which relative words ("내년", "last year"), split-year forms
and distances point to which candidate. What is read once per text is in DocumentYears.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from extract.statements.window import AmountWindow
from extract.statements.year_words import (
    base_end,
    compared_years,
    lead_offset,
    nearest_relative,
    offset,
    year_mentions,
    year_words_near,
)

_REACH = 160


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


@dataclass(frozen=True)
class DocumentYears:
    """What a text says about years, read once for all its amounts."""

    published: datetime.date | None
    base: int | None  # the year of writing: published, or what an undated text says (written_year)
    stated: list[int]  # the rules' stated budget years, first first
    named: dict[int, list[str]]  # document_years() and url_years()
    season: int | None  # the fiscal year a report of that date and country is about (fiscal_calendar)
    lead: int | None  # the year the lead speaks of, as an offset from base
    focus: int  # the offset of the year the report is about (0 unless the lead looks ahead)


def document_year_facts(
    text: str,
    published: datetime.date | None,
    stated: list[int],
    named: dict[int, list[str]],
    written_in: int | None = None,
    season: int | None = None,
) -> DocumentYears:
    """written_in: the year an undated text says it was written in (written_year()); relative words
    are then read against it as against a publication date."""
    base = published.year if published else written_in
    lead = lead_offset(text, base)
    focus = lead if lead is not None and lead >= 0 else 0
    return DocumentYears(published, base, stated, named, season, lead, focus)


# A year's features that name its offset from the year of writing take a few values each: made
# once, and the same strings, their hashes kept, are looked up in the model's weights.
_REL = {k: f"{k:+d}" for k in range(-2, 3)}
_SEASON = {flag: f"season={flag}" for flag in (True, False)}
_LEAD_MEANS = {flag: f"lead_means={flag}" for flag in (True, False)}
_CTX_MEANS = tuple(f"ctx_means={n}" for n in range(4))


@lru_cache(maxsize=4096)
def _relative_features(rel: str, month: int, relatives: tuple[str, ...], nearest: str | None) -> tuple[str, ...]:
    """rel: the year's offset from the year of writing ("+1", "far", "?"); month: of publication (0: none)."""
    feats = [f"rel={rel}", f"month{(month - 1) // 3 if month else 'x'}|rel={rel}"]
    feats += [f"ctx={r}|rel={rel}" for r in relatives]
    if nearest:
        feats.append(f"nearest={nearest}|rel={rel}")
    return tuple(feats)


def year_candidates(window: AmountWindow, rule_year: int | None, doc: DocumentYears) -> list[tuple[int, list[str]]]:
    """(year, features) for every candidate fiscal year of the amount in window."""
    text, base, focus = window.text, doc.base, doc.focus
    lo, hi = max(0, window.start - _REACH), min(len(text), window.end + _REACH // 2)
    mentions = year_mentions(text, lo, hi)
    words = year_words_near(text, lo, hi, mentions)
    # a word that opens the base of a comparison the amount is not in speaks of the base
    relatives = [
        w.key for w in words if w.key is not None and (w.base_end is None or w.start < window.start < w.base_end)
    ]
    nearest_rel = nearest_relative(window.start, words)
    lead = doc.lead
    compared = compared_years(text, window.start, window.end, words, base, focus)
    if "is_base" in compared.values():
        nearest_rel = lead = None  # the base's own year speaks for the amount
    years: dict[int, list[str]] = {}
    if rule_year:
        years.setdefault(rule_year, []).append("rule")
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
    for k, y in enumerate(doc.stated[:3]):
        years.setdefault(y, []).append(f"doc{k}")
    for y, feats in doc.named.items():
        years.setdefault(y, []).extend(feats)
    out = []
    published = doc.published
    context = tuple(relatives)
    month = published.month if published else 0
    for year, feats in years.items():
        if published is not None and not -1 <= year - published.year <= 2 and year != rule_year:
            # a dated report is about last, this or next year: "2045년 탄소중립" is a goal; a budget
            # year the rules read for the amount ("2021년 본예산이 6조2817억원") stays a candidate
            continue
        rel = "?" if base is None else _REL.get(year - base, "far")
        full = [*feats, *_relative_features(rel, month, context, nearest_rel)]
        if nearest_rel and base is not None and year - base == offset(nearest_rel, focus):
            full.append("nearest_means")
        if year in compared:
            full.append(compared[year])
        if doc.season is not None:
            full.append(_SEASON[year == doc.season])
        if base is not None and lead is not None:
            full.append(_LEAD_MEANS[year - base == lead])
        if base is not None:
            means = sum(1 for r in relatives if offset(r, focus) == year - base)
            full.append(_CTX_MEANS[min(means, 3)])
        if base is not None and feats == [f"pub{year - base:+d}"]:
            full.append("pub_only")
        out.append((year, full))
    return out


# "내년 예산 확정 … 2018년도 예산을 이같이 확정": an undated text that calls a budget next year's and
# names its year was written the year before; where the only named budget year is the base of a
# comparison ("내년도 예산안은 … 2022년 본예산보다 3.5% 증가"), that base is this year's. On the
# labelled texts that are dated, this reading (with the proposals below) gives the publication
# year for all nine it applies to.
_NEXT_YEAR_BUDGET = re.compile(r"(?:내년도?|새해)\s?(?:본?예산|국비|정부\s?예산|예산안|살림)")
_NAMED_YEAR_BUDGET = re.compile(
    r"((?:19|20)\d{2})년도?\s?(?:[가-힣·∙ㆍ]{1,8}\s)?(?:본?예산|국비|정부\s?예산|예산안|살림)"
)
# "2018년도 예산안 심사에 돌입", "2026년도 예산안을 최종 의결할 예정": a year's main budget proposal is
# debated the year before (on the labelled Korean texts that are dated, 7 of 7 are pub+1); a
# supplementary one (추경, 제N회) is this year's.
_NAMED_PROPOSAL = re.compile(r"((?:19|20)\d{2})년도?\s?(?!추경|추가|제\d)(?:[가-힣·]{1,8}\s)?(?:본|당초)?예산안")
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
        (bases if base_end(head, m.end()) is not None else named).append(int(m.group(1)))
    if named:
        return max(named) - 1
    return max(bases) if bases else None
