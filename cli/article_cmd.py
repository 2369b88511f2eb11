"""`budgetwatch article`: read articles out of HTML pages (JSONL batch or one file)."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from config.catalog import SITES_DIR, load_catalog
from config.errors import ConfigError
from config.profiles import Catalog, SiteProfile
from crawler.reading import plain_selectors
from extract.article.page import Article
from extract.article.reader import read_article

EXIT_FETCH_FAILED = 1  # the page could not be fetched
EXIT_UNREADABLE = 2  # the input is empty, binary, or holds no article


class BadProfiles(click.ClickException):
    """A broken site profile is a configuration error: exit 2, as everywhere."""

    exit_code = 2


OUTPUT_FIELDS = ("id", "title", "published", "updated", "author", "department", "lang", "body")


@click.command(name="article")
@click.argument("page", required=False, metavar="[FILE.html|URL]")
@click.option("--jsonl", is_flag=True, help='Read {"id","url","html"} lines on stdin, write one JSON line each.')
@click.option("--url", default="", help="The page's URL (FILE mode): picks the site profile and resolves links.")
@click.option(
    "--no-profiles", "--generic", "no_profiles", is_flag=True, help="Ignore site profiles; generic reading only."
)
@click.option(
    "--profiles",
    "profiles_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory of site profiles (default: the shipped catalog).",
)
@click.option(
    "--timezone",
    "tz_name",
    default="Asia/Seoul",
    show_default=True,
    help="Timezone of dates the page gives without one.",
)
@click.option("--encoding", default=None, help="Encoding of the page (default: header, <meta>, then the bytes).")
def command(
    page: str | None, jsonl: bool, url: str, no_profiles: bool, profiles_dir: Path | None, tz_name: str,
    encoding: str | None,
) -> None:  # fmt: skip
    """Read title, dates, byline, department and clean body of a saved page, a live page (URL),
    or of JSONL pages on stdin."""
    try:
        timezone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise click.BadParameter(f"unknown timezone {tz_name!r}", param_hint="--timezone") from exc
    profiles = Catalog()
    if not no_profiles:
        try:
            profiles = load_catalog(profiles_dir or SITES_DIR)
        except ConfigError as exc:
            raise BadProfiles(str(exc)) from None
    if jsonl:
        if page is not None:
            raise click.UsageError("--jsonl reads stdin; give no FILE")
        read_jsonl(_utf8(sys.stdin), _utf8(sys.stdout), profiles, timezone)
        return
    if page is None:
        raise click.UsageError("give FILE.html, a URL or --jsonl")
    html, url = read_page(page, url, encoding)
    article, profile = read_with_profile(html, url, profiles, timezone)
    if not article.title and not article.body.strip():
        click.echo(f"budgetwatch: {page}: no article text found", err=True)
        raise click.exceptions.Exit(EXIT_UNREADABLE)
    click.echo(format_article(article, profile))


def read_page(page: str, url: str, encoding: str | None) -> tuple[str, str]:
    """(HTML text, URL) of a file or a live page, decoded as the crawler decodes pages."""
    from cli.decode import UnreadableInput, decode
    from cli.fetch import FetchError, fetch

    try:
        if page.startswith(("http://", "https://")):
            fetched = fetch(page)
            html, _ = decode(fetched.body, page, encoding=encoding, content_type=fetched.content_type)
            return html, url or fetched.url
        path = Path(page)
        try:
            body = path.read_bytes()
        except OSError as exc:
            raise UnreadableInput(f"{page}: cannot read: {exc.strerror or exc}") from None
        html, _ = decode(body, page, encoding=encoding)
        return html, url
    except FetchError as exc:
        click.echo(f"budgetwatch: {exc}", err=True)
        raise click.exceptions.Exit(EXIT_FETCH_FAILED) from None
    except UnreadableInput as exc:
        click.echo(f"budgetwatch: {exc}", err=True)
        raise click.exceptions.Exit(EXIT_UNREADABLE) from None


def read_with_profile(html: str, url: str, profiles: Catalog, timezone: ZoneInfo) -> tuple[Article, SiteProfile | None]:
    """Read ``html`` with the profile that matches ``url``, if any."""
    profile = profiles.for_url(url) if url else None
    selectors = plain_selectors(profile.article) if profile else None
    return read_article(html, url, selectors=selectors, timezone=timezone), profile


def read_jsonl(source: IO[str], sink: IO[str], profiles: Catalog, timezone: ZoneInfo) -> None:
    """Read one article per input line and write one output line per article."""
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        record = parse_line(line, number)
        article, _ = read_with_profile(record["html"], record["url"], profiles, timezone)
        sink.write(json.dumps(article_record(record["id"], article), ensure_ascii=False) + "\n")
        sink.flush()


def parse_line(line: str, number: int) -> dict[str, Any]:
    """Validate one input line; a bad one stops the run with its line number."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"line {number}: not JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise click.ClickException(f"line {number}: expected an object with id, url and html")
    if not isinstance(record.get("html"), str):
        raise click.ClickException(f"line {number}: 'html' is missing or not a string")
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        raise click.ClickException(f"line {number}: 'url' must be a string")
    return {"id": record.get("id"), "url": url or "", "html": record["html"]}


def article_record(record_id: Any, article: Article) -> dict[str, Any]:
    """The output line for one article: ISO 8601 datetimes, None where nothing was found."""
    return {
        "id": record_id,
        "title": article.title,
        "published": _iso(article.published),
        "updated": _iso(article.updated),
        "author": article.author,
        "department": article.department,
        "lang": article.lang,
        "body": article.body,
    }


def format_article(article: Article, profile: SiteProfile | None) -> str:
    """A readable rendering of one article for the terminal."""
    rows = [
        ("title", article.title),
        ("published", _iso(article.published)),
        ("updated", _iso(article.updated)),
        ("author", article.author),
        ("department", article.department),
        ("lang", article.lang),
        ("url", article.url or None),
        ("canonical", article.canonical_url),
        ("profile", profile.name if profile else "(generic)"),
    ]
    head = "\n".join(f"{name:>10}: {value}" for name, value in rows if value)
    return f"{head}\n\n{article.body}\n"


def _utf8(stream: IO[str]) -> IO[str]:
    """JSONL is UTF-8 whatever the locale says."""
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
        stream.reconfigure(encoding="utf-8")
    return stream


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
