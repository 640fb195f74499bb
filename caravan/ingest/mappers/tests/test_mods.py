"""MODS 3: Harvard's real ListRecords page (botanical illustrations) and MODS details."""

from __future__ import annotations

import io

import pytest

from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.base import MappingContext, RawRecord
from caravan.ingest.mappers.mods import ModsMapper
from caravan.ingest.mappers.tests.xml_corpus import corpus_path

CONTEXT = MappingContext(institution="harvard", default_language="en")


def test_harvard_botanicals_page() -> None:
    path = corpus_path(
        "oai_pmh", "harvard_listrecords_mods", "ListRecords_harvard_botanicals_mods.xml"
    )
    mapper = ModsMapper()

    with path.open("rb") as stream:
        items = list(mapper.split(stream, CONTEXT))
    raws = [item for item in items if isinstance(item, RawRecord)]
    mapped = {raw.identifier: mapper.map(raw, CONTEXT) for raw in raws}

    assert len(items) == len(raws) == 10
    result = mapped["arn00007c00001"]
    record = result.record
    assert record.local_id == "arn00007c00001"
    # languageTerm "und": the record's language falls back to the source's default.
    assert record.language == "en"
    assert record.titles == {"en": "Plate 1. Clematis cylindrica"}
    assert record.descriptions == {
        "en": "Full color. Reproduced in Herbier Général, page 70, by Mme. Deville, Aumont."
    }
    # The item names neither maker nor date; its collection (relatedItem type="host") does.
    (riocreux,) = record.agents
    assert riocreux.names == {"en": "Riocreux, Alfred, 1820-1912"}
    assert riocreux.role == {"en": "originator, creator"}
    assert record.date_display == {"en": "1860"}
    assert (record.earliest_year, record.latest_year) == (1860, 1860)
    assert record.web_page == (
        "https://id.lib.harvard.edu/curiosity/botanical-illustrations/62-arn00007c00001"
    )
    (image,) = record.media
    assert image.image_url == "https://nrs.harvard.edu/urn-3:FMUS.ARN:37524535"
    assert image.thumbnail_url == "https://nrs.harvard.edu/urn-3:FMUS.ARN:37524536?width=150"
    # An access condition in words is no licence: the registrar is told.
    assert record.rights == ""
    assert result.warnings == ("no rights statement that maps to a rights URI",)
    assert mapped["arn00007c00011"].record.titles == {"en": "Plate 11. Helianthemum roseum"}


MODS = """<mods xmlns="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">
  <titleInfo lang="chi"><nonSort>The </nonSort><title>Mustard Seed Garden</title>
    <subTitle>manual of painting</subTitle></titleInfo>
  <titleInfo type="translated" lang="chi"><title>芥子園畫傳</title></titleInfo>
  <titleInfo type="translated" xml:lang="en"><title>Ignored: a main title exists</title></titleInfo>
  <name type="personal"><namePart type="family">Wang</namePart><namePart type="given">Gai</namePart>
    <namePart type="date">1645-1707</namePart><role><roleTerm type="text">compiler</roleTerm></role>
  </name>
  <name type="corporate"><namePart>Jieziyuan</namePart></name>
  <typeOfResource>still image</typeOfResource>
  <genre authority="aat" valueURI="http://vocab.getty.edu/aat/300026657">manuals</genre>
  <originInfo><place><placeTerm type="text">Nanjing</placeTerm></place>
    <dateIssued point="start">1679</dateIssued><dateIssued point="end">1701</dateIssued>
    <dateIssued>Kangxi period</dateIssued></originInfo>
  <language><languageTerm type="code" authority="iso639-2b">chi</languageTerm></language>
  <physicalDescription><form>woodblock print</form><extent>4 v.</extent></physicalDescription>
  <subject><topic>Painting, Chinese</topic></subject>
  <accessCondition type="use and reproduction"
    xlink:href="http://creativecommons.org/publicdomain/mark/1.0/">Public domain</accessCondition>
  <location><url access="object in context">https://library.example/mustard</url></location>
  <recordInfo><recordIdentifier>mustard-1</recordIdentifier></recordInfo>
</mods>"""


def test_mods_fields_in_detail() -> None:
    (raw,) = list(ModsMapper().split(io.BytesIO(MODS.encode()), CONTEXT))
    assert isinstance(raw, RawRecord)

    result = ModsMapper().map(raw, CONTEXT)
    record = result.record

    assert raw.identifier == record.local_id == "mustard-1"
    assert record.language == "zh"
    assert record.titles == {
        "zh": "The Mustard Seed Garden: manual of painting",
        "en": "Ignored: a main title exists",
    }
    assert [agent.names for agent in record.agents] == [
        {"zh": "Wang, Gai, 1645-1707"},
        {"zh": "Jieziyuan"},
    ]
    assert [agent.kind for agent in record.agents] == ["person", "group"]
    assert record.agents[0].role == {"en": "compiler"}
    assert [term.text for term in record.object_types] == ["still image", "manuals"]
    manuals = record.object_types[1].concept
    assert manuals is not None
    assert (manuals.scheme, manuals.uri) == ("aat", "http://vocab.getty.edu/aat/300026657")
    assert (record.earliest_year, record.latest_year) == (1679, 1701)
    assert record.date_display == {"zh": "Kangxi period"}
    assert record.production_place == {"zh": "Nanjing"}
    assert [term.text for term in record.materials] == ["woodblock print"]
    assert record.dimensions == {"zh": "4 v."}
    assert [term.text for term in record.subjects] == ["Painting, Chinese"]
    assert record.rights.endswith("//creativecommons.org/publicdomain/mark/1.0/")
    assert record.web_page == "https://library.example/mustard"
    assert record.media == ()
    assert result.warnings == ()


def test_a_mods_record_without_title_is_refused() -> None:
    data = (
        '<mods xmlns="http://www.loc.gov/mods/v3"><recordInfo>'
        "<recordIdentifier>blank-1</recordIdentifier></recordInfo></mods>"
    )

    with pytest.raises(RecordError, match="record blank-1: it has no title in any language"):
        ModsMapper().map(RawRecord(identifier="blank-1", data=data), CONTEXT)
