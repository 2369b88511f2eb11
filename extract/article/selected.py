"""Fields read by a site's CSS selectors (a profile's ``article:`` block)."""

from __future__ import annotations

from dataclasses import dataclass

from cssselect import SelectorError
from lxml.html import HtmlElement

from extract.article.page import ArticleSelectors
from extract.article.text import collapse, render_lines


@dataclass(frozen=True)
class SelectedFields:
    """Text of each field a selector found; None where there was no selector or no match."""

    title: str | None = None
    body_lines: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    department: str | None = None


def read_selected(tree: HtmlElement, selectors: ArticleSelectors) -> SelectedFields:
    """Apply ``selectors`` to ``tree``: first match for single fields, all matches joined for the body.

    ``drop`` subtrees are removed from the tree first (the caller passes a tree it may change).
    """
    for selector in selectors.drop:
        for node in _select(tree, selector):
            if node.getparent() is not None:
                node.drop_tree()
    lines: list[str] = []
    if selectors.body:
        for node in _select(tree, selectors.body):
            lines.extend(render_lines(node))
    return SelectedFields(
        title=_first_text(tree, selectors.title),
        body_lines=tuple(lines),
        published=_first_text(tree, selectors.published),
        updated=_first_text(tree, selectors.updated),
        author=_first_text(tree, selectors.author),
        department=_first_text(tree, selectors.department),
    )


def _select(tree: HtmlElement, selector: str) -> list[HtmlElement]:
    try:
        return list(tree.cssselect(selector))
    except SelectorError:
        # A profile selector cssselect cannot read finds nothing; generic reading fills the field.
        return []


def _first_text(tree: HtmlElement, selector: str | None) -> str | None:
    if not selector:
        return None
    for node in _select(tree, selector):
        text = collapse(node.text_content())
        if text:
            return text
    return None
