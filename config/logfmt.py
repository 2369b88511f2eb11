"""Structured log lines on stderr for the daemon and the workers: `ts=... level=... event=... key=value`,
one event per line (process set-up, like the config: every stage above may log through it)."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import TextIO

from config.masking import mask_text

LOGGER = "budgetwatch.daemon"
# APScheduler logs every job start and end at INFO, and the expected "skipped: maximum number of
# running instances reached" at WARNING (docs/tech-notes.md §1.4); the daemon turns its events into lines.
QUIET_LOGGERS = {"apscheduler": logging.ERROR}


def format_value(value: object) -> str:
    """A value as logfmt writes it: bare when safe, else double-quoted with escapes."""
    if isinstance(value, float):
        text = f"{value:.3f}".rstrip("0").rstrip(".")
    elif isinstance(value, datetime):
        text = value.isoformat(timespec="seconds")
    elif value is None:
        text = ""
    else:
        text = mask_text(str(value))  # a URL in any field or message loses its secrets here
    if text and not any(c in text for c in ' ="\\\n\t'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def format_line(fields: dict[str, object]) -> str:
    return " ".join(f"{key}={format_value(value)}" for key, value in fields.items())


class LogfmtFormatter(logging.Formatter):
    """Daemon events keep their fields; other libraries' records become `logger=... msg=...`."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
        }
        event = getattr(record, "event", None)
        if event is not None:
            fields["event"] = event
            fields.update(getattr(record, "fields", {}))
        else:
            fields["logger"] = record.name
            fields["msg"] = record.getMessage()
        if record.exc_info:
            fields["exc"] = self.formatException(record.exc_info)
        return format_line(fields)


def configure_logging(level: str = "INFO", stream: TextIO | None = None) -> None:
    """Route every logger (Scrapy's, APScheduler's, ours) to one logfmt handler on stderr."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(LogfmtFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger(LOGGER).setLevel(level.upper())
    for name, quiet in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(quiet)


def log_event(event: str, level: int = logging.INFO, **fields: object) -> None:
    """Write one structured line: `log_event("crawl_done", source="x", new=3)`."""
    logging.getLogger(LOGGER).log(level, event, extra={"event": event, "fields": fields})
