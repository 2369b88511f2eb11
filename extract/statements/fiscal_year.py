"""Work out which fiscal year a budget statement is about, from the text and the publication date."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from extract.statements.year_words import year_start_matches

# A stated year counts as a budget year only when a budget word follows it closely:
# "2045년 탄소중립" is a goal, "2021년도 광주광역시 세입·세출예산안" is a budget.
_KO_BUDGET_YEAR = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s?년\s?도?(?P<tail>[^.\n]{0,24}?)(?:예산|추경|결산|국비|정부안|세입)"
)
_EN_YEAR = re.compile(
    r"\bFY\s?'?(?P<fy>\d{2,4})(?:\s?[/-]\s?(?P<fy2>\d{2,4}))?\b"
    r"|\b(?P<a>(?:19|20)\d{2})\s?[-–/]\s?(?P<b>\d{2,4})\s(?:fiscal|financial|budget)"
    r"|\b(?:fiscal|financial)\syear\s(?P<c>(?:19|20)\d{2})\b"
    r"|\b(?P<d>(?:19|20)\d{2})\s(?:budget|fiscal year|operating budget|capital budget)\b",
    re.I,
)
_BASE_TAIL = re.compile(r"\s?[가-힣]{0,6}(?:\s?\([^)]{0,20}\))?\s?(?:보다|대비|에 비해|compared)")
_AMOUNT_BETWEEN = re.compile(r"\d[\d,.천백십]*\s?[억조만]?\s?원")
_COMPARISON = re.compile(r"보다|대비|에 비해|비교|compared|than")
_RELATIVE = re.compile(r"내후년|내년도?|올해|금년도?|전년도?|지난해|작년|기존|next year|this year|last year")
_RELATIVE_OFFSET = {
    "내후년": ("anchor", 2),
    "내년": ("anchor", 1),
    "내년도": ("anchor", 1),
    "올해": ("anchor", 0),
    "금년": ("anchor", 0),
    "금년도": ("anchor", 0),
    "기존": ("anchor", 0),
    "지난해": ("anchor", -1),
    "작년": ("anchor", -1),
    "전년": ("default", -1),
    "전년도": ("default", -1),
    "next year": ("anchor", 1),
    "this year": ("anchor", 0),
    "last year": ("anchor", -1),
}


@dataclass(frozen=True)
class YearContext:
    """The article's budget year (default) and its "this year" (anchor), either possibly unknown."""

    default: int | None
    anchor: int | None


def _ending_year(first: str, second: str | None) -> int:
    """ "2024-25" -> 2025, "FY2007/08" -> 2008, "FY25" -> 2025."""
    year = int(first) if len(first) == 4 else 2000 + int(first)
    if second:
        tail = int(second)
        year = tail if len(second) == 4 else year - year % 100 + tail + (100 if tail < year % 100 else 0)
    return year


# The last text's stated years: the rules and the model's inputs both ask of a text (of up to
# 3,000 characters, where the model's text[:3000] is the text itself).
_last_stated: tuple[str, list[tuple[int, int, int]]] | None = None


def stated_years(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) of every stated budget year."""
    global _last_stated
    last = _last_stated
    if last is not None and last[0] is text:
        return list(last[1])
    found = _stated_years(text)
    _last_stated = (text, found)
    return list(found)


# Every form _EN_YEAR reads holds an F (FY, fiscal, financial) or a B (budget), in either case
# (no other character matches these two case-blind): a text without one has none, and is not
# read letter by letter with the case-blind pattern.
_EN_YEAR_LETTER = re.compile(r"[fFbB]")


def _stated_years(text: str) -> list[tuple[int, int, int]]:
    found = [(int(m.group("y")), m.start(), m.end()) for m in year_start_matches(_KO_BUDGET_YEAR, text, 0, len(text))]
    for m in _EN_YEAR.finditer(text) if _EN_YEAR_LETTER.search(text) else ():
        if m.group("fy"):
            found.append((_ending_year(m.group("fy"), m.group("fy2")), m.start(), m.end()))
        elif m.group("a"):
            found.append((_ending_year(m.group("a"), m.group("b")), m.start(), m.end()))
        else:
            found.append((int(m.group("c") or m.group("d")), m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def _is_base(text: str, end: int) -> bool:
    """A year phrase followed by 보다/대비 is what something is compared with."""
    return bool(_BASE_TAIL.match(text, end))


def year_context(
    text: str, published: datetime.date | None, stated: list[tuple[int, int, int]] | None = None
) -> YearContext:
    """``stated``: the text's stated years when the caller found them already."""
    stated = [(y, s, e) for y, s, e in (stated_years(text) if stated is None else stated) if 1900 < y < 2200]
    own = [y for y, _, e in stated if not _is_base(text, e)]
    bases = [y for y, _, e in stated if _is_base(text, e)]
    default = None
    if own:
        counts = Counter(own)
        best = max(counts.values())
        default = next(y for y in own if counts[y] == best)
    mentions_next = bool(re.search(r"내년|next year", text))
    if published is not None:
        anchor: int | None = published.year
    elif default is not None and mentions_next:
        anchor = default - 1
    elif bases:
        anchor = max(bases)
    else:
        anchor = default
    if default is None and anchor is not None:
        # A budget article that speaks of "내년" and not of a 추경 is about next year's budget.
        next_budget = mentions_next and not re.search(r"추경|추가경정|supplementary", text)
        default = anchor + 1 if next_budget else anchor
    return YearContext(default, anchor)


def statement_year(
    sentence: str, start: int, context: YearContext, stated: list[tuple[int, int, int]] | None = None
) -> int | None:
    """The year of the amount at sentence[start:], from the nearest year phrase before it.
    ``stated``: the sentence's stated years when the caller found them already (offsets in sentence)."""
    if stated is None:
        stated = stated_years(sentence)
    candidates = [(s, e, y) for y, s, e in stated if s < start]
    for m in _RELATIVE.finditer(sentence, 0, start):
        kind, offset = _RELATIVE_OFFSET[m.group().lower()]
        base = context.anchor if kind == "anchor" else context.default
        if base is not None:
            candidates.append((m.start(), m.end(), base + offset))
    for _s, e, year in sorted(candidates, reverse=True):
        between = sentence[e:start]
        if _COMPARISON.search(between) or _AMOUNT_BETWEEN.search(between):
            continue
        return year
    for y, s, _ in stated:
        if s > start:
            return y  # "$5.9 billion for the 2024-25 fiscal year"
    return context.default
