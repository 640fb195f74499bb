"""EDM, the Europeana Data Model, in RDF/XML: one `rdf:RDF` graph per object.

A graph holds the ProvidedCHO, its proxies (the provider's words and Europeana's enrichments),
the aggregation (rights, links, media) and contextual entities (agents, places, time spans,
concepts, web resources) that properties point to with `rdf:resource`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, ClassVar
from urllib.parse import urlsplit

from lxml import etree

from caravan.catalogue.records import (
    AgentRecord,
    MediaRecord,
    ObjectRecord,
    RecordError,
    TermRecord,
)
from caravan.core.langmap import LanguageMap
from caravan.ingest.mappers.base import Mapped, MappingContext, RawRecord, SplitProblem
from caravan.ingest.mappers.common import (
    NS,
    RDF_ABOUT,
    RDF_RESOURCE,
    XML_LANG,
    Notes,
    add_text,
    clean,
    clean_paragraphs,
    completed_years,
    concept_ref,
    display_years,
    language_tag,
    note_unread_date,
    parse_record,
    rights_uri,
    unique_terms,
    year_of,
)
from caravan.ingest.mappers.xml_split import split_records


def _tag(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


RDF_ROOT = _tag("rdf", "RDF")
_CHO = _tag("edm", "ProvidedCHO")
_PROXY = _tag("ore", "Proxy")
_AGGREGATION = _tag("ore", "Aggregation")
_EUROPEANA_PROXY = _tag("edm", "europeanaProxy")
_PREF_LABEL = _tag("skos", "prefLabel")
_NOTATION = _tag("skos", "notation")
_BEGIN = _tag("edm", "begin")
_END = _tag("edm", "end")
_HAS_SERVICE = _tag("svcs", "has_service")
_MIME_TYPE = "{http://www.ebu.ch/metadata/ontologies/ebucore/ebucore#}hasMimeType"
_GROUP_ENTITIES = frozenset(
    {"{http://xmlns.com/foaf/0.1/}Organization", _tag("edm", "Organization")}
)

_TITLE = _tag("dc", "title")
_ALTERNATIVE = _tag("dcterms", "alternative")
_DESCRIPTION = _tag("dc", "description")
_LANGUAGE = _tag("dc", "language")
_TYPES = (_tag("dc", "type"), _tag("edm", "type"))
_SUBJECT = _tag("dc", "subject")
_MEDIUM = _tag("dcterms", "medium")
_CREATOR = _tag("dc", "creator")
_DATES = (
    _tag("dcterms", "created"),
    _tag("dc", "date"),
    _tag("dcterms", "issued"),
    _tag("dcterms", "temporal"),
)
_SPATIAL = _tag("dcterms", "spatial")
_RIGHTS = _tag("edm", "rights")
_IS_SHOWN_BY = _tag("edm", "isShownBy")
_OBJECT = _tag("edm", "object")
_HAS_VIEW = _tag("edm", "hasView")
_IS_SHOWN_AT = _tag("edm", "isShownAt")
_DATA_PROVIDER = _tag("edm", "dataProvider")

_NOT_IMAGES = (".pdf", ".mp3", ".mp4", ".wav", ".ogg", ".html", ".htm", ".xml", ".json")


class EdmMapper:
    name: ClassVar[str] = "edm"
    label: ClassVar[str] = "EDM RDF/XML (Europeana)"
    needs_mapping: ClassVar[bool] = False

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]:
        return split_records(stream, record_tags=(RDF_ROOT,), identify=edm_identifier, label="EDM")

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped:
        root = parse_record(raw)
        if root.tag != RDF_ROOT:
            raise RecordError(
                f"record {raw.identifier} is a {etree.QName(root).localname} element, not rdf:RDF"
            )
        return _Graph(root, raw, context).mapped()


def edm_identifier(graph: etree._Element) -> str:
    """The ProvidedCHO's URI: unique per object, where dc:identifier often is not (HOPE)."""
    cho = graph.find(_CHO)
    return clean(cho.get(RDF_ABOUT)) if cho is not None else ""


