"""The loose place patterns (no word boundaries) find something wherever the place patterns do:
a text they skip has no place the dollar is read from."""

from __future__ import annotations

from extract.statements.currency import _TEXT_COUNTRY, _TEXT_COUNTRY_LOOSE, dollar_currency
from extract.statements.training import read_docs
from tests.shared import shared_path

# Written for this test.
TEXTS = (
    "Toronto and Ottawa councils",
    "NSW and Sydney",
    "New Zealand's Auckland",
    "Māori wards",
    "xToronto Ottawax",
    "토론토 예산",
    "AI 집적단지 SOC",
)


def test_loose_patterns_find_what_the_patterns_find() -> None:
    texts = list(TEXTS)
    for doc in read_docs(shared_path("eval/budget_dev.jsonl")) + read_docs(shared_path("eval/budget_train.jsonl")):
        texts += [doc["text"][lo : lo + 400] for lo in range(0, len(doc["text"]), 200)]
    for text in texts:
        for (pattern, _), loose in zip(_TEXT_COUNTRY, _TEXT_COUNTRY_LOOSE, strict=True):
            if pattern.search(text):
                assert loose.search(text), text


def test_dollar_by_places() -> None:
    assert dollar_currency(None, "Toronto and Ottawa councils") == "CAD"
    assert dollar_currency(None, "Sydney, NSW") == "AUD"
    assert dollar_currency(None, "xToronto Ottawax and Toronto") is None
    assert dollar_currency(None, "AI 집적단지 SOC") is None
