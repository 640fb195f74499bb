"""LIDO 1.1: the museum community's harvesting format, one descriptive block per language.

Each language the object's texts are written in gets its own `lido:descriptiveMetadata`
block with that xml:lang, holding the texts written in it. What LIDO requires in every block
(a title, an object type) falls back to another language, marked with its own xml:lang; what
belongs to no language (identifiers, years, concept and authority URIs, the names of makers
and institutions, each name tagged with its language) is repeated in every block. Terms are
given in a block's language when the term or its vocabulary concept has a label in it.
See docs/oai-pmh.md for the field-by-field mapping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from caravan.api.oai.elements import XML_LANG, XSI_NS, child, qualified, root, text_child
from caravan.api.oai.formats.base import MetadataFormat, RecordContext
from caravan.api.oai.formats.common import (
    block_languages,
    cultures,
    images,
    makers,
    terms,
    texts,
    year_text,
)
from caravan.catalogue.models import (
    AgentKind,
    CatalogueObject,
    Concept,
    ObjectAgent,
    ObjectMedia,
    TermField,
)
from caravan.core.codes import rights_label
from caravan.core.langmap import pick
from caravan.institutions.models import Institution

LIDO_NS = "http://www.lido-schema.org"
LIDO_SCHEMA = "http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd"
NSMAP = {"lido": LIDO_NS, "xsi": XSI_NS}

# LIDO terminology (http://terminology.lido-schema.org/) and one Getty AAT concept.
_TERMS = "http://terminology.lido-schema.org/"
URI_ID = _TERMS + "lido00099"
LOCAL_ID = _TERMS + "lido00100"
HUMAN_MADE_OBJECT = _TERMS + "lido00096"
PRODUCTION = _TERMS + "lido00007"
ITEM_LEVEL_RECORD = _TERMS + "lido00141"
INVENTORY_NUMBER = _TERMS + "lido00113"
RIGHTS_STATEMENT = _TERMS + "lido00921"
PERSON = _TERMS + "lido00163"
GROUP = _TERMS + "lido00164"
MATERIAL = _TERMS + "lido00132"
TECHNIQUE = _TERMS + "lido00131"
PROVIDED_IMAGE = _TERMS + "lido00464"
THUMBNAIL = _TERMS + "lido00451"
DIGITAL_IMAGE = "http://vocab.getty.edu/aat/300215302"
ISIL_SOURCE = "ISIL (ISO 15511)"


def L(name: str) -> str:
    """An element or attribute name in the LIDO namespace (reads like its lido: prefix)."""
    return qualified(LIDO_NS, name)


TYPE = L("type")
SOURCE = L("source")
FORMAT = L("formatResource")


@dataclass(frozen=True)
class Label:
    """A term as a block shows it: text, its language when not the block's, and a concept."""

    text: str
    lang: str | None = None
    concept: Concept | None = None


class Lido(MetadataFormat):
    prefix = "lido"
    schema = LIDO_SCHEMA
    namespace = LIDO_NS

    def metadata(self, obj: CatalogueObject, context: RecordContext) -> etree._Element:
        record = root(L("lido"), NSMAP, f"{LIDO_NS} {LIDO_SCHEMA}")
        child(
            record,
            L("lidoRecID"),
            context.identifier(obj),
            {TYPE: LOCAL_ID, SOURCE: context.provider},
        )
        child(record, L("objectPublishedID"), context.object_url(obj), {TYPE: URI_ID})
        _concept(record, L("category"), Label("Human-made object", "en"), HUMAN_MADE_OBJECT)
        languages = block_languages(obj)
        for lang in languages:
            _descriptive(record, obj, lang)
        _administrative(record, obj, context, languages[0])
        return record


# --- descriptive metadata ---------------------------------------------------------------------


def _descriptive(record: etree._Element, obj: CatalogueObject, lang: str) -> None:
    block = child(record, L("descriptiveMetadata"), attributes={XML_LANG: lang})
    classification = child(block, L("objectClassificationWrap"))
    work_types = child(classification, L("objectWorkTypeWrap"))
    for label in _work_types(obj, lang):
        _concept(work_types, L("objectWorkType"), label)
    identification = child(block, L("objectIdentificationWrap"))
    _titles(identification, obj, lang)
    _wrapped_text(
        identification,
        ("inscriptionsWrap", "inscriptions"),
        "inscriptionTranscription",
        obj.inscriptions,
        lang,
    )
    _repository(identification, obj)
    _wrapped_text(
        identification,
        ("objectDescriptionWrap", "objectDescriptionSet"),
        "descriptiveNoteValue",
        obj.descriptions,
        lang,
    )
    _wrapped_text(
        identification,
        ("objectMeasurementsWrap", "objectMeasurementsSet"),
        "displayObjectMeasurements",
        obj.dimensions,
        lang,
    )
    _production(block, obj, lang)
    subjects = _labels(obj, TermField.SUBJECT, lang)
    if subjects:
        subject_wrap = child(child(block, L("objectRelationWrap")), L("subjectWrap"))
        for label in subjects:
            subject = child(child(subject_wrap, L("subjectSet")), L("subject"))
            _concept(subject, L("subjectConcept"), label)


