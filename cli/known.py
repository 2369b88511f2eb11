"""Names a user asks for (a source, an organisation) must exist: a typo says so and exits 2
instead of printing nothing, which reads as "nothing happened"."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cli.context import fail_usage
from config.schema import Config


def _listing(names: set[str], limit: int = 12) -> str:
    shown = sorted(names)
    more = f", ... ({len(shown) - limit} more)" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more if shown else "none"


def require_source(config: Config, engine: Engine, name: str | None) -> None:
    """``name`` is a configured source or one the database holds articles of."""
    if name is None:
        return
    from store.models import Source

    with Session(engine) as session:
        stored = set(session.scalars(select(Source.name)))
    known = {s.name for s in config.sources} | stored
    if name not in known:
        raise fail_usage(f"unknown source {name!r}; known: {_listing(known)}")


def require_org(config: Config, engine: Engine, org: str | None) -> None:
    """``org`` names an organisation of a source, a statement or a project (광주시 = 광주광역시)."""
    if org is None:
        return
    from store.models import Project, Source, Statement
    from store.naming import org_key

    with Session(engine) as session:
        names = set(session.scalars(select(Source.org).distinct()))
        names |= set(session.scalars(select(Project.org).distinct()))
        names |= {o for o in session.scalars(select(Statement.org).distinct()) if o}
    names |= {s.org for s in config.sources}
    wanted = org_key(org)
    if not any(org_key(name) == wanted for name in names if name):
        raise fail_usage(f"unknown organisation {org!r}; known: {_listing({n for n in names if n})}")
