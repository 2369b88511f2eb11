"""SMTP credentials come from the environment variables the config names, and go nowhere else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from digest.job import run_digest
from store.outbox_models import DigestOutbox

from .conftest import DIGEST_TIME, Sink, SmtpServer, digest_config, free_port

PASSWORD = "s3cret-pass"


class Authenticator:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login, password = data.login.decode(), data.password.decode()
        self.seen.append((login, password))
        return AuthResult(success=(login, password) == ("digest-bot", PASSWORD))


@pytest.fixture
def auth_server() -> Iterator[tuple[SmtpServer, Authenticator]]:
    sink, authenticator, port = Sink(), Authenticator(), free_port()
    # A plain-text AUTH is only acceptable on 127.0.0.1 in a test; production uses starttls or ssl.
    controller = Controller(sink, hostname="127.0.0.1", port=port, authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        yield SmtpServer(sink, port), authenticator
    finally:
        controller.stop()


def smtp_with_env(port: int) -> dict[str, Any]:
    return {"host": "127.0.0.1", "port": port, "security": "none", "username_env": "BW_SMTP_USER",
            "password_env": "BW_SMTP_PASSWORD"}  # fmt: skip


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_login_with_env_credentials_which_are_not_stored(
    engine: Engine, auth_server: tuple[SmtpServer, Authenticator], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, authenticator = auth_server
    monkeypatch.setenv("BW_SMTP_USER", "digest-bot")
    monkeypatch.setenv("BW_SMTP_PASSWORD", PASSWORD)
    result = run_digest(digest_config(server.port, smtp=smtp_with_env(server.port)), engine, DIGEST_TIME)
    assert result.sent == 1 and authenticator.seen == [("digest-bot", PASSWORD)]
    with engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("select * from digest_outbox")) for v in row)
    assert PASSWORD not in dump and "digest-bot" not in dump


def test_missing_secret_keeps_the_digest_pending_and_names_the_variable(
    engine: Engine, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BW_SMTP_USER", raising=False)
    monkeypatch.delenv("BW_SMTP_PASSWORD", raising=False)
    result = run_digest(digest_config(smtp_server.port, smtp=smtp_with_env(smtp_server.port)), engine, DIGEST_TIME)
    assert result.sent == 0 and result.note == "digest.smtp: environment variable BW_SMTP_USER is not set"
    with Session(engine) as session:
        row = session.scalars(select(DigestOutbox)).one()
    assert row.status == "pending" and row.last_error == result.note
    assert smtp_server.sink.messages == []
