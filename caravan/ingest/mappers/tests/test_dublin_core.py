"""Dublin Core (oai_dc): the Gallica records, the Metis GetRecord and deleted pages, bare lists."""

from __future__ import annotations

import io
from pathlib import Path

from caravan.ingest.mappers.base import Mapped, MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.dublin_core import DublinCoreMapper
from caravan.ingest.mappers.tests.xml_corpus import corpus_path

CONTEXT = MappingContext(institution="bnf", default_language="und")
GALLICA = ("oai_pmh", "bnf_gallica_oai_dc_records")


def split_file(path: Path) -> list[RawRecord | SplitProblem]:
    with path.open("rb") as stream:
        return list(DublinCoreMapper().split(stream, CONTEXT))


def map_one(path: Path) -> Mapped:
    (raw,) = split_file(path)
    assert isinstance(raw, RawRecord)
    return DublinCoreMapper().map(raw, CONTEXT)


def test_every_gallica_record_maps_under_its_oai_identifier() -> None:
    paths = sorted(corpus_path(*GALLICA).glob("*.xml"))

    records = [map_one(path).record for path in paths]

    assert len(records) == 14
    assert all(record.local_id.startswith("oai:bnf.fr:gallica/ark:/12148/") for record in records)
    assert all(
        record.web_page.startswith("http://gallica.bnf.fr/ark:/12148/") for record in records
    )
    assert all(record.source_format == "oai_dc" for record in records)


def test_gallica_turkish_manuscript_in_arabic_script() -> None:
    result = map_one(corpus_path(*GALLICA, "Item_d5e2050.xml"))
    record = result.record

    assert record.local_id == "oai:bnf.fr:gallica/ark:/12148/btv1b10091789s"
    assert record.language == "ota"
    assert record.titles["ota"].startswith("قران حبشى. Roman en trois volumes")
    assert (record.earliest_year, record.latest_year) == (1620, 1620)
    assert [(term.text, term.lang) for term in record.object_types] == [
        ("manuscript", "en"),
        ("manuscrit", "fr"),
    ]
    assert record.dimensions == {"ota": "176 feuillets. - Cartonnage turc"}
    assert record.web_page == "http://gallica.bnf.fr/ark:/12148/btv1b10091789s"
    assert record.descriptions["ota"].startswith("Kiran-i Habeshi\n\nKisse-i Kiran-i Habeshi")


def test_gallica_greek_manuscript_century_range() -> None:
    record = map_one(corpus_path(*GALLICA, "Item_d8e2224.xml")).record

    assert record.titles == {"grc": "Grec 483"}
    assert record.date_display == {"grc": "1001-1100"}
    assert (record.earliest_year, record.latest_year) == (1001, 1100)
    assert [agent.names for agent in record.agents] == [
        {"grc": "BASILIUS Cæsariensis (S.). Auteur du texte"},
        {"grc": "JOANNES Chrysostomus (S.). Auteur du texte"},
    ]


def test_an_unknown_language_and_an_unreadable_date_are_warned() -> None:
    result = map_one(corpus_path(*GALLICA, "Item_d1067e2038.xml"))

    assert result.record.language == "und"
    assert result.record.date_display == {"und": "17??"}
    assert result.record.earliest_year is None
    assert "unknown language tag 'Sans contenu linguistique' (read as 'und')" in result.warnings
    assert (
        "the date '17??' could not be read as years; it is kept as display only" in result.warnings
    )


def test_metis_get_record_with_an_image_relation() -> None:
    result = map_one(corpus_path("oai_pmh", "metis_harvesting", "sampleOaiRecord.xml"))
    record = result.record

    assert record.local_id == "oai:mediateka.centrumzamenhofa.pl:19"
    assert record.titles == {"und": "Fotografowie z zakładu przy ul. Kocha, Białystok,ok. 1942 r."}
    assert (record.earliest_year, record.latest_year) == (1942, 1942)
    assert record.web_page == "http://www.mediateka.centrumzamenhofa.pl/photos/?show_image=19"
    (image,) = record.media
    assert image.image_url.endswith("/large/PL_2004_1_1_2_002-large.jpg")
    # "video/mp4" is a media type, not a physical description.
    assert record.dimensions == {}


def test_metis_deleted_record() -> None:
    (deleted,) = split_file(corpus_path("oai_pmh", "metis_harvesting", "deletedOaiRecord.xml"))

    assert deleted == RawRecord(
        identifier="oai:mediateka.centrumzamenhofa.pl:20",
        data="",
        deleted=True,
        datestamp="2020-02-02T12:21:00Z",
    )


def test_sickle_list_records_page() -> None:
    items = split_file(
        corpus_path("oai_pmh", "sickle_protocol_fixtures_synthetic", "ListRecords.xml")
    )

    records = [item for item in items if isinstance(item, RawRecord) and not item.deleted]
    assert records
    assert all(DublinCoreMapper().map(item, CONTEXT).record.titles for item in records)


def test_a_bare_list_of_dc_records_uses_the_first_dc_identifier() -> None:
    records = "".join(
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:identifier>urn:jar:{n}</dc:identifier>"
        f"<dc:identifier>https://museum.example/img/{n}.jpg</dc:identifier>"
        f'<dc:title xml:lang="zh-Hans">青花瓷罐 {n}</dc:title><dc:date>1368-1644</dc:date>'
        "<dc:rights>http://creativecommons.org/publicdomain/zero/1.0/</dc:rights></oai_dc:dc>"
        for n in (1, 2)
    )
    document = f"<records>{records}</records>".encode()

    items = list(DublinCoreMapper().split(io.BytesIO(document), CONTEXT))

    assert [item.identifier for item in items] == ["urn:jar:1", "urn:jar:2"]
    result = DublinCoreMapper().map(items[1], CONTEXT)  # type: ignore[arg-type]
    assert result.warnings == ()
    assert result.record.local_id == "urn:jar:2"
    assert result.record.titles == {"zh-Hans": "青花瓷罐 2"}
    assert (result.record.earliest_year, result.record.latest_year) == (1368, 1644)
    assert result.record.rights.endswith("//creativecommons.org/publicdomain/zero/1.0/")
    assert result.record.media[0].image_url == "https://museum.example/img/2.jpg"
    assert result.record.web_page == ""
