"""What a statement is about: its project (a named project or a whole budget of one stage) or
nothing. Every answer carries its reason; when unsure, the answer is "no project", so no change
can be claimed from a figure that may be something else."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from changes.naming import ProjectName, project_key

# A subject that only names a kind of money ("국비", "내년 도비", "사업비") says whose money, not
# what for: two "국비" figures of one city are unrelated grants, never one project.
MONEY_WORDS = frozenset(
    "국비 국고 도비 시비 군비 구비 민자 지방비 자체 자체재원 교부세 특별교부세 보통교부세 지방채 기금 재원 "
    "예산 사업비 총사업비 예산안 세입 세출 지방세 세수 예비비 부채 빚 채무 잔액 규모 금액 총액".split()
)
_SUPPLEMENTARY = re.compile(r"추경|추가경정")
_ORDINAL = re.compile(r"제?\s*(\d+)\s*(?:회|차)\s*(?:추경|추가경정)")
_SETTLEMENT = re.compile(r"결산")
_COMPARED = re.compile(r"\s*(?:예산안?|액)?\s*(?:보다|대비|에\s?비해|과\s?비교)")
# "7조9천억원(규모)의 제1회 추경안": the stage named right after the amount is its own
_STAGE_AFTER = re.compile(r"^\s*(?:규모|수준)?\s*(?:의|인|짜리)\s*(?:제\s?(\d+)\s?회\s?)?(?:추경|추가경정)")
_MAIN = re.compile(r"본예산|당초\s?예산")
# After the amount: "...원 늘어난/증가한/증액된/줄어든" makes it a difference, not a level.
_DELTA_AFTER = re.compile(
    r"^\s*(?:이|가|을|를|이나|가량|정도|\))?\s*(?:늘|증가|증액|줄|감소|감액|삭감|많|적|늘어|불어|축소|확대된|"
    r"상승|하락|오른|올랐|내린)"
)
_DELTA_BEFORE = re.compile(r"(?:대비|보다|에\s?비해|비해|전년\s?대비|전년보다)\s*(?:\S+\s*)?$")
_LEVEL_AFTER = re.compile(r"^\s*(?:으로|로|규모|의\s*규모)")


@dataclass(frozen=True)
class StatementFacts:
    """What the rules read from one statement (a plain value: no database, no ORM)."""

    subject: str | None
    role: str  # total | allocation | change | other
    value: int = 0
    currency: str = "KRW"
    action: str | None = None
    stage: str | None = None
    funding: str | None = None
    fiscal_year: int | None = None
    org: str | None = None
    sentence: str = ""
    amount_text: str = ""


@dataclass(frozen=True)
class Identity:
    name: ProjectName | None
    reason: str


def stage_of(facts: StatementFacts) -> str:
    """Which budget of a fiscal year a figure belongs to: "본예산", "추경 N" or "결산". The subject
    decides first, then a stage named right after the amount, then the nearest one before it that
    is not a comparison base ("본예산보다"), then the extractor's stage of the sentence or article."""
    found = _stage_in(facts.subject or "")
    if found:
        return found
    sentence = facts.sentence
    at = sentence.find(facts.amount_text) if facts.amount_text else -1
    if at >= 0:
        following = _STAGE_AFTER.match(sentence[at + len(facts.amount_text) :])
        if following:
            return f"추경 {following.group(1) or 1}"
        before = sentence[:at]
        marks = [(m.end(), "main") for m in _MAIN.finditer(before)]
        marks += [(m.end(), "supp") for m in _SUPPLEMENTARY.finditer(before)]
        marks += [(m.end(), "settle") for m in _SETTLEMENT.finditer(before)]
        # "본예산보다 9.7% 늘어난 1조4,039억원": the stage compared with is not the amount's own
        marks = [(end, kind) for end, kind in marks if not _COMPARED.match(before[end:])]
        if marks:
            end, kind = max(marks)
            if kind == "main":
                return "본예산"
            if kind == "settle":
                return "결산"
            ordinal = _ORDINAL.search(before[max(0, end - 12) : end + 4])
            return f"추경 {ordinal.group(1) if ordinal else 1}"
    return _stage_in(facts.stage or "") or "본예산"


def _stage_in(text: str) -> str | None:
    if _MAIN.search(text):
        return "본예산"
    if _SUPPLEMENTARY.search(text):
        ordinal = _ORDINAL.search(text)
        return f"추경 {ordinal.group(1) if ordinal else 1}"
    if _SETTLEMENT.search(text):
        return "결산"
    return None


def is_difference(facts: StatementFacts) -> bool:
    """True when the amount is a difference ("1,108억원 늘어난"), never a level to compare with one."""
    if facts.role == "change":
        return True
    sentence, text = facts.sentence, facts.amount_text
    at = sentence.find(text) if text else -1
    if at < 0:
        return False
    after, before = sentence[at + len(text) :], sentence[:at]
    if _LEVEL_AFTER.match(after):
        return False
    return bool(_DELTA_AFTER.match(after) or _DELTA_BEFORE.search(before[-20:]))


def identify(facts: StatementFacts) -> Identity:
    """The project a statement speaks of, with why; name None with the reason when there is none."""
    if facts.role not in ("total", "allocation"):
        return Identity(None, f"role {facts.role}: not an amount of a project")
    if is_difference(facts):
        return Identity(None, "a difference between two amounts, not an amount of its own")
    text = unicodedata.normalize("NFKC", facts.subject or "").strip()
    if facts.role == "total":
        return _whole_budget(text, stage_of(facts))
    if not text:
        return Identity(None, "no subject")
    key = project_key(text)
    if key in MONEY_WORDS or re.sub(r"\s+", "", text) in MONEY_WORDS:
        return Identity(None, f"subject {text!r} names a kind of money, not what it is for")
    if len(key) < 2:
        return Identity(None, f"subject {text!r} is too short to name a project")
    return Identity(ProjectName(key, "project", text), "named project")


def _whole_budget(subject: str, stage: str) -> Identity:
    account = "일반회계" if "일반회계" in subject else "특별회계" if "특별회계" in subject else ""
    suffix = {"일반회계": "_general", "특별회계": "_special", "": ""}[account]
    label = f"{account} " if account else ""
    if stage.startswith("추경"):
        number = stage.split()[1]
        name = f"제{number}회 추가경정예산" + (f" {account}" if account else "")
        return Identity(ProjectName(f"__supplementary_{number}{suffix}__", "supplementary", name),
                        f"whole budget of the {number}th supplementary budget (추경)")  # fmt: skip
    if stage == "결산":
        return Identity(ProjectName(f"__settlement{suffix}__", "settlement", f"{label}결산".strip()),
                        "settled accounts (결산), not a budget")  # fmt: skip
    name = f"{account} 예산" if account else "예산 총규모"
    return Identity(ProjectName(f"__budget{suffix}__", "budget", name), "whole main budget (본예산)")


def match_known(new_key: str, known: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The first known project (id, key) of the same organisation that ``new_key`` names, with why."""
    from changes.naming import same_project_reason

    for project_id, key in known:
        reason = same_project_reason(new_key, key)
        if reason:
            return project_id, reason
    return None
