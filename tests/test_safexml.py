"""Tests for the hardened XML reader (:mod:`sivi_verzuim._safexml`)."""

from __future__ import annotations

import codecs
import contextlib
import errno
import gzip
import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sivi_verzuim import _safexml
from sivi_verzuim._safexml import Limits, parse_xml, read_source
from sivi_verzuim.errors import MalformedXMLError, SiviError, UnsafeXMLError

LIMITS = Limits()
MARKER = "SIVI-SECRET-MARKER-7f3a9c"
XI = "http://www.w3.org/2001/XInclude"


# --------------------------------------------------------------------------- helpers


def refuse(
    data: bytes, rule: str, *, limits: Limits = LIMITS, file: str | None = None
) -> UnsafeXMLError:
    """parse_xml must refuse *data* with *rule*."""
    with pytest.raises(UnsafeXMLError) as info:
        parse_xml(data, limits=limits, file=file)
    assert info.value.rule == rule, info.value
    return info.value


def timed_refuse(data: bytes, rule: str) -> UnsafeXMLError:
    start = time.perf_counter()
    exc = refuse(data, rule)
    assert time.perf_counter() - start < 1.0  # a safety guard, not a benchmark
    return exc


def exception_texts(exc: BaseException) -> str:
    """Everything an exception (and its chain) would show in a log or traceback."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts += [str(current), repr(current), repr(current.args)]
        parts += [repr(v) for v in vars(current).values()]
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


def nested(depth: int) -> bytes:
    """A document whose deepest element is at *depth* (root = 1)."""
    return b"<e>" * depth + b"</e>" * depth


@contextlib.contextmanager
def fifo_watch(path: Path) -> Iterator[list[str]]:
    """A FIFO at *path* that records whether anything opened it for reading.

    Opening a FIFO for reading blocks until a writer appears, so a background
    thread keeps trying a non-blocking open for writing, which only succeeds
    once a reader is there. It then feeds the reader the marker (so a parser
    that did open it would not hang and the marker would reach its output).
    """
    os.mkfifo(path)
    opened: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                assert exc.errno == errno.ENXIO  # no reader yet
                time.sleep(0.001)
                continue
            opened.append("opened")
            with contextlib.suppress(OSError):
                os.write(fd, f"<m>{MARKER}</m>".encode())
            os.close(fd)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield opened
        time.sleep(0.02)  # let a late open be seen
    finally:
        stop.set()
        thread.join(5)


@contextlib.contextmanager
def tcp_listener() -> Iterator[tuple[int, list[str]]]:
    """A listening socket on 127.0.0.1 recording every accepted connection."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.01)
    accepted: list[str] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append("connection")
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], accepted
        time.sleep(0.05)
    finally:
        stop.set()
        thread.join(5)
        server.close()


@pytest.fixture
def no_python_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def connect(*args: object) -> None:
        pytest.fail("a socket was opened")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(MARKER + "\n")
    return path


class CountingStream:
    """A binary stream that records how much was asked for and handed out."""

    def __init__(self, data: bytes, *, short_reads: int | None = None, name: Any = None) -> None:
        self._buffer = io.BytesIO(data)
        self._short = short_reads
        self.handed_out = 0
        self.calls = 0
        if name is not None:
            self.name = name

    def read(self, size: int = -1) -> bytes:
        self.calls += 1
        if self._short is not None and size > self._short:
            size = self._short
        chunk = self._buffer.read(size)
        self.handed_out += len(chunk)
        return chunk


# --------------------------------------------------------------------------- XXE and DTDs


@pytest.mark.parametrize(
    "doc",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        '<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "file:///etc/passwd">\n<r/>',
    ],
)
def test_xxe_etc_passwd_refused(doc: str) -> None:
    exc = refuse(doc.encode(), "dtd")
    assert "root:" not in exception_texts(exc)


def test_xxe_local_file_refused_without_leaking(secret: Path) -> None:
    doc = f'<!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]><r>&x;</r>'
    exc = timed_refuse(doc.encode(), "dtd")
    assert MARKER not in exception_texts(exc)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "{uri}">]><r>&x;</r>',
        '<!DOCTYPE r SYSTEM "{uri}"><r/>',
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "{uri}"> %p;]><r/>',
        '<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="{uri}"/></r>',
        '<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="{uri}" parse="text"/></r>',
    ],
)
def test_no_file_is_ever_opened(tmp_path: Path, template: str) -> None:
    fifo = tmp_path / "probe.xml"
    with fifo_watch(fifo) as opened:
        try:
            tree = parse_xml(template.format(uri=fifo.as_uri()).encode(), limits=LIMITS)
        except UnsafeXMLError as exc:
            assert exc.rule == "dtd"
            assert MARKER not in exception_texts(exc)
        else:
            assert MARKER.encode() not in etree.tostring(tree)
    assert opened == []


def test_xxe_http_refused_fast_without_socket(no_python_sockets: None) -> None:
    doc = b'<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/xxe">]><r>&x;</r>'
    timed_refuse(doc, "dtd")


@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]><r>&x;</r>',
        '<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/x.dtd"><r/>',
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p.dtd"> %p;]><r/>',
    ],
)
def test_xxe_http_never_connects(no_python_sockets: None, template: str) -> None:
    # libxml2 would connect from C, past the Python socket module: listen for real.
    # (The libxml2 in current lxml wheels has no HTTP client at all -- see
    # etree.LIBXML_FEATURES -- so this guards builds that still have one.)
    with tcp_listener() as (port, accepted):
        timed_refuse(template.format(port=port).encode(), "dtd")
    assert accepted == []


