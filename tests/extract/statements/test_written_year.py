"""An undated Korean text that speaks of next year's budget and names a year's budget says when it
was written; relative years are read against that year. Sentences written for this test."""

from __future__ import annotations

import pytest

from extract.statements.extractor import extract_statements
from extract.statements.refine import iter_statement_inputs
from extract.statements.year_features import written_year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("도의회, 내년 예산 확정\n도의 2032년도 예산이 9조1천억원으로 확정됐다.", 2031),
        ("시가 제출한 내년도 예산안은 7조5천억원으로, 2031년 본예산(7조원)보다 7.1% 늘었다.", 2031),
        ("새해 예산 심사 돌입\n2033년도 도·교육청 예산안을 심의한다.", 2032),
        # a year's main budget proposal is debated the year before; a supplementary one is not
        ("인천시의회는 제3회 추경과 2034년도 예산안 심사에 돌입했다.", 2033),
        ("군은 2034년도 본예산안을 의회에 제출했다.", 2033),
        ("시는 2034년도 제2회 추가경정예산안을 제출했다.", None),
        ("2034년 추경 예산안 1천억원", None),
        # no next year's budget, or no named year: the text does not say
        ("올해 제1회 추경 1천억원을 편성했다. 2031년 본예산은 3조원이다.", None),
        ("내년도 예산안은 4천억원 규모다.", None),
    ],
)
def test_written_year(text: str, year: int | None) -> None:
    assert written_year(text) == year


def test_an_undated_text_reads_relative_years_against_the_year_it_names() -> None:
    """The year the text names is where the model's relative-year candidates start, as a
    publication date's would be (the rules alone read the text without it)."""
    text = "군의회, 내년 예산 확정\n군의 2032년도 예산이 5천120억원으로 확정됐다."
    statements = extract_statements(text, rules_only=True)
    [inputs] = list(iter_statement_inputs(text, statements, None, korean=True))
    marked = {year: [f for f in feats if f.startswith("pub") and f != "pub_only"] for year, feats in inputs.years}
    assert marked[2031] == ["pub+0"] and marked[2032] == ["pub+1"]
