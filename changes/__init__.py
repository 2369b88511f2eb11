"""The change rules: pure functions over values that decide what is one project, what is a change
of an amount, which articles are one story and what is backlog. The store only records results."""
