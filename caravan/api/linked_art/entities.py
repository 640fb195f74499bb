"""Small Linked Art builders shared by the parts of a record: texts, labels and statements."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from django.utils import translation

from caravan.api.linked_art import vocab
from caravan.api.linked_art.vocab import Entity, aat_type, language_ref, statement_type
from caravan.catalogue.models import ObjectTerm
from caravan.core.codes import rights_label
from caravan.core.langmap import pick

LABEL_LANGUAGE = "en"  # `_label` is for developers; English where the record has it


def text(kind: str, content: str, tag: str, *, classified_as: list[Entity] | None = None) -> Entity:
    """A Name or statement in one language (its Language left out where Linked Art has none)."""
    entity: Entity = {"type": kind, "content": content}
    if classified_as:
        entity["classified_as"] = classified_as
    language = language_ref(tag)
    if language is not None:
        entity["language"] = [language]
    return entity


def label(texts: Mapping[str, str] | None, record_language: str | None = None) -> str:
    chosen = pick(texts, LABEL_LANGUAGE, record_language)
    return chosen.text if chosen else ""


def own_language_first(
    texts: Mapping[str, str] | None, record_language: str
) -> list[tuple[str, str]]:
    """A language map's texts, the record's own language first, then by tag: PostgreSQL's
    JSONB does not keep a map's order, and a record must read the same on either database."""
    items = list((texts or {}).items())
    return sorted(items, key=lambda item: (item[0] != record_language, item[0]))


def language_map_statements(
    texts: Mapping[str, str] | None, record_language: str, kind: tuple[str, str]
) -> list[Entity]:
    """One statement of a kind per language of a language map."""
    return [
        text("LinguisticObject", content, tag, classified_as=[statement_type(kind)])
        for tag, content in own_language_first(texts, record_language)
    ]


def term_statements(
    terms: list[ObjectTerm], kind: tuple[str, str], display_name: str = ""
) -> list[Entity]:
    """Terms said in words, one statement per language: "bronze; gold" for the materials."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        if term.text not in by_language[term.lang]:
            by_language[term.lang].append(term.text)
    statements = []
    for tag, texts in by_language.items():
        statement = text(
            "LinguisticObject", "; ".join(texts), tag, classified_as=[statement_type(kind)]
        )
        if display_name:
            # A Note's Display Name says what the note is about.
            name = text("Name", display_name, LABEL_LANGUAGE)
            name["classified_as"] = [aat_type(vocab.DISPLAY_NAME)]
            statement["identified_by"] = [name]
        statements.append(statement)
    return statements


def concept_refs(terms: list[ObjectTerm], kind: str) -> list[Entity]:
    """References to the concepts (with a URI) the terms are linked to, once per concept."""
    refs: dict[str, Entity] = {}
    for term in terms:
        concept = term.concept
        if concept is not None and concept.uri and concept.uri not in refs:
            name = label(concept.pref_labels) or term.text
            refs[concept.uri] = {"id": concept.uri, "type": kind, "_label": name}
    return list(refs.values())


def literal(terms: list[ObjectTerm]) -> list[ObjectTerm]:
    """The terms no concept URI stands for."""
    return [term for term in terms if term.concept is None or not term.concept.uri]


def rights_statement(uri: str) -> Entity:
    """A rights statement classified by the rightsstatements.org or Creative Commons URI itself,
    so that machines read the licence without parsing the text.

    Linked Art's `subject_to` Right is allowed by the Linked Art API 1.0 schemas neither on a
    HumanMadeObject nor on the VisualItem and DigitalObject embedded in its record: a statement
    is the place the object record has for it.
    """
    with translation.override(LABEL_LANGUAGE):
        name = str(rights_label(uri))
    statement = text("LinguisticObject", name, LABEL_LANGUAGE)
    statement["classified_as"] = [
        statement_type(vocab.RIGHTS_STATEMENT),
        {"id": uri, "type": "Type", "_label": name},
    ]
    return statement
