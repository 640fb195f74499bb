"""CSV and JSON mappers with mapping files: the real Tate and ACMI data, and broken input."""

from __future__ import annotations

import io
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.base import MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.mapping_files import (
    MappingError,
    compile_json_path,
    detect_han,
    load_mapping,
)
from caravan.ingest.mappers.tabular import CsvMapper, JsonMapper

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "tabular"
MAPPINGS = HERE.parents[1] / "mappings"
CORPUS = HERE.parents[3] / ".." / "shared" / "corpus"
INC = "http://rightsstatements.org/vocab/InC/1.0/"
CNE = "http://rightsstatements.org/vocab/CNE/1.0/"


def corpus(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"the shared corpus ({relative}) is not here")
    return path


def context(mapping_name: str, institution: str = "tate") -> MappingContext:
    return MappingContext(
        institution=institution, source_name="test", mapping=load_mapping(MAPPINGS / mapping_name)
    )


def split_file(mapper: Any, path: Path, ctx: MappingContext) -> list[Any]:
    with path.open("rb") as stream:
        return list(mapper.split(stream, ctx))


def split_bytes(mapper: Any, data: bytes, ctx: MappingContext) -> list[Any]:
    return list(mapper.split(io.BytesIO(data), ctx))


# --- paths and the mapping language ---------------------------------------------------------


def test_json_paths_go_through_lists_and_indexes():
    document = {
        "subjects": {"children": [{"children": [{"name": "hand"}, {"name": "jug"}]}]},
        "contributors": [{"fc": "Barbara Hepworth"}, {"fc": "Ben Nicholson"}],
        "forms": ["Feature films", "Shorts"],
    }
    assert compile_json_path("subjects.children[].children[].name")(document) == ["hand", "jug"]
    assert compile_json_path("contributors[].fc")(document) == [
        "Barbara Hepworth",
        "Ben Nicholson",
    ]
    assert compile_json_path("contributors[1].fc")(document) == ["Ben Nicholson"]
    assert compile_json_path("forms")(document) == ["Feature films", "Shorts"]
    assert compile_json_path("missing.key[]")(document) == []


def test_a_mapping_error_names_the_key_at_fault():
    with pytest.raises(MappingError, match=r"titles\[1\]\.lang: 'french!' is not a valid BCP-47"):
        load_mapping(FIXTURES / "bad-mapping.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('titles = "title"', r"local_id: this key is required"),
        ('local_id = "a"\ntitles = "t"\ncolour = "c"', r"colour: unknown key"),
        ('local_id = "a"\ntitles = { from = "t", lnag = "en" }', r"titles\.lnag: unknown key"),
        ('local_id = "a"\ntitles = { from = "t", transform = "shout" }', r"unknown transform"),
        ('local_id = "a"\ntitles = { value = "x", from = "t" }', r"titles: give exactly one"),
        ('local_id = "a"\ntitles = "t"\nrights = { from = "r", lang = "en" }', r"rights\.lang"),
        ('local_id = "a"\ntitles = "a..b"', r"titles\.from: 'a\.\.b' is not a path"),
        ('local_id = "a"\ntitles = "t"\n[[agents]]\nrole = "r"', r"agents\[0\]\.name: .*required"),
        ('local_id = "a"\ntitles = "t"\n[[agents]]\nname = "n"\nkind = { value = "x" }', "kind"),
        ("local_id = [", r"not valid TOML"),
    ],
)
def test_mapping_mistakes_are_reported_with_their_key(text, message):
    with pytest.raises(MappingError, match=message):
        load_mapping(text + "\n")


def test_the_shipped_mappings_are_valid():
    for path in sorted(MAPPINGS.glob("*.toml")):
        assert load_mapping(path)["local_id"], path.name


def test_a_mapping_travels_to_worker_processes():
    mapping = load_mapping(MAPPINGS / "tate-json.toml")
    assert pickle.loads(pickle.dumps(mapping)) == mapping  # noqa: S301 (our own bytes)


