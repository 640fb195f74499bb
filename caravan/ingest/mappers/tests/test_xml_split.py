"""The streaming XML splitter: broken, hostile and oversized input, and OAI-PMH envelopes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.base import MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.lido import LidoMapper
from caravan.ingest.mappers.tests.xml_corpus import FIXTURES, corpus_path
from caravan.ingest.mappers.xml_split import split_oai_records
from caravan.ingest.safety import MAX_RECORD_BYTES

CONTEXT = MappingContext(institution="test", default_language="en")


def lido_record(identifier: str, title: str) -> str:
    return (
        f"<lido:lido><lido:lidoRecID>{identifier}</lido:lidoRecID>"
        '<lido:descriptiveMetadata xml:lang="en"><lido:objectIdentificationWrap><lido:titleWrap>'
        f"<lido:titleSet><lido:appellationValue>{title}</lido:appellationValue></lido:titleSet>"
        "</lido:titleWrap></lido:objectIdentificationWrap></lido:descriptiveMetadata></lido:lido>"
    )


def split_file(path: Path) -> list[RawRecord | SplitProblem]:
    with path.open("rb") as stream:
        return list(LidoMapper().split(stream, CONTEXT))


def test_truncated_file_keeps_the_records_before_the_break() -> None:
    items = split_file(FIXTURES / "truncated.xml")

    assert [item.identifier for item in items if isinstance(item, RawRecord)] == ["t-1", "t-2"]
    problem = items[-1]
    assert isinstance(problem, SplitProblem)
    assert problem.problem == (
        "the XML breaks at line 6, column 1 after 2 record(s): Couldn't find end of Start Tag "
        "objectIdenti; the records after it could not be read"
    )


def test_latin1_bytes_in_a_utf8_file_are_reported_with_their_position() -> None:
    items = split_file(FIXTURES / "wrong_encoding.xml")

    assert [item.identifier for item in items if isinstance(item, RawRecord)] == ["t-1"]
    problem = items[-1]
    assert isinstance(problem, SplitProblem)
    assert problem.identifier.startswith("line 4, column")
    assert "encoding" in problem.problem.lower()


def test_a_record_without_identifier_is_reported_and_its_neighbours_kept() -> None:
    items = split_file(FIXTURES / "no_identifier.xml")

    assert [item.identifier for item in items if isinstance(item, RawRecord)] == ["t-1", "t-2"]
    (problem,) = [item for item in items if isinstance(item, SplitProblem)]
    assert problem.identifier == "LIDO record 2 (line 4)"
    assert "has no identifier" in problem.problem
    assert "Nameless jar" in problem.data


def test_mapping_a_kept_record_without_identifier_names_it() -> None:
    data = lido_record("", "Nameless jar").replace(
        "<lido:lido>", '<lido:lido xmlns:lido="http://www.lido-schema.org">'
    )
    raw = RawRecord(identifier="LIDO record 2 (line 4)", data=data)

    with pytest.raises(RecordError, match=r"LIDO record 2 \(line 4\).*lidoRecID"):
        LidoMapper().map(raw, CONTEXT)


def test_an_external_entity_is_refused_and_never_read() -> None:
    items = split_file(FIXTURES / "xxe.xml")

    assert not [item for item in items if isinstance(item, RawRecord)]
    (problem,) = items
    assert isinstance(problem, SplitProblem)
    assert "declares XML entities" in problem.problem
    assert "root:" not in problem.problem + problem.data


def test_an_entity_in_a_kept_record_is_refused_by_map() -> None:
    raw = RawRecord(identifier="xxe-1", data=(FIXTURES / "xxe.xml").read_text())

    with pytest.raises(RecordError, match=r"xxe-1.*entities"):
        LidoMapper().map(raw, CONTEXT)


def test_billion_laughs_is_refused_unexpanded() -> None:
    items = split_file(FIXTURES / "billion_laughs.xml")

    (problem,) = items
    assert isinstance(problem, SplitProblem)
    assert "declares XML entities" in problem.problem


def test_a_50_mb_field_is_refused_and_the_other_records_survive(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(b'<lido:lidoWrap xmlns:lido="http://www.lido-schema.org">\n')
        out.write(lido_record("before", "Jade cong").encode())
        out.write(lido_record("huge", "Silk").encode().replace(b"Silk", b"S" * 50_000_000))
        out.write(lido_record("after", "Celadon bowl").encode())
        out.write(b"</lido:lidoWrap>\n")

    items = split_file(path)

    kept = [item.identifier for item in items if isinstance(item, RawRecord)]
    assert kept == ["before", "after"]
    (problem,) = [item for item in items if isinstance(item, SplitProblem)]
    assert problem.identifier == "huge"
    assert f"over the {MAX_RECORD_BYTES:,} byte limit" in problem.problem
    assert problem.data == ""


def test_a_field_over_the_field_limit_is_refused_by_map() -> None:
    data = lido_record("long", "x" * 200_000).replace(
        "<lido:lido>", '<lido:lido xmlns:lido="http://www.lido-schema.org">'
    )

    with pytest.raises(RecordError, match=r"long.*200,000 characters"):
        LidoMapper().map(RawRecord(identifier="long", data=data), CONTEXT)


def test_a_file_with_no_lido_record_says_so() -> None:
    items = list(LidoMapper().split(io.BytesIO(b"<catalogue><item/></catalogue>"), CONTEXT))

    assert items == [SplitProblem(identifier="", problem="the file holds no LIDO record")]


def test_an_empty_file_is_a_problem_not_an_exception() -> None:
    (problem,) = list(LidoMapper().split(io.BytesIO(b""), CONTEXT))

    assert isinstance(problem, SplitProblem)
    assert "line" in problem.identifier


OAI_PAGE = f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2024-05-01T10:00:00Z</responseDate>
  <request verb="ListRecords" metadataPrefix="lido">https://museum.example/oai</request>
  <ListRecords>
    <record>
      <header><identifier>oai:museum:1</identifier><datestamp>2024-04-30</datestamp></header>
      <metadata>
        <lido:lido xmlns:lido="http://www.lido-schema.org">{lido_record("m-1", "Jade cong")[11:]}
      </metadata>
    </record>
    <record>
      <header status="deleted"><identifier>oai:museum:2</identifier>
        <datestamp>2024-04-29</datestamp></header>
    </record>
    <resumptionToken cursor="0" completeListSize="3">page-2</resumptionToken>
  </ListRecords>
</OAI-PMH>
"""


