"""The digest outbox: rows per (period, recipient), claimed with a lease, sent, retried or failed.

Delivery is at-least-once. A row is marked sent only after the server accepted the message; a
crash between the server's 250 and that commit leaves the row "sending", and it is sent again
once its lease expires. SMTP cannot close that window, so the duplicate carries the same
Message-ID and mail systems that deduplicate drop it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from digest.message import MessageParts, build_message, digest_message_id
from digest.period import Period
from digest.render import Rendered
from digest.send import DeliveryError, Mailer
from store.outbox_models import DigestOutbox
from store.records import as_utc

# Longer than one SMTP attempt can take (connect, TLS, DATA with the configured timeout each),
# so a live sender's claim is never taken over.
LEASE = timedelta(minutes=10)
FIRST_RETRY = timedelta(minutes=2)
MAX_RETRY = timedelta(hours=6)
MAX_ATTEMPTS = 8  # 2+4+8+...+min(256, 360) minutes: about a day of retries, then failed


@dataclass(frozen=True)
class OutboxRow:
    id: int
    period_key: str
    recipient: str
    message_id: str
    subject: str
    body_text: str
    body_html: str
    created_at: datetime
    attempts: int
    body_csv: str = ""


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def _insert(engine: Engine) -> postgresql.Insert | sqlite.Insert:
    """INSERT ... ON CONFLICT DO NOTHING is spelled the same on both dialects (docs/tech-notes.md §3.1)."""
    if engine.dialect.name == "postgresql":
        return postgresql.insert(DigestOutbox)
    return sqlite.insert(DigestOutbox)


def enqueue(
    engine: Engine,
    period: Period,
    recipients: Iterable[str],
    rendered: Rendered,
    *,
    sender: str,
    now: datetime,
    skipped: bool = False,
) -> int:
    """One row per recipient for the period, unless it has one; returns how many were added."""
    added = 0
    with engine.begin() as conn:
        for recipient in recipients:
            values = dict(
                period_key=period.key, period_start=period.start, period_end=period.end, recipient=recipient,
                generation=0, message_id=digest_message_id(sender, recipient, period.key), subject=rendered.subject,
                body_text=rendered.text, body_html=rendered.html, body_csv=rendered.csv or None,
                item_count=rendered.item_count,
                status="skipped" if skipped else "pending", attempts=0, next_attempt_at=now, created_at=now,
            )  # fmt: skip
            # RETURNING tells inserted from skipped on both backends (psycopg's rowcount is -1 here)
            inserted = conn.execute(
                _insert(engine)
                .values(**values)
                .on_conflict_do_nothing(index_elements=["period_key", "recipient"])
                .returning(DigestOutbox.id)
            ).first()
            added += inserted is not None
    return added


def last_period_end(engine: Engine) -> datetime | None:
    """Where the next digest starts: the end of the latest period that has a row."""
    with Session(engine) as session:
        return session.scalar(select(func.max(DigestOutbox.period_end)))  # UTCDateTime: aware UTC


def period_rendered(engine: Engine, key: str) -> tuple[Period, Rendered] | None:
    """The frozen content of a period already in the outbox (for a recipient added later)."""
    with Session(engine) as session:
        row = session.scalars(select(DigestOutbox).where(DigestOutbox.period_key == key).limit(1)).first()
        if row is None:
            return None
        period = Period(as_utc(row.period_start), as_utc(row.period_end))
        return period, Rendered(row.subject, row.body_text, row.body_html, row.item_count, row.body_csv or "")


def recipients_of(engine: Engine, key: str) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(DigestOutbox.recipient).where(DigestOutbox.period_key == key)))


def _claim(engine: Engine, row_id: int, now: datetime) -> bool:
    """Compare-and-set: two senders never both claim a row."""
    due = or_(
        (DigestOutbox.status == "pending") & (DigestOutbox.next_attempt_at <= now),
        (DigestOutbox.status == "sending") & (DigestOutbox.lease_until < now),
    )
    with engine.begin() as conn:
        result = conn.execute(
            update(DigestOutbox)
            .where(DigestOutbox.id == row_id, due)
            .values(status="sending", lease_until=now + LEASE, attempts=DigestOutbox.attempts + 1)
        )
        return bool(result.rowcount)


def claim_due(engine: Engine, now: datetime, *, limit: int = 100) -> list[OutboxRow]:
    """Rows due for an attempt now, claimed for this sender."""
    with Session(engine) as session:
        candidates = session.scalars(
            select(DigestOutbox)
            .where(
                or_(
                    (DigestOutbox.status == "pending") & (DigestOutbox.next_attempt_at <= now),
                    (DigestOutbox.status == "sending") & (DigestOutbox.lease_until < now),
                )
            )
            .order_by(DigestOutbox.next_attempt_at, DigestOutbox.id)
            .limit(limit)
        ).all()
        rows = [
            OutboxRow(r.id, r.period_key, r.recipient, r.message_id, r.subject, r.body_text, r.body_html,
                      as_utc(r.created_at), r.attempts + 1, r.body_csv or "")
            for r in candidates
        ]  # fmt: skip
    return [row for row in rows if _claim(engine, row.id, now)]


def retry_delay(attempts: int) -> timedelta:
    return min(FIRST_RETRY * (1 << min(max(attempts - 1, 0), 16)), MAX_RETRY)


def _finish(engine: Engine, row_id: int, **values: object) -> None:
    with engine.begin() as conn:
        conn.execute(update(DigestOutbox).where(DigestOutbox.id == row_id).values(lease_until=None, **values))


def deliver_due(
    engine: Engine, mailer: Mailer, *, sender: str, unsubscribe_url: str | None, now: datetime
) -> DeliveryReport:
    """Send every due row once: sent on the server's acceptance, retried later on a temporary
    failure, failed on a permanent one or after MAX_ATTEMPTS."""
    sent = retrying = failed = 0
    for row in claim_due(engine, now):
        message = build_message(
            MessageParts(sender, row.recipient, row.subject, row.body_text, row.body_html, row.message_id,
                         row.created_at, unsubscribe_url, row.body_csv)
        )  # fmt: skip
        try:
            try:
                mailer.send(message, sender, row.recipient)
            except DeliveryError:
                raise
            except Exception as exc:  # a bug must not leave the row "sending" until its lease ends
                raise DeliveryError(f"unexpected {type(exc).__name__}", temporary=True) from exc
        except DeliveryError as exc:
            if exc.temporary and row.attempts < MAX_ATTEMPTS:
                _finish(engine, row.id, status="pending", last_error=exc.reason[:1000],
                        next_attempt_at=now + retry_delay(row.attempts))  # fmt: skip
                retrying += 1
            else:
                _finish(engine, row.id, status="failed", last_error=exc.reason[:1000])
                failed += 1
            continue
        _finish(engine, row.id, status="sent", sent_at=now, last_error=None)
        sent += 1
    return DeliveryReport(sent, retrying, failed)


def postpone_due(engine: Engine, reason: str, now: datetime) -> int:
    """Record why nothing could be sent (e.g. a missing secret) on the due rows, as a temporary failure."""
    rows = claim_due(engine, now)
    for row in rows:
        if row.attempts < MAX_ATTEMPTS:
            _finish(
                engine, row.id, status="pending", last_error=reason, next_attempt_at=now + retry_delay(row.attempts)
            )
        else:
            _finish(engine, row.id, status="failed", last_error=reason)
    return len(rows)


def requeue(engine: Engine, key: str, recipients: Sequence[str], sender: str, now: datetime) -> int:
    """--resend: send the period again to these recipients, under a new Message-ID (a deliberate
    second copy must not be dropped as a duplicate of the first)."""
    count = 0
    with Session(engine) as session, session.begin():
        rows = session.scalars(
            select(DigestOutbox).where(DigestOutbox.period_key == key, DigestOutbox.recipient.in_(recipients))
        ).all()
        for row in rows:
            row.generation += 1
            row.message_id = digest_message_id(sender, row.recipient, key, row.generation)
            row.status, row.attempts, row.next_attempt_at = "pending", 0, now
            row.lease_until, row.last_error = None, None
            count += 1
    return count


@dataclass(frozen=True)
class FailedDigest:
    period_key: str
    recipient: str
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class OutboxStatus:
    """For `budgetwatch status`: counts by state, the failed digests and the last delivery."""

    counts: dict[str, int]
    failed: tuple[FailedDigest, ...]
    pending: tuple[FailedDigest, ...]  # waiting for a retry, with the error of the last attempt
    last_sent_at: datetime | None
    last_period_key: str | None

    def as_json(self) -> dict[str, object]:
        def rows(items: tuple[FailedDigest, ...]) -> list[dict[str, object]]:
            return [{"period": f.period_key, "to": f.recipient, "attempts": f.attempts, "error": f.last_error}
                    for f in items]  # fmt: skip

        return {
            "counts": self.counts,
            "failed": rows(self.failed),
            "retrying": rows(self.pending),
            "last_sent_at": self.last_sent_at.isoformat() if self.last_sent_at else None,
            "last_period": self.last_period_key,
        }


def outbox_status(engine: Engine) -> OutboxStatus:
    with Session(engine) as session:
        counts = {
            status: int(n)
            for status, n in session.execute(select(DigestOutbox.status, func.count()).group_by(DigestOutbox.status))
        }
        problems = session.scalars(
            select(DigestOutbox)
            .where(or_(DigestOutbox.status == "failed",
                       (DigestOutbox.status == "pending") & DigestOutbox.last_error.is_not(None)))
            .order_by(DigestOutbox.period_key.desc(), DigestOutbox.recipient)
            .limit(50)
        ).all()  # fmt: skip
        items = [(r.status, FailedDigest(r.period_key, r.recipient, r.attempts, r.last_error)) for r in problems]
        last_sent = session.scalar(select(func.max(DigestOutbox.sent_at)))
        last_key = session.scalar(select(func.max(DigestOutbox.period_key)))
    return OutboxStatus(
        counts=counts,
        failed=tuple(f for s, f in items if s == "failed"),
        pending=tuple(f for s, f in items if s == "pending"),
        last_sent_at=last_sent,
        last_period_key=last_key,
    )
