"""The element that holds an article's text: the container with the most non-link prose after the title."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from extract.article.text import BLOCK_TAGS, SKIP_TAGS, collapse

# Text in these tags belongs to the block around them: paragraphs, inline markup and lists
# inside a body box count for the box (a <p> per paragraph or <br>-separated text alike).
_PASS_THROUGH = frozenset(
    "p span font strong b em i u a small big sup sub mark s strike blockquote li ul ol h1 h2 h3 h4 h5 h6 "
    "label center br abbr cite code q time".split()
)
_WORD = re.compile(r"[\w가-힣]")
# A text run shorter than this is a label, counter or button, not prose.
_MIN_RUN = 10
# A container whose text is more than this share of link text is a list of links.
_MAX_LINK_SHARE = 0.5
# Text-only <div> paragraphs: at least this many siblings holding together this many times the
# densest one's prose make their parent the body.
_MIN_MATES = 2
_MATES_SHARE = 1.5


def find_body_container(root: HtmlElement, after: HtmlElement | None = None) -> HtmlElement | None:
    """Return the container with the most prose after ``after`` (the title), or in the whole page.

    Each text run of at least ``_MIN_RUN`` characters counts for its nearest enclosing block that is
    not a paragraph, inline element or list; text inside links counts against it.
    """
    started = after is None
    skip_until: HtmlElement | None = after
    prose: dict[HtmlElement, int] = {}
    links: dict[HtmlElement, int] = {}
    for el in root.iter():
        if not started:
            if el is skip_until:
                started = True
                skip_until = _last_descendant(el)
                if skip_until is el:
                    skip_until = None
            continue
        if skip_until is not None:
            if el is skip_until:
                skip_until = None
            continue
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        _credit(el, el.text, prose, links)
        parent = el.getparent()
        if parent is not None:
            _credit(parent, el.tail, prose, links)
    best: HtmlElement | None = None
    best_score = 0
    for box, score in prose.items():
        if score > best_score and links.get(box, 0) <= _MAX_LINK_SHARE * (score + links.get(box, 0)):
            best, best_score = box, score
    return _paragraphs_parent(best, prose) if best is not None else None


def _paragraphs_parent(best: HtmlElement, prose: dict[HtmlElement, int]) -> HtmlElement:
    """The box around ``best`` when ``best`` is one of several text-only <div> paragraphs
    (editors that write ``<div>sentence</div>`` per line) that together hold more prose."""
    parent = best.getparent()
    if parent is None or not _text_only_div(best):
        return best
    mates = [child for child in parent if child in prose and _text_only_div(child)]
    if len(mates) >= _MIN_MATES and sum(prose[m] for m in mates) >= _MATES_SHARE * prose[best]:
        return parent
    return best


def _text_only_div(el: HtmlElement) -> bool:
    return el.tag == "div" and not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)


def _credit(owner: HtmlElement, text: str | None, prose: dict[HtmlElement, int], links: dict[HtmlElement, int]) -> None:
    if not text:
        return
    run = collapse(text)
    if len(run) < _MIN_RUN or not _WORD.search(run):
        return
    in_link = False
    box = owner
    while box.tag in _PASS_THROUGH or not isinstance(box.tag, str):
        in_link = in_link or box.tag == "a"
        parent = box.getparent()
        if parent is None:
            break
        box = parent
    if box.tag in SKIP_TAGS:
        return
    target = links if in_link else prose
    target[box] = target.get(box, 0) + len(run)


def _last_descendant(el: HtmlElement) -> HtmlElement:
    descendants = list(el.iterdescendants())
    return descendants[-1] if descendants else el