def test_han_script_detection_tags_simplified_and_traditional():
    assert detect_han("孤独的谋杀者") == "zh-Hans"
    assert detect_han("問天何時明") == "zh-Hant"
    assert detect_han("山水") == "zh"
    assert detect_han("Lonely Murderer") is None


# --- CSV ------------------------------------------------------------------------------------


def test_tate_csv_rows_map_to_records():
    ctx = context("tate-csv.toml")
    mapper = CsvMapper()
    parts = split_file(mapper, FIXTURES / "tate-artworks.csv", ctx)
    records = {part.identifier: part for part in parts if isinstance(part, RawRecord)}
    assert list(records) == ["A00001", "A00009", "line 5", "A00017", "T00959"]
    hepworth = mapper.map(records["T00959"], ctx).record
    assert hepworth.titles == {"en": "Maquette, Three Forms in Echelon"}
    assert (hepworth.earliest_year, hepworth.latest_year) == (1961, 1961)
    assert hepworth.agents[0].names == {"en": "Dame Barbara Hepworth"}
    assert hepworth.agents[0].role == {"en": "artist"}
    assert [term.text for term in hepworth.materials] == ["Bronze"]
    assert hepworth.rights == INC
    assert hepworth.media[0].thumbnail_url.endswith("/T/T00/T00959_8.jpg")
    assert hepworth.source_format == "csv"
    blake = mapper.map(records["A00001"], ctx)
    assert blake.record.rights == CNE
    assert blake.record.date_display == {"en": "date not known"}
    assert blake.record.earliest_year is None
    assert any("date not known" in warning for warning in blake.warnings)


def test_a_csv_row_with_the_wrong_number_of_fields_is_reported_with_its_line():
    parts = split_file(CsvMapper(), FIXTURES / "tate-artworks.csv", context("tate-csv.toml"))
    problems = [part for part in parts if isinstance(part, SplitProblem)]
    assert [problem.identifier for problem in problems] == ["line 4"]
    assert problems[0].problem == "line 4 has 6 fields where the header has 20"


def test_a_csv_row_without_identifier_is_rejected_by_map():
    ctx = context("tate-csv.toml")
    parts = split_file(CsvMapper(), FIXTURES / "tate-artworks.csv", ctx)
    nameless = next(part for part in parts if part.identifier == "line 5")
    with pytest.raises(RecordError, match=r"line 5: no identifier \(nothing in accession_number\)"):
        CsvMapper().map(nameless, ctx)


def test_a_csv_line_in_the_wrong_encoding_is_skipped_and_the_rest_is_read():
    parts = split_file(CsvMapper(), FIXTURES / "wrong-encoding.csv", context("tate-csv.toml"))
    assert [part.identifier for part in parts] == ["A00001", "line 3", "T00959"]
    assert isinstance(parts[1], SplitProblem)
    assert "line 3 is not utf-8-sig text" in parts[1].problem


def test_a_csv_header_without_the_identifier_column_stops_the_input():
    data = b"title,year\nA title,1900\n"
    with pytest.raises(MappingError, match="accession_number is not in the file's header"):
        split_bytes(CsvMapper(), data, context("tate-csv.toml"))


def test_a_csv_row_keeps_quoted_newlines_and_is_kept_as_json():
    data = b'accession_number,title\nX1,"Two\nlines"\nX2,Plain\n'
    parts = split_bytes(CsvMapper(), data, context("tate-csv.toml"))
    assert [part.identifier for part in parts] == ["X1", "X2"]
    assert parts[0].data == '{"accession_number": "X1", "title": "Two\\nlines"}'


def test_the_real_tate_csv_has_no_titles_so_every_row_is_rejected_with_the_reason():
    ctx = context("tate-csv.toml")
    mapper = CsvMapper()
    parts = split_file(mapper, corpus("tate/simplified_artwork_data.csv"), ctx)
    assert len(parts) == 69_201
    assert all(isinstance(part, RawRecord) for part in parts)
    assert parts[0].identifier == "A00001"
    with pytest.raises(RecordError, match="record A00001: it has no title in any language"):
        mapper.map(parts[0], ctx)


