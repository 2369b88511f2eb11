"""Configuration errors as one line naming the file, line, source and field; YAML read with the
node tree kept so a pydantic error location can be turned into a line number."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import ValidationError


class ConfigError(Exception):
    """The configuration cannot be used; the message is one line fit for a terminal.

    ``problems`` holds every mistake found (one line each), for `budgetwatch check`."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems or (message,)


# libyaml's safe loader is ~10x faster than PyYAML's pure-Python one (a 120,000-source file took
# minutes) and refuses nesting past 1,000 levels itself; the pure one is the fallback.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str, origin: str) -> Any:
    """The data of ``text``; ``origin`` names it in errors. The node tree (line numbers) is built
    only when an error needs it (``explain``)."""
    try:
        try:
            return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (libyaml's when built)
        except yaml.YAMLError:
            # libyaml refuses a few forms PyYAML reads ("{empty:}"): the pure loader has the last word
            return yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - the safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{origin}{line}: not valid YAML: {problem}") from None
    except RecursionError:  # PyYAML recurses once per nesting level: "[[[[..." exhausts the stack
        raise ConfigError(f"{origin}: not valid YAML: nested too deeply") from None


def _node_tree(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_LOADER)
    except (yaml.YAMLError, RecursionError):
        return None


def line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
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


def describe(error: Mapping[str, Any], data: Mapping[str, Any]) -> tuple[str, tuple[int | str, ...]]:
    """The message of one pydantic error ("source 'x': field y: why") and the location to find
    its line at."""
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


def explain(exc: ValidationError, text: str, data: Mapping[str, Any], origin: str) -> ConfigError:
    """Every error of ``exc`` as one line each (origin, line, source, field and message); the
    message is the first, with a count of the rest."""
    root = _node_tree(text)
    problems: list[str] = []
    for error in exc.errors():
        text, loc = describe(error, data)
        line = line_of(root, loc)
        problems.append(f"{origin}{f':{line}' if line else ''}: {text}")
    more = f" (and {len(problems) - 1} more; `budgetwatch check` lists them all)" if len(problems) > 1 else ""
    return ConfigError(problems[0] + more, tuple(problems))
