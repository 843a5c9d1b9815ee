"""Reading the files of an inbox for ``sivi-verzuim process``: the second stage of a run.

Every file is read behind a boundary of its own (:meth:`Reader.read`): whatever happens,
the file ends as a parsed message for the validator or as one result of its own
(``unreadable``, ``skipped``, ``rejected``), never as an exception that stops the run.
What a file is, is decided by its content: the four message types ``process`` judges
(:data:`._inbox.JUDGED`, unless switched off by the filters) become messages, any other
SIVI message or XML is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from ._codec import Message, parse
from ._inbox import JUDGED, Filters, entry_problem
from ._safexml import Limits, read_source
from ._salvage import SalvagedHeader, salvage_header
from .chain import MessageResult, Status
from .errors import (
    Finding,
    MalformedXMLError,
    Severity,
    SiviError,
    UnknownMessageError,
    UnsafeXMLError,
    cap_value,
)
from .releases import MessageType, Release

__all__ = ["Reader", "finding", "internal_error"]

LIMITS = Limits()
"""The safety limits every file is read with."""


def internal_error(exc: BaseException, stage: str, file: str | None = None) -> Finding:
    """The ``internal.error`` finding for an unexpected exception: its type and what was
    being done, never its text (which may hold message content) nor a traceback."""
    return Finding(
        code="internal.error",
        severity=Severity.ERROR,
        message=f"internal error while {stage} ({type(exc).__name__}); not processed",
        file=file,
    )


def finding(
    code: str,
    message: str,
    *,
    file: str,
    line: int | None = None,
    severity: Severity = Severity.ERROR,
) -> Finding:
    """A finding about a file."""
    return Finding(code=code, severity=severity, message=message, line=line, file=file)


def _unsafe_text(exc: UnsafeXMLError) -> str:
    where = f"line {exc.line}: " if exc.line is not None else ""
    return f"unsafe XML refused [{exc.rule}]: {where}{exc.reason}"


def _malformed_text(exc: MalformedXMLError) -> str:
    where = f"line {exc.line}, column {exc.column}: " if exc.line is not None else ""
    return f"malformed XML: {where}{exc.reason}"


class Reader:
    """Reads the files of one run into :attr:`messages` (for the validator) and
    :attr:`detached` (results of their own); gives each result that no validator produced
    its own negative index (:func:`in_processing_order` tells results apart by index).

    ``filters`` decide which of the judged message types are taken (default: all four);
    ``seen``, with a store, is called with every file's bytes before they are parsed and
    returns True when the store has the file already (it is not read again)."""

    def __init__(
        self,
        seen: Callable[[Path, str, bytes], bool] | None = None,
        filters: Filters | None = None,
    ) -> None:
        self.filters = filters if filters is not None else Filters()
        self.messages: list[Message] = []
        self.detached: list[MessageResult] = []
        self._count = 0
        self._seen = seen

    def next_index(self) -> int:
        """A new negative index (the validator's own are never negative)."""
        self._count += 1
        return -self._count

    def add_detached(
        self,
        status: Status,
        file: str,
        findings: tuple[Finding, ...],
        header: SalvagedHeader | None = None,
        release: Release | None = None,
        *,
        header_release: bool = True,
    ) -> None:
        """A result for a file that did not reach the validator. With a header that names a
        ``Berrefnr``, the result carries the header and ``release`` (when None and
        ``header_release``: the release the header names) so that it can be answered."""
        if header is not None and header.reference:
            rel = release or (header.release if header_release else None)
            result = MessageResult.detached(
                status,
                file,
                findings,
                index=self.next_index(),
                reference=header.reference,
                release=rel,
                sender=header.sender,
                recipient=header.recipient,
                test=header.test,
            )
        else:
            reference = header.reference if header is not None else None
            result = MessageResult.detached(
                status, file, findings, index=self.next_index(), reference=reference
            )
        self.detached.append(result)

    def unreadable(self, file: str, problem: Finding, header: SalvagedHeader | None = None) -> None:
        """An ``unreadable`` result for ``file`` (answered when ``header`` names a
        ``Berrefnr``)."""
        self.add_detached(Status.UNREADABLE, file, (problem,), header)

    def read(self, path: Path) -> None:
        """Read one file, behind its boundary: nothing it raises stops the run."""
        name = str(path)
        data: bytes | None = None
        counts = len(self.messages), len(self.detached)
        try:
            data = self._bytes(path, name)
            if data is not None and not (self._seen is not None and self._seen(path, name, data)):
                self._parse(data, name)
        except Exception as exc:
            # one entry per file: drop whatever this file added before it failed
            del self.messages[counts[0] :], self.detached[counts[1] :]
            header = None
            if data is not None:
                try:
                    header = salvage_header(data, limits=LIMITS)
                except Exception:
                    header = None
            self.unreadable(name, internal_error(exc, "reading the file", name), header)

    def _bytes(self, path: Path, name: str) -> bytes | None:
        problem = entry_problem(path)
        if problem is not None:
            self.unreadable(name, finding("io.unreadable", f"cannot read: {problem}", file=name))
            return None
        try:
            data, _ = read_source(path, limits=LIMITS)
        except UnsafeXMLError as exc:
            self.unreadable(name, finding(f"xml.unsafe.{exc.rule}", _unsafe_text(exc), file=name))
            return None
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self.unreadable(name, finding("io.unreadable", f"cannot read: {reason}", file=name))
            return None
        return data

    def _parse(self, data: bytes, name: str) -> None:
        try:
            message = parse(data, strict=False, limits=LIMITS)
        except UnsafeXMLError as exc:  # never salvaged: refused as unsafe
            code = f"xml.unsafe.{exc.rule}"
            self.unreadable(name, finding(code, _unsafe_text(exc), file=name, line=exc.line))
            return
        except MalformedXMLError as exc:
            found = finding("xml.malformed", _malformed_text(exc), file=name, line=exc.line)
            self.unreadable(name, found, salvage_header(data, limits=LIMITS))
            return
        except UnknownMessageError as exc:
            self._unknown(exc, data, name)
            return
        except SiviError as exc:
            text = f"not readable as a message ({type(exc).__name__})"
            self.unreadable(name, finding("message.unreadable", text, file=name))
            return
        if not self.filters.takes(message.message_type):
            title, release = message.message_type.title, message.release.value
            if message.message_type in JUDGED:
                text = f"{title} {release}: this type is switched off (--pattern): left alone"
            else:
                text = f"{title} {release}, not a message process judges: left alone"
            found = finding("skipped.other-message", text, file=name, severity=Severity.INFO)
            self.add_detached(Status.SKIPPED, name, (found,))
            return
        self.messages.append(attrs.evolve(message, file=name))

    def _unknown(self, exc: UnknownMessageError, data: bytes, name: str) -> None:
        root = cap_value(exc.root)
        namespace = cap_value(exc.namespace)
        suggestion = getattr(exc, "suggestion", None)
        hint = ""
        if suggestion is not None:
            mt, rel = suggestion
            hint = f"; did you mean {mt.namespace(rel)} (release {rel.value})?"
        judged = {mt.root: mt for mt in JUDGED if self.filters.takes(mt)}
        if exc.root in judged:
            # a judged message in a namespace no release has: refused, and answered in the
            # suggested release (the well-formed input passed every safety check)
            mt = judged[exc.root]
            release = suggestion[1] if suggestion is not None and suggestion[0] is mt else None
            text = f"{mt.title} in namespace {namespace!r}, which no supported release has"
            found = finding("message.unknown-namespace", text + hint, file=name)
            header = salvage_header(data, limits=LIMITS)
            self.add_detached(
                Status.REJECTED, name, (found,), header, release, header_release=False
            )
            return
        known = {mt.root: mt for mt in MessageType}
        if exc.root in known:
            text = (
                f"{known[exc.root].title} in namespace {namespace!r}, which no supported "
                "release has; not a message process judges: left alone"
            )
            code = "skipped.other-message"
        else:
            text = (
                f"not a SIVI Verzuimstandaard message: root element {root!r} in namespace "
                f"{namespace!r}{hint}"
            )
            code = "skipped.not-sivi"
        found = finding(code, text, file=name, severity=Severity.INFO)
        self.add_detached(Status.SKIPPED, name, (found,))
