"""Text of an HTML subtree as paragraphs: blocks and <br> break lines, whitespace collapsed."""

from __future__ import annotations

import re
from copy import copy

from lxml import etree
from lxml.html import HtmlElement

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul".split()
)
# Never text: scripts, styles, form controls and media.
SKIP_TAGS = frozenset(
    "script style noscript template iframe object embed svg canvas select option textarea "
    "input button img video audio map head title".split()
)
# Elements whose text a reader never shows: the reader removes them (and comments) before reading.
INVISIBLE_TAGS = ("script", "style", "noscript", "template")
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\u3000]+")
_HANGUL = re.compile(r"[가-힣]")


def collapse(text: str) -> str:
    """Collapse whitespace runs (including NBSP and ideographic space) to one space and trim."""
    return _SPACE.sub(" ", text).strip()


def has_hangul(text: str, utf8: bytes | None = None) -> bool:
    """Whether ``text`` holds a Hangul syllable (U+AC00-U+D7A3); ``utf8``: the text encoded, if at hand.

    A regex scan of a whole page costs about 30 instructions a character (measured: 5 % of
    reading an English news page). In UTF-8 every syllable starts with byte EA, EB, EC or ED, and
    EB or EC start nothing else, so a byte search at memory speed answers for most pages; only
    text with EA or ED lead bytes and neither of the others is left to the regex.
    """
    if text.isascii():
        return False
    data = utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")
    if b"\xeb" in data or b"\xec" in data:
        return True
    return (b"\xea" in data or b"\xed" in data) and _HANGUL.search(text) is not None


def strip_invisible(tree: HtmlElement) -> None:
    """Remove scripts, styles and comments: never article text, and they confuse the density count."""
    etree.strip_elements(tree, *INVISIBLE_TAGS, etree.Comment, with_tail=False)


def is_invisible(el: HtmlElement) -> bool:
    """Whether ``strip_invisible`` removes ``el``: it is or is inside a script, style, noscript or template."""
    return el.tag in INVISIBLE_TAGS or next(el.iterancestors(*INVISIBLE_TAGS), None) is not None


def visible_text(el: HtmlElement) -> str:
    """``el.text_content()`` as it reads once ``strip_invisible`` has run, without changing the tree."""
    shown = el
    if next(el.iterdescendants(*INVISIBLE_TAGS, etree.Comment), None) is not None:
        shown = copy(el)
        strip_invisible(shown)
    return str(shown.text_content())


def render_lines(root: HtmlElement, *, skip_buttons: bool = True) -> list[str]:
    """Return the non-empty lines of ``root``'s text; each block element and each <br> ends a line."""
    parts: list[str] = []
    _walk(root, parts, skip_buttons)
    text = "".join(parts)
    return [line for line in (collapse(raw) for raw in text.split("\n")) if line]


def render_paragraphs(root: HtmlElement) -> str:
    """Return ``root``'s text as paragraphs separated by a blank line."""
    return "\n\n".join(render_lines(root))


def _walk(node: HtmlElement, parts: list[str], skip_buttons: bool) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    skipped = tag in SKIP_TAGS and (skip_buttons or tag != "button")
    if not skipped and tag:
        block = tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        if tag == "br":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            _walk(child, parts, skip_buttons)
        if block:
            parts.append("\n")
    if node.tail:
        parts.append(node.tail)