def test_lido_inside_an_oai_pmh_response() -> None:
    items = list(LidoMapper().split(io.BytesIO(OAI_PAGE.encode()), CONTEXT))

    assert [type(item) for item in items] == [RawRecord, RawRecord]
    first, deleted = items
    assert isinstance(first, RawRecord)
    assert first.identifier == "oai:museum:1"
    assert first.datestamp == "2024-04-30"
    assert first.data.startswith("<lido:lido ")
    assert LidoMapper().map(first, CONTEXT).record.titles == {"en": "Jade cong"}
    assert deleted == RawRecord(
        identifier="oai:museum:2", data="", deleted=True, datestamp="2024-04-29"
    )


def test_split_oai_records_refuses_a_payload_of_another_format() -> None:
    items = list(
        split_oai_records(
            io.BytesIO(OAI_PAGE.encode()),
            payload_tags=("{http://www.openarchives.org/OAI/2.0/oai_dc/}dc",),
            label="oai_dc",
        )
    )

    problem, deleted = items
    assert isinstance(problem, SplitProblem)
    assert problem.problem == "the OAI-PMH record holds lido metadata, not oai_dc"
    assert isinstance(deleted, RawRecord) and deleted.deleted


def test_metis_deleted_record() -> None:
    path = corpus_path("oai_pmh", "metis_harvesting", "deletedOaiRecord.xml")

    with path.open("rb") as stream:
        (record,) = list(split_oai_records(stream))

    assert isinstance(record, RawRecord)
    assert record.deleted is True
    assert record.data == ""
    assert record.identifier


def test_an_oai_pmh_error_other_than_no_records_is_reported() -> None:
    page = corpus_path("oai_pmh", "sickle_protocol_fixtures_synthetic", "badResumptionToken.xml")

    with page.open("rb") as stream:
        items = list(split_oai_records(stream))

    assert isinstance(items[0], SplitProblem)
    assert "badResumptionToken" in items[0].problem


def test_no_records_match_is_an_empty_page_not_an_error() -> None:
    page = corpus_path("oai_pmh", "sickle_protocol_fixtures_synthetic", "noRecordsMatch.xml")

    with page.open("rb") as stream:
        items = list(split_oai_records(stream))

    assert items == []
