"""Mappings from the eleven to a receiver's (name, code): files, checks, reverse, overrides,
entry points (issue 5)."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sivi_verzuim import MessageType, Release, SiviError, parse
from sivi_verzuim.classification import (
    ENTRY_POINT_GROUP,
    AbsenceClassification,
    AmbiguousCodeError,
    ClassificationMapping,
    EmployerKey,
    EnvironmentMapping,
    MappingError,
    ReceiverClass,
    UnknownCodeError,
    classify_message,
    identity_mapping,
    installed_mappings,
    load_installed_mapping,
    load_mapping,
    mapping_template,
    parse_mapping,
)
from sivi_verzuim.testing import messages

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
MAPPINGS = EXAMPLES / "classification"
C = AbsenceClassification


# --------------------------------------------------------------------------- building


def test_identity_mapping_uses_the_labels_with_configurable_codes() -> None:
    plain = identity_mapping()
    assert plain[C.ORGAN_DONATION] == ReceiverClass("Ziekte - orgaandonatie (vangnet)", "5")
    assert plain.source == "identity"
    padded = identity_mapping(code_format="{number:02d}", codes={"OTHER_REASONS": "ZK", 11: "V"})
    assert padded[C.OCCUPATIONAL_ACCIDENT].code == "01"
    assert padded[C.OTHER_REASONS].code == "ZK"
    assert padded[C.OTHER_CAUSES_SAFETY_NET].code == "V"
    assert [cls for cls, _ in padded.entries] == list(C)
    assert identity_mapping(code_format="SIVI-{name}")[C(2)].code == (
        "SIVI-TRAFFIC_ACCIDENT_WITH_RECOURSE"
    )


def test_a_mapping_from_a_dict() -> None:
    pairs: dict[object, object] = {cls.name: (f"N{cls.number}", f"C{cls.number}") for cls in C}
    pairs.pop("ORGAN_DONATION")
    pairs[5] = ReceiverClass("Donor", "D")
    mapping = ClassificationMapping(pairs)
    assert mapping.map(C.ORGAN_DONATION) == ReceiverClass("Donor", "D")
    assert mapping.as_dict()[C(1)] == ReceiverClass("N1", "C1")


def test_a_dict_mapping_is_checked() -> None:
    with pytest.raises(MappingError) as info:
        ClassificationMapping(
            {"OCCUPATIONAL_ACCIDENT": ("A", "1"), "1": ("B", "2"), "X": ("C", "3")}
        )
    codes = [f.code for f in info.value.findings]
    assert codes.count("mapping.duplicate") == 1
    assert codes.count("mapping.unknown-classification") == 1
    assert codes.count("mapping.missing") == 10
    missing = [f.value for f in info.value.findings if f.code == "mapping.missing"]
    assert missing == [c.name for c in C][1:]
    assert isinstance(info.value, SiviError) and isinstance(info.value, ValueError)


# --------------------------------------------------------------------------- files


def test_example_mappings_load() -> None:
    suite = load_mapping(MAPPINGS / "suite-mapping.toml")
    assert suite[C.OCCUPATIONAL_ACCIDENT] == ReceiverClass("Bedrijfsongeval", "BO")
    assert suite.ambiguous_codes == {
        "VO": (C.UNEMPLOYMENT_BENEFIT, C.SPECIAL_EMPLOYMENT, C.OTHER_CAUSES_SAFETY_NET)
    }
    employer = load_mapping(MAPPINGS / "employer-mapping.csv")
    assert employer[C.PARTIAL_ABSENCE_EARLY_IN_EMPLOYMENT] == ReceiverClass("No-risk", "09")
    assert employer.ambiguous_codes == {}
    assert employer.source == str(MAPPINGS / "employer-mapping.csv")


@pytest.mark.parametrize("fmt", ["toml", "csv"])
def test_templates_have_all_eleven_rows_and_read_back(fmt: str) -> None:
    text = mapping_template(fmt)  # type: ignore[arg-type]
    assert (MAPPINGS / f"template.{fmt}").read_text(encoding="utf-8") == text
    for cls in C:
        assert cls.name in text and cls.label in text
    assert parse_mapping(text, format=fmt) == identity_mapping()  # type: ignore[arg-type]


names = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def mappings(draw: st.DrawFn) -> ClassificationMapping:
    codes = draw(st.lists(st.sampled_from(["A", "B", "01", "x;y", 'q"', "Z Z"]), min_size=11,
                          max_size=11))  # fmt: skip
    name_of = {code: draw(names) for code in set(codes)}
    return ClassificationMapping(
        {cls: ReceiverClass(name_of[code], code) for cls, code in zip(C, codes, strict=True)}
    )


@settings(max_examples=60, deadline=None)
@given(mapping=mappings(), delimiter=st.sampled_from([",", ";"]))
def test_any_mapping_round_trips_through_toml_and_csv(
    mapping: ClassificationMapping, delimiter: str
) -> None:
    assert parse_mapping(mapping.to_toml(), format="toml") == mapping
    assert parse_mapping(mapping.to_csv(delimiter=delimiter), format="csv") == mapping


@settings(max_examples=60, deadline=None)
@given(mapping=mappings(), cls=st.sampled_from(list(C)))
def test_map_then_reverse_returns_the_class_where_unambiguous(
    mapping: ClassificationMapping, cls: AbsenceClassification
) -> None:
    code = mapping.map(cls).code
    sharing = mapping.classifications_for(code)
    assert cls in sharing
    if len(sharing) == 1:
        assert mapping.reverse(code) is cls
        assert code not in mapping.ambiguous_codes
    else:
        with pytest.raises(AmbiguousCodeError) as info:
            mapping.reverse(code)
        assert info.value.classifications == sharing
        assert mapping.ambiguous_codes[code] == sharing


@pytest.mark.parametrize("release", [Release.R2017, Release.R2021, Release.R2025])
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_derived_classes_map_and_reverse_map_back(release: Release, data: st.DataObject) -> None:
    message = data.draw(messages(release, MessageType.VERZUIMMELDINGEN))
    mapping = data.draw(mappings())
    for item in classify_message(message, mapping=mapping):
        assert item.mapped == mapping.map(item.classification)
        if item.mapped.code not in mapping.ambiguous_codes:
            assert mapping.reverse(item.mapped.code) is item.classification
    for item in classify_message(message):  # identity: always unambiguous
        assert identity_mapping().reverse(item.mapped.code) is item.classification


def test_reverse_errors() -> None:
    suite = load_mapping(MAPPINGS / "suite-mapping.toml")
    assert suite.reverse("BO") is C.OCCUPATIONAL_ACCIDENT
    assert suite.reverse(" ZW ") is C.PREGNANCY_OR_CHILDBIRTH
    with pytest.raises(AmbiguousCodeError, match=r"'VO' is ambiguous: 3 SIVI") as ambiguous:
        suite.reverse("VO")
    assert "6 Ziekte - WW-uitkering" in str(ambiguous.value)
    assert isinstance(ambiguous.value, SiviError)
    with pytest.raises(UnknownCodeError, match="'XX' is not in the mapping") as unknown:
        suite.reverse("XX")
    assert isinstance(unknown.value, LookupError) and isinstance(unknown.value, SiviError)


# --------------------------------------------------------------------------- broken files


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def complete_toml(**replace: str) -> str:
    lines = ["[mapping]"]
    for cls in C:
        lines.append(
            replace.get(
                cls.name, f'{cls.name} = {{ name = "N{cls.number}", code = "{cls.number}" }}'
            )
        )
    return "\n".join(line for line in lines if line) + "\n"


def findings(exc: MappingError) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in exc.findings]


def test_toml_missing_classes_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "m.toml", complete_toml(ORGAN_DONATION="", SPECIAL_EMPLOYMENT=""))
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert findings(info.value) == [("mapping.missing", 1), ("mapping.missing", 1)]
    text = str(info.value)
    assert f"{path}, line 1: [mapping.missing] ORGAN_DONATION (5 Ziekte - orgaandonatie" in text
    assert (
        "SPECIAL_EMPLOYMENT (10 Ziekte - bijzonder dienstverband (vangnet)) is not mapped" in text
    )


def test_toml_unknown_name_and_duplicate_and_conflict(tmp_path: Path) -> None:
    text = (
        complete_toml(
            ORGAN_DONATION='"Ziekte - orgaandonatie (vangnet)" = { name = "OD", code = "5" }',
            SPECIAL_EMPLOYMENT='SPECIAL_EMPLOYMNT = { name = "BD", code = "10" }',
        )
        + '4 = { name = "again", code = "44" }\n'
        + 'VANGNET = { name = "x", code = "1" }\n'
    )
    path = write(tmp_path, "m.toml", text)
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert findings(info.value) == [
        ("mapping.unknown-classification", 11),
        ("mapping.duplicate", 13),
        ("mapping.unknown-classification", 14),
        ("mapping.missing", 1),
    ]
    message = str(info.value)
    assert f"{path}, line 13: [mapping.duplicate] PREGNANCY_OR_CHILDBIRTH (4 Ziekte - " in message
    assert "first on line 5" in message
    assert "unknown SIVI classification 'SPECIAL_EMPLOYMNT'" in message


def test_toml_same_key_twice_is_a_duplicate_with_its_line(tmp_path: Path) -> None:
    text = complete_toml() + 'ORGAN_DONATION = { name = "x", code = "5" }\n'
    path = write(tmp_path, "m.toml", text)
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert findings(info.value) == [("mapping.duplicate", 13)]
    assert str(path) in str(info.value) and "line 13" in str(info.value)


def test_toml_code_conflict_and_empty_and_bad_entries(tmp_path: Path) -> None:
    text = complete_toml(
        OTHER_REASONS='OTHER_REASONS = { name = "Other name", code = "1" }',
        ORGAN_DONATION='ORGAN_DONATION = { name = " ", code = "5" }',
        SPECIAL_EMPLOYMENT='SPECIAL_EMPLOYMENT = "BD"',
        OTHER_CAUSES_SAFETY_NET='OTHER_CAUSES_SAFETY_NET = { name = "V", kode = "11" }',
    )
    path = write(tmp_path, "m.toml", text)
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert findings(info.value) == [
        ("mapping.format", 11),
        ("mapping.format", 12),
        ("mapping.code-conflict", 4),
        ("mapping.empty", 6),
        ("mapping.format", 12),
    ]
    assert "code '1' is named 'Other name' here but 'N1' for OCCUPATIONAL_ACCIDENT on line 2" in (
        str(info.value)
    )


@pytest.mark.parametrize(
    ("text", "line", "piece"),
    [
        (
            '[mapping]\nOCCUPATIONAL_ACCIDENT = { name = "x", code = "1"\n',
            2,
            "Unclosed inline table",
        ),
        ("[mapping\n", 1, "TOML syntax"),
        ('[mapping]\nOCCUPATIONAL_ACCIDENT = { name = "x", code = 01 }\n', 2, "TOML syntax"),
    ],
)
def test_toml_bad_syntax(tmp_path: Path, text: str, line: int, piece: str) -> None:
    path = write(tmp_path, "m.toml", text)
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    (finding,) = info.value.findings
    assert (finding.code, finding.line, finding.file) == ("mapping.syntax", line, str(path))
    assert piece in finding.message


def test_toml_without_mapping_table(tmp_path: Path) -> None:
    path = write(tmp_path, "m.toml", 'description = "x"\nOCCUPATIONAL_ACCIDENT = 1\n')
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert findings(info.value) == [("mapping.format", 2), ("mapping.format", None)]
    assert "no [mapping] table" in str(info.value)


def complete_csv(delimiter: str = ",", **replace: str) -> str:
    lines = [delimiter.join(["classification", "name", "code"])]
    for cls in C:
        lines.append(
            replace.get(cls.name, delimiter.join([cls.name, f"N{cls.number}", str(cls.number)]))
        )
    return "\n".join(line for line in lines if line) + "\n"


def test_csv_with_comments_semicolons_bom_and_labels(tmp_path: Path) -> None:
    text = "# comment\n\n" + complete_csv(";", OTHER_REASONS="3;Ziek; ZK ")
    path = tmp_path / "m.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    mapping = load_mapping(path)
    assert mapping[C.OTHER_REASONS] == ReceiverClass("Ziek", "ZK")


def test_csv_missing_unknown_duplicate(tmp_path: Path) -> None:
    text = complete_csv(
        ORGAN_DONATION="",
        SPECIAL_EMPLOYMENT="BIJZONDER,BD,10",
        OTHER_CAUSES_SAFETY_NET="1,again,1",
    )
    path = write(tmp_path, "m.csv", text)
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert findings(info.value) == [
        ("mapping.unknown-classification", 10),
        ("mapping.duplicate", 11),
        ("mapping.missing", 1),
        ("mapping.missing", 1),
        ("mapping.missing", 1),
    ]
    message = str(info.value)
    assert f"{path}, line 11: [mapping.duplicate] OCCUPATIONAL_ACCIDENT" in message
    assert "first on line 2" in message
    missing = {f.value for f in info.value.findings if f.code == "mapping.missing"}
    assert missing == {"ORGAN_DONATION", "SPECIAL_EMPLOYMENT", "OTHER_CAUSES_SAFETY_NET"}


def test_csv_rows_and_header_problems(tmp_path: Path) -> None:
    text = complete_csv(
        OTHER_REASONS="OTHER_REASONS,Ziek",
        ORGAN_DONATION="ORGAN_DONATION,,5",
    )
    path = write(
        tmp_path, "m.csv", text.replace("classification,name,code", "classification,name,code")
    )
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert findings(info.value) == [("mapping.format", 4), ("mapping.empty", 6)]
    assert "expected 3 fields (classification,name,code), found 2" in str(info.value)
    header = write(tmp_path, "h.csv", "classificatie,naam,code,label\nx,y,z,w\n")
    with pytest.raises(MappingError) as info:
        load_mapping(header)
    (finding,) = info.value.findings
    assert (finding.code, finding.line) == ("mapping.format", 1)
    assert "missing column(s) classification, name" in finding.message
    assert "unknown column(s) 'classificatie', 'naam'" in finding.message
    with pytest.raises(MappingError, match="empty CSV file"):
        load_mapping(write(tmp_path, "e.csv", "# only a comment\n"))


def test_csv_label_column_catches_a_row_in_the_wrong_place(tmp_path: Path) -> None:
    text = mapping_template("csv").replace(
        "ORGAN_DONATION,Ziekte - orgaandonatie", "ORGAN_DONATION,Ziekte - arbeidsongeval"
    )
    path = write(tmp_path, "m.csv", text)
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert findings(info.value) == [("mapping.format", 6)]
    assert "column label says 'Ziekte - arbeidsongeval (vangnet)'" in str(info.value)


def test_csv_bad_syntax(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", complete_csv(ORGAN_DONATION='ORGAN_DONATION,"Donor"x,5'))
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    (finding,) = info.value.findings
    assert (finding.code, finding.line, finding.file) == ("mapping.syntax", 6, str(path))
    assert "CSV syntax" in finding.message


def test_unsupported_file_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(MappingError) as info:
        load_mapping(write(tmp_path, "m.json", "{}"))
    assert findings(info.value) == [("mapping.unsupported-file", None)]
    with pytest.raises(OSError):
        load_mapping(tmp_path / "missing.toml")
    assert load_mapping(write(tmp_path, "m.txt", complete_csv()), format="csv")[C(1)].code == "1"
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(complete_csv(OTHER_REASONS="OTHER_REASONS,Caf\xe9,3").encode("latin-1"))
    with pytest.raises(MappingError, match="not UTF-8"):
        load_mapping(bad)


# --------------------------------------------------------------------------- environment


def test_environment_default_and_employer_overrides() -> None:
    default = identity_mapping()
    employer = identity_mapping(code_format="E{number}")
    connection = identity_mapping(code_format="C{number}")
    env = EnvironmentMapping(default, {"WG-1": employer, EmployerKey("WG-1", "A-2"): connection})
    assert env.for_employer() is default
    assert env.for_employer("WG-9") is default
    assert env.for_employer("WG-1") is employer
    assert env.for_employer("WG-1", "A-1") is employer
    assert env.for_employer("WG-1", "A-2") is connection
    assert env.map(C(3), employer_id="WG-1", connection_number="A-2").code == "C3"
    assert env.reverse("E3", employer_id="WG-1") is C(3)
    with pytest.raises(UnknownCodeError):
        env.reverse("E3")
    assert EmployerKey.parse(" WG-1 / A-2 ") == EmployerKey("WG-1", "A-2")
    assert str(EmployerKey("WG-1", "A-2")) == "WG-1/A-2"
    for bad in ("", "/A", "WG/"):
        with pytest.raises(ValueError, match="ID/CONNECTION"):
            EmployerKey.parse(bad)
    with pytest.raises(ValueError, match="two mappings for employer WG-1"):
        EnvironmentMapping(
            default, [(EmployerKey("WG-1"), employer), (EmployerKey("WG-1"), default)]
        )


def test_classify_message_applies_the_employer_override() -> None:
    message = parse(EXAMPLES / "2021" / "VZ-2021-01-ziekmelding.xml")  # WG-100234 / AANS-0042
    suite = load_mapping(MAPPINGS / "suite-mapping.toml")
    employer = load_mapping(MAPPINGS / "employer-mapping.csv")
    env = EnvironmentMapping(suite, {"WG-100234/AANS-0042": employer})
    (item,) = classify_message(message, mapping=env)
    assert item.mapped == ReceiverClass("Ziek", "03")
    (item,) = classify_message(message, mapping=EnvironmentMapping(suite, {"WG-1": employer}))
    assert item.mapped == ReceiverClass("Ziekte", "ZK")
    (item,) = classify_message(message, mapping=suite)
    assert item.mapped == ReceiverClass("Ziekte", "ZK")


# --------------------------------------------------------------------------- entry points


PLUGIN = """
from sivi_verzuim.classification import ClassificationMapping, identity_mapping

