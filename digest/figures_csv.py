"""Every figure of the period's new articles as CSV: what is behind "and N more" in the mail."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from changes.backlog import calendar_date
from store.digest_queries import NewArticleRow

HEADER = ("date", "source", "title", "url", "org", "project", "subject", "amount", "value", "currency",
          "fiscal_year", "role", "action")  # fmt: skip


def figures_csv(rows: Sequence[NewArticleRow], zone: ZoneInfo) -> str:
    """UTF-8 CSV with a header; "" when there is no figure at all."""
    if not any(r.figures for r in rows):
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        info = row.article
        day = calendar_date(info.published or info.first_seen, zone).isoformat()
        for f in row.figures:
            where = (day, info.source, info.title, info.url, f.org or "", f.project or "", f.subject or "")
            writer.writerow((*where, f.amount_text, f.value, f.currency, f.fiscal_year or "", f.role, f.action or ""))
    return out.getvalue()
