"""Parse a page once: the tree trafilatura reads, which the reader reads too.

trafilatura parses the text it is given with its own parser settings and repairs (measured: a tree
from ``lxml.html.document_fromstring`` lost half of one NYT article), so the page is parsed its way
and that tree is handed to trafilatura, which copies it before reading. The reader changes its
tree (scripts stripped, readability re-parents nodes) only once trafilatura has read it
(``extract.article.reader``): a copy for the reader cost a quarter of parsing the markup again.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura import load_html
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML

from extract.article.bounds import bound_html, bound_tree
from extract.article.text import has_hangul

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The characters trafilatura's load_html removes (its INVALID_XML_CHARS): C0 controls but tab, LF
# and CR (in UTF-8 these bytes stand for nothing else), and the two non-characters.
_C0_BYTES = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))
_NONCHARACTERS = ("\ufffe", "\uffff")
# _load_valid repeats trafilatura 2.3's load_html: another release takes load_html itself.
_REPLICA_OF = "2.3."
REPLICA_CURRENT = trafilatura.__version__.startswith(_REPLICA_OF)
# trafilatura's parser (its utils.HTML_PARSER: the same options) with lxml's element class lookup
# done in C. lxml.html picks each element's class in a Python method, called whenever a walk meets
# an element (trafilatura's, readability's and the reader's walks): half the cost of a walk, and
# trafilatura read the tree 10 % faster without it (median of the 181 benchmark pages, the same
# reading on each). Every element is an HtmlElement; the subclasses lxml.html gives form, input,
# select, textarea and label only add form-field helpers that neither trafilatura, readability,
# htmldate nor the reader use.
_PARSER = etree.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)


@dataclass(frozen=True)
class ParsedPage:
    """A page parsed once; ``html`` is its markup as read (cut where the bounds cut the tree)."""

    html: str
    # The reader's tree: its steps may change it, once trafilatura has read it where it is ``pristine``.
    tree: HtmlElement
    # trafilatura's tree of the markup: ``tree`` itself (with a trafilatura release other than 2.3,
    # ``tree`` is a copy of it), or None where trafilatura would not take the page as a whole
    # document, and for Korean pages: then it gets ``html``.
    pristine: HtmlElement | None
    # The markup holds Hangul: a Korean page.
    korean: bool


def parse_page(html: str) -> ParsedPage | None:
    """Parse ``html`` (cut at the bounds of ``extract.article.bounds``); None when it holds no document."""
    html = bound_html(html)
    if not html or not html.strip():
        return None
    utf8 = html.encode("utf-8", "surrogatepass")
    pristine = _load(html, utf8)
    if pristine is None:
        tree = _parse(html)
        if tree is None:
            return None
        if bound_tree(tree):
            html = lxml.html.tostring(tree, encoding="unicode")  # later steps re-read the cut markup
            return ParsedPage(html, tree, None, has_hangul(html))
        return ParsedPage(html, tree, None, has_hangul(html, utf8))
    korean = has_hangul(html, utf8)
    if bound_tree(pristine):
        html = lxml.html.tostring(pristine, encoding="unicode")
        korean = has_hangul(html)
    if korean:
        # The board reader reads Korean pages without trafilatura (none of the 10 Korean benchmark
        # pages asks it, 2 of the 31 CMS pages do): no copy; trafilatura, if asked, parses the markup.
        return ParsedPage(html, pristine, None, korean)
    # trafilatura 2.3 copies a tree before reading it (tests/extract/article/test_parse.py checks
    # it): the reader reads the same tree. With another release it reads a copy.
    return ParsedPage(html, pristine if REPLICA_CURRENT else copy(pristine), pristine, korean)


def _load(html: str, utf8: bytes) -> HtmlElement | None:
    """trafilatura's tree of ``html`` when it is a whole document (its root is <html>)."""
    try:
        replica = REPLICA_CURRENT and not _has_invalid_chars(html, utf8)
        tree = _load_valid(html) if replica else load_html(html)
    except (etree.ParserError, ValueError, TypeError):
        return None
    if not isinstance(tree, HtmlElement) or tree.tag != "html" or tree.getparent() is not None:
        return None  # a fragment: trafilatura reads it as one element, the reader as a document
    return tree


def _has_invalid_chars(html: str, utf8: bytes) -> bool:
    return len(utf8.translate(None, _C0_BYTES)) != len(utf8) or any(c in html for c in _NONCHARACTERS)


def _load_valid(html: str) -> HtmlElement | None:
    """``trafilatura.load_html(html)`` for markup without characters it would remove.

    load_html runs a regex over the whole markup to remove them, whether there are any or not:
    about 30 instructions a character, 5 % of trafilatura's own reading. The rest is its code
    (trafilatura 2.3: utils.load_html and repair_faulty_html for a str), with its parser's options
    (``_PARSER``); tests/extract/article/test_parse.py checks the trees are the same as load_html's.
    """
    beginning = html[:50].lower()
    if "doctype" in beginning:  # libxml2 misreads some doctypes (lxml bug 1955915)
        first, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    fallback = False
    tree: HtmlElement | None = None
    try:
        tree = lxml.html.fromstring(html, parser=_PARSER)
    except ValueError:  # a str with an XML encoding declaration
        tree, fallback = _from_bytes(html), True
    except etree.LxmlError:
        pass
    if (tree is None or len(tree) < 1) and not fallback:
        tree = _from_bytes(html)
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None  # trafilatura takes it for something other than HTML
    return tree


def _from_bytes(html: str) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except (etree.LxmlError, ValueError):
        return None


def _parse(html: str) -> HtmlElement | None:
    # lxml parses control characters but refuses them when a subtree is dropped and texts merge.
    if _CONTROL.search(html):
        html = _CONTROL.sub("", html)
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        # ValueError: a str with an XML encoding declaration; parse it as bytes instead.
        try:
            return lxml.html.document_fromstring(html.encode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            return None
