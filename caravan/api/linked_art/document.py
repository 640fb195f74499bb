"""One catalogue object as a Linked Art HumanMadeObject record (Linked Art API 1.0).

Every human text becomes one Name or statement per language of its language map, with its
language as an AAT Language where Linked Art has one. A vocabulary term becomes a Type or
Material only when its concept has a URI — a reference needs an id others can use — and is
otherwise said in a statement. The mapping, field by field: docs/linked-art-and-exports.md.

`object_document` reads `obj.institution`, `obj.terms` (with their concepts), `obj.agents` and
`obj.media`; callers prefetch them (`caravan.catalogue.selectors.object_detail` does).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from caravan.api.linked_art import vocab
from caravan.api.linked_art.digital import owner, pages, representations
from caravan.api.linked_art.entities import (
    concept_refs,
    label,
    language_map_statements,
    literal,
    own_language_first,
    rights_statement,
    term_statements,
    text,
)
from caravan.api.linked_art.production import production
from caravan.api.linked_art.vocab import Entity, aat_type, language_ref
from caravan.catalogue.models import AgentKind, CatalogueObject, ObjectAgent, ObjectTerm, TermField

CONTEXT = "https://linked.art/ns/v1/linked-art.json"


def object_document(obj: CatalogueObject, *, base_url: str) -> dict[str, Any]:
    """The Linked Art record of a catalogue object; `base_url` is the site's scheme and host
    (e.g. "https://museums.example.org"), from which every Caravan URL in it is built."""
    base = base_url.rstrip("/")
    own_id = f"{base}/api/v1/objects/{obj.pk}"
    terms = terms_by_field(obj.terms.all())
    agents = list(obj.agents.all())
    visuals = representations(obj, list(obj.media.all()), base)
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "id": own_id,
        "type": "HumanMadeObject",
        "_label": label(obj.titles, obj.language) or obj.local_id,
    }
    sections: dict[str, Any] = {
        "identified_by": [*names(obj), local_identifier(obj)],
        "classified_as": classifications(terms[TermField.OBJECT_TYPE], agents),
        "referred_to_by": statements(obj, terms, agents),
        "made_of": concept_refs(terms[TermField.MATERIAL], "Material"),
        "produced_by": production(obj, own_id, terms[TermField.TECHNIQUE], agents),
        "current_owner": [owner(obj, base)],
        "subject_of": pages(obj, base, with_manifest=bool(visuals)),
        "representation": visuals,
    }
    document.update({key: value for key, value in sections.items() if value})
    return document


def names(obj: CatalogueObject) -> list[Entity]:
    """One Name per title. Linked Art asks for one primary name per language, and zh-Hans and
    zh-Hant are both Chinese: the first title in a language is primary, the others alternate."""
    found: list[Entity] = []
    seen: set[str] = set()
    for tag, title in own_language_first(obj.titles, obj.language):
        language = language_ref(tag)
        key = language["id"] if language else tag
        kind = vocab.ALTERNATE_NAME if key in seen else vocab.PRIMARY_NAME
        seen.add(key)
        found.append(text("Name", title, tag, classified_as=[aat_type(kind)]))
    return found


def local_identifier(obj: CatalogueObject) -> Entity:
    """The record's identifier at its institution (an accession, inventory or system number)."""
    return {
        "type": "Identifier",
        "content": obj.local_id,
        "classified_as": [aat_type(vocab.LOCAL_NUMBER)],
    }


def classifications(types: list[ObjectTerm], agents: list[ObjectAgent]) -> list[Entity]:
    """Object types with a concept URI (as types of work) and cultures with an authority URI."""
    found = [
        {**ref, "classified_as": [aat_type(vocab.TYPE_OF_WORK)]}
        for ref in concept_refs(types, "Type")
    ]
    for agent in agents:
        if agent.kind == AgentKind.CULTURE and agent.uri:
            found.append(
                {
                    "id": agent.uri,
                    "type": "Type",
                    "_label": label(agent.names) or agent.uri,
                    "classified_as": [aat_type(vocab.CULTURE)],
                }
            )
    return found


def statements(
    obj: CatalogueObject, terms: Mapping[str, list[ObjectTerm]], agents: list[ObjectAgent]
) -> list[Entity]:
    found = [
        *language_map_statements(obj.descriptions, obj.language, vocab.DESCRIPTION),
        *language_map_statements(obj.inscriptions, obj.language, vocab.INSCRIPTION_STATEMENT),
        *language_map_statements(obj.dimensions, obj.language, vocab.DIMENSIONS_STATEMENT),
        *language_map_statements(obj.credit_line, obj.language, vocab.CREDIT_LINE),
        *term_statements(literal(terms[TermField.MATERIAL]), vocab.MATERIALS_STATEMENT),
        *term_statements(literal(terms[TermField.OBJECT_TYPE]), vocab.NOTE, "Object type"),
        # An object record has no property for subject Types (they belong to the record of the
        # VisualItem the object shows), so every subject is said in words.
        *term_statements(terms[TermField.SUBJECT], vocab.NOTE, "Subject"),
    ]
    for agent in agents:
        if agent.kind == AgentKind.CULTURE:
            found.extend(language_map_statements(agent.names, obj.language, vocab.CULTURE))
    if obj.rights:
        found.append(rights_statement(obj.rights))
    return found


def terms_by_field(terms: Iterable[ObjectTerm]) -> dict[str, list[ObjectTerm]]:
    grouped: dict[str, list[ObjectTerm]] = {field: [] for field in TermField}
    for term in terms:
        grouped.setdefault(term.field, []).append(term)
    return grouped
