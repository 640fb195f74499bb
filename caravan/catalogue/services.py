"""Writes to the catalogue. Every importer, the admin and the CLI store objects through here."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from caravan.catalogue.models import (
    CatalogueObject,
    Concept,
    ConceptScheme,
    ObjectAgent,
    ObjectMedia,
    ObjectTerm,
    TermField,
)
from caravan.catalogue.records import ConceptRef, ObjectRecord, TermRecord
from caravan.institutions.models import Institution

_TERM_FIELDS: tuple[tuple[str, TermField], ...] = (
    ("object_types", TermField.OBJECT_TYPE),
    ("materials", TermField.MATERIAL),
    ("techniques", TermField.TECHNIQUE),
    ("subjects", TermField.SUBJECT),
)


class UpsertOutcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@transaction.atomic
def object_upsert(
    *, institution: Institution, record: ObjectRecord
) -> tuple[CatalogueObject, UpsertOutcome]:
    """Create or update the institution's object with the record's local identifier.

    Guarantees: identical content (same content hash) changes nothing, not even timestamps; the
    raw source record is kept verbatim; terms, agents and media are replaced as a whole so the
    stored object says exactly what the latest record says.
    """
    content_hash = record.content_hash()
    existing = CatalogueObject.objects.filter(
        institution=institution, local_id=record.local_id
    ).first()
    if existing is not None and existing.content_hash == content_hash:
        if record.raw and existing.raw_record != record.raw:
            existing.raw_record = record.raw
            existing.save(update_fields=["raw_record"])
        return existing, UpsertOutcome.UNCHANGED
    obj = existing or CatalogueObject(institution=institution, local_id=record.local_id)
    _copy_fields(obj, record, content_hash)
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    if existing is not None:
        obj.terms.all().delete()
        obj.agents.all().delete()
        obj.media.all().delete()
    _store_parts(obj, record)
    return obj, UpsertOutcome.CREATED if existing is None else UpsertOutcome.UPDATED


def _copy_fields(obj: CatalogueObject, record: ObjectRecord, content_hash: str) -> None:
    obj.language = record.language
    obj.titles = record.titles
    obj.descriptions = record.descriptions
    obj.production_place = record.production_place
    obj.production_place_uri = record.production_place_uri
    obj.date_display = record.date_display
    obj.earliest_year = record.earliest_year
    obj.latest_year = record.latest_year
    obj.dimensions = record.dimensions
    obj.inscriptions = record.inscriptions
    obj.credit_line = record.credit_line
    obj.rights = record.rights
    obj.visibility = record.visibility
    obj.web_page = record.web_page
    obj.source_name = record.source_name
    obj.source_format = record.source_format
    obj.raw_record = record.raw
    obj.content_hash = content_hash
    obj.ingested_at = timezone.now()


def _store_parts(obj: CatalogueObject, record: ObjectRecord) -> None:
    terms = [
        ObjectTerm(
            object=obj,
            field=field,
            text=term.text,
            lang=term.lang,
            concept=_concept_for(term),
            position=position,
        )
        for attribute, field in _TERM_FIELDS
        for position, term in enumerate(getattr(record, attribute))
    ]
    ObjectTerm.objects.bulk_create(terms)
    ObjectAgent.objects.bulk_create(
        ObjectAgent(
            object=obj,
            kind=agent.kind,
            names=agent.names,
            role=agent.role,
            uri=agent.uri,
            position=position,
        )
        for position, agent in enumerate(record.agents)
    )
    ObjectMedia.objects.bulk_create(
        ObjectMedia(
            object=obj,
            image_url=media.image_url,
            thumbnail_url=media.thumbnail_url,
            iiif_service=media.iiif_service,
            caption=media.caption,
            rights=media.rights,
            position=position,
        )
        for position, media in enumerate(record.media)
    )


def _concept_for(term: TermRecord) -> Concept | None:
    return concept_ensure(term.concept) if term.concept else None


def concept_ensure(reference: ConceptRef) -> Concept:
    """The concept a record refers to, created with the record's labels when first seen.

    Labels the vocabulary already holds win over a record's labels; a record adds only the
    languages the concept lacks.
    """
    scheme, _ = ConceptScheme.objects.get_or_create(code=reference.scheme)
    concept, created = Concept.objects.get_or_create(
        scheme=scheme,
        notation=reference.notation,
        defaults={"pref_labels": reference.labels, "uri": reference.uri},
    )
    missing = {
        tag: text for tag, text in reference.labels.items() if tag not in concept.pref_labels
    }
    if not created and missing:
        concept.pref_labels = {**concept.pref_labels, **missing}
        concept.save(update_fields=["pref_labels"])
    return concept


def objects_upsert(
    *, institution: Institution, records: Iterable[ObjectRecord]
) -> dict[UpsertOutcome, int]:
    """Store many records of one institution; returns how many were created, updated, unchanged."""
    counts = dict.fromkeys(UpsertOutcome, 0)
    for record in records:
        _, outcome = object_upsert(institution=institution, record=record)
        counts[outcome] += 1
    return counts
