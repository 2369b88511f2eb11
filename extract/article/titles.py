"""The article's own title: the heading next to a board's date line, the site name cut off <title>."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from extract.article.boards import LABELS, class_tokens
from extract.article.text import collapse, is_invisible, visible_text

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_TITLE_TOKENS = frozenset(("title", "tit", "subject", "headline", "heading", "sbj", "subj", "ttl"))
# Separators between an article title and the site/menu names in <title> and og:title:
# "제목 < 보도자료 < 열린시정 - 나주시청", "제목 | 보도자료", "Title - The Paper". Only with spaces
# around them (a hyphen inside "나주혁신점-빛가람동" is part of the title), "|" and ">" also without.
_SEPARATOR = re.compile(r"\s+[-–—<>|:·]{1,2}\s+|\s*[|｜>]\s*|\s+::\s+")
# A category label in front of a title in its heading is at most this long.
_MAX_CATEGORY = 12
# A candidate this short that merely starts the <title> is a site or menu name, not the title.
_MIN_HINT_MATCH = 8
# Longer than this is a paragraph, not a title.
_MAX_TITLE = 300
# How many headings before the date line to look at for one that agrees with the meta title.
_WINDOW = 4
# Links to the home page: "/", "./", "index.html", "https://host/".
_HOME = re.compile(r"^(?:https?://[^/?#]+)?(?:/|\./|/?index\.\w+)?$")
# A logo text longer than this is not a name.
_MAX_SITE_NAME = 30


def normalize(text: str) -> str:
    """Compare key for titles: NFC, whitespace collapsed."""
    return collapse(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=64)
def segments(title: str) -> tuple[str, ...]:
    """The parts of a <title>/og:title between separators ("제목 | 보도자료 | 나주시" -> three)."""
    return tuple(s for s in (seg.strip() for seg in _SEPARATOR.split(normalize(title))) if s)


def strip_site_name(title: str, site_names: tuple[str, ...] = (), others: tuple[str, ...] = ()) -> str:
    """Cut site and menu names off a <title>/og:title, whichever side they stand.

    Segments naming the site go; of the rest, one that the other meta titles (``others``) also
    hold wins, else the longest.
    """
    title = normalize(title)
    parts = list(segments(title))
    if len(parts) <= 1:
        return title
    names = {normalize(n) for n in site_names if n}
    kept = [s for s in parts if s not in names] or parts
    shared = [s for s in kept if any(s in other for other in others if other != title)]
    return max(shared or kept, key=len)


def settle_title(title: str, hints: tuple[str, ...], site_names: tuple[str, ...]) -> str:
    """A title read from a heading that merely copies the whole <title> (GNUBOARD's hidden
    ``h1#hd_h1``) loses the site and menu names the <title> carries. Only where one part is known
    to be the site's name: "가나군 - 나나군 협약" as og:title and heading is a title with a dash."""
    names = {normalize(n) for n in site_names}
    if title in hints and any(part in names for part in segments(title)):
        return strip_site_name(title, site_names, hints)
    return title


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
    # Every _TITLE_TOKENS word holds one of these stems: a cheap test before splitting class/id into
    # words. Spelled out: this runs for every element of a page, and a generator over a tuple of the
    # stems cost more than the rest of the test.
    if not ("tit" in raw or "subj" in raw or "sbj" in raw or "head" in raw or "ttl" in raw):
        return False
    return any(token in _TITLE_TOKENS for token in class_tokens(el))


def heading_like(root: HtmlElement, stop: HtmlElement | None = None) -> Iterator[HtmlElement]:
    """The elements of ``root`` that ``is_heading_like``, in document order, up to ``stop``."""
    for el in root.iter(etree.Element):
        if el is stop:
            return
        if is_heading_like(el):
            yield el


def find_title_before(root: HtmlElement, anchor: HtmlElement, hints: tuple[str, ...]) -> HtmlElement | None:
    """Return the heading just before ``anchor`` (a board's date or department label).

    Among the last few headings before the anchor, one whose text starts a meta title (``hints``)
    wins; otherwise the nearest one does.
    """
    ancestors = set(anchor.iterancestors())
    candidates: list[HtmlElement] = []
    for el in heading_like(root, stop=anchor):
        if el in ancestors:
            continue
        text = normalize(el.text_content())
        if 2 <= len(text) <= _MAX_TITLE and text.rstrip(" :：") not in LABELS:
            candidates.append(el)
    window = candidates[-_WINDOW:]
    for el in reversed(window):
        if heading_title(normalize(el.text_content()), hints) is not None:
            return el
    return window[-1] if window else None


def find_title_by_hints(root: HtmlElement, hints: tuple[str, ...]) -> HtmlElement | None:
    """Return the heading-like element that agrees with a meta title on the longest title, if any
    (first in the page among equals): a menu name that is one segment of the <title> loses to the
    article's own title.

    Reads ``root`` as ``strip_invisible`` leaves it, without changing it: the reader searches the
    tree it shares with trafilatura before trafilatura has read it.
    """
    if not hints:
        return None
    best: HtmlElement | None = None
    best_len = 0
    # A heading showing a whole meta title, or the longest part of one, cannot be beaten.
    final = set(hints) | {max(segments(hint), key=len) for hint in hints if segments(hint)}
    for el in heading_like(root):
        if is_invisible(el):
            continue
        text = normalize(visible_text(el))
        shown = heading_title(text, hints) if 2 <= len(text) <= _MAX_TITLE else None
        if shown is not None and len(shown) > best_len:
            best, best_len = el, len(shown)
            if shown in final:
                break
    return best


def matches_hint(text: str, hints: tuple[str, ...]) -> bool:
    """Whether ``text`` is a meta title, one of its segments, or begins one (and is long enough
    not to be a site or menu name)."""
    for hint in hints:
        if text == hint or (len(text) >= _MIN_HINT_MATCH and (hint.startswith(text) or text in segments(hint))):
            return True
    return False


def heading_title(text: str, hints: tuple[str, ...]) -> str | None:
    """The title a heading shows if it agrees with a meta title: the whole heading, or the part
    after a category label the board prints in front ("보도자료 소나무군, ..." -> "소나무군, ...")."""
    if matches_hint(text, hints):
        return text
    for hint in hints:
        for part in segments(hint):
            if len(part) >= _MIN_HINT_MATCH and text.endswith(part) and len(text) - len(part) <= _MAX_CATEGORY:
                return part
    return None


def title_hints(root: HtmlElement, names: tuple[str, ...]) -> tuple[str, ...]:
    """The meta titles of the page that are more than the site's name."""
    known = {normalize(n) for n in names}
    return tuple(t for t in meta_titles(root) if t not in known)


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


def site_names(root: HtmlElement, url: str = "") -> tuple[str, ...]:
    """The site's names: og:site_name, application-name, and the logo (the text or image alt of
    links to the home page), which boards print as a heading above every post."""
    names = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:site_name", "application-name", "apple-mobile-web-app-title") and meta.get("content"):
            names.append(normalize(meta.get("content") or ""))
    for link in root.iter("a"):
        href = link.get("href")
        if href is None or not _maybe_home(href):
            continue
        href = href.strip()
        if not href or not _HOME.match(href) or not _same_site(href, url):
            continue
        text = normalize(link.text_content()) or next(
            (normalize(img.get("alt") or "") for img in link.iter("img") if img.get("alt")), ""
        )
        if 2 <= len(text) <= _MAX_SITE_NAME and text not in names:
            names.append(text)
    return tuple(names)


def _maybe_home(href: str) -> bool:
    """A cheap first test of a link to the home page, on the raw attribute: "/", "./", "/index.*",
    "index.*", or an absolute link with nothing after the host but "/" (a Python test of each link
    costs a third of the XPath that did this)."""
    if href in ("/", "./") or href.startswith(("/index.", "index.")):
        return True
    return href.startswith("http") and not href.partition("//")[2].partition("/")[2]


def _same_site(href: str, url: str) -> bool:
    """A relative link, or an absolute one to the page's own host (not "http://twitter.com/")."""
    host = urlsplit(href).hostname
    if host is None:
        return True
    own = urlsplit(url).hostname or ""
    return bool(own) and host.removeprefix("www.") == own.removeprefix("www.")


def title_from_hints(root: HtmlElement, hints: tuple[str, ...], names: tuple[str, ...]) -> str | None:
    """The title when no heading gave one: the part of og:title/<title> that is not the site's name
    and that the page prints (in any element), else that part of a <title> with separators."""
    known = {normalize(n) for n in names}
    parts = [p for hint in hints for p in segments(hint) if p not in known and len(p) >= 2]
    for part in sorted(set(parts), key=len, reverse=True):
        if _printed(root, part):
            return part
    for hint in hints:
        if len(segments(hint)) > 1:
            return strip_site_name(hint, names, hints)
    return None


def _printed(root: HtmlElement, text: str) -> bool:
    head = text[:4]
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("title", "meta", "head", "html", "body"):
            continue
        own = (el.text or "").strip()
        if own.startswith(head) and normalize(el.text_content()) == text:
            return True
    return False
