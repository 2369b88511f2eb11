"""`budgetwatch article`: JSONL batch mode, one-file mode, errors with line numbers."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli.article_cmd import OUTPUT_FIELDS, command

BOARD = """<html><head><title>보도자료 &lt; 가람시청</title></head><body>
<table class="view"><tr><th>제목</th><td>가람시, 도서관 두 곳 신축</td></tr>
<tr><th>등록일</th><td>2024-05-16 09:30</td><th>담당부서</th><td>교육지원과</td></tr>
<tr><th>내용</th><td>가람시는 2026년까지 도서관 두 곳을 새로 짓는다고 밝혔다.<br><br>사업비는 모두 240억원이다.</td></tr>
</table></body></html>"""


def test_jsonl_writes_one_line_per_page_with_iso_dates() -> None:
    lines = [
        json.dumps({"id": "a1", "url": "https://www.garam.go.kr/board/view?no=1", "html": BOARD}),
        "",
        json.dumps({"id": 2, "url": None, "html": "<html><body><p>짧은 글</p></body></html>"}),
    ]
    result = CliRunner().invoke(command, ["--jsonl", "--no-profiles"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert tuple(first) == OUTPUT_FIELDS
    assert first["id"] == "a1"
    assert first["title"] == "가람시, 도서관 두 곳 신축"
    assert first["published"] == "2024-05-16T09:30:00+09:00"
    assert first["department"] == "교육지원과"
    assert first["lang"] == "ko"
    assert first["body"] == "가람시는 2026년까지 도서관 두 곳을 새로 짓는다고 밝혔다.\n\n사업비는 모두 240억원이다."
    assert second["id"] == 2


def test_a_bad_line_stops_with_its_line_number() -> None:
    good = json.dumps({"id": "a", "url": "", "html": BOARD})
    result = CliRunner().invoke(command, ["--jsonl", "--no-profiles"], input=f"{good}\n{{oops\n")
    assert result.exit_code == 1
    assert "line 2: not JSON" in result.output
    result = CliRunner().invoke(command, ["--jsonl"], input=json.dumps({"id": "x", "url": "u"}) + "\n")
    assert result.exit_code == 1
    assert "line 1: 'html' is missing" in result.output


def test_file_mode_prints_readably_and_names_the_profile(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(BOARD.encode("utf-8"))
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "garam.yaml").write_text(
        "name: garam-press\nmatch: {host: www.garam.go.kr, path: /board/}\narticle: {title: 'td'}\n",
        encoding="utf-8",
    )
    url = "https://www.garam.go.kr/board/view?no=1"
    result = CliRunner().invoke(command, [str(page), "--url", url, "--profiles", str(sites)])
    assert result.exit_code == 0, result.output
    assert "profile: garam-press" in result.output
    assert "published: 2024-05-16T09:30:00+09:00" in result.output
    assert "사업비는 모두 240억원이다." in result.output
    generic = CliRunner().invoke(command, [str(page), "--url", url, "--no-profiles"])
    assert "title: 가람시, 도서관 두 곳 신축" in generic.output
    assert "profile: (generic)" in generic.output


def test_usage_errors() -> None:
    runner = CliRunner()
    assert runner.invoke(command, []).exit_code == 2
    assert runner.invoke(command, ["--jsonl", "--timezone", "Mars/Base"], input="").exit_code == 2


def test_a_broken_profile_directory_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("name: bad\nmatch: {host: a.kr}\nlist:\n  pagination: {kind: scroll}\n")
    result = CliRunner().invoke(command, ["--jsonl", "--profiles", str(tmp_path)], input="")
    assert result.exit_code == 2
    assert f"{tmp_path / 'bad.yaml'}:4: field list.pagination.kind" in result.output
