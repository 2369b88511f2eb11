"""Words are read only within reach of an amount (window.read_words): every amount's window holds
the words, gaps and joins a reading of the whole text gives it."""

from __future__ import annotations

import pytest

from extract.statements import window as w
from extract.statements.extractor import extract_statements
from extract.statements.training import read_docs
from extract.statements.window import AmountWindow, DocumentWords, read_window, read_words
from tests.shared import shared_path

# Texts of our own: reaches that touch, overlap and stand apart, no space for long stretches,
# amounts glued inside words, a table of figures.
_OWN = [
    ("조성(75억원)을 30억원·40억원. 다음 20억원", True),
    (
        "시는 " + "가나다라마바사 " * 40 + "도로 정비에 30억원을 들인다. " + "아자차카타파하 " * 40 + "다리에 5억원.",
        True,
    ),
    ("가" * 300 + "도로정비30억원을" + "나" * 300 + " 다리 5억원", True),
    ("예산 " + "1." * 2000 + " 3억원 " + "x" * 500 + " 4억원", True),
    ("The council set aside $3 million for roads. " + "Nothing else was said here. " * 12 + "Parks got $1.2m.", False),
    ("|" + "|".join(f"항목{k} {k}억원" for k in range(1, 80)) + "|", True),
]


def _whole_reading(
    text: str, korean: bool, spans: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> DocumentWords:
    """The words of the whole text: every reach made as long as the text."""
    with monkeypatch.context() as m:
        m.setattr(w, "REACH_BEFORE", len(text) + 1)
        m.setattr(w, "REACH_AFTER", len(text) + 1)
        return read_words(text, korean, spans)


def _comparable(window: AmountWindow) -> AmountWindow:
    """The window, the first word of each side joining nothing: whether it joins the word before
    it, which the window does not hold, is never read."""
    before = (window.before[0]._replace(joins_previous=False), *window.before[1:]) if window.before else ()
    after = (window.after[0]._replace(joins_previous=False), *window.after[1:]) if window.after else ()
    return AmountWindow(
        window.text, window.start, window.end, before, after, window.korean, window.before_gaps, window.after_gaps
    )


def test_windows_as_read_from_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl"))
    texts = [(d["text"], d.get("lang") != "en") for d in docs] + _OWN
    windows, fewer = 0, 0
    for text, korean in texts:
        spans = [(st.amount.start, st.amount.end) for st in extract_statements(text, rules_only=True)]
        assert spans, text[:40]
        reached = read_words(text, korean, spans)
        whole = _whole_reading(text, korean, spans, monkeypatch)
        assert len(reached.words) <= len(whole.words)
        fewer += len(reached.words) < len(whole.words)
        for start, end in spans:
            got = _comparable(read_window(reached, start, end))
            assert got == _comparable(read_window(whole, start, end))
            windows += 1
    assert windows > 800
    assert fewer > 20  # texts with words out of every amount's reach, left unread


def test_a_text_without_amounts_has_no_words() -> None:
    assert read_words("도로 정비 사업", True, []).words == ()
