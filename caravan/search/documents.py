"""From catalogue rows to index documents: read in bulk, analysed (in worker processes when many),
then handed to Tantivy.

The three steps pass plain data (tuples, dicts and strings) so that analysis can run in a pool of
processes while the main process reads the database and feeds the index writer.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Model

from caravan.catalogue.models import CatalogueObject, ObjectAgent, ObjectMedia, ObjectTerm
from caravan.catalogue.quality import RecordFacts, missing_criteria, tier
from caravan.ingest.normalise.dates import parse_date
from caravan.ingest.normalise.periods import gazetteer
from caravan.search.analyzer import index_terms, normalise
from caravan.search.index import CHARS_FIELD, TEXT_FIELDS, VISIBILITY_CODES

# A record dated more loosely than this belongs to no one century.
MAX_CENTURY_SPAN = 600
TERM_ROLES = {"object_type": "type", "material": "material", "technique": "material"}
_OBJECT_COLUMNS = (
    "id",
    "institution_id",
    "local_id",
    "visibility",
    "titles",
    "descriptions",
    "production_place",
    "production_country",
    "date_display",
    "earliest_year",
    "latest_year",
    "inscriptions",
    "credit_line",
    "rights",
    "has_image",
    "created_at",
)


@dataclass
class SourceDocument:
    """What the index needs of one object, read from the database."""

    id: int
    institution_id: int
    visibility: int
    texts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    concepts: list[int] = field(default_factory=list)
    type_keys: list[str] = field(default_factory=list)
    material_keys: list[str] = field(default_factory=list)
    date_texts: list[tuple[str, str]] = field(default_factory=list)
    year_min: int | None = None
    year_max: int | None = None
    country: str = ""
    rights: str = ""
    has_image: bool = False
    added: int = 0
    # What the completeness criteria ask of the record (caravan.catalogue.quality).
    title_languages: int = 0
    has_description: bool = False
    has_place: bool = False
    has_type_concept: bool = False
    has_material: bool = False
    has_maker: bool = False

    def facts(self) -> RecordFacts:
        return RecordFacts(
            title_languages=self.title_languages,
            has_description=self.has_description,
            has_year_range=self.year_min is not None and self.year_max is not None,
            has_type_concept=self.has_type_concept,
            has_material=self.has_material,
            has_maker=self.has_maker,
            has_place=self.has_place,
            has_rights=bool(self.rights),
            has_image=self.has_image,
        )


@dataclass(frozen=True)
class AnalysedDocument:
    id: int
    institution_id: int
    visibility: int
    fields: Mapping[str, str]  # text field -> tokens joined by spaces
    concepts: Sequence[int]
    keywords: Mapping[str, Sequence[str]]
    year_min: int | None
    year_max: int | None
    century: int | None
    has_image: bool
    added: int
    tier: int = 0


def source_documents(object_ids: Sequence[int]) -> list[SourceDocument]:
    """The objects named (those withdrawn or gone are left out), with their terms and makers."""
    if not object_ids:
        return []
    marks = ", ".join(["%s"] * len(object_ids))
    return _read(f"IN ({marks})", list(object_ids))


def source_documents_between(first_id: int, last_id: int) -> list[SourceDocument]:
    """The objects with ids in the range, inclusive (a rebuild reads the catalogue in ranges)."""
    return _read("BETWEEN %s AND %s", [first_id, last_id])


def _read(id_condition: str, params: list[int]) -> list[SourceDocument]:
    # Plain SQL: model instances and field converters would cost more than the analysis itself.
    objects = _table(CatalogueObject)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(_OBJECT_COLUMNS)} FROM {objects} "  # noqa: S608 - names are ours
            f"WHERE id {id_condition} AND withdrawn_at IS NULL",
            params,
        )
        documents = {row[0]: _from_object_row(row) for row in cursor.fetchall()}
        if not documents:
            return []
        for table, columns, add in (
            (_table(ObjectTerm), "object_id, field, text, concept_id", _add_term_row),
            (_table(ObjectAgent), "object_id, names", _add_agent_row),
            (_table(ObjectMedia), "object_id", _add_media_row),
        ):
            cursor.execute(
                f"SELECT {columns} FROM {table} WHERE object_id {id_condition}",  # noqa: S608
                params,
            )
            for row in cursor.fetchall():
                document = documents.get(row[0])
                if document is not None:
                    add(document, row)
    return list(documents.values())


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _json(value: Any) -> dict[str, Any]:
    """A language map as the driver returns it: text on SQLite, already decoded on PostgreSQL."""
    if not value or value == "{}":  # most maps of most records are empty
        return {}
    return _decode(value) if isinstance(value, str) else dict(value)


_decode = json.JSONDecoder().decode


def _epoch(value: Any) -> int:
    if not value:
        return 0
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def _from_object_row(row: tuple[Any, ...]) -> SourceDocument:
    (
        object_id,
        institution_id,
        local_id,
        visibility,
        titles,
        descriptions,
        place,
        country,
        date_display,
        earliest,
        latest,
        inscriptions,
        credit_line,
        rights,
        has_image,
        created_at,
    ) = row
    document = SourceDocument(
        id=object_id,
        institution_id=institution_id,
        visibility=VISIBILITY_CODES.get(visibility, VISIBILITY_CODES["private"]),
        year_min=earliest,
        year_max=latest,
        country=country or "",
        rights=rights or "",
        has_image=bool(has_image),
        added=_epoch(created_at),
    )
    texts = document.texts
    title_map, description_map, place_map = _json(titles), _json(descriptions), _json(place)
    texts["title"].extend(title_map.values())
    texts["description"].extend(description_map.values())
    texts["place"].extend(place_map.values())
    document.title_languages = sum(1 for text in title_map.values() if text.strip())
    document.has_description = any(text.strip() for text in description_map.values())
    document.has_place = bool(document.country) or any(text.strip() for text in place_map.values())
    texts["other"].append(local_id)
    dates = _json(date_display)
    for language_map in (dates, _json(inscriptions), _json(credit_line)):
        texts["other"].extend(language_map.values())
    document.date_texts = list(dates.items())
    return document


def _add_term_row(document: SourceDocument, row: tuple[Any, ...]) -> None:
    _add_term(document, row[1], row[2], row[3])


def _add_agent_row(document: SourceDocument, row: tuple[Any, ...]) -> None:
    names = _json(row[1])
    document.texts["maker"].extend(names.values())
    document.has_maker = document.has_maker or any(text.strip() for text in names.values())


def _add_media_row(document: SourceDocument, row: tuple[Any, ...]) -> None:
    document.has_image = True


def _add_term(document: SourceDocument, role: str, text: str, concept_id: int | None) -> None:
    document.texts[TERM_ROLES.get(role, "subject")].append(text)
    if concept_id is not None:
        document.concepts.append(concept_id)
    key = term_key(text, concept_id)
    if role == "object_type":
        document.type_keys.append(key)
        document.has_type_concept = document.has_type_concept or concept_id is not None
    elif role == "material":
        document.material_keys.append(key)
        document.has_material = True


def term_key(text: str, concept_id: int | None) -> str:
    """A type's or material's facet value: its concept when it has one, else its folded text."""
    return f"c{concept_id}" if concept_id is not None else f"t:{normalise(text).strip()}"


def analyse(document: SourceDocument) -> AnalysedDocument:
    fields: dict[str, str] = {}
    chars: list[str] = []
    for role in TEXT_FIELDS:
        values = document.texts.get(role)
        if values:
            words, characters = index_terms(values[0] if len(values) == 1 else "\n".join(values))
            fields[role] = " ".join(words)
            chars.extend(characters)
    if chars:
        fields[CHARS_FIELD] = " ".join(chars)
    missing = missing_criteria(document.facts())
    return AnalysedDocument(
        id=document.id,
        institution_id=document.institution_id,
        visibility=document.visibility,
        fields=fields,
        concepts=sorted(set(document.concepts)),
        keywords={
            "country": [document.country] if document.country else [],
            "type_key": sorted(set(document.type_keys)),
            "material_key": sorted(set(document.material_keys)),
            "period": periods_named(document.date_texts),
            "era": periods_containing(document.year_min, document.year_max),
            "rights": [document.rights] if document.rights else [],
            "missing": list(missing),
        },
        year_min=document.year_min,
        year_max=document.year_max,
        century=century_of_range(document.year_min, document.year_max),
        has_image=document.has_image,
        added=document.added,
        tier=tier(missing),
    )


def analyse_all(documents: Iterable[SourceDocument]) -> list[AnalysedDocument]:
    return [analyse(document) for document in documents]


def periods_named(date_texts: Iterable[tuple[str, str]]) -> list[str]:
    """The gazetteer periods a record's dates name, with the periods that contain them."""
    found: set[str] = set()
    places = gazetteer()
    for lang, text in date_texts:
        span = parse_date(text, lang)
        period = places.get(span.period) if span and span.period else None
        if period is not None:
            found.add(period.id)
            found.update(ancestor.id for ancestor in places.ancestors(period))
    return sorted(found)


