"""Roles a subject rules out, whatever the model says. Subjects written for this test."""

from __future__ import annotations

import pytest

from extract.statements.subject_roles import roles_ruled_out


@pytest.mark.parametrize(
    ("subject", "korean", "grant_won", "ruled_out"),
    [
        ("내년도 예산안", True, False, {"allocation"}),  # a whole budget is no allocation within it
        ("특별회계", True, False, {"allocation"}),
        ("내년도 예산(안)", True, False, {"allocation"}),  # a proposal written "(안)" is one too
        ("도교육청", True, False, {"allocation"}),  # an education office or the funds alone: its whole
        ("기금", True, False, {"allocation"}),
        ("교육청 전출금", True, False, set()),  # money paid to the office is an item
        ("지방소멸대응기금 12개 사업", True, False, set()),
        ("내년 국비", True, False, {"total"}),  # national money is no whole budget
        ("지방세와 세외수입", True, False, {"allocation", "total", "change"}),  # revenue is "other"
        ("특별교부세", True, True, set()),  # unless it is a grant the place won
        ("세수 감소로 줄어든 복지 예산", True, False, {"total"}),  # headed by an item's 예산, not by revenue
        ("가로등 교체 예산", True, False, {"total"}),  # an item's budget is never the whole
        ("내년도 예산", True, False, set()),  # the year's budget may be
        ("광산구의 예산", True, False, set()),  # and so may a place's
        ("제2회 추경 예산", True, False, {"allocation"}),
        ("체육공원 조성사업", True, False, set()),
        ("council reserves", False, False, {"allocation", "total", "change"}),  # money held is "other"
        ("road repairs", False, False, set()),
        (None, True, False, set()),
    ],
)
def test_roles_ruled_out(subject: str | None, korean: bool, grant_won: bool, ruled_out: set[str]) -> None:
    assert set(roles_ruled_out(subject, korean, grant_won)) == ruled_out
