"""EDM: the Europeana Data Model in RDF/XML, as Europeana harvests it.

A record is an `rdf:RDF` with the `edm:ProvidedCHO` (the object), its `ore:Aggregation` (who
provides it, where it is shown, its rights), an `edm:WebResource` per image, and the
contextual entities it points to: `edm:Agent` for makers, `edm:Place` for the production place
and `skos:Concept` for vocabulary concepts, each only when it has a URI.

Europeana requires `edm:rights` from its own list of statements. A rights statement is a
legal claim that only the institution can make, so Caravan never invents one: a record whose
rights are missing, or are a statement Europeana does not accept, is not disseminated as EDM
(GetRecord answers cannotDisseminateFormat and the EDM lists leave it out). Its oai_dc and
LIDO records are still available. See docs/oai-pmh.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from lxml import etree

from caravan.api.oai.elements import XML_LANG, XSI_NS, child, qualified, root, text_child
from caravan.api.oai.formats.base import MetadataFormat, RecordContext
from caravan.api.oai.formats.common import (
    cultures,
    images,
    linked_concept,
    makers,
    terms,
    texts,
    year_span,
)
from caravan.catalogue.models import CatalogueObject, ObjectMedia, TermField
from caravan.core.langmap import pick

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
EDM_NS = "http://www.europeana.eu/schemas/edm/"
ORE_NS = "http://www.openarchives.org/ore/terms/"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
SVCS_NS = "http://rdfs.org/sioc/services#"
EDM_SCHEMA = "http://www.europeana.eu/schemas/edm/EDM.xsd"
NSMAP = {
    "rdf": RDF_NS,
    "edm": EDM_NS,
    "ore": ORE_NS,
    "dc": DC_NS,
    "dcterms": DCTERMS_NS,
    "skos": SKOS_NS,
    "svcs": SVCS_NS,
    "xsi": XSI_NS,
}
IIIF_IMAGE_API = "http://iiif.io/api/image"

# The rightsstatements.org statements Europeana accepts; it accepts every Creative Commons
# licence and public-domain tool Caravan stores, written with http:, not https:.
EUROPEANA_STATEMENTS = frozenset(
    f"http://rightsstatements.org/vocab/{code}/1.0/"
    for code in ("InC", "InC-EDU", "InC-OW-EU", "NoC-NC", "NoC-OKLR", "CNE")
)
_CREATIVE_COMMONS = ("http://creativecommons.org/", "https://creativecommons.org/")


def europeana_rights(uri: str) -> str | None:
    """The rights URI as Europeana wants it, or None when Europeana does not accept it."""
    if uri in EUROPEANA_STATEMENTS:
        return uri
    if uri.startswith(_CREATIVE_COMMONS):
        return "http://" + uri.split("://", 1)[1]
    return None


def rdf(name: str) -> str:
    return qualified(RDF_NS, name)


def edm(name: str) -> str:
    return qualified(EDM_NS, name)


def dc(name: str) -> str:
    return qualified(DC_NS, name)


def dcterms(name: str) -> str:
    return qualified(DCTERMS_NS, name)


def skos(name: str) -> str:
    return qualified(SKOS_NS, name)


ABOUT = rdf("about")
RESOURCE = rdf("resource")


@dataclass
class _Entities:
    """The contextual entities a record points to, by URI, with their labels per language."""

    found: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def add(self, tag: str, uri: str, labels: dict[str, str]) -> None:
        _, known = self.found.setdefault(uri, (tag, {}))
        for lang, text in texts(labels):
            known.setdefault(lang, text)  # one prefLabel per language

    def write(self, parent: etree._Element) -> None:
        for uri, (tag, labels) in self.found.items():
            entity = child(parent, tag, attributes={ABOUT: uri})
            for lang, text in labels.items():
                text_child(entity, skos("prefLabel"), text, lang)


class Edm(MetadataFormat):
    prefix = "edm"
    schema = EDM_SCHEMA
    namespace = EDM_NS
    unavailable_because = "it has no rights statement that Europeana accepts"

    def live_condition(self) -> Q:
        return (
            Q(rights__in=EUROPEANA_STATEMENTS)
            | Q(rights__startswith=_CREATIVE_COMMONS[0])
            | Q(rights__startswith=_CREATIVE_COMMONS[1])
        )

    def disseminates(self, obj: CatalogueObject) -> bool:
        return europeana_rights(obj.rights) is not None

    def metadata(self, obj: CatalogueObject, context: RecordContext) -> etree._Element:
        record = root(rdf("RDF"), NSMAP, f"{RDF_NS} {EDM_SCHEMA}")
        entities = _Entities()
        cho = context.identifier(obj)
        _provided_cho(child(record, edm("ProvidedCHO"), attributes={ABOUT: cho}), obj, entities)
        shown = [(item, _image_url(item)) for item in images(obj, context)]
        _aggregation(record, obj, context, cho, [url for _, url in shown])
        for item, url in shown:
            _web_resource(record, item, url)
        entities.write(record)
        for item, _ in shown:
            if item.iiif_service:
                service = child(record, qualified(SVCS_NS, "Service"))
                service.set(ABOUT, item.iiif_service)
                child(service, dcterms("conformsTo"), attributes={RESOURCE: IIIF_IMAGE_API})
        return record


def _provided_cho(cho: etree._Element, obj: CatalogueObject, entities: _Entities) -> None:
    _literals(cho, dc("title"), texts(obj.titles))
    _literals(cho, dc("description"), texts(obj.descriptions))
    text_child(cho, dc("identifier"), obj.local_id)
    for agent in makers(obj):
        if agent.uri:
            child(cho, dc("creator"), attributes={RESOURCE: agent.uri})
            entities.add(edm("Agent"), agent.uri, agent.names)
        else:
            _literals(cho, dc("creator"), texts(agent.names))
    _terms(cho, dc("type"), obj, TermField.OBJECT_TYPE, entities)
    _terms(cho, dc("subject"), obj, TermField.SUBJECT, entities)
    for agent in cultures(obj):
        if agent.uri:
            child(cho, dc("subject"), attributes={RESOURCE: agent.uri})
            entities.add(skos("Concept"), agent.uri, agent.names)
        else:
            _literals(cho, dc("subject"), texts(agent.names))
    _terms(cho, dc("format"), obj, TermField.TECHNIQUE, entities)
    _literals(cho, dc("rights"), texts(obj.credit_line))
    _literals(cho, dcterms("created"), texts(obj.date_display))
    text_child(cho, dcterms("created"), year_span(obj.earliest_year, obj.latest_year))
    _literals(cho, dcterms("extent"), texts(obj.dimensions))
    _terms(cho, dcterms("medium"), obj, TermField.MATERIAL, entities)
    if obj.production_place_uri:
        child(cho, dcterms("spatial"), attributes={RESOURCE: obj.production_place_uri})
        entities.add(edm("Place"), obj.production_place_uri, obj.production_place)
    else:
        _literals(cho, dcterms("spatial"), texts(obj.production_place))
    child(cho, edm("type"), "IMAGE")


def _literals(parent: etree._Element, tag: str, pairs: Iterable[tuple[str, str]]) -> None:
    for lang, text in pairs:
        text_child(parent, tag, text, lang)


def _terms(
    cho: etree._Element,
    tag: str,
    obj: CatalogueObject,
    field_name: TermField,
    entities: _Entities,
) -> None:
    """Terms linked to a concept with a URI point to it (once); the others are literals."""
    pointed: set[str] = set()
    for term in terms(obj, field_name):
        concept = linked_concept(term)
        if concept is None:
            text_child(cho, tag, term.text, term.lang)
            continue
        if concept.uri not in pointed:
            child(cho, tag, attributes={RESOURCE: concept.uri})
            pointed.add(concept.uri)
        entities.add(skos("Concept"), concept.uri, {**concept.pref_labels})
        entities.add(skos("Concept"), concept.uri, {term.lang: term.text})


def _image_url(item: ObjectMedia) -> str:
    """The full image: as stored, or asked of its IIIF Image service (API 2.1 and 3)."""
    if item.image_url:
        return item.image_url
    return f"{item.iiif_service.rstrip('/')}/full/max/0/default.jpg"


def _aggregation(
    record: etree._Element,
    obj: CatalogueObject,
    context: RecordContext,
    cho: str,
    image_urls: list[str],
) -> None:
    aggregation = child(record, qualified(ORE_NS, "Aggregation"))
    aggregation.set(ABOUT, f"{cho}#aggregation")
    child(aggregation, edm("aggregatedCHO"), attributes={RESOURCE: cho})
    institution = pick(obj.institution.names, "en")
    provider = child(
        aggregation, edm("dataProvider"), institution.text if institution else obj.institution.code
    )
    if institution:
        provider.set(XML_LANG, institution.lang)
    for url in image_urls[1:]:
        child(aggregation, edm("hasView"), attributes={RESOURCE: url})
    child(aggregation, edm("isShownAt"), attributes={RESOURCE: context.object_url(obj)})
    if image_urls:
        child(aggregation, edm("isShownBy"), attributes={RESOURCE: image_urls[0]})
        preview = next(
            (item.thumbnail_url for item in images(obj, context) if item.thumbnail_url), ""
        )
        child(aggregation, edm("object"), attributes={RESOURCE: preview or image_urls[0]})
    child(aggregation, edm("provider"), context.provider)
    rights = europeana_rights(obj.rights) or ""
    child(aggregation, edm("rights"), attributes={RESOURCE: rights})


def _web_resource(record: etree._Element, item: ObjectMedia, url: str) -> None:
    resource = child(record, edm("WebResource"), attributes={ABOUT: url})
    _literals(resource, dc("description"), texts(item.caption))
    rights = europeana_rights(item.rights)
    if rights:
        child(resource, edm("rights"), attributes={RESOURCE: rights})
    if item.iiif_service:
        child(resource, qualified(SVCS_NS, "has_service"), attributes={RESOURCE: item.iiif_service})
