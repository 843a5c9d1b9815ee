"""A Retourmelding (return message) from a message's result.

SIVI's public material names the codes of ``SrtRetmldngCd`` (kind of return message) and
``SrtFoutCd`` (kind of error) but not their meanings, and the code lists differ per release
(read from the schemas, never listed here):
``SrtRetmldngCd`` has 01-04 up to 2022 and only 02/03 from 2024; ``SrtFoutCd`` has 01-06 and
99 up to 2022 and only 01, 06 and 99 from 2024. The defaults below are the project's documented
decision (``docs/chain.md``) and every one of them can be overridden with :class:`RetourConfig`:

- ``SrtRetmldngCd`` ``02`` = processed (accepted or duplicate), ``03`` = not processed
  (rejected or consequential): the two codes every release has.
- ``SrtFoutCd`` ``99`` for every rule, the code every release has and that SIVI code lists use
  for "other". The rule code, the message and the element path go into ``Toelchtng`` (at most
  512 characters), so the receiver's own code is always readable.

A Retourmelding goes to the sender, so it never carries the receiver's file paths (a path in
a finding's text is cut to the file's base name) and masks personal-data values unless asked.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from functools import cache

import attrs
from lxml import etree

from .._codec import Message, serialize
from .._mapping import from_model
from .._xsd import codes
from ..errors import Finding, Severity
from ..model import ErrorType, Header, ReturnError, ReturnMessage, ReturnMessageType
from ..releases import MessageType, Release
from ._results import MessageResult, Status, outgoing

__all__ = ["RetourConfig", "answer_bytes", "retourmelding"]

_MAX_TEXT = 512
_MAX_SOFTWARE = 35


def _error_codes(release: Release) -> frozenset[str]:
    """The ``SrtFoutCd`` codes of a release, read from its schema (what the library writes)."""
    return codes(MessageType.RETOURMELDING, release, "SrtFoutCd")


def _kind_codes(release: Release) -> frozenset[str]:
    """The ``SrtRetmldngCd`` codes of a release, read from its schema."""
    return codes(MessageType.RETOURMELDING, release, "SrtRetmldngCd")


@cache
def _code_lists(element: str) -> tuple[frozenset[str], frozenset[str]]:
    """(codes of any release, codes of every release) of a Retourmelding element."""
    lists = [
        codes(MessageType.RETOURMELDING, r, element) for r in MessageType.RETOURMELDING.releases
    ]
    return frozenset().union(*lists), frozenset.intersection(*lists)


def _check_code(value: str, allowed: frozenset[str], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} {value!r} is not a code of any release ({sorted(allowed)})")


def _codes(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


@attrs.frozen
class RetourConfig:
    """How results become Retourmeldingen.

    Attributes:
        processed: ``SrtRetmldngCd`` for a processed message (accepted or duplicate).
        not_processed: ``SrtRetmldngCd`` for a message that was not processed.
        error_types: rule code (or a prefix ending in ``.``, e.g. ``"chain."``) -> ``SrtFoutCd``;
            the longest match wins.
        default_error_type: ``SrtFoutCd`` for a rule not in :attr:`error_types`.
        fallback_error_type: used when the chosen code does not exist in the message's
            release (e.g. 02-05 from 2024 on).
        include_warnings: also report warning findings (as ``Foutmldng``); info never.
        software: ``GebrSwPakket`` (releases from 2020; at most 35 characters).
        reference_prefix: the Retourmelding's own ``Berrefnr`` is this prefix plus the
            answered ``Berrefnr``.
        sender_id: ``IdInzndr`` of the Retourmelding; default: the answered message's
            ``IdOntvngr``.

    Raises:
        ValueError: a code that no release knows, or a software name that is too long.
    """

    processed: str = "02"
    not_processed: str = "03"
    error_types: Mapping[str, str] = attrs.field(factory=dict, converter=_codes)
    default_error_type: str = "99"
    fallback_error_type: str = "99"
    include_warnings: bool = False
    software: str = "sivi_verzuim"
    reference_prefix: str = "RM-"
    sender_id: str | None = None

    def __attrs_post_init__(self) -> None:
        kinds, _ = _code_lists("SrtRetmldngCd")
        errors, everywhere = _code_lists("SrtFoutCd")
        _check_code(self.processed, kinds, "SrtRetmldngCd")
        _check_code(self.not_processed, kinds, "SrtRetmldngCd")
        for code in (*self.error_types.values(), self.default_error_type):
            _check_code(code, errors, "SrtFoutCd")
        _check_code(self.fallback_error_type, everywhere, "SrtFoutCd")
        if len(self.software) > _MAX_SOFTWARE:
            raise ValueError(f"software name longer than {_MAX_SOFTWARE} characters")

    def error_type(self, code: str, release: Release) -> str:
        """The ``SrtFoutCd`` for a finding code in a release."""
        chosen = self.error_types.get(code)
        if chosen is None:
            best = -1
            for key, value in self.error_types.items():
                if key.endswith(".") and code.startswith(key) and len(key) > best:
                    chosen, best = value, len(key)
        if chosen is None:
            chosen = self.default_error_type
        if chosen not in _error_codes(release):
            chosen = self.fallback_error_type
        return chosen


_DEFAULT_CONFIG = RetourConfig()


def _path_variants(file: str) -> list[str]:
    """The spellings of a file's path that may occur in a text, longest first."""
    found = {file}
    try:
        found.add(os.path.abspath(file))
        found.add(os.path.realpath(file))
    except (OSError, ValueError):
        pass
    return sorted((v for v in found if v), key=len, reverse=True)


