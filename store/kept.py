"""Rows one transaction reads again and again (its source, the projects it compares), kept referenced.

A session's identity map holds rows only weakly: a project read for one statement is gone by the
next, and each ``Session.get`` then costs a query and an autoflush. Kept for the session's life, a
row is read once per transaction; the commit expires it, so the next transaction reads it anew."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

KEPT = "budgetwatch.kept_rows"  # session.info key

Row = TypeVar("Row")


def get_kept(session: Session, model: type[Row], ident: Any) -> Row | None:
    """``session.get(model, ident)``, the row kept referenced until the session closes."""
    kept: dict[tuple[type[Any], Any], Any] = session.info.setdefault(KEPT, {})
    found = kept.get((model, ident))
    if found is None:
        found = session.get(model, ident)
        if found is not None:
            kept[(model, ident)] = found
    return found
