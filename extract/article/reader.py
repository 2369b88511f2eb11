"""Read an article (title, dates, byline, department, clean body) out of one HTML page.

Field by field, the first reader that finds a value wins:

1. the site's CSS selectors (``selectors``; a site profile's ``article:`` block),
2. the Korean board reader (labelled fields such as 제목/작성일/담당부서, the heading above the
   date line, the densest text box after it with the board's list of posts, photo boxes and
   page chrome removed),
3. the page's machine-readable metadata (JSON-LD, meta tags, ``<time>``) for dates, and the
   title that a heading, og:title and <title> agree on, without the site's name,
4. trafilatura for the body and title of any layout, htmldate for the date; each runs only when
   its field is still missing. Their dates are guesses, taken only where the page writes that
   day out (``extract.article.published``); any date after ``now`` or before 1995 is refused,
   and ``Article.published_note`` says why ``published`` is None. trafilatura's precise reading
   of the body is checked against its plain one and against readability-lxml's
   (``extract.article.consensus``): a fragment or a reading that stops after the article's first
   box is replaced (benchmark body F1 0.964 -> 0.972).

Profiles are resolved by the caller (config/profiles.py: ``Catalog.for_url``); their selectors
arrive here as plain ``ArticleSelectors`` (``read_article`` stays a pure function of the page and
its selectors). ``html`` is already decoded text (Scrapy's
``response.text``); this module never guesses encodings.
"""

from __future__ import annotations

import re
from copy import copy
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

from extract.article.board_reader import BoardReading, read_board
from extract.article.boards import DATE_CLASS
from extract.article.bylines import find_reporter_byline, find_wire_byline
from extract.article.cleanup import clean_body, clean_lines
from extract.article.consensus import (
    FRAGMENT_RATIO,
    is_fragment,
    may_be_fragment,
    prefer_readable,
    worth_asking,
)
from extract.article.dates import PageDates, guess_page_date, parse_date, parse_labelled_date, read_page_dates
from extract.article.generic import GenericReading, read_generic
from extract.article.page import Article, ArticleSelectors
from extract.article.parse import parse_page
from extract.article.photos import split_captions
from extract.article.published import Candidate, PublishedDate, choose_published
from extract.article.readable import read_readable
from extract.article.selected import SelectedFields, read_selected
from extract.article.text import collapse, strip_invisible
from extract.article.titles import (
    find_title_by_hints,
    normalize,
    settle_title,
    site_names,
    strip_site_name,
    title_from_hints,
    title_hints,
)

KST = ZoneInfo("Asia/Seoul")

_HANGUL = re.compile(r"[가-힣]")
# A board body shorter than this is probably a wrong box (a caption, a counter): ask trafilatura.
_MIN_BOARD_BODY = 30
# Share of Hangul among letters above which a page is Korean.
_KOREAN_SHARE = 0.3


def read_article(
    html: str,
    url: str,
    *,
    selectors: ArticleSelectors | None = None,
    timezone: ZoneInfo = KST,
    now: datetime | None = None,
) -> Article:
    """Return the article of ``html``; ``selectors`` win over generic reading field by field.

    ``now`` (default: the clock) bounds the publication date: a later one is refused.
    """
    page = parse_page(html)
    if page is None:
        return Article(url=url, title="", body="")
    html, tree = page.html, page.tree
    source = page.pristine if page.pristine is not None else html  # what trafilatura reads
    page_dates = read_page_dates(tree, timezone)
    names = site_names(tree, url)
    hints = title_hints(tree, names)
    canonical = _canonical_url(tree)
    declared_lang = (tree.get("lang") or tree.get("xml:lang") or "").split("-")[0].lower() or None
    # Where the tree is trafilatura's, it stays unchanged until trafilatura has read it (the title
    # search reads it as if stripped): no copy of the page for the reader.
    shared = tree is page.pristine
    if shared and selectors:
        tree, shared = copy(tree), False  # the selectors' drop changes the tree
    if not shared:
        strip_invisible(tree)

    korean = page.korean
    selected = read_selected(tree, selectors) if selectors else SelectedFields()
    board = read_board(tree, hints, want_body=not selected.body_lines, korean=korean)
    body = "\n\n".join(clean_lines(list(selected.body_lines))) if selected.body_lines else ""
    if not body and board.labelled and len(" ".join(board.body_lines)) >= _MIN_BOARD_BODY:
        body = "\n\n".join(board.body_lines)
    title = selected.title or board.title
    if not title and board.labelled:
        # An unlabelled board reading already searched the unchanged tree by the hints.
        heading = find_title_by_hints(tree, hints)
        title = normalize(heading.text_content()) if heading is not None else None
    generic = GenericReading()
    if not body or not title:
        generic = read_generic(source, url, with_metadata=not title, precise=not board.labelled)
    if shared:
        if may_be_fragment(generic.body or ""):
            source = copy(tree)  # the plain reading (_generic_body) reads the page as parsed
        strip_invisible(tree)
    author = (
        selected.author
        or board.author
        or ((find_wire_byline(tree) or find_reporter_byline(tree)) if korean else None)  # Korean bylines
        or generic.author
        or _meta_author(tree)
    )
    if not body:
        read = _generic_body(source, url, tree, generic.body or "", precise=not board.labelled)
        body, captions = split_captions(read)
    else:
        captions = board.captions if not selected.body_lines else ()
    title = settle_title(title, hints, names) if title else title_from_hints(tree, hints, names)
    if not title:
        title = strip_site_name(generic.title or (hints[0] if hints else ""), names + _sitenames(generic))
    published = _choose_published(html, url, timezone, selected, board, page_dates, generic, now, korean)
    return Article(
        url=url,
        title=title or "",
        body=body,
        published=published.value,
        updated=_later_or_none(
            _parse_first(timezone, selected.updated, board.updated) or page_dates.updated, published.value
        ),
        author=author,
        department=selected.department or board.department,
        lang=declared_lang or _guess_lang(body) or generic.language,
        canonical_url=canonical,
        captions=captions,
        published_note=published.note,
    )


