"""Korean board layouts: labelled fields (<th>제목</th><td>, dt/dd, "작성일 : ...") and page chrome removal."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from extract.article.text import collapse

# Label text on board view pages -> the field it names. Longest labels first in the pattern so
# that "담당부서" is not read as "담당" + "부서".
LABELS: dict[str, str] = {
    "제목": "title",
    "글제목": "title",
    "작성일": "published",
    "작성일자": "published",
    "작성일시": "published",
    "등록일": "published",
    "등록일자": "published",
    "등록일시": "published",
    "게시일": "published",
    "게시일자": "published",
    "입력": "published",
    "기사입력": "published",
    "입력일": "published",
    "입력날짜": "published",
    "입력일자": "published",
    "입력일시": "published",
    "작성날짜": "published",
    "등록날짜": "published",
    "보도일": "published",
    "보도일자": "published",
    "배포일": "published",
    "배포일시": "published",
    "발행일": "published",
    "게재일": "published",
    "날짜": "published",
    "일자": "published",
    "승인": "published",
    "수정일": "updated",
    "수정일자": "updated",
    "수정일시": "updated",
    "수정": "updated",
    "업데이트": "updated",
    "최종수정일": "updated",
    "담당부서": "department",
    "등록부서": "department",
    "작성부서": "department",
    "부서명": "department",
    "부서": "department",
    "담당기관": "department",
    "기관명": "department",
    "소속": "department",
    "작성자": "author",
    "기자명": "author",
    "기자": "author",
    "글쓴이": "author",
    "등록자": "author",
    "담당자": "author",
}
_LABEL_RE = re.compile(
    r"^(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")(?:\s*[:：]\s*|\s+|(?=\d)|$)(.*)$", re.S
)
# Wire services put the label after the time: "2020-11-27 15:01 송고", "2024.05.16 10:00 수정".
_TRAILING_LABEL_RE = re.compile(r"^((?:19|20)\d{2}[-./년][-\d\s:./월일시분]+?)\s*(송고|입력|등록|수정|발행)$")
_TRAILING_KINDS = {
    "송고": "published",
    "입력": "published",
    "등록": "published",
    "발행": "published",
    "수정": "updated",
}
# class/id words of an element that shows the post's date without a label (XE's span.time,
# sketchbook5's span.date, GNUBOARD's strong.if_date), and what such a date looks like.
_DATE_TOKENS = frozenset(("date", "time", "regdate", "wdate", "datetime", "registered"))
_DATEISH = re.compile(r"(?<!\d)\d{2}(?:\d{2})?\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}(?!\d)")
_MAX_DATE_TEXT = 40
# Empty elements that stand between a label and its value: icon fonts and images.
_ICON_TAGS = frozenset(("i", "img", "span", "em", "svg"))
DATE_CLASS = "(date class)"
# class/id words of a byline ("<p class="byline">홍길동 기자</p>").
_BYLINE_TOKENS = frozenset(("byline", "writer", "reporter", "author"))
_LABEL_INITIALS = frozenset(label[0] for label in LABELS)
_LABEL_TAGS = tuple("th td dt dd span strong b label em li p div i small font".split())
# Longest label value we believe: a department name or a byline; longer text is a sentence.
# Titles run longer (press-release titles of 150 characters are common).
_MAX_VALUE = 60
_MAX_TITLE_VALUE = 300

# class/id words of page chrome, matched against the tokens of class and id (split on _, -, space
# and camelCase): navigation, attachments, licences, surveys, sharing, paging, related lists.
_CHROME_TOKENS = re.compile(
    r"^(?:gnb|lnb|snb|tnb|nav|navi|navigation|menu|breadcrumbs?|location|footer|foot|copyright|"
    r"files?|filelist|attach|attachment|download|nuri|kogl|satisfaction|satisfy|survey|rating|"
    r"share|sns|social|print|prev|next|prevnext|pager|paging|pagination|btn|buttons?|related|"
    r"popular|ranking|rank|banner|quick|skip|comments?|reply|tags?|keyword|qr|qrcode|inventory|"
    r"sidebar|aside|ad|ads|advert|subscribe|newsletter|relation|recommend|hot|most|toolbar|util|"
    r"caption|copy|viewimg|sitemap|family)$"
)
_CHROME_TAGS = frozenset(("nav", "footer", "aside", "figcaption", "button", "select", "iframe"))
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")

# Text that marks a block as chrome wherever it sits (Korean government and news sites).
_CHROME_CONTAINS = (
    "공공누리",
    "정보에 만족",
    "만족하십니까",
    "만족하셨습니까",
    "만족도 평가",
    "만족도 조사",
    "무단전재",
    "무단 전재",
    "재배포 금지",
    "All rights reserved",
    "많이 본 뉴스",
    "많이 본 기사",
    "인기기사",
    "관련기사",
    "기자의 다른 기사",
    "이 기사를 공유",
    "QR Code",
)
_CHROME_STARTS = ("이전글", "다음글", "첨부파일", "첨부 파일", "저작권자", "Copyright", "목록", "관련 기사")
# A block longer than this is content even if it mentions a chrome phrase.
_MAX_CHROME_BLOCK = 400


@dataclass(frozen=True)
class BoardField:
    """One labelled value on a board page: its kind (title, published, ...), label and value text."""

    kind: str
    label: str
    value: str
    element: HtmlElement


def read_fields(root: HtmlElement) -> tuple[BoardField, ...]:
    """Return the labelled fields of a board page in document order (first one of each label kept).

    Lists of other posts must be gone (``extract.article.lists``): their header row names columns.
    """
    fields: list[BoardField] = []
    seen: set[str] = set()
    for el in root.iter(*_LABEL_TAGS):
        field = _trailing_field(el) or _byline_field(el)
        if field is not None:
            if field.label not in seen:
                seen.add(field.label)
                fields.append(field)
            continue
        field = _labelled_field(el, seen) or _date_class_field(el)
        if field is not None and field.label not in seen:
            seen.add(field.label)
            fields.append(field)
    return tuple(fields)


def _labelled_field(el: HtmlElement, seen: set[str]) -> BoardField | None:
    """A "label value" element ("작성일 : 2024-05-16") or a label whose value sits next to it."""
    first = next((t for t in el.itertext() if t.strip()), "")
    if first.lstrip()[:1] not in _LABEL_INITIALS:
        return None  # cheap test before the costly text_content() of a big element
    text = collapse(el.text_content())
    if not text or len(text) > _MAX_TITLE_VALUE + 12:
        return None
    match = _LABEL_RE.match(text)
    if match is None:
        return None
    label, rest = match.group(1), match.group(2).strip()
    if rest:
        if _has_label_child(el):
            return None  # a row holding several labels: its cells are read one by one
        value = rest
    else:
        value = _value_after(el, text)
    value = value.strip(" :：|·")
    longest = _MAX_TITLE_VALUE if LABELS[label] == "title" else _MAX_VALUE
    if not value or len(value) > longest or label in seen:
        return None
    return BoardField(LABELS[label], label, value, el)


def _trailing_field(el: HtmlElement) -> BoardField | None:
    """A "<date> 송고" line (label after the value), as wire services print it."""
    if len(el) or not el.text or not el.text[:40].strip()[:1].isdigit():
        return None
    match = _TRAILING_LABEL_RE.match(collapse(el.text))
    if match is None:
        return None
    label = match.group(2)
    return BoardField(_TRAILING_KINDS[label], f"(trailing) {label}", match.group(1), el)


def _byline_field(el: HtmlElement) -> BoardField | None:
    """A byline element by its class ("byline", "reporter", ...) with a short text."""
    if el.get("class") is None and el.get("id") is None:
        return None
    if not any(token in _BYLINE_TOKENS for token in class_tokens(el)):
        return None
    text = collapse(el.text_content())
    if not text or len(text) > _MAX_VALUE:
        return None
    return BoardField("author", "(byline)", text, el)


def _date_class_field(el: HtmlElement) -> BoardField | None:
    """A date shown without a label in an element whose class says it is the date."""
    if el.get("class") is None and el.get("id") is None:
        return None
    if not any(token in _DATE_TOKENS for token in class_tokens(el)):
        return None
    text = collapse(el.text_content())
    if not text or len(text) > _MAX_DATE_TEXT or _DATEISH.search(text) is None:
        return None
    labelled = _LABEL_RE.match(text)
    if labelled is not None and LABELS[labelled.group(1)] in ("published", "updated"):
        # A label hidden for screen readers inside the date box (GNUBOARD's sound_only 작성일).
        return BoardField(LABELS[labelled.group(1)], labelled.group(1), labelled.group(2).strip(" :："), el)
    return BoardField("published", DATE_CLASS, text, el)


def _has_label_child(el: HtmlElement) -> bool:
    for child in el.iterdescendants():
        if isinstance(child.tag, str) and _LABEL_RE.match(collapse(child.text_content()) or "x") is not None:
            return True
    return False


def _value_after(el: HtmlElement, label_text: str) -> str:
    """The value next to a label element: its tail text, else its next element sibling's text.

    Climbs out of wrappers that hold nothing but the label (``<th><label>제목</label></th>``).
    """
    node = el
    while True:
        tail = collapse(node.tail or "")
        if tail:
            return tail
        sibling = node.getnext()
        while sibling is not None:
            if isinstance(sibling.tag, str):
                # Joined with spaces: <dd><span>정책기획관</span><span>기획담당관</span></dd> is two words.
                text = collapse(" ".join(sibling.itertext()))
                if text:
                    return text
            tail = collapse(sibling.tail or "")
            if tail or isinstance(sibling.tag, str) and sibling.tag not in _ICON_TAGS:
                return tail  # the value, or nothing where a non-icon element stands empty
            sibling = sibling.getnext()
        parent = node.getparent()
        if parent is None or collapse(parent.text_content()) != label_text:
            return ""
        node = parent


def class_tokens(el: HtmlElement) -> list[str]:
    """The lower-cased words of an element's class and id ("board_viewBody" -> board, view, body)."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    return [t.lower() for t in _TOKEN_SPLIT.split(_CAMEL.sub(" ", raw)) if t]


