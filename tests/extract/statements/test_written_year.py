"""An undated Korean text that speaks of next year's budget and names a year's budget says when it
was written; relative years are read against that year. Sentences written for this test."""

from __future__ import annotations

import pytest

from extract.statements.extractor import extract_statements
from extract.statements.year_features import written_year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("도의회, 내년 예산 확정\n도의 2032년도 예산이 9조1천억원으로 확정됐다.", 2031),
        ("시가 제출한 내년도 예산안은 7조5천억원으로, 2031년 본예산(7조원)보다 7.1% 늘었다.", 2031),
        ("새해 예산 심사 돌입\n2033년도 도·교육청 예산안을 심의한다.", 2032),
        # no next year's budget, or no named year: the text does not say
        ("올해 제1회 추경 1천억원을 편성했다. 2031년 본예산은 3조원이다.", None),
        ("내년도 예산안은 4천억원 규모다.", None),
    ],
)
def test_written_year(text: str, year: int | None) -> None:
    assert written_year(text) == year


def test_next_year_in_an_undated_text_is_read_against_the_year_it_names() -> None:
    text = (
        "군의회, 내년 예산 확정\n군의 2032년도 예산이 5천120억원으로 확정됐다. "
        "이는 올해 본예산 4천900억원보다 220억원 늘어난 규모다."
    )
    found = {st.amount.text: st.fiscal_year for st in extract_statements(text)}
    assert found["5천120억원"] == 2032
    assert found["4천900억원"] == 2031