def test_parameter_entity_xxe_refused(secret: Path) -> None:
    doc = (
        "<!DOCTYPE r [\n"
        f'  <!ENTITY % file SYSTEM "{secret.as_uri()}">\n'
        "  <!ENTITY % all \"<!ENTITY send SYSTEM 'http://127.0.0.1:9/?%file;'>\">\n"
        "  %all;\n"
        "]>\n<r>&send;</r>"
    )
    exc = timed_refuse(doc.encode(), "dtd")
    assert MARKER not in exception_texts(exc)


def test_billion_laughs_refused_fast() -> None:
    decls = ['<!ENTITY lol0 "lol">']
    decls += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 11)]
    doc = f'<?xml version="1.0"?>\n<!DOCTYPE r [{"".join(decls)}]>\n<r>&lol10;</r>'
    timed_refuse(doc.encode(), "dtd")


def test_quadratic_blowup_refused_fast() -> None:
    doc = f'<!DOCTYPE r [<!ENTITY a "{"x" * 100_000}">]><r>{"&a;" * 10_000}</r>'
    timed_refuse(doc.encode(), "dtd")


DTD_BODY = '<!DOCTYPE r [<!ENTITY x "y">]>\n<r>&x;</r>'
DOCTYPE_VARIANTS: dict[str, bytes] = {
    "utf8": DTD_BODY.encode(),
    "utf8-bom": codecs.BOM_UTF8 + DTD_BODY.encode(),
    "leading-whitespace": b"  \n\t" + DTD_BODY.encode(),
    "leading-comment": b"<!-- <r/> -->\n" + DTD_BODY.encode(),
    "decl-pi-comment": b'<?xml version="1.0"?>\n<?pi <r/> ?><!--c-->\n' + DTD_BODY.encode(),
    "bom-decl-comment": codecs.BOM_UTF8 + b'<?xml version="1.0"?><!---->' + DTD_BODY.encode(),
    "lower-case": b"<!doctype r><r/>",
    "utf16": ('<?xml version="1.0" encoding="UTF-16"?>\n' + DTD_BODY).encode("utf-16"),
    "utf16-be-bom": codecs.BOM_UTF16_BE + DTD_BODY.encode("utf-16-be"),
    "utf16-le-no-bom": ('<?xml version="1.0" encoding="UTF-16"?>' + DTD_BODY).encode("utf-16-le"),
    "utf16-be-no-bom": ('<?xml version="1.0" encoding="UTF-16"?>' + DTD_BODY).encode("utf-16-be"),
    "utf16-comment": ("<!-- x -->" + DTD_BODY).encode("utf-16"),
    "utf32-le-no-bom": ('<?xml version="1.0" encoding="UTF-32"?>' + DTD_BODY).encode("utf-32-le"),
    "latin1": b'<?xml version="1.0" encoding="ISO-8859-1"?><!--\xe9-->' + DTD_BODY.encode(),
    # UTF-7 hides "<!DOCTYPE" from a byte scan: "+ADwAIQ-DOCTYPE".
    "utf7": b'<?xml version="1.0" encoding="UTF-7"?>' + DTD_BODY.encode("utf-7"),
    "long-prolog": b"<!--" + b"-x" * 300_000 + b"-->" + b" " * 70_000 + DTD_BODY.encode(),
}


@pytest.mark.parametrize("name", DOCTYPE_VARIANTS)
def test_doctype_variants_refused(name: str) -> None:
    data = DOCTYPE_VARIANTS[name]
    assert _safexml._prolog_has_doctype(data)
    refuse(data, "dtd", file="msg.xml")


def test_prolog_scan_passes_clean_prologs() -> None:
    for data in [
        b"<r/>",
        b'<?xml version="1.0"?>\n<!-- <!DOCTYPE r> -->\n<?pi <!DOCTYPE r>?><r/>',
        "<r/>".encode("utf-16"),
        b"<r><![CDATA[<!DOCTYPE r>]]></r>",
        b"",
    ]:
        assert not _safexml._prolog_has_doctype(data), data


def test_doctype_text_in_the_body_is_accepted() -> None:
    doc = b"<r><![CDATA[<!DOCTYPE r>]]><!-- <!DOCTYPE r> --><?p <!DOCTYPE r>?>&lt;!DOCTYPE r></r>"
    assert parse_xml(doc, limits=LIMITS).getroot().text == "<!DOCTYPE r>"


def test_compressed_input_is_not_decompressed() -> None:
    # libxml2 is built with zlib and inflates gzip *files*; bytes must stay bytes.
    bomb = gzip.compress(b"<r>" + b"<a/>" * 1_000_000 + b"</r>")
    with pytest.raises(MalformedXMLError) as info:
        parse_xml(bomb, limits=Limits(max_elements=10))
    assert (info.value.line, info.value.column) == (1, 1)


@pytest.fixture
def without_prescan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_safexml, "_prolog_scan", lambda data: _safexml._FOUND_NOTHING)


@pytest.mark.parametrize("name", DOCTYPE_VARIANTS)
def test_check_pass_refuses_doctype_missed_by_prescan(without_prescan: None, name: str) -> None:
    data = DOCTYPE_VARIANTS[name]
    if name == "lower-case":  # not a DOCTYPE to libxml2: malformed
        with pytest.raises(MalformedXMLError):
            parse_xml(data, limits=LIMITS)
        return
    exc = refuse(data, "dtd")
    assert "<!DOCTYPE r>" in exc.reason  # from the check pass's doctype() callback


def test_post_parse_check_refuses_dtd(
    monkeypatch: pytest.MonkeyPatch, without_prescan: None
) -> None:
    monkeypatch.setattr(_safexml._CheckTarget, "doctype", lambda self, *a: None)
    monkeypatch.setattr(_safexml, "_local", threading.local())  # new parsers, patched target
    exc = refuse(b'<!DOCTYPE r SYSTEM "r.dtd"><r/>', "dtd")
    assert exc.reason == "document carries a DTD"


