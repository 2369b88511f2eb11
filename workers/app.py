"""The Celery application both roles share: the leader publishes to it, workers consume from it."""

from __future__ import annotations

from celery import Celery

from crawler.settings import CRAWL_TIME_LIMIT_S

CRAWL_TASK = "budgetwatch.crawl"
DEFAULT_QUEUE = "budgetwatch.crawl"
# Redis hands an unacknowledged task to another worker after this long (kombu's default is one
# hour). It must outlast the longest crawl, or a crawl still running would be started twice.
REDIS_VISIBILITY_TIMEOUT_S = CRAWL_TIME_LIMIT_S + 30 * 60


def make_app(broker_url: str, queue: str = DEFAULT_QUEUE) -> Celery:
    """A Celery app for ``broker_url`` (amqp://... or redis://...) with one crawl queue."""
    app = Celery("budgetwatch", broker=broker_url, set_as_current=False)
    app.conf.update(
        # The message is acknowledged after the crawl, not before: a worker that dies mid-crawl
        # gives it back (AMQP on the closed connection at once; Redis after the visibility timeout).
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # Each worker process holds only the crawls it runs; the rest stay for the other workers.
        worker_prefetch_multiplier=1,
        # A worker that loses the broker cancels its crawls: their messages go to another worker,
        # and running them here too would double the work (Celery 5.1+ asks for this setting).
        worker_cancel_long_running_tasks_on_connection_loss=True,
        task_default_queue=queue,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        # A broker lost later: a bounded number of reconnection tries (Celery's default is 100),
        # then the worker stops with an error and its supervisor restarts it.
        broker_connection_max_retries=10,
        broker_connection_timeout=4,
        broker_transport_options={"visibility_timeout": REDIS_VISIBILITY_TIMEOUT_S},
        worker_hijack_root_logger=False,
        enable_utc=True,
    )
    return app
