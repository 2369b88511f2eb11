"""A multinomial logistic regression fitted over each example's allowed classes only.

At reading time the text rules some roles out (refine.excluded_roles) and the model chooses among
the rest, so it is fitted the same way: each example's softmax runs over the classes its text
leaves open, and the weights learn to tell those apart instead of learning again what the rules
already settle. Training only (numpy and scipy come with scikit-learn); reading uses the weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def masked_loss_grad(theta: Any, x: Any, mask: Any, onehot: Any, c: float) -> tuple[float, Any]:
    """C * the log-loss of each example's softmax over its open classes, plus |W|^2 / 2, and its
    gradient; theta holds the weights (features x classes, row-major) and then the biases."""
    import numpy as np

    d, n_classes = x.shape[1], onehot.shape[1]
    w = theta[: d * n_classes].reshape(d, n_classes)
    b = theta[d * n_classes :]
    z = np.where(mask, x @ w + b, -np.inf)
    z_max = z.max(axis=1, keepdims=True)
    e = np.where(mask, np.exp(z - z_max), 0.0)
    s = e.sum(axis=1, keepdims=True)
    log_p = np.where(mask, z - z_max - np.log(s), 0.0)
    loss = -c * float((log_p * onehot).sum()) + 0.5 * float((w * w).sum())
    delta = c * (e / s - onehot)
    grad_w = np.asarray(x.T @ delta) + w
    return loss, np.concatenate([grad_w.ravel(), delta.sum(axis=0)])


def fit_masked_softmax(
    x: Any, labels: Sequence[int], allowed: Sequence[Sequence[bool]], n_classes: int, c: float
) -> tuple[Any, Any]:
    """Weights (features x classes) and biases minimising masked_loss_grad's loss.

    x: a sparse (examples x features) matrix; allowed[i][k]: whether class k is open to example i
    (an example whose label is not open is fitted over every class)."""
    import numpy as np
    from scipy.optimize import minimize

    n, d = x.shape
    y = np.asarray(labels)
    mask = np.asarray(allowed, dtype=bool)
    mask[np.arange(n), y] = True  # the rules were wrong here: the label stays a class to learn
    onehot = np.zeros((n, n_classes))
    onehot[np.arange(n), y] = 1.0
    x = x.tocsr()
    theta0 = np.zeros(d * n_classes + n_classes)
    result = minimize(
        masked_loss_grad,
        theta0,
        args=(x, mask, onehot, c),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 5000, "gtol": 1e-8},
    )
    theta = result.x
    return theta[: d * n_classes].reshape(d, n_classes), theta[d * n_classes :]
