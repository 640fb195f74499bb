"""Writes to the catalogue. Every importer, the admin and the CLI store objects through here."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime

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
from caravan.catalogue.records import ConceptRef, ObjectRecord
from caravan.institutions.models import Institution

TERM_FIELDS: tuple[tuple[str, TermField], ...] = (
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

    Guarantees: identical content (same content hash, raw record included) changes nothing, not
    even timestamps; a withdrawn object published again returns; the raw source record is kept
    verbatim; terms, agents and media are replaced as a whole so the
    stored object says exactly what the latest record says.
    """
    content_hash = record.content_hash()
    stored = (
        CatalogueObject.objects.filter(institution=institution, local_id=record.local_id)
        .values_list("pk", "content_hash", "withdrawn_at")
        .first()
    )
    if stored is not None and stored[1] == content_hash and stored[2] is None:
        return CatalogueObject.objects.get(pk=stored[0]), UpsertOutcome.UNCHANGED
    existing = CatalogueObject.objects.get(pk=stored[0]) if stored is not None else None
    obj = existing or CatalogueObject(institution=institution, local_id=record.local_id)
    copy_record_fields(obj, record, content_hash, now=timezone.now())
    obj.withdrawn_at = None
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    if existing is not None:
        obj.terms.all().delete()
        obj.agents.all().delete()
        # Images uploaded to Caravan are not part of the source record: they stay.
        obj.media.filter(image_file="").delete()
    _store_parts(obj, record)
    if not obj.has_image and existing is not None and obj.media.exclude(image_file="").exists():
        obj.has_image = True
        CatalogueObject.objects.filter(pk=obj.pk).update(has_image=True)
    return obj, UpsertOutcome.CREATED if existing is None else UpsertOutcome.UPDATED


def copy_record_fields(
    obj: CatalogueObject, record: ObjectRecord, content_hash: str, *, now: datetime
) -> None:
    """Set every field an ObjectRecord determines on an object (saved by the caller)."""
    obj.language = record.language
    obj.titles = record.titles
    obj.descriptions = record.descriptions
    obj.production_place = record.production_place
    obj.production_place_uri = record.production_place_uri
    obj.production_country = record.production_country
    obj.date_display = record.date_display
    obj.earliest_year = record.earliest_year
    obj.latest_year = record.latest_year
    obj.dimensions = record.dimensions
    obj.inscriptions = record.inscriptions
    obj.credit_line = record.credit_line
    obj.rights = record.rights
    obj.visibility = record.visibility
    obj.web_page = record.web_page
    obj.has_image = any(media.image_url or media.iiif_service for media in record.media)
    obj.source_name = record.source_name
    obj.source_format = record.source_format
    obj.raw_record = record.raw
    obj.content_hash = content_hash
    obj.ingested_at = now


def _store_parts(obj: CatalogueObject, record: ObjectRecord) -> None:
    concepts = concepts_ensure(
        term.concept
        for attribute, _ in TERM_FIELDS
        for term in getattr(record, attribute)
        if term.concept
    )
    ObjectTerm.objects.bulk_create(
        ObjectTerm(
            object=obj,
            field=field,
            text=term.text,
            lang=term.lang,
            concept=concepts.get((term.concept.scheme, term.concept.notation))
            if term.concept
            else None,
            position=position,
        )
        for attribute, field in TERM_FIELDS
        for position, term in enumerate(getattr(record, attribute))
    )
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


ConceptKey = tuple[str, str]


def concepts_ensure(references: Iterable[ConceptRef]) -> dict[ConceptKey, Concept]:
    """The concepts records refer to, keyed by (scheme, notation); missing ones are created.

    A concept first seen in a record takes that record's labels. Labels the vocabulary already
    holds win over a record's labels: a record adds only the languages a concept lacks.
    """
    wanted: dict[ConceptKey, ConceptRef] = {}
    for reference in references:
        wanted.setdefault((reference.scheme, reference.notation), reference)
    if not wanted:
        return {}
    schemes = {
        code: ConceptScheme.objects.get_or_create(code=code)[0]
        for code in {scheme for scheme, _ in wanted}
    }
    found = _concepts_by_key(wanted, schemes)
    missing = [key for key in wanted if key not in found]
    if missing:
        Concept.objects.bulk_create(
            [
                Concept(
                    scheme=schemes[key[0]],
                    notation=key[1],
                    pref_labels=wanted[key].labels,
                    uri=wanted[key].uri,
                )
                for key in missing
            ],
            ignore_conflicts=True,  # another import may have created it meanwhile
        )
        found = _concepts_by_key(wanted, schemes)
    for key, concept in found.items():
        _add_missing_labels(concept, wanted[key].labels)
    return found


def concept_ensure(reference: ConceptRef) -> Concept:
    """One concept a record refers to (see concepts_ensure)."""
    return concepts_ensure([reference])[(reference.scheme, reference.notation)]


def _concepts_by_key(
    wanted: dict[ConceptKey, ConceptRef], schemes: dict[str, ConceptScheme]
) -> dict[ConceptKey, Concept]:
    scheme_codes = {scheme.pk: code for code, scheme in schemes.items()}
    candidates = Concept.objects.filter(
        scheme_id__in=scheme_codes, notation__in={notation for _, notation in wanted}
    )
    found = {(scheme_codes[c.scheme_id], c.notation): c for c in candidates}
    return {key: concept for key, concept in found.items() if key in wanted}


def _add_missing_labels(concept: Concept, labels: dict[str, str]) -> None:
    missing = {tag: text for tag, text in labels.items() if tag not in concept.pref_labels}
    if missing:
        concept.pref_labels = {**concept.pref_labels, **missing}
        concept.save(update_fields=["pref_labels"])


def objects_upsert(
    *, institution: Institution, records: Iterable[ObjectRecord]
) -> dict[UpsertOutcome, int]:
    """Store many records of one institution; returns how many were created, updated, unchanged."""
    counts = dict.fromkeys(UpsertOutcome, 0)
    for record in records:
        _, outcome = object_upsert(institution=institution, record=record)
        counts[outcome] += 1
    return counts