def without_paths(text: str, files: Iterable[str | None]) -> str:
    """``text`` with every spelling of the paths ``files`` cut to the file's base name, and
    their (absolute) directories removed: what goes to the sender never shows the
    receiver's directories."""
    for file in files:
        if not file:
            continue
        variants = _path_variants(file)
        for variant in variants:
            text = text.replace(variant, os.path.basename(variant))
        for variant in variants:
            directory = os.path.dirname(variant)
            if os.path.isabs(directory) and directory != os.path.dirname(directory):
                text = text.replace(directory + os.sep, "").replace(directory, "")
    return text


def explanation(
    finding: Finding,
    *,
    show_personal_data: bool = False,
    files: Iterable[str | None] = (),
) -> str:
    """The ``Toelchtng`` text of a finding: rule code, message and path, cut to 512.

    Personal-data values are masked unless ``show_personal_data``; the paths of the finding's
    file and of ``files`` are cut to their base names (:func:`without_paths`).
    """
    f = outgoing(finding, show_personal_data=show_personal_data)
    text = f"[{f.code}] {without_paths(f.message, (finding.file, *files))}"
    if f.path:
        text += f" ({f.path})"
    if len(text) > _MAX_TEXT:
        text = text[: _MAX_TEXT - 1] + "…"
    return text


def retourmelding(
    result: MessageResult,
    *,
    config: RetourConfig | None = None,
    now: dt.datetime | None = None,
    release: Release | None = None,
    show_personal_data: bool = False,
) -> Message:
    """The Retourmelding answering a message, in the message's release.

    ``BerrefnrIngzndnBer`` is the answered ``Berrefnr``; sender and recipient are swapped;
    ``TestJN`` follows the answered message. A processed message gets
    :attr:`RetourConfig.processed` (and its warnings when asked), any other final status
    (``rejected``, ``consequential``, ``unreadable``) :attr:`RetourConfig.not_processed` with
    a ``Foutmldng`` per error finding. ``Toelchtng`` never shows the receiver's file paths
    (cut to the base name) and masks personal-data values
    (:data:`~sivi_verzuim.errors.PERSONAL_DATA_ELEMENTS`) unless ``show_personal_data``.

    Args:
        result: the message's final result.
        config: codes and texts (:class:`RetourConfig`).
        now: the creation date and time (default: now, local time).
        release: the release to write when the result does not know it (a model processed
            without a version code).
        show_personal_data: write personal-data values into ``Toelchtng`` as they are.

    Returns:
        a Retourmelding :class:`~sivi_verzuim.Message`; ``serialize`` checks it against the
        schema.

    Raises:
        ValueError: the result is not final (held or pending), is ``skipped`` (not a
            Verzuimmeldingen: not answered), or its release is unknown.
    """
    model, rel = _answer_model(result, config, now, release, show_personal_data)
    return from_model(model, rel)


