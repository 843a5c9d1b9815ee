"""Seeded, deterministic mutators over the shipped example messages, and the contract they test.

A helper of ``tests/test_fuzz.py`` (not a test module). A *case* is an example message
(``examples/<year>/*.xml`` or ``examples/inbox/**.xml``) and a list of concrete *operations*:
structural ones on the parsed lxml tree, then byte-level ones on the rendered bytes. Every
operation is plain JSON data (``["drop", 17]``, ``["text", 42, "NaN"]``), so a case is
reproducible from ``(seed, index)`` alone and from ``(example, operations)`` alone::

    python tests/fuzzing.py case --seed 20240901 --index 17 --run      # regenerate and run
    python tests/fuzzing.py replay --example 2021/VZ-2021-01-ziekmelding.xml \
        --ops '[["drop", 17]]' -o case.xml --run                       # replay a recorded list

The contract (:class:`Runner`): for any bytes, every public entry point raises only
:class:`sivi_verzuim.SiviError` (and subclasses); ``serialize(m, validate=False)`` succeeds for
every tolerant parse result, re-parses tolerantly and still contains every unknown element.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import copy
import io
import json
import random
import re
import shutil
import signal
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

import sivi_verzuim
from sivi_verzuim import (
    MessageType,
    Release,
    SiviError,
    convert,
    from_model,
    parse,
    serialize,
    to_model,
    validate,
)
from sivi_verzuim.chain import ChainValidator
from sivi_verzuim.classification import classify_message

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
LIBRARY = Path(sivi_verzuim.__file__).resolve().parent
DEFAULT_SEED = 20240901

Op = tuple[Any, ...]

# --------------------------------------------------------------------------- examples


def example_files() -> tuple[str, ...]:
    """Every shipped example message, as a path relative to ``examples/`` (sorted)."""
    found = [*EXAMPLES.glob("20*/*.xml"), *EXAMPLES.glob("inbox/**/*.xml")]
    return tuple(sorted(p.relative_to(EXAMPLES).as_posix() for p in found))


_EXAMPLE_BYTES: dict[str, bytes] = {}


def example_bytes(example: str) -> bytes:
    data = _EXAMPLE_BYTES.get(example)
    if data is None:
        data = _EXAMPLE_BYTES[example] = (EXAMPLES / example).read_bytes()
    return data


# --------------------------------------------------------------------------- values

LONG = 10_000
_RAW = "FzRaw{}Q"  # placeholder in a text, replaced by raw markup after rendering

# Named odd values; "raw:" ones are markup put into the bytes as they are.
TEXT_PRESETS: dict[str, tuple[str, ...]] = {
    "any": (
        "",
        " ",
        " \t\n ",
        "long",
        "long-nonascii",
        "\U0001d11e\U0001f600",
        "\U0010fffd",
        "\u202etxet\u200b",
        "e\u0301\u00a0",
        "\uff11\uff12\uff13",
        "<>&\"'",
        "raw:&#x1;",
        "raw:&#0;",
        "raw:&#x9;",
        "raw:&#xD;",
        "raw:&#x85;",
        "raw:&#xFFFE;",
        "raw:&#x10FFFF;",
        "raw:&#xD800;",
        "raw:&#99999999;",
        "raw:&amp;&lt;&gt;",
        "raw:&nbsp;",
        "raw:&unknown;",
    ),
    "date": (
        "0000-01-01",
        "-0001-01-01",
        "12345-01-01",
        "99999999999999999999-01-01",
        "2021-02-29",
        "2021-13-01",
        "2021-00-10",
        "2021-03-32",
        "2021-03-02Z",
        "2021-03-02+14:00",
        "2021-03-02+25:00",
        "0001-01-01",
        "9999-12-31",
        " 2021-03-02 ",
        "2021-3-2",
        "\u0662\u0660\u0662\u0661-03-02",
    ),
    "time": (
        "24:00:00",
        "23:59:60",
        "25:00:00",
        "09:30:00.123456789",
        "09:30:00.1234567891",
        "09:30:00." + "9" * 200,
        "09:30:00Z",
        "09:30:00+14:00",
        "09:30:00-14:01",
        "00:00:00-00:00",
        "9:30",
        "09:30",
        "09:60:00",
    ),
    "number": (
        "NaN",
        "INF",
        "-INF",
        "1e400",
        "1E2",
        "-0",
        "-0.00",
        "100.000",
        "+100.00",
        "00100.00",
        ".5",
        "5.",
        "1" + "0" * 400,
        "9" * 5000,
        "0." + "0" * 30 + "1",
        "1,5",
        " 100.00",
        "\u0661\u0660\u0660.\u0660\u0660",
        "-1",
        "99999999999999999999999",
        "1.0",
        "+1",
        "0x10",
        "0.00",
        "0.01",
        "999.99",
        "0",
        "99999",
    ),
}

_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
_TIME = re.compile(r"^\d\d:\d\d:\d\d$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _kind_of_text(text: str | None) -> str:
    text = (text or "").strip()
    if _DATE.match(text):
        return "date"
    if _TIME.match(text):
        return "time"
    if _NUMBER.match(text):
        return "number"
    return "any"


UNKNOWN_NAMES = ("Foo", "Vrzm2", "brcd", "BRCD", "\u00c4nd", "x-y.z", "_", "Onbekend")
OTHER_NAMES = ("BrAlg", "Vrzm", "Wrkgvr", "Datastring", "Retourmelding1", "Foutmldng", "Afspr")
XI_NS = "http://www.w3.org/2001/XInclude"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NS_PREFIX = "http://www.sivi.org/Verzuimmanagement/"
YEARS = tuple(r.value for r in Release)


# --------------------------------------------------------------------------- tree state


class _Tree:
    """The parsed example being mutated, with the text fix-ups applied after rendering."""

    def __init__(self, data: bytes) -> None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        self.root = etree.fromstring(data, parser)
        self.fixups: list[tuple[bytes, bytes]] = []
        self.prefixed = False  # every unprefixed element gets v: (t_prefix, scope document)

    @property
    def ns(self) -> str:
        return etree.QName(self.root).namespace or ""

    def elements(self) -> list[etree._Element]:
        return [e for e in self.root.iter() if isinstance(e.tag, str)]

    def leaves(self) -> list[int]:
        return [i for i, e in enumerate(self.elements()) if len(e) == 0]

    def marker(self, raw: str) -> str:
        token = _RAW.format(len(self.fixups))
        self.fixups.append((token.encode(), raw.encode("utf-8")))
        return token

    def render(self) -> bytes:
        data = etree.tostring(self.root.getroottree(), xml_declaration=True, encoding="UTF-8")
        if self.prefixed:  # before the fix-ups, which bring in names of their own
            data = _UNPREFIXED_TAG.sub(rb"<\1v:\2", data)
        for old, new in self.fixups:
            if not old:
                continue
            if self.prefixed and old.startswith(b"</"):
                data = data.replace(b"</v:" + old[2:], new)
            elif self.prefixed and old.startswith(b"<"):
                data = data.replace(b"<v:" + old[1:], new)
            data = data.replace(old, new)
        return data


def _path(el: etree._Element) -> str:
    steps = []
    node: etree._Element | None = el
    while node is not None:
        parent = node.getparent()
        name = etree.QName(node).localname
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))


def _value(tree: _Tree, preset: str) -> str:
    if preset == "long":
        return "x" * LONG
    if preset == "long-nonascii":
        return "\u00e9\U0001f600" * (LONG // 2)
    if preset.startswith("raw:"):
        return tree.marker(preset[4:])
    return preset


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


# Tree operations: each takes the tree and concrete arguments, mutates, and returns a
# description; None when the arguments do not fit the (already mutated) tree: skipped.


def _get(tree: _Tree, i: int) -> etree._Element | None:
    elements = tree.elements()
    return elements[i] if 0 <= i < len(elements) else None


def t_drop(tree: _Tree, i: int) -> str | None:
    el = _get(tree, i)
    if el is None or el.getparent() is None:
        return None
    where = _path(el)
    el.getparent().remove(el)
    return f"drop {where}"


def t_duplicate(tree: _Tree, i: int, times: int) -> str | None:
    el = _get(tree, i)
    if el is None or el.getparent() is None:
        return None
    for _ in range(times):
        el.addnext(_copy(el))
    return f"duplicate {_path(el)} x{times}"


def _copy(el: etree._Element) -> etree._Element:
    new = copy.deepcopy(el)
    new.tail = el.tail
    return new


def t_swap(tree: _Tree, i: int) -> str | None:
    el = _get(tree, i)
    if el is None:
        return None
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is None:
        return None
    where = f"swap {_path(el)} with {_path(nxt)}"
    el.addprevious(nxt)
    return where


def t_move(tree: _Tree, i: int, j: int, pos: int) -> str | None:
    el, target = _get(tree, i), _get(tree, j)
    if el is None or target is None or el.getparent() is None:
        return None
    if target is el or any(a is el for a in target.iterancestors()):
        return None
    where = f"move {_path(el)} into {_path(target)} at {pos}"
    tail = el.tail
    el.getparent().remove(el)
    el.tail = tail
    target.insert(min(pos, len(target)), el)
    return where


def t_rename(tree: _Tree, i: int, name: str) -> str | None:
    el = _get(tree, i)
    if el is None:
        return None
    where = _path(el)
    el.tag = etree.QName(etree.QName(el).namespace, name).text
    return f"rename {where} to {name!r}"


def t_rename_ns(tree: _Tree, i: int, ns: str) -> str | None:
    el = _get(tree, i)
    if el is None:
        return None
    where, name = _path(el), _local(el)
    if ns:
        el.tag = etree.QName(ns, name).text
    elif el.prefix is not None:
        return None
    else:  # lxml would render an un-namespaced child without xmlns="": write it by hand
        token = f"FzNoNs{len(tree.fixups)}Q{name}"
        el.tag = etree.QName(etree.QName(el).namespace, token).text
        tree.fixups.append((f"<{token}".encode(), f'<{name} xmlns=""'.encode()))
        tree.fixups.append((f"</{token}>".encode(), f"</{name}>".encode()))
    return f"move {where} to namespace {ns!r}"


_UNPREFIXED_TAG = re.compile(rb"<(/?)([^\s/>:!?<]+)(?=[\s/>])")  # also non-ASCII names


def t_prefix(tree: _Tree, i: int, scope: str = "element") -> str | None:
    """Write element i (or, with scope ``document``, every element without a prefix) with a
    prefix ``v:`` bound to its own namespace: the same XML meaning."""
    if scope == "document":
        ns = tree.ns
        if not ns or tree.prefixed:
            return None
        tree.prefixed = True
        tree.fixups.append((b"", b""))  # keeps the numbering of later tokens apart
        tree.fixups.append((f' xmlns="{ns}"'.encode(), f' xmlns:v="{ns}"'.encode()))
        return "prefix v: on every element of the message namespace"
    el = _get(tree, i)
    if el is None or el.prefix is not None:
        return None
    where, name, ns = _path(el), _local(el), etree.QName(el).namespace or ""
    token = f"FzPfx{len(tree.fixups)}Q{name}"
    el.tag = etree.QName(etree.QName(el).namespace, token).text
    tree.fixups.append((f"<{token}".encode(), f'<v:{name} xmlns:v="{ns}"'.encode()))
    tree.fixups.append((f"</{token}>".encode(), f"</v:{name}>".encode()))
    return f"prefix v: on {where}"


def t_insert_unknown(tree: _Tree, i: int, pos: int, name: str, shape: str) -> str | None:
    parent = _get(tree, i)
    if parent is None:
        return None
    q = etree.QName(parent).namespace
    new = etree.Element(etree.QName(q, name).text if q else name)
    if shape == "leaf":
        new.text = "onbekend"
    elif shape == "tree":
        for child, text in (("Bar", "1"), ("Baz", None), ("BrCd", "00100")):
            sub = etree.SubElement(new, etree.QName(q, child).text if q else child)
            sub.text = text
        etree.SubElement(new[0], etree.QName(q, "Diep").text if q else "Diep").text = "2"
    elif shape == "known-name":  # an unknown place for a known element
        new.text = "x"
    new.tail = parent.text if len(parent) == 0 else None
    parent.insert(min(pos, len(parent)), new)
    return f"insert {shape} <{name}> into {_path(parent)} at {pos}"


def t_child_in_leaf(tree: _Tree, i: int, name: str) -> str | None:
    el = _get(tree, i)
    if el is None or len(el):
        return None
    el.text = el.text or "x"
    q = etree.QName(el).namespace
    etree.SubElement(el, etree.QName(q, name).text if q else name)
    return f"child <{name}/> inside leaf {_path(el)}"


def t_xinclude(tree: _Tree, i: int, pos: int, variant: str) -> str | None:
    parent = _get(tree, i)
    if parent is None:
        return None
    href, how = {
        "text-file": ("/etc/passwd", "text"),
        "xml-file": ("file:///etc/hostname", "xml"),
        "http": ("http://127.0.0.1:9/x.xml", "xml"),
        "fallback": ("/nonexistent.xml", "xml"),
    }[variant]
    inc = etree.Element(f"{{{XI_NS}}}include", href=href, parse=how, nsmap={"xi": XI_NS})
    if variant == "fallback":
        etree.SubElement(inc, f"{{{XI_NS}}}fallback").text = "teruggevallen"
    parent.insert(min(pos, len(parent)), inc)
    return f"xi:include ({variant}) into {_path(parent)} at {pos}"


def t_text(tree: _Tree, i: int, preset: str) -> str | None:
    el = _get(tree, i)
    if el is None or len(el):
        return None
    el.text = _value(tree, preset)
    shown = preset if len(preset) < 40 else preset[:37] + "..."
    return f"text of {_path(el)} = {shown!r}"


def t_markup_in_value(tree: _Tree, i: int, kind: str) -> str | None:
    el = _get(tree, i)
    if el is None or len(el):
        return None
    text = el.text or "x"
    head, tail = text[: len(text) // 2 or 1], text[len(text) // 2 or 1 :]
    if kind == "comment":
        el.text = head
        el.append(etree.Comment("x"))
        el[-1].tail = tail
    elif kind == "pi":
        el.text = head
        el.append(etree.ProcessingInstruction("fz", "x"))
        el[-1].tail = tail
    elif kind == "comment-only":
        el.text = None
        el.append(etree.Comment(text))
    elif kind == "cdata":
        el.text = tree.marker(f"<![CDATA[{head}]]>") + tail
    elif kind == "charref":
        el.text = tree.marker("".join(f"&#{ord(c)};" for c in text))
    else:
        return None
    return f"{kind} inside the value of {_path(el)}"


def t_attribute(tree: _Tree, i: int, kind: str) -> str | None:
    el = _get(tree, i)
    if el is None:
        return None
    if kind == "unknown":
        el.set("foo", "bar")
    elif kind == "xsi:nil":
        el.set(f"{{{XSI_NS}}}nil", "true")
    elif kind == "xsi:nil-false":
        el.set(f"{{{XSI_NS}}}nil", "false")
    elif kind == "xsi:type":
        el.set(f"{{{XSI_NS}}}type", "xs:string")
    elif kind == "xsi:type-unknown":
        el.set(f"{{{XSI_NS}}}type", "fz:Onbekend")
    elif kind == "xsi:schemaLocation":
        el.set(f"{{{XSI_NS}}}schemaLocation", f"{tree.ns} http://127.0.0.1:9/x.xsd")
    elif kind == "xml:lang":
        el.set("{http://www.w3.org/XML/1998/namespace}lang", "nl")
    elif kind == "other-ns":
        el.set("{urn:fuzz}attr", "1")
    elif kind == "many":
        for n in range(300):
            el.set(f"a{n}", str(n))
    else:
        return None
    return f"attribute {kind} on {_path(el)}"


def t_mixed(tree: _Tree, i: int, kind: str) -> str | None:
    el = _get(tree, i)
    if el is None or not len(el):
        return None
    first = el[0]
    if kind == "text":
        first.tail = (first.tail or "") + "los tekst"
    elif kind == "comment":
        first.addnext(etree.Comment(" tussen "))
    elif kind == "pi":
        first.addnext(etree.ProcessingInstruction("fz", "tussen"))
    else:
        return None
    return f"{kind} between the children of {_path(el)}"


def t_clear(tree: _Tree, i: int) -> str | None:
    el = _get(tree, i)
    if el is None or not len(el):
        return None
    for child in list(el):
        el.remove(child)
    el.text = None
    return f"empty {_path(el)}"


def t_wrap(tree: _Tree, i: int, depth: int) -> str | None:
    el = _get(tree, i)
    if el is None or el.getparent() is None:
        return None
    where = _path(el)
    q = etree.QName(el).namespace
    outer = inner = etree.Element(etree.QName(q, "Nest").text if q else "Nest")
    for _ in range(depth - 1):
        inner = etree.SubElement(inner, etree.QName(q, "Nest").text if q else "Nest")
    el.addprevious(outer)
    inner.append(el)
    return f"wrap {where} in {depth} unknown element(s)"


def t_swap_values(tree: _Tree, i: int, j: int) -> str | None:
    a, b = _get(tree, i), _get(tree, j)
    if a is None or b is None or len(a) or len(b) or a is b:
        return None
    a.text, b.text = b.text, a.text
    return f"swap the values of {_path(a)} and {_path(b)}"


def t_namespace(tree: _Tree, ns: str) -> str | None:
    old = tree.ns
    if not old:
        return None
    new = f' xmlns="{ns}"'.encode() if ns else b""
    tree.fixups.append((f' xmlns="{old}"'.encode(), new))
    return f"namespace {old!r} -> {ns!r}"


def t_root(tree: _Tree, kind: str, name: str) -> str | None:
    root, ns = tree.root, tree.ns
    if kind == "rename":
        root.tag = etree.QName(ns or None, name).text
        return f"root renamed to {name!r}"
    if kind == "other-message":  # another message's root in its own namespace
        token = f"FzRoot{len(tree.fixups)}Q{name}"
        root.tag = etree.QName(ns or None, token).text
        year = ns.rsplit("/", 1)[-1]
        tree.fixups += [
            (f"<{token}".encode(), f"<{name}".encode()),
            (f"</{token}>".encode(), f"</{name}>".encode()),
            (f' xmlns="{ns}"'.encode(), f' xmlns="{NS_PREFIX}{name}/{year}"'.encode()),
        ]
        return f"root and namespace of {name!r}"
    if kind == "wrap":
        wrapper = etree.Element(etree.QName(ns or None, name).text, nsmap=root.nsmap)
        wrapper.append(root)
        tree.root = wrapper
        return f"root wrapped in <{name}>"
    if kind == "header-only":
        for child in list(root)[1:]:
            root.remove(child)
        return "root keeps only its first child"
    if kind == "empty":
        for child in list(root):
            root.remove(child)
        root.text = None
        return "root emptied"
    return None


VRZM_EDITS = (
    "twin-next",  # the absence mutation twice in one message, the copy with the next number
    "twin-same",  # the same mutation twice
    "twin-employee",  # the employee twice, the copy with another IdWrknmr
    "code:01",
    "code:02",
    "code:03",
    "code:04",
    "code:05",
    "end-without-recovery",
    "recovery-before-start",
    "seq:0",
    "seq:2",
    "seq:99999",
    "pct:0.00",
    "pct:50.00",
    "case:VZ-2024-000201",
    "case:VZ-2024-000187",
)


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el if isinstance(c.tag, str) and _local(c) == name), None)


def _set_child(el: etree._Element, name: str, text: str, after: str | None = None) -> None:
    found = _child(el, name)
    if found is None:
        q = etree.QName(el).namespace
        found = etree.Element(etree.QName(q, name).text if q else name)
        anchor = _child(el, after) if after else None
        if anchor is not None:
            anchor.addnext(found)
        else:
            el.append(found)
    found.text = text


def t_vrzm(tree: _Tree, k: int, edit: str) -> str | None:
    """A change with meaning for the chain validator to the ``k``-th absence mutation (Vrzm),
    mostly keeping the message valid."""
    found = [e for e in tree.elements() if _local(e) == "Vrzm"]
    if not found:
        return None
    vrzm = found[k % len(found)]
    where = _path(vrzm)
    if edit == "twin-next":
        twin = _copy(vrzm)
        seq = _child(twin, "VrzmgvlVnrMld")
        if seq is not None and (seq.text or "").isdigit():
            seq.text = str(int(seq.text or "0") + 1)
        vrzm.addnext(twin)
    elif edit == "twin-same":
        vrzm.addnext(_copy(vrzm))
    elif edit == "twin-employee":
        employee = next((a for a in vrzm.iterancestors() if _local(a) == "Wrknmr"), None)
        if employee is None:
            return None
        twin = _copy(employee)
        ident = _child(twin, "IdWrknmr")
        if ident is not None:
            ident.text = (ident.text or "") + "-2"
        employee.addnext(twin)
    elif edit.startswith("code:"):
        _set_child(vrzm, "VrwrkCd", edit[5:])
    elif edit == "end-without-recovery":
        _set_child(vrzm, "EndVrzmJN", "J")
        hersteld = _child(vrzm, "DatHrstld")
        if hersteld is not None:
            vrzm.remove(hersteld)
    elif edit == "recovery-before-start":
        _set_child(vrzm, "EndVrzmJN", "J")
        _set_child(vrzm, "DatHrstld", "1900-01-01", after="DatVrwHrstl")
    elif edit.startswith("seq:"):
        _set_child(vrzm, "VrzmgvlVnrMld", edit[4:])
    elif edit.startswith("pct:"):
        _set_child(vrzm, "PrcVrzm", edit[4:])
    elif edit.startswith("case:"):
        _set_child(vrzm, "VrzmgvlId", edit[5:])
    else:
        return None
    return f"{edit} on {where}"


TREE_OPS: dict[str, Callable[..., str | None]] = {
    "drop": t_drop,
    "duplicate": t_duplicate,
    "swap": t_swap,
    "move": t_move,
    "rename": t_rename,
    "rename-ns": t_rename_ns,
    "prefix": t_prefix,
    "insert-unknown": t_insert_unknown,
    "child-in-leaf": t_child_in_leaf,
    "xinclude": t_xinclude,
    "text": t_text,
    "markup-in-value": t_markup_in_value,
    "attribute": t_attribute,
    "mixed": t_mixed,
    "clear": t_clear,
    "wrap": t_wrap,
    "swap-values": t_swap_values,
    "namespace": t_namespace,
    "root": t_root,
    "vrzm": t_vrzm,
}


# --------------------------------------------------------------------------- byte operations

_DECL = re.compile(rb"\A<\?xml[^>]*\?>")
_ENC = re.compile(rb"""encoding\s*=\s*(["'])[^"']*\1""")


def _set_encoding(data: bytes, name: str | None) -> bytes:
    m = _DECL.match(data)
    if m is None:
        decl = b"<?xml version='1.0'?>"
        m_end = 0
    else:
        decl, m_end = m.group(0), m.end()
    decl = _ENC.sub(b"", decl).replace(b"  ", b" ")
    if name is not None:
        decl = decl.replace(b"?>", f' encoding="{name}"?>'.encode()).replace(b" ?>", b"?>")
        decl = re.sub(rb"\s+encoding", b" encoding", decl)
    return decl + data[m_end:]


def b_flip(data: bytes, pos: int, bit: int) -> tuple[bytes, str]:
    pos %= max(len(data), 1)
    if not data:
        return data, "flip (empty)"
    out = bytearray(data)
    out[pos] ^= 1 << bit
    return bytes(out), f"flip bit {bit} of byte {pos}"


INSERTS: dict[str, bytes] = {
    "nul": b"\x00",
    "lt": b"<",
    "amp": b"&",
    "cdata-end": b"]]>",
    "ff": b"\xff",
    "lone-lead": b"\xc3",
    "surrogate": b"\xed\xa0\x80",
    "above-max": b"\xf4\x90\x80\x80",
    "overlong": b"\xc0\xaf",
    "comment-open": b"<!--",
    "decl": b"<?xml version='1.0'?>",
    "bom": codecs.BOM_UTF8,
    "ctrl": b"\x01\x1b",
}


def b_insert(data: bytes, pos: int, what: str) -> tuple[bytes, str]:
    pos %= len(data) + 1
    return data[:pos] + INSERTS[what] + data[pos:], f"insert {what} at byte {pos}"


def b_delete(data: bytes, pos: int, n: int) -> tuple[bytes, str]:
    pos %= len(data) + 1
    return data[:pos] + data[pos + n :], f"delete {n} byte(s) at {pos}"


def b_truncate(data: bytes, keep: int) -> tuple[bytes, str]:
    keep %= len(data) + 1
    return data[:keep], f"truncate to {keep} byte(s)"


def b_encoding(data: bytes, name: str) -> tuple[bytes, str]:
    return _set_encoding(data, name or None), f"declared encoding {name or '(none)'!r}"


BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "double-utf-8": codecs.BOM_UTF8 * 2,
}


def b_bom(data: bytes, bom: str, declared: str) -> tuple[bytes, str]:
    body = _set_encoding(data, declared) if declared else data
    return BOMS[bom] + body, f"{bom} BOM before a document declared {declared or 'as is'!r}"


def b_reencode(data: bytes, codec: str, bom: bool, declared: str) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    if declared != "keep":
        text = _set_encoding(text.encode("utf-8"), declared or None).decode("utf-8")
    body = text.encode(codec, "xmlcharrefreplace")
    prefix = b""
    if bom:
        prefix = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE}.get(codec, b"")
        prefix = prefix or {
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }.get(codec, b"")
    what = f"re-encoded as {codec}{' with BOM' if bom else ''}, declared {declared or '(none)'!r}"
    return prefix + body, what


