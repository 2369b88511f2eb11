"""`budgetwatch extract`: budget statements from text files or JSON lines."""

from __future__ import annotations

import datetime
import io
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from extract.statements.extractor import Statement, extract_statements
from extract.statements.mentions import Mention, extract_mentions

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
        "subject_span": list(st.subject_span) if st.subject_span else None,
        "role": st.role,
        "fiscal_year": st.fiscal_year,
        "action": st.action,
        "verb": st.verb,
        "org": st.org,
        "funding": st.funding,
        "stage": st.stage,
        "sentence": st.sentence,
        "repeat_of": st.repeat_of,
    }


def mention_json(mention: Mention) -> dict[str, Any]:
    return {
        "name": mention.name,
        "action": mention.action,
        "timing": mention.timing,
        "year": mention.year,
        "start": mention.span[0],
        "end": mention.span[1],
        "sentence": mention.sentence,
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
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a JSON object: {exc.msg} at column {exc.colno}") from None
        if not isinstance(doc, dict):
            raise ValueError("expected a JSON object")
        doc_id = doc.get("id")
        text = doc.get("text")
        if not isinstance(text, str):
            raise ValueError('"text" must be a string')
        if "\x00" in text:
            raise ValueError('"text" holds NUL characters: binary data, not text')
        lang, org, url, country = doc.get("lang"), doc.get("org"), doc.get("url"), doc.get("country")
        published = _parse_date(doc.get("published"))
        statements = extract_statements(
            text,
            published=published,
            org=org if isinstance(org, str) else None,
            lang=lang if isinstance(lang, str) else None,
            url=url if isinstance(url, str) else None,
            country=country if isinstance(country, str) else None,
        )
        mentions = extract_mentions(text, published)
    except (ValueError, TypeError, RecursionError) as exc:
        return {"id": doc_id, "statements": [], "projects": [], "error": f"line {number}: {exc}"}
    return {
        "id": doc_id,
        "statements": [statement_json(st) for st in statements],
        "projects": [mention_json(m) for m in mentions],
    }


def run_jsonl(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Read {"id","text","lang","published"} lines, write {"id","statements"} lines; count errors."""
    errors = 0
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            # one result per input line, so a blank line says so rather than vanishing
            out: dict[str, Any] = {"id": None, "statements": [], "projects": [], "error": f"line {number}: empty line"}
        else:
            out = _process_line(line, number)
        if "error" in out:
            errors += 1
            click.echo(out["error"], file=stderr)
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return errors


def _print_table(path: Path, statements: list[Statement], mentions: list[Mention]) -> None:
    from cli.table import Column, render

    click.echo(f"{path}: {len(statements)} statements, {len(mentions)} project mentions")
    rows = [("amount", "value", "cur", "role", "year", "action", "org", "subject")]
    rows += [
        (st.amount.text, f"{st.amount.value:,}", st.amount.currency, st.role, str(st.fiscal_year or "-"),
         st.action or "-", st.org or "-", st.subject or "-")
        for st in statements
    ]  # fmt: skip
    if statements:
        columns = [Column(), Column(align=">"), Column(), Column(), Column(), Column(), Column(), Column()]
        for line in render(rows, columns):
            click.echo("  " + line)
    for m in mentions:
        click.echo(f"  project: {m.name} | {m.action} | {m.timing or '-'} ({m.year or '-'})")


def _read_file(
    path: Path, published: datetime.date | None, encoding: str | None = None
) -> tuple[str, datetime.date | None, str | None]:
    """The text statements are read from, its publication date and language. The encoding is
    detected as the crawler does (EUC-KR/CP949 pages saved from a browser read right)."""
    from cli.decode import UnreadableInput, decode

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{path}: cannot read: {exc.strerror or exc}") from None
    is_html = path.suffix.lower() in (".html", ".htm")
    decoded, _ = decode(raw, str(path), encoding=encoding, html=is_html)
    if is_html:
        from extract.article.reader import read_article

        article = read_article(decoded, path.resolve().as_uri())
        text = f"{article.title}\n\n{article.body}" if article.title else article.body
        if not text.strip():
            raise UnreadableInput(f"{path}: no article text found in the page")
        date = published or (article.published.date() if article.published else None)
        return text, date, article.lang
    return decoded, published, None


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jsonl", is_flag=True, help="Read JSON lines on stdin and write one result line each.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication date of FILES.")
@click.option("--org", help="Organisation the FILES come from.")
@click.option("--encoding", default=None, help="Encoding of FILES (default: BOM, <meta>, then the bytes).")
def command(
    files: tuple[Path, ...], jsonl: bool, published: datetime.datetime | None, org: str | None, encoding: str | None
) -> None:
    """Extract budget statements (amount, subject, role, fiscal year) and project mentions from
    FILES (.html through the article reader, else text) or, with --jsonl, from stdin."""
    if jsonl:
        # undecodable bytes become U+FFFD instead of ending the run
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        errors = run_jsonl(stdin, sys.stdout, sys.stderr)
        if errors:
            click.echo(f"{errors} line(s) could not be read", err=True)
        return
    if not files:
        raise click.UsageError("give FILE.txt or FILE.html arguments, or --jsonl")
    from cli.decode import UnreadableInput

    for path in files:
        try:
            text, date, lang = _read_file(path, published.date() if published else None, encoding)
        except UnreadableInput as exc:
            click.echo(f"budgetwatch: {exc}", err=True)
            raise click.exceptions.Exit(2) from None
        statements = extract_statements(text, published=date, org=org, lang=lang)
        _print_table(path, statements, extract_mentions(text, date))
