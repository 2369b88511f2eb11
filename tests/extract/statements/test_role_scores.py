"""The role classifier's scores are each class's bias plus its features' weights added one by one,
in the features' order, to the last bit (the shipped model's scores decide ties)."""

from __future__ import annotations

import random

from extract.statements.linear import Classifier, shipped_model


def _added_one_by_one(model: Classifier, features: list[str], lang: str) -> list[float]:
    totals = list(model.bias)
    weights = model.by_language.get(lang, {})
    for f in features:
        row = weights.get(f)
        if row is not None:
            for k, value in enumerate(row):
                totals[k] += value
    return totals


def test_shipped_model_scores() -> None:
    model = shipped_model()
    assert model is not None
    rng = random.Random(3)
    for lang in ("ko", "en", "xx"):
        names = sorted(model.role.by_language.get(lang, {})) + ["unknown", "rule=other"]
        for size in (0, 1, 5, 20, 60):
            features = [rng.choice(names) for _ in range(size)]
            assert model.role.scores(features, lang) == _added_one_by_one(model.role, features, lang)


def test_no_known_feature_gives_the_bias() -> None:
    model = Classifier(("a", "b"), {"ko:x": (1.0, -1.0)}, (0.25, -0.5))
    assert model.scores([], "ko") == [0.25, -0.5]
    assert model.scores(["y"], "ko") == [0.25, -0.5]
    assert model.scores(["x", "x"], "ko") == [2.25, -2.5]
