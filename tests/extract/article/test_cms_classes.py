"""Each failure class of the generic reader on Korean CMS pages, as a table of small pages."""

from __future__ import annotations

from datetime import datetime

import lxml.html
import pytest

from extract.article.dates import parse_date, parse_labelled_date
from extract.article.lists import list_blocks
from extract.article.page import Article
from extract.article.photos import pull_photos, split_captions
from extract.article.published import Candidate, choose_published
from extract.article.reader import KST, read_article
from extract.article.titles import heading_title, site_names, strip_site_name

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=KST)
BODY = (
    "<p>가나군은 내년 본예산을 4210억원으로 편성했다고 밝혔다.</p>"
    "<p>복지 분야에 1830억원, 도로에 420억원을 배정했다.</p>"
    "<p>군 관계자는 필요한 사업부터 챙겼다고 말했다.</p>"
)


def kst(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=KST)


def board(meta: str, *, head: str = "", foot: str = "", title: str = "가나군, 본예산 4210억원 편성") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        f'<div id="gnb"><a href="/">가나군청</a></div><h3 class="view_tit">가나군, 본예산 4210억원 편성</h3>'
        f'<div class="view_info">{meta}</div><div class="view_cont">{BODY}</div>{foot}</body></html>'
    )


def read(html: str, url: str = "https://www.gana.example.kr/board/view?no=1") -> Article:
    return read_article(html, url, now=NOW)


# --- lists of posts are never the post's label rows ------------------------------------------

LIST = (
    "<table><thead><tr><th>번호</th><th>제목</th><th>글쓴이</th><th>날짜</th><th>조회 수</th></tr></thead><tbody>"
    '<tr><td>12</td><td><a href="?no=12">가나군 눈 치우기 대책</a></td><td>총무과</td><td>2024.01.02</td><td>5</td></tr>'
    '<tr><td>11</td><td><a href="?no=11">가나군 새해 인사회 열려</a></td><td>총무과</td><td>2023.12.29</td><td>9</td></tr>'
    "</tbody></table>"
)


def test_a_header_row_of_column_names_over_rows_of_posts_is_a_list() -> None:
    tree = lxml.html.fromstring(f"<div>{LIST}</div>")
    assert [el.tag for el in list_blocks(tree)] == ["table"]


def test_a_view_table_laid_out_in_one_row_of_labels_and_one_of_values_is_not_a_list() -> None:
    view = (
        "<table><tr><th>제목</th><th>작성자</th><th>작성일</th></tr>"
        "<tr><td>가나군 본예산</td><td>기획실</td><td>2024-11-01</td></tr></table>"
    )
    assert list_blocks(lxml.html.fromstring(f"<div>{view}</div>")) == []


def test_the_list_under_a_post_gives_neither_title_nor_body_text() -> None:
    article = read(board("<span>작성일 2024-11-01</span>", foot=LIST))
    assert article.title == "가나군, 본예산 4210억원 편성"  # not "글쓴이"
    assert "눈 치우기" not in article.body and "새해 인사회" not in article.body


# --- dates: read with their label, refused when implausible, None with a reason ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24.11.01 17:40", kst(2024, 11, 1, 17, 40)),  # GNUBOARD's y.m.d after 작성일: year first
        ("작성일 24-11-01 17:40", kst(2024, 11, 1, 17, 40)),
        ("25.01.15", kst(2025, 1, 15)),
        ("2019. 11. 23. 08:30:05", kst(2019, 11, 23, 8, 30, 5)),
        ("061-286-6710", None),
        ("1.2.3", None),
    ],
)
def test_labelled_values_read_two_digit_years_year_first(text: str, expected: datetime | None) -> None:
    assert parse_labelled_date(text, KST) == expected


def test_an_unlabelled_two_digit_date_is_not_read() -> None:
    assert parse_date("24.11.01 17:40", KST) is None


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("<span>작성일</span> <i></i> 24.11.01 17:40", kst(2024, 11, 1, 17, 40)),
        (
            '<strong class="if_date"><span class="sound_only">작성일</span> 24-11-01 17:40</strong>',
            kst(2024, 11, 1, 17, 40),
        ),
        ("<font>입력날짜 : 2019. 11. 23. 08:30:05</font>", kst(2019, 11, 23, 8, 30, 5)),
        ("<dl><dt>등록일</dt><dd>24.05.20</dd></dl>", kst(2024, 5, 20)),
        ('<span class="date">2023.05.08 14:05</span>', kst(2023, 5, 8, 14, 5)),
    ],
)
def test_board_dates_are_read_with_their_label(meta: str, expected: datetime) -> None:
    assert read(board(meta)).published == expected


