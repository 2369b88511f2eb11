"""Several machines: crawls enqueued on Celery by one elected daemon, run by `budgetwatch worker`s."""
