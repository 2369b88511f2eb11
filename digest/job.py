"""The digest job: build the period that is due into the outbox, then send what is due. Idempotent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from config.schema import Config
from config.secrets import MissingSecret, smtp_credentials
from digest.build import build_digest
from digest.outbox import (
    DeliveryReport,
    deliver_due,
    enqueue,
    last_period_end,
    period_rendered,
    postpone_due,
    recipients_of,
)
from digest.period import Period, due_period, period_key
from digest.render import render_digest
from digest.send import Mailer, SmtpMailer
from store.records import as_utc


@dataclass(frozen=True)
class DigestResult:
    """What one run did: the period built (if any), rows added, and the delivery counts."""

    period_key: str | None = None
    queued: int = 0
    skipped_empty: bool = False
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    note: str | None = None  # why nothing could be sent, e.g. a missing SMTP secret


def build_due(
    config: Config,
    engine: Engine,
    now: datetime,
    *,
    since: datetime | None = None,
    recipients: Sequence[str] | None = None,
) -> tuple[Period | None, int, bool]:
    """Put the due period into the outbox for each recipient that lacks it; returns the period,
    the rows added and whether it was an empty period not to be sent (send_empty: none)."""
    digest_config = config.digest
    to = tuple(recipients) if recipients is not None else digest_config.to
    if not to:
        return None, 0, False
    now = as_utc(now)
    last_end = last_period_end(engine)
    period = due_period(digest_config.schedule, config.zone, now, last_end)
    if period is None:  # the latest period is built; a recipient added since gets the same message
        assert last_end is not None
        frozen = period_rendered(engine, period_key(last_end))
        if frozen is None:
            return None, 0, False
        period, rendered = frozen
        if set(to) <= recipients_of(engine, period.key):
            return period, 0, False
    else:
        if since is not None:
            period = Period(as_utc(since), period.end)
        digest = build_digest(engine, period.start, period.end, config.zone)
        rendered = render_digest(digest, config.zone, prefix=digest_config.subject_prefix,
                                 unsubscribe_url=digest_config.unsubscribe_url)  # fmt: skip
    skipped = rendered.item_count == 0 and digest_config.send_empty == "none"
    added = enqueue(engine, period, to, rendered, sender=digest_config.sender, now=now, skipped=skipped)
    return period, added, skipped


def send_due(
    config: Config, engine: Engine, now: datetime, mailer: Mailer | None = None
) -> tuple[DeliveryReport, str | None]:
    """Send the outbox rows due now; with no mailer given, SMTP as configured."""
    now = as_utc(now)
    if mailer is None:
        try:
            credentials = smtp_credentials(config.digest.smtp)
        except MissingSecret as exc:
            postpone_due(engine, str(exc), now)
            return DeliveryReport(), str(exc)
        mailer = SmtpMailer(config.digest.smtp, credentials)
    report = deliver_due(engine, mailer, sender=config.digest.sender,
                         unsubscribe_url=config.digest.unsubscribe_url, now=now)  # fmt: skip
    return report, None


def run_digest(config: Config, engine: Engine, now: datetime, mailer: Mailer | None = None) -> DigestResult:
    """The daemon's digest job; safe to call at any time and as often as wanted: a period is built
    once, a row is sent once (see digest.outbox for the one crash window), retries when due.
    Blocking (SMTP): call it from a thread in an event loop."""
    period, added, skipped = build_due(config, engine, now)
    report, note = send_due(config, engine, now, mailer)
    return DigestResult(
        period_key=period.key if period else None, queued=added, skipped_empty=skipped and added > 0,
        sent=report.sent, retrying=report.retrying, failed=report.failed, note=note,
    )  # fmt: skip
