"""Digests delivered to a real SMTP server on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from email.header import decode_header, make_header
from email.message import EmailMessage

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from digest.job import run_digest
from digest.outbox import LEASE, outbox_status
from store.outbox_models import DigestOutbox

from .conftest import DIGEST_TIME, SmtpServer, digest_config

SEED_AMOUNTS = ("6조2,817억원", "1,324억원", "1,250억원")  # the article's largest; the rest are in the CSV
ALL_AMOUNTS = ("6,281,700,000,000", "23,900,000,000", "132,400,000,000", "9,100,000,000", "125,000,000,000")


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def rows(engine: Engine) -> list[DigestOutbox]:
    with Session(engine) as session:
        return list(session.scalars(select(DigestOutbox).order_by(DigestOutbox.id)))


def test_digest_arrives_with_both_parts_korean_subject_and_seed_amounts(
    seeded: Engine, smtp_server: SmtpServer
) -> None:
    result = run_digest(digest_config(smtp_server.port), seeded, DIGEST_TIME)
    assert (result.queued, result.sent, result.retrying, result.failed) == (1, 1, 0, 0)
    assert result.period_key == "2020-11-27T22:00Z"
    [raw] = smtp_server.sink.messages
    assert smtp_server.sink.envelopes == [("budgetwatch@example.kr", ["reader@example.kr"])]
    message = parse(raw)
    assert message.get_content_type() == "multipart/mixed"  # the two parts, then the figures as CSV
    parts = [part.get_content_type() for part in message.walk()]
    assert parts == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/csv"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "budget-figures.csv"
    table = attachment.get_content()
    assert table.startswith("\ufeff")
    table = table.lstrip("\ufeff")
    assert table.startswith("date,source,title,url,org,project")
    for value in ALL_AMOUNTS:
        assert value.replace(",", "") in table, value
    # RFC 2047 on the wire, Korean once decoded
    raw.decode("ascii")  # every header and part is 7-bit on the wire
    raw_subject = str(email.message_from_bytes(raw, policy=email.policy.compat32)["Subject"])
    assert "=?utf-8?b?" in raw_subject and "예산" not in raw_subject
    subject = str(make_header(decode_header(raw_subject)))
    assert subject == str(message["Subject"])
    assert subject == "[budgetwatch] 2020-11-28 예산 소식: 새 기사 1건"
    assert message["Date"] and message["Message-ID"].startswith("<digest-")
    assert message["Message-ID"].endswith("@example.kr>")
    assert message["List-Unsubscribe"] == "<https://budgetwatch.example.kr/unsubscribe>"
    text_part = message.get_body(("plain",))
    html_part = message.get_body(("html",))
    assert text_part is not None and html_part is not None
    text, html = text_part.get_content(), html_part.get_content()
    for amount in SEED_AMOUNTS:
        assert amount in text and amount in html, amount
    assert "- 2020-11-27 (2021년도) 이용섭 시장" in text  # the article once, with its date
    assert "외 2건" in text
    assert 'title="6,281,700,000,000 KRW">6조2,817억원</b>' in html
    assert "https://news1.example.kr/articles/4131234" in html
    status = outbox_status(seeded)
    assert status.counts == {"sent": 1} and status.last_period_key == "2020-11-27T22:00Z"


def test_same_period_twice_sends_one_message(seeded: Engine, smtp_server: SmtpServer) -> None:
    config = digest_config(smtp_server.port)
    first = run_digest(config, seeded, DIGEST_TIME)
    second = run_digest(config, seeded, DIGEST_TIME + timedelta(hours=3))
    assert (first.sent, second.queued, second.sent) == (1, 0, 0)
    assert len(smtp_server.sink.messages) == 1


def test_temporary_refusal_stays_pending_and_one_retry_delivers_once(seeded: Engine, smtp_server: SmtpServer) -> None:
    config = digest_config(smtp_server.port)
    smtp_server.sink.script = ["451"]
    first = run_digest(config, seeded, DIGEST_TIME)
    assert (first.sent, first.retrying, first.failed) == (0, 1, 0)
    [row] = rows(seeded)
    assert row.status == "pending" and row.attempts == 1 and "451" in (row.last_error or "")
    assert outbox_status(seeded).pending[0].last_error == row.last_error
    early = run_digest(config, seeded, DIGEST_TIME + timedelta(seconds=30))  # before the backoff ends
    assert early.sent == 0 and smtp_server.sink.messages == []
    retry = run_digest(config, seeded, DIGEST_TIME + timedelta(minutes=3))
    assert retry.sent == 1
    run_digest(config, seeded, DIGEST_TIME + timedelta(hours=1))
    assert len(smtp_server.sink.messages) == 1
    [row] = rows(seeded)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)


def test_dropped_connection_stays_pending_and_retry_delivers_once(seeded: Engine, smtp_server: SmtpServer) -> None:
    config = digest_config(smtp_server.port)
    smtp_server.sink.script = ["drop"]
    first = run_digest(config, seeded, DIGEST_TIME)
    assert (first.sent, first.retrying) == (0, 1)
    assert rows(seeded)[0].status == "pending"
    assert "SMTPServerDisconnected" in (rows(seeded)[0].last_error or "")
    retry = run_digest(config, seeded, DIGEST_TIME + timedelta(minutes=3))
    assert retry.sent == 1 and len(smtp_server.sink.messages) == 1


def test_server_down_then_up_delivers_once(seeded: Engine, smtp_server: SmtpServer) -> None:
    from .conftest import free_port

    down = run_digest(digest_config(free_port()), seeded, DIGEST_TIME)  # nothing listens there
    assert (down.sent, down.retrying) == (0, 1)
    up = run_digest(digest_config(smtp_server.port), seeded, DIGEST_TIME + timedelta(minutes=3))
    assert up.sent == 1 and len(smtp_server.sink.messages) == 1


def test_permanent_refusal_marks_failed_and_status_reports_it(seeded: Engine, smtp_server: SmtpServer) -> None:
    config = digest_config(smtp_server.port)
    smtp_server.sink.script = ["550"]
    result = run_digest(config, seeded, DIGEST_TIME)
    assert (result.sent, result.failed) == (0, 1)
    later = run_digest(config, seeded, DIGEST_TIME + timedelta(hours=1))
    assert later.sent == 0 and smtp_server.sink.messages == []
    status = outbox_status(seeded)
    assert status.counts == {"failed": 1}
    [failed] = status.failed
    assert failed.recipient == "reader@example.kr" and failed.period_key == "2020-11-27T22:00Z"
    assert failed.last_error == "550 5.7.1 message refused"
    assert status.as_json()["failed"] == [
        {"period": "2020-11-27T22:00Z", "to": "reader@example.kr", "attempts": 1, "error": "550 5.7.1 message refused"}
    ]


def test_crash_after_acceptance_resends_after_lease_with_same_message_id(
    seeded: Engine, smtp_server: SmtpServer
) -> None:
    """The window SMTP cannot close: the server took it, the row was not marked. At-least-once,
    and the duplicate carries the same Message-ID."""
    config = digest_config(smtp_server.port)
    run_digest(config, seeded, DIGEST_TIME)
    with seeded.begin() as conn:  # as if the process died between the 250 and the commit
        conn.execute(update(DigestOutbox).values(status="sending", lease_until=DIGEST_TIME + LEASE, sent_at=None))
    assert run_digest(config, seeded, DIGEST_TIME + timedelta(minutes=1)).sent == 0  # the lease holds
    assert run_digest(config, seeded, DIGEST_TIME + LEASE + timedelta(seconds=1)).sent == 1
    first, second = (parse(raw) for raw in smtp_server.sink.messages)
    assert first["Message-ID"] == second["Message-ID"]
    assert first.get_body(("plain",)).get_content() == second.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_next_period_starts_where_the_last_ended(seeded: Engine, smtp_server: SmtpServer) -> None:
    config = digest_config(smtp_server.port)
    run_digest(config, seeded, DIGEST_TIME)
    nothing_new = run_digest(config, seeded, DIGEST_TIME + timedelta(days=1))
    assert nothing_new.sent == 1 and nothing_new.period_key == "2020-11-28T22:00Z"
    empty = parse(smtp_server.sink.messages[1])
    assert str(empty["Subject"]) == "[budgetwatch] 2020-11-29 예산 소식: 새 소식 없음"
    [_, second] = rows(seeded)
    assert (second.period_start.replace(tzinfo=None), second.item_count) == (
        DIGEST_TIME.replace(minute=0, tzinfo=None),
        0,
    )


def test_empty_period_is_not_mailed_with_send_empty_none(engine: Engine, smtp_server: SmtpServer) -> None:
    config = digest_config(smtp_server.port, send_empty="none")
    result = run_digest(config, engine, DIGEST_TIME)
    assert result.skipped_empty and result.sent == 0
    assert run_digest(config, engine, DIGEST_TIME + timedelta(minutes=5)).queued == 0
    assert smtp_server.sink.messages == [] and outbox_status(engine).counts == {"skipped": 1}


def test_a_recipient_added_later_gets_the_same_frozen_digest(seeded: Engine, smtp_server: SmtpServer) -> None:
    run_digest(digest_config(smtp_server.port), seeded, DIGEST_TIME)
    two = digest_config(smtp_server.port, to=["reader@example.kr", "editor@example.kr"])
    result = run_digest(two, seeded, DIGEST_TIME + timedelta(minutes=10))
    assert (result.queued, result.sent) == (1, 1)
    first, second = (parse(raw) for raw in smtp_server.sink.messages)
    assert second["To"] == "editor@example.kr" and first["Subject"] == second["Subject"]
    assert first["Message-ID"] != second["Message-ID"]


def test_server_that_keeps_the_message_then_drops_gets_it_again_with_the_same_message_id(
    seeded: Engine, smtp_server: SmtpServer
) -> None:
    """The documented window: the server accepted the message but we never heard its 250, so the
    retry sends it again; both copies carry one Message-ID, which deduplicating mail systems drop."""
    config = digest_config(smtp_server.port)
    smtp_server.sink.script = ["accept-drop"]
    first = run_digest(config, seeded, DIGEST_TIME)
    assert (first.sent, first.retrying) == (0, 1)
    retry = run_digest(config, seeded, DIGEST_TIME + timedelta(minutes=3))
    assert retry.sent == 1
    import email

    ids = {email.message_from_bytes(m)["Message-ID"] for m in smtp_server.sink.messages}
    assert len(smtp_server.sink.messages) == 2 and len(ids) == 1
