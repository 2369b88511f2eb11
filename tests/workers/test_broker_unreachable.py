"""A worker whose broker is unreachable fails after a bounded number of tries, in one line, with
a non-zero exit (so systemd restarts it), and never prints the broker's password."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.conftest import budgetwatch, write_config


@pytest.mark.parametrize("broker", ["amqp://bw:s3cret@127.0.0.1:1//", "redis://:s3cret@127.0.0.1:1/0"])
def test_worker_with_unreachable_broker_exits_non_zero_in_one_line(tmp_path: Path, broker: str) -> None:
    config = write_config(tmp_path / "c.yaml", {"database": f"sqlite:///{tmp_path}/bw.sqlite", "sources": []})
    result = budgetwatch("--config", str(config), "worker", "--broker", broker, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if "level=error" in line]
    assert len(errors) == 1 and "event=broker_unreachable" in errors[0], result.stderr
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr + result.stdout
    assert "127.0.0.1:1" in errors[0]