def test_entity_node_refused(monkeypatch: pytest.MonkeyPatch, without_prescan: None) -> None:
    # Without a doctype() method lxml leaves libxml2's own DTD handling in place.
    monkeypatch.delattr(_safexml._CheckTarget, "doctype")
    monkeypatch.setattr(_safexml, "_local", threading.local())
    real_check = _safexml._check_tree

    class NoDtdView:  # hides the DTD from the check: only the entity rule is left
        docinfo = SimpleNamespace(internalDTD=None, externalDTD=None, doctype="")

        def __init__(self, tree: etree._ElementTree) -> None:
            self.getroot = tree.getroot

    def check_without_dtd_rule(
        tree: etree._ElementTree, file: str | None, *, entities: bool = True
    ) -> None:
        assert entities  # the bytes hold an "&"
        real_check(NoDtdView(tree), file, entities=entities)  # type: ignore[arg-type]

    monkeypatch.setattr(_safexml, "_check_tree", check_without_dtd_rule)
    exc = refuse(b'<!DOCTYPE r [<!ENTITY x "y">]>\n<r>\n  <a>&x;</a></r>', "entity", file="f.xml")
    assert exc.line == 3
    assert "&x;" in exc.reason
    assert exc.file == "f.xml"


def test_entity_without_dtd_is_malformed() -> None:
    with pytest.raises(MalformedXMLError) as info:
        parse_xml(b"<r>\n<a>&bogus;</a></r>", limits=LIMITS)
    assert (info.value.line, info.value.column) == (2, 11)
    assert "bogus" in info.value.reason


# --------------------------------------------------------------------------- XInclude


def test_xinclude_is_not_expanded(secret: Path, tmp_path: Path) -> None:
    included = tmp_path / "inc.xml"
    included.write_text(f"<m>{MARKER}</m>")
    doc = (
        f'<r xmlns:xi="{XI}">\n'
        f'  <xi:include href="{included.as_uri()}"/>\n'
        f'  <xi:include href="{secret.as_uri()}" parse="text"/>\n'
        "</r>"
    )
    tree = parse_xml(doc.encode(), limits=LIMITS)
    assert MARKER.encode() not in etree.tostring(tree)
    includes = tree.getroot().findall(f"{{{XI}}}include")
    assert [el.sourceline for el in includes] == [2, 3]


def test_tree_resolvers_refuse_xml_xinclude(tmp_path: Path) -> None:
    included = tmp_path / "inc.xml"
    included.write_text(f"<m>{MARKER}</m>")
    tree = parse_xml(
        f'<r xmlns:xi="{XI}"><xi:include href="{included.as_uri()}"/></r>'.encode(), limits=LIMITS
    )
    with pytest.raises(etree.XIncludeError):
        tree.xinclude()
    assert MARKER.encode() not in etree.tostring(tree)
    # and nothing is left behind in this thread's parser for the next parse
    assert parse_xml(b"<r/>", limits=LIMITS).getroot().tag == "r"


# --------------------------------------------------------------------------- depth and elements


def test_depth_64_accepted_65_refused() -> None:
    tree = parse_xml(nested(64), limits=LIMITS)
    assert sum(1 for _ in tree.iter()) == 64
    exc = refuse(nested(65), "depth", file="deep.xml")
    assert "64" in exc.reason
    assert exc.file == "deep.xml"


def test_depth_limit_is_configurable() -> None:
    parse_xml(nested(3), limits=Limits(max_depth=3))
    refuse(nested(4), "depth", limits=Limits(max_depth=3))


def test_depth_beyond_libxml2_cap_is_a_depth_refusal() -> None:
    # libxml2 stops at 256 levels on its own; that is still reported as "depth".
    exc = refuse(nested(300), "depth", limits=Limits(max_depth=1000))
    assert exc.line == 1


def test_depth_counts_nesting_not_width() -> None:
    wide = b"<r>" + b"<a><b/></a>" * 5000 + b"</r>"
    parse_xml(wide, limits=Limits(max_depth=3))


def test_element_limit() -> None:
    doc = b"<r>" + b"<a/>" * 9 + b"</r>"  # 10 elements
    assert len(parse_xml(doc, limits=Limits(max_elements=10)).getroot()) == 9
    exc = refuse(doc, "elements", limits=Limits(max_elements=9), file="many.xml")
    assert "9" in exc.reason and "many.xml" in str(exc)
    parse_xml(doc, limits=Limits(max_elements=None))


def test_element_limit_refused_before_a_tree_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    real_fromstring = etree.fromstring

    def spy(text: bytes, parser: etree.XMLParser) -> Any:
        if parser is not _safexml._local.parsers.check_parser:
            built.append(parser)
        return real_fromstring(text, parser)

    parse_xml(b"<r/>", limits=LIMITS)  # make sure this thread's parsers exist
    monkeypatch.setattr(etree, "fromstring", spy)
    doc = b"<r>" + b"<a/>" * 200_000 + b"</r>"
    refuse(doc, "elements", limits=Limits(max_elements=1000))
    assert built == []
    parse_xml(b"<r/>", limits=LIMITS)
    assert len(built) == 1  # the spy does see tree parses


def test_comments_and_pis_are_not_elements() -> None:
    doc = b"<r><!--c--><?p?><a/><!--c--></r>"
    parse_xml(doc, limits=Limits(max_elements=2))


# --------------------------------------------------------------------------- size


def test_size_limit_bytes() -> None:
    doc = b"<r>" + b"x" * 93 + b"</r>"  # 100 bytes
    assert len(doc) == 100
    parse_xml(doc, limits=Limits(max_bytes=100))
    refuse(doc, "size", limits=Limits(max_bytes=99), file="big.xml")
    for source in (doc, bytearray(doc), memoryview(doc), doc.decode()):
        assert read_source(source, limits=Limits(max_bytes=100))[0] == doc
        with pytest.raises(UnsafeXMLError) as info:
            read_source(source, limits=Limits(max_bytes=99))
        assert info.value.rule == "size"


