"""The article's own title: the heading next to a board's date line, the site name cut off <title>."""

from __future__ import annotations

import re
import unicodedata

from lxml.html import HtmlElement

from extract.article.boards import LABELS, class_tokens
from extract.article.text import collapse

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_TITLE_TOKENS = frozenset(("title", "tit", "subject", "headline", "heading", "sbj", "subj", "ttl"))
# Separators between an article title and the site/menu names in <title> and og:title:
# "제목 < 보도자료 < 열린시정 - 나주시청", "제목 | 보도자료", "Title - The Paper". Only with spaces
# around them (a hyphen inside "나주혁신점-빛가람동" is part of the title), "|" and ">" also without.
_SEPARATOR = re.compile(r"\s+[-–—<>|:·]{1,2}\s+|\s*[|｜>]\s*|\s+::\s+")
# A candidate this short that merely starts the <title> is a site or menu name, not the title.
_MIN_HINT_MATCH = 8
# Longer than this is a paragraph, not a title.
_MAX_TITLE = 300
# How many headings before the date line to look at for one that agrees with the meta title.
_WINDOW = 4
# Every _TITLE_TOKENS word holds one of these: a cheap test before splitting class/id into words.
_TITLE_STEMS = ("tit", "subj", "sbj", "head", "ttl")


def normalize(text: str) -> str:
    """Compare key for titles: NFC, whitespace collapsed."""
    return collapse(unicodedata.normalize("NFC", text))


def strip_site_name(title: str, site_names: tuple[str, ...] = ()) -> str:
    """Cut site and menu names off a <title>/og:title; keep the longest remaining segment."""
    title = normalize(title)
    segments = [s for s in (seg.strip() for seg in _SEPARATOR.split(title)) if s]
    if len(segments) <= 1:
        return title
    names = {normalize(n) for n in site_names if n}
    kept = [s for s in segments if s not in names] or segments
    return max(kept, key=len)


def is_heading_like(el: HtmlElement) -> bool:
    """Whether ``el`` looks like a title: h1-h6, or a class/id naming a title or subject."""
    if not isinstance(el.tag, str):
        return False
    if el.tag in _HEADINGS:
        return True
    cls, ident = el.get("class"), el.get("id")
    if cls is None and ident is None:
        return False
    raw = f"{cls or ''} {ident or ''}".lower()
    if not any(stem in raw for stem in _TITLE_STEMS):
        return False
    return any(token in _TITLE_TOKENS for token in class_tokens(el))


def find_title_before(root: HtmlElement, anchor: HtmlElement, hints: tuple[str, ...]) -> HtmlElement | None:
    """Return the heading just before ``anchor`` (a board's date or department label).

    Among the last few headings before the anchor, one whose text starts a meta title (``hints``)
    wins; otherwise the nearest one does.
    """
    ancestors = set(anchor.iterancestors())
    candidates: list[HtmlElement] = []
    for el in root.iter():
        if el is anchor:
            break
        if el in ancestors or not is_heading_like(el):
            continue
        text = normalize(el.text_content())
        if 2 <= len(text) <= _MAX_TITLE and text.rstrip(" :：") not in LABELS:
            candidates.append(el)
    window = candidates[-_WINDOW:]
    for el in reversed(window):
        if matches_hint(normalize(el.text_content()), hints):
            return el
    return window[-1] if window else None


def find_title_by_hints(root: HtmlElement, hints: tuple[str, ...]) -> HtmlElement | None:
    """Return the first heading-like element whose text agrees with a meta title, if any."""
    if not hints:
        return None
    for el in root.iter():
        if is_heading_like(el):
            text = normalize(el.text_content())
            if 2 <= len(text) <= _MAX_TITLE and matches_hint(text, hints):
                return el
    return None


def matches_hint(text: str, hints: tuple[str, ...]) -> bool:
    """Whether ``text`` is a meta title or begins one (and is long enough not to be a site name)."""
    for hint in hints:
        if text == hint or (len(text) >= _MIN_HINT_MATCH and hint.startswith(text)):
            return True
    return False


def meta_titles(root: HtmlElement) -> tuple[str, ...]:
    """og:title, twitter:title and <title> of the page, normalized, in that order."""
    found: list[str] = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:title", "twitter:title") and meta.get("content"):
            found.append(normalize(meta.get("content") or ""))
    for node in root.iter("title"):
        found.append(normalize(node.text_content()))
        break
    return tuple(t for t in found if t)


def site_names(root: HtmlElement) -> tuple[str, ...]:
    """og:site_name and application-name of the page, if given."""
    names = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:site_name", "application-name", "apple-mobile-web-app-title") and meta.get("content"):
            names.append(normalize(meta.get("content") or ""))
    return tuple(names)
