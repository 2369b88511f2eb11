"""When two figures make a change a reader can publish: same organisation, same project, same
fiscal year, comparable figures (a level with a level, the same stage of the budget, the same
kind of money). Anything else is two figures, not a change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

# Between two reports of one fiscal year a whole budget does not halve or double, and a project's
# figure does not move by more than a factor of three; a jump beyond is another figure (a line item
# taken for the total, a total project cost against one year's share), not a change.
PLAUSIBLE_BUDGET_RATIO = (0.5, 2.0)
PLAUSIBLE_PROJECT_RATIO = (1 / 3, 3.0)

DIRECTION_LABEL = {"increase": "증액", "decrease": "삭감", "correction": "정정", "supplementary": "추경"}


@dataclass(frozen=True)
class Figure:
    """One stored figure of a project, as the rules compare it."""

    statement_id: int
    article_id: int
    version_id: int
    org_key: str
    project_id: int
    project_kind: str  # budget | supplementary | settlement | project
    stage: str  # 본예산 | 추경 N | 결산
    fiscal_year: int | None
    currency: str
    value: int
    funding: str | None
    said_at: datetime


@dataclass(frozen=True)
class Decision:
    kind: Literal["none", "amount_changed", "stage_changed"]
    direction: str | None  # increase | decrease | correction | supplementary
    reason: str


def _none(reason: str) -> Decision:
    return Decision("none", None, reason)


def _common(new: Figure, old: Figure) -> Decision | None:
    if new.version_id == old.version_id:
        return _none("the same article version")
    if new.org_key != old.org_key:
        return _none(f"different organisations ({old.org_key}, {new.org_key})")
    if new.fiscal_year is None or old.fiscal_year is None:
        return _none("no fiscal year")
    if new.fiscal_year != old.fiscal_year:
        return _none(f"different fiscal years ({old.fiscal_year}, {new.fiscal_year})")
    if new.currency != old.currency:
        return _none(f"different currencies ({old.currency}, {new.currency})")
    return None


def _ratio_ok(new: Figure, old: Figure, bounds: tuple[float, float]) -> bool:
    low, high = bounds
    return old.value > 0 and low <= new.value / old.value <= high


def decide_amount_change(new: Figure, old: Figure) -> Decision:
    """Is ``new`` a change of ``old`` (the figure said last before it for the same project)?"""
    common = _common(new, old)
    if common is not None:
        return common
    if new.project_id != old.project_id:
        return _none("different projects")
    if new.stage != old.stage:
        return _none(f"different budget stages ({old.stage}, {new.stage})")
    if new.funding != old.funding:
        return _none(f"different kinds of money ({old.funding or '-'}, {new.funding or '-'})")
    if new.value == old.value:
        return _none("the same amount")
    whole = new.project_kind != "project"
    bounds = PLAUSIBLE_BUDGET_RATIO if whole else PLAUSIBLE_PROJECT_RATIO
    if not _ratio_ok(new, old, bounds):
        what = "whole budget" if whole else "project figure"
        return _none(f"a {what} does not move x{new.value / max(old.value, 1):.2f} between reports: another figure")
    if new.article_id == old.article_id:
        return Decision(
            "amount_changed",
            "correction",
            f"the same article revised its figure (version {old.version_id} -> {new.version_id})",
        )
    direction = "increase" if new.value > old.value else "decrease"
    return Decision(
        "amount_changed", direction,
        f"same organisation, project, fiscal year {new.fiscal_year}, stage {new.stage} and kind of money; "
        f"said before in article {old.article_id}",
    )  # fmt: skip


def decide_stage_step(new: Figure, main: Figure) -> Decision:
    """A supplementary budget (추경) against the main budget (본예산) of the same year: shown as a
    new stage of the budget, never as an increase or a cut of one figure."""
    common = _common(new, main)
    if common is not None:
        return common
    if not (new.project_kind == "supplementary" and main.project_kind == "budget"):
        return _none("not a supplementary budget against a main budget")
    if not _ratio_ok(new, main, PLAUSIBLE_BUDGET_RATIO):
        return _none("the supplementary budget is not of the main budget's size: another figure")
    reason = f"{new.stage} of fiscal year {new.fiscal_year} after the 본예산 of article {main.article_id}"
    return Decision("stage_changed", "supplementary", reason)