def _choose_published(
    html: str,
    url: str,
    timezone: ZoneInfo,
    selected: SelectedFields,
    board: BoardReading,
    page_dates: PageDates,
    generic: GenericReading,
    now: datetime | None,
    korean: bool,
) -> PublishedDate:
    """The date shown by a selector or a board label, else the page's metadata, else a checked guess."""
    clock = now or datetime.now(timezone)
    shown, unread = _shown_date(timezone, selected, board)
    candidates = [
        Candidate("selector" if selected.published else f"label {board.published_label}", shown),
        Candidate("metadata", page_dates.published),
        Candidate("trafilatura's guess", parse_date(generic.date, timezone), guessed=True),
    ]
    choose = partial(choose_published, now=clock, page_text=html, url=url, unread=unread, korean=korean)
    chosen = choose(candidates)
    if chosen.value is None:
        chosen = choose(
            [*candidates, Candidate("htmldate's guess", guess_page_date(html, url, timezone), guessed=True)]
        )
    if chosen.value is not None and chosen.value is shown:
        return PublishedDate(_prefer_precise(shown, page_dates.published))
    return chosen


def _shown_date(
    timezone: ZoneInfo, selected: SelectedFields, board: BoardReading
) -> tuple[datetime | None, str | None]:
    """The date a selector or a board label shows, and why a shown value could not be read."""
    if selected.published:
        value = parse_labelled_date(selected.published, timezone)
        return value, None if value else f"selector value {selected.published!r} is not a date"
    if not board.published:
        return None, None
    if board.published_label == DATE_CLASS:
        # Without a label a two-digit year is not known to come first: not read.
        value = parse_date(board.published, timezone)
        return value, None if value else f"unlabelled date {board.published!r} has no four-digit year"
    value = parse_labelled_date(board.published, timezone)
    return value, None if value else f"label {board.published_label} value {board.published!r} is not a date"


def _generic_body(source: str | HtmlElement, url: str, tree: HtmlElement, text: str, *, precise: bool) -> str:
    """trafilatura's body, replaced by its plain or readability's reading where those show it is cut short.

    Reads ``tree`` destructively (readability): call it after every other use of the tree.
    """
    # The plain reading can only be FRAGMENT_RATIO times longer when the page holds that much text.
    if precise and may_be_fragment(text) and len(collapse(tree.text_content())) >= FRAGMENT_RATIO * len(text):
        plain = read_generic(source, url, with_metadata=False, precise=False).body or ""
        if is_fragment(text, plain):
            text = plain
    if text and worth_asking(text, [p.text_content() for p in tree.iter("p")]):
        readable = read_readable(tree)
        if prefer_readable(text, readable):
            text = readable
    return clean_body(text, dedupe=False) if text else ""


def _canonical_url(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return (link.get("href") or "").strip()
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            return (meta.get("content") or "").strip()
    return None


def _parse_first(timezone: ZoneInfo, *texts: str | None) -> datetime | None:
    for text in texts:
        value = parse_date(text, timezone)
        if value is not None:
            return value
    return None


def _prefer_precise(shown: datetime | None, meta: datetime | None) -> datetime | None:
    """The date shown on the page wins; the meta time replaces it when it names the same day more exactly."""
    if shown is None:
        return meta
    if meta is not None and shown.time() == datetime.min.time():
        if meta.astimezone(shown.tzinfo).date() == shown.date():
            return meta
    return shown


def _later_or_none(updated: datetime | None, published: datetime | None) -> datetime | None:
    """An update before publication is some other date (a menu page's 최종수정일 in the footer)."""
    if updated is None or published is None:
        return updated
    return updated if updated.date() >= published.date() else None


def _sitenames(generic: GenericReading) -> tuple[str, ...]:
    return (generic.sitename,) if generic.sitename else ()


def _meta_author(tree: HtmlElement) -> str | None:
    for meta in tree.iter("meta"):
        if (meta.get("name") or "").lower() == "author" and (meta.get("content") or "").strip():
            return (meta.get("content") or "").strip()
    return None


def _guess_lang(text: str) -> str | None:
    sample = text[:2000]
    if _HANGUL.search(sample) is None:
        return None  # no need to count the letters (a syllable is one: there is at least one below)
    letters = sum(1 for ch in sample if ch.isalpha())
    return "ko" if len(_HANGUL.findall(sample)) / letters >= _KOREAN_SHARE else None
