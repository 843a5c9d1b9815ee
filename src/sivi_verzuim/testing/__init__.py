"""Hypothesis strategies for SIVI Verzuimstandaard messages.

::

    from hypothesis import given
    from sivi_verzuim import MessageType, Release, serialize
    from sivi_verzuim.testing import messages

    @given(messages(Release.R2021, MessageType.VERZUIMMELDINGEN))
    def test_my_importer(message):
        my_importer.load(serialize(message))

Generated documents are valid against the release's schema by construction:
required elements present, cardinalities, lengths, patterns, code lists,
decimals and dates respected, text restricted to XML-legal characters.
Requires the ``hypothesis`` package (a test dependency, not a run-time one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st
from xsdata.models.datatype import XmlDate, XmlTime

from .._codec import Message, choice_groups, serialize
from ..releases import MessageType, Release, binding_class

__all__ = ["documents", "messages", "xml_messages"]

# Letters (with Dutch diacritics), a few separators and characters that need escaping.
# No digits: the standard's "\D*" pattern forbids every Unicode decimal digit.
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéëèïöüÉ"
_SEPARATORS = " -.'&<>\"/"
_DIGITS = "0123456789"
_MAX_REPEAT = 2
_MAX_TEXT = 24


def _text(meta: dict[str, Any]) -> st.SearchStrategy[str]:
    length = meta.get("length")
    lo = int(meta.get("min_length", 1)) if length is None else int(length)
    hi = int(meta.get("max_length", _MAX_TEXT)) if length is None else int(length)
    hi = min(hi, max(lo, _MAX_TEXT))
    alphabet = _LETTERS + _SEPARATORS
    if meta.get("pattern") is None:
        alphabet += _DIGITS
    body = st.text(alphabet=alphabet, min_size=max(lo, 1), max_size=max(hi, 1))
    # Keep text readable and free of leading/trailing blanks; every char is XML-legal.
    return body.filter(lambda s: s == s.strip()).map(lambda s: s[:hi])


def _decimal(meta: dict[str, Any]) -> st.SearchStrategy[Decimal]:
    total = int(meta.get("total_digits", 6))
    fraction = int(meta.get("fraction_digits", 2))
    pattern = meta.get("pattern")
    whole = total - fraction
    if pattern is not None and "{1," in pattern:
        whole = min(whole, int(pattern.split("{1,", 1)[1].split("}", 1)[0]))
    top = 10 ** (whole + fraction) - 1
    if "max_inclusive" in meta:
        top = min(top, int(Decimal(str(meta["max_inclusive"])) * 10**fraction))
    return st.integers(0, top).map(lambda n: Decimal(n).scaleb(-fraction))


def _integer(meta: dict[str, Any]) -> st.SearchStrategy[int]:
    total = int(meta.get("total_digits", 9))
    return st.integers(0, 10**total - 1)


_DATES = st.dates(dt.date(1950, 1, 1), dt.date(2035, 12, 31)).map(XmlDate.from_date)
_TIMES = st.times().map(lambda t: XmlTime(t.hour, t.minute, t.second))


def _unwrap(tp: Any) -> tuple[Any, bool, bool]:
    """(inner type, optional, list) of a field annotation."""
    optional = False
    is_list = False
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = True
        tp = args[0]
        origin = typing.get_origin(tp)
    if origin is list:
        is_list = True
        tp = typing.get_args(tp)[0]
    return tp, optional, is_list


def _value(tp: Any, meta: dict[str, Any]) -> st.SearchStrategy[Any]:
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        cls: type = tp
        return st.deferred(lambda: documents(cls))
    if tp is str and ("total_digits" in meta or "fraction_digits" in meta):
        return _decimal(meta).map(str)  # a decimal whose lexical form the schema fixes
    if tp is str:
        return _text(meta)
    if tp is Decimal:
        return _decimal(meta)
    if tp is int:
        return _integer(meta)
    if tp is XmlDate:
        return _DATES
    if tp is XmlTime:
        return _TIMES
    raise TypeError(f"no strategy for field type {tp!r}")


@cache
def documents(cls: type) -> st.SearchStrategy[Any]:
    """Instances of a generated binding class that are valid against its schema."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    alternatives: dict[str, st.SearchStrategy[Any]] = {}
    groups = choice_groups(cls)
    in_choice = {name for group in groups for name in group}
    for f in dataclasses.fields(cls):
        meta = dict(f.metadata)
        tp, optional, is_list = _unwrap(hints[f.name])
        value = _value(tp, meta)
        if is_list:
            lo = int(meta.get("min_occurs", 0))
            hi = meta.get("max_occurs")
            cap = lo + _MAX_REPEAT if hi is None else min(int(hi), lo + _MAX_REPEAT)
            fields[f.name] = st.lists(value, min_size=lo, max_size=cap)
        elif f.metadata.get("name") in in_choice:
            alternatives[f.metadata["name"]] = value.map(_tagged(f.name))
            fields[f.name] = st.none()
        elif optional:
            fields[f.name] = st.none() | value
        else:
            fields[f.name] = value
    built = st.builds(cls, **fields)
    for group in groups:
        built = st.tuples(built, st.one_of([alternatives[name] for name in group])).map(_choose)
    return built


def _tagged(name: str) -> Any:
    def tag(value: Any) -> tuple[str, Any]:
        return (name, value)

    return tag


def _choose(pair: tuple[Any, tuple[str, Any]]) -> Any:
    document, (name, value) = pair
    setattr(document, name, value)
    return document


def messages(
    release: Release | None = None, message_type: MessageType | None = None
) -> st.SearchStrategy[Message]:
    """:class:`~sivi_verzuim.Message` objects valid against our schema.

    Args:
        release: one release, or None for any release.
        message_type: one message type, or None for any type (that exists in the release).
    """
    pairs = [
        (mt, rel)
        for mt in MessageType
        for rel in mt.releases
        if (release is None or rel is release) and (message_type is None or mt is message_type)
    ]
    if not pairs:
        raise ValueError(f"{message_type} does not exist in release {release}")

    def build(pair: tuple[MessageType, Release]) -> st.SearchStrategy[Message]:
        mt, rel = pair

        def wrap(doc: Any) -> Message:
            return Message(message_type=mt, release=rel, document=_fix_header(doc, mt, rel))

        return documents(binding_class(mt, rel)).map(wrap)

    return st.sampled_from(pairs).flatmap(build)


def _fix_header(document: Any, mt: MessageType, rel: Release) -> Any:
    """Header codes that the schema leaves open get the library's default codes."""
    br = document.br_alg
    if isinstance(br.br_cd, str):
        br.br_cd = mt.default_brcd()
    if isinstance(br.vnr_br_cd, str):
        br.vnr_br_cd = mt.default_vnrbrcd(rel)
    return document


def xml_messages(
    release: Release | None = None, message_type: MessageType | None = None
) -> st.SearchStrategy[bytes]:
    """The same as :func:`messages`, serialized to UTF-8 XML bytes."""
    return messages(release, message_type).map(serialize)