def test_size_limit_stream_reads_at_most_limit_plus_one() -> None:
    limit = 10_000
    stream = CountingStream(b"<r>" + b"x" * 1_000_000 + b"</r>", name="upload.xml")
    with pytest.raises(UnsafeXMLError) as info:
        read_source(stream, limits=Limits(max_bytes=limit))
    assert info.value.rule == "size"
    assert stream.handed_out <= limit + 1
    assert "upload.xml" in str(info.value)


def test_size_limit_stream_with_short_reads() -> None:
    limit = 10_000
    stream = CountingStream(b"<r>" + b"x" * 1_000_000 + b"</r>", short_reads=7)
    with pytest.raises(UnsafeXMLError):
        read_source(stream, limits=Limits(max_bytes=limit))
    assert stream.handed_out == limit + 1


@given(
    size=st.integers(min_value=0, max_value=300),
    limit=st.integers(min_value=1, max_value=300),
    short=st.one_of(st.none(), st.integers(min_value=1, max_value=50)),
)
def test_stream_reading_property(size: int, limit: int, short: int | None) -> None:
    data = bytes(range(256)) * 2
    data = data[:size]
    stream = CountingStream(data, short_reads=short)
    if size <= limit:
        assert read_source(stream, limits=Limits(max_bytes=limit)) == (data, None)
    else:
        with pytest.raises(UnsafeXMLError):
            read_source(stream, limits=Limits(max_bytes=limit))
    assert stream.handed_out <= limit + 1


def test_size_limit_path_refused_from_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as fh:
        fh.truncate(1 << 30)  # sparse: 1 GiB on paper
    opened: list[str] = []
    real_open = open

    def spy_open(*args: Any, **kwargs: Any) -> Any:
        opened.append(str(args[0]))
        return real_open(*args, **kwargs)

    monkeypatch.setattr(_safexml, "open", spy_open, raising=False)
    start = time.perf_counter()
    for source in (path, str(path)):
        with pytest.raises(UnsafeXMLError) as info:
            read_source(source, limits=Limits(max_bytes=1000))
        assert info.value.rule == "size"
        assert info.value.file == str(path)
        assert str(path) in str(info.value)
    assert time.perf_counter() - start < 1.0
    assert opened == []


def test_size_limit_path_bounded_read_for_unsized_files(tmp_path: Path) -> None:
    # A FIFO reports size 0: the bounded read is what stops it.
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    written: list[int] = []

    def writer() -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as fh:
            for _ in range(100):
                written.append(fh.write(b"<r>" + b"x" * 1000))

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    with pytest.raises(UnsafeXMLError) as info:
        read_source(fifo, limits=Limits(max_bytes=5000))
    thread.join(5)
    assert info.value.rule == "size"


# --------------------------------------------------------------------------- malformed


@pytest.mark.parametrize(
    ("doc", "line", "column", "words"),
    [
        (b"<r>\n  <a>\n    <b x=1/>\n  </a>\n</r>", 3, 10, "AttValue"),
        (b"<r>\n  <a>\n    <b>t</c>\n  </a>\n</r>", 3, 13, "mismatch"),
        (b"<r>\n  <a>\n  \x01</a></r>", 3, 3, "Char"),
        (b"<r>\n <a>\xff\xfe</a></r>", 2, 5, "encoding"),
        (b"<r/>\n<x/>", 2, 1, "Extra content"),
        (b"<r>\n<a>", 2, 4, "Premature end"),
    ],
)
def test_malformed_reports_line_and_column(doc: bytes, line: int, column: int, words: str) -> None:
    with pytest.raises(MalformedXMLError) as info:
        parse_xml(doc, limits=LIMITS, file="bad.xml")
    exc = info.value
    assert (exc.line, exc.column) == (line, column)
    assert words in exc.reason
    assert exc.file == "bad.xml"
    assert str(exc).startswith(f"bad.xml: malformed XML: line {line}, column {column}: ")
    assert isinstance(exc, ValueError)


@pytest.mark.parametrize("doc", [b"", b"   \n", b'<?xml version="1.0"?>', b"<!-- only -->"])
def test_empty_input_is_malformed(doc: bytes) -> None:
    with pytest.raises(MalformedXMLError) as info:
        parse_xml(doc, limits=LIMITS, file="empty.xml")
    assert info.value.file == "empty.xml"


@pytest.mark.parametrize("source", ["", "   ", "\ufeff"])
def test_empty_str_is_empty_xml_not_a_path(source: str) -> None:
    data, name = read_source(source, limits=LIMITS)
    assert name is None
    with pytest.raises(MalformedXMLError):
        parse_xml(data, limits=LIMITS)


def test_parser_reusable_after_errors() -> None:
    with pytest.raises(MalformedXMLError):
        parse_xml(b"<r><a></r>", limits=LIMITS)
    refuse(nested(70), "depth")
    refuse(b"<!DOCTYPE r><r/>", "dtd")
    tree = parse_xml(b"<r>\n<a/></r>", limits=LIMITS)
    assert tree.getroot()[0].sourceline == 2


def test_unsupported_encoding_is_malformed_not_crash() -> None:
    with pytest.raises(MalformedXMLError):
        parse_xml(b'<?xml version="1.0" encoding="no-such-codec"?><r/>', limits=LIMITS)


# --------------------------------------------------------------------------- read_source

VALID = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<v:Root xmlns:v="urn:sivi:test">\n  <v:A>\u00e9</v:A>\n</v:Root>\n'
)


def text_of_a(data: bytes) -> str | None:
    return parse_xml(data, limits=LIMITS).getroot()[0].text


