"""The digest as an email: multipart/alternative (text, then HTML), UTF-8, with stable headers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime


@dataclass(frozen=True)
class MessageParts:
    """What one outbox row holds: enough to build the same message on every attempt."""

    sender: str
    recipient: str
    subject: str
    text: str
    html: str
    message_id: str
    date: datetime
    unsubscribe_url: str | None = None
    csv: str = ""  # every figure of the digest, attached as budget-figures.csv


def digest_message_id(sender: str, recipient: str, period_key: str, generation: int = 0) -> str:
    """The same period, recipient and generation always give the same Message-ID, so the rare
    duplicate left by a crash after the server accepted a message is dropped by mail systems."""
    seed = f"{recipient.lower()}|{period_key}" + (f"|{generation}" if generation else "")
    token = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]
    domain = sender.rsplit("@", 1)[-1].strip(">") or "localhost"
    return f"<digest-{token}@{domain}>"


def build_message(parts: MessageParts) -> EmailMessage:
    """A text part and an HTML part; non-ASCII headers are RFC 2047-encoded when serialized."""
    message = EmailMessage()
    message["From"] = parts.sender
    message["To"] = parts.recipient
    message["Subject"] = parts.subject
    message["Date"] = format_datetime(parts.date)
    message["Message-ID"] = parts.message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    if parts.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{parts.unsubscribe_url}>"
    # base64 keeps the message 7-bit whatever the relay supports (8BITMIME is not everywhere)
    message.set_content(parts.text, charset="utf-8", cte="base64")
    message.add_alternative(parts.html, subtype="html", charset="utf-8", cte="base64")
    if parts.csv:  # multipart/mixed: the alternative parts, then the attachment
        # a byte-order mark so spreadsheet programs read the Korean as UTF-8
        message.add_attachment("\ufeff" + parts.csv, subtype="csv", charset="utf-8", cte="base64",
                               filename="budget-figures.csv")  # fmt: skip
    return message
