"""Read a Korean board view page without a profile: title by the date line, body box by density."""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from extract.article.boards import BoardField, drop_chrome, read_fields
from extract.article.cleanup import clean_lines
from extract.article.density import find_body_container
from extract.article.text import render_lines
from extract.article.titles import find_title_before, find_title_by_hints, matches_hint, normalize

# Field kinds that sit in a board's header line, right under the title.
_HEADER_KINDS = ("published", "updated", "department", "author")


@dataclass(frozen=True)
class BoardReading:
    """What the board reader found; ``labelled`` says the page had board labels (작성일, 담당부서, ...)."""

    title: str | None = None
    body_lines: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    department: str | None = None
    author: str | None = None
    labelled: bool = False


def read_board(
    tree: HtmlElement, hints: tuple[str, ...], *, want_body: bool = True, korean: bool = True
) -> BoardReading:
    """Read title, labelled fields and (if ``want_body`` and the page has board labels) the body of ``tree``.

    Changes the tree (chrome is removed) when it reads the body.
    """
    fields = read_fields(tree) if korean else ()  # the labels are Korean words
    title_el, title = _find_title(tree, fields, hints)
    first = _first_by_kind(tree, fields, title_el)
    labelled = any(kind in first for kind in ("title", *_HEADER_KINDS))
    lines: tuple[str, ...] = ()
    if want_body and labelled:
        drop_chrome(tree, keep=frozenset([title_el]) if title_el is not None else frozenset())
        container = find_body_container(tree, after=title_el)
        if container is not None:
            lines = tuple(clean_lines(render_lines(container)))
    return BoardReading(
        title=title,
        body_lines=lines,
        published=first["published"].value if "published" in first else None,
        updated=first["updated"].value if "updated" in first else None,
        department=first["department"].value if "department" in first else None,
        author=first["author"].value if "author" in first else None,
        labelled=labelled,
    )


def _first_by_kind(
    tree: HtmlElement, fields: tuple[BoardField, ...], title_el: HtmlElement | None
) -> dict[str, BoardField]:
    """The field of each kind that follows the title first (a site header's 발행일 comes before it).

    Fields before the title count only for kinds that have none after it.
    """
    after: dict[str, BoardField] = {}
    before: dict[str, BoardField] = {}
    if not fields:
        return {}
    position = {el: i for i, el in enumerate(tree.iter())} if title_el is not None else {}
    start = position.get(title_el, -1) if title_el is not None else -1
    for field in fields:
        target = after if position.get(field.element, 0) >= start else before
        target.setdefault(field.kind, field)
    return {**before, **after}


def _find_title(
    tree: HtmlElement, fields: tuple[BoardField, ...], hints: tuple[str, ...]
) -> tuple[HtmlElement | None, str | None]:
    """The title element and text: a 제목 cell; else a heading before a date/department label that
    agrees with the meta title; else any heading that agrees with it; else the heading before the
    first label."""
    for field in fields:
        if field.kind == "title":
            return field.element, field.value
    nearest: HtmlElement | None = None
    for field in fields:
        if field.kind not in _HEADER_KINDS:
            continue
        element = find_title_before(tree, field.element, hints)
        if element is not None and matches_hint(normalize(element.text_content()), hints):
            return element, normalize(element.text_content())
        nearest = nearest if nearest is not None else element
    element = find_title_by_hints(tree, hints)
    if element is None:
        element = nearest
    if element is None:
        return None, None
    return element, normalize(element.text_content()) or None
