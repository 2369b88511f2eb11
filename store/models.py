"""Every table of the store, registered on ``Base.metadata`` (what Alembic compares against).

The tables live in one module per subject; this module only gathers them, so importing it gives
the whole schema. Table modules import ``store.base``, never this module, so there is no circle."""

from store.article_models import Article, ArticleVersion, SimilarityBand
from store.base import Base, UTCDateTime
from store.change_models import Change
from store.distributed_models import CrawlSlot
from store.mention_models import ProjectMention
from store.outbox_models import DigestOutbox
from store.project_models import Project, ProjectAlias
from store.source_models import CrawlRun, Source
from store.statement_models import Statement

__all__ = [
    "Article",
    "ArticleVersion",
    "Base",
    "Change",
    "CrawlRun",
    "CrawlSlot",
    "DigestOutbox",
    "Project",
    "ProjectAlias",
    "ProjectMention",
    "SimilarityBand",
    "Source",
    "Statement",
    "UTCDateTime",
]
