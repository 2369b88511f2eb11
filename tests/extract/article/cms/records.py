"""Labels of the CMS test pages (written by hand for this project; text and sites are invented).

``dev`` pages are the layouts the generic reader was developed on; ``held_out`` pages are other
layouts of the same CMS families, only scored, never tuned on. ``make_labels.py`` turns these
records into labels.json files in the format of ../shared/eval/kr-pages/labels.json.
"""

from __future__ import annotations

from typing import Any

R = dict[str, Any]


def page(
    file: str,
    family: str,
    url: str,
    title: str,
    published: str,
    first: str,
    last: str,
    chrome: list[str],
    body: str,
    *,
    encoding: str = "utf-8",
    first_alt: tuple[str, ...] = (),
    last_alt: tuple[str, ...] = (),
) -> R:
    return {
        "file": f"pages/{file}",
        "site": file.removesuffix(".html"),
        "family": family,
        "url": url,
        "encoding": encoding,
        "title": title,
        "published": published,
        "body_first": first,
        "body_first_alt": list(first_alt),
        "body_last": last,
        "body_last_alt": list(last_alt),
        "chrome_samples": chrome,
        "selectors": {"body": body},
    }


DEV: list[R] = [
    page(
        "egov-table.html", "egov", "https://www.hanul.example.kr/bbs/selectBoardArticle.do?nttId=7710",
        "한울시, 내년 본예산 1조1840억원 편성…복지·교통에 집중", "2025-11-12",
        "한울시는 2026년도 본예산안을 1조1840억원 규모로 편성해 시의회에 제출했다고 12일 밝혔다.",
        '시 관계자는 "세입 여건이 어렵지만 시민 생활에 꼭 필요한 사업부터 챙겼다"고 말했다.',
        ["2026년_본예산_개요.hwp", "공공누리 제1유형", "한울시 겨울철 도로 제설 대책 추진", "만족하십니까", "시청로 10"],
        "td.cont",
    ),
    page(
        "egov-dl.html", "egov", "https://www.nuri.example.kr/bbs/selectBoardArticle.do?nttId=3300",
        "누리군, 농어촌 빈집 정비에 28억원 투입", "2025-06-03",
        "누리군은 올해 농어촌 빈집 정비 사업에 군비와 도비를 합쳐 28억원을 투입한다고 3일 밝혔다.",
        "신청은 이달 30일까지 읍·면 행정복지센터에서 받는다.",
        ["빈집정비_사진.jpg", "공공누리 제4유형", "누리군 산불 감시원 42명 배치", "만족하셨습니까", "군청길 1"],
        "div.view_content",
    ),
    page(
        "egov-textarea.html", "egov", "https://www.gaon.example.kr/bbs/selectBoardArticle.do?nttId=980",
        "가온도, 청년 창업 지원에 95억원 투입", "2025-02-19",
        "가온도가 올해 청년 창업 지원 사업에 95억원을 투입해 창업 기업 600곳을 키운다.",
        '도 관계자는 "청년이 떠나지 않는 가온도를 만들겠다"고 말했다.',
        ["청년창업_지원계획.pdf", "출처표시 조건에 따라", "가온도 수산물 수출 4억 달러 돌파", "도청로 1", "포토뉴스"],
        "div.bbs_cont", last_alt=("문의: 일자리경제과 창업지원팀 061-000-4512",),
    ),
    page(
        "g5-basic.html", "gnuboard5", "https://sonamu.example.kr/bbs/board.php?bo_table=news&wr_id=88",
        "소나무군, 하수관로 정비에 62억원", "2024-11-01",
        "소나무군은 노후 하수관로 정비 사업에 62억원을 들인다고 1일 밝혔다.",
        "군은 공사 기간 교통 통제 구간을 누리집과 마을 방송으로 미리 알리기로 했다.",
        ["하수관로_정비구간도.pdf", "소나무군 김장 나눔 행사 열려", "등록된 댓글이 없습니다", "개인정보처리방침", "Total 88건"],
        "#bo_v_con",
    ),
    page(
        "g5-theme.html", "gnuboard5", "https://deulkkot.example.kr/bbs/board.php?bo_table=town&wr_id=412",
        "들꽃면 주민자치회, 마을 도서관 리모델링 마쳐", "2024-03-27",
        "들꽃면 주민자치회가 낡은 마을 도서관을 새로 단장하고 27일 다시 문을 열었다.",
        '주민자치회장은 "아이와 어르신이 함께 머무는 사랑방이 되길 바란다"고 했다.',
        ["들꽃초등학교 졸업생 12명 모교 방문", "봄맞이 하천 정화 활동", "등록번호 전남 아00123", "페이스북", "우리 동네 이야기를 전합니다"],
        "#bo_v_con",
    ),
    page(
        "g5-news.html", "gnuboard5", "https://www.baramgol.example.kr/bbs/board.php?bo_table=economy&wr_id=1209",
        "바람골시, 전통시장 주차장 3곳 새로 짓는다", "2024-07-09",
        "바람골시가 전통시장 세 곳에 공영주차장을 새로 짓는다.",
        "시는 내년 상반기 설계를 마치고 하반기에 착공할 예정이다.",
        ["▲ 바람골중앙시장 입구 모습", "무단전재", "중앙시장 상인회, 온누리상품권 행사", "바람골 해수욕장 개장 첫 주말 인파", "청소년보호책임자"],
        "#bo_v_con", last_alt=("이기자 기자 reporter@baramgol.example.kr",),
    ),
    page(
        "xe-xedition.html", "xe", "https://news.byeolbit.example.kr/press/30412",
        "별빛구, 공원 조명 LED 교체에 19억원", "2025-09-22",
        "별빛구가 구내 근린공원 27곳의 가로등과 보안등을 발광다이오드(LED) 조명으로 바꾼다.",
        "어두운 산책로에는 조명 42개를 새로 달아 밤길 안전도 높인다.",
        ["별빛구 추석 연휴 종합 대책 발표", "공원조명_교체대상.xlsx", "구정 소식을 빠르게 전해 드립니다", "조회 수", "별빛로 100"],
        "div.read_body",
    ),
    page(
        "xe-sketchbook5.html", "xe", "https://mir.example.kr/news/55120",
        "미르시 청년 월세 지원 2차 모집…1인당 월 20만원", "2023-05-08",
        "미르시가 청년 월세 지원 사업 2차 신청자를 이달 8일부터 26일까지 모집한다.",
        "신청은 복지로 누리집이나 주소지 행정복지센터에서 할 수 있다.",
        ["미르천 벚꽃길 야간 조명 점등", "청년월세_2차_공고문.hwp", "댓글 쓰기 권한이 없습니다", "미르시 시내버스 노선 일부 조정", "시민이 함께 만드는 공간"],
        "div.rd_body",
    ),
    page(
        "xe-default.html", "xe", "https://gureum.example.kr/townnews/7741",
        "구름읍 노인회관 신축 착공…사업비 11억원", "2022-10-14",
        "구름읍 노인회관 신축 공사가 14일 첫 삽을 떴다.",
        "공사 기간에는 읍사무소 2층 회의실을 임시 경로당으로 쓴다.",
        ["노인회관_조감도.jpg", "구름읍 가을 국화 전시회 개막", "구름천 산책로 정비 완료", "태그", "주민자치회가 운영합니다"],
        "div.boardReadBody",
    ),
    page(
        "nd-old.html", "ndsoft", "https://www.hanbit.example.kr/news/articleView.html?idxno=5512",
        "한빛군, 내년 농업 예산 1천억원 넘겨", "2019-11-23",
        "한빛군의 내년 농업 분야 예산이 처음으로 1천억원을 넘었다.",
        '군 관계자는 "농업이 지역 경제의 뿌리인 만큼 투자를 이어가겠다"고 말했다.',
        ["▲ 한빛군 농업기술센터 스마트팜 시험포 전경", "무단 전재", "한빛군 농민수당 조례 통과", "한빛 가을 축제 관광객 12만명", "등록번호"],
        "#articleBody",
        first_alt=("스마트팜 단지 조성 86억원 새로 반영",),
    ),
    page(
        "nd-new.html", "ndsoft", "https://www.mulgil.example.kr/news/articleView.html?idxno=8812",
        "물길시, 하천 홍수 예방 사업 본격화", "2025-04-17",
        "물길시가 상습 침수 구간이 많은 물길천과 새내천의 홍수 예방 사업을 본격화한다.",
        '시 관계자는 "여름 장마 전에 임시 배수 시설도 미리 갖추겠다"고 말했다.',
        ["물길시 침수 취약 지구 12곳 지정", "무단전재", "다른기사 보기", "물길시장 봄철 산불 현장 점검", "강변로 3"],
        "#article-view-content-div",
        first_alt=("물길천 하류 제방 공사 현장. 사진=물길시",),
    ),
    page(
        "nd-old-euckr.html", "ndsoft", "https://www.saebyeok.example.kr/news/articleView.html?idxno=3310",
        "새벽시, 공공산후조리원 건립비 45억원 확보", "2021-08-05",
        "새벽시가 공공산후조리원 건립 사업비 45억원을 확보했다.",
        "시는 2023년 문을 여는 것을 목표로 내년 초 착공한다.",
        ["▲ 공공산후조리원 조감도", "무단전재", "새벽시 출산장려금 셋째부터 1천만원", "새벽항 여름 불꽃축제", "새벽로 77"],
        "#articleBody", encoding="euc-kr",
    ),
    page(
        "dl-dd.html", "dl-dd", "https://www.pureun.example.kr/b/press/view?id=1203",
        "푸른시, 하반기 지역화폐 발행 규모 300억원으로 늘려", "2024-06-28",
        "푸른시가 하반기 지역화폐 발행 규모를 300억원으로 늘린다.",
        "1인당 월 구매 한도는 50만원이다.",
        ["지역화폐_하반기_운영계획.hwp", "출처표시+변경금지", "푸른시 여름철 폭염 대응 쉼터 운영", "만족하십니까", "최종수정일"],
        "div.view_con",
    ),
    page(
        "dl-bbsview.html", "dl-dd", "https://www.haneul.example.kr/m3/press/view?no=599",
        "하늘군, 경로당 냉난방기 교체 사업 마무리", "2023-08-16",
        "하늘군이 관내 경로당 96곳의 낡은 냉난방기 교체를 모두 마쳤다.",
        "군은 내년에는 경로당 공기청정기 교체에 1억2천만원을 쓸 계획이다.",
        ["경로당_냉난방기_교체현황.xlsx", "공공누리 제1유형", "하늘군 여름방학 청소년 캠프 참가자 모집", "하늘천 물놀이장 안전요원 배치", "군청로 3"],
        "div.bbs-view-content",
    ),
    page(
        "dl-news.html", "dl-dd", "https://www.bada.example.kr/news/view?idx=441",
        "바다구, 어린이 물놀이장 2곳 개장", "2024-07-19",
        "바다구가 여름방학을 맞아 해안공원과 소라공원에 어린이 물놀이장을 연다.",
        "안전요원 12명과 간호사 2명이 상주한다.",
        ["물놀이장_운영안내.pdf", "바다구 폭염 저감 그늘막 30곳 추가 설치", "홍보전산과", "바닷가로 10", "바다구 해수욕장 종합상황실 운영"],
        "div.view-body",
    ),
    page(
        "vc-province.html", "view_cont", "https://www.handeul.example.kr/board/view.do?no=2000",
        "한들도, 섬 지역 여객선 운임 지원 확대", "2025-01-08",
        "한들도가 섬 주민과 관광객의 여객선 운임 지원을 늘린다.",
        "도는 지원 대상 항로를 23개에서 29개로 넓혔다.",
        ["여객선_운임지원_안내.hwp", "공공누리 제1유형", "한들도 설 명절 물가 안정 대책", "만족하십니까", "도청길 1"],
        "div.view_cont", last_alt=("<끝>",),
    ),
    page(
        "vc-city.html", "view_cont", "https://www.dalbit.example.kr/news/press/view?no=89",
        "달빛시, 1인 가구 안심 귀가 서비스 도입", "2022-12-02",
        "달빛시가 1인 가구의 밤길 안전을 위해 안심 귀가 서비스를 도입한다.",
        "시는 이 사업에 특별교부세 2억원을 포함해 3억5천만원을 쓴다.",
        ["안심귀가_배치표.pdf", "달빛시 연말 불우이웃돕기 모금 시작", "달빛시 겨울철 한파 쉼터 지정", "중앙로 1", "포토뉴스"],
        "div.view_cont", last_alt=("※ 별첨: 권역별 동행 인력 배치표",),
    ),
    page(
        "vc-county-euckr.html", "view_cont", "http://www.solbaram.example.kr/a/press/view.asp?no=309",
        "솔바람군, 마을버스 요금 단일화…어디서나 500원", "2020-03-02",
        "솔바람군이 다음 달부터 마을버스 요금을 거리와 관계없이 500원으로 단일화한다.",
        "만 75세 이상 어르신과 초등학생은 무료로 탈 수 있다.",
        ["마을버스_노선도.jpg", "공공누리 제1유형", "솔바람군 봄철 산불 예방 총력", "솔바람 5일장 새단장", "033-000-1234"],
        "div.view_cont", encoding="euc-kr",
    ),
]

