"""Answering for ``sivi-verzuim process``: the fourth stage of a run.

A Retourmelding per message with a final result (:func:`write_answers`; made by worker
processes with ``--jobs``, and flushed and renamed into place by this process, once for the
run), the rejecting result that still answers a message the validator failed on
(:func:`header_result`), and the atomic file writes that answers, reports and state files go
through (:func:`write_atomic`, :func:`write_files`, and its two halves :func:`stage_files`
and :func:`commit_files`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs

from ._codec import Message
from ._fsutil import fsync_dir
from ._parallel import Failure, forks, map_ordered
from .chain import MessageResult, Status, answer_bytes
from .errors import Finding, SiviError, cap_value

__all__ = [
    "TEMP_PREFIX",
    "clean_temp",
    "commit_files",
    "header_result",
    "stage_files",
    "write_answers",
    "write_atomic",
    "write_files",
]

T = TypeVar("T")

TEMP_PREFIX = ".sivi-verzuim-"
"""Temporary files this command writes start with this (``.sivi-verzuim-<pid>-<name>.tmp``,
beside the file they become)."""


def clean_temp(directory: Path) -> None:
    """Remove the temporary files in ``directory`` that runs which were stopped left behind
    (those whose process is gone, or whose process number is this process's own: a
    process of an earlier boot). Those of a run still going on are kept."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if not (name.startswith(TEMP_PREFIX) and name.endswith(".tmp")):
            continue
        pid_text = name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(directory / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _load_syncfs() -> Callable[[int], bool] | None:
    """Linux's ``syncfs(fd)``: flush the one file system that holds ``fd`` and wait until
    its data is on disk (the guarantee of a flush of every file on it, at the cost of one);
    None elsewhere, and then each file is flushed on its own. Only the answers' own file
    system is flushed, never the host's others (as ``sync()`` would)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return None
    syncfs.argtypes = [ctypes.c_int]
    syncfs.restype = ctypes.c_int

    def flush(fd: int) -> bool:
        return bool(syncfs(fd) == 0)

    return flush


_SYNCFS = _load_syncfs()


def _temp_name(path: Path, owner: int | None = None) -> Path:
    """The temporary file that becomes ``path``, named after the process that owns the write
    (default: this one; a worker writes in the name of the process that started it, so
    that a sweep of temporary files left by ended processes never takes one in use)."""
    return path.with_name(f"{TEMP_PREFIX}{owner or os.getpid()}-{path.name}.tmp")


def write_atomic(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same directory (a name
    of this process's own), flushed to disk, renamed over ``path``, and the directory
    flushed. ``path`` holds the old content or the new one, never part of either."""
    tmp = _temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    if sync_dir:
        fsync_dir(path.parent)


def write_files(
    directory: Path, files: list[tuple[str, bytes]], *, sync_dir: bool = True
) -> dict[str, OSError]:
    """Write several files atomically, as :func:`write_atomic` does one, but flushing them
    together (all temporary files written, flushed to disk at once, renamed, and the
    directory flushed once): much cheaper than one at a time.
    Returns the files that could not be written, with why, in the order of ``files``; the
    others are on disk when it returns (``sync_dir=False``: their names are once the caller
    has flushed ``directory``)."""
    staged, failed = stage_files(directory, files)
    commit_files(directory, staged, failed, sync_dir=sync_dir)
    if not failed:
        return failed
    return {name: failed[name] for name, _ in files if name in failed}


def stage_files(
    directory: Path, files: list[tuple[str, bytes]], owner: int | None = None
) -> tuple[list[tuple[str, Path]], dict[str, OSError]]:
    """The first half of :func:`write_files`: each file written to its temporary file in
    ``directory`` (named for ``owner``, default this process), closed, not yet flushed.
    Returns the files written (name, temporary file) and those that could not be, with why.
    Nothing is under its final name until :func:`commit_files` has flushed it."""
    staged: list[tuple[str, Path]] = []
    failed: dict[str, OSError] = {}
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    with _opened(directory) as at:
        for name, data in files:
            tmp = _temp_name(directory / name, owner)
            where = tmp.name if at is not None else tmp
            try:
                fd = os.open(where, flags, 0o644, dir_fd=at)
            except OSError as exc:
                failed[name] = exc
                continue
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            except OSError as exc:
                os.close(fd)
                _remove(where, at)
                failed[name] = exc
                continue
            try:
                os.close(fd)
            except OSError as exc:  # a delayed write error: the file is not what was written
                _remove(where, at)
                failed[name] = exc
                continue
            staged.append((name, tmp))
    return staged, failed


def commit_files(
    directory: Path,
    staged: list[tuple[str, Path]],
    failed: dict[str, OSError],
    *,
    sync_dir: bool = True,
) -> None:
    """The second half of :func:`write_files`: the staged files (of any process, see
    :func:`stage_files`) flushed to disk together, then each renamed to its name in
    ``directory``, then (``sync_dir``) the directory flushed. A file that cannot be flushed
    or renamed is added to ``failed`` and its temporary file removed."""
    with _opened(directory) as at:
        if staged and not _flush_all(directory, at):
            # no flush of the whole file system: each file flushed on its own
            for name, tmp in staged:
                try:
                    fd = os.open(tmp, os.O_RDONLY)
                    try:
                        os.fsync(fd)
                    finally:
                        os.close(fd)
                except OSError as exc:
                    failed[name] = exc
        for name, tmp in staged:
            # names relative to the directory's descriptor: no walk of the whole path each
            here = at is not None and tmp.parent == directory
            source: str | Path = tmp.name if here else tmp
            if name in failed:
                _remove(source, at if here else None)
                continue
            try:
                if here:
                    os.replace(source, name, src_dir_fd=at, dst_dir_fd=at)
                else:
                    os.replace(source, directory / name)
            except OSError as exc:
                failed[name] = exc
                _remove(source, at if here else None)
    if sync_dir:
        fsync_dir(directory)


_AT = {os.open, os.replace, os.unlink} <= os.supports_dir_fd


@contextlib.contextmanager
def _opened(directory: Path) -> Iterator[int | None]:
    """A descriptor of ``directory`` for calls relative to it, or None where a platform has
    none (then whole paths are used)."""
    fd = None
    if _AT:
        try:
            fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            fd = None
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _remove(path: str | Path, at: int | None) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path, dir_fd=at)