@lru_cache(maxsize=65_536)  # records share a few thousand year ranges
def periods_containing(earliest: int | None, latest: int | None) -> tuple[str, ...]:
    """Every gazetteer period whose years hold the whole range."""
    if earliest is None or latest is None:
        return ()
    return tuple(period.id for period in gazetteer().all() if period.contains(earliest, latest))


def century_of(year: int) -> int:
    """17 for 1650, -3 for 250 BCE (-250); there is no century zero."""
    return (year - 1) // 100 + 1 if year > 0 else -((-year - 1) // 100 + 1)


def century_of_range(earliest: int | None, latest: int | None) -> int | None:
    """The century of the middle of a date range: one century per record, which keeps the
    facet a single-valued column that counts fast (Tang, 618–907, is the 8th century)."""
    if earliest is None or latest is None or latest - earliest > MAX_CENTURY_SPAN:
        return None
    middle = (earliest + latest) // 2
    return century_of(middle if middle != 0 else 1)


def document_json(document: AnalysedDocument) -> str:
    """The document as the JSON Tantivy's writer parses itself (cheaper than building it here)."""
    data: dict[str, Any] = {
        "id": document.id,
        "institution": document.institution_id,
        "visibility": document.visibility,
        "added": document.added,
        "has_image": document.has_image,
        "tier": document.tier,
        **document.fields,
    }
    if document.concepts:
        data["concept"] = list(document.concepts)
    for name, values in document.keywords.items():
        if values:
            data[name] = list(values)
    if document.year_min is not None and document.year_max is not None:
        data["year_min"] = document.year_min
        data["year_max"] = document.year_max
    if document.century is not None:
        data["century"] = document.century
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def documents_json_between(bounds: tuple[int, int]) -> list[str]:
    """Read, analyse and serialise a range of objects (what each rebuild worker does)."""
    return [document_json(analyse(document)) for document in source_documents_between(*bounds)]


def id_chunks(object_ids: Iterable[int], size: int) -> Iterator[list[int]]:
    chunk: list[int] = []
    for object_id in object_ids:
        chunk.append(object_id)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
