"""Lists of posts printed on a post's page (XE/Rhymix and GNUBOARD print the board under the post).

Their header row ("번호 | 제목 | 글쓴이 | 날짜 | 조회 수") is a row of column names, not the post's
labelled fields, and their rows are other posts' titles, never the post's body.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from extract.article.text import collapse

# Column names of Korean board lists. A header row holds nothing else.
COLUMN_WORDS = frozenset(
    "번호 no no. 제목 글제목 글쓴이 작성자 등록자 이름 날짜 작성일 등록일 게시일 일자 조회 조회수 추천 추천수 "
    "첨부 파일 첨부파일 담당부서 부서 부서명 분류 구분 상태 댓글".split()
) | frozenset(("조회 수", "추천 수"))
# A header row names at least this many columns ...
_MIN_COLUMNS = 3
# ... and a list has at least this many rows of posts under it, each with a cell per column (a
# view table laid out horizontally has one such row of values; its body and file rows differ).
_MIN_ROWS = 2
# A header cell holds its word directly or in one or two wrappers (<span>, <a>, <div>).
_MAX_CELL_CHILDREN = 2
_CELL_TAGS = frozenset(("th", "td", "li", "span", "div", "dt", "dd", "strong"))


def list_blocks(root: HtmlElement) -> list[HtmlElement]:
    """The outermost elements holding a list of posts: tables (or lists) under a row of column names."""
    found: list[HtmlElement] = []
    for row in root.iter("tr"):
        if _is_header_row(row):
            table = next((a for a in row.iterancestors("table")), None)
            if table is not None and _rows_after(row) >= _MIN_ROWS:
                found.append(table)
    for row in root.iter("ul", "ol", "dl", "div"):
        if _is_header_row(row) and row.getparent() is not None and _siblings_after(row) >= _MIN_ROWS:
            found.append(row.getparent())
    return _outermost(found)


def _is_header_row(row: HtmlElement) -> bool:
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in _CELL_TAGS]
    if len(cells) < _MIN_COLUMNS or len(cells) != sum(1 for c in row if isinstance(c.tag, str)):
        return False
    named = 0
    for cell in cells:
        if len(cell) > _MAX_CELL_CHILDREN:
            return False  # a column name is a word, perhaps in a span or a sort link; not a section
        word = collapse(cell.text_content()).lower()
        if word in COLUMN_WORDS:
            named += 1
        elif word and word != "선택":  # an empty or "select all" checkbox column
            return False
    return named >= _MIN_COLUMNS


def _rows_after(row: HtmlElement) -> int:
    """Rows under the header row with as many cells as it has: the posts."""
    table = next(row.iterancestors("table"))
    rows = list(table.iter("tr"))
    width = _width(row)
    return sum(1 for r in rows[rows.index(row) + 1 :] if _width(r) == width)


def _siblings_after(row: HtmlElement) -> int:
    width = _width(row)
    return sum(1 for s in row.itersiblings() if isinstance(s.tag, str) and _width(s) == width)


def _width(row: HtmlElement) -> int:
    return sum(1 for c in row if isinstance(c.tag, str))


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    chosen = set(elements)
    return [el for el in dict.fromkeys(elements) if not any(a in chosen for a in el.iterancestors())]


def inside(element: HtmlElement, blocks: list[HtmlElement]) -> bool:
    """Whether ``element`` sits inside one of ``blocks``."""
    if not blocks:
        return False
    chosen = set(blocks)
    return element in chosen or any(a in chosen for a in element.iterancestors())
