"""`article` and `extract` read files as the crawler reads pages: EUC-KR/CP949 saved pages, live URLs,
and refuse empty or binary input with one line and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo.sample_config import EXPECTED_TITLES
from demo.site import SAMPLE_ROOT, SampleSite
from tests.cli.conftest import budgetwatch

SAVED = """<html><head><meta charset=euc-kr><title>보도자료</title></head><body>
<h1>가람군, 2027년 본예산 4,210억원 편성</h1>
<div class="article"><p>가람군은 2027년도 본예산으로 4,210억원을 편성했다고 밝혔다.</p>
<p>이 가운데 농업 분야에 612억원을 투입한다.</p></div></body></html>"""

PLAIN = "가람군은 2027년도 본예산으로 4,210억원을 편성했다고 밝혔다. 농업 분야에 612억원을 투입한다.\n"


@pytest.mark.parametrize("codec", ["euc-kr", "cp949"])
def test_a_page_saved_in_euc_kr_reads_right_in_article_and_extract(tmp_path: Path, codec: str) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(SAVED.encode(codec))
    read = budgetwatch("article", "--generic", str(page))
    assert read.returncode == 0, read.stderr
    assert "가람군, 2027년 본예산 4,210억원 편성" in read.stdout
    assert "\ufffd" not in read.stdout
    extracted = budgetwatch("extract", str(page))
    assert extracted.returncode == 0, extracted.stderr
    assert "4,210억원" in extracted.stdout and "612억원" in extracted.stdout


def test_a_text_file_in_cp949_without_any_label_is_detected_and_encoding_can_be_given(tmp_path: Path) -> None:
    text = tmp_path / "release.txt"
    text.write_bytes(PLAIN.encode("cp949"))
    found = budgetwatch("extract", str(text))
    assert found.returncode == 0 and "2 statements" in found.stdout.splitlines()[0], found.stdout + found.stderr
    latin = budgetwatch("extract", "--encoding", "latin-1", str(text))  # wrong on purpose: mojibake, no amounts
    assert "4,210억원" not in latin.stdout
    forced = budgetwatch("extract", "--encoding", "euc-kr", str(text))
    assert "4,210억원" in forced.stdout
    bad = budgetwatch("extract", "--encoding", "klingon-8", str(text))
    assert bad.returncode == 2 and bad.stderr.strip() == "budgetwatch: unknown encoding 'klingon-8'"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty input"), (b"  \n\n", "empty input"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary data")],
)
def test_empty_or_binary_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    for name, command in (("in.txt", "extract"), ("in.html", "extract"), ("in.html", "article")):
        path = tmp_path / name
        path.write_bytes(content)
        result = budgetwatch(command, str(path))
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1 and message in result.stderr and str(path) in result.stderr
        assert "statements" not in result.stdout


def test_article_reads_a_live_page_and_names_a_missing_one() -> None:
    with SampleSite() as site:
        base = site.base_url
        url = f"{base}/board/view.html?id=1004"  # CP949, no charset in header or page
        read = budgetwatch("article", url, env={"no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"})
        assert read.returncode == 0, read.stderr
        assert EXPECTED_TITLES["/board/view.html?id=1004"] in read.stdout
        assert f"url: {url}" in read.stdout
        missing = budgetwatch("article", f"{base}/board/view.html?id=4040",
                              env={"no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"})  # fmt: skip
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"budgetwatch: {base}/board/view.html?id=4040: HTTP 404 Not Found"


def test_the_sample_boards_unlabelled_file_reads_as_the_crawler_reads_it() -> None:
    result = budgetwatch("article", "--generic", str(SAMPLE_ROOT / "board" / "view-1008.html"))
    assert result.returncode == 0, result.stderr
    assert "\ufffd" not in result.stdout and "나주시" in result.stdout