def _flush_all(directory: Path, at: int | None = None) -> bool:
    """One flush of the file system that holds ``directory`` (syncfs: returns when every
    file's data written before it is on disk, as a flush of each file would, at the cost of
    one disk round trip); False where that is not available or fails. ``at``: a descriptor
    of ``directory`` already open."""
    if _SYNCFS is None:
        return False
    if at is not None:
        return _SYNCFS(at)
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return False
    try:
        return _SYNCFS(fd)
    finally:
        os.close(fd)


_BATCH = 200  # answers per worker task


def write_answers(
    results: list[MessageResult],
    out_dir: Path,
    now: dt.datetime,
    show: bool,
    jobs: int = 1,
    beside: Callable[[], T] | None = None,
) -> tuple[list[str], T | None]:
    """A Retourmelding per message with a final result, written into ``out_dir``; returns
    notes for the report, and what ``beside`` returned.

    The file names are given here, in the order of ``results``; making the answers and
    writing them to temporary files is done in up to ``jobs`` worker processes (where they
    start as copies of this process, so that the results need not travel to them), a batch
    of answers each, and ``beside`` (work that does not depend on the answers, such as
    formatting a report) by one of them too; in this process when there are no workers.
    Then this process flushes every answer at once and renames each into place (the
    guarantee of :func:`write_files`: an answer is under its name complete and on disk, or
    not at all).
    The files and the notes are the same for every ``jobs``: first the notes on answers
    that could not be made, in the order of ``results``, then those on files that could not
    be written, in the same order."""
    notes: dict[int, str] = {}
    plan: list[tuple[int, str]] = []
    used: set[str] = set()
    for i, r in enumerate(results):
        if not r.status.answered:
            continue
        if r.release is None:
            notes[i] = f"no Retourmelding for {_what(r)}: no header could be read from it"
            continue
        stem = Path(r.file).stem if r.file else (r.reference or f"message-{r.index}")
        name = f"RM-{stem}.xml"
        n = 1
        while name in used:
            n += 1
            name = f"RM-{stem}-{n}.xml"
        used.add(name)
        plan.append((i, name))
    global _PENDING
    work = _Pending(results, plan, out_dir, now, show, beside, os.getpid())
    tasks: list[tuple[int, int] | None] = [
        (s, min(s + _BATCH, len(plan))) for s in range(0, len(plan), _BATCH)
    ]
    if beside is not None:
        tasks.insert(0, None)  # first: a worker starts on it while the others answer
    if jobs > 1 and len(tasks) > 1 and forks():
        _PENDING = work
        try:
            done = list(map_ordered(_task, tasks, jobs, on_error=_here, chunk=1, min_items=2))
        finally:
            _PENDING = None
    else:
        done = [work.answer(0, len(plan))]
        if beside is not None:
            done.insert(0, _Beside(beside()))
    staged: list[tuple[str, Path]] = []
    failed: dict[str, OSError] = {}
    besides: T | None = None
    for answered in done:
        if isinstance(answered, _Beside):
            besides = answered.value
            continue
        notes.update(answered.notes)
        staged += [(name, Path(tmp)) for name, tmp in answered.staged]
        failed.update((name, OSError(code, text)) for name, code, text in answered.failed)
    # the answers of every worker flushed at once, by this process alone: one flush for the
    # run, and no two processes creating and renaming in one directory at the same time
    commit_files(out_dir, staged, failed)
    unwritten = [
        f"cannot write {out_dir / name}: {failed[name].strerror or failed[name]}"
        for _, name in plan
        if name in failed
    ]
    return [notes[i] for i in sorted(notes)] + unwritten, besides


