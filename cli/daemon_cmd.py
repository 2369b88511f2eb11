"""`budgetwatch daemon`: the scheduler daemon in the foreground (runs scheduler.py in this process)."""

from __future__ import annotations

import os
import sys

import click

from cli.context import Options


@click.command("daemon")
@click.option("--grace", type=float, default=20.0, show_default=True, help="Seconds a stop waits for running crawls.")
@click.option("--log-level", default="INFO", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))
@click.option("--distributed", is_flag=True, help="Elect one leader on PostgreSQL; enqueue crawls for workers.")
@click.option("--broker", envvar="BUDGETWATCH_BROKER", default=None, help="Celery broker URL [$BUDGETWATCH_BROKER].")
@click.option("--queue", default="budgetwatch.crawl", show_default=True, help="The crawl queue's name.")
@click.option("--leader-poll", type=float, default=5.0, show_default=True, help="Seconds between standby attempts.")
@click.pass_context
def command(
    ctx: click.Context, grace: float, log_level: str, distributed: bool, broker: str | None, queue: str,
    leader_poll: float,
) -> None:  # fmt: skip
    """Run every source on its schedule until SIGTERM; SIGHUP reloads the config.

    With --distributed, several daemons may run: one is elected (a PostgreSQL advisory lock) and
    enqueues crawls for `budgetwatch worker`s; the others wait and take over when it dies.

    Replaces this process with `python -m scheduler`: the asyncio reactor must be installed before
    anything imports Twisted, and the daemon's jobs are wired in scheduler.py alone.
    """
    options: Options = ctx.obj
    argv = [sys.executable, "-m", "scheduler", "--grace", str(grace), "--log-level", log_level]
    if options.config_path is not None:
        argv += ["--config", str(options.config_path)]
    if options.database is not None:
        argv += ["--db", options.database]
    if distributed:
        if not broker:
            raise click.UsageError("--distributed needs --broker URL (or $BUDGETWATCH_BROKER)")
        argv += ["--distributed", "--broker", broker, "--queue", queue, "--leader-poll", str(leader_poll)]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, argv)
