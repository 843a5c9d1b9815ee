"""Work on many items in worker processes, with results in input order.

The commands of ``sivi-verzuim`` that read many files (``validate``, ``inspect``,
``classify``) hand each file to :func:`map_ordered`; so can any stage that works on one
item at a time without shared state (the parsing stage of ``process``)::

    from functools import partial
    from sivi_verzuim._parallel import Failure, default_jobs, map_ordered

    def judge(show: bool, path: Path) -> dict[str, Any]:   # top level: picklable
        ...

    def lost(path: Path, failure: Failure) -> dict[str, Any]:
        ...

    for result in map_ordered(partial(judge, show), paths, jobs, on_error=lost):
        ...   # one result per path, in the order of paths

Guarantees:

* **Order**: results come in the order of the items, whatever the number of workers, so
  the output of a command is the same with one job or many. Each result is yielded as soon
  as it and every result before it are there, so a consumer that must go in order (the
  chain of ``process``) works on early results while workers go on with later ones; a
  few chunks per worker are in flight at a time, so memory stays bounded by that window
  when results are consumed as they come.
* **Any number of workers**: ``func`` runs in separate processes, so it must not rely on
  state it changes in this process (each worker has its own copy); the result is all that
  comes back.
* **No pool for little work**: with ``jobs == 1``, or fewer items than ``min_items``,
  everything runs in this process, one item after the other.
* **One item never stops the run**: an exception raised by ``func`` for an item, a result
  that cannot be sent back, or a worker process that dies on an item (a crash, a signal,
  ``os._exit``) become ``on_error(item, failure)`` for that item, and the run goes on
  (after a worker dies, the items it may have held are run again one at a time in a new
  pool, to find the one that killed it; the others get their normal result).
* **Ctrl-C**: workers ignore ``SIGINT``; this process gets the ``KeyboardInterrupt``,
  stops the workers, and lets it propagate. Leaving the iteration early (``break``,
  ``close()``) also stops them.
* **No worker outlives this process**: on Linux the workers are ended by the kernel when
  this process ends, however it ends (killed too), so that nothing it held open (a lock)
  stays held by a worker.

For a command: :func:`add_jobs_option` adds ``--jobs N`` to its parser, :func:`jobs_of`
reads it back (the default is :func:`default_jobs`), and :func:`failure_finding` turns a
:class:`Failure` into the file's ``internal.error`` finding. :func:`forks` tells whether the
workers start as copies of this process (then ``func`` may read data this process held when
the pool started, instead of having it sent).

Items, ``func`` and results travel between processes by :mod:`pickle`: ``func`` must be
a top-level function (or a :func:`functools.partial` of one with picklable arguments).
On Linux the workers are forked, so they start with this process's modules and caches.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import math
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from .errors import Finding, Severity

if TYPE_CHECKING:  # imported when a pool starts: a run in one process does without them
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "MIN_ITEMS",
    "Failure",
    "add_jobs_option",
    "default_jobs",
    "failure_finding",
    "forks",
    "jobs_of",
    "jobs_option",
    "map_ordered",
]

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 32
"""Below this many items :func:`map_ordered` starts no pool: starting workers (each
loads what it needs afresh) costs more than it saves."""

_MAX_CHUNK = 32
_CHUNKS_PER_WORKER = 4  # chunks in flight per worker: keeps workers busy, memory bounded


@dataclass(frozen=True)
class Failure:
    """Why an item has no result of its own.

    Attributes:
        kind: ``"raised"`` when ``func`` raised (or its result could not be sent back),
            ``"died"`` when the worker process ended while working on the item.
        error: the exception's type name for ``"raised"``; a description (never any
            item content) for ``"died"``.
    """

    kind: Literal["raised", "died"]
    error: str


def default_jobs() -> int:
    """The number of CPUs this process may use (at least 1)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:  # Python 3.13 and later
        found: int | None = count()
    else:
        try:
            found = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            found = os.cpu_count()
    return max(1, found or 1)


def forks() -> bool:
    """Whether the workers of :func:`map_ordered` start as copies of this process (fork,
    on Linux): then what this process holds when the pool starts, a worker has too, and
    ``func`` may read it instead of having it sent."""
    return _context().get_start_method() == "fork"