def b_declaration(data: bytes, kind: str) -> tuple[bytes, str]:
    m = _DECL.match(data)
    rest = data[m.end() :] if m else data
    decl = m.group(0) if m else b""
    if kind == "remove":
        out = rest.lstrip()
    elif kind == "version-1.1":
        out = b'<?xml version="1.1" encoding="UTF-8"?>' + rest
    elif kind == "version-2.0":
        out = b'<?xml version="2.0"?>' + rest
    elif kind == "standalone":
        out = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + rest
    elif kind == "leading-space":
        out = b"  \n" + data
    elif kind == "twice":
        out = decl + b"\n" + decl + rest
    elif kind == "late":
        out = rest.replace(b">", b">" + decl, 1)
    elif kind == "crlf":
        out = data.replace(b"\n", b"\r\n")
    elif kind == "cr":
        out = data.replace(b"\n", b"\r")
    elif kind == "trailing-element":
        out = data + b"<Tweede/>"
    elif kind == "trailing-text":
        out = data + b"rommel"
    elif kind == "trailing-nul":
        out = data + b"\x00"
    elif kind == "comment-prolog":
        out = decl + b"<!--" + b"-" * 0 + b"x" * 5000 + b"-->" + rest
    else:
        return data, f"declaration {kind} (unknown)"
    return out, f"declaration: {kind}"


