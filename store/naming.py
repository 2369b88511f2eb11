"""Name comparison now lives with the change rules (changes.naming); kept so imports still work."""

from changes.naming import ProjectName, dice, org_key, project_key, project_name, same_project_reason

__all__ = ["ProjectName", "dice", "org_key", "project_key", "project_name", "same_project_reason"]
