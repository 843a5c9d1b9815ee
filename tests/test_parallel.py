"""``sivi_verzuim._parallel.map_ordered``: order, no pool for little work, failures of one
item (an exception, a result that cannot travel, a worker that dies), leaving early, Ctrl-C."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from sivi_verzuim._parallel import (
    Failure,
    add_jobs_option,
    default_jobs,
    failure_finding,
    jobs_of,
    map_ordered,
)

SRC = Path(__file__).resolve().parents[1] / "src"
EXIT, KILL, RAISE, UNPICKLABLE = 17, 23, 31, 42


def work(item: int) -> tuple[int, int]:
    """item * 3 and the pid that computed it; some items misbehave."""
    if item == EXIT:
        os._exit(3)
    if item == KILL:
        os.kill(os.getpid(), signal.SIGKILL)
    if item == RAISE:
        raise ValueError(f"secret {item}")
    return item * 3, os.getpid()


def awkward(item: int) -> Any:
    if item == UNPICKLABLE:
        return lambda: item  # cannot be pickled back to the parent
    return item


def lost(item: object, failure: Failure) -> tuple[object, str, str]:
    return item, failure.kind, failure.error


def _values(results: list[Any]) -> list[Any]:
    return [r[0] if len(r) == 2 else r for r in results]


def test_results_in_input_order_from_workers() -> None:
    items = [i for i in range(300) if i not in (EXIT, KILL, RAISE)]
    results = list(map_ordered(work, items, 2, on_error=lost, chunk=7))
    assert [value for value, _ in results] == [i * 3 for i in items]
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


@pytest.mark.parametrize(("jobs", "count"), [(1, 300), (2, 5), (8, 1), (2, 0)])
def test_no_pool_for_one_job_or_few_items(jobs: int, count: int) -> None:
    items = [i + 100 for i in range(count)]
    results = list(map_ordered(work, items, jobs, on_error=lost))
    assert [value for value, _ in results] == [i * 3 for i in items]
    assert {pid for _, pid in results} <= {os.getpid()}


def test_an_exception_is_that_items_failure_in_both_modes() -> None:
    items = list(range(60, 24, -1))  # includes RAISE (31) but none that ends a process
    pooled = list(map_ordered(work, items, 2, on_error=lost, min_items=1, chunk=3))
    local = list(map_ordered(work, items, 1, on_error=lost))
    assert _values(pooled) == _values(local)
    assert (RAISE, "raised", "ValueError") in pooled
    assert not any("secret" in str(r) for r in pooled)


def test_a_worker_that_dies_costs_only_its_item() -> None:
    items = list(range(120))
    results = list(map_ordered(work, items, 2, on_error=lost, chunk=5))
    for item, result in zip(items, results, strict=True):
        if item in (EXIT, KILL):
            assert result == (item, "died", "the worker process ended on this item")
        elif item == RAISE:
            assert result == (item, "raised", "ValueError")
        else:
            assert result[0] == item * 3
    assert not multiprocessing.active_children()


def test_a_result_that_cannot_travel_is_that_items_failure() -> None:
    results = list(map_ordered(awkward, range(60), 2, on_error=lost, chunk=8))
    assert results[UNPICKLABLE][:2] == (UNPICKLABLE, "raised")
    assert results[:UNPICKLABLE] == list(range(UNPICKLABLE))
    assert results[UNPICKLABLE + 1 :] == list(range(UNPICKLABLE + 1, 60))


def test_leaving_early_stops_the_workers() -> None:
    results = map_ordered(work, range(100, 400), 2, on_error=lost, chunk=4)
    assert next(results)[0] == 300
    results.close()
    assert not multiprocessing.active_children()


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        map_ordered(work, [1], 0, on_error=lost)
    with pytest.raises(ValueError):
        map_ordered(work, [1], 2, on_error=lost, chunk=0)


def test_jobs_option_and_default() -> None:
    assert default_jobs() >= 1
    parser = argparse.ArgumentParser()
    add_jobs_option(parser)
    assert jobs_of(parser.parse_args([])) == default_jobs()
    assert jobs_of(parser.parse_args(["--jobs", "3"])) == 3
    for bad in ("0", "-1", "two"):
        with pytest.raises(SystemExit):
            parser.parse_args(["--jobs", bad])
    finding = failure_finding(Failure("died", "the worker process ended on this item"), "x-ing")
    assert finding.code == "internal.error"
    assert finding.message == (
        "internal error while x-ing (the worker process ended on this item); not processed"
    )


_INTERRUPTED = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from sivi_verzuim._parallel import Failure, map_ordered

    PARENT = os.getpid()

    def slow(item: int) -> int:
        if os.getpid() != PARENT:  # a worker is at work
            Path(sys.argv[1]).touch()
        time.sleep(0.05)
        return item

    def lost(item: int, failure: Failure) -> int:
        return -1

    if __name__ == "__main__":
        try:
            for _ in map_ordered(slow, range(10_000), 2, on_error=lost, chunk=2):
                pass
        except KeyboardInterrupt:
            import multiprocessing
            print("children", len(multiprocessing.active_children()), flush=True)
            sys.exit(130)
    """
)


def test_ctrl_c_stops_the_workers(tmp_path: Path) -> None:
    script = tmp_path / "interrupted.py"
    script.write_text(_INTERRUPTED)
    working = tmp_path / "working"
    proc = subprocess.Popen(
        [sys.executable, str(script), str(working)],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )
    deadline = time.monotonic() + 120
    while not working.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert working.exists(), "the workers never started"
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole group gets SIGINT
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert out.strip() == "children 0"
    assert "Traceback" not in err
    with pytest.raises(ProcessLookupError):  # no worker left behind in the group
        for _ in range(50):
            os.killpg(proc.pid, 0)
            time.sleep(0.1)


REPO = SRC.parent


def read(path: Path) -> Any:
    """What a parsing stage hands on: the tolerant parse of one file."""
    from sivi_verzuim import parse

    return parse(path, strict=False)


def test_messages_come_back_from_workers_as_parsed_here() -> None:
    files = sorted((REPO / "examples" / "2024").glob("*.xml"))
    files += sorted((REPO / "tests" / "poison").glob("*.xml"))
    pooled = list(map_ordered(read, files, 2, on_error=lost, chunk=4))
    local = list(map_ordered(read, files, 1, on_error=lost))
    assert pooled == local
    assert sum(isinstance(m, tuple) for m in local) > 5  # refused: malformed, hostile
    assert {m[2] for m in local if isinstance(m, tuple)} <= {
        "MalformedXMLError",
        "UnsafeXMLError",
        "UnknownMessageError",
    }
    assert any(getattr(m, "unknown_elements", ()) for m in local)
