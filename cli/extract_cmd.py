"""`budgetwatch extract`: budget statements from text files or JSON lines."""

from __future__ import annotations

import datetime
import io
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from extract.statements import Statement, extract_statements

# Lines longer than this are refused rather than read: a page of news is well under it.
MAX_LINE_CHARS = 5_000_000


def statement_json(st: Statement) -> dict[str, Any]:
    a = st.amount
    return {
        "amount": {
            "text": a.text,
            "value": a.value,
            "currency": a.currency,
            "start": a.start,
            "end": a.end,
            "approximate": a.approximate,
        },
        "subject": st.subject,
        "role": st.role,
        "fiscal_year": st.fiscal_year,
        "action": st.action,
        "verb": st.verb,
        "org": st.org,
        "funding": st.funding,
        "stage": st.stage,
        "sentence": st.sentence,
    }


def _parse_date(value: object) -> datetime.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f'"published" must be a date string, got {value!r}')
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f'"published" must be an ISO date (YYYY-MM-DD), got {value!r}') from None


def _process_line(line: str, number: int) -> dict[str, Any]:
    """One output object for one input line; errors become {"id", "error"} naming the line."""
    doc_id: object = None
    try:
        if len(line) > MAX_LINE_CHARS:
            raise ValueError(f"line is {len(line)} characters, over the {MAX_LINE_CHARS} limit")
        doc = json.loads(line)
        if not isinstance(doc, dict):
            raise ValueError("expected a JSON object")
        doc_id = doc.get("id")
        text = doc.get("text")
        if not isinstance(text, str):
            raise ValueError('"text" must be a string')
        lang = doc.get("lang")
        statements = extract_statements(
            text,
            published=_parse_date(doc.get("published")),
            org=doc.get("org"),
            lang=lang if isinstance(lang, str) else None,
        )
    except (ValueError, TypeError) as exc:
        return {"id": doc_id, "statements": [], "error": f"line {number}: {exc}"}
    return {"id": doc_id, "statements": [statement_json(st) for st in statements]}


def run_jsonl(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Read {"id","text","lang","published"} lines, write {"id","statements"} lines; count errors."""
    errors = 0
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        out = _process_line(line, number)
        if "error" in out:
            errors += 1
            click.echo(out["error"], file=stderr)
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return errors


def _print_table(path: Path, statements: list[Statement]) -> None:
    click.echo(f"{path}: {len(statements)} statements")
    for st in statements:
        click.echo(
            f"  {st.amount.text:<18} {st.amount.value:>18,} {st.amount.currency}  {st.role:<10} "
            f"{st.fiscal_year or '-':<5} {st.action or '-':<9} {st.org or '-':<10} {st.subject or '-'}"
        )


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jsonl", is_flag=True, help="Read JSON lines on stdin and write one result line each.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication date of FILES.")
@click.option("--org", help="Organisation the FILES come from.")
def command(files: tuple[Path, ...], jsonl: bool, published: datetime.datetime | None, org: str | None) -> None:
    """Extract budget statements (amount, subject, role, fiscal year) from FILES or stdin."""
    if jsonl:
        # undecodable bytes become U+FFFD instead of ending the run
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        errors = run_jsonl(stdin, sys.stdout, sys.stderr)
        if errors:
            click.echo(f"{errors} line(s) could not be read", err=True)
        return
    if not files:
        raise click.UsageError("give FILE.txt arguments or --jsonl")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix.lower() in (".html", ".htm"):
            raise click.UsageError(f"{path}: HTML files are read through the article extractor (not wired yet)")
        date = published.date() if published else None
        _print_table(path, extract_statements(text, published=date, org=org))
