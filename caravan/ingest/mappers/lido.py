"""LIDO 1.0 and 1.1 (http://www.lido-schema.org): one `lido:lido` element per object."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
    completed_years,
    concept_ref,
    display_years,
    element_path,
    iiif_service_of,
    is_url,
    language_tag,
    note_unread_date,
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


def _lido(name: str) -> str:
    return f"{{{LIDO}}}{name}"


_PUBLISHED_ID = _lido("objectPublishedID")
_IDENTIFIER_TAGS = frozenset({_lido("lidoRecID"), _PUBLISHED_ID})
_DESCRIPTIVE = _lido("descriptiveMetadata")
_ADMINISTRATIVE = _lido("administrativeMetadata")
_DESCRIPTION = _lido("descriptiveNoteValue")
_WORK_TYPE = _lido("objectWorkType")
_CLASSIFICATION = _lido("classification")
_SUBJECT = _lido("subjectConcept")
_OBJECT_MATERIALS = _lido("objectMaterialsTechSet")
_EVENT = _lido("event")
_EVENT_TYPE = _lido("eventType")
_EVENT_MATERIALS = _lido("eventMaterialsTech")
_MATERIAL_TERM = _lido("termMaterialsTech")
_DISPLAY_MATERIALS = _lido("displayMaterialsTech")
_ACTOR_IN_ROLE = _lido("actorInRole")
_DISPLAY_ACTOR = _lido("displayActorInRole")
_ACTOR = _lido("actor")
_ACTOR_ID = _lido("actorID")
_ROLE = _lido("roleActor")
_DISPLAY_DATE = _lido("displayDate")
_EARLIEST = _lido("earliestDate")
_LATEST = _lido("latestDate")
_PERIOD = _lido("periodName")
_EVENT_PLACE = _lido("eventPlace")
_DISPLAY_PLACE = _lido("displayPlace")
_PLACE_ID = _lido("placeID")
_INSCRIPTION = _lido("inscriptionTranscription")
_MEASUREMENT = _lido("displayObjectMeasurements")
_RIGHTS_TYPE = _lido("rightsType")
_CREDIT_LINE = _lido("creditLine")
_RIGHTS_WORK_SET = _lido("rightsWorkSet")
_LINK = _lido("linkResource")
_RECORD_LINK = _lido("recordInfoLink")
_CAPTION = _lido("resourceDescription")

# Each XPath below is a union whose branches end in different element names (or, for rightsType
# and creditLine, under different parents), so one evaluation per element read replaces one per
# field: `_by_tag` sorts the nodes found back into fields, each in document order.
_BLOCK_PARTS = element_path(
    " | ".join(
        (
            "lido:objectIdentificationWrap/lido:titleWrap/lido:titleSet//lido:appellationValue",
            "lido:objectIdentificationWrap/lido:objectDescriptionWrap/lido:objectDescriptionSet"
            "/lido:descriptiveNoteValue",
            "lido:objectClassificationWrap/lido:objectWorkTypeWrap/lido:objectWorkType",
            "lido:objectClassificationWrap/lido:classificationWrap/lido:classification",
            "lido:objectRelationWrap/lido:subjectWrap/lido:subjectSet/lido:subject"
            "/lido:subjectConcept",
            "lido:objectIdentificationWrap/lido:objectMaterialsTechWrap"
            "/lido:objectMaterialsTechSet",
            "lido:eventWrap/lido:eventSet/lido:event",
            "lido:objectIdentificationWrap/lido:inscriptionsWrap/lido:inscriptions"
            "/lido:inscriptionTranscription",
            "lido:objectIdentificationWrap/lido:objectMeasurementsWrap"
            "/lido:objectMeasurementsSet/lido:displayObjectMeasurements",
        )
    )
)
_EVENT_PARTS = element_path(
    "lido:eventMaterialsTech | lido:eventActor/lido:actorInRole"
    " | lido:eventActor/lido:displayActorInRole | lido:eventDate/lido:displayDate"
    " | lido:eventDate/lido:date/lido:earliestDate | lido:eventDate/lido:date/lido:latestDate"
    " | lido:periodName | lido:eventPlace"
)
_MATERIALS_PARTS = element_path(
    "lido:materialsTech/lido:termMaterialsTech | lido:displayMaterialsTech"
)
# Only the first actor of a role counts.
_ROLE_PARTS = element_path(
    "lido:actor[1] | lido:actor[1]/lido:nameActorSet/lido:appellationValue"
    " | lido:actor[1]/lido:actorID | lido:roleActor"
)
_PLACE_PARTS = element_path(
    "lido:displayPlace | lido:place/lido:namePlaceSet/lido:appellationValue"
    " | lido:place/lido:placeID"
)
_ADMINISTRATIVE_PARTS = element_path(
    "lido:rightsWorkWrap/lido:rightsWorkSet/lido:rightsType"
    " | lido:rightsWorkWrap/lido:rightsWorkSet/lido:creditLine"
    " | lido:resourceWrap/lido:resourceSet/lido:rightsResource/lido:rightsType"
    " | lido:resourceWrap/lido:resourceSet[1]/lido:rightsResource/lido:creditLine"
    " | lido:resourceWrap/lido:resourceSet/lido:resourceRepresentation/lido:linkResource"
    " | lido:recordWrap/lido:recordInfoSet/lido:recordInfoLink"
)
_RESOURCE_PARTS = element_path("lido:resourceDescription | lido:rightsResource/lido:rightsType")


class _Parts:
    """The nodes one union XPath found, sorted back by element name, each in document order."""

    __slots__ = ("_found",)

    def __init__(self, nodes: Iterable[etree._Element]) -> None:
        found: dict[str, list[etree._Element]] = {}
        for node in nodes:
            tag = node.tag
            group = found.get(tag)
            if group is None:
                found[tag] = [node]
            else:
                group.append(node)
        self._found = found

    def __call__(self, tag: str) -> Sequence[etree._Element]:
        return self._found.get(tag, ())

    def first(self, tag: str) -> etree._Element | None:
        found = self._found.get(tag)
        return found[0] if found else None


class _Concept:
    """The children of a LIDO concept element (a type, a role, a subject, a material)."""

    __slots__ = ("ids", "node", "skos", "terms")

    def __init__(self, node: etree._Element) -> None:
        self.node = node
        self.ids: list[etree._Element] = []
        self.terms: list[etree._Element] = []
        self.skos: list[etree._Element] = []
        # One pass over the children: asking lxml for each kind of child costs far more.
        for child in node:
            tag = child.tag
            if tag == _CONCEPT_ID:
                self.ids.append(child)
            elif tag == _TERM:
                self.terms.append(child)
            elif tag == _SKOS_CONCEPT:
                self.skos.append(child)


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
    for node in lido:
        if node.tag in _IDENTIFIER_TAGS:
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
    children = _Parts(root)
    administrative = children.first(_ADMINISTRATIVE)
    reading = _Reading(language=context.default_language)
    # LIDO repeats descriptiveMetadata once per language; together they describe one object.
    blocks = children(_DESCRIPTIVE)
    reading.language = _record_language(root, blocks[0] if blocks else None, reading)
    block_readings = [(_Parts(_BLOCK_PARTS(block)), reading.in_block(block)) for block in blocks]
    titles: LanguageMap = {}
    for block, block_reading in block_readings:
        for lang, text in _appellations(block(_APPELLATION), block_reading).items():
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
        web_page=admin.web_page or _published_page(children(_PUBLISHED_ID)),
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


def _published_page(published_ids: Iterable[etree._Element]) -> str:
    for node in published_ids:
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


def _concept_labels(concept: _Concept, reading: _Reading) -> LanguageMap:
    labels: LanguageMap = {}
    for term in concept.terms:
        if term.get(_ADDED) != "yes":
            add_text(labels, reading.lang(term), clean(term.text))
    for skos in concept.skos:
        for label in skos.iterchildren(_SKOS_PREF_LABEL):
            add_text(labels, reading.lang(label), clean(label.text))
    return labels


def _concept_of(node: _Concept, labels: LanguageMap) -> ConceptRef | None:
    for concept_id in node.ids:
        value = clean(concept_id.text)
        source = clean(concept_id.get(_SOURCE))
        if is_url(value):
            return concept_ref(value, labels, scheme="" if is_url(source) else source)
        if value and source:
            return ConceptRef(scheme=source, notation=value, labels=labels)
    for concept in node.skos:
        about = clean(concept.get(RDF_ABOUT))
        if is_url(about):
            found = concept_ref(about, labels)
            notation = clean(concept.findtext(_SKOS_NOTATION))
            return replace(found, notation=notation) if notation else found
    return None


def _term(node: etree._Element, reading: _Reading) -> TermRecord | None:
    """The preferred label of a LIDO concept element, linked to its concept when identified."""
    concept = _Concept(node)
    labels = _concept_labels(concept, reading)
    if not labels:
        return None
    lang = reading.language if reading.language in labels else next(iter(labels))
    return TermRecord(text=labels[lang][:500], lang=lang, concept=_concept_of(concept, labels))


def _terms(nodes: Iterable[etree._Element], reading: _Reading) -> tuple[TermRecord, ...]:
    return unique_terms(_term(node, reading) for node in nodes)


def _marks(concept: _Concept) -> str:
    """The identifying text of a concept element: its type, concept IDs, skos URIs and terms."""
    parts = [concept.node.get(_TYPE, "")]
    parts.extend(clean(concept_id.text) for concept_id in concept.ids)
    parts.extend(skos.get(RDF_ABOUT, "") for skos in concept.skos)
    return " ".join(parts)


def _words(node: _Concept) -> set[str]:
    words = {clean(term.text).casefold() for term in node.terms}
    for concept in node.skos:
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
    def read(cls, block: _Parts, reading: _Reading) -> _Descriptive:
        """`block` holds what `_BLOCK_PARTS` found in one descriptiveMetadata."""
        chosen = _production_event(block(_EVENT))
        event = _Parts(_EVENT_PARTS(chosen)) if chosen is not None else None
        materials, techniques = _materials(block, event, reading)
        return cls(
            descriptions=_language_map(
                block(_DESCRIPTION), reading, joiner="\n\n", paragraphs=True
            ),
            object_types=_terms([*block(_WORK_TYPE), *block(_CLASSIFICATION)], reading),
            materials=materials,
            techniques=techniques,
            subjects=_terms(block(_SUBJECT), reading),
            production=_production(event, reading) if event is not None else _Production(),
            dimensions=_language_map(block(_MEASUREMENT), reading),
            inscriptions=_language_map(block(_INSCRIPTION), reading),
        )


def _production_event(events: Sequence[etree._Element]) -> etree._Element | None:
    """The production event; else the first event that is not one of the object's later life."""
    fallback = None
    for event in events:
        kind = _first_child(event, _EVENT_TYPE)
        if kind is None:
            fallback = fallback if fallback is not None else event
            continue
        concept = _Concept(kind)
        marks, words = _marks(concept), _words(concept)
        if any(mark in marks for mark in _PRODUCTION_IDS) or words & _PRODUCTION_WORDS:
            return event
        later = any(mark in marks for mark in _LATER_EVENT_IDS) or words & _LATER_EVENT_WORDS
        if fallback is None and not later:
            fallback = event
    return fallback


