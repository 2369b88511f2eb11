"""A council, a committee or the executive acting on the money is never what the money is for.
Sentences written for this test."""

from __future__ import annotations

from tests.extract.statements.read_text import subjects


def test_a_committee_that_acts_is_no_subject() -> None:
    found = subjects("예결위는 삭감한 예산 중 15억원을 농어민 공익수당 등에 증액 편성했다.", "ko")
    assert found["15억원"] is not None and "예결위" not in found["15억원"]
    found = subjects(
        "상임위원회에서 4000만원 전액이 삭감되었던 '시민 한마당' 사업 예산은 예결위에서도 전액 삭감되었다.", "ko"
    )
    assert found["4000만원"] == "시민 한마당"
    found = subjects("군의회 예산결산특별위원회는 7469억원 규모 본예산을 심사했다.", "ko")
    assert found["7469억원"] == "본예산"


def test_committees_listed_as_items_stay_the_subjects() -> None:
    found = subjects("상임위별 삭감액은 행정자치위원회 21억원, 복지안전위원회 30억원이다.", "ko")
    assert found["21억원"] == "행정자치위원회"
    assert found["30억원"] == "복지안전위원회"
