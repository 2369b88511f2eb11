"""`budgetwatch check`: every mistake in the configuration file at once, so one run fixes them all."""

from __future__ import annotations

import click

from cli.context import EXIT_USAGE, options_of, safe_url


@click.command("check")
@click.pass_context
def command(ctx: click.Context) -> None:
    """Check the configuration file and report every mistake in it (exit 2 when there is any)."""
    from config.load import DEFAULT_PATH, ConfigError, load_config

    options = options_of(ctx)
    path = options.config_path or DEFAULT_PATH
    try:
        config = load_config(options.config_path, database=options.database)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        count = len(exc.problems)
        click.echo(f"{path}: {count} mistake{'s' if count != 1 else ''}", err=True)
        raise click.exceptions.Exit(EXIT_USAGE) from None
    enabled = sum(1 for s in config.sources if s.enabled)
    click.echo(
        f"{path}: OK, {len(config.sources)} sources ({enabled} enabled), database {safe_url(config.database)}, "
        f"digest {'to ' + ', '.join(config.digest.to) if config.digest.to else 'off (no recipients)'}"
    )
