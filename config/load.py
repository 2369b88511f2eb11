"""Load and validate the YAML configuration file; errors name the file, line, source and field."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from config.schema import Config

DEFAULT_PATH = Path("budgetwatch.yaml")
# libyaml's safe loader is ~10x faster than PyYAML's pure-Python one (a 120,000-source file took
# minutes) and refuses nesting past 1,000 levels itself; the pure one is the fallback.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DB_ENV = "BUDGETWATCH_DB"


class ConfigError(Exception):
    """The configuration cannot be used; the message is one line fit for a terminal."""


def _line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Line (1-based) of the YAML node at ``loc``, as deep as it exists."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((pair for pair in node.value if pair[0].value == key), None)
            if found is None:
                break
            line = found[0].start_mark.line + 1
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _describe(error: Mapping[str, Any], data: Mapping[str, Any]) -> tuple[str, tuple[int | str, ...]]:
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    where: list[str] = []
    field_path = loc
    if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        sources = data.get("sources") or []
        name = sources[loc[1]].get("name") if isinstance(sources[loc[1]], dict) else None
        where.append(f"source {name!r}" if name else f"source #{loc[1] + 1}")
        field_path = loc[2:]
    message = str(error["msg"]).removeprefix("Value error, ")
    if field_path:
        where.append("field " + ".".join(str(p) for p in field_path))
    elif error["type"] == "value_error" and ":" in message and " " not in message.split(":", 1)[0]:
        field_name, message = message.split(":", 1)
        where.append(f"field {field_name}")
        message = message.strip()
        loc = (*loc, field_name)  # point the line at the field when the file has it
    return ": ".join([*where, message]), loc


def parse_config(text: str, *, origin: str, database_override: str | None = None) -> Config:
    """Validate the YAML ``text``; ``origin`` names it in errors."""
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (libyaml's when built)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{origin}{line}: not valid YAML: {problem}") from None
    except RecursionError:  # PyYAML recurses once per nesting level: "[[[[..." exhausts the stack
        raise ConfigError(f"{origin}: not valid YAML: nested too deeply") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: the top level must be a mapping (database, timezone, sources)")
    if database_override:
        data = {**data, "database": database_override}
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        text_msg, loc = _describe(first, data)
        line_no = _line_of(yaml.compose(text, Loader=_LOADER), loc)  # the nodes, only for the message
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ConfigError(f"{origin}{f':{line_no}' if line_no else ''}: {text_msg}{more}") from None


def load_config(path: Path | None = None, *, database: str | None = None) -> Config:
    """Read the config file; ``database`` (the --db flag) beats $BUDGETWATCH_DB beats the file."""
    chosen = path or DEFAULT_PATH
    override = database or os.environ.get(DB_ENV) or None
    try:
        text = chosen.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{chosen}: no such configuration file (use --config PATH)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{chosen}: cannot read: {exc}") from None
    return parse_config(text, origin=str(chosen), database_override=override)
