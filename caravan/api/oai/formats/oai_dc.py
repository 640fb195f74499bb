"""oai_dc: simple Dublin Core, the format every OAI-PMH repository must offer.

Every language of every text becomes its own element with xml:lang. See docs/oai-pmh.md for
the field-by-field mapping.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from caravan.api.oai.elements import XSI_NS, qualified, root, text_child
from caravan.api.oai.formats.base import MetadataFormat, RecordContext
from caravan.api.oai.formats.common import cultures, images, makers, terms, texts, year_span
from caravan.catalogue.models import CatalogueObject, TermField
from caravan.core.codes import rights_label
from caravan.core.langmap import pick

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NSMAP = {"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}


def dc(name: str) -> str:
    return qualified(DC_NS, name)


def dc_root() -> etree._Element:
    return root(qualified(OAI_DC_NS, "dc"), NSMAP, f"{OAI_DC_NS} {OAI_DC_SCHEMA}")


class OaiDc(MetadataFormat):
    prefix = "oai_dc"
    schema = OAI_DC_SCHEMA
    namespace = OAI_DC_NS

    def metadata(self, obj: CatalogueObject, context: RecordContext) -> etree._Element:
        record = dc_root()
        for name, lang, text in _statements(obj, context):
            text_child(record, dc(name), text, lang)
        return record


Statement = tuple[str, str | None, str]  # element name, language (or none), text


def _statements(obj: CatalogueObject, context: RecordContext) -> Iterator[Statement]:
    yield from _each("title", texts(obj.titles))
    yield from _each("creator", [pair for agent in makers(obj) for pair in texts(agent.names)])
    yield from _each("subject", _subjects(obj))
    yield from _each("description", texts(obj.descriptions))
    yield ("publisher", None, _institution_name(obj))
    yield from _each("date", texts(obj.date_display))
    yield ("date", None, year_span(obj.earliest_year, obj.latest_year))
    yield ("type", None, "PhysicalObject")  # DCMI Type Vocabulary
    yield from _each("type", _term_texts(obj, TermField.OBJECT_TYPE))
    yield from _each("format", _term_texts(obj, TermField.MATERIAL))
    yield from _each("format", _term_texts(obj, TermField.TECHNIQUE))
    yield from _each("format", texts(obj.dimensions))
    yield ("identifier", None, context.object_url(obj))
    yield ("identifier", None, obj.local_id)
    yield from _each(
        "relation", [(None, item.image_url or item.iiif_service) for item in images(obj, context)]
    )
    yield from _each("coverage", texts(obj.production_place))
    if obj.rights:
        yield ("rights", None, obj.rights)
        yield ("rights", "en", rights_label(obj.rights))
    yield from _each("rights", texts(obj.credit_line))


def _each(name: str, pairs: Iterable[tuple[str | None, str]]) -> Iterator[Statement]:
    return ((name, lang, text) for lang, text in pairs)


def _term_texts(obj: CatalogueObject, field: TermField) -> list[tuple[str | None, str]]:
    return [(term.lang, term.text) for term in terms(obj, field)]


def _subjects(obj: CatalogueObject) -> list[tuple[str | None, str]]:
    """Subject terms, then the cultures the object belongs to."""
    subjects = _term_texts(obj, TermField.SUBJECT)
    return subjects + [(lang, name) for agent in cultures(obj) for lang, name in texts(agent.names)]


def _institution_name(obj: CatalogueObject) -> str:
    chosen = pick(obj.institution.names, "en")
    return chosen.text if chosen else obj.institution.code


def dc_description(names: dict[str, str], descriptions: dict[str, str]) -> etree._Element:
    """An oai_dc container describing a set: its names and descriptions in every language."""
    container = dc_root()
    for lang, text in texts(names):
        text_child(container, dc("title"), text, lang)
    for lang, text in texts(descriptions):
        text_child(container, dc("description"), text, lang)
    return container
