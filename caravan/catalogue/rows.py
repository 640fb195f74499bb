"""An ObjectRecord as database rows, built where the record is mapped (in a worker process).

The batched store (bulk.py) then only runs SQL. Values are checked against the columns' limits
here, so that a record too long for PostgreSQL's varchar columns is rejected with a reason
instead of failing its whole batch; NUL characters, which PostgreSQL text cannot hold, become
U+FFFD.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from caravan.catalogue.records import ConceptRef, ObjectRecord, RecordError

TERM_ATTRIBUTES = (
    ("object_types", "object_type"),
    ("materials", "material"),
    ("techniques", "technique"),
    ("subjects", "subject"),
)

# The catalogue object's columns a record determines, in the order of RecordRows.values.
OBJECT_COLUMNS = (
    "local_id",
    "language",
    "titles",
    "descriptions",
    "production_place",
    "production_place_uri",
    "production_country",
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
    "source_format",
)
JSON_COLUMNS = frozenset(
    {
        "titles",
        "descriptions",
        "production_place",
        "date_display",
        "dimensions",
        "inscriptions",
        "credit_line",
        "names",
        "role",
        "caption",
    }
)
LIMITS = {
    "local_id": 200,
    "language": 35,
    "production_place_uri": 200,
    "rights": 200,
    "web_page": 500,
    "term text": 500,
    "term language": 35,
    "agent URI": 200,
    "image URL": 500,
    "IIIF service": 500,
    "thumbnail URL": 500,
    "media rights": 200,
}

# (field, text, lang, concept, position); the concept is linked by the store.
TermRow = tuple[str, str, str, ConceptRef | None, int]
# (kind, names, role, uri, position) and (image, iiif, thumbnail, caption, rights, position).
AgentRow = tuple[str, str, str, str, int]
MediaRow = tuple[str, str, str, str, str, int]


@dataclass(frozen=True)
class RecordRows:
    local_id: str
    content_hash: str
    values: tuple[Any, ...]
    terms: tuple[TermRow, ...]
    agents: tuple[AgentRow, ...]
    media: tuple[MediaRow, ...]


def record_rows(record: ObjectRecord) -> RecordRows:
    """The rows that store the record; RecordError when a value exceeds its column."""
    _check_limits(record)
    values = (
        _text(record.local_id),
        record.language,
        _json(record.titles),
        _json(record.descriptions),
        _json(record.production_place),
        _text(record.production_place_uri),
        record.production_country,
        _json(record.date_display),
        record.earliest_year,
        record.latest_year,
        _json(record.dimensions),
        _json(record.inscriptions),
        _json(record.credit_line),
        record.rights,
        record.visibility,
        _text(record.web_page),
        any(item.image_url or item.iiif_service for item in record.media),
        record.source_format,
    )
    terms = tuple(
        (field, _text(term.text), term.lang, term.concept, position)
        for attribute, field in TERM_ATTRIBUTES
        for position, term in enumerate(getattr(record, attribute))
    )
    agents = tuple(
        (agent.kind, _json(agent.names), _json(agent.role), _text(agent.uri), position)
        for position, agent in enumerate(record.agents)
    )
    media = tuple(
        (
            _text(item.image_url),
            _text(item.iiif_service),
            _text(item.thumbnail_url),
            _json(item.caption),
            item.rights,
            position,
        )
        for position, item in enumerate(record.media)
    )
    digest = _content_hash(values, terms, agents, media, record.raw)
    return RecordRows(record.local_id, digest, values, terms, agents, media)


def _content_hash(
    values: tuple[Any, ...],
    terms: tuple[TermRow, ...],
    agents: tuple[AgentRow, ...],
    media: tuple[MediaRow, ...],
    raw: str,
) -> str:
    """A hash of everything the record says and of its raw source, so re-importing identical
    input changes nothing while a changed source record (or mapping) is stored again.

    It is taken over the rows themselves (plain tuples of text and numbers, whose repr is cheap
    and fixed), with each concept reference spelt out.
    """
    described = repr(
        (
            values,
            [
                (field, text, lang, _concept_key(concept), position)
                for field, text, lang, concept, position in terms
            ],
            agents,
            media,
        )
    )
    digest = hashlib.sha256(described.encode("utf-8"))
    digest.update(raw.encode("utf-8"))
    return digest.hexdigest()


def _concept_key(concept: ConceptRef | None) -> tuple[str, ...] | None:
    if concept is None:
        return None
    return (concept.scheme, concept.notation, concept.uri, _json(concept.labels))


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _json(value: dict[str, Any]) -> str:
    if not value:
        return "{}"
    text = _encode(value)
    return text.replace("\\u0000", "\\ufffd") if "\\u0000" in text else text


def _text(value: str) -> str:
    return value.replace("\x00", "\ufffd") if "\x00" in value else value


def _check_limits(record: ObjectRecord) -> None:
    checked: list[tuple[str, str]] = [
        ("local_id", record.local_id),
        ("language", record.language),
        ("production_place_uri", record.production_place_uri),
        ("rights", record.rights),
        ("web_page", record.web_page),
    ]
    for attribute, _ in TERM_ATTRIBUTES:
        for term in getattr(record, attribute):
            checked += [("term text", term.text), ("term language", term.lang)]
    checked += [("agent URI", agent.uri) for agent in record.agents]
    for item in record.media:
        checked += [
            ("image URL", item.image_url),
            ("IIIF service", item.iiif_service),
            ("thumbnail URL", item.thumbnail_url),
            ("media rights", item.rights),
        ]
    for name, value in checked:
        if len(value) > LIMITS[name]:
            raise RecordError(
                f"record {record.local_id[:200]}: the {name} is {len(value):,} characters long, "
                f"over the {LIMITS[name]} allowed"
            )
