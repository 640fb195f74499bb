"""What each format says about an object, and that LIDO and EDM records validate."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from lxml import etree

from caravan.api.oai.schemas import EDM_SCHEMA, LIDO_SCHEMA, schema_errors
from caravan.api.oai.tests.conftest import (
    NS,
    XML_LANG,
    identifier,
    oai_get,
    store,
)
from caravan.catalogue.models import CatalogueObject

pytestmark = pytest.mark.django_db

RDF_RESOURCE = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}resource"
RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
LIDO_TYPE = "{http://www.lido-schema.org}type"
TERMS = "http://terminology.lido-schema.org/"


def metadata(client: Any, key: tuple[str, str], prefix: str) -> Any:
    response = oai_get(client, verb="GetRecord", identifier=identifier(*key), metadataPrefix=prefix)
    return response.find(".//oai:metadata", NS)[0]


def tagged(element: Any, path: str) -> list[tuple[str | None, str]]:
    """(xml:lang, text) of every element at path."""
    return [(node.get(XML_LANG), node.text) for node in element.xpath(path, namespaces=NS)]


def texts(element: Any, path: str) -> list[str]:
    return [node.text for node in element.xpath(path, namespaces=NS)]


def first(element: Any, path: str) -> Any:
    return element.xpath(path, namespaces=NS)[0]


def page_url(local_id: str) -> str:
    pk = CatalogueObject.objects.get(local_id=local_id).pk
    return f"http://testserver{reverse('web:object_detail', kwargs={'pk': pk})}"


MIRROR = ("palace", "GU 1985.12/3")
MADONNA = ("hermitage", "ГЭ-5621")
STELE = ("louvre", "AO 1234")
CONTROL = ("palace", "GU-control")


# --- oai_dc -----------------------------------------------------------------------------------


def test_oai_dc(client: Any, oai_world: Any) -> None:
    dc = metadata(client, MIRROR, "oai_dc")
    assert tagged(dc, "dc:title") == [
        ("en", "Bronze mirror with dragons"),
        ("zh-Hans", "蟠龙纹铜镜"),
        ("zh-Hant", "蟠龍紋銅鏡"),
    ]
    assert tagged(dc, "dc:subject") == [("en", "dragon"), ("en", "Han"), ("zh-Hans", "汉")]
    assert texts(dc, "dc:date") == ["Western Han dynasty, 206 BCE – 8 CE", "西汉", "-0206/0008"]
    assert tagged(dc, "dc:type") == [(None, "PhysicalObject"), ("en", "mirror")]
    assert texts(dc, "dc:format") == ["bronze", "青铜", "casting", "diameter 13.8 cm"]
    assert texts(dc, "dc:identifier") == [page_url("GU 1985.12/3"), "GU 1985.12/3"]
    assert texts(dc, "dc:publisher") == ["Palace Museum"]
    assert tagged(dc, "dc:coverage") == [("en", "Chang'an"), ("zh-Hans", "长安")]
    assert texts(dc, "dc:rights") == [
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "CC0 1.0",
        "Gift of the Qing court collection",
    ]
    assert texts(dc, "dc:relation") == [
        "https://images.example.org/gu/1985-12-3/full.jpg",
        "https://images.example.org/gu/1985-12-3/side.jpg",
    ]
    madonna = metadata(client, MADONNA, "oai_dc")
    assert tagged(madonna, "dc:creator") == [
        ("en", "Leonardo da Vinci"),
        ("ru", "Леонардо да Винчи"),
        ("en", "Workshop of Leonardo"),
    ]


# --- LIDO -------------------------------------------------------------------------------------


def test_lido_identifies_the_record_and_the_object(client: Any, oai_world: Any) -> None:
    lido = metadata(client, MIRROR, "lido")
    assert schema_errors(lido, LIDO_SCHEMA) == []
    rec_id = lido.find("lido:lidoRecID", NS)
    assert rec_id.text == identifier(*MIRROR)
    assert rec_id.get(LIDO_TYPE) == TERMS + "lido00100"
    assert texts(lido, "lido:objectPublishedID") == [page_url("GU 1985.12/3")]
    assert texts(lido, "lido:category/lido:conceptID") == [TERMS + "lido00096"]
    repository = lido.find(".//lido:repositorySet", NS)
    assert texts(repository, "lido:workID") == ["GU 1985.12/3"]
    assert tagged(repository, "lido:repositoryName/lido:legalBodyName/lido:appellationValue") == [
        ("en", "Palace Museum"),
        ("zh-Hans", "故宫博物院"),
    ]
    record = lido.find("lido:administrativeMetadata/lido:recordWrap", NS)
    assert texts(record, "lido:recordID") == ["GU 1985.12/3"]
    assert texts(record, "lido:recordType/lido:conceptID") == [TERMS + "lido00141"]
    assert texts(record, "lido:recordSource/lido:legalBodyName/lido:appellationValue") == [
        "Palace Museum",
        "故宫博物院",
    ]


def test_lido_has_one_descriptive_block_per_language(client: Any, oai_world: Any) -> None:
    lido = metadata(client, MIRROR, "lido")
    blocks = {block.get(XML_LANG): block for block in lido.iterfind("lido:descriptiveMetadata", NS)}
    assert list(blocks) == ["en", "zh-Hans", "zh-Hant"]
    title = "lido:objectIdentificationWrap/lido:titleWrap/lido:titleSet/lido:appellationValue"
    assert {lang: texts(block, title) for lang, block in blocks.items()} == {
        "en": ["Bronze mirror with dragons"],
        "zh-Hans": ["蟠龙纹铜镜"],
        "zh-Hant": ["蟠龍紋銅鏡"],
    }
    work_type = "lido:objectClassificationWrap/lido:objectWorkTypeWrap/lido:objectWorkType"
    assert tagged(blocks["en"], f"{work_type}/lido:term") == [(None, "mirror")]
    assert tagged(blocks["zh-Hans"], f"{work_type}/lido:term") == [(None, "镜")]  # concept label
    # No zh-Hant label anywhere: the nearest one, Simplified Chinese, says so.
    assert tagged(blocks["zh-Hant"], f"{work_type}/lido:term") == [("zh-Hans", "镜")]
    for block in blocks.values():
        assert texts(block, f"{work_type}/lido:conceptID") == [
            "http://vocab.getty.edu/aat/300043075"
        ]
    description = ".//lido:objectDescriptionSet/lido:descriptiveNoteValue"
    assert texts(blocks["zh-Hans"], description) == ["西汉铸造铜镜。"]
    assert texts(blocks["zh-Hant"], description) == []
    assert texts(blocks["zh-Hans"], ".//lido:inscriptionTranscription") == ["长宜子孙"]
    assert texts(blocks["en"], ".//lido:displayObjectMeasurements") == ["diameter 13.8 cm"]
    subject = ".//lido:subjectConcept/lido:term"
    assert texts(blocks["en"], subject) == ["dragon"]
    assert texts(blocks["zh-Hant"], subject) == ["龍"]  # the concept's label in that language


def test_lido_production_event(client: Any, oai_world: Any) -> None:
    lido = metadata(client, MIRROR, "lido")
    event = first(lido, "lido:descriptiveMetadata[@xml:lang='en']//lido:event")
    assert texts(event, "lido:eventType/lido:conceptID") == [TERMS + "lido00007"]
    assert texts(event, "lido:eventDate/lido:displayDate") == [
        "Western Han dynasty, 206 BCE – 8 CE"
    ]
    assert texts(event, "lido:eventDate/lido:date/lido:earliestDate") == ["-0206"]
    assert texts(event, "lido:eventDate/lido:date/lido:latestDate") == ["0008"]
    assert texts(event, "lido:eventPlace/lido:displayPlace") == ["Chang'an"]
    assert texts(event, "lido:eventPlace/lido:place/lido:placeID") == [
        "https://www.geonames.org/1790630"
    ]
    assert texts(event, "lido:culture/lido:conceptID") == ["http://vocab.getty.edu/aat/300018261"]
    terms = event.findall("lido:eventMaterialsTech/lido:materialsTech/lido:termMaterialsTech", NS)
    assert [(term.get(LIDO_TYPE), term.findtext("lido:term", namespaces=NS)) for term in terms] == [
        (TERMS + "lido00132", "bronze"),
        (TERMS + "lido00131", "casting"),
    ]
    assert texts(terms[0], "lido:conceptID") == ["http://vocab.getty.edu/aat/300010957"]
    madonna = metadata(client, MADONNA, "lido")
    block = first(madonna, "lido:descriptiveMetadata[@xml:lang='ru']")
    actors = block.findall(".//lido:eventActor/lido:actorInRole", NS)
    assert [actor.find("lido:actor", NS).get(LIDO_TYPE) for actor in actors] == [
        TERMS + "lido00163",
        TERMS + "lido00164",
    ]
    assert texts(actors[0], "lido:actor/lido:actorID") == ["http://vocab.getty.edu/ulan/500010879"]
    assert tagged(actors[0], "lido:actor/lido:nameActorSet/lido:appellationValue") == [
        ("en", "Leonardo da Vinci"),
        ("ru", "Леонардо да Винчи"),
    ]
    assert texts(actors[0], "lido:roleActor/lido:term") == ["художник"]


def test_lido_rights_and_resources(client: Any, oai_world: Any) -> None:
    administrative = metadata(client, MIRROR, "lido").find("lido:administrativeMetadata", NS)
    rights = administrative.find("lido:rightsWorkWrap/lido:rightsWorkSet", NS)
    assert texts(rights, "lido:rightsType/lido:conceptID") == [
        "https://creativecommons.org/publicdomain/zero/1.0/"
    ]
    assert texts(rights, "lido:creditLine") == ["Gift of the Qing court collection"]
    first, second = administrative.findall("lido:resourceWrap/lido:resourceSet", NS)
    links = [
        (node.getparent().get(LIDO_TYPE), node.text)
        for node in first.iterfind("lido:resourceRepresentation/lido:linkResource", NS)
    ]
    assert links == [
        (TERMS + "lido00464", "https://images.example.org/gu/1985-12-3/full.jpg"),
        (TERMS + "lido00451", "https://images.example.org/gu/1985-12-3/thumb.jpg"),
        (None, "https://iiif.example.org/image/gu-1985-12-3/info.json"),
    ]
    assert tagged(first, "lido:resourceDescription") == [
        ("en", "Back of the mirror"),
        ("zh-Hans", "镜背"),
    ]
    assert texts(first, "lido:rightsResource/lido:rightsType/lido:conceptID") == [
        "http://creativecommons.org/licenses/by/4.0/"
    ]
    assert texts(second, "lido:resourceDescription") == ["Side view"]


def test_lido_fills_what_it_requires_when_the_record_lacks_it(client: Any, oai_world: Any) -> None:
    store({"institution": "louvre", "local_id": "AO 5", "titles": {"fr": "Fragment"}})
    lido = metadata(client, ("louvre", "AO 5"), "lido")
    assert schema_errors(lido, LIDO_SCHEMA) == []
    assert tagged(lido, ".//lido:objectWorkType/lido:term") == [("en", "Human-made object")]
    stele = metadata(client, STELE, "lido")
    blocks = stele.findall("lido:descriptiveMetadata", NS)
    assert [block.get(XML_LANG) for block in blocks] == ["fr", "ar"]
    # The Arabic block has no type in Arabic: the French one stands in, marked as French.
    assert tagged(blocks[1], ".//lido:objectWorkType/lido:term") == [("fr", "stèle")]
    assert texts(blocks[1], ".//lido:titleSet/lido:appellationValue") == ["لوحة حجرية منقوشة"]
    assert texts(blocks[1], ".//lido:earliestDate") == ["-0700"]
    assert texts(blocks[1], ".//lido:latestDate") == ["-0601"]
    assert texts(blocks[1], ".//lido:displayPlace") == ["مأرب"]


# --- EDM --------------------------------------------------------------------------------------


def test_edm_provided_cho(client: Any, oai_world: Any) -> None:
    rdf = metadata(client, MIRROR, "edm")
    assert schema_errors(rdf, EDM_SCHEMA) == []
    cho = rdf.find("edm:ProvidedCHO", NS)
    assert cho.get(RDF_ABOUT) == identifier(*MIRROR)
    assert tagged(cho, "dc:title") == [
        ("en", "Bronze mirror with dragons"),
        ("zh-Hans", "蟠龙纹铜镜"),
        ("zh-Hant", "蟠龍紋銅鏡"),
    ]
    assert texts(cho, "edm:type") == ["IMAGE"]
    assert [node.get(RDF_RESOURCE) for node in cho.iterfind("dc:type", NS)] == [
        "http://vocab.getty.edu/aat/300043075"
    ]
    # Both the English and the Chinese term name one concept: it is pointed to once.
    assert [node.get(RDF_RESOURCE) for node in cho.iterfind("dcterms:medium", NS)] == [
        "http://vocab.getty.edu/aat/300010957"
    ]
    # The subject's concept has no URI: the term stays a literal.
    assert tagged(cho, "dc:subject[not(@rdf:resource)]") == [("en", "dragon")]
    assert tagged(cho, "dc:format") == [("en", "casting")]
    assert tagged(cho, "dcterms:created") == [
        ("en", "Western Han dynasty, 206 BCE – 8 CE"),
        ("zh-Hans", "西汉"),
        (None, "-0206/0008"),
    ]
    assert tagged(cho, "dcterms:extent") == [("en", "diameter 13.8 cm")]
    assert [node.get(RDF_RESOURCE) for node in cho.iterfind("dcterms:spatial", NS)] == [
        "https://www.geonames.org/1790630"
    ]
    concept = first(rdf, "skos:Concept[@rdf:about='http://vocab.getty.edu/aat/300043075']")
    assert tagged(concept, "skos:prefLabel") == [("en", "mirrors"), ("zh-Hans", "镜")]
    place = rdf.find("edm:Place", NS)
    assert tagged(place, "skos:prefLabel") == [("en", "Chang'an"), ("zh-Hans", "长安")]


def test_edm_aggregation(client: Any, oai_world: Any) -> None:
    rdf = metadata(client, MIRROR, "edm")
    aggregation = rdf.find("ore:Aggregation", NS)
    resource = {
        etree.QName(node).localname: node.get(RDF_RESOURCE)
        for node in aggregation
        if node.get(RDF_RESOURCE)
    }
    assert resource == {
        "aggregatedCHO": identifier(*MIRROR),
        "hasView": "https://images.example.org/gu/1985-12-3/side.jpg",
        "isShownAt": page_url("GU 1985.12/3"),
        "isShownBy": "https://images.example.org/gu/1985-12-3/full.jpg",
        "object": "https://images.example.org/gu/1985-12-3/thumb.jpg",
        # Europeana wants http:, whatever the record said.
        "rights": "http://creativecommons.org/publicdomain/zero/1.0/",
    }
    assert tagged(aggregation, "edm:dataProvider") == [("en", "Palace Museum")]
    assert texts(aggregation, "edm:provider") == ["Silk Road Alliance"]
    web = rdf.find("edm:WebResource", NS)
    assert web.get(RDF_ABOUT) == "https://images.example.org/gu/1985-12-3/full.jpg"
    assert [node.get(RDF_RESOURCE) for node in web.iterfind("edm:rights", NS)] == [
        "http://creativecommons.org/licenses/by/4.0/"
    ]
    service = "https://iiif.example.org/image/gu-1985-12-3"
    assert [node.get(RDF_RESOURCE) for node in web.iterfind("svcs:has_service", NS)] == [service]
    assert rdf.find("svcs:Service", NS).get(RDF_ABOUT) == service


def test_edm_makers_and_objects_without_images(client: Any, oai_world: Any) -> None:
    rdf = metadata(client, MADONNA, "edm")
    assert schema_errors(rdf, EDM_SCHEMA) == []
    cho = rdf.find("edm:ProvidedCHO", NS)
    assert [
        node.get(RDF_RESOURCE) for node in cho.xpath("dc:creator[@rdf:resource]", namespaces=NS)
    ] == ["http://vocab.getty.edu/ulan/500010879"]
    assert tagged(cho, "dc:creator[not(@rdf:resource)]") == [("en", "Workshop of Leonardo")]
    agent = rdf.find("edm:Agent", NS)
    assert tagged(agent, "skos:prefLabel") == [
        ("en", "Leonardo da Vinci"),
        ("ru", "Леонардо да Винчи"),
    ]
    aggregation = rdf.find("ore:Aggregation", NS)
    assert aggregation.find("edm:isShownBy", NS) is None
    assert aggregation.find("edm:object", NS) is None
    assert rdf.find("edm:WebResource", NS) is None
    assert aggregation.find("edm:rights", NS).get(RDF_RESOURCE) == (
        "http://rightsstatements.org/vocab/InC/1.0/"
    )


def test_edm_asks_an_image_only_known_by_its_iiif_service(client: Any, oai_world: Any) -> None:
    rdf = metadata(client, CONTROL, "edm")
    full = "https://iiif.example.org/image/gu-control/full/max/0/default.jpg"
    assert rdf.find("ore:Aggregation/edm:isShownBy", NS).get(RDF_RESOURCE) == full
    assert rdf.find("edm:WebResource", NS).get(RDF_ABOUT) == full


@pytest.mark.parametrize("prefix", ["oai_dc", "lido", "edm"])
def test_control_characters_never_reach_the_document(
    client: Any, oai_world: Any, prefix: str
) -> None:
    stored = CatalogueObject.objects.get(local_id="GU-control")
    assert "\x0b" in stored.titles["en"]
    response = client.get(
        "/oai",
        {"verb": "GetRecord", "identifier": identifier(*CONTROL), "metadataPrefix": prefix},
    )
    assert not any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0D) for byte in response.content)
    document = etree.fromstring(response.content)
    found = [node.text for node in document.iter() if node.text and "Seal" in node.text]
    assert found and set(found) == {"Seal with stray controls"}


@pytest.mark.parametrize(("prefix", "schema"), [("lido", LIDO_SCHEMA), ("edm", EDM_SCHEMA)])
def test_every_record_validates(
    client: Any, oai_world: Any, settings: Any, prefix: str, schema: Any
) -> None:
    settings.CARAVAN_OAI_PAGE_SIZE = 100
    response = oai_get(client, verb="ListRecords", metadataPrefix=prefix)
    records = response.findall(".//oai:metadata", NS)
    assert len(records) == {"lido": 9, "edm": 3}[prefix]
    for record in records:
        assert schema_errors(record[0], schema) == []


def test_an_image_caravan_hosts_is_harvested_through_its_iiif_service(
    client: Any, oai_world: Any
) -> None:
    from io import BytesIO

    from PIL import Image

    from caravan.catalogue.media import media_upload

    madonna = CatalogueObject.objects.get(local_id=MADONNA[1])
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (90, 60, 30)).save(buffer, format="JPEG")
    buffer.seek(0)
    media = media_upload(obj=madonna, file=buffer)
    service = f"http://testserver/iiif/image/{media.hosted_id}"

    rdf = metadata(client, MADONNA, "edm")
    assert schema_errors(rdf, EDM_SCHEMA) == []
    shown_by = rdf.find("ore:Aggregation/edm:isShownBy", NS).get(RDF_RESOURCE)
    assert shown_by == f"{service}/full/max/0/default.jpg"
    assert rdf.find("svcs:Service", NS).get(RDF_ABOUT) == service
    lido = metadata(client, MADONNA, "lido")
    assert schema_errors(lido, LIDO_SCHEMA) == []
    links = texts(lido, ".//lido:resourceRepresentation/lido:linkResource")
    assert f"{service}/info.json" in links and f"{service}/full/max/0/default.jpg" in links
    dc = metadata(client, MADONNA, "oai_dc")
    assert f"{service}/full/max/0/default.jpg" in texts(dc, "dc:relation")
