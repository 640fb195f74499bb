"""LIDO 1.0 and 1.1 (http://www.lido-schema.org): one `lido:lido` element per object."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, ClassVar

from lxml import etree

from caravan.catalogue.records import (
    AgentRecord,
    ConceptRef,
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
    XML_LANG,
    Notes,
    add_text,
    clean,
    clean_paragraphs,
    concept_ref,
    element_path,
    iiif_service_of,
    is_url,
    language_tag,
    ordered_years,
    parse_record,
    parsed_years,
    rights_uri,
    unique_terms,
    year_of,
)
from caravan.ingest.mappers.xml_split import split_records

LIDO = NS["lido"]
LIDO_RECORD = f"{{{LIDO}}}lido"
_TYPE = f"{{{LIDO}}}type"
_PREF = f"{{{LIDO}}}pref"
_SOURCE = f"{{{LIDO}}}source"
_ADDED = f"{{{LIDO}}}addedSearchTerm"
_FORMAT = f"{{{LIDO}}}formatResource"
_TERM = f"{{{LIDO}}}term"
_CONCEPT_ID = f"{{{LIDO}}}conceptID"
_SKOS_CONCEPT = f"{{{NS['skos']}}}Concept"
_SKOS_NOTATION = f"{{{NS['skos']}}}notation"
_SKOS_PREF_LABEL = f"{{{NS['skos']}}}prefLabel"
_APPELLATION = f"{{{LIDO}}}appellationValue"


_path = element_path


_RECORD_IDS = _path("lido:lidoRecID | lido:objectPublishedID")
_PUBLISHED_IDS = _path("lido:objectPublishedID")
_DESCRIPTIVE = _path("lido:descriptiveMetadata")
_ADMINISTRATIVE = _path("lido:administrativeMetadata")
_TITLE_SETS = _path("lido:objectIdentificationWrap/lido:titleWrap/lido:titleSet")
_DESCRIPTIONS = _path(
    "lido:objectIdentificationWrap/lido:objectDescriptionWrap/lido:objectDescriptionSet"
    "/lido:descriptiveNoteValue"
)
_WORK_TYPES = _path("lido:objectClassificationWrap/lido:objectWorkTypeWrap/lido:objectWorkType")
_CLASSIFICATIONS = _path(
    "lido:objectClassificationWrap/lido:classificationWrap/lido:classification"
)
_SUBJECTS = _path(
    "lido:objectRelationWrap/lido:subjectWrap/lido:subjectSet/lido:subject/lido:subjectConcept"
)
_OBJECT_MATERIALS = _path(
    "lido:objectIdentificationWrap/lido:objectMaterialsTechWrap/lido:objectMaterialsTechSet"
)
_EVENTS = _path("lido:eventWrap/lido:eventSet/lido:event")
_EVENT_TYPE = _path("lido:eventType")
_EVENT_MATERIALS = _path("lido:eventMaterialsTech")
_MATERIAL_TERMS = _path("lido:materialsTech/lido:termMaterialsTech")
_DISPLAY_MATERIALS = _path("lido:displayMaterialsTech")
_ACTORS_IN_ROLE = _path("lido:eventActor/lido:actorInRole")
_DISPLAY_ACTORS = _path("lido:eventActor/lido:displayActorInRole")
_ACTOR = _path("lido:actor")
_ACTOR_NAMES = _path("lido:nameActorSet/lido:appellationValue")
_ACTOR_IDS = _path("lido:actorID")
_ROLES = _path("lido:roleActor")
_DISPLAY_DATES = _path("lido:eventDate/lido:displayDate")
_EARLIEST = _path("lido:eventDate/lido:date/lido:earliestDate")
_LATEST = _path("lido:eventDate/lido:date/lido:latestDate")
_PERIODS = _path("lido:periodName")
_EVENT_PLACES = _path("lido:eventPlace")
_DISPLAY_PLACES = _path("lido:displayPlace")
_PLACE_NAMES = _path("lido:place/lido:namePlaceSet/lido:appellationValue")
_PLACE_IDS = _path("lido:place/lido:placeID")
_INSCRIPTIONS = _path(
    "lido:objectIdentificationWrap/lido:inscriptionsWrap/lido:inscriptions"
    "/lido:inscriptionTranscription"
)
_MEASUREMENTS = _path(
    "lido:objectIdentificationWrap/lido:objectMeasurementsWrap/lido:objectMeasurementsSet"
    "/lido:displayObjectMeasurements"
)
_WORK_RIGHTS_TYPES = _path("lido:rightsWorkWrap/lido:rightsWorkSet/lido:rightsType")
_WORK_CREDIT_LINES = _path("lido:rightsWorkWrap/lido:rightsWorkSet/lido:creditLine")
_RESOURCE_RIGHTS_TYPES = _path(
    "lido:resourceWrap/lido:resourceSet/lido:rightsResource/lido:rightsType"
)
_FIRST_RESOURCE_CREDIT_LINES = _path(
    "lido:resourceWrap/lido:resourceSet[1]/lido:rightsResource/lido:creditLine"
)
_RESOURCE_LINKS = _path(
    "lido:resourceWrap/lido:resourceSet/lido:resourceRepresentation/lido:linkResource"
)
_OWN_RIGHTS_TYPES = _path("lido:rightsResource/lido:rightsType")
_RESOURCE_CAPTIONS = _path("lido:resourceDescription")
_RECORD_LINKS = _path("lido:recordWrap/lido:recordInfoSet/lido:recordInfoLink")

# Event types that mean "this is how the object came to be", in LIDO's terminology and in the
# words providers use instead of it.
_PRODUCTION_IDS = (
    "lido00007",
    "/production",
    "E12_Production",
    "aat/300054713",
    "museum-digital.org/1",
)
_PRODUCTION_WORDS = frozenset({"production", "herstellung", "hergestellt", "creation", "création"})
_LATER_EVENT_IDS = ("lido00001", "lido00034", "acquisition", "/use", "publication", "lido01146")
_LATER_EVENT_WORDS = frozenset(
    {
        "acquisition",
        "erwerbung",
        "erwerb",
        "use",
        "gebrauch",
        "publication",
        "provenance",
        "herkunft",
        "restoration",
        "restaurierung",
        "veröffentlichung",
    }
)
_GROUP_MARKS = ("group", "corporat", "organi", "family", "institution", "lido00164", "lido00413")
_ALTERNATE_MARKS = ("alternate", "lido00170")
_TECHNIQUE_MARKS = ("techni", "lido00131")
_NOT_MATERIAL_MARKS = ("mark", "lido00479")
_THUMBNAIL_MARKS = ("thumb", "preview", "lido00451", "list")
_IIIF_MARKS = ("iiif",)
_IMAGE_FORMATS = frozenset({"jpg", "jpeg", "png", "gif", "tif", "tiff", "jp2", "webp"})


@dataclass
class _Reading:
    """What one record is being read with: its language and the warnings collected so far."""

    language: str
    notes: Notes = field(default_factory=Notes)
    tags: dict[str, str] = field(default_factory=dict)

    def in_block(self, block: etree._Element) -> _Reading:
        """The reading of one descriptiveMetadata block, in that block's own language."""
        value = block.get(XML_LANG)
        if not value:
            return self
        return _Reading(language=language_tag(value, self.language, self.notes), notes=self.notes)

    def lang(self, node: etree._Element) -> str:
        """The node's xml:lang as a BCP-47 tag, else the language of what is being read."""
        value = node.get(XML_LANG)
        if not value:
            return self.language
        # Records repeat the same few xml:lang values many times over.
        tag = self.tags.get(value)
        if tag is None:
            tag = self.tags[value] = language_tag(value, self.language, self.notes)
        return tag


