"""Photo boxes in an article body: a table or figure holding an image and its caption.

Old newspaper CMS skins (NDSoft's ``news_photo_table``) and board editors put a photo in a
one-cell table with the caption in the next row; read as text it opens the body with
"▲ caption". The box leaves the body and its caption is kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from extract.article.text import collapse

# A box with more text than this is content that happens to hold an image.
_MAX_CAPTION = 200
_BOX_TAGS = ("table", "figure")
# Korean captions open with a triangle ("▲ 시장이 ...", "△ ...").
_CAPTION_MARKS = ("▲", "△", "▶ 사진")
# A table's rule row ("|---|---|") in a body read as text.
_RULE = re.compile(r"^\|[\s|:\-]*$")


@dataclass(frozen=True)
class PulledPhoto:
    """A photo box taken out of the tree: its caption and the element it sat in."""

    caption: str
    parent: HtmlElement


def pull_photos(root: HtmlElement) -> list[PulledPhoto]:
    """Remove photo boxes below ``root``; return their captions with their former parents."""
    boxes = [box for box in root.iter(*_BOX_TAGS) if _is_photo_box(box)]
    chosen = set(boxes)
    pulled: list[PulledPhoto] = []
    for box in boxes:
        parent = box.getparent()
        if parent is None or any(a in chosen for a in box.iterancestors()):
            continue
        pulled.append(PulledPhoto(collapse(box.text_content()), parent))
        box.drop_tree()
    return pulled


def captions_in(container: HtmlElement, pulled: list[PulledPhoto]) -> tuple[str, ...]:
    """The captions of the boxes that sat inside ``container``."""
    return tuple(
        p.caption for p in pulled if p.caption and (p.parent is container or container in set(p.parent.iterancestors()))
    )


def _is_photo_box(box: HtmlElement) -> bool:
    if next(box.iter("img"), None) is None:
        return False
    if box.tag == "table" and next((t for t in box.iterdescendants("table", "ul", "ol", "p")), None) is not None:
        return False
    if any(collapse(a.text_content()) for a in box.iter("a")):
        return False  # menus and link boxes; a link around the image alone has no text
    return len(collapse(box.text_content())) <= _MAX_CAPTION


def split_captions(body: str) -> tuple[str, tuple[str, ...]]:
    """Take photo captions printed as table rows ("| ▲ caption |") out of a body read as text."""
    kept: list[str] = []
    captions: list[str] = []
    for line in body.split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else []
        text = " ".join(c for c in cells if c)
        if text.startswith(_CAPTION_MARKS) and len(text) <= _MAX_CAPTION:
            captions.append(text)
        elif not (cells and _RULE.match(line.strip())):
            kept.append(line)
    return "\n".join(kept).strip("\n"), tuple(captions)
