"""Fit the statement model from labelled JSONL (../shared/eval format) with scikit-learn.

`python -m extract.statements.make_model train|eval` (what `make train` and `make eval` run) calls
it. scikit-learn is needed here only: reading statements uses the weights file alone.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.statements.currency import dollar_currency
from extract.statements.extractor import Statement, extract_statements, is_korean
from extract.statements.linear import Classifier, Ranker, StatementModel, model_to_json
from extract.statements.masked_softmax import fit_masked_softmax
from extract.statements.refine import StatementInputs, apply_model, excluded_roles, iter_statement_inputs
from extract.statements.scoring import dice, gold_spans, overlap_pairs

MODEL_VERSION = "2026-11-29.11"
ROLES = ("allocation", "change", "other", "total")
# Regularisation chosen by 5-fold cross-validation on budget_train.jsonl (see `eval --sweep`).
SUBJECT_C = 0.3
ROLE_C = 1.0
YEAR_C = 1.0


@dataclass(frozen=True)
class Example:
    """One labelled amount the rules found, with what the model sees of it."""

    inputs: StatementInputs
    subject: str | None
    role: str
    year: int | None
    excluded: tuple[str, ...]  # the roles the text rules out (refine.excluded_roles)


def read_docs(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _published(doc: dict[str, Any]) -> datetime.date | None:
    value = doc.get("published")
    return datetime.date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


def rule_reading(doc: dict[str, Any]) -> tuple[list[Statement], list[StatementInputs]]:
    text, published = doc["text"], _published(doc)
    statements = extract_statements(
        text, published=published, lang=doc.get("lang"), url=doc.get("url"), rules_only=True
    )
    korean = is_korean(text[:5000], doc.get("lang"))
    dollar = dollar_currency(doc.get("url"), text)
    return statements, list(iter_statement_inputs(text, statements, published, korean, doc.get("url"), dollar))


def examples(docs: Sequence[dict[str, Any]]) -> list[Example]:
    out = []
    for doc in docs:
        statements, inputs = rule_reading(doc)
        spans = [(st.amount.start, st.amount.end) for st in statements]
        for gold, k in overlap_pairs(gold_spans(doc), spans):
            x, st = inputs[k], statements[k]
            out.append(
                Example(
                    x,
                    gold.get("subject"),
                    gold["role"],
                    gold.get("fiscal_year"),
                    excluded_roles(x, st.subject),
                )
            )
    return out


def _int32(x: Any) -> Any:
    """liblinear takes 32-bit sparse indices only."""
    import numpy as np

    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    return x


def _prefixed(lang: str, features: Sequence[str]) -> list[str]:
    return [f"{lang}:{f}" for f in features]


def _lang(ex: Example) -> str:
    return "ko" if ex.inputs.window.korean else "en"


def _fit_binary(groups: list[tuple[list[list[str]], list[bool]]], c: float) -> Ranker:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for candidates, truth in groups:
        if not any(truth):
            continue  # nothing right to learn from
        for feats, ok in zip(candidates, truth, strict=True):
            rows.append(dict.fromkeys(feats, 1))
            labels.append(int(ok))
    vec = DictVectorizer()
    x = _int32(vec.fit_transform(rows))
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=0)
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) > 1e-6}
    return Ranker(weights, float(clf.intercept_[0]))


def _fit_roles(data: list[Example], c: float) -> Classifier:
    from sklearn.feature_extraction import DictVectorizer

    # every example, the ones whose role the text settles outright too (dropping them scored lower)
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(_prefixed(_lang(ex), ex.inputs.role), 1) for ex in data])
    labels = [ROLES.index(ex.role) for ex in data]
    allowed = [[role not in ex.excluded for role in ROLES] for ex in data]
    coef, intercept = fit_masked_softmax(x, labels, allowed, len(ROLES), c)
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        column = tuple(float(coef[j][k]) for k in range(len(ROLES)))
        if any(abs(w) > 1e-6 for w in column):
            weights[str(name)] = column
    return Classifier(ROLES, weights, tuple(float(b) for b in intercept))


def fit(docs: Sequence[dict[str, Any]], c: tuple[float, float, float] = (SUBJECT_C, ROLE_C, YEAR_C)) -> StatementModel:
    data = examples(docs)
    subject_groups = [
        (
            [_prefixed(_lang(ex), cand.features) for cand in ex.inputs.subjects],
            [dice(cand.text, ex.subject) >= 0.5 for cand in ex.inputs.subjects],
        )
        for ex in data
        if ex.subject
    ]
    year_groups = [
        (
            [_prefixed(_lang(ex), feats) for _, feats in ex.inputs.years],
            [year == ex.year for year, _ in ex.inputs.years],
        )
        for ex in data
        if ex.year
    ]
    return StatementModel(
        version=MODEL_VERSION,
        subject=_fit_binary(subject_groups, c[0]),
        role=_fit_roles(data, c[1]),
        year=_fit_binary(year_groups, c[2]),
    )


def predict(docs: Sequence[dict[str, Any]], model: StatementModel | None) -> dict[str, list[Statement]]:
    out = {}
    for doc in docs:
        statements, inputs = rule_reading(doc)
        out[doc["id"]] = apply_model(statements, inputs, model) if model else statements
    return out


def folds(docs: Sequence[dict[str, Any]], k: int = 5) -> list[list[dict[str, Any]]]:
    """k folds, the same every run: documents sorted by id, dealt round-robin within each language."""
    parts: list[list[dict[str, Any]]] = [[] for _ in range(k)]
    for lang in sorted({d.get("lang") or "" for d in docs}):
        same = sorted((d for d in docs if (d.get("lang") or "") == lang), key=lambda d: d["id"])
        for i, d in enumerate(same):
            parts[i % k].append(d)
    return parts


def write_model(model: StatementModel, path: Path) -> None:
    path.write_text(json.dumps(model_to_json(model), ensure_ascii=False, indent=0, sort_keys=False) + "\n", "utf-8")