class LidoMapper:
    name: ClassVar[str] = "lido"
    label: ClassVar[str] = "LIDO 1.0 / 1.1 XML"
    needs_mapping: ClassVar[bool] = False

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]:
        return split_records(
            stream, record_tags=(LIDO_RECORD,), identify=lido_identifier, label="LIDO"
        )

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped:
        root = parse_record(raw)
        if root.tag != LIDO_RECORD:
            raise RecordError(
                f"record {raw.identifier} is a {etree.QName(root).localname} element, not lido"
            )
        return _map_lido(root, raw, context)


def lido_identifier(lido: etree._Element) -> str:
    """lidoRecID, else the first objectPublishedID: what the provider keeps stable."""
    for node in _RECORD_IDS(lido):
        text = clean(node.text)
        if text:
            return text
    return ""


def _map_lido(root: etree._Element, raw: RawRecord, context: MappingContext) -> Mapped:
    local_id = lido_identifier(root)
    if not local_id:
        raise RecordError(
            f"record {raw.identifier}: it has neither a lidoRecID nor an objectPublishedID"
        )
    administrative = next(iter(_ADMINISTRATIVE(root)), None)
    reading = _Reading(language=context.default_language)
    # LIDO repeats descriptiveMetadata once per language; together they describe one object.
    blocks = _DESCRIPTIVE(root)
    reading.language = _record_language(root, blocks[0] if blocks else None, reading)
    block_readings = [(block, reading.in_block(block)) for block in blocks]
    titles: LanguageMap = {}
    for block, block_reading in block_readings:
        for lang, text in _titles(block, block_reading).items():
            titles.setdefault(lang, text)
    if not titles:
        raise RecordError(f"record {local_id}: it has no title in any language")
    details = _Descriptive.merge(
        [_Descriptive.read(block, block_reading) for block, block_reading in block_readings]
    )
    admin = _Administrative.read(administrative, reading)
    if not admin.rights:
        reading.notes.add("no rights statement: the work's rights are not known")
    record = ObjectRecord(
        local_id=local_id,
        language=reading.language,
        titles=titles,
        descriptions=details.descriptions,
        object_types=details.object_types,
        materials=details.materials,
        techniques=details.techniques,
        subjects=details.subjects,
        agents=details.production.agents,
        production_place=details.production.place,
        production_place_uri=details.production.place_uri,
        date_display=details.production.date_display,
        earliest_year=details.production.earliest,
        latest_year=details.production.latest,
        dimensions=details.dimensions,
        inscriptions=details.inscriptions,
        credit_line=admin.credit_line,
        rights=admin.rights,
        media=admin.media,
        web_page=admin.web_page or _published_page(root),
        source_name=context.source_name,
        source_format="lido",
        raw=raw.data,
    )
    return Mapped(record=record, warnings=reading.notes.all())