HELD_OUT: list[R] = [
    page(
        "egov-listbelow.html", "egov", "https://www.saenae.example.kr/gov/press/view.do?nttId=2231",
        "새내시, 공영 자전거 500대 늘린다…예산 9억원", "2024-10-02",
        "새내시가 공영 자전거를 500대 더 들여 모두 2천대로 늘린다.",
        "1시간 이용료는 지금처럼 500원을 유지한다.",
        ["공영자전거_확충계획.pdf", "공공누리 제1유형", "새내시 가을 꽃길 걷기 대회 연다", "새내시 불법 주정차 단속 구역 확대", "시청대로 20"],
        "div.tbl_view_cont",
    ),
    page(
        "g5-webzine.html", "gnuboard5", "https://kkotnae.example.kr/bbs/board.php?bo_table=admin&wr_id=2101",
        "꽃내군, 귀농인 정착 지원금 1인당 500만원", "2025-01-15",
        "꽃내군이 올해 귀농인 정착 지원금을 1인당 500만원으로 올린다.",
        "군은 빈집을 고쳐 귀농인에게 빌려주는 임시 주거 시설도 10곳 더 마련한다.",
        ["귀농지원_신청서.hwp", "꽃내군 설 명절 농산물 직거래 장터", "꽃내천 얼음썰매장 개장", "제보 061-000-9000", "페이지 정보"],
        "#bo_v_con",
    ),
    page(
        "g5-photo.html", "gnuboard5", "https://www.sanmaru.example.kr/bbs/board.php?bo_table=welfare&wr_id=511",
        "산마루군, 군립 요양병원 증축에 38억원", "2023-09-04",
        "산마루군이 군립 요양병원 증축에 38억원을 들인다.",
        "증축이 끝나는 2024년 말부터는 대기 환자 120여명이 입원할 수 있게 된다.",
        ["▲ 증축 공사가 시작될 산마루군립요양병원 전경", "무단전재", "산마루 고랭지 배추 출하 시작", "장터길 9", "최신기사"],
        "#bo_v_con",
    ),
    page(
        "xe-xedition2.html", "xe", "https://learn.eunha.example.kr/news/9021",
        "은하시 평생학습관 강좌 120개 연다", "2024-02-26",
        "은하시 평생학습관이 봄 학기 강좌 120개를 새로 연다.",
        "수강 신청은 다음 달 4일부터 누리집에서 선착순으로 받는다.",
        ["은하 시민대학 졸업식 열려", "봄학기_강좌목록.pdf", "강좌 안내를 한곳에서 보실 수 있습니다", "독서 동아리 지원 사업 공모", "배움로 12"],
        "div.read_body",
    ),
    page(
        "xe-sketchbook5-2.html", "xe", "https://garam.example.kr/town/1840",
        "가람동 주민센터 새 청사 준공", "2021-12-20",
        "가람동 주민센터가 새 청사를 짓고 20일 준공식을 열었다.",
        "주민센터는 이번 주 이사를 마치고 27일부터 새 청사에서 업무를 본다.",
        ["준공식_사진.zip", "가람동 김장 나눔 300포기", "새 청사 도서관 기대됩니다", "가람동 해맞이 행사 안내", "주민자치회"],
        "div.rd_body",
    ),
    page(
        "nd-old2.html", "ndsoft", "https://www.chorok.example.kr/news/articleView.html?idxno=2210",
        "초록군, 공공 임대주택 80호 짓는다", "2018-06-05",
        "초록군이 청년과 신혼부부를 위한 공공 임대주택 80호를 짓는다.",
        "임대료는 주변 시세의 70% 수준으로 책정할 예정이다.",
        ["▲ 공공 임대주택이 들어설 초록읍 옛 농협 창고 부지", "무단전재", "초록군 인구 3만명 선 무너져", "초록군 단오제 사흘간 열전", "신문로 8"],
        "#articleBody",
    ),
    page(
        "nd-new2.html", "ndsoft", "https://www.bawi.example.kr/news/articleView.html?idxno=7120",
        "바위군, 농촌 왕진버스 운행 확대", "2023-10-30",
        "바위군이 의료 기관이 없는 산골 마을을 찾아가는 농촌 왕진버스 운행을 늘린다.",
        "군은 2026년까지 왕진버스를 두 대로 늘리는 방안도 검토하고 있다.",
        ["바위군 보건지소 야간 진료 시범", "무단전재", "다른기사 보기", "시장길 2", "발행인 정바위"],
        "#article-view-content-div",
    ),
    page(
        "dl-dd2.html", "dl-dd", "https://www.noeul.example.kr/news/press/view?no=1500",
        "노을구, 반지하 주택 침수 방지 시설 무료 설치", "2024-05-20",
        "노을구가 장마철을 앞두고 반지하 주택에 침수 방지 시설을 무료로 설치해 준다.",
        "신청은 동 주민센터나 구청 안전총괄과에서 받는다.",
        ["침수방지시설_신청서.hwp", "공공누리 제1유형", "노을구 어린이 안전 체험관 개관", "만족하십니까", "노을로 50"],
        "div.detail_content",
    ),
    page(
        "vc-notice.html", "view_cont", "https://www.boryeongbada.example.kr/a/press/view?no=609",
        "보령바다군, 2026년 어업인 수당 1인당 70만원으로 인상", "2025-12-22",
        "보령바다군이 2026년부터 어업인 수당을 1인당 연 70만원으로 올린다.",
        "수당은 지역화폐로 상·하반기에 나눠 지급한다.",
        ["어업인수당_지급계획.hwp", "공공누리 제1유형", "보령바다군 겨울 별미 축제 개막", "만족하셨습니까", "군청로 7"],
        "div.view_cont",
    ),
]

RECORDS: dict[str, list[R]] = {"dev": DEV, "held_out": HELD_OUT}
