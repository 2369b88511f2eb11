"""The action a reader is shown: one word of a small closed vocabulary, or nothing.

The rules find the first known verb after an amount (extractor._find_verb) and classify it; what
the reader sees is that class's word, never the fragment of text it was read from, and a request
is never shown as money secured.
"""

from __future__ import annotations

import re

from extract.statements.statement import Statement

KO_ACTIONS: dict[str, str] = {
    "invest": "투입",
    "allocate": "편성",
    "secure": "확보",
    "spend": "지원",
    "increase": "증액",
    "decrease": "삭감",
    "borrow": "차입",
    "approve": "의결",
    "request": "요청",
    "propose": "제출",
    "raise": "징수",
    "forecast": "전망",
}
EN_ACTIONS: dict[str, str] = {
    "invest": "invest",
    "allocate": "allocate",
    "secure": "secure",
    "spend": "spend",
    "increase": "increase",
    "decrease": "cut",
    "borrow": "borrow",
    "approve": "approve",
    "request": "request",
    "propose": "propose",
    "raise": "raise",
    "forecast": "forecast",
}
VOCABULARY = frozenset(KO_ACTIONS.values()) | frozenset(EN_ACTIONS.values())

# Money asked for, not granted: "반영을 요청했다", "건의", "asked the province for".
_REQUEST = re.compile(r"요청|건의|요구|신청|해\s?달라|촉구|request|asked|seek|sought|apply for|applied for", re.I)
_LEFT_OUT = re.compile(
    r"포함되지\s?않|반영되지\s?않|미반영|제외|불발|무산|not included|not funded|left out|excluded|rejected|turned down",
    re.I,
)
_HANGUL = re.compile(r"[가-힣]")
_CLAUSE_END = re.compile(r"[.!?]\s|\n")


def display_action(statement: Statement, text: str) -> str | None:
    """The vocabulary word for the statement's action; "요청"/"request" when its clause asks for it."""
    korean = bool(_HANGUL.search(statement.sentence[:200]))
    table = KO_ACTIONS if korean else EN_ACTIONS
    a = statement.amount
    clause = text[a.end : a.end + 60]
    cut = _CLAUSE_END.search(clause)
    clause = clause[: cut.start()] if cut else clause
    if _LEFT_OUT.search(clause):
        return None  # "포함되지 않았다": nothing was done with it
    if _REQUEST.search(clause):
        return table["request"]
    if statement.action is None:
        return None
    if statement.action in ("increase", "decrease") and statement.role != "change":
        return None  # "예산규모는 5천억원으로 늘었다": the level did not rise by itself
    return table.get(statement.action)
