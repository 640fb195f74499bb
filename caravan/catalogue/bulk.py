"""The batched write path for importers: a few SQL statements per batch of records.

`object_upsert` (services.py) stores one record through the ORM, with full model validation, and
suits the admin, the API and tests. Ingest stores thousands of records a second through here
with the same guarantees: identical content changes nothing, the raw record is kept verbatim,
and an object's terms, agents and media are replaced as a whole. The rows come ready-made from
the worker that mapped the record (rows.py), so this module only runs SQL: building Django model
instances for every row costs several times more than the database itself. The caller holds the
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from caravan.catalogue.models import CatalogueObject, ObjectAgent, ObjectMedia, ObjectTerm
from caravan.catalogue.rows import JSON_COLUMNS, OBJECT_COLUMNS, RecordRows
from caravan.catalogue.services import concepts_ensure

# Links a literal term (no concept reference) to a concept: (text, lang, field) -> concept pk.
TermLinker = Callable[[str, str, str], int | None]

_PROVENANCE_COLUMNS = ("source_name", "source_identifier", "raw_record", "content_hash")
_TIME_COLUMNS = ("ingested_at", "updated_at")


@dataclass(frozen=True)
class PreparedRecord:
    """A mapped record's rows, its raw source and where it came from."""

    rows: RecordRows
    raw: str
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
        if item.rows.local_id in latest:
            outcome.repeated.append(item.rows.local_id)
        latest[item.rows.local_id] = item
    stored = _stored_state(institution_id, list(latest))
    fresh: list[PreparedRecord] = []
    changed: list[tuple[int, PreparedRecord]] = []
    for local_id, item in latest.items():
        state = stored.get(local_id)
        if state is None:
            fresh.append(item)
            outcome.created.append(local_id)
        elif state[1] == item.rows.content_hash and state[2] is None:
            outcome.unchanged.append(local_id)
        else:
            changed.append((state[0], item))
            outcome.updated.append(local_id)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        ids = _insert_objects(cursor, institution_id, fresh, now)
        _update_objects(cursor, changed, now)
        ids.update({item.rows.local_id: pk for pk, item in changed})
        _replace_parts(cursor, ids, latest, link_term)
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


def _stored_state(institution_id: int, local_ids: list[str]) -> dict[str, tuple[int, str, Any]]:
    if not local_ids:
        return {}
    marks = ", ".join(["%s"] * len(local_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT local_id, id, content_hash, withdrawn_at "  # noqa: S608 - names only
            f"FROM {_quoted_table(CatalogueObject)} "
            f"WHERE institution_id = %s AND local_id IN ({marks})",
            [institution_id, *local_ids],
        )
        rows = cursor.fetchall()
    return {local_id: (pk, digest, withdrawn) for local_id, pk, digest, withdrawn in rows}


def _provenance(item: PreparedRecord) -> tuple[str, ...]:
    raw = item.raw.replace("\x00", "\ufffd") if "\x00" in item.raw else item.raw
    return (item.source_name, item.source_identifier[:500], raw, item.rows.content_hash)


def _insert_objects(
    cursor: Any, institution_id: int, fresh: list[PreparedRecord], now: Any
) -> dict[str, int]:
    if not fresh:
        return {}
    columns = (
        "institution_id",
        *OBJECT_COLUMNS,
        *_PROVENANCE_COLUMNS,
        *_TIME_COLUMNS,
        "created_at",
    )
    cursor.executemany(
        _insert_statement(CatalogueObject, columns),
        [(institution_id, *item.rows.values, *_provenance(item), now, now, now) for item in fresh],
    )
    table = _quoted_table(CatalogueObject)
    marks = ", ".join(["%s"] * len(fresh))
    cursor.execute(
        f"SELECT local_id, id FROM {table} WHERE institution_id = %s "  # noqa: S608 - names only
        f"AND local_id IN ({marks})",
        [institution_id, *(item.rows.local_id for item in fresh)],
    )
    return dict(cursor.fetchall())


def _update_objects(cursor: Any, changed: list[tuple[int, PreparedRecord]], now: Any) -> None:
    if not changed:
        return
    columns = (*OBJECT_COLUMNS, *_PROVENANCE_COLUMNS, *_TIME_COLUMNS, "withdrawn_at")
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(name)} = {_placeholder(name)}" for name in columns)
    table = _quoted_table(CatalogueObject)
    cursor.executemany(
        f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608 - names only
        [(*item.rows.values, *_provenance(item), now, now, None, pk) for pk, item in changed],
    )


