"""Deliver one message: the Mailer seam, SMTP with STARTTLS, SSL or plain, and a recording fake."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol

from config.schema import SmtpConfig


class DeliveryError(Exception):
    """The server did not take the message. ``temporary``: 4xx, a dropped or refused connection,
    a timeout (try again later); otherwise 5xx (the server will refuse it again)."""

    def __init__(self, reason: str, *, temporary: bool, code: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.temporary = temporary
        self.code = code


class Mailer(Protocol):
    def send(self, message: EmailMessage, sender: str, recipient: str) -> None:
        """Return once the server accepted the message; raise DeliveryError otherwise."""


def _response_text(code: int, raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return f"{code} {text}".strip()


def _classify(code: int, text: str) -> DeliveryError:
    return DeliveryError(text, temporary=400 <= code < 500, code=code)


@dataclass(frozen=True)
class SmtpMailer:
    """One SMTP connection per message. ``credentials`` come from the environment variables the
    config names (config.secrets); they are only handed to smtplib, never stored or logged."""

    smtp: SmtpConfig
    credentials: tuple[str, str] | None = field(default=None, repr=False)

    def _connect(self) -> smtplib.SMTP:
        host, port, timeout = self.smtp.host, self.smtp.port, self.smtp.timeout
        if self.smtp.security == "ssl":
            return smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
        client = smtplib.SMTP(host, port, timeout=timeout)
        if self.smtp.security == "starttls":
            try:
                client.starttls(context=ssl.create_default_context())
            except BaseException:
                client.close()
                raise
        return client

    def send(self, message: EmailMessage, sender: str, recipient: str) -> None:
        try:
            client = self._connect()
            try:
                if self.credentials is not None:
                    client.login(*self.credentials)
                refused = client.send_message(message, from_addr=sender, to_addrs=[recipient])
            finally:
                try:
                    client.quit()
                except (smtplib.SMTPException, OSError):
                    client.close()
        except smtplib.SMTPRecipientsRefused as exc:
            code, raw = next(iter(exc.recipients.values()))
            raise _classify(code, _response_text(code, raw)) from None
        except smtplib.SMTPResponseException as exc:  # SMTPDataError, SMTPSenderRefused, auth, ...
            raise _classify(exc.smtp_code, _response_text(exc.smtp_code, exc.smtp_error)) from None
        except smtplib.SMTPNotSupportedError as exc:  # e.g. no STARTTLS on a server configured for it
            raise DeliveryError(f"server does not support it: {exc}", temporary=False) from None
        except UnicodeEncodeError:  # smtplib sends AUTH as ASCII; the secret itself is never quoted
            raise DeliveryError("SMTP user name and password must be ASCII", temporary=False) from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:  # refused, dropped, timeout, TLS
            raise DeliveryError(f"connection: {type(exc).__name__}: {exc}", temporary=True) from None
        if refused:
            code, raw = next(iter(refused.values()))
            raise _classify(code, _response_text(code, raw))


@dataclass
class RecordingMailer:
    """The fake beside the real thing: keeps what it was given; ``fail_with`` makes sends fail."""

    sent: list[tuple[str, EmailMessage]] = field(default_factory=list)
    fail_with: list[DeliveryError] = field(default_factory=list)

    def send(self, message: EmailMessage, sender: str, recipient: str) -> None:
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.sent.append((recipient, message))
