"""Lists: "A과 B에 각각 X원, Y원" pairs the k-th phrase with the k-th amount; in "A X원, B Y원" each
member after the first is named between the member before it and itself.

Sentences written for this test.
"""

from __future__ import annotations

import datetime

import pytest

from extract.statements.amounts import find_amounts
from extract.statements.extractor import extract_statements
from extract.statements.respective import respective_subjects


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "세입을 보면 자체재원인 주민세 수입과 과징금이 각각 42억 원, 17억 원 늘었다.",
            {"42억 원": "주민세 수입", "17억 원": "과징금"},
        ),
        (
            "구는 공모에 선정돼 어린이 놀이터 정비사업과 하천 산책로로 각각 8억원과 3억5000만원을 받는다.",
            {"8억원": "어린이 놀이터 정비사업", "3억5000만원": "하천 산책로"},
        ),
        (
            "도서관 건립, 경로당 보수와 체육공원 조성에 각각 12억원, 3억원, 8억원을 편성했다.",
            {"12억원": "도서관 건립", "3억원": "경로당 보수", "8억원": "체육공원 조성"},
        ),
        # the word before 각각 is the actor, not the list: nothing is paired
        ("다만 트램과 야구장 건설 예산은 시가 각각 780억 원과 190억 원을 신청했다.", {}),
        # each clause names its own amount
        ("일반회계는 5조원으로, 특별회계는 2조원으로 각각 편성됐다.", {}),
        # as many phrases as amounts, or none
        ("주차장과 공원에 각각 10억원, 20억원, 30억원을 쓴다.", {}),
    ],
)
def test_respective_pairs(text: str, pairs: dict[str, str]) -> None:
    amounts = find_amounts(text)
    found = respective_subjects(text, [(a.start, a.end) for a in amounts])
    assert {amounts[k].text: text[s:e] for k, (s, e) in found.items()} == pairs


def test_the_text_pairs_them_whatever_the_model_prefers() -> None:
    text = "군은 올해 어린이 놀이터 정비사업과 하천 산책로에 각각 8억원과 3억원을 편성했다."
    got = extract_statements(text, published=datetime.date(2031, 3, 1))
    assert [(s.amount.text, s.subject) for s in got] == [("8억원", "어린이 놀이터 정비사업"), ("3억원", "하천 산책로")]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "상임위원회별 삭감액은 행정자치위원회 21억원, 복지안전위원회 30억원, 환경도시위원회 88억원 등이다.",
            [("21억원", "행정자치위원회"), ("30억원", "복지안전위원회"), ("88억원", "환경도시위원회")],
        ),
        (
            "성질별 편성 내역은 인건비가 453억원, 운영비 120억원, 시설비 98억원이다.",
            [("120억원", "운영비"), ("98억원", "시설비")],
        ),
    ],
)
def test_a_list_member_is_named_after_the_member_before_it(text: str, pairs: list[tuple[str, str]]) -> None:
    got = {s.amount.text: s.subject for s in extract_statements(text, published=datetime.date(2031, 3, 1))}
    assert [(amount, got[amount]) for amount, _ in pairs] == pairs
