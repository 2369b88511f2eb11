"""The `budgetwatch` command line: one group whose commands are imported only when they run.

`budgetwatch --help` and a worker's crawl child must not pay for importing Scrapy, Celery,
the extractors and the digest when they use none of them, so each command's module is named
here as a string and loaded by LazyGroup on first use. The short help shown by --help is kept
here too (tests/cli/test_main.py loads every entry and compares the list with the README).
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

import click

from cli.context import Options

# name -> (module:attribute, short help); the order is the order of `budgetwatch --help`.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("cli.check_cmd:command", "Check the configuration file and report every mistake in it."),
    "sources": ("cli.sources_cmd:command", "List the configured sources with their last run and health."),
    "test": ("cli.trial_cmd:command", "Fetch a source now and show what would be stored; store nothing."),
    "crawl": ("cli.crawl_cmd:command", "Crawl the named sources (all enabled ones by default) once, now."),
    "articles": ("cli.articles_cmd:command", "List stored articles, newest first."),
    "statements": ("cli.statements_cmd:statements_command", "List stored statements (current article versions)."),
    "extract": ("cli.extract_cmd:command", "Money statements and project mentions of text or pages."),
    "article": ("cli.article_cmd:command", "Read title, dates, byline, department and body of a page."),
    "changes": ("cli.changes_cmd:changes_command", "List change events: new, revised and removed articles, amounts."),
    "timeline": ("cli.changes_cmd:timeline_command", "Each project's amounts over fiscal years and time."),
    "projects": ("cli.changes_cmd:projects_group", "Correct project resolution by hand."),
    "reextract": ("cli.statements_cmd:reextract_command", "Run the extractor again over stored articles."),
    "status": ("cli.status_cmd:command", "Daemon alive?; per source the next and last run and flags."),
    "daemon": ("cli.daemon_cmd:command", "Run every source on its schedule until SIGTERM."),
    "worker": ("cli.worker_cmd:command", "Run crawls enqueued by `budgetwatch daemon --distributed`."),
    "digest": ("cli.digest_cmd:command", "Preview, write or send the digest email."),
    "demo": ("cli.demo_cmd:command", "Crawl the bundled sample sites into a local database."),
    "db": ("cli.db_cmd:group", "Database maintenance."),
}


def _verbosity(delta: int) -> Any:
    def callback(ctx: click.Context, _param: click.Parameter, value: int) -> None:
        if not value:
            return
        options = ctx.find_object(Options) or ctx.find_root().ensure_object(Options)
        options.verbosity += delta * value
        v = options.verbosity
        level = logging.ERROR if v < 0 else logging.WARNING if v == 0 else logging.INFO if v == 1 else logging.DEBUG
        logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", force=True)

    return callback


def verbosity_options() -> list[click.Option]:
    """-v/-q, accepted before or after any command name."""
    return [
        click.Option(
            ["-v", "--verbose"],
            count=True,
            expose_value=False,
            callback=_verbosity(1),
            help="More detail (repeat for debug logs).",
        ),  # fmt: skip
        click.Option(
            ["-q", "--quiet"], count=True, expose_value=False, callback=_verbosity(-1), help="Only results and errors."
        ),  # fmt: skip
    ]


def _add_verbosity(command: click.Command) -> None:
    if not any(p.name == "verbose" for p in command.params):
        command.params.extend(verbosity_options())
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _add_verbosity(sub)


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is run or asked for help."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[cmd_name][0].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        _add_verbosity(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short) for name, (_, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("budgetwatch")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"budgetwatch {_version()}")
        ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")  # fmt: skip
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Configuration file (default: ./budgetwatch.yaml).",
)
@click.option("--db", "database", default=None, help="SQLAlchemy database URL; beats $BUDGETWATCH_DB and the file.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, database: str | None) -> None:
    """budgetwatch: what local governments say they will spend, and what changed."""
    options = ctx.ensure_object(Options)
    options.config_path, options.database = config_path, database


cli.params.extend(verbosity_options())


def main() -> None:
    cli(prog_name="budgetwatch")


if __name__ == "__main__":
    main()
