"""The command list: README == `budgetwatch --help`; every command loads, takes -v/-q, and imports
only what it needs (so --help and a worker's crawl child start without Scrapy, Celery or the digest)."""

from __future__ import annotations

import re
import subprocess
import sys

import click

from cli.main import COMMANDS, LazyGroup, cli
from tests.cli.conftest import ROOT, budgetwatch


def readme_commands() -> list[tuple[str, str]]:
    """(command name, its README line) from the code block under "## Command line"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```", 2)[1]
    found = []
    for line in block.splitlines():
        match = re.match(r"^  ([a-z][a-z-]*)\b(.*)$", line)
        if match:
            found.append((match.group(1), match.group(2)))
    return found


def help_commands() -> list[str]:
    shown = budgetwatch("--help").stdout
    section = shown.split("Commands:", 1)[1]
    return [m.group(1) for m in re.finditer(r"^  ([a-z][a-z-]*)\s", section, re.M)]


def options_of(command: click.Command) -> set[str]:
    names = {opt for p in command.params for opt in getattr(p, "opts", [])}
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            names |= options_of(sub)
    return names


def test_the_readme_lists_exactly_the_commands_of_help_in_its_order() -> None:
    assert [name for name, _ in readme_commands()] == help_commands() == list(COMMANDS)


def test_every_option_the_readme_shows_exists() -> None:
    group = LazyGroup()
    ctx = click.Context(cli)
    for name, line in readme_commands():
        command = group.get_command(ctx, name)
        assert command is not None and command.name == name
        for option in re.findall(r"--[a-z][a-z-]*", re.sub(r"`[^`]*`", "", line)):
            assert option in options_of(command), f"README: {name} {option}"


def test_every_command_takes_verbose_and_quiet() -> None:
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        commands = [command, *getattr(command, "commands", {}).values()]
        for each in commands:
            assert {"-v", "-q"} <= options_of(each), name
    assert budgetwatch("db", "upgrade", "--help", "-q").returncode == 0


def imported_after(code: str) -> set[str]:
    probe = (
        "import contextlib, io, sys\nwith contextlib.redirect_stdout(io.StringIO()):\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + "print('\\n'.join(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in done.stdout.split()}


def test_help_imports_no_command_and_a_crawl_child_no_celery_or_digest() -> None:
    heavy = {"scrapy", "twisted", "celery", "sqlalchemy", "trafilatura", "jinja2", "apscheduler", "digest", "extract"}
    bare = imported_after("import cli.main\ntry:\n    cli.main.cli(['--help'])\nexcept SystemExit:\n    pass")
    assert not heavy & bare, heavy & bare
    crawl = imported_after(
        "from cli.main import cli, COMMANDS\nimport click\ncli.get_command(click.Context(cli), 'crawl')"
    )
    assert "scrapy" in crawl
    assert not {"celery", "kombu", "jinja2", "digest"} & crawl, {"celery", "kombu", "jinja2", "digest"} & crawl
