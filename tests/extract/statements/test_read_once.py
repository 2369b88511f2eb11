"""What is read once a text (or once a word) for speed gives what was read each time before."""

from __future__ import annotations

import bisect

import pytest

from extract.statements.extractor import _HANGUL_RUN, extract_statements, is_korean
from extract.statements.role_features import _CUES, HEAD_NATIONAL, _subject_cues, role_cues, role_features
from extract.statements.training import read_docs
from extract.statements.window import (
    _JOINERS,
    REACH_AFTER,
    REACH_BEFORE,
    DocumentWords,
    _joins,
    read_window,
    read_words,
)
from extract.statements.year_words import _YEAR, _starts_of, year_start_matches
from tests.shared import shared_path


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
    text = "도시철도 2호선·지하철 건설, 사업비 \t 정비 5억원"
    words = read_words(text, True, [(len(text) - 4, len(text))]).words
    assert [w.text for w in words] == ["도시철도", "2호선", "지하철", "건설", "사업비", "정비"]
    assert [w.joins_previous for w in words] == [False, True, True, True, False, True]


def _gaps_one_by_one(words: DocumentWords, start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The gaps as counted word by word before they were counted by C maps."""
    lo = bisect.bisect_left(words.starts, max(0, start - REACH_BEFORE))
    mid = bisect.bisect_left(words.starts, start)
    hi = bisect.bisect_left(words.starts, min(len(words.text), end + REACH_AFTER))
    after = [i for i in range(mid, hi) if words.words[i].start >= end]
    amounts, breaks = bisect.bisect_right(words.amount_ends, start), bisect.bisect_left(words.breaks, start)
    before_gaps = [
        (max(amounts - words.amounts_from[i], 0), breaks - words.breaks_from[i])
        if words.words[i].end < start
        else (0, 0)
        for i in range(lo, mid)
    ]
    amounts, breaks = bisect.bisect_left(words.amount_starts, end), bisect.bisect_left(words.breaks, end - 1)
    after_gaps = [
        (max(words.amounts_to[i] - amounts, 0), words.breaks_to[i] - breaks) if words.words[i].start > end else (0, 0)
        for i in after
    ]
    return before_gaps, after_gaps


def test_window_gaps_as_counted_one_by_one() -> None:
    docs = read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl"))
    texts = [(d["text"], d.get("lang") != "en") for d in docs] + [("조성(75억원)을 30억원·40억원. 다음 20억원", True)]
    for text, korean in texts:
        spans = [(st.amount.start, st.amount.end) for st in extract_statements(text, rules_only=True)]
        words = read_words(text, korean, spans)
        for start, end in spans:
            window = read_window(words, start, end)
            before, after = _gaps_one_by_one(words, start, end)
            assert list(window.before_gaps) == before
            assert list(window.after_gaps) == after
            assert len(window.before) == len(before) and len(window.after) == len(after)


def test_korean_counted_part_by_part() -> None:
    docs = read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl"))
    texts = [d["text"] for d in docs] + ["", "가", "a" * 1000 + "가" * 51, "a" * 1000 + "가" * 52, "x" * 399 + "가나"]
    for text in texts:
        for head in (text, text[:5000], text[:401]):
            assert is_korean(head, None) is (sum(map(len, _HANGUL_RUN.findall(head))) > len(head) / 20)


def test_year_starts_of_two_texts_taking_turns() -> None:
    text = "2024년 예산 3억원, 2025년도 예산안 " * 120
    head = text[:3000]
    for _ in range(2):
        for t in (text, head, text):
            expected = [m.span() for m in _YEAR.finditer(t, 10, 2990)]
            assert [m.span() for m in year_start_matches(_YEAR, t, 10, 2990)] == expected
    assert _starts_of(head) is _starts_of(head)