def test_read_source_bytes_like() -> None:
    raw = VALID.encode()
    assert read_source(raw, limits=LIMITS) == (raw, None)
    assert read_source(bytearray(raw), limits=LIMITS) == (raw, None)
    assert read_source(memoryview(raw), limits=LIMITS) == (raw, None)


@pytest.mark.parametrize("prefix", ["", "\ufeff", "\n  "])
def test_read_source_str_text(prefix: str) -> None:
    data, name = read_source(prefix + VALID.split("\n", 1)[1], limits=LIMITS)
    assert name is None
    assert text_of_a(data) == "\u00e9"


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "UTF-16", "windows-1252", "UTF-8"])
def test_read_source_str_with_foreign_encoding_declaration(encoding: str) -> None:
    decl = f"<?xml version='1.0' encoding='{encoding}' standalone='yes'?>"
    text = decl + "\n<r><a>\u00e9\u20ac</a>\n<b x=1/></r>"
    data, _ = read_source(text, limits=LIMITS)
    assert b"encoding" not in data
    with pytest.raises(MalformedXMLError) as info:  # columns are unchanged by the rewrite
        parse_xml(data, limits=LIMITS)
    assert (info.value.line, info.value.column) == (3, 6)
    data, _ = read_source(text.replace("<b x=1/>", ""), limits=LIMITS)
    assert text_of_a(data) == "\u00e9\u20ac"


def test_read_source_str_with_lone_surrogate_is_malformed() -> None:
    data, _ = read_source("<r>\n<a>\udc80</a></r>", limits=LIMITS)
    with pytest.raises(MalformedXMLError) as info:
        parse_xml(data, limits=LIMITS)
    assert info.value.line == 2


def test_read_source_paths(tmp_path: Path) -> None:
    path = tmp_path / "bericht.xml"
    path.write_bytes(VALID.encode())
    assert read_source(str(path), limits=LIMITS) == (VALID.encode(), str(path))
    assert read_source(path, limits=LIMITS) == (VALID.encode(), str(path))
    assert read_source(os.fsencode(path), limits=LIMITS)[1] is None  # bytes are a document
    assert text_of_a(read_source(path, limits=LIMITS)[0]) == "\u00e9"


def test_read_source_file_objects(tmp_path: Path) -> None:
    path = tmp_path / "bericht.xml"
    path.write_bytes(VALID.encode())
    with path.open("rb") as fh:
        assert read_source(fh, limits=LIMITS) == (VALID.encode(), str(path))
    assert read_source(io.BytesIO(VALID.encode()), limits=LIMITS) == (VALID.encode(), None)
    assert read_source(CountingStream(b"<r/>", name=3), limits=LIMITS) == (b"<r/>", None)
    with path.open("r") as text_mode, pytest.raises(TypeError, match="binary"):
        read_source(text_mode, limits=LIMITS)  # type: ignore[arg-type]


def test_read_source_missing_path_is_oserror_not_valueerror(tmp_path: Path) -> None:
    for missing in (tmp_path / "nope.xml", str(tmp_path / "nope.xml")):
        with pytest.raises(FileNotFoundError) as info:
            read_source(missing, limits=LIMITS)
        assert not isinstance(info.value, ValueError)


def test_read_source_unsupported_type() -> None:
    with pytest.raises(TypeError):
        read_source(42, limits=LIMITS)  # type: ignore[arg-type]


def test_file_name_propagates_into_errors(tmp_path: Path) -> None:
    cases = {
        "malformed.xml": b"<r>",
        "dtd.xml": b"<!DOCTYPE r><r/>",
        "deep.xml": nested(65),
    }
    for filename, content in cases.items():
        path = tmp_path / filename
        path.write_bytes(content)
        for source in (path, str(path)):
            data, name = read_source(source, limits=LIMITS)
            with pytest.raises(SiviError) as info:
                parse_xml(data, limits=LIMITS, file=name)
            assert info.value.file == str(path)
            assert str(info.value).startswith(f"{path}: ")
        with path.open("rb") as fh:
            data, name = read_source(fh, limits=LIMITS)
        assert name == str(path)


# --------------------------------------------------------------------------- valid documents


def test_valid_namespaced_document_keeps_sourceline() -> None:
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!-- header comment -->\n"
        '<v:Verzuimmeldingen xmlns:v="http://www.sivi.org/verzuim">\n'
        "  <v:Wrkgvr>\n"
        "    <?app keep?>\n"
        "    <v:Naam>Jan &amp; Co &#x20AC;</v:Naam>\n"
        "  </v:Wrkgvr>\n"
        "</v:Verzuimmeldingen>\n"
    )
    tree = parse_xml(doc.encode(), limits=LIMITS, file="ok.xml")
    root = tree.getroot()
    assert root.tag == "{http://www.sivi.org/verzuim}Verzuimmeldingen"
    assert root.sourceline == 3
    naam = root.find(".//{http://www.sivi.org/verzuim}Naam")
    assert naam is not None
    assert naam.sourceline == 6
    assert naam.text == "Jan & Co \u20ac"
    assert isinstance(root.getprevious(), etree._Comment)
    assert any(isinstance(n, etree._ProcessingInstruction) for n in root.iter())
    assert tree.docinfo.doctype == ""


def test_sourceline_beyond_65535() -> None:
    doc = b"<r>" + b"\n<a>x</a>" * 70_000 + b"\n</r>"
    root = parse_xml(doc, limits=LIMITS).getroot()
    assert root[-1].sourceline == 70_001


