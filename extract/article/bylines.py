"""Bylines: wire datelines "(광주=뉴스1) 박준배 기자" and newspaper CMS boxes "박한빛 기자 | a@b.kr"."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from extract.article.text import collapse

# "(place=agency) name 기자": the dateline every Korean wire story opens with or shows above the body.
_WIRE_BYLINE = re.compile(
    r"^\((?P<place>[^()=]{1,12})=(?P<agency>[^()]{1,20})\)\s*(?P<name>[가-힣]{2,5}(?: [가-힣]{2,5})?) 기자"
)
# "name 기자", then at most an e-mail address: the whole text of a byline element.
_REPORTER = re.compile(r"^(?P<name>[가-힣]{2,4}) 기자(?:\s*[|·/]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?$")
# A byline box is short; a paragraph that merely starts with the dateline is the lead.
_MAX_BYLINE = 80


def find_wire_byline(tree: HtmlElement) -> str | None:
    """The reporter named in a short element holding a wire dateline ("최기자 기자"), else None."""
    for element in tree.iter():
        # Only elements whose own text opens with the dateline: reading every element's whole
        # text would cost as much as the rest of the page reading.
        own = (element.text or "").lstrip()
        if not isinstance(element.tag, str) or not own.startswith("(") or "=" not in own:
            continue
        text = collapse(element.text_content())
        if len(text) > _MAX_BYLINE:
            continue
        found = _WIRE_BYLINE.match(text)
        if found:
            return f"{found.group('name')} 기자"
    return None


def find_reporter_byline(tree: HtmlElement) -> str | None:
    """The reporter of a short byline element: "박한빛 기자", "박한빛 기자 | a@b.kr" (newspaper CMS skins)."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        # Its own text, also after an icon (<li><i class="icon-user"></i> 조물길 기자</li>).
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        if "기자" not in own or len(own) > _MAX_BYLINE:
            continue
        found = _REPORTER.match(collapse(element.text_content()))
        if found:
            return f"{found.group('name')} 기자"
    return None