def _record_language(
    root: etree._Element, descriptive: etree._Element | None, reading: _Reading
) -> str:
    for node in (descriptive, root):
        if node is not None and node.get(XML_LANG):
            return language_tag(node.get(XML_LANG), reading.language, reading.notes)
    return reading.language


def _published_page(root: etree._Element) -> str:
    for node in _PUBLISHED_IDS(root):
        text = clean(node.text)
        if is_url(text):
            return text
    return ""


# --- names and labels --------------------------------------------------------------------------


def _is_alternate(node: etree._Element) -> bool:
    pref = node.get(_PREF, "")
    return any(mark in pref for mark in _ALTERNATE_MARKS)


def _appellations(nodes: Iterable[etree._Element], reading: _Reading) -> LanguageMap:
    """Preferred names first; an alternate only fills a language with no preferred name."""
    preferred: LanguageMap = {}
    alternates: LanguageMap = {}
    for node in nodes:
        text = clean(node.text)
        if text:
            add_text(alternates if _is_alternate(node) else preferred, reading.lang(node), text)
    for lang, text in alternates.items():
        preferred.setdefault(lang, text)
    return preferred


def _titles(descriptive: etree._Element, reading: _Reading) -> LanguageMap:
    values = [
        node for title_set in _TITLE_SETS(descriptive) for node in title_set.iter(_APPELLATION)
    ]
    return _appellations(values, reading)


def _language_map(
    nodes: Iterable[etree._Element],
    reading: _Reading,
    *,
    joiner: str = "; ",
    paragraphs: bool = False,
) -> LanguageMap:
    found: LanguageMap = {}
    for node in nodes:
        text = clean_paragraphs(node.text) if paragraphs else clean(node.text)
        add_text(found, reading.lang(node), text, joiner=joiner)
    return found


# --- concepts ----------------------------------------------------------------------------------


def _concept_labels(node: etree._Element, reading: _Reading) -> LanguageMap:
    labels: LanguageMap = {}
    for term in node.iterchildren(_TERM):
        if term.get(_ADDED) != "yes":
            add_text(labels, reading.lang(term), clean(term.text))
    for concept in node.iterchildren(_SKOS_CONCEPT):
        for label in concept.iterchildren(_SKOS_PREF_LABEL):
            add_text(labels, reading.lang(label), clean(label.text))
    return labels


def _concept_of(node: etree._Element, labels: LanguageMap) -> ConceptRef | None:
    for concept_id in node.iterchildren(_CONCEPT_ID):
        value = clean(concept_id.text)
        source = clean(concept_id.get(_SOURCE))
        if is_url(value):
            return concept_ref(value, labels, scheme="" if is_url(source) else source)
        if value and source:
            return ConceptRef(scheme=source, notation=value, labels=labels)
    for concept in node.iterchildren(_SKOS_CONCEPT):
        about = clean(concept.get(RDF_ABOUT))
        if is_url(about):
            found = concept_ref(about, labels)
            notation = clean(concept.findtext(_SKOS_NOTATION))
            return replace(found, notation=notation) if notation else found
    return None