def _first_child(node: etree._Element, tag: str) -> etree._Element | None:
    for child in node:
        if child.tag == tag:
            return child
    return None


def _materials(
    block: _Parts, event: _Parts | None, reading: _Reading
) -> tuple[tuple[TermRecord, ...], tuple[TermRecord, ...]]:
    """(materials, techniques) of the production event and of the object itself."""
    materials: list[TermRecord | None] = []
    techniques: list[TermRecord | None] = []
    wraps = [*(event(_EVENT_MATERIALS) if event is not None else ()), *block(_OBJECT_MATERIALS)]
    for wrap in wraps:
        parts = _Parts(_MATERIALS_PARTS(wrap))
        terms = parts(_MATERIAL_TERM)
        for node in terms:
            kind = node.get(_TYPE, "").casefold()
            if any(mark in kind for mark in _TECHNIQUE_MARKS):
                techniques.append(_term(node, reading))
            elif not any(mark in kind for mark in _NOT_MATERIAL_MARKS):
                materials.append(_term(node, reading))
        if not terms:
            for display in parts(_DISPLAY_MATERIALS):
                text = clean(display.text)
                if text:
                    materials.append(TermRecord(text=text[:500], lang=reading.lang(display)))
    return unique_terms(materials), unique_terms(techniques)


