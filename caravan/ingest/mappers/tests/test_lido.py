"""LIDO 1.0 and 1.1 over every real LIDO file of the shared corpus, and named records in detail."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from caravan.catalogue.records import ObjectRecord, RecordError, record_from_dict
from caravan.ingest.mappers.base import Mapped, MappingContext, RawRecord
from caravan.ingest.mappers.lido import LidoMapper
from caravan.ingest.mappers.tests.xml_corpus import CORPUS, corpus_path

CONTEXT = MappingContext(institution="test", source_name="lido-test", default_language="und")
LIDO_DIRECTORIES = ("lido_wg_examples", "ddb_real_records", "kenom", "ycba")


def map_file(path: Path) -> dict[str, Mapped]:
    mapper = LidoMapper()
    with path.open("rb") as stream:
        items = list(mapper.split(stream, CONTEXT))
    raws = [item for item in items if isinstance(item, RawRecord)]
    assert len(raws) == len(items), items
    return {raw.identifier: mapper.map(raw, CONTEXT) for raw in raws}


def lido_files() -> list[Path]:
    return sorted(
        path for name in LIDO_DIRECTORIES for path in (CORPUS / "lido" / name).glob("*.xml")
    )


@pytest.mark.parametrize("path", lido_files(), ids=lambda path: path.name)
def test_every_corpus_lido_file_maps_completely(path: Path) -> None:
    mapped = map_file(path)

    assert mapped
    for identifier, result in mapped.items():
        record = result.record
        assert record.local_id == identifier
        assert record.titles
        assert record.source_format == "lido"
        assert record.raw.startswith("<lido:lido") or record.raw.startswith("<lido ")
        # What the mapper makes is what the catalogue accepts.
        assert record_from_dict(_as_dict(record)).titles == record.titles


def test_the_corpus_holds_all_53_lido_records() -> None:
    corpus_path("lido")

    assert sum(len(map_file(path)) for path in lido_files()) == 53


def test_lido_1_1_la_primavera() -> None:
    path = corpus_path(
        "lido", "lido_wg_examples", "LIDO-v1.1-Example_FMobj00154983-LaPrimavera.xml"
    )

    result = map_file(path)["DE-Mb112/lido-obj00154983"]
    record = result.record

    assert result.warnings == ()
    assert record.language == "de"
    assert record.titles == {
        "it": "La Primavera",
        "en": "Spring",
        "de": "Der Frühling",
        "fr": "Allégorie du Printemps",
    }
    assert record.date_display == {"de": "um 1480 oder 1482/1485"}
    assert (record.earliest_year, record.latest_year) == (1480, 1485)
    assert record.rights == "http://rightsstatements.org/vocab/NoC-OKLR/1.0/"
    painting = record.object_types[0]
    assert painting.text == "Gemälde"
    assert painting.concept is not None
    assert painting.concept.uri == "http://vocab.getty.edu/aat/300033618"
    assert painting.concept.labels == {"en": "painting (visual work)", "de": "Gemälde"}
    (botticelli,) = record.agents
    assert botticelli.names == {"de": "Botticelli, Sandro"}
    assert botticelli.uri == "http://vocab.getty.edu/ulan/500015254"
    assert botticelli.role["en"] == "painters (artists)"
    assert [term.text for term in record.materials] == ["poplar (wood)", "oil tempera"]
    assert [term.text for term in record.techniques] == ["panel painting (image-making)"]
    assert record.dimensions == {"de": "203 x 314 cm"}
    assert record.web_page == "https://www.bildindex.de/document/obj00154983"
    assert record.media[0].thumbnail_url == "http://www.bildindex.de/bilder/m/fmp_gkka1982_01929_2l"
    assert record.media[0].image_url == "http://www.bildindex.de/bilder/d/fmp_gkka1982_01929_2l"
    caduceus = next(term for term in record.subjects if "Caduceus" in term.text)
    assert caduceus.concept is not None
    assert caduceus.concept.notation == "92B58(Caduceus)"
    assert record.source_name == "lido-test"


def test_lido_1_0_la_primavera_merges_its_descriptive_blocks_by_language() -> None:
    path = corpus_path("lido", "lido_wg_examples", "LIDO-Example_FMobj00154983-LaPrimavera.xml")

    record = map_file(path)["DE-Mb112/lido-obj00154983"].record

    assert record.language == "en"
    assert record.titles == {"en": "La Primavera / Spring", "de": "La Primavera / Der Frühling"}
    assert (record.earliest_year, record.latest_year) == (1482, 1482)


def test_kenom_banknote() -> None:
    path = corpus_path("lido", "kenom", "kenom_oai_chunk20.xml")

    mapped = map_file(path)
    record = mapped["record_DE-68_kenom_123644"].record

    assert len(mapped) == 20
    assert record.titles == {"de": "Geldschein / Notgeld, 50 Pfennig, 7.1921"}
    assert record.date_display == {"de": "7.1921"}
    assert (record.earliest_year, record.latest_year) == (1921, 1921)
    assert record.rights.endswith("//creativecommons.org/licenses/by-nc/4.0/")
    banknote = record.object_types[0]
    assert banknote.text == "Geldschein / Notgeld"
    assert banknote.concept is not None
    assert (banknote.concept.scheme, banknote.concept.notation) == ("d-nb.info", "4004469-5")
    assert record.production_place == {"de": "Büsum"}
    assert record.production_place_uri.startswith("http://uri.gbv.de/terminology/kenom_place/")
    assert [term.text for term in record.materials] == ["Nichtmetalle > Papier"]
    assert record.dimensions == {"de": "Höhe: 58 mm Breite: 92 mm"}
    front = record.media[0]
    assert front.iiif_service == (
        "https://www.kenom.de/iiif/image/record_DE-68_kenom_123644/record_DE-68_kenom_123644_vs.jpg"
    )
    assert front.thumbnail_url.endswith("/full/300,/0/default.jpg")
    assert record.web_page == "https://www.kenom.de/lidoresolver?id=record_DE-68_kenom_123644"


def test_deutsches_museum_enigma() -> None:
    path = corpus_path("lido", "ddb_real_records", "Deutsches_Museum.xml")

    record = map_file(path)["DE-MUS-097410_715977"].record

    assert record.titles == {"de": "Chiffriermaschine Enigma I"}
    assert (record.earliest_year, record.latest_year) == (1939, 1939)
    assert record.rights.endswith("//creativecommons.org/licenses/by-sa/4.0/")
    assert record.credit_line == {"de": "Deutsches Museum, CC BY-SA 4.0"}
    makers = {next(iter(agent.names.values())): agent.kind for agent in record.agents}
    assert makers == {
        "Chiffriermaschinen AG": "group",
        "Scherbius, Arthur": "person",
        "Korn, Willi": "person",
    }
    assert [term.text for term in record.materials][:2] == ["Metall", "Kunststoff"]
    assert len(record.media) == 14


def test_yale_bookplate() -> None:
    path = corpus_path("lido", "ycba", "yale.xml")

    record = map_file(path)["YCBA/lido-TMS-23195"].record

    assert record.language == "en"
    assert record.titles == {"en": "Bookplate: The Spalding Gentlemen's Society"}
    assert (record.earliest_year, record.latest_year) == (1746, 1746)


def test_a_display_date_only_is_read_through_the_date_parser() -> None:
    record = LidoMapper().map(
        _lido_with_event("<lido:displayDate>1368-1644</lido:displayDate>"), CONTEXT
    )

    assert record.record.date_display == {"en": "1368-1644"}
    assert (record.record.earliest_year, record.record.latest_year) == (1368, 1644)
    assert record.warnings == ("no rights statement: the work's rights are not known",)


def test_a_bce_earliest_date_is_a_negative_year() -> None:
    dates = (
        "<lido:displayDate>3rd century BC</lido:displayDate><lido:date>"
        "<lido:earliestDate>-0300</lido:earliestDate><lido:latestDate>-0201</lido:latestDate>"
        "</lido:date>"
    )

    record = LidoMapper().map(_lido_with_event(dates), CONTEXT).record

    assert (record.earliest_year, record.latest_year) == (-300, -201)
    assert record.date_display == {"en": "3rd century BC"}


def test_an_unreadable_date_is_kept_as_display_with_a_warning() -> None:
    mapped = LidoMapper().map(
        _lido_with_event("<lido:displayDate>when the river froze</lido:displayDate>"), CONTEXT
    )

    assert mapped.record.date_display == {"en": "when the river froze"}
    assert mapped.record.earliest_year is None
    assert (
        "the date 'when the river froze' could not be read as years; it is kept as display only"
        in mapped.warnings
    )


def test_a_record_without_title_is_refused() -> None:
    raw = RawRecord(
        identifier="untitled",
        data=(
            '<lido:lido xmlns:lido="http://www.lido-schema.org">'
            "<lido:lidoRecID>untitled</lido:lidoRecID></lido:lido>"
        ),
    )

    with pytest.raises(RecordError, match="record untitled: it has no title in any language"):
        LidoMapper().map(raw, CONTEXT)


def _lido_with_event(event_date: str) -> RawRecord:
    data = (
        '<lido:lido xmlns:lido="http://www.lido-schema.org"><lido:lidoRecID>ev-1</lido:lidoRecID>'
        '<lido:descriptiveMetadata xml:lang="en"><lido:objectIdentificationWrap><lido:titleWrap>'
        "<lido:titleSet><lido:appellationValue>Celadon bowl</lido:appellationValue></lido:titleSet>"
        "</lido:titleWrap></lido:objectIdentificationWrap><lido:eventWrap><lido:eventSet>"
        "<lido:event><lido:eventType><lido:term>production</lido:term></lido:eventType>"
        f"<lido:eventDate>{event_date}</lido:eventDate></lido:event></lido:eventSet>"
        "</lido:eventWrap></lido:descriptiveMetadata></lido:lido>"
    )
    return RawRecord(identifier="ev-1", data=data)


def _as_dict(record: ObjectRecord) -> dict[str, object]:
    data = asdict(record)
    data["source"] = {"name": data.pop("source_name"), "format": data.pop("source_format")}
    return data
