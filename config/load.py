"""Load and validate the YAML configuration file; errors name the file, line, source and field."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from config.catalog import load_catalog
from config.errors import ConfigError, explain, read_yaml
from config.profiles import Catalog
from config.schema import Config

__all__ = ["DB_ENV", "DEFAULT_PATH", "ConfigError", "load_config", "parse_config"]

DEFAULT_PATH = Path("budgetwatch.yaml")
DB_ENV = "BUDGETWATCH_DB"


def parse_config(
    text: str, *, origin: str, database_override: str | None = None, catalog: Catalog | None = None
) -> Config:
    """Validate the YAML ``text``; ``origin`` names it in errors. ``catalog`` holds the site
    profiles sources may name (default: the shipped catalog, read now)."""
    root, data = read_yaml(text, origin)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: the top level must be a mapping (database, timezone, sources)")
    if database_override:
        data = {**data, "database": database_override}
    try:
        return Config.model_validate(data, context={"catalog": load_catalog() if catalog is None else catalog})
    except ValidationError as exc:
        raise explain(exc, root, data, origin) from None


def load_config(path: Path | None = None, *, database: str | None = None, catalog: Catalog | None = None) -> Config:
    """Read the config file; ``database`` (the --db flag) beats $BUDGETWATCH_DB beats the file."""
    chosen = path or DEFAULT_PATH
    override = database or os.environ.get(DB_ENV) or None
    try:
        text = chosen.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{chosen}: no such configuration file (use --config PATH)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{chosen}: cannot read: {exc}") from None
    return parse_config(text, origin=str(chosen), database_override=override, catalog=catalog)
