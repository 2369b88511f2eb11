"""`budgetwatch extract`: JSON lines in and out, robust to bad lines; .txt and .html files as a table."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from cli.extract_cmd import MAX_LINE_CHARS, command, run_jsonl


def _run(lines: list[str]) -> tuple[int, list[dict[str, Any]]]:
    out, err = io.StringIO(), io.StringIO()
    errors = run_jsonl(io.StringIO("".join(line + "\n" for line in lines)), out, err)
    return errors, [json.loads(line) for line in out.getvalue().splitlines()]


def test_statements_carry_subject_span_and_projects_are_listed() -> None:
    text = "시는 도시철도 3호선 건설에 120억원을 투입한다. 1단계 구간은 내년 4월 시운전에 들어간다."
    errors, (line,) = _run([json.dumps({"id": "a", "text": text, "lang": None, "published": "2026-11-20"})])
    assert errors == 0 and line["id"] == "a"
    (st,) = line["statements"]
    start, end = st["subject_span"]
    assert text[start:end] == st["subject"] == "도시철도 3호선 건설"
    projects = line["projects"]
    assert isinstance(projects, list)
    assert {(p["name"], p["action"], p["year"]) for p in projects} >= {("1단계 구간", "시운전", 2027)}


def test_every_bad_line_gets_its_own_error_line_and_the_run_goes_on() -> None:
    huge = json.dumps({"id": "huge", "text": "가" * (MAX_LINE_CHARS + 10)})
    lines = [
        "",  # empty
        "%%% nonsense %%%",
        "[1, 2]",
        json.dumps({"id": "nul", "text": "\x00\x01\x02binary\x00"}),
        json.dumps({"id": "date", "text": "5억원", "published": "yesterday"}),
        "[" * 100_000,  # nested past the parser's recursion limit
        huge,
        json.dumps({"id": "ok", "text": "도로 정비에 5억원을 쓴다."}),
        json.dumps({"id": "empty", "text": ""}),
    ]
    errors, out = _run(lines)
    assert len(out) == len(lines)
    assert errors == 7
    assert [o.get("error", "")[:7] for o in out[:7]] == [f"line {n}:" for n in range(1, 8)]
    assert "empty line" in str(out[0]["error"]) and "characters, over" in str(out[6]["error"])
    assert out[7]["id"] == "ok" and "error" not in out[7] and len(out[7]["statements"]) == 1
    assert out[8] == {"id": "empty", "statements": [], "projects": []}


def test_a_long_line_within_the_limit_is_read() -> None:
    text = ("시는 도로 정비에 5억원을 쓴다. " + "가나다 " * 50) * 500  # ~108,000 characters
    errors, (line,) = _run([json.dumps({"id": "long", "text": text})])
    assert errors == 0 and len(line["statements"]) == 500


def test_binary_stdin_does_not_stop_the_run() -> None:
    data = b"\xff\xfe\x00garbage\n" + json.dumps({"id": "ok", "text": "5억원"}).encode() + b"\n"
    result = CliRunner().invoke(command, ["--jsonl"], input=data)
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert "error" in lines[0] and lines[1]["id"] == "ok"


def test_files_print_a_table(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text("시는 도시철도 3호선 건설에 120억원을 투입한다.", encoding="utf-8")
    html = tmp_path / "b.html"
    html.write_text(
        "<html><head><title>군, 하천 정비에 30억원</title></head><body><article><h1>군, 하천 정비에 30억원</h1>"
        "<p>2026-03-02</p><p>군은 솔뫼천 생태하천 복원 사업에 30억원을 들여 산책로를 조성한다고 밝혔다. "
        "공사는 내년 3월 착공한다. 주민 설명회는 다음 달 열린다.</p></article></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(command, [str(txt), str(html), "--published", "2026-03-02"])
    assert result.exit_code == 0, result.output
    assert "a.txt: 1 statements" in result.output and "도시철도 3호선 건설" in result.output
    assert "b.html: " in result.output and "30억원" in result.output
    assert "project: 도시철도 3호선 | 건설" in result.output


def test_no_files_and_no_jsonl_is_a_usage_error() -> None:
    result = CliRunner().invoke(command, [])
    assert result.exit_code == 2