SUITE = identity_mapping(code_format="S{number}")

def make():
    return identity_mapping(code_format="F{number}")

AS_DICT = {cls.name: (cls.label, str(cls.number)) for cls in __import__(
    "sivi_verzuim.classification", fromlist=["AbsenceClassification"]).AbsenceClassification}

BROKEN = {"OCCUPATIONAL_ACCIDENT": ("x", "1")}

def not_a_mapping():
    return 42

def fails():
    raise RuntimeError("boom")
"""


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fake installed distribution on sys.path that offers mappings by entry point."""
    site = tmp_path / "site"
    (site / "fake_suite").mkdir(parents=True)
    (site / "fake_suite" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "fake_suite-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-suite\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\n"
        "suite = fake_suite:SUITE\n"
        "factory = fake_suite:make\n"
        "as-dict = fake_suite:AS_DICT\n"
        "broken = fake_suite:BROKEN\n"
        "junk = fake_suite:not_a_mapping\n"
        "fails = fake_suite:fails\n"
        "missing-module = fake_suite_gone:X\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(site))
    yield site
    for name in [m for m in sys.modules if m.startswith("fake_suite")]:
        del sys.modules[name]


def test_entry_points_are_discovered_and_loaded(plugin: Path) -> None:
    names = installed_mappings()
    assert {"suite", "factory", "as-dict", "broken", "junk", "fails"} <= set(names)
    suite = load_installed_mapping("suite")
    assert suite[C(4)].code == "S4"
    assert suite.source == "identity"
    factory = load_installed_mapping("factory")
    assert factory[C(4)].code == "F4"
    assert load_installed_mapping("as-dict") == identity_mapping()
    assert load_installed_mapping("as-dict").source == "entry point as-dict = fake_suite:AS_DICT"


@pytest.mark.parametrize(
    ("name", "code", "piece"),
    [
        ("broken", "mapping.missing", "TRAFFIC_ACCIDENT_WITH_RECOURSE"),
        ("junk", "mapping.entry-point", "gives a int"),
        ("fails", "mapping.entry-point", "boom"),
        ("missing-module", "mapping.entry-point", "fake_suite_gone"),
        ("nope", "mapping.not-found", "no installed classification mapping named 'nope'"),
    ],
)
def test_entry_point_errors(plugin: Path, name: str, code: str, piece: str) -> None:
    with pytest.raises(MappingError) as info:
        load_installed_mapping(name)
    assert info.value.findings[0].code == code
    assert piece in str(info.value)
    if code != "mapping.not-found":
        assert f"entry point {name} = " in str(info.value)


def test_entry_points_by_monkeypatch(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    fake = [
        metadata.EntryPoint("twice", "fake_a:X", ENTRY_POINT_GROUP),
        metadata.EntryPoint("twice", "fake_b:X", ENTRY_POINT_GROUP),
    ]

    def entry_points(*, group: str) -> list[metadata.EntryPoint]:
        return fake if group == ENTRY_POINT_GROUP else []

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    assert installed_mappings() == ("twice",)
    with pytest.raises(MappingError, match="two packages offer a mapping named 'twice'"):
        load_installed_mapping("twice")