def _term(node: etree._Element, reading: _Reading) -> TermRecord | None:
    """The preferred label of a LIDO concept element, linked to its concept when identified."""
    labels = _concept_labels(node, reading)
    if not labels:
        return None
    lang = reading.language if reading.language in labels else next(iter(labels))
    return TermRecord(text=labels[lang][:500], lang=lang, concept=_concept_of(node, labels))


def _terms(nodes: Iterable[etree._Element], reading: _Reading) -> tuple[TermRecord, ...]:
    return unique_terms(_term(node, reading) for node in nodes)


def _marks(node: etree._Element) -> str:
    """The identifying text of a concept element: its type, concept IDs, skos URIs and terms."""
    parts = [node.get(_TYPE, "")]
    parts.extend(clean(concept_id.text) for concept_id in node.iterchildren(_CONCEPT_ID))
    parts.extend(concept.get(RDF_ABOUT, "") for concept in node.iterchildren(_SKOS_CONCEPT))
    return " ".join(parts)


def _words(node: etree._Element) -> set[str]:
    words = {clean(term.text).casefold() for term in node.iterchildren(_TERM)}
    for concept in node.iterchildren(_SKOS_CONCEPT):
        words.update(
            clean(label.text).casefold() for label in concept.iterchildren(_SKOS_PREF_LABEL)
        )
    return words


# --- descriptive metadata ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Production:
    agents: tuple[AgentRecord, ...] = ()
    place: LanguageMap = field(default_factory=dict)
    place_uri: str = ""
    date_display: LanguageMap = field(default_factory=dict)
    earliest: int | None = None
    latest: int | None = None

    @classmethod
    def merge(cls, parts: list[_Production]) -> _Production:
        """Names, places and display dates by language from every block; the first years found."""
        dated = next((part for part in parts if part.earliest is not None), parts[0])
        return cls(
            agents=next((part.agents for part in parts if part.agents), ()),
            place=_merged_maps(part.place for part in parts),
            place_uri=next((part.place_uri for part in parts if part.place_uri), ""),
            date_display=_merged_maps(part.date_display for part in parts),
            earliest=dated.earliest,
            latest=dated.latest,
        )


def _merged_maps(maps: Iterable[LanguageMap]) -> LanguageMap:
    merged: LanguageMap = {}
    for language_map in maps:
        for lang, text in language_map.items():
            merged.setdefault(lang, text)
    return merged


@dataclass(frozen=True)
class _Descriptive:
    descriptions: LanguageMap
    object_types: tuple[TermRecord, ...]
    materials: tuple[TermRecord, ...]
    techniques: tuple[TermRecord, ...]
    subjects: tuple[TermRecord, ...]
    production: _Production
    dimensions: LanguageMap
    inscriptions: LanguageMap

    @classmethod
    def merge(cls, parts: list[_Descriptive]) -> _Descriptive:
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return cls({}, (), (), (), (), _Production(), {}, {})
        return cls(
            descriptions=_merged_maps(part.descriptions for part in parts),
            object_types=unique_terms(term for part in parts for term in part.object_types),
            materials=unique_terms(term for part in parts for term in part.materials),
            techniques=unique_terms(term for part in parts for term in part.techniques),
            subjects=unique_terms(term for part in parts for term in part.subjects),
            production=_Production.merge([part.production for part in parts]),
            dimensions=_merged_maps(part.dimensions for part in parts),
            inscriptions=_merged_maps(part.inscriptions for part in parts),
        )

    @classmethod
    def read(cls, descriptive: etree._Element, reading: _Reading) -> _Descriptive:
        event = _production_event(_EVENTS(descriptive))
        materials, techniques = _materials(descriptive, event, reading)
        return cls(
            descriptions=_language_map(
                _DESCRIPTIONS(descriptive), reading, joiner="\n\n", paragraphs=True
            ),
            object_types=_terms(
                [*_WORK_TYPES(descriptive), *_CLASSIFICATIONS(descriptive)], reading
            ),
            materials=materials,
            techniques=techniques,
            subjects=_terms(_SUBJECTS(descriptive), reading),
            production=_production(event, reading) if event is not None else _Production(),
            dimensions=_language_map(_MEASUREMENTS(descriptive), reading),
            inscriptions=_language_map(_INSCRIPTIONS(descriptive), reading),
        )


