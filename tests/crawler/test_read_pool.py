"""The read pool takes only the cores other work leaves free; a busy or one-core machine reads in a thread."""

from __future__ import annotations

import pytest

from crawler.read_pool import spare_cores


@pytest.mark.parametrize(
    ("cores", "load", "spare"),
    [
        (1, 1.0, 0),  # one core: the event loop's
        (2, 1.0, 1),  # only this crawl runs: the other core reads
        (2, 2.5, 0),  # others keep the second core busy
        (8, 1.2, 6),
        (8, 0.0, 7),  # load not yet counted
        (4, 9.0, 0),
    ],
)
def test_spare_cores_follow_cores_and_load(cores: int, load: float, spare: int) -> None:
    assert spare_cores(cores, load) == spare
