"""The budgetwatch daemon's entry point: `python scheduler.py [--config PATH] [--db URL]`.

The only place that wires the stages together. Scrapy components are never defined here: a
component referenced by dotted path from `__main__` would re-run this file (docs/tech-notes.md §1.2).
"""

# The asyncio reactor must be installed before anything imports twisted.internet.reactor
# (docs/tech-notes.md §1.1), hence these two lines first and the imports below them.
from scrapy.utils.reactor import install_reactor

install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")

import argparse  # noqa: E402 -- after install_reactor on purpose (see above)
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from crawler.runner import SourceCrawler  # noqa: E402
from scheduling.digest_job import DIGEST, DIGEST_RETRY  # noqa: E402
from scheduling.housekeeping import HOUSEKEEPING  # noqa: E402
from scheduling.jobs import ExtraJob  # noqa: E402
from scheduling.leader import DispatcherFactory, DistributedOptions  # noqa: E402
from scheduling.run import run_daemon, utc_now  # noqa: E402
from scheduling.service import DaemonOptions  # noqa: E402

# Jobs besides one crawl per source; each reads its schedule from the config (None: off).
EXTRA_JOBS: tuple[ExtraJob, ...] = (HOUSEKEEPING, DIGEST, DIGEST_RETRY)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scheduler.py", description="Run the budgetwatch daemon in the foreground.")
    parser.add_argument("--config", type=Path, default=None, help="configuration file (default ./budgetwatch.yaml)")
    parser.add_argument("--db", default=None, help="SQLAlchemy database URL; beats $BUDGETWATCH_DB and the file")
    parser.add_argument("--grace", type=float, default=20.0, help="seconds a stop waits for running crawls")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.add_argument(
        "--distributed", action="store_true", help="elect one leader on PostgreSQL; enqueue crawls for workers"
    )
    parser.add_argument("--broker", default=None, help="Celery broker URL (amqp://... or redis://...)")
    parser.add_argument("--queue", default="budgetwatch.crawl", help="the crawl queue's name")
    parser.add_argument("--leader-poll", type=float, default=5.0, help="seconds between a standby's lock attempts")
    return parser.parse_args(argv)


def distributed_options(args: argparse.Namespace) -> tuple[DistributedOptions | None, DispatcherFactory | None]:
    if not args.distributed:
        return None, None
    if not args.broker:
        raise SystemExit("scheduler.py: --distributed needs --broker URL")
    from workers.enqueue import dispatcher_factory

    options = DistributedOptions(broker_url=args.broker, queue=args.queue, leader_poll_seconds=args.leader_poll)
    return options, dispatcher_factory(args.broker, args.queue, utc_now)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    distributed, make_dispatcher = distributed_options(args)
    options = DaemonOptions(
        config_path=args.config, database=args.db, grace_seconds=args.grace, distributed=distributed
    )
    return run_daemon(
        options, extras=EXTRA_JOBS, make_crawler=SourceCrawler, make_dispatcher=make_dispatcher,
        log_level=args.log_level,
    )  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