@dataclass
class _Graph:
    root: etree._Element
    raw: RawRecord
    context: MappingContext
    notes: Notes = field(default_factory=Notes)
    language: str = "und"
    entities: dict[str, etree._Element] = field(default_factory=dict)
    sources: list[etree._Element] = field(default_factory=list)
    enrichments: list[etree._Element] = field(default_factory=list)
    aggregation: etree._Element | None = None

    def mapped(self) -> Mapped:
        local_id = edm_identifier(self.root)
        if not local_id:
            raise RecordError(f"record {self.raw.identifier}: it has no edm:ProvidedCHO rdf:about")
        self._index()
        self.language = self._language()
        titles = self._texts((_TITLE,))
        for lang, text in self._texts((_ALTERNATIVE,)).items():
            titles.setdefault(lang, text)
        if not titles:
            raise RecordError(f"record {local_id}: it has no title in any language")
        earliest, latest, date_display = self._dates()
        place, place_uri = self._place()
        rights = self._rights()
        if not rights:
            self.notes.add("no rights statement: the aggregation has no edm:rights")
        record = ObjectRecord(
            local_id=local_id,
            language=self.language,
            titles=titles,
            descriptions=self._texts((_DESCRIPTION,), joiner="\n\n", paragraphs=True),
            object_types=self._terms(_TYPES),
            materials=self._terms((_MEDIUM,)),
            subjects=self._terms((_SUBJECT,)),
            agents=self._agents(),
            production_place=place,
            production_place_uri=place_uri,
            date_display=date_display,
            earliest_year=earliest,
            latest_year=latest,
            credit_line=self._credit_line(),
            rights=rights,
            media=self._media(),
            web_page=self._link(_IS_SHOWN_AT),
            source_name=self.context.source_name,
            source_format="edm",
            raw=self.raw.data,
        )
        return Mapped(record=record, warnings=self.notes.all())

    # --- the graph -----------------------------------------------------------------------------

    def _index(self) -> None:
        """Sort the graph's nodes: the provider's statements, enrichments, entities by URI."""
        providers: list[etree._Element] = []
        for node in self.root.iterchildren(tag=etree.Element):
            if node.tag == _CHO:
                providers.insert(0, node)
            elif node.tag == _PROXY:
                europeana = clean(node.findtext(_EUROPEANA_PROXY)) == "true"
                (self.enrichments if europeana else providers).append(node)
            elif node.tag == _AGGREGATION:
                self.aggregation = self.aggregation if self.aggregation is not None else node
            about = node.get(RDF_ABOUT)
            if about:
                self.entities.setdefault(about, node)
        self.sources = providers

    def _statements(self, tags: tuple[str, ...]) -> list[etree._Element]:
        """The provider's statements of these properties; Europeana's only when it has none."""
        for nodes in (self.sources, self.enrichments):
            found = [child for node in nodes for child in node.iterchildren(*tags)]
            if found:
                return found
        return []

    def _lang(self, node: etree._Element) -> str:
        value = node.get(XML_LANG)
        return language_tag(value, self.language, self.notes) if value else self.language

    def _language(self) -> str:
        for node in self._statements((_LANGUAGE,)):
            if clean(node.text):
                return language_tag(node.text, self.context.default_language, self.notes)
        return self.context.default_language

    def _texts(
        self, tags: tuple[str, ...], *, joiner: str = "", paragraphs: bool = False
    ) -> LanguageMap:
        found: LanguageMap = {}
        for node in self._statements(tags):
            text = clean_paragraphs(node.text) if paragraphs else clean(node.text)
            add_text(found, self._lang(node), text, joiner=joiner)
        return found

    def _labels(self, entity: etree._Element) -> LanguageMap:
        labels: LanguageMap = {}
        for label in entity.iterchildren(_PREF_LABEL):
            add_text(labels, self._lang(label), clean(label.text))
        return labels

    def _entity(self, node: etree._Element) -> tuple[str, etree._Element | None]:
        uri = clean(node.get(RDF_RESOURCE))
        return uri, self.entities.get(uri) if uri else None

    # --- fields --------------------------------------------------------------------------------

    def _terms(self, tags: tuple[str, ...]) -> tuple[TermRecord, ...]:
        return unique_terms(self._term(node) for node in self._statements(tags))

    def _term(self, node: etree._Element) -> TermRecord | None:
        uri, entity = self._entity(node)
        if not uri:
            text = clean(node.text)
            if node.tag == _TYPES[1]:
                # edm:type is Europeana's fixed list (TEXT, IMAGE…), in English capitals.
                return TermRecord(text=text.lower(), lang="en") if text else None
            return TermRecord(text=text[:500], lang=self._lang(node)) if text else None
        if entity is None:
            return None
        labels = self._labels(entity)
        if not labels:
            return None
        lang = self.language if self.language in labels else next(iter(labels))
        concept = concept_ref(uri, labels)
        notation = clean(entity.findtext(_NOTATION))
        if notation:
            concept = replace(concept, notation=notation)
        return TermRecord(text=labels[lang][:500], lang=lang, concept=concept)

    def _agents(self) -> tuple[AgentRecord, ...]:
        agents: list[AgentRecord] = []
        seen: set[str] = set()
        for node in self._statements((_CREATOR,)):
            agent = self._agent(node)
            if agent is None:
                continue
            key = agent.uri or repr(sorted(agent.names.items()))
            if key not in seen:
                seen.add(key)
                agents.append(agent)
        return tuple(agents)

    def _agent(self, node: etree._Element) -> AgentRecord | None:
        uri, entity = self._entity(node)
        role = {"en": "creator"}
        if not uri:
            text = clean(node.text)
            return AgentRecord(names={self._lang(node): text}, role=role) if text else None
        names = self._labels(entity) if entity is not None else {}
        if not names:
            return None
        kind = "group" if entity is not None and entity.tag in _GROUP_ENTITIES else "person"
        return AgentRecord(names=names, kind=kind, role=role, uri=uri)

    def _dates(self) -> tuple[int | None, int | None, LanguageMap]:
        display: LanguageMap = {}
        spans: list[tuple[int | None, int | None]] = []
        for node in self._statements(_DATES):
            uri, entity = self._entity(node)
            if entity is not None:
                spans.append((year_of(entity.findtext(_BEGIN)), year_of(entity.findtext(_END))))
                for lang, text in self._labels(entity).items():
                    display.setdefault(lang, text)
            elif not uri:
                add_text(display, self._lang(node), clean(node.text))
        earliest, latest = next(
            (span for span in spans if span[0] is not None or span[1] is not None), (None, None)
        )
        if earliest is None and latest is None:
            earliest, latest = display_years(display)
            if earliest is None and latest is None:
                note_unread_date(display, self.notes)
        earliest, latest = completed_years(earliest, latest, self.notes)
        return earliest, latest, display

    def _place(self) -> tuple[LanguageMap, str]:
        for node in self._statements((_SPATIAL,)):
            uri, entity = self._entity(node)
            if entity is not None and self._labels(entity):
                return self._labels(entity), uri
            text = clean(node.text)
            if text:
                return {self._lang(node): text}, ""
        return {}, ""

    def _aggregation_values(self, tag: str) -> list[etree._Element]:
        if self.aggregation is None:
            return []
        return list(self.aggregation.iterchildren(tag))

    def _link(self, tag: str) -> str:
        for node in self._aggregation_values(tag):
            uri = clean(node.get(RDF_RESOURCE) or node.text)
            if uri:
                return uri
        return ""

    def _rights(self) -> str:
        for node in self._aggregation_values(_RIGHTS):
            uri = rights_uri(node.get(RDF_RESOURCE) or node.text)
            if uri:
                return uri
        return ""

    def _credit_line(self) -> LanguageMap:
        for node in self._aggregation_values(_DATA_PROVIDER):
            _uri, entity = self._entity(node)
            if entity is not None and self._labels(entity):
                return self._labels(entity)
            text = clean(node.text)
            if text:
                return {self._lang(node): text}
        return {}

    def _media(self) -> tuple[MediaRecord, ...]:
        shown_by = self._link(_IS_SHOWN_BY)
        thumbnail = self._link(_OBJECT)
        views = [clean(node.get(RDF_RESOURCE)) for node in self._aggregation_values(_HAS_VIEW)]
        items: list[MediaRecord] = []
        for position, url in enumerate(_unique([shown_by, *views])):
            item = self._media_item(url, thumbnail if position == 0 else "")
            if item is not None:
                items.append(item)
        if not items and thumbnail:
            item = self._media_item(thumbnail, thumbnail)
            if item is not None:
                items.append(item)
        return tuple(items)

    def _media_item(self, url: str, thumbnail: str) -> MediaRecord | None:
        resource = self.entities.get(url)
        service = ""
        rights = ""
        if resource is not None:
            service_node = next(resource.iterchildren(_HAS_SERVICE), None)
            service = clean(service_node.get(RDF_RESOURCE)) if service_node is not None else ""
            rights = next(
                (uri for uri in map(_rights_of, resource.iterchildren(_RIGHTS)) if uri), ""
            )
            mime = clean(resource.findtext(_MIME_TYPE))
            if mime and not mime.startswith("image/") and not service:
                return None
        if not service and urlsplit(url).path.lower().endswith(_NOT_IMAGES):
            return None
        return MediaRecord(
            image_url=url,
            thumbnail_url=thumbnail or url,
            iiif_service=service,
            rights=rights,
        )


def _rights_of(node: etree._Element) -> str:
    return rights_uri(node.get(RDF_RESOURCE) or node.text) or ""


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))
