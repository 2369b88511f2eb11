"""`budgetwatch digest`: preview the digest, write it to a file, or send what is due."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import click

from cli.context import EXIT_SOURCE_FAILED, fail_usage, load, open_database, options_of
from config.schema import Config
from digest.job import build_due, send_due
from digest.message import MessageParts, build_message, digest_message_id
from digest.outbox import last_period_end, requeue
from digest.period import period_key
from digest.preview import preview_digest, preview_start
from digest.render import Rendered


def parse_since(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise fail_usage(f"--since {text!r}: not an ISO date or time (2026-11-24, 2026-11-24T07:00+09:00)") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _write(config: Config, rendered: Rendered, out: Path, recipient: str, key: str, now: datetime) -> None:
    if out.suffix.lower() == ".eml":
        sender = config.digest.sender
        parts = MessageParts(sender, recipient, rendered.subject, rendered.text, rendered.html,
                             digest_message_id(sender, recipient, f"preview:{key}"), now,
                             config.digest.unsubscribe_url, rendered.csv)  # fmt: skip
        out.write_bytes(bytes(build_message(parts)))
    elif out.suffix.lower() == ".csv":  # every figure of the listed articles (the mail's attachment)
        out.write_text("\ufeff" + rendered.csv, encoding="utf-8")
    else:
        out.write_text(rendered.html, encoding="utf-8")


@click.command("digest")
@click.option("--since", default=None, help="Start of the period (ISO 8601); default: where the last digest ended.")
@click.option("--to", "to", multiple=True, help="Recipient instead of the configured ones (repeatable).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the digest: FILE.html (the HTML part), FILE.eml (the whole message) or FILE.csv "
                   "(every figure).")  # fmt: skip
@click.option("--send", is_flag=True, help="Queue the due period for each recipient and send what is due.")
@click.option("--resend", is_flag=True, help="With --send: mail the latest period again (a new Message-ID).")
@click.pass_context
def command(
    ctx: click.Context, since: str | None, to: tuple[str, ...], out: Path | None, send: bool, resend: bool
) -> None:
    """Preview the digest of what is new since the last one, or --send it by SMTP."""
    for address in to:
        if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", address):
            raise fail_usage(f"--to {address!r}: not an email address")
    if resend and not send:
        raise fail_usage("--resend needs --send")
    if out is not None and out.suffix.lower() not in (".html", ".htm", ".eml", ".csv"):
        raise fail_usage(f"--out {out}: the file name must end in .html, .eml or .csv")
    if out is not None and send:
        raise fail_usage("--out writes a preview; use it without --send")
    if out is not None and not out.parent.is_dir():
        raise fail_usage(f"--out {out}: the folder {out.parent} does not exist")
    config = load(ctx, needs_file=send)
    if send and "smtp" not in config.digest.model_fields_set:
        where = options_of(ctx).config_path or "budgetwatch.yaml"
        raise fail_usage(f"--send needs an SMTP server: add digest.smtp (host, port, security) to {where}; "
                         "nothing was queued")  # fmt: skip
    start = parse_since(since)
    now = datetime.now(UTC)
    engine = open_database(config)
    try:
        if not send:
            begin = start or preview_start(config, engine, now)
            rendered = preview_digest(config, engine, begin, now)
            if out is None:
                click.echo(rendered.text, nl=False)
            else:
                recipient = (to or config.digest.to or (config.digest.sender,))[0]
                try:
                    _write(config, rendered, out, recipient, period_key(now), now)
                except OSError as exc:
                    raise fail_usage(f"--out {out}: cannot write: {exc.strerror or exc}") from None
                click.echo(f"Wrote the digest ({rendered.item_count} items) to {out}")
            return
        recipients = list(to) or list(config.digest.to)
        if not recipients:
            raise fail_usage("no recipients: set digest.to in the config or give --to")
        period, queued, skipped = build_due(config, engine, now, since=start, recipients=recipients)
        requeued = 0
        if resend:
            latest = last_period_end(engine)
            if latest is not None:
                requeued = requeue(engine, period_key(latest), recipients, config.digest.sender, now)
        report, note = send_due(config, engine, now)
    finally:
        engine.dispose()
    name = period.key if period else "-"
    click.echo(
        f"digest {name}: queued {queued}{' (empty, not sent)' if skipped else ''}"
        f"{f', requeued {requeued}' if resend else ''}, sent {report.sent}, "
        f"retrying {report.retrying}, failed {report.failed}"
    )
    if note:
        click.echo(f"budgetwatch: not sent: {note}", err=True)
    only_retrying = report.retrying > 0 and report.sent == 0 and report.failed == 0
    if only_retrying and not note:
        click.echo(
            f"budgetwatch: nothing sent yet: {report.retrying} waiting for a retry (the server was unreachable, "
            "answered 4xx or dropped the connection); the daemon or the next --send retries them",
            err=True,
        )
    if report.failed or note or only_retrying:
        raise click.exceptions.Exit(EXIT_SOURCE_FAILED)