def test_large_document_parses_quickly() -> None:
    item = (
        "  <v:Wrknmr id='{i}'>\n    <v:Naam>Werknemer {i} met een naam</v:Naam>\n"
        "    <v:Dtm>2024-01-01</v:Dtm>\n    <v:Oms>{pad}</v:Oms>\n  </v:Wrknmr>\n"
    )
    body = "".join(item.format(i=i, pad="x" * 80) for i in range(25_000))
    data = f'<v:R xmlns:v="urn:x">\n{body}</v:R>\n'.encode()
    assert len(data) > 5_000_000
    start = time.perf_counter()
    tree = parse_xml(data, limits=LIMITS)
    elapsed = time.perf_counter() - start
    assert sum(1 for _ in tree.getroot().iter()) == 100_001
    assert elapsed < 5.0  # measured ~0.15 s on 2 cores; a guard against quadratic behaviour


# --------------------------------------------------------------------------- threads


def test_parsers_are_per_thread_and_reused() -> None:
    def parsers_id() -> tuple[int, int]:
        parse_xml(b"<r/>", limits=LIMITS)
        parsers = _safexml._local.parsers
        return id(parsers.tree_parser), id(parsers.check_parser)

    here = parsers_id()
    assert parsers_id() == here
    barrier = threading.Barrier(2)

    def in_thread() -> tuple[int, int]:
        barrier.wait()  # both threads alive at once: ids cannot be recycled
        return parsers_id()

    with ThreadPoolExecutor(2) as pool:
        ids = list(pool.map(lambda _: in_thread(), range(2)))
    assert len({here, *ids}) == 3


def test_concurrent_parsing() -> None:
    def work(i: int) -> tuple[int, str]:
        for _ in range(20):
            with pytest.raises(UnsafeXMLError):
                parse_xml(nested(65 + i), limits=LIMITS)
            root = parse_xml(f"<r>\n<a>{i}</a></r>".encode(), limits=LIMITS).getroot()
        return root[0].sourceline or 0, root[0].text or ""

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, range(16)))
    assert results == [(2, str(i)) for i in range(16)]


def test_reentrant_use_gets_fresh_parsers(monkeypatch: pytest.MonkeyPatch) -> None:
    # A parse started while this thread's parsers are mid-parse (here: from a
    # check-pass callback, as a signal handler could) must not share them.
    inner: list[etree._ElementTree] = []
    real_start = _safexml._CheckTarget.start

    def start(self: Any, tag: str, attrib: object) -> None:
        real_start(self, tag, attrib)
        if tag == "outer" and not inner:
            inner.append(parse_xml(b"<inner><a/><a/><a/></inner>", limits=LIMITS))

    monkeypatch.setattr(_safexml._CheckTarget, "start", start)
    outer: list[etree._ElementTree] = []

    def run() -> None:  # a new thread: new thread-local parsers with the patched target
        outer.append(parse_xml(b"<outer><a/></outer>", limits=Limits(max_elements=2)))

    # Re-using an lxml parser from inside its own parse deadlocks: never join forever.
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "re-entrant parse deadlocked"
    assert outer[0].getroot().tag == "outer"
    assert len(inner[0].getroot()) == 3


# --------------------------------------------------------------------------- limits


