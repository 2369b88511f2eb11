"""The budgetwatch daemon's entry point: `python scheduler.py [--config PATH] [--db URL]`.

The only place that wires the stages together. Scrapy components are never defined here: a
component referenced by dotted path from `__main__` would re-run this file (tech-notes 1.2-h).
"""

# The asyncio reactor must be installed before anything imports twisted.internet.reactor
# (tech-notes 1.2-a), hence these two lines first and the imports below them.
from scrapy.utils.reactor import install_reactor

install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")

import argparse  # noqa: E402 -- after install_reactor on purpose (see above)
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from crawler.runner import SourceCrawler  # noqa: E402
from daemon.housekeeping import HOUSEKEEPING  # noqa: E402
from daemon.jobs import ExtraJob  # noqa: E402
from daemon.run import run_daemon  # noqa: E402
from daemon.service import DaemonOptions  # noqa: E402

# Jobs besides one crawl per source. The digest job (issue 7) is one more ExtraJob here, its
# schedule read from the config (ExtraJob.schedule_of returning None switches it off).
EXTRA_JOBS: tuple[ExtraJob, ...] = (HOUSEKEEPING,)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scheduler.py", description="Run the budgetwatch daemon in the foreground.")
    parser.add_argument("--config", type=Path, default=None, help="configuration file (default ./budgetwatch.yaml)")
    parser.add_argument("--db", default=None, help="SQLAlchemy database URL; beats $BUDGETWATCH_DB and the file")
    parser.add_argument("--grace", type=float, default=20.0, help="seconds a stop waits for running crawls")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    options = DaemonOptions(config_path=args.config, database=args.db, grace_seconds=args.grace)
    return run_daemon(options, extras=EXTRA_JOBS, make_crawler=SourceCrawler, log_level=args.log_level)


if __name__ == "__main__":
    sys.exit(main())