def _production_event(events: list[etree._Element]) -> etree._Element | None:
    """The production event; else the first event that is not one of the object's later life."""
    fallback = None
    for event in events:
        kind = next(iter(_EVENT_TYPE(event)), None)
        if kind is None:
            fallback = fallback if fallback is not None else event
            continue
        marks, words = _marks(kind), _words(kind)
        if any(mark in marks for mark in _PRODUCTION_IDS) or words & _PRODUCTION_WORDS:
            return event
        later = any(mark in marks for mark in _LATER_EVENT_IDS) or words & _LATER_EVENT_WORDS
        if fallback is None and not later:
            fallback = event
    return fallback


def _materials(
    descriptive: etree._Element, event: etree._Element | None, reading: _Reading
) -> tuple[tuple[TermRecord, ...], tuple[TermRecord, ...]]:
    """(materials, techniques) of the production event and of the object itself."""
    materials: list[TermRecord | None] = []
    techniques: list[TermRecord | None] = []
    wraps = [
        *(_EVENT_MATERIALS(event) if event is not None else []),
        *_OBJECT_MATERIALS(descriptive),
    ]
    for wrap in wraps:
        terms = _MATERIAL_TERMS(wrap)
        for node in terms:
            kind = node.get(_TYPE, "").casefold()
            if any(mark in kind for mark in _TECHNIQUE_MARKS):
                techniques.append(_term(node, reading))
            elif not any(mark in kind for mark in _NOT_MATERIAL_MARKS):
                materials.append(_term(node, reading))
        if not terms:
            for display in _DISPLAY_MATERIALS(wrap):
                text = clean(display.text)
                if text:
                    materials.append(TermRecord(text=text[:500], lang=reading.lang(display)))
    return unique_terms(materials), unique_terms(techniques)


def _production(event: etree._Element, reading: _Reading) -> _Production:
    date_display = _language_map(_DISPLAY_DATES(event), reading, joiner="")
    earliest, latest = _event_years(event, date_display, reading)
    place, place_uri = _place(event, reading)
    return _Production(
        agents=_agents(event, reading),
        place=place,
        place_uri=place_uri,
        date_display=date_display,
        earliest=earliest,
        latest=latest,
    )


def _event_years(
    event: etree._Element, date_display: LanguageMap, reading: _Reading
) -> tuple[int | None, int | None]:
    earliest = next((year_of(node.text) for node in _EARLIEST(event) if node.text), None)
    latest = next((year_of(node.text) for node in _LATEST(event) if node.text), None)
    if earliest is None and latest is None:
        for lang, text in date_display.items():
            earliest, latest = parsed_years(text, lang)
            if earliest is not None or latest is not None:
                break
    if earliest is None and latest is None:
        earliest, latest = _period_years(event, reading)
    if earliest is None and latest is None and date_display:
        shown = next(iter(date_display.values()))
        reading.notes.add(
            f"the date '{shown}' could not be read as years; it is kept as display only"
        )
    if earliest is None:
        earliest = latest
    if latest is None:
        latest = earliest
    return ordered_years(earliest, latest, reading.notes)


def _period_years(event: etree._Element, reading: _Reading) -> tuple[int | None, int | None]:
    for period in _PERIODS(event):
        for lang, text in _concept_labels(period, reading).items():
            earliest, latest = parsed_years(text, lang)
            if earliest is not None or latest is not None:
                return earliest, latest
    return None, None


def _place(event: etree._Element, reading: _Reading) -> tuple[LanguageMap, str]:
    for place in _EVENT_PLACES(event):
        names = _language_map(_DISPLAY_PLACES(place), reading, joiner="") or _appellations(
            _PLACE_NAMES(place), reading
        )
        uri = next((clean(node.text) for node in _PLACE_IDS(place) if is_url(clean(node.text))), "")
        if names or uri:
            return names, uri
    return {}, ""


def _agents(event: etree._Element, reading: _Reading) -> tuple[AgentRecord, ...]:
    agents = [
        agent for agent in (_agent(role, reading) for role in _ACTORS_IN_ROLE(event)) if agent
    ]
    if not agents:
        for display in _DISPLAY_ACTORS(event):
            text = clean(display.text)
            if text:
                agents.append(AgentRecord(names={reading.lang(display): text}))
    return tuple(agents)