DOCTYPES: dict[str, bytes] = {
    "internal-entity": b'<!DOCTYPE r [<!ENTITY e "waarde">]>',
    "xxe-file": b'<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    "xxe-http": b'<!DOCTYPE r [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>',
    "parameter": b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>',
    "lowercase": b"<!doctype r>",
    "laughs": b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY e "&b;&b;&b;&b;&b;&b;&b;&b;">]>',
}


def b_doctype(data: bytes, kind: str) -> tuple[bytes, str]:
    m = _DECL.match(data)
    cut = m.end() if m else 0
    out = data[:cut] + DOCTYPES[kind] + data[cut:]
    # and use the entity in the first value
    out = re.sub(rb">([^<\s][^<]*)</", rb">&e;\1</", out, count=1)
    return out, f"DOCTYPE {kind} (and &e; in the first value)"


BYTE_OPS: dict[str, Callable[..., tuple[bytes, str]]] = {
    "flip": b_flip,
    "insert": b_insert,
    "delete": b_delete,
    "truncate": b_truncate,
    "encoding": b_encoding,
    "bom": b_bom,
    "reencode": b_reencode,
    "declaration": b_declaration,
    "doctype": b_doctype,
}

# --------------------------------------------------------------------------- generation


def _gen_tree(kind: str, rng: random.Random, tree: _Tree) -> Op | None:
    elements = tree.elements()
    n = len(elements)
    if n == 0:
        return None
    i = rng.randrange(n)
    non_root = rng.randrange(1, n) if n > 1 else None
    leaves = tree.leaves()
    leaf = rng.choice(leaves) if leaves else None
    inner = [k for k, e in enumerate(elements) if len(e)]
    container = rng.choice(inner) if inner else None
    if container is not None and container != 0 and rng.random() < 0.3:
        non_root = container  # now and then a whole group (Vrzm, Wrknmr, BrAlg, ...)
    if kind in ("drop", "swap"):
        return (kind, non_root) if non_root is not None else None
    if kind == "duplicate":
        return None if non_root is None else (kind, non_root, rng.choice((1, 1, 1, 2, 60)))
    if kind == "move":
        if non_root is None:
            return None
        j = rng.choice(inner) if inner and rng.random() < 0.7 else rng.randrange(n)
        return (kind, non_root, j, rng.randrange(0, 12))
    if kind == "rename":
        names = sorted({_local(e) for e in elements} | set(OTHER_NAMES))
        pool = UNKNOWN_NAMES if rng.random() < 0.35 else names
        return (kind, i if rng.random() < 0.1 else (non_root or 0), rng.choice(pool))
    if kind == "rename-ns":
        year = rng.choice(YEARS)
        ns = rng.choice(
            (
                "urn:fuzz",
                "",
                re.sub(r"/\d{4}$", f"/{year}", tree.ns),
                re.sub(r"/\d{4}$", "/2019", tree.ns),
                XI_NS,
            )
        )
        target = leaf if ns == "" else i
        return None if target is None else (kind, target, ns)
    if kind == "prefix":
        return (kind, i, "document" if rng.random() < 0.3 else "element")
    if kind == "insert-unknown":
        parent = container if container is not None and rng.random() < 0.8 else i
        shape = rng.choice(("leaf", "tree", "known-name"))
        names = sorted({_local(e) for e in elements})
        name = rng.choice(names) if shape == "known-name" else rng.choice(UNKNOWN_NAMES)
        return (kind, parent, rng.randrange(0, 15), name, shape)
    if kind == "child-in-leaf":
        if leaf is None:
            return None
        return (kind, leaf, rng.choice(("Foo", "BrCd", _local(elements[leaf]))))
    if kind == "xinclude":
        parent = container if container is not None else 0
        variant = rng.choice(("text-file", "xml-file", "http", "fallback"))
        return (kind, parent, rng.randrange(0, 10), variant)
    if kind == "text":
        if leaf is None:
            return None
        group = _kind_of_text(elements[leaf].text)
        if group == "any" or rng.random() < 0.3:
            group = rng.choice(tuple(TEXT_PRESETS))
        return (kind, leaf, rng.choice(TEXT_PRESETS[group]))
    if kind == "markup-in-value":
        if leaf is None:
            return None
        return (kind, leaf, rng.choice(("comment", "pi", "comment-only", "cdata", "charref")))
    if kind == "attribute":
        kinds = (
            "unknown",
            "xsi:nil",
            "xsi:nil-false",
            "xsi:type",
            "xsi:type-unknown",
            "xsi:schemaLocation",
            "xml:lang",
            "other-ns",
            "many",
        )
        return (kind, i, rng.choice(kinds))
    if kind == "mixed":
        return (
            None if container is None else (kind, container, rng.choice(("text", "comment", "pi")))
        )
    if kind == "clear":
        return None if container is None else (kind, container)
    if kind == "wrap":
        return None if non_root is None else (kind, non_root, rng.choice((1, 1, 3, 70, 300)))
    if kind == "swap-values":
        if len(leaves) < 2:
            return None
        a = rng.choice(leaves)
        same = [k for k in leaves if k != a and _same_kind(elements[k], elements[a])]
        b = rng.choice(same) if same and rng.random() < 0.6 else rng.choice(leaves)
        return None if a == b else (kind, a, b)
    if kind == "namespace":
        m = re.match(r"^(.*/)([^/]+)/(\d{4})$", tree.ns)
        if m is None:
            return None
        base, root, _year = m.groups()
        choices = (
            f"{base}{root}/{rng.choice(YEARS)}",
            f"{base}{root}/2019",
            f"{base}{root}/2099",
            f"{base}{root}",
            f"{base}{root}/2021/",
            f"{base}{rng.choice([mt.root for mt in MessageType])}/{rng.choice(YEARS)}",
            "https://www.sivi.org/Verzuimmanagement/" + f"{root}/{_year}",
            "",
        )
        return (kind, rng.choice(choices))
    if kind == "vrzm":
        if not any(_local(e) == "Vrzm" for e in elements):
            return None
        return (kind, rng.randrange(4), rng.choice(VRZM_EDITS))
    if kind == "root":
        what = rng.choice(("rename", "other-message", "wrap", "header-only", "empty"))
        roots = [mt.root for mt in MessageType]
        name = rng.choice((*roots, *UNKNOWN_NAMES[:3])) if what != "wrap" else "Envelop"
        if what == "other-message":
            name = rng.choice(roots)
        return (kind, what, name)
    raise KeyError(kind)


