"""Projects per organization: resolve a statement's subject to one, keep why, merge and split."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from changes.naming import ProjectName, org_key, project_key
from changes.projects import match_known
from store.kept import transaction_memo
from store.models import Project, ProjectAlias, Statement

FUZZY_CANDIDATES = 500


@dataclass(frozen=True)
class Resolution:
    project: Project
    created: bool
    reason: str


def _live(session: Session, project: Project) -> Project:
    """Follow manual merges to the project that absorbed this one."""
    seen = {project.id}
    while project.merged_into is not None:
        target = session.get(Project, project.merged_into)
        if target is None or target.id in seen:
            break
        seen.add(target.id)
        project = target
    return project


def resolve_project(session: Session, org: str, name: ProjectName, at: datetime) -> Resolution:
    """The project of ``org`` that ``name`` names; created when no known one matches."""
    okey = org_key(org)
    aliased = session.scalars(
        select(Project)
        .join(ProjectAlias, ProjectAlias.project_id == Project.id)
        .where(Project.org_key == okey, ProjectAlias.name == name.name)
    ).first()
    if aliased is not None and name.kind == "project":
        return Resolution(_live(session, aliased), False, "a name seen before for this project")
    exact = session.scalars(select(Project).where(Project.org_key == okey, Project.key == name.key)).one_or_none()
    if exact is not None:
        remember_alias(session, exact, name.name, "same name after normalizing", at)
        return Resolution(_live(session, exact), False, "same name after normalizing")
    if name.kind == "project":
        # Similar names have similar lengths (Dice >= 0.8 or containment >= 0.6 need a length ratio
        # >= 0.6); of those, the newest FUZZY_CANDIDATES of the organisation are compared, so the
        # cost is bounded however many projects it has. An older look-alike stays a project of its
        # own (exact names still match): when unsure, two projects.
        size = len(name.key)
        known = session.execute(
            select(Project.id, Project.key)
            .where(Project.org_key == okey, Project.kind == "project", Project.merged_into.is_(None),
                   func.length(Project.key).between(int(size * 0.6), int(size / 0.6) + 1))
            .order_by(Project.id.desc())
            .limit(FUZZY_CANDIDATES)
        ).all()  # fmt: skip
        match = match_known(name.key, sorted((pid, key) for pid, key in known))  # the oldest first, as before
        if match is not None:
            project = session.get(Project, match[0])
            assert project is not None
            remember_alias(session, project, name.name, match[1], at)
            return Resolution(project, False, match[1])
    project = Project(org_key=okey, org=org, key=name.key, name=name.name, kind=name.kind, created_at=at)
    session.add(project)
    session.flush()
    remember_alias(session, project, name.name, "first seen", at)
    return Resolution(project, True, "first seen")


def resolve_once(session: Session, org: str, name: ProjectName, at: datetime) -> Resolution:
    """``resolve_project``, asked once per name in a transaction: a batch of one site's articles
    names the same projects again and again, and within one transaction the answer cannot change
    (only this resolution creates projects and aliases, and it finds what it created)."""
    known = transaction_memo(session, "projects")
    key = (org, name.kind, name.name, name.key)
    project = known.get(key)
    if project is not None:
        return Resolution(project, False, "resolved before in this transaction")
    resolution = resolve_project(session, org, name, at)
    known[key] = resolution.project
    return resolution


def find_budget_project(session: Session, okey: str, supplementary_key: str) -> Project | None:
    """The main budget (본예산) project of the same account as a supplementary budget's key."""
    account = "_general" if "_general" in supplementary_key else "_special" if "_special" in supplementary_key else ""
    return session.scalars(
        select(Project).where(Project.org_key == okey, Project.key == f"__budget{account}__")
    ).one_or_none()


def remember_alias(session: Session, project: Project, name: str, reason: str, at: datetime) -> None:
    exists = session.scalars(
        select(ProjectAlias.id).where(ProjectAlias.project_id == project.id, ProjectAlias.name == name)
    ).first()
    if exists is None:
        session.add(ProjectAlias(project_id=project.id, name=name, reason=reason, created_at=at))


class ProjectError(ValueError):
    """A merge or split that cannot be done; the message says why."""


def find_project(session: Session, text: str, org: str | None = None) -> Project:
    """A project by id, or by a name or alias (unique within ``org`` when given)."""
    if text.isdigit():
        found = session.get(Project, int(text))
        if found is None:
            raise ProjectError(f"no project with id {text}")
        return found
    key = project_key(text)
    query = (
        select(Project)
        .join(ProjectAlias, ProjectAlias.project_id == Project.id, isouter=True)
        .where((Project.key == key) | (ProjectAlias.name == text) | (Project.name == text))
    )
    if org:
        query = query.where(Project.org_key == org_key(org))
    matches = {p.id: p for p in session.scalars(query)}
    if not matches:
        raise ProjectError(f"no project named {text!r}")
    if len(matches) > 1:
        listed = ", ".join(f"{p.id} ({p.org} {p.name})" for p in matches.values())
        raise ProjectError(f"{text!r} names several projects: {listed}; use an id or --org")
    return next(iter(matches.values()))


def merge_projects(engine: Engine, keep: str, absorb: str, at: datetime, org: str | None = None) -> tuple[int, int]:
    """Merge project ``absorb`` into ``keep``: its statements and aliases move; returns both ids."""
    with Session(engine) as session, session.begin():
        target = find_project(session, keep, org)
        other = find_project(session, absorb, org)
        if target.id == other.id:
            raise ProjectError("a project cannot be merged into itself")
        if target.org_key != other.org_key:
            raise ProjectError(f"projects of different organizations ({target.org}, {other.org}) are not merged")
        session.execute(update(Statement).where(Statement.project_id == other.id).values(project_id=target.id))
        for alias in session.scalars(select(ProjectAlias).where(ProjectAlias.project_id == other.id)):
            remember_alias(session, target, alias.name, f"manual merge of project {other.id} ({alias.reason})", at)
        other.merged_into = target.id
        return target.id, other.id


def split_project(engine: Engine, project: str, name: str, at: datetime, org: str | None = None) -> int:
    """Move the statements whose subject is ``name`` out of ``project`` into a new project of their own."""
    with Session(engine) as session, session.begin():
        source = find_project(session, project, org)
        moved = session.scalars(
            select(Statement).where(Statement.project_id == source.id, Statement.subject == name)
        ).all()
        if not moved:
            raise ProjectError(f"project {source.id} ({source.name}) has no statement with subject {name!r}")
        fresh = Project(
            org_key=source.org_key,
            org=source.org,
            key=f"{project_key(name)}#split{source.id}",
            name=name,
            kind=source.kind,
            created_at=at,
        )
        session.add(fresh)
        session.flush()
        for statement in moved:
            statement.project_id = fresh.id
        for alias in session.scalars(
            select(ProjectAlias).where(ProjectAlias.project_id == source.id, ProjectAlias.name == name)
        ):
            session.delete(alias)
        session.add(
            ProjectAlias(project_id=fresh.id, name=name, reason=f"manual split from project {source.id}", created_at=at)
        )
        return fresh.id
