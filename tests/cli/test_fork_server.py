"""The fork server's children (tests/fork_server.py): waited for like `subprocess.run`, or started
like a `Popen` whose stderr is read as it is written, beside other children."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.forked_cli import run_cli
from tests.forked_process import spawn

CHILD = """import os, sys, time
print("started", os.getpid(), file=sys.stderr, flush=True)
if sys.argv[1] == "exit":
    sys.exit(3)
time.sleep(60)
"""


def test_a_spawned_child_streams_stderr_runs_beside_others_and_reports_how_it_ended(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    waiting = spawn([str(script), "wait"], cwd=tmp_path, new_session=True)
    try:
        assert waiting.stderr.readline() == f"started {waiting.pid}\n"  # while it runs
        assert os.getpgid(waiting.pid) == waiting.pid  # a session of its own
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(0.2)
        assert waiting.poll() is None
        shown = run_cli("--version")  # another child meanwhile
        assert shown.returncode == 0 and shown.stdout.strip(), shown.stderr
        ended = spawn([str(script), "exit"], cwd=tmp_path)
        assert ended.stderr.readline() == f"started {ended.pid}\n"
        assert ended.wait(30) == 3
        assert ended.stderr.read() == ""  # EOF once it ended
        assert waiting.poll() is None
    finally:
        waiting.kill()
    assert waiting.wait(30) == -signal.SIGKILL