def failure_finding(failure: Failure, stage: str) -> Finding:
    """The ``internal.error`` finding for an item without a result, ``stage`` saying what
    was being done (``"validating the file"``): the exception's type name or that the
    worker died, never an exception's text (which may repeat message content)."""
    return Finding(
        code="internal.error",
        severity=Severity.ERROR,
        message=f"internal error while {stage} ({failure.error}); not processed",
    )


def jobs_option(text: str) -> int:
    """The ``argparse`` type of ``--jobs``: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--jobs N`` to a command's parser; read it back with :func:`jobs_of`."""
    parser.add_argument(
        "--jobs",
        type=jobs_option,
        default=None,
        metavar="N",
        help="read files in up to N worker processes (default: the number of CPUs; "
        "1: in this process); the output is the same for every N",
    )


def jobs_of(args: argparse.Namespace) -> int:
    """``args.jobs`` (see :func:`add_jobs_option`), or :func:`default_jobs` when not given."""
    jobs: int | None = getattr(args, "jobs", None)
    return jobs if jobs is not None else default_jobs()


def map_ordered(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    *,
    on_error: Callable[[T, Failure], R],
    chunk: int | None = None,
    min_items: int = MIN_ITEMS,
) -> Generator[R, None, None]:
    """``func(item)`` for every item, yielded in the order of ``items``.

    Args:
        func: the work for one item; a top-level function (picklable) when ``jobs > 1``.
        items: the items; read to the end before the first result.
        jobs: how many worker processes at most; 1 runs everything in this process.
        on_error: the result for an item whose ``func`` raised an ``Exception`` or whose
            worker died (see :class:`Failure`); called in this process.
        chunk: items sent to a worker at a time (default: a share of the items that
            gives each worker a few chunks, at most 32): larger chunks cost less
            overhead, smaller ones balance the workers better.
        min_items: fewer items than this run in this process (default :data:`MIN_ITEMS`).

    Raises:
        ValueError: ``jobs`` or ``chunk`` is below 1.
        KeyboardInterrupt: Ctrl-C; the workers are stopped first.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if chunk is not None and chunk < 1:
        raise ValueError(f"chunk must be at least 1, not {chunk}")
    work = list(items)
    workers = min(jobs, len(work))
    if workers <= 1 or len(work) < min_items:
        return _in_process(func, work, on_error)
    size = chunk or max(1, min(_MAX_CHUNK, math.ceil(len(work) / (workers * _CHUNKS_PER_WORKER))))
    return _pooled(func, work, workers, size, on_error)


def _in_process(
    func: Callable[[T], R], work: Sequence[T], on_error: Callable[[T, Failure], R]
) -> Generator[R, None, None]:
    for item in work:
        try:
            result = func(item)
        except Exception as exc:
            result = on_error(item, Failure("raised", type(exc).__name__))
        yield result


@dataclass(frozen=True)
class _Raised:
    """In a chunk's results: ``func`` raised, with this exception type name."""

    error: str


def _run_chunk(func: Callable[[T], R], chunk: Sequence[T]) -> list[R | _Raised]:
    """In a worker: ``func`` over a chunk, an exception becoming that item's entry."""
    out: list[R | _Raised] = []
    for item in chunk:
        try:
            out.append(func(item))
        except Exception as exc:
            out.append(_Raised(type(exc).__name__))
    return out


