"""Name comparison now lives with the change rules (changes.naming); kept so imports still work."""

from changes.naming import ProjectName, dice, org_key, project_key, same_project_reason
from changes.projects import project_name

__all__ = ["ProjectName", "dice", "org_key", "project_key", "project_name", "same_project_reason"]
