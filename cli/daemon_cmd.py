"""`budgetwatch daemon`: the scheduler daemon in the foreground (runs scheduler.py in this process)."""

from __future__ import annotations

import os
import sys

import click

from cli.context import Options


@click.command("daemon")
@click.option("--grace", type=float, default=20.0, show_default=True, help="Seconds a stop waits for running crawls.")
@click.option("--log-level", default="INFO", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))
@click.pass_context
def command(ctx: click.Context, grace: float, log_level: str) -> None:
    """Run every source on its schedule until SIGTERM; SIGHUP reloads the config.

    Replaces this process with `python -m scheduler`: the asyncio reactor must be installed before
    anything imports Twisted, and the daemon's jobs are wired in scheduler.py alone.
    """
    options: Options = ctx.obj
    argv = [sys.executable, "-m", "scheduler", "--grace", str(grace), "--log-level", log_level]
    if options.config_path is not None:
        argv += ["--config", str(options.config_path)]
    if options.database is not None:
        argv += ["--db", options.database]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, argv)
