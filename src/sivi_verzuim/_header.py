"""A message header built from what only the caller knows."""

from __future__ import annotations

import datetime as dt
import uuid

from ._mapping import ConversionError
from .model import Header
from .releases import MessageType, Release

__all__ = ["new_header", "new_reference"]


def new_reference(created: dt.datetime | None = None) -> str:
    """A fresh, unique ``Berrefnr``: the creation time and 12 random hex digits.

    ``20260302143000-3f9c0a1b2d4e``; 27 characters, well within the 512 every release allows.
    """
    when = created if created is not None else dt.datetime.now()
    return f"{when:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:12]}"


def new_header(
    message_type: MessageType,
    release: Release,
    *,
    sender: str,
    recipient: str,
    software: str | None,
    test: bool = False,
    receipt_requested: bool = False,
    reference: str | None = None,
    created: dt.datetime | None = None,
    answered_reference: str | None = None,
) -> Header:
    """The ``BrAlg`` header of a new message of ``message_type`` in ``release``.

    The caller gives what only the caller knows; the rest is filled in:

    - ``BrCd`` and ``VnrBrCd``: the codes of the message type in the release
      (:meth:`MessageType.default_brcd`, :meth:`MessageType.default_vnrbrcd`);
    - ``AandatBr`` and ``AantijdBr``: ``created``, or now (local time) in whole seconds;
    - ``Berrefnr``: ``reference``, or a fresh unique one (:func:`new_reference`).

    Args:
        sender: ``IdInzndr``, the sender's identification.
        recipient: ``IdOntvngr``, the recipient's identification.
        software: ``GebrSwPakket``, the name of the caller's software package (required from
            release 2021; pass None only for a release that may leave it out).
        test: ``TestJN``.
        receipt_requested: ``OntvngstbevJN``.
        reference: ``Berrefnr``; a fresh one when None.
        created: date and time of creation; now, in whole seconds, when None.
        answered_reference: ``BerrefnrIngzndnBer``, the reference of the message answered
            (Retourmelding).

    Returns:
        a :class:`~sivi_verzuim.model.Header`.

    Raises:
        ConversionError: the message type does not exist in the release, or a value is of the
            wrong kind; for VerwerkingsmeldingWerkgeverArbodienst, whose header is a
            :class:`~sivi_verzuim.model.ProcessingReportHeader` of its own.
    """
    if not isinstance(message_type, MessageType):
        raise ConversionError(
            f"message_type must be a MessageType, not {type(message_type).__name__}"
        )
    if not isinstance(release, Release):
        raise ConversionError(f"release must be a Release, not {type(release).__name__}")
    if message_type is MessageType.VERWERKINGSMELDING:
        raise ConversionError(
            f"{message_type.title} has a header of its own: build a model.ProcessingReportHeader"
        )
    if not message_type.has_release(release):
        raise ConversionError(f"{message_type.title} does not exist in release {release.value}")
    when = created if created is not None else dt.datetime.now().replace(microsecond=0)
    if not isinstance(when, dt.datetime):
        raise ConversionError(f"created must be a datetime, not {type(when).__name__}")
    ref = reference if reference is not None else new_reference(when)
    brcd = message_type.default_brcd()
    vnrbrcd = message_type.default_vnrbrcd(release)
    try:
        return Header(
            message_code=brcd,
            message_version_code=vnrbrcd,
            creation_date=when.date(),
            creation_time=when.timetz(),
            sender_id=sender,
            software_package=software,
            recipient_id=recipient,
            message_reference=ref,
            test_message=test,
            receipt_requested=receipt_requested,
            answered_message_reference=answered_reference,
        )
    except TypeError as exc:  # an attrs validator: a value of the wrong kind
        raise ConversionError(f"cannot build the header: {exc.args[0]}") from None