def _what(r: MessageResult) -> str:
    return r.file or r.reference or "a message without a file"


@attrs.frozen
class _Answered:
    """What answering a span of the plan left: notes on the answers that could not be made
    (by their place in the results), the answers written to temporary files (name,
    temporary file: not yet flushed nor renamed) and those that could not be (name, errno,
    why)."""

    notes: tuple[tuple[int, str], ...]
    staged: tuple[tuple[str, str], ...]
    failed: tuple[tuple[str, int, str], ...]


@attrs.frozen
class _Beside(Generic[T]):
    """What the ``beside`` work of :func:`write_answers` returned."""

    value: T


@attrs.frozen
class _Pending:
    """The answers of one :func:`write_answers`: ``plan`` names the file of each result to
    answer (its place in ``results``, the file name); ``beside``: the other work;
    ``owner``: the process the temporary files are named for (the one that renames them)."""

    results: list[MessageResult]
    plan: list[tuple[int, str]]
    out_dir: Path
    now: dt.datetime
    show: bool
    beside: Callable[[], Any] | None = None
    owner: int | None = None

    def run(self, task: tuple[int, int] | None) -> _Answered | _Beside[Any]:
        """A span of the plan answered, or (None) the other work."""
        if task is None:
            if self.beside is None:  # cannot happen: only asked for when there is one
                raise RuntimeError("no other work")
            return _Beside(self.beside())
        return self.answer(*task)

    def answer(self, start: int, stop: int) -> _Answered:
        """Make the answers of ``plan[start:stop]`` and write them to temporary files (see
        :func:`stage_files`)."""
        notes: list[tuple[int, str]] = []
        files: list[tuple[str, bytes]] = []
        for i, name in self.plan[start:stop]:
            r = self.results[i]
            try:
                data = answer_bytes(r, now=self.now, show_personal_data=self.show)
            except (SiviError, ValueError) as exc:
                notes.append((i, f"no Retourmelding for {_what(r)}: {cap_value(str(exc), 300)}"))
                continue
            except Exception as exc:
                text = f"no Retourmelding for {_what(r)}: internal error ({type(exc).__name__})"
                notes.append((i, text))
                continue
            files.append((name, data))
        staged, failed = stage_files(self.out_dir, files, self.owner)
        return _Answered(
            tuple(notes),
            tuple((name, str(tmp)) for name, tmp in staged),
            tuple((name, exc.errno or 0, exc.strerror or str(exc)) for name, exc in failed.items()),
        )


_PENDING: _Pending | None = None
"""The answers being written with worker processes, which start as copies of this process
and find them here (only the spans of the plan travel to them)."""


def _task(task: tuple[int, int] | None) -> _Answered | _Beside[Any]:
    """In a worker: a task of :data:`_PENDING` (see :meth:`_Pending.run`)."""
    if _PENDING is None:  # cannot happen in a forked worker
        raise RuntimeError("no answers pending")
    return _PENDING.run(task)


def _here(task: tuple[int, int] | None, failure: Failure) -> _Answered | _Beside[Any]:
    """A task whose worker failed (or died): done again in this process (a temporary file
    the worker wrote already is written again: it has the same name)."""
    if _PENDING is None:
        raise RuntimeError("no answers pending")
    return _PENDING.run(task)


def header_result(message: Message, finding: Finding, index: int) -> MessageResult:
    """A ``rejected`` result for a message the validator failed on, with its header, so that
    the sender still gets an answer."""
    try:
        header = message.header
        return MessageResult.detached(
            Status.REJECTED,
            message.file,
            (finding,),
            index=index,
            reference=header.reference,
            release=message.release,
            sender=header.sender,
            recipient=header.receiver,
            test=header.test,
        )
    except Exception:
        return MessageResult.detached(Status.REJECTED, message.file, (finding,), index=index)