def _same_kind(a: etree._Element, b: etree._Element) -> bool:
    """Two leaves whose values are alike (both dates, both numbers, or the same element name)."""
    kind = _kind_of_text(a.text)
    return _local(a) == _local(b) or (kind != "any" and kind == _kind_of_text(b.text))


def _gen_bytes(kind: str, rng: random.Random, data: bytes) -> Op:
    n = max(len(data), 1)
    if kind == "flip":
        return (kind, rng.randrange(n), rng.randrange(8))
    if kind == "insert":
        return (kind, rng.randrange(n + 1), rng.choice(sorted(INSERTS)))
    if kind == "delete":
        return (kind, rng.randrange(n), rng.choice((1, 1, 2, 7, 100)))
    if kind == "truncate":
        return (kind, rng.choice((0, 1, 5, 38, rng.randrange(n), n - 1)))
    if kind == "encoding":
        names = (
            "ISO-8859-1",
            "US-ASCII",
            "UTF-16",
            "UTF-32",
            "IBM037",
            "EBCDIC-US",
            "bogus-enc",
            "base64",
            "rot13",
            "UTF-7",
            "Shift_JIS",
            "windows-1252",
            "",
        )
        return (kind, rng.choice(names))
    if kind == "bom":
        return (kind, rng.choice(sorted(BOMS)), rng.choice(("", "UTF-8", "UTF-16", "ISO-8859-1")))
    if kind == "reencode":
        codec = rng.choice(("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "latin-1", "cp037"))
        declared = rng.choice(("keep", "", "UTF-16", "UTF-8", "ISO-8859-1", "IBM037"))
        return (kind, codec, rng.random() < 0.5, declared)
    if kind == "declaration":
        kinds = (
            "remove",
            "version-1.1",
            "version-2.0",
            "standalone",
            "leading-space",
            "twice",
            "late",
            "crlf",
            "cr",
            "trailing-element",
            "trailing-text",
            "trailing-nul",
            "comment-prolog",
        )
        return (kind, rng.choice(kinds))
    if kind == "doctype":
        return (kind, rng.choice(sorted(DOCTYPES)))
    raise KeyError(kind)


KINDS: tuple[str, ...] = (*TREE_OPS, *BYTE_OPS)


@dataclass(frozen=True)
class Case:
    """One generated input: an example and the concrete operations applied to it."""

    seed: int
    index: int
    example: str
    ops: tuple[Op, ...]
    data: bytes = field(repr=False, compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def ident(self) -> str:
        return f"{self.seed}-{self.index:06d}"

    def spec(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "index": self.index,
            "example": self.example,
            "ops": [list(op) for op in self.ops],
        }

    def describe(self) -> str:
        return f"{self.example}: " + ("; ".join(self.notes) or "unchanged")

    def replay_command(self) -> str:
        ops = json.dumps([list(op) for op in self.ops], ensure_ascii=True)
        return (
            f".venv/bin/python tests/fuzzing.py replay --example {self.example} "
            f"--ops '{ops}' -o case.xml --run"
        )


def generate(seed: int, index: int) -> Case:
    """The case number ``index`` of ``seed`` (deterministic)."""
    rng = random.Random(f"sivi-fuzz:{seed}:{index}")
    examples = example_files()
    example = examples[rng.randrange(len(examples))]
    kinds = [KINDS[index % len(KINDS)]]
    for _ in range(rng.choice((0, 0, 1, 1, 2))):  # extra operations, mostly structural
        kinds.append(rng.choice(tuple(BYTE_OPS) if rng.random() < 0.2 else tuple(TREE_OPS)))
    tree_kinds = [k for k in kinds if k in TREE_OPS]
    byte_kinds = [k for k in kinds if k in BYTE_OPS]
    ops: list[Op] = []
    notes: list[str] = []
    data = example_bytes(example)
    if tree_kinds:
        tree = _Tree(data)
        for kind in tree_kinds:
            op = _gen_tree(kind, rng, tree)
            if op is None:
                continue
            note = TREE_OPS[kind](tree, *op[1:])
            if note is None:
                continue
            ops.append(op)
            notes.append(note)
        data = tree.render() if ops else data
    for kind in byte_kinds:
        op = _gen_bytes(kind, rng, data)
        data, note = BYTE_OPS[kind](data, *op[1:])
        ops.append(op)
        notes.append(note)
    return Case(seed, index, example, tuple(ops), data, tuple(notes))


def replay(example: str, ops: Sequence[Sequence[Any]], *, seed: int = -1, index: int = -1) -> Case:
    """Apply recorded operations to an example again (operations that no longer fit are skipped)."""
    data = example_bytes(example)
    tree_ops = [tuple(op) for op in ops if op[0] in TREE_OPS]
    byte_ops = [tuple(op) for op in ops if op[0] in BYTE_OPS]
    notes: list[str] = []
    kept: list[Op] = []
    if tree_ops:
        tree = _Tree(data)
        for op in tree_ops:
            note = TREE_OPS[op[0]](tree, *op[1:])
            notes.append(note or f"skipped {list(op)}")
            if note is not None:
                kept.append(op)
        data = tree.render() if kept else data
    for op in byte_ops:
        data, note = BYTE_OPS[op[0]](data, *op[1:])
        kept.append(op)
        notes.append(note)
    return Case(seed, index, example, tuple(kept), data, tuple(notes))


def cases(seed: int, start: int = 0) -> Iterator[Case]:
    """Case ``start``, ``start + 1``, ... of ``seed``, without end."""
    index = start
    while True:
        yield generate(seed, index)
        index += 1


# --------------------------------------------------------------------------- the contract

ALLOWED: tuple[type[BaseException], ...] = (SiviError,)
CASE_TIMEOUT = 10.0

# Entry-point names, in the order they run.
E_STRICT = "parse(data)"
E_TOLERANT = "parse(data, strict=False)"
E_VALIDATE = "validate(data)"
E_HEADER = "message.header"
E_VALID = "message.valid"
E_TO_MODEL = "to_model(m)"
E_FROM_MODEL = "from_model(to_model(m), m.release)"
E_CONVERT = "convert(m, r)"
E_SERIALIZE = "serialize(m)"
E_SERIALIZE_RAW = "serialize(m, validate=False)"
E_CLASSIFY = "classify_message(m)"
E_CHAIN = "ChainValidator().process(m)"
E_CHAIN_IN_PLACE = "ChainValidator.process(m) in its place in the example chain"
E_CHAIN_AFTER = "ChainValidator.process(the rest of the example chain after m)"
E_CHAIN_STATE = "ChainValidator.restore(v.save())"
P_SERIALIZE = "property: serialize(m, validate=False) succeeds"
P_REPARSE = "property: its output re-parses with strict=False"
P_UNKNOWN = "property: its output keeps every m.unknown_elements[i].xml"


class CaseTimeout(BaseException):
    """Raised by the watchdog when one entry point runs longer than :data:`CASE_TIMEOUT`."""


@contextlib.contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    """Raise :class:`CaseTimeout` after ``seconds`` (main thread, POSIX only; else no-op)."""
    usable = hasattr(signal, "setitimer") and _in_main_thread()
    if not usable:
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise CaseTimeout(f"still running after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@dataclass
class Failure:
    """One foreign exception (or broken property) at one entry point."""

    entry: str
    exc_type: str
    message: str
    frame: str
    tb: str = ""
    case: Case | None = None
    file: str | None = None  # where the input was saved, or the poison file

    @property
    def signature(self) -> tuple[str, str, str]:
        return (self.exc_type, self.entry, self.frame)

    def size(self) -> int:
        return len(self.case.data) if self.case is not None else 0


def library_frame(exc: BaseException) -> str:
    """``file:line`` of the innermost traceback frame inside the package (``-`` if none)."""
    frames = traceback.extract_tb(exc.__traceback__)
    for fr in reversed(frames):
        path = Path(fr.filename).resolve()
        if path.is_relative_to(LIBRARY):
            try:
                shown = path.relative_to(ROOT).as_posix()
            except ValueError:
                shown = path.relative_to(LIBRARY.parent).as_posix()
            return f"{shown}:{fr.lineno}"
    return "-"


def failure_from(entry: str, exc: BaseException) -> Failure:
    name = type(exc).__qualname__
    module = type(exc).__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    text = str(exc)
    if len(text) > 300:
        text = text[:297] + "..."
    return Failure(entry, name, text, library_frame(exc), short_traceback(exc))


def short_traceback(exc: BaseException, frames: int = 6) -> str:
    """The last ``frames`` traceback frames inside the package (else the last ones at all)
    and the exception line."""
    stack = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in stack if Path(f.filename).resolve().is_relative_to(LIBRARY)]
    chosen = traceback.StackSummary.from_list((mine or list(stack))[-frames:])
    lines = [*chosen.format(), *traceback.format_exception_only(type(exc), exc)]
    return "".join(lines)


def chain_context(example: str | None) -> tuple[list[str], list[str], bool] | None:
    """For an example that is one message of a shipped absence chain: (the chain's examples
    before it, those after it, whether the chain needs ``examples/baseline``); else None."""
    if example is None:
        return None
    if example.startswith("inbox/"):
        members = [e for e in example_files() if e.startswith("inbox/")]
        baseline = True
    elif re.match(r"^\d{4}/VZ-", example):
        members = [e for e in example_files() if e.startswith(example[:8])]
        baseline = False
    else:
        return None
    if example not in members:
        return None
    k = members.index(example)
    return members[:k], members[k + 1 :], baseline


_PARSED: dict[str, Any] = {}


def example_message(example: str) -> Any:
    """The (valid) example, parsed once."""
    if example not in _PARSED:
        _PARSED[example] = parse(example_bytes(example))
    return _PARSED[example]


def example_baseline() -> Any:
    from sivi_verzuim.chain import Baseline

    if "baseline" not in _PARSED:
        _PARSED["baseline"] = Baseline.from_directory(EXAMPLES / "baseline")
    return _PARSED["baseline"]


class Runner:
    """Runs inputs through every entry point; counts calls, collects :class:`Failure` s."""

    def __init__(self, timeout: float = CASE_TIMEOUT) -> None:
        self.counts: Counter[str] = Counter()
        self.seconds: Counter[str] = Counter()  # time spent per entry point
        self.timeout = timeout

    def _call(
        self,
        out: list[Failure],
        entry: str,
        fn: Callable[[], Any],
        allowed: tuple[type[BaseException], ...] = ALLOWED,
    ) -> tuple[bool, Any]:
        self.counts[entry] += 1
        start = time.perf_counter()
        try:
            with watchdog(self.timeout):
                return True, fn()
        except allowed:
            return False, None
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            out.append(failure_from(entry, exc))
            return False, None
        finally:
            self.seconds[entry] += time.perf_counter() - start

    def run(self, data: bytes, example: str | None = None) -> list[Failure]:
        """Every failure of ``data`` at every entry point (empty when the contract holds).

        With ``example`` (the example ``data`` was made from) a Verzuimmeldingen message that
        belongs to a shipped chain is also processed in its place in that chain."""
        out: list[Failure] = []
        call = self._call
        call(out, E_STRICT, lambda: parse(data))
        call(out, E_VALIDATE, lambda: validate(data))
        ok, message = call(out, E_TOLERANT, lambda: parse(data, strict=False))
        if ok and message is not None:
            self.run_message(message, out, example)
        return out

    def run_message(self, m: Any, out: list[Failure], example: str | None = None) -> None:
        call = self._call
        call(out, E_HEADER, lambda: m.header)
        call(out, E_VALID, lambda: m.valid)
        ok, model = call(out, E_TO_MODEL, lambda: to_model(m))
        if ok:
            call(out, E_FROM_MODEL, lambda: from_model(model, m.release))
        for release in m.message_type.releases:
            if release is not m.release:
                call(out, E_CONVERT, lambda r=release: convert(m, r))
        call(out, E_SERIALIZE, lambda: serialize(m))
        self.run_serialize_property(m, out)
        call(out, E_CLASSIFY, lambda: classify_message(m))
        if m.message_type is MessageType.VERZUIMMELDINGEN:
            validator = ChainValidator()
            ok, _ = call(out, E_CHAIN, lambda: validator.process(m))
            context = chain_context(example)
            if ok and context is not None:
                before, after, baseline = context
                validator = ChainValidator(baseline=example_baseline() if baseline else None)
                for earlier in before:
                    validator.process(example_message(earlier))
                ok, _ = call(out, E_CHAIN_IN_PLACE, lambda: validator.process(m))
                if ok:
                    ok, _ = call(
                        out,
                        E_CHAIN_AFTER,
                        lambda: [validator.process(example_message(e)) for e in after],
                    )
            if ok:
                call(
                    out,
                    E_CHAIN_STATE,
                    lambda: ChainValidator.restore(json.loads(json.dumps(validator.save()))),
                )

    def run_serialize_property(self, m: Any, out: list[Failure]) -> None:
        self.counts[E_SERIALIZE_RAW] += 1
        self.counts[P_SERIALIZE] += 1
        try:
            with watchdog(self.timeout):
                written = serialize(m, validate=False)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            if not isinstance(exc, ALLOWED):
                out.append(failure_from(E_SERIALIZE_RAW, exc))
            out.append(failure_from(P_SERIALIZE, exc))
            return
        self._call(out, P_REPARSE, lambda: parse(written, strict=False), allowed=())
        self.counts[P_UNKNOWN] += 1
        unknown = m.unknown_elements
        missing = [unknown[k] for k in missing_elements(written, [u.xml for u in unknown])]
        if missing:
            first = missing[0]
            out.append(
                Failure(
                    P_UNKNOWN,
                    "UnknownElementLost",
                    f"{len(missing)} of {len(m.unknown_elements)} unknown element(s) not in "
                    "the output as they were (namespace, name, attributes, content), first "
                    f"{first.path} ({first.xml[:120]!r})",
                    "-",
                )
            )


def _shape(node: Any) -> tuple[Any, ...]:
    """An element's content independent of how it is written: qualified names (not prefixes),
    attributes, text, children and their tails; comments and PIs included."""
    if not isinstance(node.tag, str):
        return (str(node.tag), node.text, node.tail or "")
    children = tuple((*_shape(c), c.tail or "") for c in node)
    return (node.tag, tuple(sorted(node.attrib.items())), node.text or "", children)


def missing_elements(document: bytes, items: Sequence[bytes]) -> list[int]:
    """Indices of the ``items`` (each one element as XML) that do not occur in ``document``:
    neither byte for byte nor as an element with the same names, attributes and content
    (namespace prefixes and declarations and character references may be written
    differently)."""
    rest = [k for k, xml in enumerate(items) if xml not in document]
    if not rest:
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(document, parser)
    except etree.XMLSyntaxError:
        return rest
    present = {_shape(el) for el in root.iter() if isinstance(el.tag, str)}
    missing = []
    for k in rest:
        try:
            wanted = _shape(etree.fromstring(items[k], parser))
        except etree.XMLSyntaxError:
            wanted = None
        if wanted not in present:
            missing.append(k)
    return missing


# --------------------------------------------------------------------------- the command line

CLI_PROCESS = "main(['process', INBOX, '--out', OUT, '--state', STATE])"
CLI_PROCESS_AGAIN = "main(['process', ...]) again, from the saved state"
CLI_VALIDATE = "main(['validate', ...])"
CLI_INSPECT = "main(['inspect', ...])"


def run_main(argv: Sequence[str]) -> tuple[int | None, str, BaseException | None]:
    """``sivi_verzuim.cli.main(argv)``: (exit code, stdout + stderr, escaped exception)."""
    from sivi_verzuim.cli import main

    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    escaped: BaseException | None = None
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(list(argv), out=out)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            escaped = exc
    return code, out.getvalue() + err.getvalue(), escaped


def cli_failure(entry: str, argv: Sequence[str]) -> Failure | None:
    """The failure of one command-line run, or None when it kept the contract."""
    try:
        with watchdog(CASE_TIMEOUT * 3):
            code, text, escaped = run_main(argv)
    except CaseTimeout as exc:
        return failure_from(entry, exc)
    if escaped is not None:
        return failure_from(entry, escaped)
    if "Traceback" in text:
        where = text.index("Traceback")
        return Failure(entry, "TracebackPrinted", text[where : where + 300], "-", text[where:])
    if code not in (0, 1, 2):
        return Failure(entry, "BadExitCode", f"exit code {code!r}", "-")
    internal = INTERNAL_ERROR.search(text)
    if internal is not None:  # the command's own boundary caught a foreign exception
        stage, kind = internal.group(1) or "-", internal.group(2)
        line = text[text.rfind("\n", 0, internal.start()) + 1 : text.find("\n", internal.end())]
        return Failure(entry, f"internal.error({kind})", line.strip()[:300], stage)
    return None


# how sivi-verzuim reports an exception its per-file boundary caught (finding internal.error)
INTERNAL_ERROR = re.compile(r"internal error (?:while ([^()\n]*?) )?\((\w+)\)")


def cli_commands(inbox: Path, work: Path) -> list[tuple[str, list[str]]]:
    """The command-line runs made over a directory of inputs."""
    state = str(work / "state.json")
    process = ["process", str(inbox), "--out", str(work / "out"), "--state", state]
    return [
        (CLI_VALIDATE, ["validate", str(inbox)]),
        (CLI_INSPECT, ["inspect", str(inbox)]),
        (CLI_PROCESS, process),
        (CLI_PROCESS_AGAIN, process),
    ]


def cli_run_files(
    files: Sequence[Path],
    work: Path,
    counts: Counter[str],
    context: Sequence[Path] = (),
    deadline: float | None = None,
) -> list[Failure]:
    """Run the commands over ``files`` (copied into a fresh inbox, with the ``context`` files);
    when one fails, split ``files`` in halves and run again, so that each failure is pinned to
    the file(s) causing it (until ``deadline``, a ``time.monotonic()`` value: then the failure
    is kept for the whole group)."""
    out: list[Failure] = []

    def attempt(group: Sequence[Path], depth: int) -> None:
        where = Path(tempfile.mkdtemp(prefix="cli-", dir=work))
        inbox = where / "inbox"
        inbox.mkdir()
        for f in [*context, *group]:  # process picks up VZ*.xml only
            name = f.name if f.name.upper().startswith("VZ") else f"VZ-{f.name}"
            shutil.copyfile(f, inbox / name)
        failures: list[Failure] = []
        for entry, argv in cli_commands(inbox, where):
            counts[entry] += len(group) if depth == 0 else 0
            failure = cli_failure(entry, argv)
            if failure is not None:
                failures.append(failure)
        shutil.rmtree(where, ignore_errors=True)
        if not failures:
            return
        if len(group) == 1 or (deadline is not None and time.monotonic() > deadline):
            for failure in failures:
                failure.file = " + ".join(str(g) for g in group)
            out.extend(failures)
            return
        before = len(out)
        half = len(group) // 2
        attempt(group[:half], depth + 1)
        attempt(group[half:], depth + 1)
        found = {f.signature for f in out[before:]}
        for failure in failures:  # failures no single half reproduces: keep the group
            if failure.signature not in found:
                failure.file = " + ".join(str(g) for g in group)
                out.append(failure)

    attempt(list(files), 0)
    return out


# --------------------------------------------------------------------------- reporting


def distinct(failures: Sequence[Failure]) -> dict[tuple[str, str, str], list[Failure]]:
    """Failures grouped by signature, each group with its smallest input first."""
    groups: dict[tuple[str, str, str], list[Failure]] = {}
    for f in failures:
        groups.setdefault(f.signature, []).append(f)
    for group in groups.values():
        group.sort(key=lambda f: (f.size() or 10**9, f.case.index if f.case else 0))
    return dict(sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2])))


