"""Patterns rewritten for speed find what they were written to find: each is checked against the
pattern it replaced (kept here as written before) at every place of written, labelled and
generated texts."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from bench.statement_speed import generate_article
from extract.statements import (
    amounts,
    cue_index,
    extractor,
    org_in_force,
    orgs,
    respective,
    role_features,
    subjects,
    window,
    year_words,
)
from extract.statements.training import read_docs
from extract.statements.vocabulary import STAGES
from tests.shared import shared_path

# (the pattern in use, the pattern it replaced)
REWRITES = {
    "window word": (
        window._WORD,
        re.compile(r"(?:[^\s,;:…“”\"'‘’\[\]△▲▷○●■□◆◇※|·.]|(?<![가-힣])\.|\.(?!\S))+"),
    ),
    "window break": (window._BREAK, re.compile(r"[.!?。]\s|\n|(?<=[가-힣])\.(?=\S)")),
    "korean amount start": (
        amounts._KO_START,
        re.compile(
            r"(?<!\d)(?<!\d[.,])\d(?=[\d,.]{0,40}\s?(?:[십백천만억조원]|여\s?[만억조원]))"
            r"|(?<![가-힣])[일이삼사오육칠팔구십백천](?=[일이삼사오육칠팔구십백천만억조\d,.\s]{0,60}?원)"
        ),
    ),
    "subject hard break": (
        subjects._HARD_BREAK,
        re.compile(r"[,;:…“”\"\[\]△▲▷○●■□◆◇※|]|\.\s|(?<=\s)\(|^\("),
    ),
    "subject token": (
        subjects._TOKEN,
        re.compile(r"(?:[^\s,;:…“”\"'‘’()\[\]△▲▷○●■□◆◇※|]|\((?![^()]*\d\s?(?:억|조|만|천|원|%))[^()\s]{1,12}\))+"),
    ),
    "role amount-like": (
        role_features._AMOUNTISH,
        re.compile(r"\d[\d,.]*\s?(?:[억조만]|원|million|billion|m\b|bn\b)|[$£€]\s?\d", re.I),
    ),
    "bare topic": (
        org_in_force._BARE_TOPIC,
        re.compile(r"(?<![가-힣])(시|도|군|구|교육청)(?:(?:은|는|이|가|에서는|에서)(?![가-힣])|\s(?=\d))"),
    ),
    "respectively": (respective._RESPECTIVELY, re.compile(r"(?<=\s)각각\s")),
    "stage adopted": (STAGES[6][0], re.compile(r"\b(?:adopted|approved|passed)\b", re.I)),
    "stage proposed": (STAGES[7][0], re.compile(r"\b(?:proposed|draft|recommended)\b", re.I)),
    "korean org": (orgs._KO_ORG, re.compile(orgs._KO_ORG.pattern.replace("(?=[가-힣])", "", 1))),
    "role sentence end": (role_features.SENTENCE_END, re.compile(r"[.!?。]\s|\n")),
    "extractor sentence end": (extractor._SENTENCE_END, re.compile(r"(?<=[.!?。])\s+|\n+")),
    "year letter": (year_words._LETTER, re.compile(r"[a-z]", re.I)),
    "cue letter": (cue_index._LETTER, re.compile(r"[a-z]", re.I)),
}

WRITTEN = [
    "",
    "사업비 1.5억원. 2.3억원은\n3억원",
    "반영됐다.2017·2018년도 예산 4.7% U.S. 됐다.주요 사업",
    "삼천억원, 이천오백만 원 사업 일이삼 원 1,000억원 1.1.1.1억원",
    "12.5조원? 끝! 다음。\n\n다. 가.나",
    "“인용” [표] △항목 ▲항목 ○ ● ■ □ ◆ ◇ ※ | 칸 · 점… 끝; 예: 1",
    "2024년 3천5백억 원 9천여 만원 870여억원 5억 여원 ,3억원 .5억원",
]


def _texts() -> list[str]:
    rng = random.Random(7)
    docs = read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl"))
    return WRITTEN + [d["text"] for d in docs] + [generate_article(rng) for _ in range(20)]


def _found(
    pattern: re.Pattern[str], text: str, lo: int, hi: int
) -> list[tuple[tuple[int, int], tuple[str | Any, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, lo, hi)]


@pytest.mark.parametrize("name", sorted(REWRITES))
def test_same_matches_everywhere(name: str) -> None:
    new, old = REWRITES[name]
    for text in _texts():
        assert _found(new, text, 0, len(text)) == _found(old, text, 0, len(text))
        for lo in range(0, len(text), 7):  # from every 7th place: look-behinds at the start
            hi = min(len(text), lo + 60)
            m_new, m_old = new.match(text, lo, hi), old.match(text, lo, hi)
            assert (m_new and m_new.span()) == (m_old and m_old.span())
            s_new, s_old = new.search(text, lo, hi), old.search(text, lo, hi)
            assert (s_new and s_new.span()) == (s_old and s_old.span())


def test_letters_written_out() -> None:
    """A case-blind "[a-z]" matches four letters beyond ASCII; the written-out class has them."""
    for code in range(0x3000):
        c = chr(code)
        assert bool(year_words._LETTER.match(c)) == bool(re.match(r"[a-z]", c, re.I))


def test_random_strings() -> None:
    rng = random.Random(1)
    alphabet = list("가사이일천백억원조만 .\n\t,·()0123456789%!?。aZıİK;“-$€mM") + [
        "다.",
        "억원",
        ". ",
        ".\n",
        " (",
        "MİLLION",
        "bn",
        "(AI)",
    ]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for new, old in REWRITES.values():
            assert _found(new, text, 0, len(text)) == _found(old, text, 0, len(text))
            for lo in range(len(text) + 1):
                s_new, s_old = new.search(text, lo), old.search(text, lo)
                assert (s_new and s_new.span()) == (s_old and s_old.span())
