"""Learned linear models as plain data: feature weights read from a JSON file shipped with the code.

Training (training.py, scikit-learn) writes the file; reading it needs nothing but the standard
library, so the product installs and runs without scikit-learn and without ../shared.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

MODEL_FILE = "model.json"


@dataclass(frozen=True)
class Ranker:
    """Scores candidates (subject phrases, fiscal years); the best-scoring one is chosen."""

    weights: dict[str, float]
    bias: float

    def score(self, features: Iterable[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def best(self, candidates: Sequence[Iterable[str]]) -> int | None:
        """Index of the best candidate; None when there are none."""
        if not candidates:
            return None
        scores = [self.score(c) for c in candidates]
        return max(range(len(scores)), key=scores.__getitem__)


@dataclass(frozen=True)
class Classifier:
    """Picks one of a few classes (roles) from features."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]

    def predict(self, features: Iterable[str]) -> str:
        totals = list(self.bias)
        for f in features:
            row = self.weights.get(f)
            if row is not None:
                for k, value in enumerate(row):
                    totals[k] += value
        return self.classes[max(range(len(totals)), key=totals.__getitem__)]


@dataclass(frozen=True)
class StatementModel:
    version: str
    subject: Ranker
    role: Classifier
    year: Ranker


def model_from_json(data: dict[str, Any]) -> StatementModel:
    role = data["role"]
    return StatementModel(
        version=str(data["version"]),
        subject=Ranker(dict(data["subject"]["weights"]), float(data["subject"]["bias"])),
        role=Classifier(
            tuple(role["classes"]),
            {f: tuple(ws) for f, ws in role["weights"].items()},
            tuple(role["bias"]),
        ),
        year=Ranker(dict(data["year"]["weights"]), float(data["year"]["bias"])),
    )


def model_to_json(model: StatementModel) -> dict[str, Any]:
    def rounded(x: float) -> float:
        return round(x, 5)

    return {
        "version": model.version,
        "subject": {"bias": rounded(model.subject.bias), "weights": _sorted(model.subject.weights)},
        "role": {
            "classes": list(model.role.classes),
            "bias": [rounded(b) for b in model.role.bias],
            "weights": {f: [rounded(x) for x in ws] for f, ws in sorted(model.role.weights.items())},
        },
        "year": {"bias": rounded(model.year.bias), "weights": _sorted(model.year.weights)},
    }


def _sorted(weights: dict[str, float]) -> dict[str, float]:
    return {f: round(w, 5) for f, w in sorted(weights.items())}


@lru_cache(maxsize=1)
def shipped_model() -> StatementModel | None:
    """The model built by `make train`, or None when the package has none (rules alone then)."""
    try:
        raw = resources.files("extract.statements").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return model_from_json(json.loads(raw))
