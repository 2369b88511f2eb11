"""`budgetwatch worker`: take crawls from the queue the elected daemon fills, one per child process."""

from __future__ import annotations

import click

from cli.context import Options, load


@click.command("worker")
@click.option("--concurrency", type=click.IntRange(1, 64), default=1, show_default=True, help="Crawls at once.")
@click.option("--broker", envvar="BUDGETWATCH_BROKER", required=True, help="Celery broker URL [$BUDGETWATCH_BROKER].")
@click.option("--queue", default="budgetwatch.crawl", show_default=True, help="The crawl queue's name.")
@click.option("--log-level", default="INFO", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))
@click.pass_context
def command(ctx: click.Context, concurrency: int, broker: str, queue: str, log_level: str) -> None:
    """Run crawls enqueued by `budgetwatch daemon --distributed` until SIGTERM.

    A crawl's message is acknowledged when the crawl ends: a worker killed mid-crawl gives it
    back to the broker, and another worker crawls the source again (storing nothing twice).
    """
    load(ctx)  # a bad config fails here, not in every crawl
    options: Options = ctx.obj
    config_path = str(options.config_path.resolve()) if options.config_path is not None else None
    from workers.worker import WorkerOptions, run_worker  # Celery loads only for this command

    code = run_worker(WorkerOptions(broker, queue, concurrency, config_path, options.database, log_level))
    raise click.exceptions.Exit(code)