def _agent(role: etree._Element, reading: _Reading) -> AgentRecord | None:
    actor = next(iter(_ACTOR(role)), None)
    if actor is None:
        return None
    names = _appellations(_ACTOR_NAMES(actor), reading)
    if not names:
        return None
    kind_mark = actor.get(_TYPE, "").casefold()
    roles: LanguageMap = {}
    for node in _ROLES(role):
        for lang, text in _concept_labels(node, reading).items():
            add_text(roles, lang, text)
    return AgentRecord(
        names=names,
        kind="group" if any(mark in kind_mark for mark in _GROUP_MARKS) else "person",
        role=roles,
        uri=_actor_uri(actor),
    )


def _actor_uri(actor: etree._Element) -> str:
    uris = [node for node in _ACTOR_IDS(actor) if is_url(clean(node.text))]
    preferred = [node for node in uris if not _is_alternate(node)]
    chosen = preferred or uris
    return clean(chosen[0].text) if chosen else ""


# --- administrative metadata -------------------------------------------------------------------


@dataclass(frozen=True)
class _Administrative:
    rights: str = ""
    credit_line: LanguageMap = field(default_factory=dict)
    media: tuple[MediaRecord, ...] = ()
    web_page: str = ""

    @classmethod
    def read(cls, administrative: etree._Element | None, reading: _Reading) -> _Administrative:
        if administrative is None:
            return cls()
        rights = _rights(_WORK_RIGHTS_TYPES(administrative)) or _rights(
            _RESOURCE_RIGHTS_TYPES(administrative)
        )
        credit = _language_map(
            _WORK_CREDIT_LINES(administrative), reading, joiner=""
        ) or _language_map(_FIRST_RESOURCE_CREDIT_LINES(administrative), reading, joiner="")
        links = (clean(node.text) for node in _RECORD_LINKS(administrative))
        return cls(
            rights=rights,
            credit_line=credit,
            media=_media(administrative, reading),
            web_page=next((link for link in links if is_url(link)), ""),
        )


def _rights(kinds: Iterable[etree._Element]) -> str:
    """The first statement of any rightsType element that maps to a rights URI."""
    for kind in kinds:
        for candidate in _rights_candidates(kind):
            uri = rights_uri(candidate)
            if uri:
                return uri
    return ""


def _rights_candidates(kind: etree._Element) -> Iterator[str]:
    for concept_id in kind.iterchildren(_CONCEPT_ID):
        yield clean(concept_id.text)
    for concept in kind.iterchildren(_SKOS_CONCEPT):
        yield clean(concept.get(RDF_ABOUT))
    for term in kind.iterchildren(_TERM):
        yield clean(term.text)


@dataclass
class _Links:
    image: str = ""
    thumbnail: str = ""
    service: str = ""


def _media(administrative: etree._Element, reading: _Reading) -> tuple[MediaRecord, ...]:
    """One media item per resourceSet that links an image or a IIIF service."""
    found: dict[etree._Element, _Links] = {}
    for link in _RESOURCE_LINKS(administrative):
        url = clean(link.text)
        if not is_url(url):
            continue
        representation = link.getparent()
        resource = representation.getparent() if representation is not None else None
        if representation is None or resource is None:
            continue
        links = found.setdefault(resource, _Links())
        kind = representation.get(_TYPE, "").casefold()
        file_format = link.get(_FORMAT, "").casefold()
        service = iiif_service_of(url)
        if service or any(mark in kind or mark in file_format for mark in _IIIF_MARKS):
            links.service = links.service or service or url
            if not service:
                continue
        elif not _is_image(file_format):
            continue
        if any(mark in kind for mark in _THUMBNAIL_MARKS):
            links.thumbnail = links.thumbnail or url
        else:
            links.image = links.image or url
    return tuple(
        MediaRecord(
            image_url=links.image or links.thumbnail,
            thumbnail_url=links.thumbnail or links.image,
            iiif_service=links.service,
            caption=_language_map(_RESOURCE_CAPTIONS(resource), reading, joiner=""),
            rights=_rights(_OWN_RIGHTS_TYPES(resource)),
        )
        for resource, links in found.items()
        if links.image or links.thumbnail or links.service
    )


def _is_image(file_format: str) -> bool:
    """Whether a linkResource's formatResource is an image; an unstated format is taken as one."""
    return not file_format or file_format.startswith("image/") or file_format in _IMAGE_FORMATS
