"""The read pool takes only the cores other work leaves free; a busy or one-core machine reads in a thread;
read pages are handed on to storing in the order they came in."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from crawler.hand_off import HandOff
from crawler.idle import CpuTimes, cpu_times, idle_cores, parse_cpu_line
from crawler.read_pool import spare_cores, spare_idle_cores


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


@pytest.mark.parametrize(
    ("idle", "cores", "spare"),
    [
        (0.0, 2, 0),  # the other core is busy
        (0.3, 2, 0),
        (0.6, 2, 1),  # a mostly idle second core takes the reading off the crawl's own
        (1.0, 2, 1),
        (1.9, 2, 1),  # never more than the cores besides the crawl's own
        (5.4, 8, 5),
        (0.9, 1, 0),  # one core: the event loop's
    ],
)
def test_spare_idle_cores_round_half_cores_up(idle: float, cores: int, spare: int) -> None:
    assert spare_idle_cores(idle, cores) == spare


def test_idle_cores_measured_between_two_readings_of_proc_stat(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    # user nice system idle iowait irq softirq steal
    stat.write_text("cpu  1000 0 200 500 100 0 0 50 0 0\ncpu0 500 0 100 250 50 0 0 25 0 0\n", encoding="ascii")
    before = cpu_times(stat)
    stat.write_text("cpu  1150 0 250 560 110 0 0 80 0 0\ncpu0 575 0 125 280 55 0 0 40 0 0\n", encoding="ascii")
    after = cpu_times(stat)
    assert before == CpuTimes(idle=600, total=1850)
    assert after is not None and before is not None
    # 300 ticks passed on 2 cores, 70 of them idle (stolen time is not idle)
    assert idle_cores(before, after, 2) == pytest.approx(2 * 70 / 300)
    assert idle_cores(after, after, 2) == 0.0


@pytest.mark.parametrize("line", ["", "cpu0 1 2 3 4 5", "intr 1 2 3 4 5 6", "cpu 1 2"])
def test_a_stat_line_that_is_not_the_machine_total_is_no_reading(line: str) -> None:
    assert parse_cpu_line(line) is None


def test_no_proc_stat_is_no_reading(tmp_path: Path) -> None:
    assert cpu_times(tmp_path / "missing") is None


def test_pages_are_handed_on_in_the_order_they_came_in_whichever_read_ends_first() -> None:
    async def scenario() -> list[int]:
        order = HandOff()
        handed: list[int] = []

        async def page(ticket: int, reading_s: float, dropped: bool = False) -> None:
            await asyncio.sleep(reading_s)  # reading: the later pages end first
            if dropped:
                await order.done(ticket)
                return
            await order.turn(ticket)
            handed.append(ticket)
            await order.done(ticket)

        tickets = [order.take() for _ in range(4)]
        await asyncio.gather(
            page(tickets[0], 0.03), page(tickets[1], 0.0, dropped=True), page(tickets[2], 0.01), page(tickets[3], 0.0)
        )
        return handed

    assert asyncio.run(scenario()) == [0, 2, 3]
