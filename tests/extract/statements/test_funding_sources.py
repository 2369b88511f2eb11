"""Who pays is not what the money is for: a funding source right before the amount gives way to
the project the sentence names, unless the sentence breaks a whole down by who pays it.
Sentences written for this test."""

from __future__ import annotations

import pytest

from tests.extract.statements.read_text import subjects


@pytest.mark.parametrize(
    ("text", "amount", "subject"),
    [
        (
            "군은 올해 해안 풍수해 생활권 종합정비사업에 선정돼 국·도비 310억원을 확보했다.",
            "310억원",
            "해안 풍수해 생활권 종합정비사업",
        ),
    ],
)
def test_the_project_beats_its_funding_source(text: str, amount: str, subject: str) -> None:
    found = subjects(text, "ko")
    assert found[amount] is not None and subject.split()[-1] in found[amount]


def test_a_breakdown_by_source_keeps_the_sources() -> None:
    found = subjects("선정된 공모사업의 총사업비 900억원 중 국·도비 600억원, 시비 300억원 등이다.", "ko")
    assert found["600억원"] == "국·도비"
    assert found["300억원"] == "시비"