def minimise(case: Case, signature: tuple[str, str, str], budget: float = 5.0) -> Case:
    """A case with as few operations as still give ``signature`` (greedy, time-bounded)."""
    deadline = time.monotonic() + budget
    best = case
    changed = True
    while changed and len(best.ops) > 1 and time.monotonic() < deadline:
        changed = False
        for k in range(len(best.ops)):
            trial = replay(best.example, best.ops[:k] + best.ops[k + 1 :], seed=case.seed)
            if any(f.signature == signature for f in Runner().run(trial.data, case.example)):
                best = Case(
                    case.seed, case.index, trial.example, trial.ops, trial.data, trial.notes
                )
                changed = True
                break
    return best


def summary_lines(failures: Sequence[Failure], limit: int = 40) -> list[str]:
    """One paragraph per distinct signature, for an assertion message."""
    lines = []
    groups = distinct(failures)
    for n, ((exc, entry, frame), group) in enumerate(groups.items(), 1):
        if n > limit:
            lines.append(f"... and {len(groups) - limit} more signature(s)")
            break
        f = group[0]
        lines.append(f"{n}. {exc} at {entry} [{frame}] x{len(group)}: {f.message[:160]}")
        if f.case is not None:
            lines.append(f"   case {f.case.ident}: {f.case.describe()[:200]}")
            lines.append(f"   replay: {f.case.replay_command()}")
        if f.file:
            shown = f.file if len(f.file) <= 300 else f.file[:297] + "..."
            lines.append(f"   input: {shown}")
    return lines


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate, replay and run fuzz cases.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("case", help="regenerate case INDEX of SEED")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--index", type=int, required=True)
    p = sub.add_parser("replay", help="apply recorded operations to an example")
    p.add_argument("--example", required=True, help="path relative to examples/")
    p.add_argument("--ops", required=True, help="JSON list of operations")
    p = sub.add_parser("run", help="run a file through every entry point")
    p.add_argument("file")
    for p in sub.choices.values():
        p.add_argument("-o", "--output", help="write the input bytes here")
        p.add_argument("--run", action="store_true", help="run every entry point on it")
    args = parser.parse_args(argv)
    if args.command == "case":
        case = generate(args.seed, args.index)
    elif args.command == "replay":
        case = replay(args.example, json.loads(args.ops))
    else:
        data = Path(args.file).read_bytes()
        case = Case(-1, -1, args.file, (), data)
        args.run = True
    print(f"example: {case.example}")
    print(f"ops:     {json.dumps([list(op) for op in case.ops])}")
    for note in case.notes:
        print(f"  - {note}")
    print(f"bytes:   {len(case.data)}")
    if args.output:
        Path(args.output).write_bytes(case.data)
        print(f"written: {args.output}")
    if not args.run:
        return 0
    failures = Runner().run(case.data, case.example)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "VZ-case.xml"
        src.write_bytes(case.data)
        failures += cli_run_files([src], Path(tmp), Counter())
    for f in failures:
        print(f"\n== {f.exc_type} at {f.entry} [{f.frame}]\n{f.message}\n{f.tb}")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(_main())
