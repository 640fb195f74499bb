"""ObjectRecord: Caravan's own shape of a catalogue record, independent of any source format.

Importers and mappers produce ObjectRecords; `services.object_upsert` stores them. The shape is
the one of the demo data's JSON Lines file and is documented in docs/object-record.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from caravan.core.codes import is_country_code, is_rights_uri
from caravan.core.langmap import LanguageMap, LanguageMapError, clean_language_map, normalize_tag

TERM_FIELDS = ("object_types", "materials", "techniques", "subjects")
LANGUAGE_MAP_FIELDS = (
    "titles",
    "descriptions",
    "production_place",
    "date_display",
    "dimensions",
    "inscriptions",
    "credit_line",
)
VISIBILITIES = ("public", "members", "private")
AGENT_KINDS = ("person", "group", "culture")


class RecordError(ValueError):
    """A record that cannot be stored, with the reason in words a registrar understands."""


# The lengths of ConceptScheme.code and Concept.notation.
SCHEME_CODE_LENGTH = 40
NOTATION_LENGTH = 100


@dataclass(frozen=True)
class ConceptRef:
    scheme: str
    notation: str
    labels: LanguageMap = field(default_factory=dict)
    uri: str = ""

    def __post_init__(self) -> None:
        # Sources name schemes freely (a LIDO source may be a whole sentence); an over-long name
        # or notation is shortened the same way every time, so records still meet one concept.
        object.__setattr__(self, "scheme", _fitted(self.scheme, SCHEME_CODE_LENGTH))
        object.__setattr__(self, "notation", _fitted(self.notation, NOTATION_LENGTH))


def _fitted(text: str, length: int) -> str:
    """The text when it fits, else its start and a digest of the whole (stable, unique)."""
    if len(text) <= length:
        return text
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return f"{text[: length - 11].rstrip()}~{digest}"


@dataclass(frozen=True)
class TermRecord:
    text: str
    lang: str
    concept: ConceptRef | None = None


@dataclass(frozen=True)
class AgentRecord:
    names: LanguageMap
    kind: str = "person"
    role: LanguageMap = field(default_factory=dict)
    uri: str = ""


@dataclass(frozen=True)
class MediaRecord:
    image_url: str = ""
    thumbnail_url: str = ""
    iiif_service: str = ""
    caption: LanguageMap = field(default_factory=dict)
    rights: str = ""


@dataclass(frozen=True)
class ObjectRecord:
    local_id: str
    language: str
    titles: LanguageMap
    descriptions: LanguageMap = field(default_factory=dict)
    object_types: tuple[TermRecord, ...] = ()
    materials: tuple[TermRecord, ...] = ()
    techniques: tuple[TermRecord, ...] = ()
    subjects: tuple[TermRecord, ...] = ()
    agents: tuple[AgentRecord, ...] = ()
    production_place: LanguageMap = field(default_factory=dict)
    production_place_uri: str = ""
    # ISO 3166-1 alpha-2 code of the production place, when it names a country.
    production_country: str = ""
    date_display: LanguageMap = field(default_factory=dict)
    earliest_year: int | None = None
    latest_year: int | None = None
    dimensions: LanguageMap = field(default_factory=dict)
    inscriptions: LanguageMap = field(default_factory=dict)
    credit_line: LanguageMap = field(default_factory=dict)
    rights: str = ""
    visibility: str = "public"
    media: tuple[MediaRecord, ...] = ()
    web_page: str = ""
    source_name: str = ""
    source_format: str = ""
    raw: str = ""

    def content_hash(self) -> str:
        """A hash of everything the record says and of its raw source (see rows.py)."""
        from caravan.catalogue.rows import record_rows

        return record_rows(self).content_hash


def record_from_dict(data: dict[str, Any]) -> ObjectRecord:
    """Build and validate an ObjectRecord from its JSON shape; raises RecordError with a reason."""
    local_id = str(data.get("local_id") or "").strip()
    if not local_id:
        raise RecordError("the record has no local identifier")
    try:
        language_maps = {name: clean_language_map(data.get(name)) for name in LANGUAGE_MAP_FIELDS}
        language = normalize_tag(str(data.get("language") or "und"))
        terms = {name: _terms(data.get(name) or []) for name in TERM_FIELDS}
        agents = tuple(_agent(agent) for agent in data.get("agents") or [])
        media = tuple(_media(item) for item in data.get("media") or [])
    except LanguageMapError as error:
        raise RecordError(f"record {local_id}: {error}") from error
    if not language_maps["titles"]:
        raise RecordError(f"record {local_id}: it has no title in any language")
    earliest, latest = _years(local_id, data.get("earliest_year"), data.get("latest_year"))
    grouped: dict[str, Any] = {**language_maps, **terms}
    return ObjectRecord(
        local_id=local_id,
        language=language,
        **grouped,
        agents=agents,
        production_place_uri=str(data.get("production_place_uri") or ""),
        production_country=_country(local_id, str(data.get("production_country") or "")),
        earliest_year=earliest,
        latest_year=latest,
        rights=_rights(local_id, str(data.get("rights") or "")),
        visibility=_visibility(local_id, str(data.get("visibility") or "public")),
        media=media,
        web_page=str(data.get("web_page") or ""),
        source_name=str((data.get("source") or {}).get("name") or ""),
        source_format=str((data.get("source") or {}).get("format") or ""),
        raw=str(data.get("raw") or ""),
    )


def _terms(items: list[dict[str, Any]]) -> tuple[TermRecord, ...]:
    terms = []
    for item in items:
        text = str(item.get("text") or "").strip()
        if not text:
            continue
        concept = item.get("concept")
        terms.append(
            TermRecord(
                text=text[:500],
                lang=normalize_tag(str(item.get("lang") or "und")),
                concept=_concept(concept) if concept else None,
            )
        )
    return tuple(terms)


def _concept(data: dict[str, Any]) -> ConceptRef:
    return ConceptRef(
        scheme=str(data["scheme"]),
        notation=str(data["notation"]),
        labels=clean_language_map(data.get("labels")),
        uri=str(data.get("uri") or ""),
    )


def _agent(data: dict[str, Any]) -> AgentRecord:
    kind = str(data.get("kind") or "person")
    if kind not in AGENT_KINDS:
        raise LanguageMapError(f"agent kind '{kind}' is not one of {', '.join(AGENT_KINDS)}")
    return AgentRecord(
        names=clean_language_map(data.get("name") or data.get("names")),
        kind=kind,
        role=clean_language_map(data.get("role")),
        uri=str(data.get("uri") or ""),
    )


def _media(data: dict[str, Any]) -> MediaRecord:
    return MediaRecord(
        image_url=str(data.get("image_url") or ""),
        thumbnail_url=str(data.get("thumbnail_url") or ""),
        iiif_service=str(data.get("iiif_service") or ""),
        caption=clean_language_map(data.get("caption")),
        rights=str(data.get("rights") or ""),
    )


def _years(local_id: str, earliest: Any, latest: Any) -> tuple[int | None, int | None]:
    try:
        earliest_year = None if earliest is None else int(earliest)
        latest_year = None if latest is None else int(latest)
    except (TypeError, ValueError) as error:
        raise RecordError(f"record {local_id}: a year is not a whole number") from error
    if earliest_year is not None and latest_year is not None and earliest_year > latest_year:
        raise RecordError(
            f"record {local_id}: earliest year {earliest_year} is after latest year {latest_year}"
        )
    return earliest_year, latest_year


def _country(local_id: str, code: str) -> str:
    code = code.strip().upper()
    if code and not is_country_code(code):
        raise RecordError(f"record {local_id}: '{code}' is not an ISO 3166-1 alpha-2 country code")
    return code


def _rights(local_id: str, uri: str) -> str:
    if uri and not is_rights_uri(uri):
        raise RecordError(
            f"record {local_id}: rights '{uri}' is not a rightsstatements.org "
            "or Creative Commons URI"
        )
    return uri


def _visibility(local_id: str, value: str) -> str:
    if value not in VISIBILITIES:
        raise RecordError(f"record {local_id}: visibility '{value}' is not one of {VISIBILITIES}")
    return value