def test_limits_defaults() -> None:
    assert Limits() == Limits(max_bytes=64 * 1024 * 1024, max_depth=64, max_elements=2_000_000)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"max_bytes": 0}, ValueError),
        ({"max_depth": -1}, ValueError),
        ({"max_elements": 0}, ValueError),
        ({"max_bytes": True}, TypeError),
        ({"max_depth": 1.5}, TypeError),
        ({"max_elements": "10"}, TypeError),
    ],
)
def test_limits_validated(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        Limits(**kwargs)


def test_limits_frozen() -> None:
    with pytest.raises(AttributeError):
        Limits().max_depth = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- properties

_PROLOG_ITEMS = st.sampled_from(
    ["", " ", "\n\t", "<!-- c -->", "<!--<!DOCTYPE x>-->", "<?pi data?>", "<?pi <!DOCTYPE x>?>"]
)


@settings(max_examples=150, deadline=None)
@given(
    items=st.lists(_PROLOG_ITEMS, max_size=4),
    decl=st.booleans(),
    doctype=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_doctype_refused_iff_present(
    items: list[str], decl: bool, doctype: bool, encoding: str
) -> None:
    name = {"utf-8-sig": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}.get(
        encoding, encoding.upper()
    )
    text = (f'<?xml version="1.0" encoding="{name}"?>' if decl else "") + "".join(items)
    if doctype:
        text += "<!DOCTYPE r>"
    text += "<r>\u00e9</r>"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be") and not decl:
        return  # without BOM or declaration libxml2 does not recognise UTF-16
    assert _safexml._prolog_has_doctype(data) is doctype
    if doctype:
        refuse(data, "dtd")
    else:
        assert parse_xml(data, limits=LIMITS).getroot().text == "\u00e9"


@settings(max_examples=60, deadline=None)
@given(depth=st.integers(min_value=1, max_value=80), max_depth=st.integers(1, 80))
def test_depth_property(depth: int, max_depth: int) -> None:
    limits = Limits(max_depth=max_depth)
    if depth <= max_depth:
        parse_xml(nested(depth), limits=limits)
    else:
        refuse(nested(depth), "depth", limits=limits)


def test_depth_and_element_refusals_name_the_line() -> None:
    deep = b"<a>\n" + b"<b>\n" * 70 + b"</b>" * 70 + b"</a>"
    with pytest.raises(UnsafeXMLError) as caught:
        parse_xml(deep, limits=Limits())
    assert caught.value.rule == "depth" and caught.value.line == 65
    many = b"<a>\n" + b"<b/>\n" * 2000 + b"</a>"
    with pytest.raises(UnsafeXMLError) as caught:
        parse_xml(many, limits=Limits(max_elements=1000))
    assert caught.value.rule == "elements" and caught.value.line == 1001


def test_libxml2_hints_are_not_shown() -> None:
    deep = b"<a>" + b"<b>" * 300 + b"</b>" * 300 + b"</a>"
    with pytest.raises(UnsafeXMLError) as caught:
        parse_xml(deep, limits=Limits(max_depth=1000))
    assert "XML_PARSE_HUGE" not in str(caught.value)


def test_a_bom_that_contradicts_the_declaration_is_a_warning() -> None:
    from pathlib import Path

    from sivi_verzuim import Severity, parse

    source = Path(__file__).resolve().parents[1] / "examples" / "2025" / "Afspraken.xml"
    data = source.read_bytes().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    message = parse(b"\xef\xbb\xbf" + data)
    assert [(f.code, f.severity) for f in message.findings] == [
        ("xml.encoding-conflict", Severity.WARNING)
    ]
    assert parse(b"\xef\xbb\xbf" + source.read_bytes()).findings == ()


# --------------------------------------------------------------- the check pass where it can refuse


def _check_pass_runs(monkeypatch: pytest.MonkeyPatch, data: bytes, limits: Limits) -> bool:
    """Whether parse_xml runs the check pass on ``data`` (the spy sees the parsers used)."""
    used: list[etree.XMLParser] = []
    real_fromstring = etree.fromstring
    parse_xml(b"<r/>", limits=LIMITS)  # make sure this thread's parsers exist
    check_parser = _safexml._local.parsers.check_parser

    def spy(text: bytes, parser: etree.XMLParser) -> Any:
        used.append(parser)
        return real_fromstring(text, parser)

    with monkeypatch.context() as m:
        m.setattr(etree, "fromstring", spy)
        with contextlib.suppress(SiviError):
            parse_xml(data, limits=limits)
    return check_parser in used


def test_a_message_is_parsed_without_the_check_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    message = Path(__file__).resolve().parents[1] / "examples" / "2021" / "Verzuimmeldingen.xml"
    assert not _check_pass_runs(monkeypatch, message.read_bytes(), LIMITS)
    assert not _check_pass_runs(monkeypatch, b"\xef\xbb\xbf<r><a/></r>", LIMITS)
    latin = b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<!-- \xe9 --><r>\xe9</r>'
    assert not _check_pass_runs(monkeypatch, latin, LIMITS)


def test_the_check_pass_runs_where_it_can_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = b"<r>" + b"<a/>" * 9 + b"</r>"  # 43 bytes: up to 10 elements
    assert not _check_pass_runs(monkeypatch, doc, Limits(max_elements=10))
    assert _check_pass_runs(monkeypatch, doc, Limits(max_elements=9))  # 43 // 4 > 9
    # long elements: the size allows too many, their "<" bytes do not
    long = b"<r>" + b"<a>" + b"x" * 200 + b"</a>" + b"<!--" + b"y" * 100 + b"-->" + b"</r>"
    assert len(long) // 4 > 5 and long.count(b"<") == 5
    assert not _check_pass_runs(monkeypatch, long, Limits(max_elements=5))
    assert parse_xml(long, limits=Limits(max_elements=5)).getroot().tag == "r"
    # a "<" in a comment, CDATA or a PI counts as one that might open an element
    assert _check_pass_runs(monkeypatch, long, Limits(max_elements=4))
    assert parse_xml(long, limits=Limits(max_elements=4)).getroot().tag == "r"
    many = b"<r>" + b"<a/>" * 6 + b"z" * 400 + b"</r>"
    assert _check_pass_runs(monkeypatch, many, Limits(max_elements=6))
    with pytest.raises(UnsafeXMLError) as refused:
        parse_xml(many, limits=Limits(max_elements=6))
    assert refused.value.rule == "elements"
    # the prolog scan cannot tell for sure that there is no DOCTYPE
    assert _check_pass_runs(monkeypatch, "<r/>".encode("utf-16"), LIMITS)
    assert _check_pass_runs(monkeypatch, b'<?xml version="1.0" encoding="UTF-7"?><r/>', LIMITS)
    assert _check_pass_runs(monkeypatch, b"\x4c\x6f\xa7\x94\x93@<r/>", LIMITS)  # EBCDIC
    # a depth limit beyond what libxml2 nests at all: the check pass measures
    assert _check_pass_runs(monkeypatch, nested(10), Limits(max_depth=1_000_000))
    parse_xml(nested(10), limits=Limits(max_depth=1_000_000))
    # the tree is too deep, or malformed: the check pass reports it
    assert _check_pass_runs(monkeypatch, nested(65), LIMITS)
    assert _check_pass_runs(monkeypatch, b"<r><a></r>", LIMITS)


def test_prolog_scan_tells_root_doctype_and_unknown_apart() -> None:
    scan = _safexml._prolog_scan
    for data in [
        b"<r/>",
        b'<?xml version="1.0"?>\n<!-- <!DOCTYPE r> -->\n<?pi <!DOCTYPE r>?><r/>',
        b'<?xml version="1.0" encoding="windows-1252"?><r/>',
        b"\xef\xbb\xbf<r/>",
        b"<_r/>",
        "<\u00e9/>".encode(),
    ]:
        assert scan(data) == _safexml._FOUND_ROOT, data
    for data in [
        b"",
        b"   ",
        b"<!-- never closed <r/>",
        b"<?pi never closed <r/>",
        b"garbage",
        b"<1r/>",
        b"<![CDATA[x]]><r/>",
        "<r/>".encode("utf-16"),
        "<r/>".encode("utf-32"),
        b'<?xml version="1.0" encoding="UTF-7"?><r/>',
        b'<?xml version="1.0" encoding="no-such-codec"?><r/>',
    ]:
        assert scan(data) == _safexml._FOUND_NOTHING, data
    for data in DOCTYPE_VARIANTS.values():
        assert scan(data) == _safexml._FOUND_DOCTYPE


def _outcome(data: bytes, limits: Limits) -> Any:
    try:
        tree = parse_xml(data, limits=limits, file="f.xml")
    except SiviError as exc:
        return type(exc).__name__, str(exc), exc.__dict__
    return etree.tostring(tree), [el.sourceline for el in tree.iter()]


_PIECES = st.sampled_from(
    ["<a>", "</a>", "<b/>", "<b>", "</b>", "x", "\n", "<!--c-->", "<?p?>", "&amp;", "&bad;", "<"]
)


@settings(max_examples=300, deadline=None)
@given(
    body=st.lists(st.one_of(_PIECES, st.just("<a>" * 70 + "</a>" * 70)), max_size=40),
    prolog=st.sampled_from(["", '<?xml version="1.0"?>\n', "<!--p-->", "<!DOCTYPE r>"]),
    max_depth=st.integers(1, 80),
    max_elements=st.one_of(st.none(), st.integers(1, 300)),
)
def test_the_outcome_is_the_check_pass_outcome(
    body: list[str], prolog: str, max_depth: int, max_elements: int | None
) -> None:
    # with or without the check pass: the same tree, or the same refusal (rule, reason, line)
    data = (prolog + "<r>" + "".join(body) + "</r>").encode()
    limits = Limits(max_depth=max_depth, max_elements=max_elements)
    fast = _outcome(data, limits)
    with pytest.MonkeyPatch.context() as m:
        real_scan = _safexml._prolog_scan
        m.setattr(
            _safexml,
            "_prolog_scan",
            lambda d: (
                _safexml._FOUND_NOTHING if real_scan(d) == _safexml._FOUND_ROOT else real_scan(d)
            ),
        )
        checked = _outcome(data, limits)
    assert fast == checked


_DECLARATIONS = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<?xml version='1.0' encoding='utf-8'?>",
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<?xml version="1.0" standalone="no"?>',
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<?xml version="1.0" encoding="Utf-8"?>',
    '<?xml version="1.1" encoding="UTF-8"?>',
    '<?xml  version="1.0"?>',
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<?xml version="1.0" encoding="nonsense"?>',
    "",
]
_AFTER = ["", "\n", "\r\n  ", "\n<!-- c -->\n", "<?pi x?>", "\n<!DOCTYPE r>", "<!doctype r>", " "]
_ROOTS = ["<r/>", "<Verzuimmeldingen xmlns='urn:x'/>", "<_r/>", "<\u00e9/>", "<1/>", "x", ""]


@pytest.mark.parametrize("declaration", _DECLARATIONS)
def test_the_usual_prolog_is_read_as_the_full_scan_reads_it(declaration: str) -> None:
    for after in _AFTER:
        for root in _ROOTS:
            for bom in (b"", b"\xef\xbb\xbf"):
                data = bom + (declaration + after + root).encode()
                assert _safexml._prolog_scan(data) == _safexml._full_prolog_scan(data), data


@pytest.mark.parametrize("declaration", _DECLARATIONS[:5])
def test_the_usual_prologs_take_the_short_way(declaration: str) -> None:
    assert _safexml._USUAL_PROLOG.match((declaration + "\n<r/>").encode()) is not None


@given(
    st.text(alphabet='<?xml version="\'1.0" encoding=UTF-8 standalone=yesno?>!\n\t_r/', max_size=80)
)
def test_any_prolog_is_read_as_the_full_scan_reads_it(text: str) -> None:
    data = text.encode()
    assert _safexml._prolog_scan(data) == _safexml._full_prolog_scan(data)


# --------------------------------------------------------- the look for entity references


_ENTITY_PIECES = st.sampled_from(
    ["<a>", "</a>", "<b/>", "x", "\u00e9", "\n", "<!--&-->", "<?p &?>", "&amp;", "&#38;", "&x;"]
)


@settings(max_examples=200, deadline=None)
@given(
    body=st.lists(_ENTITY_PIECES, max_size=30),
    encoding=st.sampled_from(["utf-8", "iso-8859-1", "utf-16", "cp037"]),
    dtd=st.booleans(),
)
def test_the_entity_look_is_left_out_only_where_there_can_be_none(
    body: list[str], encoding: str, dtd: bool
) -> None:
    # the same tree or refusal as with the look always taken; left out only for bytes read
    # in an ASCII-based encoding without an "&"
    subset = '<!DOCTYPE r [<!ENTITY x "y">]>' if dtd else ""
    text = f'<?xml version="1.0" encoding="{encoding}"?>{subset}<r>{"".join(body)}</r>'
    data = text.encode(encoding)
    looks: list[bool] = []
    real_check = _safexml._check_tree

    def spy(tree: etree._ElementTree, file: str | None, *, entities: bool = True) -> None:
        looks.append(entities)
        real_check(tree, file, entities=entities)

    def always(tree: etree._ElementTree, file: str | None, *, entities: bool = True) -> None:
        real_check(tree, file, entities=True)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(_safexml, "_check_tree", spy)
        got = _outcome(data, LIMITS)
        m.setattr(_safexml, "_check_tree", always)
        want = _outcome(data, LIMITS)
    assert got == want
    if looks and not looks[0]:
        assert encoding in ("utf-8", "iso-8859-1") and b"&" not in data


def test_an_entity_reference_is_looked_for_where_an_ampersand_is() -> None:
    looks: list[bool] = []
    real_check = _safexml._check_tree

    def spy(tree: etree._ElementTree, file: str | None, *, entities: bool = True) -> None:
        looks.append(entities)
        real_check(tree, file, entities=entities)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(_safexml, "_check_tree", spy)
        parse_xml(b'<?xml version="1.0"?>\n<r><a>x</a></r>', limits=LIMITS)
        parse_xml(b'<?xml version="1.0"?>\n<r><a>&amp;</a></r>', limits=LIMITS)
        parse_xml("<r><a>x</a></r>".encode("utf-16"), limits=LIMITS)
    assert looks == [False, True, True]
