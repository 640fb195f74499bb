"""Caravan's own record shape as an import format: split, validated, normalised."""

from __future__ import annotations

import io
import json

import pytest

from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.base import MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.native import RecordMapper

CONTEXT = MappingContext(institution="palace")


def split(text: str) -> list[RawRecord | SplitProblem]:
    return list(RecordMapper().split(io.BytesIO(text.encode()), CONTEXT))


def test_one_object_an_array_and_json_lines_split_into_records():
    one = {"local_id": "A", "titles": {"en": "Cup"}}
    assert [r.identifier for r in split(json.dumps(one))] == ["A"]
    assert [r.identifier for r in split(json.dumps([one, {**one, "local_id": "B"}]))] == [
        "A",
        "B",
    ]
    lines = split(json.dumps(one) + "\n{broken\n" + json.dumps({**one, "local_id": "C"}) + "\n")
    assert isinstance(lines[1], SplitProblem) and "line 2 is not JSON" in lines[1].problem
    assert [r.identifier for r in lines if isinstance(r, RawRecord)] == ["A", "C"]


def test_mapping_reads_years_and_rights_and_keeps_the_raw_text():
    raw = RawRecord(
        identifier="A",
        data=json.dumps(
            {
                "local_id": "A",
                "titles": {"zh-Hans": "铜镜"},
                "date_display": {"zh-Hans": "唐代"},
                "rights": "CC BY 4.0",
            },
            ensure_ascii=False,
        ),
    )
    mapped = RecordMapper().map(raw, CONTEXT)
    assert (mapped.record.earliest_year, mapped.record.latest_year) == (618, 907)
    assert mapped.record.rights == "http://creativecommons.org/licenses/by/4.0/"
    assert mapped.record.raw == raw.data
    assert any("CC BY 4.0" in warning for warning in mapped.warnings)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ('{"titles": {"en": "x"}}', "no local identifier"),
        ('{"local_id": "A", "titles": {}}', "no title"),
        (
            '{"local_id": "A", "titles": {"en": "x"}, "object_types": [{"text": "cup", '
            '"concept": {"notation": "1"}}]}',
            "wrong shape",
        ),
        ("[1, 2]", "JSON list"),
    ],
)
def test_a_bad_record_is_refused_with_its_reason(data, reason):
    with pytest.raises(RecordError, match=reason):
        RecordMapper().map(RawRecord(identifier="A", data=data), CONTEXT)
