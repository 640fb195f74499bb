"""The Production of an object: its makers and their roles, place, dates and techniques."""

from __future__ import annotations

from caravan.api.linked_art import vocab
from caravan.api.linked_art.entities import (
    concept_refs,
    label,
    language_map_statements,
    literal,
    own_language_first,
    term_statements,
    text,
)
from caravan.api.linked_art.vocab import Entity, aat_type
from caravan.catalogue.models import AgentKind, CatalogueObject, ObjectAgent, ObjectTerm


def production(
    obj: CatalogueObject, own_id: str, techniques: list[ObjectTerm], agents: list[ObjectAgent]
) -> Entity | None:
    """The object's Production, or None when the record says nothing about it.

    Makers and places without an authority URI get identifiers within this record
    (`…/objects/7#maker-1`, `…#production-place`): a Linked Art reference needs an id.
    """
    made: Entity = {"type": "Production"}
    makers = [agent for agent in agents if agent.kind != AgentKind.CULTURE]
    refs = [actor_ref(agent, own_id, number) for number, agent in enumerate(makers, 1)]
    if refs:
        made["carried_out_by"] = refs
    # Each maker's role, in the partitioning pattern Linked Art recommends (a part per maker).
    parts = []
    for agent, ref in zip(makers, refs, strict=True):
        roles = language_map_statements(agent.role, obj.language, vocab.PRODUCTION_STATEMENT)
        if roles:
            parts.append({"type": "Production", "carried_out_by": [ref], "referred_to_by": roles})
    if parts:
        made["part"] = parts
    if obj.production_place or obj.production_place_uri:
        place_id = obj.production_place_uri or f"{own_id}#production-place"
        place_label = label(obj.production_place, obj.language) or obj.production_place_uri
        made["took_place_at"] = [{"id": place_id, "type": "Place", "_label": place_label}]
    span = timespan(obj)
    if span:
        made["timespan"] = span
    techniques_known = concept_refs(techniques, "Type")
    if techniques_known:
        made["technique"] = techniques_known
    techniques_in_words = term_statements(literal(techniques), vocab.NOTE, "Technique")
    if techniques_in_words:
        made["referred_to_by"] = techniques_in_words
    return made if len(made) > 1 else None


def actor_ref(agent: ObjectAgent, own_id: str, number: int) -> Entity:
    return {
        "id": agent.uri or f"{own_id}#maker-{number}",
        "type": "Group" if agent.kind == AgentKind.GROUP else "Person",
        "_label": label(agent.names) or f"maker {number}",
    }


def timespan(obj: CatalogueObject) -> Entity | None:
    """Earliest and latest year as the span's outer bounds, the date as written as its names."""
    span: Entity = {"type": "TimeSpan"}
    if obj.earliest_year is not None:
        span["begin_of_the_begin"] = xsd_datetime(obj.earliest_year, end=False)
    if obj.latest_year is not None:
        span["end_of_the_end"] = xsd_datetime(obj.latest_year, end=True)
    names = [
        text("Name", written, tag, classified_as=[aat_type(vocab.DISPLAY_NAME)])
        for tag, written in own_language_first(obj.date_display, obj.language)
    ]
    if names:
        span["identified_by"] = names
    return span if len(span) > 1 else None


def xsd_datetime(year: int, *, end: bool) -> str:
    """The first (or last) moment of a year as an xsd:dateTime: -0500-01-01T00:00:00Z.

    Caravan's years have no year zero (-1 is 1 BCE), like the dateTime of XML Schema 1.0 that
    Linked Art's time-span documentation cites, so -0500 is 500 BCE.
    """
    sign = "-" if year < 0 else ""
    moment = "12-31T23:59:59Z" if end else "01-01T00:00:00Z"
    return f"{sign}{abs(year):04d}-{moment}"
