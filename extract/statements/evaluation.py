"""Honest figures for the statement model: k-fold cross-validation on train, and dev scored by the
model fitted on all of train. No figure here comes from text the scoring model was fitted on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extract.statements.extractor import Statement
from extract.statements.scoring import Tally
from extract.statements.training import fit, folds, predict

LANGS = ("ko", "en")


def _as_predictions(statements: list[Statement]) -> list[dict[str, Any]]:
    return [
        {
            "start": st.amount.start,
            "end": st.amount.end,
            "value": st.amount.value,
            "currency": st.amount.currency,
            "subject": st.subject,
            "role": st.role,
            "fiscal_year": st.fiscal_year,
        }
        for st in statements
    ]


def _tally(docs: Sequence[dict[str, Any]], predicted: dict[str, list[Statement]]) -> dict[str, Tally]:
    tallies = {lang: Tally() for lang in LANGS}
    for doc in docs:
        tallies.setdefault(doc.get("lang") or "", Tally()).add(doc, _as_predictions(predicted[doc["id"]]))
    return tallies


def _line(name: str, tally: Tally) -> str:
    fig = tally.figures()
    return f"{name:<28} n={tally.gold:<4} " + "  ".join(f"{k} {v:.3f}" for k, v in fig.items())


def cross_validate(docs: Sequence[dict[str, Any]], k: int = 5) -> dict[str, Tally]:
    """Every document scored by a model fitted on the other folds."""
    parts = folds(docs, k)
    predicted: dict[str, list[Statement]] = {}
    for i, held_out in enumerate(parts):
        train = [d for j, part in enumerate(parts) if j != i for d in part]
        predicted.update(predict(held_out, fit(train)))
    return _tally(docs, predicted)


def cross_validation_report(train: Sequence[dict[str, Any]], dev: Sequence[dict[str, Any]], k: int = 5) -> str:
    lines = []
    rules_train = _tally(train, predict(train, None))
    cv = cross_validate(train, k)
    model = fit(train)
    rules_dev = _tally(dev, predict(dev, None))
    on_dev = _tally(dev, predict(dev, model))
    for lang in LANGS:
        lines.append(_line(f"{lang} train rules only", rules_train[lang]))
        lines.append(_line(f"{lang} train {k}-fold CV", cv[lang]))
        lines.append(_line(f"{lang} dev rules only", rules_dev[lang]))
        lines.append(_line(f"{lang} dev (fit on train)", on_dev[lang]))
    return "\n".join(lines)