def is_chrome(el: HtmlElement) -> bool:
    """Whether ``el`` is page chrome by its tag, its class/id words, or short text with a chrome phrase."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _CHROME_TAGS:
        return True
    if any(_CHROME_TOKENS.match(token) for token in class_tokens(el)):
        return True
    if tag not in ("div", "ul", "ol", "dl", "table", "section", "p", "span", "li", "dd", "tr", "form"):
        return False
    text = collapse(el.text_content())
    if not text or len(text) > _MAX_CHROME_BLOCK:
        return False
    if tag == "form" and len(text) < 200:
        return True  # hidden paging/search forms; a whole page wrapped in a form has more text
    if text.startswith(_CHROME_STARTS):
        return True
    return tag != "p" and any(marker in text for marker in _CHROME_CONTAINS)


def drop_chrome(root: HtmlElement, keep: frozenset[HtmlElement] = frozenset()) -> None:
    """Remove chrome subtrees below ``root`` (not ``root`` itself, nor any element in ``keep``).

    Innermost first, so that a box which held a 공공누리 notice next to a short article is judged
    by what is left once the notice is gone.
    """
    for el in reversed(list(root.iterdescendants())):
        if not isinstance(el.tag, str) or el in keep or el.getparent() is None:
            continue
        if is_chrome(el) and not _holds(el, keep):
            el.drop_tree()


def _holds(el: HtmlElement, keep: frozenset[HtmlElement]) -> bool:
    return bool(keep) and any(k in keep for k in el.iterdescendants())
