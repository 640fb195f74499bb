"""object_record against record_from_dict: the same records and the same RecordErrors."""

from __future__ import annotations

import json
import pickle
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from caravan.catalogue.records import (
    AgentRecord,
    ConceptRef,
    MediaRecord,
    ObjectRecord,
    RecordError,
    TermRecord,
    record_from_dict,
)
from caravan.ingest.mappers.base import MappingContext, RawRecord
from caravan.ingest.mappers.mapping_files import (
    assembling,
    compile_mapping,
    load_mapping,
    object_record,
)
from caravan.ingest.mappers.tabular import CsvMapper, JsonMapper

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "tabular"
MAPPINGS = HERE.parents[1] / "mappings"
INC = "http://rightsstatements.org/vocab/InC/1.0/"


def mapped_fields(mapper: Any, fixture: str, mapping: str, kind: str) -> list[dict[str, Any]]:
    """The fields CompiledMapping.apply gives for every record of a fixture file."""
    context = MappingContext(institution="tate", mapping=load_mapping(MAPPINGS / mapping))
    compiled = compile_mapping(load_mapping(MAPPINGS / mapping), kind)
    with (FIXTURES / fixture).open("rb") as stream:
        raws = [part for part in mapper.split(stream, context) if isinstance(part, RawRecord)]
    found = []
    for raw in raws:
        try:
            data, _warnings = compiled.apply(json.loads(raw.data), raw.identifier, "und")
        except RecordError:
            continue
        found.append({**data, "source": {"name": "test", "format": kind}, "raw": raw.data})
    return found


def a_record(**changes: Any) -> dict[str, Any]:
    """A record in the shape apply gives, every part filled in."""
    data: dict[str, Any] = {
        "local_id": "T00959",
        "language": "en",
        "titles": {"en": " Maquette, Three Forms in Echelon ", "zh-Hant": "三形"},
        "descriptions": {},
        "materials": [
            {"text": "Bronze", "lang": "en", "concept": None},
            {"text": "  ", "lang": "en", "concept": None},
        ],
        "subjects": [
            {
                "text": "St Ives School",
                "lang": "en",
                "concept": {"scheme": "tate-subjects", "notation": "6744", "uri": ""},
            }
        ],
        "agents": [
            {"name": {"en": "Dame Barbara Hepworth"}, "role": {"en": "artist"}, "kind": "person"}
        ],
        "media": [{"image_url": "https://example.org/t.jpg", "rights": INC}],
        "earliest_year": 1961,
        "latest_year": 1961,
        "rights": INC,
        "visibility": "public",
        "web_page": "https://www.tate.org.uk/art/artworks/t00959",
        "source": {"name": "tate", "format": "json"},
        "raw": "{}",
    }
    data.update(changes)
    return data


def test_a_full_record_is_the_one_record_from_dict_builds():
    data = a_record()
    record = object_record(data)
    assert record == record_from_dict(data)
    assert record.titles == {"en": "Maquette, Three Forms in Echelon", "zh-Hant": "三形"}
    assert record.materials == (TermRecord(text="Bronze", lang="en"),)
    assert record.subjects[0].concept == ConceptRef(scheme="tate-subjects", notation="6744")
    assert record.agents == (
        AgentRecord(names={"en": "Dame Barbara Hepworth"}, role={"en": "artist"}),
    )
    assert record.media == (MediaRecord(image_url="https://example.org/t.jpg", rights=INC),)
    assert (record.earliest_year, record.latest_year, record.rights) == (1961, 1961, INC)
    assert (record.source_name, record.source_format) == ("tate", "json")


def test_a_record_built_directly_pickles_and_compares_like_any_other():
    record = object_record(a_record())
    assert pickle.loads(pickle.dumps(record)) == record  # noqa: S301 (our own bytes)
    assert record.content_hash() == record_from_dict(a_record()).content_hash()


@pytest.mark.parametrize(
    ("fixture", "mapping", "kind", "mapper"),
    [
        ("tate-artworks.csv", "tate-csv.toml", "csv", CsvMapper()),
        ("truncated.json", "tate-json.toml", "json", JsonMapper()),
    ],
)
def test_every_mapped_fixture_record_is_the_same_either_way(fixture, mapping, kind, mapper):
    mapped = mapped_fields(mapper, fixture, mapping, kind)
    assert len(mapped) >= 2
    for data in mapped:
        assert object_record(data) == record_from_dict(data)
    assert object_record(mapped[0]).titles == {
        "en": "A Figure Bowing before a Seated Old Man with his Arm Outstretched in Benediction. "
        "Verso: Indecipherable Sketch"
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"local_id": "  "}, r"^the record has no local identifier$"),
        ({"titles": {"en": "  "}}, r"^record T00959: it has no title in any language$"),
        ({"titles": {"english!": "Maquette"}}, r"'english!' is not a valid BCP-47"),
        ({"language": "xx!"}, r"^record T00959: 'xx!' is not a valid BCP-47"),
        ({"descriptions": {"en": 5}}, r"^record T00959: the value for 'en' is not text$"),
        ({"descriptions": "Bronze"}, r"must be an object of language tag"),
        ({"agents": [{"name": {"en": "X"}, "kind": "alien"}]}, r"agent kind 'alien' is not"),
        ({"earliest_year": 1970, "latest_year": 1961}, r"earliest year 1970 is after latest"),
        ({"earliest_year": "c.1961"}, r"^record T00959: a year is not a whole number$"),
        ({"rights": "nonsense"}, r"rights 'nonsense' is not a rightsstatements.org"),
        ({"visibility": "secret"}, r"visibility 'secret' is not one of"),
        ({"production_country": "XX"}, r"'XX' is not an ISO 3166-1 alpha-2 country code"),
    ],
)
def test_what_record_from_dict_refuses_is_refused_in_its_words(changes, message):
    data = a_record(**changes)
    with pytest.raises(RecordError, match=message) as refused:
        record_from_dict(data)
    with pytest.raises(RecordError) as refused_too:
        object_record(data)
    assert str(refused_too.value) == str(refused.value)


def test_what_only_record_from_dict_knows_comes_from_it():
    data = a_record(production_country="fr", earliest_year=True, latest_year=None)
    assert object_record(data) == record_from_dict(data)
    assert object_record(data).production_country == "FR"


@pytest.mark.parametrize(
    ("cls", "names"),
    [
        (ObjectRecord, assembling._OBJECT_FIELDS),
        (TermRecord, assembling._TERM_FIELDS),
        (ConceptRef, assembling._CONCEPT_FIELDS),
        (AgentRecord, assembling._AGENT_FIELDS),
        (MediaRecord, assembling._MEDIA_FIELDS),
    ],
)
def test_the_direct_build_names_every_field_of_the_record_classes(cls, names):
    # A field added to a record class must be added to object_record too: until it is, records
    # are built through __init__ (correct, but the mapping engine's hot path is slow again).
    assert sorted(names) == sorted(field.name for field in fields(cls))