def _answer_model(
    result: MessageResult,
    config: RetourConfig | None,
    now: dt.datetime | None,
    release: Release | None,
    show_personal_data: bool,
) -> tuple[ReturnMessage, Release]:
    config = config or _DEFAULT_CONFIG
    if not result.status.final:
        raise ValueError(
            f"message {result.reference} is {result.status.value}: it has no final result yet"
        )
    if not result.status.answered:
        raise ValueError(
            f"message {result.reference} is {result.status.value}: a file that is not a "
            "Verzuimmeldingen is not answered"
        )
    rel = result.release or release
    if rel is None:
        raise ValueError("the result's release is unknown: pass release=")
    when = now or dt.datetime.now()
    processed = result.status in (Status.ACCEPTED, Status.DUPLICATE)
    wanted = {Severity.ERROR, Severity.WARNING} if config.include_warnings else {Severity.ERROR}
    errors = []
    seen: set[tuple[str, str]] = set()
    for f in result.all_findings:
        if f.severity not in wanted:
            continue
        text = explanation(f, show_personal_data=show_personal_data, files=(result.file,))
        item = (config.error_type(f.code, rel), text)
        if item in seen:
            continue
        seen.add(item)
        errors.append(ReturnError(error_type=ErrorType(item[0]), explanation=text))
    kind = config.processed if processed else config.not_processed
    if kind not in _kind_codes(rel):
        raise ValueError(f"SrtRetmldngCd {kind} does not exist in release {rel.value}")
    answered = result.reference or ""
    reference = (config.reference_prefix + answered)[:_MAX_TEXT]
    mt = MessageType.RETOURMELDING
    header = Header(
        message_code=mt.default_brcd(),
        message_version_code=mt.default_vnrbrcd(rel),
        creation_date=when.date(),
        creation_time=when.time().replace(microsecond=0),
        sender_id=(config.sender_id or result.recipient or "")[:40],
        recipient_id=(result.sender or "")[:40],
        message_reference=reference,
        test_message=result.test,
        receipt_requested=False,
        software_package=config.software if rel.year >= 2020 else None,
        answered_message_reference=answered,
        return_message_type=ReturnMessageType(kind),
    )
    return ReturnMessage(header=header, errors=tuple(errors)), rel


def answer_bytes(
    result: MessageResult,
    *,
    config: RetourConfig | None = None,
    now: dt.datetime | None = None,
    release: Release | None = None,
    show_personal_data: bool = False,
) -> bytes:
    """``serialize(retourmelding(result, ...))``, the same bytes, several times faster.

    The answer is written straight from its model (no binding objects), laid out as
    :func:`~sivi_verzuim.serialize` lays it out, and checked against the schema of its
    release; what this short way cannot write (unusual characters), or what the schema
    refuses, goes the long way (``tests/test_store.py`` compares both ways byte for byte in
    every release).

    Raises:
        ValueError: as :func:`retourmelding`; :class:`~sivi_verzuim.errors.ValidationError`
            when the answer is not valid against the schema.
    """
    model, rel = _answer_model(result, config, now, release, show_personal_data)
    data = _write(model, rel)
    if data is not None and _schema(rel).validate(etree.fromstring(data)):
        return data
    return serialize(from_model(model, rel))


# XML 1.0 characters xsdata writes as they are (besides & < >, which it escapes)
_PLAIN = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _write(model: ReturnMessage, rel: Release) -> bytes | None:
    """The answer's XML, laid out as xsdata writes it; None when a value needs the long
    way."""
    h = model.header
    rmt = h.return_message_type
    fields = (
        ("BrCd", h.message_code),
        ("VnrBrCd", h.message_version_code),
        ("AandatBr", h.creation_date.isoformat() if h.creation_date else None),
        ("AantijdBr", h.creation_time.isoformat() if h.creation_time else None),
        ("IdInzndr", h.sender_id),
        ("GebrSwPakket", h.software_package),
        ("IdOntvngr", h.recipient_id),
        ("Berrefnr", h.message_reference),
        ("BerrefnrIngzndnBer", h.answered_message_reference),
        ("TestJN", None if h.test_message is None else "J" if h.test_message else "N"),
        (
            "OntvngstbevJN",
            None if h.receipt_requested is None else "J" if h.receipt_requested else "N",
        ),
        ("SrtRetmldngCd", None if rmt is None else rmt.value),
    )
    values = [(tag, str(value)) for tag, value in fields if value is not None]
    texts = [v for _, v in values]
    for e in model.errors:
        if e.explanation is None:
            return None
        texts.append(e.explanation)
    if _PLAIN.search("".join(texts)) is not None:
        return None
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<Retourmelding1 xmlns="',
        MessageType.RETOURMELDING.namespace(rel),
        '">\n  <BrAlg>\n',
    ]
    for tag, value in values:
        text = value.translate(_ESCAPES)
        out.append(f"    <{tag}>{text}</{tag}>\n" if text else f"    <{tag}/>\n")
    out.append("  </BrAlg>\n")
    for e in model.errors:
        text = (e.explanation or "").translate(_ESCAPES)
        toelichting = f"<Toelchtng>{text}</Toelchtng>" if text else "<Toelchtng/>"
        out.append(
            f"  <Foutmldng>\n    <SrtFoutCd>{e.error_type.value}</SrtFoutCd>\n"
            f"    {toelichting}\n  </Foutmldng>\n"
        )
    out.append("</Retourmelding1>\n")
    return "".join(out).encode("utf-8")


_SCHEMAS: dict[Release, etree.XMLSchema] = {}


def _schema(rel: Release) -> etree.XMLSchema:
    schema = _SCHEMAS.get(rel)
    if schema is None:
        from .._xsd import strict_schema

        schema = _SCHEMAS[rel] = strict_schema(MessageType.RETOURMELDING, rel)
    return schema