# --- JSON -----------------------------------------------------------------------------------


def test_every_real_tate_json_file_maps():
    ctx = context("tate-json.toml")
    mapper = JsonMapper()
    mapped = {}
    for path in sorted(corpus("tate/artworks").rglob("*.json")):
        (raw,) = split_file(mapper, path, ctx)
        mapped[raw.identifier] = mapper.map(raw, ctx)
    assert len(mapped) == 8_651
    record = mapped["T00959"].record
    assert record.titles == {"en": "Maquette, Three Forms in Echelon"}
    assert (record.earliest_year, record.latest_year) == (1961, 1961)
    assert [term.text for term in record.materials] == ["Bronze"]
    assert [term.text for term in record.object_types] == ["sculpture"]
    assert record.agents[0].names == {"en": "Dame Barbara Hepworth"}
    assert record.agents[0].kind == "person"
    assert [term.text for term in record.subjects] == ["movement", "sequence", "St Ives School"]
    assert record.subjects[0].concept.notation == "6744"
    assert record.subjects[0].concept.scheme == "tate-subjects"
    assert record.rights == INC
    assert record.web_page.endswith("hepworth-maquette-three-forms-in-echelon-t00959")
    assert record.raw.startswith('{\n  "acno": "T00959"')


def test_acmi_chinese_titles_are_tagged_by_script():
    ctx = context("acmi-json.toml", "acmi")
    mapper = JsonMapper()
    objects = corpus("acmi/dist/objects")
    (loner,) = split_file(mapper, objects / "146" / "466" / "146466.json", ctx)
    record = mapper.map(loner, ctx).record
    assert record.local_id == "146466"
    assert record.titles == {
        "zh-Hans": "孤独的谋杀者",
        "en": "The Loner",
        "zh-Latn-pinyin": "Gu du de mou sha zhe",
    }
    assert (record.earliest_year, record.latest_year) == (1986, 1986)
    assert record.agents[1].names == {"en": "Guangxi Film Studio"}
    assert record.agents[1].kind == "group"
    assert record.dimensions == {"en": "duration 01:40:00"}
    assert record.rights == CNE
    (daybreak,) = split_file(mapper, objects / "146" / "443" / "146443.json", ctx)
    assert mapper.map(daybreak, ctx).record.titles["zh-Hant"] == "問天何時明"


def test_every_acmi_file_maps():
    ctx = context("acmi-json.toml", "acmi")
    mapper = JsonMapper()
    scripts: Counter[str] = Counter()
    paths = sorted(corpus("acmi/dist/objects").rglob("*.json"))
    for path in paths:
        (raw,) = split_file(mapper, path, ctx)
        titles = mapper.map(raw, ctx).record.titles
        scripts.update(tag for tag in titles if tag in ("zh", "zh-Hans", "zh-Hant"))
    assert len(paths) == 2_694
    assert scripts.total() == 75
    assert scripts["zh-Hans"] > scripts["zh-Hant"] > 0


def test_a_json_array_streams_record_by_record(monkeypatch):
    monkeypatch.setattr("caravan.ingest.mappers.tabular.JSON_CHUNK_CHARS", 64)
    documents = b'[{"acno": "A1", "title": "One"},\n {"acno": "A2", "title": "Two \\u00e9"}]'
    parts = split_bytes(JsonMapper(), documents, context("tate-json.toml"))
    assert [part.identifier for part in parts] == ["A1", "A2"]
    assert parts[1].data == '{"acno": "A2", "title": "Two \\u00e9"}'


