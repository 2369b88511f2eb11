"""Table tests of the amount rules: a change only between comparable figures, with its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from changes.amounts import Figure, decide_amount_change, decide_stage_step

T = datetime(2026, 11, 20, tzinfo=UTC)
OLD = Figure(statement_id=1, article_id=10, version_id=100, org_key="나주", project_id=5, project_kind="budget",
             stage="본예산", fiscal_year=2027, currency="KRW", value=1_350_000_000_000, funding=None, said_at=T)  # fmt: skip


def new(**changes: object) -> Figure:
    base = replace(OLD, statement_id=2, article_id=11, version_id=101)
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("figure", "kind", "direction", "why"),
    [
        (new(value=1_400_000_000_000), "amount_changed", "increase", "said before in article 10"),
        (new(value=1_300_000_000_000), "amount_changed", "decrease", "same organisation, project, fiscal year"),
        (new(article_id=10, value=1_360_000_000_000), "amount_changed", "correction", "revised its figure"),
        (new(), "none", None, "the same amount"),
        (new(org_key="광주", value=1_400_000_000_000), "none", None, "different organisations"),
        (new(project_id=6, value=1_400_000_000_000), "none", None, "different projects"),
        (new(fiscal_year=2028, value=1_500_000_000_000), "none", None, "different fiscal years"),
        (new(fiscal_year=None, value=1_400_000_000_000), "none", None, "no fiscal year"),
        (new(currency="USD", value=1_400_000_000_000), "none", None, "different currencies"),
        (new(stage="추경 1", value=1_400_000_000_000), "none", None, "different budget stages"),
        (new(funding="국비", value=1_400_000_000_000), "none", None, "different kinds of money"),
        # 9조2148억 -> 630억: a province's national funding against a county project: never a cut
        (new(value=63_000_000_000), "none", None, "does not move"),
        (new(value=3_000_000_000_000), "none", None, "does not move"),
        (new(version_id=100, value=1_400_000_000_000), "none", None, "the same article version"),
    ],
)  # fmt: skip
def test_amount_change_decisions(figure: Figure, kind: str, direction: str | None, why: str) -> None:
    decision = decide_amount_change(figure, OLD)
    assert (decision.kind, decision.direction) == (kind, direction)
    assert why in decision.reason


@pytest.mark.parametrize(
    ("old_value", "new_value", "kind"),
    [(10_000_000_000, 12_000_000_000, "amount_changed"), (10_000_000_000, 29_000_000_000, "amount_changed"),
     (10_000_000_000, 31_000_000_000, "none"), (10_000_000_000, 3_000_000_000, "none")],
)  # fmt: skip
def test_a_projects_figure_moves_within_a_factor_of_three(old_value: int, new_value: int, kind: str) -> None:
    old = replace(OLD, project_kind="project", value=old_value)
    assert decide_amount_change(replace(new(project_kind="project"), value=new_value), old).kind == kind


@pytest.mark.parametrize(
    ("figure", "kind", "why"),
    [
        (new(project_id=9, project_kind="supplementary", stage="추경 1", value=1_420_000_000_000), "stage_changed",
         "추경 1 of fiscal year 2027"),
        (new(project_id=9, project_kind="supplementary", stage="추경 1", fiscal_year=2026), "none", "fiscal years"),
        (new(project_id=9, project_kind="supplementary", stage="추경 1", value=90_000_000_000), "none", "size"),
        (new(project_id=9, project_kind="supplementary", stage="추경 1", org_key="광주"), "none", "organisations"),
        (new(value=1_420_000_000_000), "none", "not a supplementary budget"),
    ],
)  # fmt: skip
def test_a_supplementary_budget_is_a_stage_not_an_increase(figure: Figure, kind: str, why: str) -> None:
    decision = decide_stage_step(figure, OLD)
    assert decision.kind == kind and why in decision.reason
    if kind != "none":
        assert decision.direction == "supplementary"
