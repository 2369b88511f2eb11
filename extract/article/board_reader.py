"""Read a Korean board view page without a profile: title by the date line, body box by density."""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from extract.article.boards import DATE_CLASS, BoardField, drop_chrome, read_fields
from extract.article.cleanup import clean_lines
from extract.article.density import find_body_container
from extract.article.lists import list_blocks
from extract.article.photos import captions_in, pull_photos
from extract.article.text import render_lines, visible_text
from extract.article.titles import find_title_before, find_title_by_hints, heading_title, normalize

# Field kinds that sit in a board's header line, right under the title.
_HEADER_KINDS = ("published", "updated", "department", "author")


@dataclass(frozen=True)
class BoardReading:
    """What the board reader found; ``labelled`` says the page had board labels (작성일, 담당부서, ...)."""

    title: str | None = None
    body_lines: tuple[str, ...] = ()
    published: str | None = None
    published_label: str | None = None
    updated: str | None = None
    department: str | None = None
    author: str | None = None
    captions: tuple[str, ...] = ()
    labelled: bool = False


def read_board(
    tree: HtmlElement, hints: tuple[str, ...], *, want_body: bool = True, korean: bool = True
) -> BoardReading:
    """Read title, labelled fields and (if ``want_body`` and the page has board labels) the body of ``tree``.

    Changes the tree (lists of other posts, photo boxes and chrome are removed) when it reads the body.
    """
    if korean:
        _drop_lists(tree)  # never the post: other posts' titles under a row of column names
    fields = read_fields(tree) if korean else ()  # the labels are Korean words
    title_el, title = _find_title(tree, fields, hints)
    first = _first_by_kind(tree, fields, title_el)
    labelled = any(kind in first for kind in ("title", *_HEADER_KINDS))
    lines: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    if want_body and labelled:
        keep = frozenset([title_el]) if title_el is not None else frozenset()
        photos = pull_photos(tree)
        drop_chrome(tree, keep=keep)
        container = find_body_container(tree, after=title_el)
        if container is not None:
            lines = tuple(clean_lines(render_lines(container)))
            captions = captions_in(container, photos)
    published = first.get("published")
    return BoardReading(
        title=title,
        body_lines=lines,
        published=published.value if published else None,
        published_label=published.label if published else None,
        updated=first["updated"].value if "updated" in first else None,
        department=first["department"].value if "department" in first else None,
        author=first["author"].value if "author" in first else None,
        captions=captions,
        labelled=labelled,
    )


def _drop_lists(tree: HtmlElement) -> None:
    """Remove the board's list of posts printed under the post."""
    for block in list_blocks(tree):
        block.drop_tree()


def _first_by_kind(
    tree: HtmlElement, fields: tuple[BoardField, ...], title_el: HtmlElement | None
) -> dict[str, BoardField]:
    """The field of each kind that follows the title first (a site header's 발행일 comes before it).

    Fields before the title count only for kinds that have none after it; a date known only by
    its element's class counts only where no label names one.
    """
    if not fields:
        return {}
    position = {el: i for i, el in enumerate(tree.iter())} if title_el is not None else {}
    start = position.get(title_el, -1) if title_el is not None else -1
    found = _by_position([f for f in fields if f.label != DATE_CLASS], position, start)
    if "published" not in found:
        # Before the title only in the title's own header box (sketchbook5 prints the date above
        # the <h1>); elsewhere before it a date box is the site header's "today".
        near = _header_box(title_el)
        dated = [
            f
            for f in fields
            if f.label == DATE_CLASS and (position.get(f.element, 0) >= start or _within(f.element, near))
        ]
        found.update(_by_position(dated, position, start))
    return found


def _header_box(title_el: HtmlElement | None) -> HtmlElement | None:
    parent = title_el.getparent() if title_el is not None else None
    return parent if parent is not None and parent.tag not in ("body", "html") else None


def _within(element: HtmlElement, box: HtmlElement | None) -> bool:
    return box is not None and any(a is box for a in element.iterancestors())


def _by_position(fields: list[BoardField], position: dict[HtmlElement, int], start: int) -> dict[str, BoardField]:
    after: dict[str, BoardField] = {}
    before: dict[str, BoardField] = {}
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
        shown = heading_title(normalize(element.text_content()), hints) if element is not None else None
        if element is not None and shown is not None:
            return element, shown
        nearest = nearest if nearest is not None else element
    element = find_title_by_hints(tree, hints)
    if element is not None:
        return element, heading_title(normalize(visible_text(element)), hints)
    if nearest is None:
        return None, None
    return nearest, normalize(nearest.text_content()) or None