def test_a_truncated_json_file_keeps_the_records_before_the_break():
    parts = split_file(JsonMapper(), FIXTURES / "truncated.json", context("tate-json.toml"))
    assert [part.identifier for part in parts] == ["A00001", "A00009", "record 3"]
    assert isinstance(parts[2], SplitProblem)
    assert "the JSON is broken at line" in parts[2].problem
    assert "2 record(s) before it were read" in parts[2].problem


def test_json_lines_report_a_bad_line_and_go_on():
    data = b'{"acno": "L1", "title": "One"}\n{"acno": "L2", "tit\n{"acno": "L3", "title": "3"}\n'
    stream = io.BytesIO(data)
    stream.name = "records.jsonl"
    parts = list(JsonMapper().split(stream, context("tate-json.toml")))
    assert [part.identifier for part in parts] == ["L1", "line 2", "L3"]
    assert isinstance(parts[1], SplitProblem)


def test_a_json_record_without_identifier_is_rejected_naming_the_file():
    ctx = context("tate-json.toml")
    path = FIXTURES / "no-identifier.json"
    (raw,) = split_file(JsonMapper(), path, ctx)
    assert raw.identifier == str(path)
    with pytest.raises(
        RecordError, match=r"no-identifier\.json: no identifier \(nothing in acno\)"
    ):
        JsonMapper().map(raw, ctx)


def test_a_json_record_without_title_is_rejected():
    ctx = context("tate-json.toml")
    (raw,) = split_bytes(JsonMapper(), b'{"acno": "N1", "title": "  "}', ctx)
    with pytest.raises(RecordError, match="record N1: it has no title"):
        JsonMapper().map(raw, ctx)


def test_an_oversized_field_is_rejected():
    ctx = context("tate-json.toml")
    big = "x" * 200_000
    (raw,) = split_bytes(JsonMapper(), f'{{"acno": "B1", "title": "{big}"}}'.encode(), ctx)
    with pytest.raises(RecordError, match="'title' holds 200,000 characters"):
        JsonMapper().map(raw, ctx)


def test_language_from_a_path_and_templates():
    mapping = load_mapping(
        """
        local_id = "id"
        record_language = "en"
        web_page = { template = "https://example.org/objects/{id}" }
        [[titles]]
        each = "titles[]"
        from = "text"
        lang_from = "language"
        [[object_types]]
        from = "types"
        split = ";"
        """
    )
    ctx = MappingContext(institution="x", mapping=mapping)
    document = (
        b'{"id": 7, "types": "vase; jar", "titles": [{"text": "Vase", "language": "en"},'
        b' {"text": "Vase \\u00e0 fleurs", "language": "fr"}, {"text": "Vaso"}]}'
    )
    (raw,) = split_bytes(JsonMapper(), document, ctx)
    record = JsonMapper().map(raw, ctx).record
    assert record.local_id == "7"
    assert record.titles == {"en": "Vase", "fr": "Vase à fleurs"}
    assert [term.text for term in record.object_types] == ["vase", "jar"]
    assert record.web_page == "https://example.org/objects/7"


def test_an_oversized_csv_field_is_reported_and_the_next_rows_read():
    data = b"accession_number,title\nA1,ok\nA2," + b"x" * 200_000 + b"\nA3,fine\n"
    parts = split_bytes(CsvMapper(), data, context("tate-csv.toml"))
    assert [part.identifier for part in parts] == ["A1", "line 3", "A3"]
    assert "field larger than field limit (100000)" in parts[1].problem


def test_the_mapping_examples_in_the_documentation_are_valid():
    text = (HERE.parents[3] / "docs" / "ingest-formats.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in text.split("```toml\n")[1:]]
    complete = [block for block in blocks if "local_id =" in block]
    assert complete
    for block in complete:
        assert load_mapping(block)["titles"]
    fragments = [
        block
        for block in blocks
        if block not in complete and "holder" not in block and "entry-points" not in block
    ]
    for block in fragments:  # the fragments are valid once the two required keys are added
        required = 'local_id = "id"\n' + ("" if "titles" in block else 'titles = "title"\n')
        assert load_mapping(required + block)