@pytest.mark.parametrize(
    ("meta", "foot", "reason"),
    [
        ("", "<footer>Copyright ⓒ 2006 가나신문. All rights reserved.</footer>", "not written"),
        ("<p>2026년 사업 계획</p>", "", "not written"),
        ('<span class="date">24.11.01 17:40</span>', "", "no four-digit year"),
        ("<span>작성일 2027-03-02</span>", "", "in the future"),
        ("<span>작성일 1988-03-02</span>", "", "before 1995"),
    ],
)
def test_a_date_the_reader_cannot_vouch_for_is_none_with_the_reason(meta: str, foot: str, reason: str) -> None:
    article = read(board(meta, foot=foot))
    assert article.published is None
    assert article.published_note is not None and reason in article.published_note


def test_a_guessed_day_written_out_on_the_page_or_in_the_url_is_taken() -> None:
    guess = [Candidate("htmldate's guess", kst(2024, 3, 5), guessed=True)]
    assert choose_published(guess, now=NOW, page_text="", url="https://x.kr/2024/03/05/a").value == kst(2024, 3, 5)
    assert choose_published(guess, now=NOW, page_text="배포 2024. 3. 5.", url="").value == kst(2024, 3, 5)
    assert choose_published(guess, now=NOW, page_text="ⓒ 2024", url="").value is None


@pytest.mark.parametrize(
    "text", ["Posted Mar. 5, 2024", "5 March 2024", "5. März 2024", "05/03/2024", "03/05/2024", "2024-03-05"]
)
def test_a_guessed_day_written_in_english_german_or_numeric_form_is_taken(text: str) -> None:
    guess = [Candidate("htmldate's guess", kst(2024, 3, 5), guessed=True)]
    assert choose_published(guess, now=NOW, page_text=text, url="").value == kst(2024, 3, 5)


def test_a_refused_label_date_falls_back_to_the_page_metadata() -> None:
    meta = '<meta property="article:published_time" content="2024-11-01T10:00:00+09:00">'
    article = read(board("<span>작성일 2031-01-01</span>", head=meta))
    assert article.published == kst(2024, 11, 1, 10)


# --- titles: the one heading and meta titles agree on, without the site name -------------------


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("예시신문 - 가나군 본예산 편성", ("예시신문",), "가나군 본예산 편성"),
        ("가나군 본예산 편성 | 예시신문", ("예시신문",), "가나군 본예산 편성"),
        ("아주 긴 이름의 예시 지역 인터넷 신문 - 본예산", ("아주 긴 이름의 예시 지역 인터넷 신문",), "본예산"),
    ],
)
def test_the_site_name_goes_whichever_side_it_stands(title: str, names: tuple[str, ...], expected: str) -> None:
    assert strip_site_name(title, names) == expected


def test_the_logo_link_names_the_site_but_another_sites_home_does_not() -> None:
    tree = lxml.html.fromstring(
        '<div><a href="/"><img src="l.png" alt="가나신문"></a><a href="http://twitter.com/">Twitter</a>'
        '<a href="https://www.gana.example.kr/">가나 홈</a></div>'
    )
    assert site_names(tree, "https://gana.example.kr/a") == ("가나신문", "가나 홈")


def test_a_category_label_in_front_of_the_heading_is_not_part_of_the_title() -> None:
    hints = ("가나군, 본예산 4210억원 편성 | 가나소식",)
    assert heading_title("보도자료 가나군, 본예산 4210억원 편성", hints) == "가나군, 본예산 4210억원 편성"
    assert heading_title("가나소식", hints) is None


def test_a_title_element_matching_the_title_tag_wins_over_the_site_name() -> None:
    html = (
        "<html><head><title>예시신문 - 가나군, 본예산 4210억원 편성</title></head><body>"
        '<a href="/">예시신문</a><table><tr><td class="view_t">가나군, 본예산 4210억원 편성</td></tr>'
        f'<tr><td><span class="View_Time">승인 2021.08.05 17:22</span></td></tr><tr><td id="articleBody">{BODY}</td></tr>'
        "</table></body></html>"
    )
    assert read(html).title == "가나군, 본예산 4210억원 편성"


def test_a_bare_site_name_in_the_title_tag_is_no_title() -> None:
    html = board("<span>작성일 2024-11-01</span>", title="가나군청")
    assert read(html).title == "가나군, 본예산 4210억원 편성"


# --- photo boxes become captions outside the body ---------------------------------------------

PHOTO = (
    '<table align="center"><tr><td><img src="p.jpg"></td></tr><tr><td class="caption">▲ 가나군청 전경</td></tr></table>'
)


def test_a_photo_table_in_the_body_becomes_a_caption() -> None:
    html = board("<span>작성일 2024-11-01</span>").replace('<div class="view_cont">', f'<div class="view_cont">{PHOTO}')
    assert list_blocks(lxml.html.fromstring(html)) == []
    article = read(html)
    assert article.body.startswith("가나군은 내년 본예산을")
    assert article.captions == ("▲ 가나군청 전경",)


