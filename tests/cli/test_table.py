"""Terminal tables line up by display width: a Hangul syllable takes two columns."""

from __future__ import annotations

import pytest

from cli.table import Column, cut, render, width


@pytest.mark.parametrize(
    ("text", "columns"),
    [("abc", 3), ("나주시", 6), ("광주 AI 239억원", 15), ("㏊", 2), ("", 0), ("tab\there", 8)],
)
def test_width_counts_display_columns(text: str, columns: int) -> None:
    assert width(text) == columns


def test_columns_start_at_the_same_display_column_in_every_row() -> None:
    rows = [("239억원", "나주시", "total", "예산 총규모"), ("$1.2 million", "Solmoe County", "allocation", "trail"),
            ("3억5천만원", "솔뫼군", "other", "-")]  # fmt: skip
    lines = render(rows, [Column(align=">"), Column(), Column(), Column()])
    for column in range(1, 4):
        starts = {width(line[: line.index(row[column])]) for line, row in zip(lines, rows, strict=True)}
        assert len(starts) == 1, (column, lines)
    ends = {width(line[: line.index(row[0]) + len(row[0])]) for line, row in zip(lines, rows, strict=True)}
    assert len(ends) == 1  # right-aligned amounts end in one column


def test_cut_keeps_within_the_width_and_marks_the_cut() -> None:
    title = "광주시장 AI·모빌리티로 성장엔진 다시 켠다…내년 예산 7조6823억"
    short = cut(title, 20)
    assert width(short) <= 20 and short.endswith("…") and title.startswith(short[:-1])
    assert cut("짧은 제목", 20) == "짧은 제목"
