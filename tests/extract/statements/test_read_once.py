"""What is read once a text (or once a word) for speed gives what was read each time before."""

from __future__ import annotations

import pytest

from extract.statements.role_features import _CUES, HEAD_NATIONAL, _subject_cues, role_cues, role_features
from extract.statements.window import _JOINERS, _joins, read_window, read_words


@pytest.mark.parametrize(
    ("text", "national"),
    [
        ("정부, 국비 3천억원 확보… 시는 사업비 30억원을 들여 도로를 정비한다.", True),
        ("시는 사업비 30억원을 들여 도로를 정비한다. " * 10 + "국비 20억원도 확보했다.", False),
        ("The city won a federal funding of $3 million for roads.", True),
    ],
)
def test_head_national_read_once(text: str, national: bool) -> None:
    cues = role_cues(text)
    assert cues.head_national is national
    start = text.index("3")
    end = start + 1
    words = read_words(text, not text.startswith("The"), [(start, end)])
    feats = role_features(read_window(words, start, end), cues, "other", None, 1, 1, 1, [(start, end)], 0)
    assert (HEAD_NATIONAL in feats) is national


@pytest.mark.parametrize("subject", ["예산 증액", "국비 사업", "the capital budget", "도로", "Revenue increase"])
def test_subject_cues(subject: str) -> None:
    expected = tuple(f"{cue}@subject" for cue, pattern in _CUES.items() if pattern.search(subject))
    assert _subject_cues(subject) == expected


@pytest.mark.parametrize("gap", ["", " ", "·", "\t", ", ", " · ", "  ", "(", " ∙ ", ".", "ㆍ"])
def test_joins_is_only_joiners_between(gap: str) -> None:
    text = "도로" + gap + "정비"
    assert _joins(text, 2, 2 + len(gap)) is (not gap.strip(_JOINERS))
    assert _joins(text, None, 2 + len(gap)) is False


def test_words_join_as_before() -> None:
    text = "도시철도 2호선·지하철 건설, 사업비 \t 정비"
    words = read_words(text, True, []).words
    assert [w.text for w in words] == ["도시철도", "2호선", "지하철", "건설", "사업비", "정비"]
    assert [w.joins_previous for w in words] == [False, True, True, True, False, True]
