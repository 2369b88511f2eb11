"""A Korean item named by a coordination longer than the ranker's four words keeps all of it.
Sentences written for this test."""

from __future__ import annotations

import pytest

from tests.extract.statements.read_text import subjects


@pytest.mark.parametrize(
    ("text", "amount", "subject"),
    [
        (
            "노후 교실 개선 532억원, 다목적강당 증축·보수 및 실내 체육시설과 학교운동장 조성·보수 230억원 등이다.",
            "230억원",
            "다목적강당 증축·보수 및 실내 체육시설과 학교운동장 조성·보수",
        ),
        (
            "디지털 교육 강화 등에 237억원, 국제 교육과 문화 다양성 교육 활성화와 평화 공감대 확산 등에 57억원을 반영했다.",
            "57억원",
            "국제 교육과 문화 다양성 교육 활성화와 평화 공감대 확산",
        ),
    ],
)
def test_the_whole_coordination_names_the_item(text: str, amount: str, subject: str) -> None:
    assert subjects(text, "ko")[amount] == subject


@pytest.mark.parametrize(
    ("text", "amount", "subject"),
    [
        # no conjunction: the chosen phrase stands
        ("군은 마을 안길 정비 사업에 10억원을 투입한다.", "10억원", "마을 안길 정비 사업"),
        # a list's comma ends the coordination
        ("청년 창업 지원 20억원, 노인 일자리 확대 30억원을 편성했다.", "30억원", "노인 일자리 확대"),
    ],
)
def test_without_a_conjunction_the_phrase_stands(text: str, amount: str, subject: str) -> None:
    assert subjects(text, "ko")[amount] == subject
