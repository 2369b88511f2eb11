"""Roles a statement's subject rules out, whatever the model scores: what a phrase names (a whole
budget, revenue, national money, money held or owed) settles what its amount cannot be.

Each pattern names how many labelled amounts it holds for; they were chosen by reading the
labelled train set (../shared/eval), with the labelled subjects, not the predicted ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.statements.subjects import is_org_name
from extract.statements.vocabulary import EN_NOT_SPENT_HEAD, KO_TOTAL_SUBJECT, NATIONAL_MONEY

# A budget, an account or a stage as a whole is no allocation within it: on the labelled Korean
# train set 211 of 214 amounts whose labelled subject names one are totals, changes or other.
_WHOLE_BUDGET = re.compile(
    r"일반회계|특별회계|예산안|예산\s?\(안\)|본예산|추경|추가경정|당초예산|기정예산|최종예산|총예산|예산\s?규모|세출"
)


# An education office or the funds named alone ("도교육청은 4조1천35억원이다", "기금은 3308억원으로"):
# its whole budget, or a change of it, never an allocation within the place's budget. The 10
# labelled Korean amounts (train and dev) whose subject is one are 6 totals and 4 changes.
_WHOLE_BODY = re.compile(r"^(?:[가-힣]{0,12}교육청|기금)$")

# Revenue, debt and carried-over money are "other", even when they grow or shrink: 51 of the 54
# labelled Korean amounts whose subject names one and no whole budget (the rest: a revenue
# guarantee's shortfall and two grants named by their project: a grant won is an allocation,
# role_features.GRANT_WON). The head of a Korean phrase is its last word: "세수 감소로 줄어든
# 예산" is no revenue, "지방세와 세외수입" is.
_REVENUE = re.compile(r"세입|수입|교부세|지방세|세외|잉여금|이월금|지방채|채무|부채|세수")

# A target is money sought, not granted or spent: the 4 labelled amounts whose subject names one
# ("국비 확보 목표액", "당초 목표치") are "other".
_TARGET = re.compile(r"목표|\btargets?\b|\bgoals?\b", re.I)


@lru_cache(maxsize=4096)  # subjects repeat within a text and across texts
def roles_ruled_out(
    subject: str | None, korean: bool, grant_won: bool = False, national_report: bool = False
) -> tuple[str, ...]:
    """The roles an amount whose subject is `subject` cannot have; grant_won: its sentence tells of
    a grant the place won (role_features.GRANT_WON), which is spending, not revenue;
    national_report: the text opens on national money (role_features.HEAD_NATIONAL)."""
    if not subject:
        return ()
    if _TARGET.search(subject):
        return ("allocation", "total", "change")
    # in a report on the national money each place got, a place's figure is what it got, never its
    # whole budget ("전라남도는 5.6% 증가한 7조1896억원"): the 13 labelled Korean amounts whose
    # subject is a place in such a text are 9 allocations, 3 changes and 1 other
    if national_report and korean and is_org_name(subject.replace(" ", "")):
        return ("total",)
    if not korean:
        return ("allocation", "total", "change") if EN_NOT_SPENT_HEAD.search(subject) else ()
    out: tuple[str, ...] = ()
    whole = _WHOLE_BUDGET.search(subject) or _WHOLE_BODY.match(subject.replace(" ", ""))
    if whole:
        out += ("allocation",)
    # national money granted to a local government is never its whole budget: none of the 30
    # labelled Korean amounts whose subject names it is a total (17 allocations, 9 other, 4 changes)
    if NATIONAL_MONEY.search(subject):
        out += ("total",)
    if _REVENUE.search(subject.split()[-1]) and not whole and not grant_won:
        out += ("allocation", "total", "change")
    if not whole and _item_budget(subject):
        out += ("total",)
    return out


# "가로등 교체 예산", "학교급식비 예산": an item's budget is part of the whole, never the whole. Of the
# 43 labelled Korean amounts (train and dev) whose subject is a phrase ending in 예산 that names no
# whole budget, stage, time or organisation, none is a total (15 allocations, 26 changes, 2 other).
_ITEM_BUDGET = re.compile(r"\S\s+\S*예산$")


def _item_budget(subject: str) -> bool:
    if not _ITEM_BUDGET.search(subject) or KO_TOTAL_SUBJECT.match(subject):
        return False
    return not any(is_org_name(word.removesuffix("의")) for word in subject.split())
