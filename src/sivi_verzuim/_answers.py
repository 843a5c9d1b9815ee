"""Answering for ``sivi-verzuim process``: the fourth stage of a run.

A Retourmelding per message with a final result (:func:`write_answers`), the rejecting
result that still answers a message the validator failed on (:func:`header_result`), and
the atomic file writes that answers, reports and state files go through
(:func:`write_atomic`, :func:`write_files`).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ._codec import Message
from ._fsutil import fsync_dir
from .chain import MessageResult, Status, answer_bytes
from .errors import Finding, SiviError, cap_value

__all__ = ["TEMP_PREFIX", "header_result", "write_answers", "write_atomic", "write_files"]

TEMP_PREFIX = ".sivi-verzuim-"
"""Temporary files this command writes start with this (``.sivi-verzuim-<pid>-<name>.tmp``,
beside the file they become)."""


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


def _temp_name(path: Path) -> Path:
    return path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}.tmp")


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


def write_files(directory: Path, files: list[tuple[str, bytes]]) -> dict[str, OSError]:
    """Write several files atomically, as :func:`write_atomic` does one, but flushing them
    together (all temporary files written, flushed to disk at once, renamed, and the
    directory flushed once): much cheaper than one at a time.
    Returns the files that could not be written, with why; the others are on disk when it
    returns."""
    failed: dict[str, OSError] = {}
    for start in range(0, len(files), 200):  # a bounded number of open files
        _write_chunk(directory, files[start : start + 200], failed)
    fsync_dir(directory)
    return failed


def _write_chunk(
    directory: Path, files: list[tuple[str, bytes]], failed: dict[str, OSError]
) -> None:
    written: list[tuple[str, Path, int]] = []
    for name, data in files:
        tmp = _temp_name(directory / name)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except OSError as exc:
            failed[name] = exc
            continue
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except OSError as exc:
            os.close(fd)
            tmp.unlink(missing_ok=True)
            failed[name] = exc
            continue
        written.append((name, tmp, fd))
    # one flush for the whole chunk: syncfs() returns when every file's data is on disk, as
    # a flush of each file would (which costs a disk round trip per file); where it is not
    # available or fails, each file is flushed on its own
    flushed = bool(written) and _SYNCFS is not None and _SYNCFS(written[0][2])
    for name, _, fd in written:
        try:
            if not flushed:
                os.fsync(fd)
        except OSError as exc:
            failed[name] = exc
        finally:
            os.close(fd)
    for name, tmp, _ in written:
        try:
            if name not in failed:
                os.replace(tmp, directory / name)
        except OSError as exc:
            failed[name] = exc
        finally:
            tmp.unlink(missing_ok=True)


def write_answers(
    results: list[MessageResult], out_dir: Path, now: dt.datetime, show: bool
) -> list[str]:
    """A Retourmelding per message with a final result; returns notes for the report."""
    notes = []
    used: set[str] = set()
    files: list[tuple[str, bytes]] = []
    for r in results:
        if not r.status.answered:
            continue
        what = r.file or r.reference or "a message without a file"
        if r.release is None:
            notes.append(f"no Retourmelding for {what}: no header could be read from it")
            continue
        stem = Path(r.file).stem if r.file else (r.reference or f"message-{r.index}")
        name = f"RM-{stem}.xml"
        n = 1
        while name in used:
            n += 1
            name = f"RM-{stem}-{n}.xml"
        used.add(name)
        try:
            data = answer_bytes(r, now=now, show_personal_data=show)
        except (SiviError, ValueError) as exc:
            notes.append(f"no Retourmelding for {what}: {cap_value(str(exc), 300)}")
            continue
        except Exception as exc:
            notes.append(f"no Retourmelding for {what}: internal error ({type(exc).__name__})")
            continue
        files.append((name, data))
    for name, error in write_files(out_dir, files).items():
        notes.append(f"cannot write {out_dir / name}: {error.strerror or error}")
    return notes


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
