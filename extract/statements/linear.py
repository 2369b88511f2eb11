"""Learned linear models as plain data: feature weights read from a JSON file shipped with the code.

Training (training.py, scikit-learn) writes the file; reading it needs nothing but the standard
library, so the product installs and runs without scikit-learn and without ../shared.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from importlib import resources
from itertools import repeat
from operator import add
from typing import Any

MODEL_FILE = "model.json"


def _by_language(weights: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """ "ko:head=예산" -> {"ko": {"head=예산": w}}: features are looked up without building prefixed keys."""
    out: dict[str, dict[str, Any]] = {}
    for key, w in weights.items():
        lang, _, feature = key.partition(":")
        out.setdefault(lang, {})[feature] = w
    return out


@dataclass(frozen=True)
class Ranker:
    """Scores candidates (subject phrases, fiscal years); the best-scoring one is chosen.

    weights are keyed "LANG:feature" (one model learns both languages, each with its own weights)."""

    weights: dict[str, float]
    bias: float
    by_language: dict[str, dict[str, float]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_language", _by_language(self.weights))

    def best(self, candidates: Sequence[Iterable[str]], lang: str) -> int | None:
        """Index of the best candidate; None when there are none."""
        found = self.best_scored(candidates, lang)
        return None if found is None else found[0]

    def best_scored(self, candidates: Sequence[Iterable[str]], lang: str) -> tuple[int, float] | None:
        """Index and score of the best candidate; None when there are none."""
        if not candidates:
            return None
        # score() inlined: one weights lookup for all candidates, the same sums in the same order
        get, bias, zeros = self.by_language.get(lang, {}).get, self.bias, repeat(0.0)
        scores = [bias + sum(map(get, c, zeros)) for c in candidates]
        k = max(range(len(scores)), key=scores.__getitem__)
        return k, scores[k]


@dataclass(frozen=True)
class Classifier:
    """Picks one of a few classes (roles) from features."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    by_language: dict[str, dict[str, tuple[float, ...]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_language", _by_language(self.weights))

    def scores(self, features: Iterable[str], lang: str) -> list[float]:
        """Each class's linear score (its log-probability up to a constant shared by the classes)."""
        rows = [row for row in map(self.by_language.get(lang, {}).get, features) if row is not None]
        if not rows:
            return list(self.bias)
        # each class's bias plus its weights, added in the features' order as a loop adds them, in C
        return list(map(reduce, repeat(add), zip(*rows, strict=True), self.bias))

    def choose(self, totals: Sequence[float], exclude: Iterable[str] = ()) -> str:
        """The best-scoring class, leaving out the classes the text has ruled out."""
        ruled_out = set(exclude)
        allowed = [k for k, name in enumerate(self.classes) if name not in ruled_out] or range(len(totals))
        return self.classes[max(allowed, key=totals.__getitem__)]


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
