"""What one transaction reads again and again (its source, the projects it compares, the project a
name resolved to), kept for the rest of the transaction.

A session's identity map holds rows only weakly: a project read for one statement is gone by the
next, and each ``Session.get`` then costs a query and an autoflush. Kept, a row is read once per
transaction. What is kept is forgotten when the transaction ends (committed or rolled back), so
the next transaction reads it anew, and nothing of a rolled-back transaction is remembered."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

MEMO = "budgetwatch.memo."  # session.info keys of what a transaction keeps

Row = TypeVar("Row")


def transaction_memo(session: Session, name: str) -> dict[Any, Any]:
    """A dict that lives as long as the session's transaction."""
    memo: dict[Any, Any] = session.info.setdefault(MEMO + name, {})
    return memo


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    for key in [k for k in session.info if isinstance(k, str) and k.startswith(MEMO)]:
        del session.info[key]


def get_kept(session: Session, model: type[Row], ident: Any) -> Row | None:
    """``session.get(model, ident)``, the row kept referenced until the transaction ends."""
    kept = transaction_memo(session, "rows")
    found = kept.get((model, ident))
    if found is None:
        found = session.get(model, ident)
        if found is not None:
            kept[(model, ident)] = found
    return found
