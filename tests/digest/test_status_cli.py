"""`budgetwatch status` reports a digest the SMTP server refused for good."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner
from sqlalchemy import Engine

from cli.main import cli
from digest.job import run_digest
from tests.digest.conftest import DIGEST_TIME, SmtpServer, digest_config


def test_status_shows_failed_digest(seeded: Engine, smtp_server: SmtpServer, tmp_path: Path) -> None:
    config = digest_config(smtp_server.port)
    smtp_server.sink.script = ["550"]
    assert run_digest(config, seeded, DIGEST_TIME).failed == 1
    path = tmp_path / "c.yaml"
    data = {"database": seeded.url.render_as_string(hide_password=False), "timezone": "Asia/Seoul",
            "digest": {"to": ["reader@example.kr"], "from": "budgetwatch@example.kr",
                       "smtp": {"host": "127.0.0.1", "port": smtp_server.port, "security": "none"}}}  # fmt: skip
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(cli, ["--config", str(path), "status"])
    assert text.exit_code == 0, text.output
    assert "digest: next in" in text.output and "outbox: failed 1" in text.output
    assert "digest FAILED: period 2020-11-27T22:00Z to reader@example.kr after 1 attempts: 550 5.7.1" in text.output
    as_json = runner.invoke(cli, ["--config", str(path), "status", "--json"])
    digest = json.loads(as_json.output)["digest"]
    assert digest["counts"] == {"failed": 1} and digest["failed"][0]["error"].startswith("550")
    assert digest["next_run"] is not None
