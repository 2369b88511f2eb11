"""Features a learned classifier decides an amount's role by (total, allocation, change, other).

Word-for-word features memorise the few hundred labelled amounts (a model on them scores 1.0 on
its own data and little better than the rules on unseen text), so the neighbourhood is described
by cue classes instead: where around the amount a word of change, revenue, request, threshold,
whole-budget or spending stands. The rules' role is one more feature, and a few nearest words
stay for what the classes miss.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from extract.statements.cue_index import CueIndex
from extract.statements.vocabulary import NATIONAL_MONEY
from extract.statements.window import AmountWindow

# Word classes that tell roles apart; each is looked for in four regions around the amount.
_CUES: dict[str, re.Pattern[str]] = {
    "change": re.compile(
        r"증액|감액|삭감|증가|감소|늘어|늘린|늘려|늘었|늘고|늘리|줄어|줄인|줄였|줄었|줄이|추가|순증|인상|인하|"
        r"상향|하향|절감|조정|깎|증감|차이|부활|"
        r"\b(?:increase[sd]?|rise|rising|raise[sd]?|cut|cuts|reduc\w*|decreas\w*|boost\w*|savings?|additional|"
        r"extra|hike\w*|up from|down from|more than last|less than last|overspend\w*|shortfall)\b",
        re.I,
    ),
    "revenue": re.compile(
        r"세입|수입|교부세|교부금|보조금|지방채|채무|부채|세수|세외|이월|잉여금|재원|국비|도비|시비|군비|지방세|"
        r"\b(?:revenue\w*|tax\w*|levy|levies|rates?|debt|borrow\w*|reserves?|surplus|deficit|income|precept)\b",
        re.I,
    ),
    "request": re.compile(
        r"요청|건의|요구|신청|목표|미반영|불발|제외|포함되지|반영되지|무산|"
        r"\b(?:request\w*|sought|seek\w*|asked|bid|target\w*|proposed|wish)\b",
        re.I,
    ),
    "threshold": re.compile(
        r"넘어|넘었|넘는|넘긴|돌파|이상|이하|미만|초과|최대|최소|대를|대로|대에|벽|"
        r"\b(?:up to|over|exceed\w*|at least|threshold|cap|maximum|minimum|under)\b",
        re.I,
    ),
    "whole": re.compile(
        r"총규모|총 규모|예산 규모|예산규모|총액|총예산|전체 예산|예산안|본예산|추경|추가경정|일반회계|특별회계|세출|"
        r"총|규모|당초|기정|최종|"
        r"\b(?:budget|total|overall|operating|capital|spending plan|general fund|annual|whole)\b",
        re.I,
    ),
    "spend": re.compile(
        r"투입|지원|편성|배정|확보|반영|들여|사업비|사업|공사|조성|건립|설치|구축|"
        r"\b(?:project\w*|fund\w*|allocat\w*|spend\w*|invest\w*|for|toward\w*|earmark\w*|grant\w*)\b",
        re.I,
    ),
}
_REGIONS = (("an", 0, 12), ("af", 12, 90), ("bn", -12, 0), ("bf", -90, -12))
# "[.!?。]\s|\n" written as one character and then which end it is: a search skips from one such
# character to the next instead of trying every place.
SENTENCE_END = re.compile(r"[.!?。\n](?:(?<=\n)|(?<=[.!?。])\s)")
_ARROW = re.compile(r"[→⇒➝]|->|>")
_PERCENT = re.compile(r"%|퍼센트|percent", re.I)
# r"\d[\d,.]*\s?(?:[억조만]|원|million|billion|m\b|bn\b)|[$£€]\s?\d" read case-blind, written to
# start with a character and case-blind only where a letter can stand: a search skips from one
# digit or currency sign to the next (a case-blind pattern is tried at every place).
_AMOUNTISH = re.compile(r"[\d$£€](?:(?<=\d)[\d,.]*\s?(?:[억조만]|원|(?i:million|billion|m\b|bn\b))|(?<=[$£€])\s?\d)")
_FROM = re.compile(r"\s?from\b")
_TO_KO = re.compile(r"\s?(?:으로|로)\s")
_TO_EN = re.compile(r"\s?to\b")
_COMPARED = re.compile(r"(?:보다|대비|에 비해|than)\s*$")
_EACH = re.compile(r"\s?(?:씩|each|apiece)")
_NEAR = 2
_HEAD = 200


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 200)
    ends = list(SENTENCE_END.finditer(text, lo, start))
    lo = ends[-1].end() if ends else lo
    m = SENTENCE_END.search(text, end, min(len(text), end + 200))
    return lo, m.start() if m else min(len(text), end + 200)


def _region_cues(cues: CueIndex, start: int, end: int, lo: int, hi: int) -> list[str]:
    feats = []
    for name, a, b in _REGIONS:
        if a >= 0:
            seg = (min(end + a, hi), min(end + b, hi))
        else:
            seg = (max(start + a, lo), max(start + b, lo))
        for cue in cues.cues_in(*seg):
            feats.append(f"{cue}@{name}")
    return feats


def _shape(text: str, start: int, end: int) -> list[str]:
    """Notation around the amount: parentheses, arrows, percentages, lists, from-to."""
    before, after = text[max(0, start - 14) : start], text[end : end + 14]
    feats = []
    if before.rstrip().endswith("(") or after.lstrip().startswith(")"):
        feats.append("in_paren")
    if _ARROW.search(before) or _ARROW.search(after):
        feats.append("arrow")
    if _PERCENT.search(before) or _PERCENT.search(after):
        feats.append("percent")
    if after.startswith(("에서", " 에서")) or _FROM.match(after):
        feats.append("from_level")
    if _TO_KO.match(after) or _TO_EN.match(after):
        feats.append("to_level")
    if _COMPARED.search(before):
        feats.append("compared")
    wide_before, wide_after = text[max(0, start - 40) : start], text[end : end + 40]
    if _AMOUNTISH.search(wide_before) and "," in wide_before:
        feats.append("list_before")
    if _AMOUNTISH.search(wide_after) and "," in wide_after:
        feats.append("list_after")
    if _EACH.match(after):
        feats.append("each")
    return feats


# Amounts closer than this, with no sentence end between, form one list ("A 10억원, B 20억원 등은 삭감됐다").
_LIST_GAP = 60
# A list is followed this many amounts each way at most: a longer run is a table, and walking it
# for every amount would make a dense page quadratic.
_LIST_REACH = 40


# A clause that closes on its verb ("A 8000만원, B 4000만원 등이 감액됐고, C 예산은 3000만원 증액됐다")
# ends a list as a sentence does: what follows is another clause's.
_CLAUSE_END = re.compile(r"[가-힣](?:고|며|지만|는데|으나),\s")


def _list_break(text: str, gap_from: int, gap_to: int) -> bool:
    return (
        gap_to - gap_from > _LIST_GAP
        or SENTENCE_END.search(text, gap_from, gap_to) is not None
        or _CLAUSE_END.search(text, gap_from, gap_to) is not None
    )


def _list_run(text: str, spans: list[tuple[int, int]], k: int) -> tuple[int, int, int]:
    """First and last index of the list the k-th amount belongs to, and its place in it."""
    first = last = k
    while first > 0 and k - first < _LIST_REACH:
        if _list_break(text, spans[first - 1][1], spans[first][0]):
            break
        first -= 1
    while last + 1 < len(spans) and last - k < _LIST_REACH:
        if _list_break(text, spans[last][1], spans[last + 1][0]):
            break
        last += 1
    return first, last, k - first


# What governs a whole list: a topic naming a change before it ("삭감된 주요 사업은 ▲A 45억원 ▲B
# 7000만원", "증액 내역은"), or a change verb after its 등 ("A 695억원, B 240억원 등은 삭감됐다",
# "A 24억원, B 8억원 등 43건을 삭감했다").
_CHANGE_STEM = r"(?:증액|감액|삭감|증가|감소|늘어|늘린|줄어|줄인|깎)"
_LIST_HEAD_CHANGE = re.compile(
    _CHANGE_STEM + r"[가-힣]{0,4}\s?(?:된|한|난|든|인)?\s?(?:주요\s)?[가-힣\s]{0,10}(?:은|는|으로는|로는)\s*[▲△○·•\-]?"
    r"\s*[^.\n]{0,60}$"
)
# "세입예산은 A 3조원, B 3236억원, ...", "주요 세입재원은 ...": a list of revenue.
_LIST_HEAD_REVENUE = re.compile(
    r"(?:세입|수입|재원)[가-힣]{0,4}\s?(?:은|는|으로는|로는)\s*[▲△○·•\-]?\s*[^.\n]{0,60}$|revenue[^.\n]{0,30}:\s*$",
    re.I,
)
_LIST_HEAD_REQUEST = re.compile(r"(?:확보\s?목표|목표액|목표치|중점관리|건의|요청|신청|요구)[^.\n]{0,60}$")
_LIST_TAIL_CHANGE = re.compile(
    r"[^.\n]{0,12}?등(?:은|이|을|도|의)?\s?(?:\d+\s?(?:건|개\s?사업|개)(?:을|를|이|은|도)?\s)?(?:모두\s|각각\s|전액\s)?"
    + _CHANGE_STEM
    + r"|\s?(?:이|가|을|를|은|는)?\s?(?:각각|모두)\s?"
    + _CHANGE_STEM
)


# Lists whose topic or verb settles their members' roles (refine.py rules the other roles out):
# on the labelled train set 45 of 52 members of a list of changes are changes (the rest are
# revenue, allocations and a total), 19 of 19 members of a list of revenue are "other".
LIST_OF_CHANGES = "list_of_changes"
LIST_OF_REVENUE = "list_of_revenue"
HEAD_NATIONAL = "head=national"
# "국비 확보 중점관리대상 사업은 ▲A 50억원 ▲B 40억원", "건의한 사업은 A 30억원, B 20억원": money sought,
# not granted (on the labelled Korean texts 10 of 11 members of such lists are "other").
LIST_OF_REQUESTS = "list_of_requests"
# A grant the place won ("공모사업에 선정돼 국·도비 290억원을 확보", "특별교부세 30억원이 지원된다")
# is an allocation, not revenue, unless it is sought, planned or given back: on the labelled Korean
# texts 41 of 55 amounts in such sentences are allocations (most of the rest are thresholds and
# bands the text rules settle first, "국비 8조원대를 확보").
GRANT_WON = "grant_won"
_GRANT = re.compile(r"국비|도비|국·도비|국도비|교부세|공모|보조금|정부\s?예산|국가\s?예산")
_WON = re.compile(r"확보|선정|따냈|따내|지원받|지원된다|지원한다|반영됐|반영되|반영한")
_SOUGHT = re.compile(r"목표|요청|건의|요구|신청|계획|미반영|불발|제외|반납|반환|중점관리")


def _list_cues(cues: CueIndex, spans: list[tuple[int, int]], k: int, lo: int, hi: int) -> list[str]:
    text = cues.text
    first, last, place = _list_run(text, spans, k)
    if first == last:
        return ["single"]
    feats = [f"inlist={'first' if place == 0 else 'last' if k == last else 'mid'}"]
    head = text[max(lo, spans[first][0] - 80) : spans[first][0]]
    tail = text[spans[last][1] : min(hi, spans[last][1] + 80)]
    if _LIST_HEAD_CHANGE.search(head) or _LIST_TAIL_CHANGE.match(tail):
        feats.append(LIST_OF_CHANGES)
    if _LIST_HEAD_REVENUE.search(head):
        feats.append(LIST_OF_REVENUE)
    if _LIST_HEAD_REQUEST.search(head):
        feats.append(LIST_OF_REQUESTS)

    in_head = cues.cues_in(max(lo, spans[first][0] - 80), spans[first][0])
    in_tail = cues.cues_in(spans[last][1], min(hi, spans[last][1] + 80))
    for cue in _CUES:
        if cue in in_head:
            feats.append(f"{cue}@lhead")
        if cue in in_tail:
            feats.append(f"{cue}@ltail")
    return feats


def _sentence_cues(cues: CueIndex, start: int, end: int, lo: int, hi: int) -> list[str]:
    feats = []
    for name, seg in (("sb", (lo, max(lo, start - 90))), ("sa", (min(hi, end + 90), hi))):
        for cue in cues.cues_in(*seg):
            feats.append(f"{cue}@{name}")
    return feats


@dataclass(frozen=True)
class RoleCues:
    """What the role features read of a whole text, once a text for all its amounts."""

    index: CueIndex  # where the cue classes occur
    head_national: bool  # the text's head speaks of national money (HEAD_NATIONAL)


def role_cues(text: str) -> RoleCues:
    """Where the cue classes occur in text and what its head says: built once a text, asked by
    each of its amounts."""
    return RoleCues(CueIndex(text, _CUES), bool(NATIONAL_MONEY.search(text, 0, min(len(text), _HEAD))))


@lru_cache(maxsize=4096)
def _subject_cues(subject: str) -> tuple[str, ...]:
    """The cue classes a subject holds: subjects repeat within a text and across texts."""
    return tuple(f"{cue}@subject" for cue, pattern in _CUES.items() if pattern.search(subject))


def role_features(
    window: AmountWindow,
    text_cues: RoleCues,
    rule_role: str,
    subject: str | None,
    value: int,
    largest: int,
    rank: int,
    spans: list[tuple[int, int]],
    k: int,
) -> list[str]:
    """Features of the k-th amount of spans (every amount of the text, in order); text_cues: role_cues(text)."""
    text, start, end = window.text, window.start, window.end
    cues = text_cues.index
    lo, hi = _sentence(text, start, end)
    feats = ["prior", f"rule={rule_role}", f"rank={min(rank, 4)}"]  # prior: each language its own class bias
    feats += _region_cues(cues, start, end, lo, hi)
    feats += _sentence_cues(cues, start, end, lo, hi)
    feats += _list_cues(cues, spans, k, lo, hi)
    feats += _shape(text, start, end)
    for k, w in enumerate(reversed(window.before[-_NEAR:]), start=1):
        feats.append(f"b{k}={w.stem}")
    for k, w in enumerate(window.after[:_NEAR], start=1):
        feats.append(f"a{k}={w.stem}")
    if subject:
        feats += _subject_cues(subject)
    if largest > 0 and 0 < value <= largest:
        feats.append(f"ratio={min(int(math.log10(largest / value) * 2), 8)}")
        if value == largest:
            feats.append("largest")
    feats.append(f"rule_rank={rule_role}{min(rank, 2)}")
    if window.korean and _GRANT.search(text, lo, hi) and _WON.search(text, lo, hi) and not _SOUGHT.search(text, lo, hi):
        feats.append(GRANT_WON)
    if text_cues.head_national:
        feats.append(HEAD_NATIONAL)  # a report on national money secured: its sums are grants, not budgets
    return feats