def _labels(obj: CatalogueObject, field: TermField, lang: str) -> list[Label]:
    """The terms of a field in the block's language: terms written in it, then the labels in
    it of concepts that terms in other languages are linked to."""
    chosen: list[Label] = []
    shown: set[int] = set()
    for term in terms(obj, field):
        if term.lang == lang:
            chosen.append(Label(term.text, None, term.concept))
            if term.concept_id is not None:
                shown.add(term.concept_id)
    for term in terms(obj, field):
        concept = term.concept
        label = (concept.pref_labels or {}).get(lang) if concept is not None else None
        if concept is not None and label and concept.pk not in shown:
            chosen.append(Label(label, None, concept))
            shown.add(concept.pk)
    return chosen


def _work_types(obj: CatalogueObject, lang: str) -> list[Label]:
    """Object types; LIDO requires one, so other languages' terms stand in, then the generic
    'human-made object'."""
    in_block = _labels(obj, TermField.OBJECT_TYPE, lang)
    if in_block:
        return in_block
    stand_ins: dict[object, Label] = {}
    for term in terms(obj, TermField.OBJECT_TYPE):
        # A concept's label nearest the block's language (zh-Hans for a zh-Hant block).
        nearest = pick(term.concept.pref_labels, lang) if term.concept is not None else None
        label = Label(nearest.text, nearest.lang, term.concept) if nearest else None
        key = term.concept_id if term.concept_id is not None else term.text
        stand_ins.setdefault(key, label or Label(term.text, term.lang, term.concept))
    return list(stand_ins.values()) or [Label("Human-made object", "en")]


def _concept(
    parent: etree._Element, tag: str, label: Label, concept_uri: str = ""
) -> etree._Element:
    element = child(parent, tag)
    uri = concept_uri or (label.concept.uri if label.concept is not None else "")
    if uri:
        child(element, L("conceptID"), uri, {TYPE: URI_ID})
    text_child(element, L("term"), label.text, label.lang)
    return element


def _titles(identification: etree._Element, obj: CatalogueObject, lang: str) -> None:
    title_set = child(child(identification, L("titleWrap")), L("titleSet"))
    own = (obj.titles or {}).get(lang)
    if own:
        text_child(title_set, L("appellationValue"), own)
        return
    # LIDO requires a title: the one a reader of this language would be shown.
    shown = pick(obj.titles, lang, obj.language)
    if shown is not None:
        text_child(title_set, L("appellationValue"), shown.text, shown.lang)
    else:
        text_child(title_set, L("appellationValue"), obj.local_id)


def _wrapped_text(
    parent: etree._Element,
    wraps: Sequence[str],
    tag: str,
    language_map: dict[str, str],
    lang: str,
) -> None:
    """A text of the block's language inside its wrapper elements, or nothing."""
    text = (language_map or {}).get(lang, "").strip()
    if not text:
        return
    holder = parent
    for wrap in wraps:
        holder = child(holder, L(wrap))
    text_child(holder, L(tag), text)


def _repository(identification: etree._Element, obj: CatalogueObject) -> None:
    repository_set = child(child(identification, L("repositoryWrap")), L("repositorySet"))
    _legal_body(child(repository_set, L("repositoryName")), obj.institution)
    child(repository_set, L("workID"), obj.local_id, {TYPE: INVENTORY_NUMBER})


def _legal_body(element: etree._Element, institution: Institution) -> None:
    if institution.isil:
        child(element, L("legalBodyID"), institution.isil, {TYPE: LOCAL_ID, SOURCE: ISIL_SOURCE})
    if institution.wikidata:
        wikidata = f"http://www.wikidata.org/entity/{institution.wikidata}"
        child(element, L("legalBodyID"), wikidata, {TYPE: URI_ID})
    name = child(element, L("legalBodyName"))
    names: list[tuple[str | None, str]] = [*texts(institution.names)]
    for lang, text in names or [(None, institution.code)]:
        text_child(name, L("appellationValue"), text, lang)
    if institution.website:
        child(element, L("legalBodyWeblink"), institution.website)


# --- the production event ---------------------------------------------------------------------


def _production(block: etree._Element, obj: CatalogueObject, lang: str) -> None:
    date_text = (obj.date_display or {}).get(lang, "")
    place_text = (obj.production_place or {}).get(lang, "")
    materials = _labels(obj, TermField.MATERIAL, lang)
    techniques = _labels(obj, TermField.TECHNIQUE, lang)
    has_years = obj.earliest_year is not None or obj.latest_year is not None
    if not (
        obj.agents.all()
        or date_text
        or has_years
        or place_text
        or obj.production_place_uri
        or materials
        or techniques
    ):
        return
    event = child(child(child(block, L("eventWrap")), L("eventSet")), L("event"))
    _concept(event, L("eventType"), Label("Production", "en"), PRODUCTION)
    for agent in makers(obj):
        if texts(agent.names):  # LIDO needs a name for every actor it lists
            _event_actor(event, agent, lang)
    for agent in cultures(obj):
        _concept(event, L("culture"), _agent_label(agent.names, lang), agent.uri)
    if date_text or has_years:
        _event_date(event, obj, date_text)
    if place_text or obj.production_place_uri:
        _event_place(event, obj, place_text)
    if materials or techniques:
        _materials(event, materials, techniques)