def _production(event: _Parts, reading: _Reading) -> _Production:
    date_display = _language_map(event(_DISPLAY_DATE), reading, joiner="")
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
    event: _Parts, date_display: LanguageMap, reading: _Reading
) -> tuple[int | None, int | None]:
    earliest = next((year_of(node.text) for node in event(_EARLIEST) if node.text), None)
    latest = next((year_of(node.text) for node in event(_LATEST) if node.text), None)
    if earliest is None and latest is None:
        earliest, latest = display_years(date_display)
    if earliest is None and latest is None:
        earliest, latest = _period_years(event, reading)
    if earliest is None and latest is None:
        note_unread_date(date_display, reading.notes)
    return completed_years(earliest, latest, reading.notes)


def _period_years(event: _Parts, reading: _Reading) -> tuple[int | None, int | None]:
    for period in event(_PERIOD):
        for lang, text in _concept_labels(_Concept(period), reading).items():
            earliest, latest = parsed_years(text, lang)
            if earliest is not None or latest is not None:
                return earliest, latest
    return None, None


def _place(event: _Parts, reading: _Reading) -> tuple[LanguageMap, str]:
    for place in event(_EVENT_PLACE):
        parts = _Parts(_PLACE_PARTS(place))
        names = _language_map(parts(_DISPLAY_PLACE), reading, joiner="") or _appellations(
            parts(_APPELLATION), reading
        )
        uri = next((clean(node.text) for node in parts(_PLACE_ID) if is_url(clean(node.text))), "")
        if names or uri:
            return names, uri
    return {}, ""


