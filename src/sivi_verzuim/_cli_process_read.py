"""Reading the files of an inbox for ``sivi-verzuim process``: the second stage of a run.

Every file is read behind a boundary of its own (:meth:`Reader.read`): whatever happens,
the file ends as a parsed message for the validator or as one result of its own
(``unreadable``, ``skipped``, ``rejected``), never as an exception that stops the run.
What a file is, is decided by its content: the four message types ``process`` judges
(:data:`._inbox.JUDGED`, unless switched off by the filters) become messages, any other
SIVI message or XML is skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import attrs

from ._codec import Message, parse
from ._inbox import JUDGED, Filters, OrderKey, entry_problem, finding, internal_error, order_key
from ._parallel import Failure, failure_finding, map_ordered
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

__all__ = ["Examined", "Reader", "examine", "finding", "internal_error", "read_all"]

LIMITS = Limits()
"""The safety limits every file is read with."""


def _unsafe_text(exc: UnsafeXMLError) -> str:
    where = f"line {exc.line}: " if exc.line is not None else ""
    return f"unsafe XML refused [{exc.rule}]: {where}{exc.reason}"


def _malformed_text(exc: MalformedXMLError) -> str:
    where = f"line {exc.line}, column {exc.column}: " if exc.line is not None else ""
    return f"malformed XML: {where}{exc.reason}"


class Reader:
    """Takes the files of one run into :attr:`messages` (for the validator) and
    :attr:`detached` (results of their own); gives each result that no validator produced
    its own negative index (:func:`in_processing_order` tells results apart by index).

    What reading a file finds does not depend on the run: :func:`examine` finds it (in this
    process or in a worker process), :meth:`take` adds it to the run, in the order of the
    files, so that the results are the same however many processes read.

    ``filters`` decide which of the judged message types are taken (default: all four);
    ``seen``, with a store, is called with every file's path, name and content hash
    (``sha256:<hex>``) before its message is taken and returns True when the store has the
    file already (it is not taken again). ``bound``: valid Verzuimmeldingen are taken as
    bound messages, which the validator reads straight from the bound document (cheaper
    than making their domain model, and than sending it from a worker process); False when
    it cannot (it classifies: ``--classify``), and their models are made while reading."""

    def __init__(
        self,
        seen: Callable[[Path, str, str], bool] | None = None,
        filters: Filters | None = None,
        *,
        bound: bool = True,
    ) -> None:
        self.filters = filters if filters is not None else Filters()
        self.bound = bound
        self.messages: list[Message] = []
        self.orders: list[OrderKey] = []  # the order_key() of each of the messages
        self.detached: list[MessageResult] = []
        self._models: dict[str, Any] = {}
        self._count = 0
        self._seen = seen

    @property
    def hashed(self) -> bool:
        """Whether :func:`examine` must hash the files' content (for ``seen``)."""
        return self._seen is not None

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
        """Read one file in this process and take it (:func:`examine`, :meth:`take`)."""
        self.take(path, examine(self.filters, self.hashed, path, bound=self.bound))

    def take(self, path: Path, examined: Examined) -> None:
        """Add what :func:`examine` found in the file ``path`` to the run, behind the file's
        boundary: nothing it raises stops the run."""
        name = str(path)
        try:
            if (
                examined.digest is not None
                and self._seen is not None
                and self._seen(path, name, examined.digest)
            ):
                return
        except Exception as exc:
            self.unreadable(name, internal_error(exc, "reading the file", name), _header(path))
            return
        for entry in examined.entries:
            if isinstance(entry, _Taken):
                self.messages.append(entry.message)
                order = entry.order
                self.orders.append(order if order is not None else order_key(entry.message))
                if entry.model is not None:
                    self._models[name] = entry.model
            else:
                self.add_detached(
                    entry.status,
                    entry.file,
                    entry.findings,
                    entry.header,
                    entry.release,
                    header_release=entry.header_release,
                )

    def lost(self, path: Path, failure: Failure) -> Examined:
        """What stands for a file whose reading had no result (its worker process died, or
        the result could not be sent back): the file's ``internal.error``, answered when
        its header can be read."""
        name = str(path)
        problem = attrs.evolve(failure_finding(failure, "reading the file"), file=name)
        digest = None
        header = None
        data = _content(path)
        if data is not None:
            digest = _digest(data) if self.hashed else None
            header = _salvaged(data)
        entry = _detached(Status.UNREADABLE, name, (problem,), header)
        return Examined(digest, (entry,))

    def ordered(self) -> list[Message]:
        """The messages in processing order: ``sorted(messages, key=order_key)``, with the
        keys :func:`examine` found already (in a worker process, with ``--jobs``)."""
        keys = self.orders
        return [self.messages[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]

    def subject(self, message: Message) -> Any:
        """What to give the validator for ``message``: its domain model when the reading
        made it already (the same the validator would make), else the message."""
        return self._models.get(message.file or "", message)


def read_all(reader: Reader, paths: list[Path], jobs: int) -> None:
    """Read every file of ``paths`` into ``reader``, in up to ``jobs`` worker processes
    (:func:`examine`), taking them in the order of ``paths`` as they come."""
    work = partial(examine, reader.filters, reader.hashed, bound=reader.bound)
    found = map_ordered(work, paths, jobs, on_error=reader.lost)
    for path, examined in zip(paths, found, strict=True):
        reader.take(path, examined)


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _header(path: Path) -> SalvagedHeader | None:
    """The header of the file ``path`` as far as it can be read, or None."""
    data = _content(path)
    return None if data is None else _salvaged(data)


def _content(path: Path) -> bytes | None:
    """The bytes of the regular file ``path`` (read behind the limits), or None."""
    try:
        if entry_problem(path) is not None:
            return None  # never opened: a FIFO could block
        data, _ = read_source(path, limits=LIMITS)
        return data
    except Exception:
        return None


def _salvaged(data: bytes) -> SalvagedHeader | None:
    try:
        return salvage_header(data, limits=LIMITS)
    except Exception:
        return None


@attrs.frozen
class _Head:
    """In place of a bound document whose domain model is made: its ``BrAlg`` header."""

    br_alg: Any


@attrs.frozen
class _Taken:
    """A message for the validator, with its domain model when it could be made, and its
    place in the processing order (:func:`._inbox.order_key`)."""

    message: Message
    model: Any = None
    order: OrderKey | None = None


@attrs.frozen
class _Detached:
    """The arguments of :meth:`Reader.add_detached`."""

    status: Status
    file: str
    findings: tuple[Finding, ...]
    salvaged: tuple[str | None, str | None, dict[str, str]] | None = None
    release: Release | None = None
    header_release: bool = True

    @property
    def header(self) -> SalvagedHeader | None:
        """The salvaged header (kept as plain data: it goes between processes)."""
        if self.salvaged is None:
            return None
        root, namespace, fields = self.salvaged
        return SalvagedHeader(root, namespace, fields)


def _detached(
    status: Status,
    file: str,
    findings: tuple[Finding, ...],
    header: SalvagedHeader | None = None,
    release: Release | None = None,
    header_release: bool = True,
) -> _Detached:
    salvaged = None if header is None else (header.root, header.namespace, dict(header.fields))
    return _Detached(status, file, findings, salvaged, release, header_release)


@attrs.frozen
class Examined:
    """What reading one file found, independent of the run (made by :func:`examine`, in
    this process or in a worker process, and added to a run by :meth:`Reader.take`).

    Attributes:
        digest: the content hash of the file's bytes (``sha256:<hex>``) when they were read
            and hashing was asked for; None otherwise.
        entries: the file's message or results, in order.
    """

    digest: str | None
    entries: tuple[_Taken | _Detached, ...]


def examine(filters: Filters, hashed: bool, path: Path, *, bound: bool = False) -> Examined:
    """Read, parse, check and bind the file ``path`` (and map a valid message of a judged
    type to its domain model; with ``bound``, a Verzuimmeldingen stays a bound message, see
    :class:`Reader`), behind the file's boundary: what is found, never an exception. A
    top-level function, so that worker processes can run it."""
    return _Examiner(filters, hashed, bound).read(path)


class _Examiner:
    """Reads one file into :class:`Examined` entries."""

    def __init__(self, filters: Filters, hashed: bool, bound: bool = False) -> None:
        self.filters = filters
        self.hashed = hashed
        self.bound = bound
        self.entries: list[_Taken | _Detached] = []

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
        self.entries.append(_detached(status, file, findings, header, release, header_release))

    def unreadable(self, file: str, problem: Finding, header: SalvagedHeader | None = None) -> None:
        self.add_detached(Status.UNREADABLE, file, (problem,), header)

    def read(self, path: Path) -> Examined:
        name = str(path)
        data: bytes | None = None
        digest: str | None = None
        try:
            data = self._bytes(path, name)
            if data is not None:
                if self.hashed:
                    digest = _digest(data)
                self._parse(data, name)
        except Exception as exc:
            # one entry per file: drop whatever this file added before it failed
            self.entries.clear()
            header = None
            if data is not None:
                try:
                    header = salvage_header(data, limits=LIMITS)
                except Exception:
                    header = None
            self.unreadable(name, internal_error(exc, "reading the file", name), header)
        return Examined(digest, tuple(self.entries))

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
        message = attrs.evolve(message, file=name)
        if self.bound and message.message_type is MessageType.VERZUIMMELDINGEN:
            model = None  # the validator reads it from the bound document
        else:
            model = _model(message)
        if model is not None:
            # the validator gets the model; of the bound document the run needs only the
            # header (ordering, answering a message the validator failed on): the rest does
            # not travel back from a worker process
            head = _Head(getattr(message.document, "br_alg", None))
            message = attrs.evolve(message, document=head)
        self.entries.append(_Taken(message, model, order_key(message)))

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


def _model(message: Message) -> Any:
    """The domain model the validator makes of a valid message of a judged type, or None
    (the validator then maps the message itself, with the same outcome as ever)."""
    mt = message.message_type
    if mt not in JUDGED or not message.valid:
        return None
    from ._mapping import to_model
    from .model import AbsenceMessage

    try:
        if mt is MessageType.VERZUIMMELDINGEN:
            model: Any = to_model(message, AbsenceMessage)
        else:
            model = to_model(message)
        # the validator reads the release of a model from its header's version code: when
        # that code names this release alone, or else the message goes as it is
        code = model.header.message_version_code
        if [r for r in mt.releases if mt.vnrbrcd(r) == code] != [message.release]:
            return None
    except Exception:
        return None
    return model
