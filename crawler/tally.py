"""A running count of what one crawl did, shared by its spider and pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from config.masking import mask_text
from store.records import Outcome, RunTally

MAX_ERRORS_KEPT = 200


@dataclass
class CrawlTally:
    pages: int = 0
    new_items: int = 0
    changed_items: int = 0
    unchanged_items: int = 0
    skipped_known: int = 0
    removed: int = 0
    refused: int = 0  # robots.txt, offsite or private addresses
    errors: list[str] = field(default_factory=list)
    listing_failed: bool = False  # the feed, sitemap or first list page could not be read
    storage_failed: bool = False  # the store takes no more writes (a full disk): the crawl stops
    skip_until: datetime | None = None  # the site asked for a long pause (Retry-After)

    def count(self, outcome: Outcome) -> None:
        if outcome == "new":
            self.new_items += 1
        elif outcome == "changed":
            self.changed_items += 1
        else:
            self.unchanged_items += 1

    def error(self, message: str) -> None:
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(mask_text(message))  # stored and printed: no token of a URL

    def frozen(self) -> RunTally:
        return RunTally(
            pages=self.pages,
            new_items=self.new_items,
            changed_items=self.changed_items,
            unchanged_items=self.unchanged_items,
            skipped_known=self.skipped_known,
            removed_items=self.removed,
            errors=tuple(self.errors),
        )