def _agents(event: _Parts, reading: _Reading) -> tuple[AgentRecord, ...]:
    agents = [agent for agent in (_agent(role, reading) for role in event(_ACTOR_IN_ROLE)) if agent]
    if not agents:
        for display in event(_DISPLAY_ACTOR):
            text = clean(display.text)
            if text:
                agents.append(AgentRecord(names={reading.lang(display): text}))
    return tuple(agents)


def _agent(role: etree._Element, reading: _Reading) -> AgentRecord | None:
    parts = _Parts(_ROLE_PARTS(role))
    actor = parts.first(_ACTOR)
    if actor is None:
        return None
    names = _appellations(parts(_APPELLATION), reading)
    if not names:
        return None
    kind_mark = actor.get(_TYPE, "").casefold()
    roles: LanguageMap = {}
    for node in parts(_ROLE):
        for lang, text in _concept_labels(_Concept(node), reading).items():
            add_text(roles, lang, text)
    return AgentRecord(
        names=names,
        kind="group" if any(mark in kind_mark for mark in _GROUP_MARKS) else "person",
        role=roles,
        uri=_actor_uri(parts(_ACTOR_ID)),
    )


def _actor_uri(actor_ids: Iterable[etree._Element]) -> str:
    uris = [node for node in actor_ids if is_url(clean(node.text))]
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
        parts = _Parts(_ADMINISTRATIVE_PARTS(administrative))
        work_rights, resource_rights = _by_parent(parts(_RIGHTS_TYPE), _RIGHTS_WORK_SET)
        # The resource credit lines found are those of the first resourceSet only.
        work_credits, resource_credits = _by_parent(parts(_CREDIT_LINE), _RIGHTS_WORK_SET)
        rights = _rights(work_rights) or _rights(resource_rights)
        credit = _language_map(work_credits, reading, joiner="") or _language_map(
            resource_credits, reading, joiner=""
        )
        links = (clean(node.text) for node in parts(_RECORD_LINK))
        return cls(
            rights=rights,
            credit_line=credit,
            media=_media(parts(_LINK), reading),
            web_page=next((link for link in links if is_url(link)), ""),
        )


def _by_parent(
    nodes: Iterable[etree._Element], parent_tag: str
) -> tuple[list[etree._Element], list[etree._Element]]:
    """(the nodes whose parent is a `parent_tag` element, the others)."""
    inside: list[etree._Element] = []
    outside: list[etree._Element] = []
    for node in nodes:
        parent = node.getparent()
        (inside if parent is not None and parent.tag == parent_tag else outside).append(node)
    return inside, outside


def _rights(kinds: Iterable[etree._Element]) -> str:
    """The first statement of any rightsType element that maps to a rights URI."""
    for kind in kinds:
        for candidate in _rights_candidates(kind):
            uri = rights_uri(candidate)
            if uri:
                return uri
    return ""


def _rights_candidates(kind: etree._Element) -> Iterator[str]:
    concept = _Concept(kind)
    for concept_id in concept.ids:
        yield clean(concept_id.text)
    for skos in concept.skos:
        yield clean(skos.get(RDF_ABOUT))
    for term in concept.terms:
        yield clean(term.text)


@dataclass
class _Links:
    image: str = ""
    thumbnail: str = ""
    service: str = ""


def _media(resource_links: Iterable[etree._Element], reading: _Reading) -> tuple[MediaRecord, ...]:
    """One media item per resourceSet that links an image or a IIIF service."""
    found: dict[etree._Element, _Links] = {}
    for link in resource_links:
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
        _media_record(resource, links, reading)
        for resource, links in found.items()
        if links.image or links.thumbnail or links.service
    )


def _media_record(resource: etree._Element, links: _Links, reading: _Reading) -> MediaRecord:
    parts = _Parts(_RESOURCE_PARTS(resource))
    return MediaRecord(
        image_url=links.image or links.thumbnail,
        thumbnail_url=links.thumbnail or links.image,
        iiif_service=links.service,
        caption=_language_map(parts(_CAPTION), reading, joiner=""),
        rights=_rights(parts(_RIGHTS_TYPE)),
    )


def _is_image(file_format: str) -> bool:
    """Whether a linkResource's formatResource is an image; an unstated format is taken as one."""
    return not file_format or file_format.startswith("image/") or file_format in _IMAGE_FORMATS
