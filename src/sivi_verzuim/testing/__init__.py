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
decimals and dates respected, text restricted to XML-legal characters. For a
reconstructed release (2017, 2020, 2021) they keep to its writing face, what every
plausible reading of the release accepts (``schemas/README.md``), so that
:func:`~sivi_verzuim.serialize` writes them.
Requires the ``hypothesis`` package (a test dependency, not a run-time one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st
from xsdata.models.datatype import XmlDate, XmlTime

from .._codec import Message, choice_groups, serialize
from .._xsd import Split, splits
from ..releases import MessageType, Release, binding_class, binding_module

__all__ = [
    "DEFECTS",
    "BrokenChain",
    "Chain",
    "absence_message",
    "broken_chains",
    "chains",
    "documents",
    "messages",
    "model_objects",
    "xml_messages",
]

_MAX_REPEAT = 1
_MAX_TEXT = 24


# Words that exercise escaping, Dutch diacritics and separators; digits only where allowed.
_WORDS = (
    "Jansen",
    "de Vries",
    "Bakker & Zn.",
    "Müller-Lüdenscheidt",
    "'t Hooft",
    "<Ëlise>",
    "Oudegracht",
    "Zoë",
    'a "quoted" naam',
    "Ŧest/ïn",
    "Verzuim",
    "x",
)
_NUMBERED = ("VZ-2021-000123", "WG-100234", "EXT 731", "0302345678", "A1")


@cache
def _pool(lo: int, hi: int, digits: bool) -> tuple[str, ...]:
    """Texts of lengths lo..hi: realistic words cut or padded, plus both boundary lengths."""
    words = _WORDS + (_NUMBERED if digits else ())
    out: list[str] = []
    for word in words:
        text = word[:hi].strip() or "a"
        if len(text) < lo:
            text = (text + "a" * lo)[:lo]
        out.append(text)
    out.append("a" * lo if lo else "a")
    out.append(("Ab" * hi)[:hi] if hi else "a")
    return tuple(dict.fromkeys(t for t in out if lo <= len(t) <= max(hi, 1)))


def _text(meta: dict[str, Any]) -> st.SearchStrategy[str]:
    length = meta.get("length")
    lo = int(meta.get("min_length", 1)) if length is None else int(length)
    hi = int(meta.get("max_length", _MAX_TEXT)) if length is None else int(length)
    # one draw per value: a pool shrinks to its first entry and keeps generation fast
    return st.sampled_from(_pool(max(lo, 1), max(hi, 1), meta.get("pattern") is None))


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
    if meta.get("name") in _BSN_TAGS:
        return _BSNS
    total = int(meta.get("total_digits", 9))
    return st.integers(0, 10**total - 1)


def _with_check_digit(first: int) -> int | None:
    """The 9-digit BSN whose first 8 digits are ``first`` and that passes the 11-check."""
    digits = f"{first:08d}"
    check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    return None if check == 10 else first * 10 + check


#: tags of citizen service numbers (BSN): drawn so that they pass the 11-check
_BSN_TAGS = frozenset({"SofiNr"})
# one first-8-digits in eleven has no check digit; those shrink to their neighbour
_BSNS = st.integers(0, 10**8 - 1).map(
    lambda n: _with_check_digit(n) or _with_check_digit(n + 1) or 0
)


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


def _writing_face(cls: type) -> Mapping[str, tuple[Split, ...]]:
    """Tag -> split points of a binding class's elements in its release's writing face."""
    namespace = getattr(sys.modules[cls.__module__], "__NAMESPACE__", None)
    for mt in MessageType:
        for release in mt.releases:
            if release.reconstructed and mt.namespace(release) == namespace:
                points = splits(mt, release)
                for klass in cls.__mro__:
                    if klass.__name__ in points:
                        return points[klass.__name__]
                return {}
    return {}


def _narrowed(
    tp: Any, value: st.SearchStrategy[Any], points: tuple[Split, ...]
) -> st.SearchStrategy[Any]:
    """``value`` kept to the codes of a writing face."""
    for point in points:
        if point.kind != "codes":
            continue
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return st.sampled_from([m for m in tp if m.value in point.codes])
        return st.sampled_from(point.codes)
    return value


@cache
def documents(cls: type) -> st.SearchStrategy[Any]:
    """Instances of a generated binding class that are valid against its schema (for a
    reconstructed release: its writing face)."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    alternatives: dict[str, st.SearchStrategy[Any]] = {}
    face = _writing_face(cls)
    groups = tuple(
        kept
        for group in choice_groups(cls)
        if (kept := tuple(n for n in group if not _is(face.get(n, ()), "absent")))
    )
    in_choice = {name for group in groups for name in group}
    for f in dataclasses.fields(cls):
        meta = dict(f.metadata)
        tp, optional, is_list = _unwrap(hints[f.name])
        points = face.get(meta.get("name", ""), ())
        required = max((p.min for p in points if p.kind == "required"), default=0)
        if _is(points, "absent"):
            fields[f.name] = st.just([]) if is_list else st.none()
            continue
        value = _narrowed(tp, _value(tp, meta), points)
        if is_list:
            lo = max(int(meta.get("min_occurs", 0)), required)
            hi = meta.get("max_occurs")
            cap = lo + _MAX_REPEAT if hi is None else min(int(hi), lo + _MAX_REPEAT)
            fields[f.name] = st.lists(value, min_size=lo, max_size=cap)
        elif f.metadata.get("name") in in_choice and not required:
            alternatives[f.metadata["name"]] = value.map(_tagged(f.name))
            fields[f.name] = st.none()
        elif optional and not required:
            fields[f.name] = st.none() | value
        else:
            fields[f.name] = value
    built = st.builds(cls, **fields)
    for group in groups:
        if all(name in alternatives for name in group):
            built = st.tuples(built, st.one_of([alternatives[name] for name in group])).map(_choose)
    return built


def _is(points: tuple[Split, ...], kind: str) -> bool:
    return any(p.kind == kind for p in points)


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


# --------------------------------------------------------------------------- domain model


def _sources(model_cls: type) -> list[tuple[MessageType, Release, str]]:
    from ..model import MODEL_CLASSES

    out = []
    for (title, type_name), cls in MODEL_CLASSES.items():
        if cls is not model_cls:
            continue
        mt = next(m for m in MessageType if m.title == title)
        out += [
            (mt, rel, type_name)
            for rel in mt.releases
            if hasattr(binding_module(mt, rel), type_name)
        ]
    return out


@cache
def model_objects(model_cls: type, release: Release | None = None) -> st.SearchStrategy[Any]:
    """Valid instances of a domain-model class (``sivi_verzuim.model``).

    Each instance is the model of a schema-valid element of some message in some release (or
    in ``release``), so it converts back with :func:`~sivi_verzuim.from_model`.
    """
    from .._mapping import _to_model

    sources = [s for s in _sources(model_cls) if release is None or s[1] is release]
    if not sources:
        raise ValueError(f"{model_cls.__name__} does not occur in release {release}")
    roots = {
        (mt, rel) for mt, rel, type_name in sources if mt.root and _is_root(mt, rel, type_name)
    }

    def build(source: tuple[MessageType, Release, str]) -> st.SearchStrategy[Any]:
        mt, rel, type_name = source
        if (mt, rel) in roots:
            return messages(rel, mt).map(lambda m: _to_model(m.document, m.message_type))
        binding = getattr(binding_module(mt, rel), type_name)
        return documents(binding).map(lambda doc: _to_model(doc, mt))

    return st.sampled_from(sources).flatmap(build)


def _is_root(mt: MessageType, rel: Release, type_name: str) -> bool:
    return any(k.__name__ == type_name for k in binding_class(mt, rel).__mro__[1:])


# The chain strategies live beside the chain validator; they are re-exported here lazily, since
# they build on the message strategies above.
_CHAIN_EXPORTS = frozenset(
    {"DEFECTS", "BrokenChain", "Chain", "absence_message", "broken_chains", "chains"}
)


def __getattr__(name: str) -> Any:
    if name in _CHAIN_EXPORTS:
        from ..chain import testing as chain_testing

        return getattr(chain_testing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