def _replace_parts(
    cursor: Any,
    ids: dict[str, int],
    records: dict[str, PreparedRecord],
    link_term: TermLinker | None,
) -> None:
    if not ids:
        return
    object_ids = list(ids.values())
    marks = ", ".join(["%s"] * len(object_ids))
    for part in (ObjectTerm, ObjectAgent):
        cursor.execute(
            f"DELETE FROM {_quoted_table(part)} WHERE object_id IN ({marks})",  # noqa: S608
            object_ids,
        )
    # Images uploaded to Caravan are not part of the source record: they stay.
    cursor.execute(
        f"DELETE FROM {_quoted_table(ObjectMedia)} "  # noqa: S608 - names only
        f"WHERE object_id IN ({marks}) AND image_file = ''",
        object_ids,
    )
    concepts = concepts_ensure(
        concept
        for local_id in ids
        for (_, _, _, concept, _) in records[local_id].rows.terms
        if concept is not None
    )
    terms: list[tuple[Any, ...]] = []
    agents: list[tuple[Any, ...]] = []
    media: list[tuple[Any, ...]] = []
    for local_id, pk in ids.items():
        rows = records[local_id].rows
        for field_name, text, lang, concept, position in rows.terms:
            concept_id: int | None
            if concept is not None:
                concept_id = concepts[(concept.scheme, concept.notation)].pk
            else:
                concept_id = link_term(text, lang, field_name) if link_term else None
            terms.append((pk, field_name, text, lang, concept_id, position))
        agents.extend((pk, *agent) for agent in rows.agents)
        media.extend((pk, *item) for item in rows.media)
    term_columns = ("object_id", "field", "text", "lang", "concept_id", "position")
    agent_columns = ("object_id", "kind", "names", "role", "uri", "position")
    media_columns = (
        "object_id",
        "image_url",
        "iiif_service",
        "thumbnail_url",
        "caption",
        "rights",
        "position",
    )
    for model, columns, values in (
        (ObjectTerm, term_columns, terms),
        (ObjectAgent, agent_columns, agents),
        (ObjectMedia, media_columns, media),
    ):
        if values:
            cursor.executemany(_insert_statement(model, columns), values)
    _keep_hosted_images_shown(cursor, marks, object_ids)


def _keep_hosted_images_shown(cursor: Any, marks: str, object_ids: list[int]) -> None:
    """An object with an uploaded image has an image whatever its source record says."""
    objects, media = _quoted_table(CatalogueObject), _quoted_table(ObjectMedia)
    cursor.execute(
        f"UPDATE {objects} SET has_image = %s "  # noqa: S608 - names only
        f"WHERE id IN ({marks}) AND NOT has_image AND id IN "
        f"(SELECT object_id FROM {media} WHERE image_file <> '')",
        [True, *object_ids],
    )


def _insert_statement(model: type[Model], columns: Sequence[str]) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in columns)
    marks = ", ".join(_placeholder(name) for name in columns)
    return f"INSERT INTO {_quoted_table(model)} ({names}) VALUES ({marks})"  # noqa: S608


def _placeholder(column: str) -> str:
    # JSON arrives as text; PostgreSQL needs to be told it is jsonb.
    if column in JSON_COLUMNS and connection.vendor == "postgresql":
        return "%s::jsonb"
    return "%s"


def _quoted_table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)
