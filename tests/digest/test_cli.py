"""`budgetwatch digest` through the real CLI: preview, --out, --send to a real SMTP server, --resend."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from store.db import make_engine, upgrade_schema

from .conftest import SmtpServer, record_text


@pytest.fixture
def setup(tmp_path: Path, seed_text: str, smtp_server: SmtpServer) -> tuple[Path, str]:
    database = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    engine = make_engine(database)
    upgrade_schema(engine)
    record_text(engine, seed_text, title="광주 예산 <b>6조</b>", url="https://news1.example.kr/articles/1")
    engine.dispose()
    config = {
        "database": database,
        "digest": {"to": ["reader@example.kr"], "from": "bw@example.kr",
                   "smtp": {"host": "127.0.0.1", "port": smtp_server.port, "security": "none"}},
    }  # fmt: skip
    path = tmp_path / "budgetwatch.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path, database


def run(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(path), "digest", *args])
    return result.exit_code, result.output


def test_preview_prints_the_text_part(setup: tuple[Path, str], smtp_server: SmtpServer) -> None:
    code, output = run(setup[0], "--since", "2020-01-01")
    assert code == 0, output
    assert "(2021년도)" in output and "6조2,817억원" in output and "광주 예산 <b>6조</b>" in output
    assert smtp_server.sink.messages == []
    code, output = run(setup[0])  # since the latest scheduled time: the 2020 article is not in it
    assert code == 0 and "새 소식 없음" in output


def test_out_writes_html_or_eml(setup: tuple[Path, str], tmp_path: Path) -> None:
    code, output = run(setup[0], "--since", "2020-01-01", "--out", str(tmp_path / "d.html"))
    assert code == 0 and "d.html" in output
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "광주 예산 &lt;b&gt;6조&lt;/b&gt;" in html and "6조2,817억원" in html
    code, output = run(setup[0], "--since", "2020-01-01", "--out", str(tmp_path / "d.eml"), "--to", "x@example.kr")
    assert code == 0, output
    message = email.message_from_bytes((tmp_path / "d.eml").read_bytes(), policy=email.policy.default)
    assert message["To"] == "x@example.kr" and message.get_content_type() == "multipart/mixed"
    code, output = run(setup[0], "--since", "2020-01-01", "--out", str(tmp_path / "d.csv"))
    assert code == 0, output
    table = (tmp_path / "d.csv").read_text(encoding="utf-8-sig")
    assert table.startswith("date,source,title") and "23900000000" in table  # the figure not shown in the mail


def test_send_once_then_nothing_then_resend(setup: tuple[Path, str], smtp_server: SmtpServer) -> None:
    code, output = run(setup[0], "--send", "--since", "2020-01-01")
    assert code == 0, output
    assert "queued 1, sent 1, retrying 0, failed 0" in output
    code, output = run(setup[0], "--send")
    assert code == 0 and "queued 0, sent 0" in output
    assert len(smtp_server.sink.messages) == 1
    code, output = run(setup[0], "--send", "--resend")
    assert code == 0 and "requeued 1, sent 1" in output
    first, second = (email.message_from_bytes(m, policy=email.policy.default) for m in smtp_server.sink.messages)
    assert first["Subject"] == second["Subject"] and first["Message-ID"] != second["Message-ID"]
    body = first.get_body(("plain",))
    assert body is not None and "6조2,817억원" in body.get_content()


def test_permanent_failure_exits_1(setup: tuple[Path, str], smtp_server: SmtpServer) -> None:
    smtp_server.sink.script = ["550"]
    code, output = run(setup[0], "--send")
    assert code == 1 and "failed 1" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resend"], "--resend needs --send"),
        (["--to", "nobody"], "not an email address"),
        (["--out", "x.pdf"], "must end in .html, .eml or .csv"),
        (["--since", "yesterday"], "not an ISO date"),
    ],
)
def test_usage_errors_exit_2(setup: tuple[Path, str], args: list[str], message: str) -> None:
    code, output = run(setup[0], *args)
    assert code == 2 and message in output


def test_send_exits_1_when_every_recipient_is_only_retrying(setup: tuple[Path, str], smtp_server: SmtpServer) -> None:
    smtp_server.sink.script = ["accept-drop"]
    code, output = run(setup[0], "--send", "--since", "2020-01-01")
    assert code == 1, output
    assert "sent 0, retrying 1, failed 0" in output
    assert "nothing sent yet" in output and "retry" in output
