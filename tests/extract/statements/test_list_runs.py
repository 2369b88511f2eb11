"""Which amounts form one list for the role features: a list ends where a sentence or a clause
closing on its verb ends. Sentences written for this test."""

from __future__ import annotations

import re

from extract.statements.role_features import LIST_OF_CHANGES, _list_cues, role_cues

_AMOUNT = re.compile(r"\d[\d,]*(?:억|만)?\s?원")


def _features(text: str, amount: str) -> list[str]:
    spans = [m.span() for m in _AMOUNT.finditer(text)]
    k = next(i for i, (s, e) in enumerate(spans) if text[s:e] == amount)
    return _list_cues(role_cues(text).index, spans, k, 0, len(text))


TEXT = "조정 내역은 도로 정비 2억원, 축제 지원 8000만원, 홍보 사업 5000만원 등이 감액됐고, 청년 일자리 예산은 3000만원 증액됐다."


def test_a_list_closed_by_its_verb_is_a_list_of_changes() -> None:
    assert LIST_OF_CHANGES in _features(TEXT, "8000만원")
    assert "inlist=last" in _features(TEXT, "5000만원")


def test_the_next_clause_is_no_member_of_the_list() -> None:
    assert _features(TEXT, "3000만원") == ["single"]


def test_a_list_within_one_clause_runs_on() -> None:
    text = "도로 정비 2억원, 축제 지원 8000만원, 청년 일자리 3000만원을 각각 증액했다."
    assert "inlist=last" in _features(text, "3000만원")
