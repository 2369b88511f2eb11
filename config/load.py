"""Load and validate the YAML configuration file; errors name the file, line, source and field."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import ValidationError

from config.catalog import load_catalog
from config.errors import ConfigError, explain, read_yaml
from config.profiles import Catalog
from config.schema import DEFAULT_DATABASE, Config

__all__ = ["DB_ENV", "DEFAULT_PATH", "ConfigError", "load_config", "parse_config"]

DEFAULT_PATH = Path("budgetwatch.yaml")
DB_ENV = "BUDGETWATCH_DB"


# sqlite:///relative/path (three slashes then no fourth) names a file relative to something.
_RELATIVE_SQLITE = re.compile(r"^(sqlite(?:\+\w+)?:///)(?!/)([^?]+)(\?.*)?$")


def resolve_sqlite_path(url: str, base: Path) -> str:
    """A relative SQLite file in the config is relative to the config file's folder, not to
    wherever the command happens to run (which silently made empty databases)."""
    match = _RELATIVE_SQLITE.match(url)
    if match is None or match.group(2) == ":memory:" or match.group(2).startswith("file:"):
        return url
    return f"{match.group(1)}{(base / match.group(2)).resolve()}{match.group(3) or ''}"


def parse_config(
    text: str,
    *,
    origin: str,
    database_override: str | None = None,
    catalog: Catalog | None = None,
    base_dir: Path | None = None,
) -> Config:
    """Validate the YAML ``text``; ``origin`` names it in errors. ``catalog`` holds the site
    profiles sources may name (default: the shipped catalog, read now). With ``base_dir`` (the
    config file's folder) a relative SQLite path in the text is read relative to it."""
    data = read_yaml(text, origin)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: the top level must be a mapping (database, timezone, sources)")
    if database_override:
        data = {**data, "database": database_override}
    elif base_dir is not None:
        written = data.get("database", DEFAULT_DATABASE)
        if isinstance(written, str):
            data = {**data, "database": resolve_sqlite_path(written, base_dir)}
    try:
        return Config.model_validate(data, context={"catalog": load_catalog() if catalog is None else catalog})
    except ValidationError as exc:
        raise explain(exc, text, data, origin) from None


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
    return parse_config(text, origin=str(chosen), database_override=override, catalog=catalog, base_dir=chosen.parent)
