"""The role classifier's fitting objective: a softmax over each example's open classes only."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import check_grad
from scipy.sparse import csr_matrix

from extract.statements.masked_softmax import fit_masked_softmax, masked_loss_grad

# four examples, three features, four classes; the second and fourth have classes ruled out
X = csr_matrix(np.array([[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1]], dtype=float))
LABELS = [0, 2, 1, 3]
ALLOWED = [[True] * 4, [False, True, True, True], [True] * 4, [False, False, True, True]]


def _mask_onehot(labels: list[int], allowed: list[list[bool]]) -> tuple[np.ndarray, np.ndarray]:
    onehot = np.zeros((len(labels), 4))
    onehot[np.arange(len(labels)), labels] = 1.0
    return np.asarray(allowed, dtype=bool), onehot


def test_gradient_matches_finite_differences() -> None:
    mask, onehot = _mask_onehot(LABELS, ALLOWED)
    rng = np.random.default_rng(0)
    theta = rng.normal(size=3 * 4 + 4)
    error = check_grad(
        lambda t: masked_loss_grad(t, X, mask, onehot, 1.0)[0],
        lambda t: masked_loss_grad(t, X, mask, onehot, 1.0)[1],
        theta,
    )
    assert error < 1e-5


def test_an_example_with_one_open_class_teaches_nothing() -> None:
    """Its softmax over one class is certain whatever the weights: adding it leaves the fit as it was."""
    w, b = fit_masked_softmax(X, LABELS, ALLOWED, 4, 1.0)
    extra = csr_matrix(np.array([[1, 1, 1]], dtype=float))
    from scipy.sparse import vstack

    w2, b2 = fit_masked_softmax(vstack([X, extra]), [*LABELS, 2], [*ALLOWED, [False, False, True, False]], 4, 1.0)
    assert w2 == pytest.approx(w, abs=1e-6)
    assert b2 == pytest.approx(b, abs=1e-6)


def test_the_fit_tells_apart_the_classes_left_open() -> None:
    """Feature 0 marks class 1 among classes 1 and 2, which is all the text leaves open for those
    examples: the fitted scores choose class 1 over class 2 wherever feature 0 stands."""
    rows = np.array([[1, 0], [1, 0], [0, 1], [0, 1]] * 3, dtype=float)
    labels = [1, 1, 2, 2] * 3
    allowed = [[False, True, True, False]] * 12
    w, b = fit_masked_softmax(csr_matrix(rows), labels, allowed, 4, 1.0)
    scores = np.array([[1.0, 0.0], [0.0, 1.0]]) @ w + b
    assert scores[0][1] > scores[0][2]
    assert scores[1][2] > scores[1][1]


def test_a_label_the_rules_ruled_out_is_still_learned() -> None:
    """The rules were wrong for these examples: their label stays a class the fit can choose."""
    rows = np.array([[1.0]] * 6)
    w, b = fit_masked_softmax(csr_matrix(rows), [3] * 6, [[True, True, True, False]] * 6, 4, 1.0)
    scores = np.array([1.0]) @ w + b
    assert int(np.argmax(scores)) == 3
