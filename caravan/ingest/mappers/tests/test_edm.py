"""EDM RDF/XML: the whole HOPE batch, the Metis records with contextual entities, OAI-PMH EDM."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.base import Mapped, MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.edm import EdmMapper
from caravan.ingest.mappers.tests.xml_corpus import corpus_path

CONTEXT = MappingContext(institution="amsab", default_language="und")
HOPE = ("europeana_edm", "metis_test_batch_hope")
METIS = ("europeana_edm", "metis_records")


def split_file(path: Path) -> list[RawRecord | SplitProblem]:
    with path.open("rb") as stream:
        return list(EdmMapper().split(stream, CONTEXT))


def map_one(path: Path) -> Mapped:
    (raw,) = split_file(path)
    assert isinstance(raw, RawRecord)
    return EdmMapper().map(raw, CONTEXT)


def test_every_hope_record_maps_with_its_own_identifier() -> None:
    paths = sorted(corpus_path(*HOPE).glob("*.xml"))

    records = [map_one(path).record for path in paths]

    assert len(records) == 1506
    assert len({record.local_id for record in records}) == 1506
    assert all(record.local_id.startswith("http://hdl.handle.net/10796/") for record in records)
    assert all(record.titles and record.rights for record in records)


def test_hope_combat_issue() -> None:
    result = map_one(corpus_path(*HOPE, "Item_35836914.xml"))
    record = result.record

    assert result.warnings == ()
    assert record.local_id == "http://hdl.handle.net/10796/4BF04AA4-0D1B-4A8F-B4F3-A32EE1B05D06082"
    assert record.language == "fr"
    assert record.titles == {"fr": "Combat (1982)30"}
    assert record.date_display == {"fr": "1982"}
    assert (record.earliest_year, record.latest_year) == (1982, 1982)
    # Europeana's retired "rr-f" statement is read as In Copyright.
    assert record.rights == "http://rightsstatements.org/vocab/InC/1.0/"
    assert record.subjects[0].text == "Syndicalism/Trade Unions"
    assert [term.text for term in record.object_types] == ["item", "text"]
    assert record.credit_line == {"fr": "Amsab-Institute of Social History"}
    assert record.web_page.endswith("4BF04AA4-0D1B-4A8F-B4F3-A32EE1B05D06082#1")
    assert record.media[0].image_url.startswith("http://hdl.handle.net/10796/D710558D")
    assert record.source_format == "edm"


def test_every_metis_record_maps_or_is_reported() -> None:
    mapped = []
    problems = []
    for path in sorted(corpus_path(*METIS).iterdir()):
        for item in split_file(path):
            if isinstance(item, SplitProblem):
                problems.append((path.name, item.problem))
            else:
                mapped.append(EdmMapper().map(item, CONTEXT).record)

    assert len(mapped) == 29
    # A media-service fragment with web resources but no ProvidedCHO: nothing to catalogue.
    assert problems == [
        (
            "metis-media-service____files_rdf_with_oembed_sample.xml",
            "EDM record 1 (line 9) has no identifier, so it cannot be kept or updated",
        )
    ]


def test_contextual_entities_give_concepts_agents_and_time_spans() -> None:
    path = corpus_path(*METIS, "metis-indexing__europeana_record_to_sample_index_rdf.xml")

    record = map_one(path).record

    assert record.local_id == "/50/_providedCHO_NL_BwdADRKF_2_62_7"
    assert record.language == "nl"
    assert record.titles["nl"].startswith("Teksten (fotokopieën, vijf bladzijden), door Titus")
    archival = record.object_types[0]
    assert archival.text == "archiefmateriaal"
    assert archival.concept is not None
    assert archival.concept.uri == "http://vocab.getty.edu/aat/300379505"
    assert archival.concept.labels == {"en": "archival materials", "nl": "archiefmateriaal"}
    names = [agent.names for agent in record.agents]
    assert {"nl": "Brandsma, Titus, O.Carm., 1881-1942"} in names
    assert any(
        agent.uri == "http://id.loc.gov/authorities/names/n80119298" for agent in record.agents
    )
    assert (record.earliest_year, record.latest_year) == (1942, 1942)
    assert record.rights.endswith("//creativecommons.org/publicdomain/mark/1.0/")
    # The only digital object is a PDF, which is not an image to show.
    assert record.media == ()


def test_iiif_services_of_web_resources() -> None:
    path = corpus_path(*METIS, "metis-media-service____files_rdf_with_iiif_sample.xml")

    record = map_one(path).record

    first, second = record.media
    assert (
        first.iiif_service == "https://stacks.stanford.edu/image/iiif/zw031pj2507/zw031pj2507_0001"
    )
    assert first.thumbnail_url.endswith("/zw031pj2507_0001/full/400,/0/default.jpg")
    assert second.iiif_service.endswith("/zw031pj2507_0002")
    assert record.web_page == "https://purl.stanford.edu/zw031pj2507"
    assert record.titles == {"en": "[Official Court Transcript, 12 July 1946]"}


def test_non_latin_place_labels_are_kept_by_language() -> None:
    path = corpus_path(*METIS, "metis-enrichment_metis-enrichment-client__sample_completeness.rdf")

    record = map_one(path).record

    assert record.production_place["fr"] == "France"
    assert record.production_place["ja"] == "フランス共和国"
    assert record.production_place_uri == "http://sws.geonames.org/3017382/"


def test_europeana_oai_pmh_get_record() -> None:
    path = corpus_path(*METIS, "europeana-OAI-PMH__server_getRecord_edm.xml")

    record = map_one(path).record

    assert record.local_id == "http://data.europeana.eu/item/90402/BK_1978_399"
    assert record.titles == {"nl": "Beurs van beschilderd creme-wit fluweel, met gouden beugel"}
    assert record.rights.endswith("//creativecommons.org/publicdomain/mark/1.0/")
    assert (record.earliest_year, record.latest_year) == (1835, 1835)


def test_several_graphs_in_an_oai_pmh_page() -> None:
    graph = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:edm="http://www.europeana.eu/schemas/edm/">'
        '<edm:ProvidedCHO rdf:about="urn:cho:{n}"><dc:title xml:lang="ru">Зеркало {n}</dc:title>'
        "</edm:ProvidedCHO></rdf:RDF>"
    )
    records = "".join(
        f"<record><header><identifier>oai:x:{n}</identifier><datestamp>2024-01-0{n}</datestamp>"
        f"</header><metadata>{graph.format(n=n)}</metadata></record>"
        for n in (1, 2)
    )
    page = (
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>'
        f"{records}</ListRecords></OAI-PMH>"
    )

    items = list(EdmMapper().split(io.BytesIO(page.encode()), CONTEXT))

    assert [item.identifier for item in items] == ["oai:x:1", "oai:x:2"]
    second = EdmMapper().map(items[1], CONTEXT)  # type: ignore[arg-type]
    assert second.record.local_id == "urn:cho:2"
    assert second.record.titles == {"ru": "Зеркало 2"}
    assert "no rights statement: the aggregation has no edm:rights" in second.warnings


def test_a_graph_without_title_is_refused() -> None:
    raw = RawRecord(
        identifier="urn:cho:9",
        data=(
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:edm="http://www.europeana.eu/schemas/edm/">'
            '<edm:ProvidedCHO rdf:about="urn:cho:9"/></rdf:RDF>'
        ),
    )

    with pytest.raises(RecordError, match="record urn:cho:9: it has no title in any language"):
        EdmMapper().map(raw, CONTEXT)