def _agent_label(names: dict[str, str], lang: str) -> Label:
    own = (names or {}).get(lang)
    if own:
        return Label(own)
    shown = pick(names, lang)
    return Label(shown.text, shown.lang) if shown else Label("")


def _event_actor(event: etree._Element, agent: ObjectAgent, lang: str) -> None:
    in_role = child(child(event, L("eventActor")), L("actorInRole"))
    kind = GROUP if agent.kind == AgentKind.GROUP else PERSON
    actor = child(in_role, L("actor"), attributes={TYPE: kind})
    if agent.uri:
        child(actor, L("actorID"), agent.uri, {TYPE: URI_ID})
    names = child(actor, L("nameActorSet"))
    for name_lang, name in texts(agent.names):
        text_child(names, L("appellationValue"), name, name_lang)
    if texts(agent.role):
        _concept(in_role, L("roleActor"), _agent_label(agent.role, lang))


def _event_date(event: etree._Element, obj: CatalogueObject, date_text: str) -> None:
    event_date = child(event, L("eventDate"))
    text_child(event_date, L("displayDate"), date_text)
    if obj.earliest_year is None and obj.latest_year is None:
        return
    date = child(event_date, L("date"))
    if obj.earliest_year is not None:
        child(date, L("earliestDate"), year_text(obj.earliest_year))
    if obj.latest_year is not None:
        child(date, L("latestDate"), year_text(obj.latest_year))


def _event_place(event: etree._Element, obj: CatalogueObject, place_text: str) -> None:
    event_place = child(event, L("eventPlace"))
    text_child(event_place, L("displayPlace"), place_text)
    place = child(event_place, L("place"))
    if obj.production_place_uri:
        child(place, L("placeID"), obj.production_place_uri, {TYPE: URI_ID})
    if place_text:
        text_child(child(place, L("namePlaceSet")), L("appellationValue"), place_text)


def _materials(event: etree._Element, materials: list[Label], techniques: list[Label]) -> None:
    wrap = child(event, L("eventMaterialsTech"))
    text_child(wrap, L("displayMaterialsTech"), ", ".join(label.text for label in materials))
    materials_tech = child(wrap, L("materialsTech"))
    for kind, labels in ((MATERIAL, materials), (TECHNIQUE, techniques)):
        for label in labels:
            _concept(materials_tech, L("termMaterialsTech"), label).set(TYPE, kind)


# --- administrative metadata ------------------------------------------------------------------


def _administrative(
    record: etree._Element, obj: CatalogueObject, context: RecordContext, lang: str
) -> None:
    administrative = child(record, L("administrativeMetadata"), attributes={XML_LANG: lang})
    credit = texts(obj.credit_line)
    if obj.rights or credit:
        rights_set = child(child(administrative, L("rightsWorkWrap")), L("rightsWorkSet"))
        if obj.rights:
            _rights_type(rights_set, obj.rights)
        for credit_lang, text in credit:
            text_child(rights_set, L("creditLine"), text, credit_lang)
    record_wrap = child(administrative, L("recordWrap"))
    child(record_wrap, L("recordID"), obj.local_id, {TYPE: LOCAL_ID})
    _concept(record_wrap, L("recordType"), Label("Item-level record", "en"), ITEM_LEVEL_RECORD)
    _legal_body(child(record_wrap, L("recordSource")), obj.institution)
    info = child(record_wrap, L("recordInfoSet"))
    link = obj.web_page or context.object_url(obj)
    child(info, L("recordInfoLink"), link, {FORMAT: "text/html"})
    shown = images(obj, context)
    if shown:
        resources = child(administrative, L("resourceWrap"))
        for item in shown:
            _resource(resources, item)


def _rights_type(parent: etree._Element, uri: str) -> None:
    _concept(parent, L("rightsType"), Label(rights_label(uri), "en"), uri).set(
        TYPE, RIGHTS_STATEMENT
    )


def _resource(resources: etree._Element, item: ObjectMedia) -> None:
    resource = child(resources, L("resourceSet"))
    links: tuple[tuple[str, str, dict[str, str]], ...] = (
        (PROVIDED_IMAGE, item.image_url, {}),
        (THUMBNAIL, item.thumbnail_url, {}),
        (
            "",
            f"{item.iiif_service.rstrip('/')}/info.json" if item.iiif_service else "",
            {FORMAT: "application/ld+json"},
        ),
    )
    for kind, url, attributes in links:
        if url:
            representation = child(
                resource, L("resourceRepresentation"), attributes={TYPE: kind} if kind else None
            )
            child(representation, L("linkResource"), url, attributes)
    _concept(resource, L("resourceType"), Label("digital image", "en"), DIGITAL_IMAGE)
    for lang, text in texts(item.caption):
        text_child(resource, L("resourceDescription"), text, lang)
    if item.rights:
        _rights_type(child(resource, L("rightsResource")), item.rights)
