"""The batched write path for importers: hundreds of records per statement, not one each.

`object_upsert` (services.py) stores one record with full model validation and suits the admin,
the API and tests. Ingest stores thousands of records a second through here with the same
guarantees: identical content changes nothing, the raw record is kept verbatim, and an object's
terms, agents and media are replaced as a whole. The caller holds the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Field
from django.utils import timezone

from caravan.catalogue.models import CatalogueObject, ObjectAgent, ObjectMedia, ObjectTerm
from caravan.catalogue.records import ObjectRecord, TermRecord
from caravan.catalogue.services import TERM_FIELDS, concepts_ensure, copy_record_fields

# Links a literal term (no concept reference) to a concept: (term, field name) -> concept pk.
TermLinker = Callable[[TermRecord, str], int | None]

_UPDATED_COLUMNS = (
    "language",
    "titles",
    "descriptions",
    "production_place",
    "production_place_uri",
    "date_display",
    "earliest_year",
    "latest_year",
    "dimensions",
    "inscriptions",
    "credit_line",
    "rights",
    "visibility",
    "web_page",
    "has_image",
    "source_name",
    "source_format",
    "source_identifier",
    "raw_record",
    "content_hash",
    "ingested_at",
    "updated_at",
    "withdrawn_at",
)


@dataclass(frozen=True)
class PreparedRecord:
    """A mapped record with its content hash (computed where it was mapped)."""

    record: ObjectRecord
    content_hash: str
    source_name: str = ""
    source_identifier: str = ""


@dataclass
class BatchOutcome:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Local identifiers met twice in the batch: the later record won.
    repeated: list[str] = field(default_factory=list)


def objects_store_batch(
    *,
    institution_id: int,
    items: Sequence[PreparedRecord],
    link_term: TermLinker | None = None,
) -> BatchOutcome:
    """Create, update or leave unchanged the institution's objects named by the records."""
    outcome = BatchOutcome()
    latest: dict[str, PreparedRecord] = {}
    for item in items:
        if item.record.local_id in latest:
            outcome.repeated.append(item.record.local_id)
        latest[item.record.local_id] = item
    stored = _stored_state(institution_id, list(latest))
    now = timezone.now()
    fresh: list[CatalogueObject] = []
    changed: list[CatalogueObject] = []
    for local_id, item in latest.items():
        state = stored.get(local_id)
        if state is not None and state[1] == item.content_hash and state[2] is None:
            outcome.unchanged.append(local_id)
            continue
        obj = CatalogueObject(institution_id=institution_id, local_id=local_id)
        copy_record_fields(obj, item.record, item.content_hash, now=now)
        obj.source_name = item.source_name or item.record.source_name
        obj.source_identifier = item.source_identifier
        obj.withdrawn_at = None
        if state is None:
            fresh.append(obj)
            outcome.created.append(local_id)
        else:
            obj.pk = state[0]
            obj.updated_at = now
            changed.append(obj)
            outcome.updated.append(local_id)
    CatalogueObject.objects.bulk_create(fresh)
    _update_rows(changed)
    _replace_parts([*fresh, *changed], latest, link_term)
    return outcome


def objects_withdraw(
    *, institution_id: int, source_name: str, source_identifiers: Iterable[str]
) -> int:
    """Withdraw the objects a source deleted; returns how many were withdrawn now."""
    return CatalogueObject.objects.filter(
        institution_id=institution_id,
        source_name=source_name,
        source_identifier__in=list(source_identifiers),
        withdrawn_at__isnull=True,
    ).update(withdrawn_at=timezone.now())


def _stored_state(
    institution_id: int, local_ids: list[str]
) -> dict[str, tuple[int, str, datetime | None]]:
    rows = CatalogueObject.objects.filter(
        institution_id=institution_id, local_id__in=local_ids
    ).values_list("local_id", "pk", "content_hash", "withdrawn_at")
    return {
        local_id: (pk, content_hash, withdrawn) for local_id, pk, content_hash, withdrawn in rows
    }


def _update_rows(objects: list[CatalogueObject]) -> None:
    """One UPDATE per object, sent with executemany: far cheaper than bulk_update's CASE chains."""
    if not objects:
        return
    fields: list[Field[Any, Any]] = [
        field
        for name in _UPDATED_COLUMNS
        if isinstance(field := CatalogueObject._meta.get_field(name), Field)
    ]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in fields)
    # Only column names from the model are interpolated; every value is a parameter.
    statement = f"UPDATE {quote(CatalogueObject._meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


def _replace_parts(
    objects: list[CatalogueObject],
    records: dict[str, PreparedRecord],
    link_term: TermLinker | None,
) -> None:
    if not objects:
        return
    object_ids = [obj.pk for obj in objects]
    for model in (ObjectTerm, ObjectAgent, ObjectMedia):
        model.objects.filter(object_id__in=object_ids).delete()
    concepts = concepts_ensure(
        term.concept
        for obj in objects
        for attribute, _ in TERM_FIELDS
        for term in getattr(records[obj.local_id].record, attribute)
        if term.concept
    )
    terms: list[ObjectTerm] = []
    agents: list[ObjectAgent] = []
    media: list[ObjectMedia] = []
    for obj in objects:
        record = records[obj.local_id].record
        for attribute, term_field in TERM_FIELDS:
            for position, term in enumerate(getattr(record, attribute)):
                concept_id: int | None
                if term.concept:
                    concept_id = concepts[(term.concept.scheme, term.concept.notation)].pk
                else:
                    concept_id = link_term(term, attribute) if link_term else None
                terms.append(
                    ObjectTerm(
                        object_id=obj.pk,
                        field=term_field,
                        text=term.text,
                        lang=term.lang,
                        concept_id=concept_id,
                        position=position,
                    )
                )
        agents.extend(
            ObjectAgent(
                object_id=obj.pk,
                kind=agent.kind,
                names=agent.names,
                role=agent.role,
                uri=agent.uri,
                position=position,
            )
            for position, agent in enumerate(record.agents)
        )
        media.extend(
            ObjectMedia(
                object_id=obj.pk,
                image_url=item.image_url,
                thumbnail_url=item.thumbnail_url,
                iiif_service=item.iiif_service,
                caption=item.caption,
                rights=item.rights,
                position=position,
            )
            for position, item in enumerate(record.media)
        )
    ObjectTerm.objects.bulk_create(terms, batch_size=2000)
    ObjectAgent.objects.bulk_create(agents, batch_size=2000)
    ObjectMedia.objects.bulk_create(media, batch_size=2000)