def _worker_start(parent: int) -> None:
    """Worker initializer: Ctrl-C is handled by the parent, which stops the workers; and a
    worker ends with its parent (see :func:`_end_with_parent`)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)


def _end_with_parent(parent: int) -> None:
    """On Linux, have the kernel end this (forked) worker when its parent ends, however it
    ends (killed too): a forked worker shares the parent's open files, including a lock it
    holds (``process --store``), and must not keep that lock, or linger, once the parent is
    gone."""
    if not sys.platform.startswith("linux"):
        return
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no C library to ask: the worker ends on its own
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


class _Pool(Generic[T, R]):
    """A process pool that can be replaced when a worker dies."""

    def __init__(self, func: Callable[[T], R], workers: int) -> None:
        self.func = func
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, chunk: Sequence[T]) -> Future[list[R | _Raised]]:
        from concurrent.futures import Future, ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        started = self.executor is None
        if self.executor is None:
            self.executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_context(),
                initializer=_worker_start,
                initargs=(os.getpid(),),
            )
        try:
            if started:
                with _frozen_heap():  # the workers are forked by the first submit
                    return self.executor.submit(_run_chunk, self.func, chunk)
            return self.executor.submit(_run_chunk, self.func, chunk)
        except BrokenProcessPool as exc:  # a worker died since the last look: found later
            failed: Future[list[R | _Raised]] = Future()
            failed.set_exception(exc)
            return failed

    def close(self, *, kill: bool = False) -> None:
        executor, self.executor = self.executor, None
        if executor is None:
            return
        if kill:
            # Private, but the only way to stop a worker in the middle of its item; the
            # attribute is looked up defensively so that a change only makes stopping slower.
            processes = getattr(executor, "_processes", None) or {}
            for process in list(processes.values()):
                process.terminate()
        executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """While workers are forked: this process's objects out of the collector's sight
    (:func:`gc.freeze`), so that a forked worker's collections never walk them. A walk
    would cost the worker time on objects it does not use, and write to every page that
    holds one, making the kernel copy what the worker could have shared."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork: workers start at once, with the modules and caches already loaded here.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _pooled(
    func: Callable[[T], R],
    work: Sequence[T],
    workers: int,
    size: int,
    on_error: Callable[[T, Failure], R],
) -> Generator[R, None, None]:
    from concurrent.futures.process import BrokenProcessPool

    pool: _Pool[T, R] = _Pool(func, workers)
    chunks = iter([work[i : i + size] for i in range(0, len(work), size)])
    window: deque[tuple[Sequence[T], Future[list[R | _Raised]]]] = deque()
    in_flight = workers * _CHUNKS_PER_WORKER
    done = False
    try:
        while True:
            while len(window) < in_flight:
                c = next(chunks, None)
                if c is None:
                    break
                window.append((c, pool.submit(c)))
            if not window:
                break
            items, future = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died: every unfinished chunk is suspect. Keep what finished, run
                # the rest one item at a time in a fresh pool.
                lost = [(items, future), *window]
                window.clear()
                pool.close()
                for suspect_items, suspect in lost:
                    yield from _settle(pool, suspect_items, suspect, on_error)
            except Exception:  # e.g. a result that could not be sent back: item by item
                yield from _one_by_one(pool, items, on_error)
            else:
                yield from _entries(items, results, on_error)
        done = True
    finally:
        pool.close(kill=not done)


def _entries(
    items: Sequence[T], results: list[R | _Raised], on_error: Callable[[T, Failure], R]
) -> Iterator[R]:
    for item, result in zip(items, results, strict=True):
        yield (
            on_error(item, Failure("raised", result.error))
            if isinstance(result, _Raised)
            else result
        )


def _settle(
    pool: _Pool[T, R],
    items: Sequence[T],
    future: Future[list[R | _Raised]],
    on_error: Callable[[T, Failure], R],
) -> Iterator[R]:
    """The results of a chunk that was in flight when a worker died."""
    if future.done() and not future.cancelled() and future.exception() is None:
        yield from _entries(items, future.result(), on_error)
    else:
        yield from _one_by_one(pool, items, on_error)


def _one_by_one(
    pool: _Pool[T, R], items: Sequence[T], on_error: Callable[[T, Failure], R]
) -> Iterator[R]:
    """Each item alone in the pool: one that kills its worker is found as the culprit."""
    for item in items:
        yield _alone(pool, item, on_error)


class _Broken:
    """In place of a result: the pool broke while the item was in it."""


def _alone(pool: _Pool[T, R], item: T, on_error: Callable[[T, Failure], R]) -> R:
    outcome = _try_alone(pool, item)
    if isinstance(outcome, _Broken):
        # Perhaps another chunk still in flight broke the pool: only a break in a fresh
        # pool, with this item alone in it, is this item's doing.
        outcome = _try_alone(pool, item)
    if isinstance(outcome, _Broken):
        return on_error(item, Failure("died", "the worker process ended on this item"))
    if isinstance(outcome, _Raised):
        return on_error(item, Failure("raised", outcome.error))
    return outcome


def _try_alone(pool: _Pool[T, R], item: T) -> R | _Raised | _Broken:
    from concurrent.futures.process import BrokenProcessPool

    future = pool.submit([item])
    try:
        (result,) = future.result()
    except BrokenProcessPool:
        pool.close()
        return _Broken()
    except Exception as exc:  # e.g. a result that cannot be sent back
        return _Raised(type(exc).__name__)
    return result