def test_a_table_of_figures_or_a_menu_with_an_image_is_not_a_photo_box() -> None:
    tree = lxml.html.fromstring(
        '<div><table><tr><td><img src="a.png"></td><td><a href="/x">메뉴 하나</a></td></tr></table>'
        "<table><tr><td><img src='b.png'></td></tr><tr><td><p>문단</p></td></tr></table></div>"
    )
    assert pull_photos(tree) == []


def test_caption_rows_of_a_body_read_as_text_leave_it() -> None:
    body, captions = split_captions("| ▲ 가나군청 전경 |\n|---|\n가나군은 본예산을 편성했다.")
    assert body == "가나군은 본예산을 편성했다."
    assert captions == ("▲ 가나군청 전경",)


def test_text_only_div_paragraphs_make_one_body() -> None:
    html = board("<span>작성일 2024-11-01</span>").replace("<p>", "<div>").replace("</p>", "</div>")
    assert read(html).body.split("\n\n")[-1] == "군 관계자는 필요한 사업부터 챙겼다고 말했다."


def test_a_title_with_a_dash_that_heading_and_og_title_share_keeps_its_dash() -> None:
    html = board(
        "<span>작성일 2024-11-01</span>", head='<meta property="og:title" content="가나군 - 나나군 상생 협약">'
    )
    html = html.replace("<title>가나군, 본예산 4210억원 편성</title>", "<title>가나군 - 나나군 상생 협약</title>")
    html = html.replace(">가나군, 본예산 4210억원 편성</h3>", ">가나군 - 나나군 상생 협약</h3>")
    assert read(html).title == "가나군 - 나나군 상생 협약"


def test_a_menu_heading_that_is_one_segment_of_the_title_tag_loses_to_the_article_title() -> None:
    html = (
        "<html><head><title>가나군, 본예산 4210억원 편성 | 보도자료 게시판 안내 | 가나군청</title></head><body>"
        '<h2 class="menu_title">보도자료 게시판 안내</h2><div class="x"><h3>가나군, 본예산 4210억원 편성</h3></div>'
        f'<div class="view_cont">{BODY}</div></body></html>'
    )
    assert read(html).title == "가나군, 본예산 4210억원 편성"


def test_a_date_box_in_the_site_header_is_not_the_posts_date() -> None:
    html = board("").replace(
        '<div id="gnb">', '<div id="top"><span class="date">2026.05.31 (일)</span></div><div id="gnb">'
    )
    article = read(html)
    assert article.published is None and article.published_note is not None


def test_on_a_korean_page_a_guessed_day_must_stand_next_to_a_date_word() -> None:
    guess = [Candidate("htmldate's guess", kst(2024, 3, 5), guessed=True)]
    labelled = "<p>배포일시 : <b>2024. 3. 5.</b></p>"
    assert choose_published(guess, now=NOW, page_text=labelled, url="", korean=True).value == kst(2024, 3, 5)
    bare = choose_published(guess, now=NOW, page_text="<p>오늘 2024.03.05 (화)</p>", url="", korean=True)
    assert bare.value is None and bare.note is not None and "date label" in bare.note


def test_a_horizontal_view_table_with_body_and_file_rows_is_read_not_dropped() -> None:
    html = (
        "<html><head><title>가나군, 본예산 4210억원 편성</title></head><body><table class='view'>"
        "<tr><th>제목</th><th>작성자</th><th>작성일</th></tr>"
        "<tr><td>가나군, 본예산 4210억원 편성</td><td>기획실</td><td>2024-11-01</td></tr>"
        f"<tr><td colspan='3'>{BODY}</td></tr><tr><td>첨부</td><td colspan='2'>계획.hwp</td></tr>"
        "</table></body></html>"
    )
    assert list_blocks(lxml.html.fromstring(html)) == []
    article = read(html)
    assert article.body.startswith("가나군은 내년 본예산을")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<font>박한빛 기자 | hanbit@hanbit.example.kr</font>", "박한빛 기자"),
        ("<li><i></i> 조물길 기자</li>", "조물길 기자"),
        ("<li>관련기사 보기</li>", None),
        ("<p>김기자 기자가 현장을 다녀왔다.</p>", None),
    ],
)
def test_a_newspaper_byline_box_names_the_reporter(byline: str, expected: str | None) -> None:
    assert read(board(f"<span>작성일 2024-11-01</span><ul>{byline}</ul>")).author == expected


def test_a_date_label_whose_value_is_no_date_is_named_in_the_note() -> None:
    article = read(board("<span>작성일 : 추후 공지</span>"))
    assert article.published is None
    assert article.published_note is not None and "label 작성일" in article.published_note
